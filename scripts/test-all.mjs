#!/usr/bin/env node
// `npm test`: every test tier, in order, with one summary at the end.
//   1. dependencies: `npm ci` when node_modules is missing; code-server via
//      scripts/ensure-code-server.sh (when the host or ui tier runs)
//   2. build: tsc -p . && node esbuild.js; lint: eslint . and format: prettier --check . (each counted as
//      1 passed or 1 failed)
//   3. tiers: unit (mocha, .mocharc.json: out/test/unit/**/*.test.js - fuzz/property tests live
//      there too), host (scripts/run-host-tests.mjs: the extension-host suite inside code-server),
//      ui (scripts/run-ui-tests.mjs: the packaged extension driven in chromium)
// Each tier's output streams through; its mocha reporter (test/reporter.js) ends with
//   CLN-RESULT {"tier":"…","passed":N,"failed":N,"pending":N}
// A step or tier that fails without such a line counts as 1 failed. The very last line printed is
// exactly "N passed, N failed" (all tiers); the exit code is 1 when anything failed.
//
// Env: CLN_TEST_TIERS=unit,host   run only these tiers (default: unit,host,ui)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL_TIERS = ['unit', 'host', 'ui'];
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const say = (msg) => process.stdout.write(`\n=== ${msg}\n`);

/**
 * Runs a command with output streamed through, collecting CLN-RESULT lines from stdout.
 * @returns {Promise<{ code: number, results: Array<{tier:string,passed:number,failed:number,pending:number}>, ms: number }>}
 */
function run(cmd, args, { env = {}, collect = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', collect ? 'pipe' : 'inherit', 'inherit'],
    });
    const results = [];
    if (collect) {
      let pending = '';
      const scan = (line) => {
        const m = /CLN-RESULT (\{.*\})\s*$/.exec(line);
        if (!m) return;
        try {
          results.push(JSON.parse(m[1]));
        } catch {
          /* not ours */
        }
      };
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop();
        lines.forEach(scan);
      });
      child.stdout.on('end', () => pending && scan(pending));
    }
    child.on('error', (err) => {
      process.stderr.write(`cannot start ${cmd}: ${err.message}\n`);
      resolve({ code: 127, results, ms: Date.now() - started });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), results, ms: Date.now() - started }));
  });
}

function findFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

async function main() {
  const tiers = (process.env.CLN_TEST_TIERS || ALL_TIERS.join(','))
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = tiers.filter((t) => !ALL_TIERS.includes(t));
  if (unknown.length) {
    console.error(`CLN_TEST_TIERS: unknown tier(s) ${unknown.join(', ')} (known: ${ALL_TIERS.join(', ')})`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exitCode = 1;
    return;
  }

  /** @type {Array<{ name: string, passed: number, failed: number, pending: number, note: string }>} */
  const rows = [];
  const stepFailed = (name, note) => rows.push({ name, passed: 0, failed: 1, pending: 0, note });

  // 1. Dependencies.
  if (!fs.existsSync(path.join(ROOT, 'node_modules'))) {
    say('npm ci (node_modules is missing)');
    const r = await run(NPM, ['ci']);
    if (r.code !== 0) stepFailed('npm ci', `exit ${r.code}`);
  }
  if (tiers.includes('host') || tiers.includes('ui')) {
    say('code-server (scripts/ensure-code-server.sh)');
    const r = await run('bash', [path.join(ROOT, 'scripts', 'ensure-code-server.sh')]);
    if (r.code !== 0) stepFailed('code-server install', `exit ${r.code}`);
  }

  // 2. Build. A failed type check is a failure, but the tiers still run on whatever was emitted.
  say('build: tsc -p .');
  const tsc = await run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
  if (tsc.code !== 0) stepFailed('build (tsc)', `exit ${tsc.code}`);
  say('build: node esbuild.js');
  const esb = await run(process.execPath, ['esbuild.js']);
  if (esb.code !== 0) stepFailed('build (esbuild)', `exit ${esb.code}`);

  // Lint: style and the layering of src/ (eslint.config.mjs). One row, 1 passed or 1 failed.
  say('lint: eslint .');
  const eslintBin = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  if (!fs.existsSync(eslintBin)) {
    stepFailed('lint', 'eslint is not installed: run `npm ci` (package.json lists it in devDependencies)');
  } else {
    const lint = await run(process.execPath, [eslintBin, '.']);
    rows.push({ name: 'lint', passed: lint.code === 0 ? 1 : 0, failed: lint.code === 0 ? 0 : 1, pending: 0, note: `${(lint.ms / 1000).toFixed(1)}s${lint.code === 0 ? '' : `, exit ${lint.code}`}` });
  }

  // Format: the sources are as Prettier writes them (.prettierrc.json; `npm run format` fixes). One row.
  say('format: prettier --check .');
  const prettierBin = path.join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
  if (!fs.existsSync(prettierBin)) {
    stepFailed('format', 'prettier is not installed: run `npm ci` (package.json lists it in devDependencies)');
  } else {
    const format = await run(process.execPath, [prettierBin, '--check', '.', '--log-level', 'warn']);
    rows.push({
      name: 'format',
      passed: format.code === 0 ? 1 : 0,
      failed: format.code === 0 ? 0 : 1,
      pending: 0,
      note: `${(format.ms / 1000).toFixed(1)}s${format.code === 0 ? '' : ', run `npm run format`'}`,
    });
  }

  // 3. Tiers.
  const commands = {
    unit: [process.execPath, [path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js')]],
    host: [process.execPath, [path.join(ROOT, 'scripts', 'run-host-tests.mjs')]],
    ui: [process.execPath, [path.join(ROOT, 'scripts', 'run-ui-tests.mjs')]],
  };
  for (const tier of tiers) {
    if (tier === 'unit' && findFiles(path.join(ROOT, 'test', 'unit'), '.test.ts').length === 0) {
      rows.push({ name: tier, passed: 0, failed: 0, pending: 0, note: 'no test/unit/**/*.test.ts, skipped' });
      continue;
    }
    say(`tier: ${tier}`);
    const [cmd, args] = commands[tier];
    const r = await run(cmd, args, { env: { CLN_TEST_TIER: tier }, collect: true });
    const sum = r.results.reduce(
      (a, x) => ({
        passed: a.passed + (Number(x.passed) || 0),
        failed: a.failed + (Number(x.failed) || 0),
        pending: a.pending + (Number(x.pending) || 0),
      }),
      { passed: 0, failed: 0, pending: 0 },
    );
    let note = `${(r.ms / 1000).toFixed(1)}s`;
    if (r.results.length === 0) {
      sum.failed += 1;
      note += `, exit ${r.code} without a CLN-RESULT line (counted as 1 failed)`;
    } else if (r.code !== 0 && sum.failed === 0) {
      sum.failed += 1;
      note += `, exit ${r.code} although no test failed (counted as 1 failed)`;
    }
    rows.push({ name: tier, ...sum, note });
  }

  const total = rows.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed }), {
    passed: 0,
    failed: 0,
  });
  say('summary');
  for (const r of rows) {
    const pending = r.pending ? `, ${r.pending} pending` : '';
    process.stdout.write(`${r.name.padEnd(18)} ${r.passed} passed, ${r.failed} failed${pending}  (${r.note})\n`);
  }
  process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
  process.exitCode = total.failed > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.stdout.write('0 passed, 1 failed\n');
  process.exitCode = 1;
});
