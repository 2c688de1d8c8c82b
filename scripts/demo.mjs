#!/usr/bin/env node
// `npm run demo`: try CLN Explorer with demo data (no CLN account needed), from a fresh clone.
//   - installs what it needs: `npm ci` when node_modules is missing; code-server when there is no
//     desktop VS Code
//   - builds the extension (node esbuild.js -> dist/)
//   - with a desktop `code` CLI on PATH: opens a VS Code window with this repository as the
//     extension under development (CLN_EXPLORER_DEMO=1); stays until that window is closed
//   - otherwise: starts code-server on 127.0.0.1:<port> with the extension loaded and
//     CLN_EXPLORER_DEMO=1, prints the URL to open, and stays running until Ctrl+C
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
  log('building (node esbuild.js)');
  must(process.execPath, ['esbuild.js'], 'build');

  const code = opts.codeServer ? null : desktopCode();
  if (code) {
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
  const { startCodeServer, tempDir, workbenchUrl } = await import('./lib/code-server.mjs');
  log('making sure code-server is installed (scripts/ensure-code-server.sh)');
  must('bash', [path.join(ROOT, 'scripts', 'ensure-code-server.sh')], 'code-server install');

  const workspace = tempDir('cln-demo-workspace-');
  const server = await startCodeServer({
    port: opts.port,
    folder: workspace,
    env: { CLN_EXPLORER_DEMO: '1' },
  });
  const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: ROOT });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping code-server');
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.exited.then((e) => {
    if (stopping) return;
    console.error(`[demo] code-server exited unexpectedly (${JSON.stringify(e)}):\n${server.output().slice(-3000)}`);
    process.exit(1);
  });

  process.stdout.write(
    [
      '',
      'CLN Explorer demo is running in code-server (VS Code in the browser), with demo data.',
      `Open this URL in a browser on this machine (or forward port ${opts.port}):`,
      '',
      `  ${url}`,
      '',
      'Then click the cloud icon ("CloudLinux Network") in the activity bar.',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  // Keep running until a signal arrives (the server runs in its own process group).
  setInterval(() => {}, 1 << 30);
}

main().catch((err) => {
  console.error(`[demo] ${err.stack || err.message}`);
  process.exit(1);
});
