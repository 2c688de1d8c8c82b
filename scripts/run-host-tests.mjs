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
    const page = await browser.newPage();
    await page.exposeFunction('codeAutomationExit', (code) => {
      finish({ code: Number(code) || 0, why: `suite finished (codeAutomationExit ${code})` });
    });
    const debugWorkbench = Boolean(process.env.CLN_DEBUG_WORKBENCH);
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
