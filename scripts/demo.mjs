#!/usr/bin/env node
// `npm run demo`: try CLN Explorer with demo data (no CLN account needed), from a fresh clone.
//   - installs what it needs: `npm ci` when node_modules is missing; code-server when there is no
//     desktop VS Code
//   - with a desktop `code` CLI on PATH: builds (node esbuild.js -> dist/) and opens a VS Code
//     window with this repository as the extension under development (CLN_EXPLORER_DEMO=1);
//     stays until that window is closed
//   - otherwise: packages the extension (npm run package -> cln-explorer.vsix), installs it into a
//     fresh extensions folder of code-server on 127.0.0.1:<port>, starts code-server with
//     CLN_EXPLORER_DEMO=1 (the extension opens demo data and its view), prints the one address
//     to open (http://127.0.0.1:<port>/) and stays running until Ctrl+C
//
//   npm run demo [-- --port 8080] [-- --code-server]
// Env: PORT (default 8080), CLN_DEMO_CODE_SERVER=1 (same as --code-server).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const log = (msg) => process.stdout.write(`[demo] ${msg}\n`);

function parseArgs(argv) {
  const out = { port: Number(process.env.PORT) || 8080, codeServer: Boolean(process.env.CLN_DEMO_CODE_SERVER) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port' || a === '-p') out.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) out.port = Number(a.slice('--port='.length));
    else if (a === '--code-server') out.codeServer = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run demo [-- --port 8080] [-- --code-server]\n');
      process.exit(0);
    } else {
      console.error(`unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(out.port) || out.port <= 0 || out.port > 65535) {
    console.error(`invalid port ${out.port}`);
    process.exit(2);
  }
  return out;
}

/**
 * Runs a step whose output a user does not need (vsce lists every file it packs: ~40 lines before the
 * address). Success prints nothing; a failure prints everything it said, then stops.
 */
function quietly(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    console.error(`[demo] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

function must(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[demo] ${what} failed (exit ${r.status})`);
    process.exit(1);
  }
}

/** A desktop VS Code CLI on PATH (not code-server's remote CLI inside a browser terminal). */
function desktopCode() {
  if (process.env.VSCODE_IPC_HOOK_CLI && process.env.VSCODE_PROXY_URI) return null; // code-server terminal
  const r = spawnSync('code', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 && /^\d+\.\d+\.\d+/.test(r.stdout) ? 'code' : null;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));

  if (!fs.existsSync(path.join(ROOT, 'node_modules'))) {
    log('npm ci');
    must(NPM, ['ci'], 'npm ci');
  }
  const code = opts.codeServer ? null : desktopCode();
  if (code) {
    log('building (node esbuild.js)');
    must(process.execPath, ['esbuild.js'], 'build');
    log(`opening VS Code with ${ROOT} as the extension under development (CLN_EXPLORER_DEMO=1)`);
    log('close that window (or press Ctrl+C here) to end the demo');
    const child = spawn(code, ['--new-window', '--wait', `--extensionDevelopmentPath=${ROOT}`], {
      stdio: 'inherit',
      env: { ...process.env, CLN_EXPLORER_DEMO: '1' },
    });
    process.on('SIGINT', () => child.kill('SIGTERM'));
    child.on('exit', (c) => process.exit(c ?? 0));
    return;
  }

  // Imported here so a desktop-only run does not need anything code-server related.
  const { installExtension, startCodeServer, tempDir } = await import('./lib/code-server.mjs');
  log('packaging the extension (npm run package)');
  const packed = /Packaged: .*?(\([^)]*\))/.exec(quietly(NPM, ['run', '--silent', 'package'], 'npm run package'));
  log(`packaged cln-explorer.vsix${packed ? ` ${packed[1]}` : ''}`);
  log('making sure code-server is installed (scripts/ensure-code-server.sh)');
  must('bash', [path.join(ROOT, 'scripts', 'ensure-code-server.sh')], 'code-server install');

  // A fresh workspace and extensions folder per run, with the packaged extension installed in it:
  // the plain address opens the workspace, and the extension is there as for any user.
  const scratch = tempDir('cln-demo-');
  const workspace = path.join(scratch, 'workspace');
  const extensionsDir = path.join(scratch, 'extensions');
  fs.mkdirSync(workspace);
  fs.mkdirSync(extensionsDir);
  log(`installing cln-explorer.vsix (${installExtension(path.join(ROOT, 'cln-explorer.vsix'), extensionsDir)})`);
  const server = await startCodeServer({
    port: opts.port,
    folder: workspace,
    extensionsDir,
    env: { CLN_EXPLORER_DEMO: '1' },
  });
  const url = `${server.url}/`;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping code-server');
    await server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.exited.then((e) => {
    if (stopping) return;
    console.error(`[demo] code-server exited unexpectedly (${JSON.stringify(e)}):\n${server.output().slice(-3000)}`);
    process.exit(1);
  });

  process.stdout.write(['', `CLN Explorer demo (VS Code in the browser, a simulated account): open ${url}`, 'Press Ctrl+C to stop.', ''].join('\n'));
  // Keep running until a signal arrives (the server runs in its own process group).
  setInterval(() => {}, 1 << 30);
}

main().catch((err) => {
  console.error(`[demo] ${err.stack || err.message}`);
  process.exit(1);
});
