// Bundles the extension host code, the in-process simulator used by demo mode,
// and the webview scripts. `--production` minifies and drops sourcemaps.
const esbuild = require('esbuild');

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

// Every bundle gets its own copy of a module's state, so '@vscode/l10n' (translatable text in the
// vscode-free layers) resolves to src/cln/l10n.ts: the same API, with the loaded translations kept
// process-wide, so the bundle configured at activation serves the lazily loaded bundles too.
const path = require('path');
const sharedL10n = {
  name: 'shared-l10n',
  setup(build) {
    build.onResolve({ filter: /^@vscode\/l10n$/ }, () => ({ path: path.join(__dirname, 'src', 'cln', 'l10n.ts') }));
  },
};

const builds = [
  {
    ...common,
    // The clean-up report and its sweep are a bundle of their own, required on first use (src/webviews/cleanupCommand.ts);
    // so are Change License IP / Product (src/commands/index.ts), Find and Sort All Servers (src/commands/find.ts), View as JSON (src/editors/jsonLoader.ts), the language-model tools (src/tools/index.ts) and the report pages' text (src/webviews/awpReportHtml.ts).
    entryPoints: { extension: 'src/extension.ts', simulator: 'src/sim/index.ts', cleanup: 'src/webviews/cleanupPanel.ts', transfer: 'src/commands/licenseTransfer.ts', accountCommands: 'src/commands/accountHandlers.ts', activityCommands: 'src/commands/activityHandlers.ts', findCommands: 'src/commands/findHandlers.ts', pageStrings: 'src/webviews/pageStrings.ts', jsonView: 'src/editors/jsonView.ts', lmTools: 'src/tools/lmTools.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [sharedL10n],
  },
  {
    // Desired-state files (issue 12), loaded on first use. jsonc-parser's CommonJS build is UMD
    // with requires esbuild cannot follow; its ES module build bundles cleanly.
    ...common,
    entryPoints: { desired: 'src/desiredBundle.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    plugins: [sharedL10n],
  },
  {
    ...common,
    entryPoints: { 'sim-cli': 'src/sim/cli.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [sharedL10n],
  },
  {
    ...common,
    entryPoints: { awpReport: 'src/webviews/client/awpReport.ts', cleanupReport: 'src/webviews/client/cleanupReport.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

async function main() {
  const fs = require('fs');
  // Entry points that do not exist yet are skipped, so partial checkouts still build.
  const present = builds
    .map((b) => ({ ...b, entryPoints: Object.fromEntries(Object.entries(b.entryPoints).filter(([, p]) => fs.existsSync(p))) }))
    .filter((b) => Object.keys(b.entryPoints).length > 0);
  if (watch) {
    for (const b of present) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(present.map((b) => esbuild.build(b)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
