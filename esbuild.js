// Bundles the extension into ONE file, dist/extension.js (every feature, the demo's simulator
// included: it is imported with `import()`, so esbuild keeps it in the same bundle, evaluated only
// when the demo starts — one module registry, no second copy of any module with state), the
// simulator's command line (dist/sim-cli.js, `npm run sim`) and the webview scripts.
// `--production` minifies and drops sourcemaps.
const esbuild = require('esbuild');
const fs = require('fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const node = {
  ...common,
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's CommonJS build is UMD with requires esbuild cannot follow; its ES module build bundles cleanly.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, external: ['vscode'] },
  { ...node, entryPoints: { 'sim-cli': 'src/sim/cli.ts' } },
  {
    ...common,
    entryPoints: { awpReport: 'src/features/awpReport/page/awpReport.ts', cleanupReport: 'src/features/cleanup/page/cleanupReport.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

/** Bundles of earlier layouts (one per lazily loaded feature); removed so a stale one is never loaded or packaged. */
function removeStaleBundles() {
  const wanted = new Set(builds.filter((b) => b.outdir === 'dist').flatMap((b) => Object.keys(b.entryPoints)));
  if (!fs.existsSync('dist')) return;
  for (const f of fs.readdirSync('dist')) {
    const m = /^(.*)\.js(\.map)?$/.exec(f);
    if (m && !wanted.has(m[1])) fs.rmSync(`dist/${f}`);
  }
}

async function main() {
  removeStaleBundles();
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
