#!/usr/bin/env node
// Extension-host tier: runs the mocha suite in out/test/suite (the same one test-electron runs)
// inside a real VS Code - code-server 1.100.3's Node extension host, driven by headless chromium.
//
//   node scripts/run-host-tests.mjs        (npm run test:host)
//
// Env: CLN_HOST_TEST_TIMEOUT  overall limit; seconds, or with a unit: "90s", "10m", "600000ms"
//                             (default 10m)
//      CLN_TEST_TIER          tier name in the CLN-RESULT line (default "host")
//      CLN_*                  passed through to code-server and so to the extension host
//      CLN_DEBUG_CODE_SERVER  echo code-server's own log; CLN_DEBUG_WORKBENCH echo all page console
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { REPO_ROOT, launchChromium, parseDuration, startCodeServer, tempDir, workbenchUrl } from './lib/code-server.mjs';
import { runOutcome } from './lib/outcome.mjs';

const SUITE_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'suite', 'index.js');
// The upgrade phase: an earlier, single-account version (a fixture with the same extension id) fills
// SecretStorage in a browser profile of its own, then this build starts there and runs test/upgrade.
const PREVIOUS_VERSION = path.join(REPO_ROOT, 'test', 'upgrade', 'previous');
const UPGRADE_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'upgrade', 'index.js');
const EXTENSION_MAIN = path.join(REPO_ROOT, 'dist', 'extension.js');

function log(msg) {
  process.stdout.write(`[host-tests] ${msg}\n`);
}

function buildIfMissing() {
  const steps = [];
  if (!fs.existsSync(SUITE_ENTRY)) steps.push([process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']]);
  if (!fs.existsSync(EXTENSION_MAIN)) steps.push([process.execPath, ['esbuild.js']]);
  for (const [cmd, args] of steps) {
    log(`building: ${path.basename(cmd)} ${args.join(' ')}`);
    // tsc emits even with type errors; what matters here is whether the outputs exist.
    spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  for (const f of [SUITE_ENTRY, EXTENSION_MAIN]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(REPO_ROOT, f)} is missing after building`);
  }
}

// The reporter's lines carry this tag (see tagReporterOutput in test/suite/index.ts); the
// workbench's own log lines do not.
const CONSOLE_TAG = '\u2063CLN\u2063';
// How the workbench's console logger prints a line, including lines the extension host forwards:
// console.log('%c INFO', 'color: #33f', message, ...args).
const LOGGER_PREFIX = /^%c\s*(TRACE|DEBUG|INFO|WARN|ERR)$/;

/**
 * Forwards the extension host's console to stdout, in order. Tagged lines (the mocha report) are
 * printed from the start; untagged logger lines only between the first tagged line (the run
 * began) and the suite's exit, which is where console.log calls made by tests land. Everything
 * else (and everything, with CLN_DEBUG_WORKBENCH) is workbench noise.
 */
function consoleForwarder(debugWorkbench) {
  let chain = Promise.resolve();
  let running = false;
  const out = (line) => process.stdout.write(`${line}\n`);
  const handle = async (msg) => {
    const text = msg.text();
    const at = text.indexOf(CONSOLE_TAG);
    if (at >= 0) {
      running = true;
      out(text.slice(at + CONSOLE_TAG.length));
      return;
    }
    if (debugWorkbench) {
      out(`[workbench:${msg.type()}] ${text}`);
      return;
    }
    if (!running) return;
    const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '[unserializable]')));
    if (typeof args[0] !== 'string' || !LOGGER_PREFIX.test(args[0])) return;
    const [fmt, ...rest] = args.slice(2);
    out(typeof fmt === 'string' ? util.format(fmt, ...rest) : util.format(...args.slice(2)));
  };
  return {
    onConsole(msg) {
      chain = chain.then(() => handle(msg)).catch(() => {});
    },
    flush: () => chain,
  };
}

/**
 * Loads the workbench in `context` with an extension and a test entry; resolves with the code the
 * workbench passes to codeAutomationExit (0: the entry's run() resolved).
 */
async function runWorkbench(server, context, { extensionDevelopmentPath, extensionTestsPath, folder, forwarder, limitMs }) {
  const page = await context.newPage();
  try {
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code) || 0));
    page.on('console', (msg) => forwarder.onConsole(msg));
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath: extensionTestsPath.replace(/\.js$/, '') }), { waitUntil: 'domcontentloaded' });
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), limitMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    await forwarder.flush();
    return code;
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Upgrade from the single-account storage: in a fresh browser profile (its own localStorage,
 * where code-server keeps SecretStorage), the earlier version stores its credentials, then this
 * build starts in the same profile and runs test/upgrade. Skipped when CLN_TEST_GREP names
 * something else. Returns a failure reason, or undefined.
 */
async function upgradePhase(server, browser, folder, debugWorkbench) {
  const grep = process.env.CLN_TEST_GREP;
  if (grep && !/upgrade/i.test(grep)) return undefined;
  if (!fs.existsSync(UPGRADE_ENTRY)) return `${path.relative(REPO_ROOT, UPGRADE_ENTRY)} is missing`;
  const context = await browser.newContext();
  try {
    const forwarder = consoleForwarder(debugWorkbench);
    const seeded = await runWorkbench(server, context, { extensionDevelopmentPath: PREVIOUS_VERSION, extensionTestsPath: path.join(PREVIOUS_VERSION, 'seed.js'), folder, forwarder, limitMs: 120_000 });
    if (seeded !== 0) return `the earlier version did not store its credentials (exit ${seeded})`;
    log('upgrade: the earlier single-account version stored its credentials; starting this build in the same profile');
    const code = await runWorkbench(server, context, { extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: UPGRADE_ENTRY, folder, forwarder: consoleForwarder(debugWorkbench), limitMs: 180_000 });
    return code === 0 ? undefined : `the upgrade tests failed (exit ${code})`;
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  const limitMs = parseDuration(process.env.CLN_HOST_TEST_TIMEOUT, 10 * 60_000);
  const started = Date.now();
  buildIfMissing();

  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()();
      } catch (err) {
        log(`cleanup: ${err.message}`);
      }
    }
  };
  const { outcome, finish, stopTimer } = runOutcome(limitMs, 'CLN_HOST_TEST_TIMEOUT');

  let forwarder = null;
  // The startup steps run in parallel with the timer and signals: whichever settles first wins.
  const work = (async () => {
    const workspace = tempDir('cln-host-ws-');
    cleanups.push(() => fs.rmSync(workspace, { recursive: true, force: true }));

    const passEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('CLN_')));
    const server = await startCodeServer({
      folder: workspace,
      env: { ...passEnv, CLN_TEST_TIER: process.env.CLN_TEST_TIER || 'host', CLN_HOST_CONSOLE_TAG: CONSOLE_TAG },
    });
    cleanups.push(() => server.stop());
    log(`code-server ${server.url} (pid ${server.pid}) up after ${Date.now() - started}ms`);

    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const debugWorkbench = Boolean(process.env.CLN_DEBUG_WORKBENCH);
    const upgradeProblem = await upgradePhase(server, browser, workspace, debugWorkbench);
    if (upgradeProblem) log(upgradeProblem);
    const page = await browser.newPage();
    await page.exposeFunction('codeAutomationExit', (code) => {
      const failed = Number(code) || (upgradeProblem ? 1 : 0);
      finish({ code: failed, why: `suite finished (codeAutomationExit ${code})${upgradeProblem ? `; ${upgradeProblem}` : ''}` });
    });
    forwarder = consoleForwarder(debugWorkbench);
    page.on('console', (msg) => forwarder.onConsole(msg));
    page.on('pageerror', (err) => {
      if (debugWorkbench) process.stdout.write(`[workbench:pageerror] ${err.message}\n`);
    });
    page.on('crash', () => finish({ code: 1, why: 'the workbench page crashed' }));

    const url = workbenchUrl(server, {
      folder: workspace,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_ENTRY.replace(/\.js$/, ''),
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
  })();
  work.catch((err) => finish({ code: 1, why: `harness error: ${err.stack || err.message}` }));
  const result = await outcome;
  stopTimer();
  // Console messages still being serialized (the CLN-RESULT line is among the last).
  if (forwarder) await Promise.race([forwarder.flush(), new Promise((r) => setTimeout(r, 5000))]);
  if (result.code !== 0) log(result.why);
  else log(`${result.why} in ${Math.round((Date.now() - started) / 1000)}s`);
  await cleanup();
  process.exit(result.code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
