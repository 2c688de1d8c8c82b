#!/usr/bin/env node
// UI tier: packages the extension (npm run package -> cln-explorer.vsix), installs the .vsix into
// a fresh extensions dir of a throwaway code-server, then runs mocha (in Node, not in VS Code)
// over test/ui/**/*.test.mjs; those tests drive the workbench in headless chromium through
// test/ui/helpers.mjs, which read the workbench URL from CLN_UI_URL.
//
//   node scripts/run-ui-tests.mjs            (npm run test:ui)
//
// Env: CLN_UI_TEST_TIMEOUT  overall limit (seconds, or "90s" / "10m"; default 10m)
//      CLN_UI_SKIP_PACKAGE  reuse an existing cln-explorer.vsix instead of packaging again
//      CLN_TEST_TIER        tier name in the CLN-RESULT line (default "ui")
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, parseDuration, startCodeServerWithVsix, workbenchUrl } from './lib/code-server.mjs';
import { runOutcome } from './lib/outcome.mjs';

const VSIX = path.join(REPO_ROOT, 'cln-explorer.vsix');
const MOCHA = path.join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
const REPORTER = path.join(REPO_ROOT, 'test', 'reporter.js');

const log = (msg) => process.stdout.write(`[ui-tests] ${msg}\n`);

function packageExtension() {
  if (process.env.CLN_UI_SKIP_PACKAGE && fs.existsSync(VSIX)) {
    log(`reusing ${path.relative(REPO_ROOT, VSIX)} (CLN_UI_SKIP_PACKAGE)`);
    return;
  }
  fs.rmSync(VSIX, { force: true });
  log('npm run package');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !fs.existsSync(VSIX)) {
    throw new Error(`npm run package failed (exit ${r.status}); see its output above`);
  }
}

async function main() {
  const limitMs = parseDuration(process.env.CLN_UI_TEST_TIMEOUT, 10 * 60_000);
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length)
      await cleanups
        .pop()()
        .catch((e) => log(`cleanup: ${e.message}`));
  };
  let mocha = null;
  const { outcome, finish, stopTimer } = runOutcome(limitMs, 'CLN_UI_TEST_TIMEOUT');

  const work = (async () => {
    packageExtension();
    log(`installing ${path.basename(VSIX)} into a code-server of its own`);
    const { server, folder: workspace, installed } = await startCodeServerWithVsix(VSIX, { prefix: 'cln-ui-', cleanups });
    log(`installed ${installed}`);
    log(`code-server ${server.url} (pid ${server.pid})`);

    const args = [MOCHA, '--no-config', '--no-package', '--reporter', REPORTER, '--reporter-option', 'tier=ui', '--timeout', '120000', '--recursive', 'test/ui/**/*.test.mjs'];
    // Own process group, so a time-out also ends the chromium instances the tests started.
    mocha = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
      env: {
        ...process.env,
        CLN_TEST_TIER: process.env.CLN_TEST_TIER || 'ui',
        CLN_UI_URL: workbenchUrl(server, { folder: workspace }),
        CLN_UI_FOLDER: workspace,
      },
    });
    mocha.on('exit', (code, signal) => finish({ code: code ?? 1, why: `mocha exited with ${code ?? signal}` }));
  })();
  work.catch((err) => finish({ code: 1, why: `harness error: ${err.stack || err.message}` }));

  const result = await outcome;
  stopTimer();
  if (mocha && mocha.exitCode === null && mocha.signalCode === null) {
    try {
      process.kill(-mocha.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  log(result.why);
  await cleanup();
  process.exit(result.code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
