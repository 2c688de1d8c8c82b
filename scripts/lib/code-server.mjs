// Start a throwaway code-server (VS Code 1.100.3 web + Node extension host) and a headless
// Debian chromium to drive it. Shared by the extension-host tier, the UI tier and the demo.
// Facts behind the flags: /work/shared/vscode-offline-testing.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM_PATH = process.env.CLN_CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const cacheRoot = () => process.env.CLN_CODE_SERVER_CACHE || path.join(os.homedir(), '.cache', 'cln-explorer');

/** Directory of the installed code-server package (holds out/node/entry.js), installing it if needed. */
export function ensureCodeServer() {
  const dir = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
  const marker = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`, '.cln-install-complete');
  if (fs.existsSync(marker) && fs.existsSync(path.join(dir, 'out', 'node', 'entry.js'))) return dir;
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-code-server.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`scripts/ensure-code-server.sh failed (exit ${r.status})`);
  const printed = r.stdout.trim().split('\n').pop();
  if (!printed || !fs.existsSync(path.join(printed, 'out', 'node', 'entry.js'))) {
    throw new Error(`ensure-code-server.sh printed an unusable path: ${JSON.stringify(printed)}`);
  }
  return printed;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** "600" (seconds), "90s", "10m", "600000ms" -> milliseconds; empty -> fallbackMs. */
export function parseDuration(text, fallbackMs) {
  if (!text) return fallbackMs;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min)?\s*$/i.exec(text);
  if (!m) throw new Error(`cannot read duration ${JSON.stringify(text)} (try "600", "90s", "10m")`);
  const n = Number(m[1]);
  const unit = (m[2] || 's').toLowerCase();
  return unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000;
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/**
 * Environment for code-server: ours plus overrides, minus variables that would make it talk to
 * the VS Code this script may be running inside (VSCODE_IPC_HOOK_CLI turns `code-server` into a
 * CLI client of that instance) or run Electron as plain Node.
 */
function serverEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  }
  return { ...env, ...extra };
}

/**
 * User settings every UI test file starts with (scripts/run-ui-tests.mjs, and test/ui/helpers.mjs
 * when a file runs on its own). The files share one code-server, so a theme switched by one file
 * would otherwise decide the look of the next files' screenshots; VS Code for the web defaults to
 * Light Modern, the screenshots in docs/ are in Dark Modern.
 */
export const UI_TEST_SETTINGS = Object.freeze({ 'workbench.colorTheme': 'Default Dark Modern' });

/**
 * Starts code-server on a free 127.0.0.1 port with a fresh user-data-dir.
 * `settings` are user settings written next to the defaults below (e.g. UI_TEST_SETTINGS).
 * @param {{ extensionsDir?: string, env?: Record<string,string>, folder?: string, port?: number,
 *           args?: string[], log?: (line: string) => void, startTimeoutMs?: number,
 *           settings?: Record<string, unknown> }} [opts]
 * @returns {Promise<{ url: string, port: number, pid: number, userDataDir: string,
 *           extensionsDir: string, folder: string|undefined, output: () => string,
 *           exited: Promise<{ code: number|null, signal: string|null }>, stop: () => Promise<void> }>}
 */
export async function startCodeServer(opts = {}) {
  const csDir = ensureCodeServer();
  const entry = path.join(csDir, 'out', 'node', 'entry.js');
  const port = opts.port ?? (await freePort());
  const scratch = tempDir('cln-code-server-');
  const userDataDir = path.join(scratch, 'user-data');
  fs.mkdirSync(userDataDir);
  const extensionsDir = opts.extensionsDir ?? path.join(scratch, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Keep the window calm and deterministic: no welcome page, no tips, no telemetry notice.
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        ...(opts.settings ?? {}),
      },
      null,
      2,
    ),
  );

  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--config',
    path.join(scratch, 'config.yaml'),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...(opts.args ?? []),
  ];
  if (opts.folder) args.push(opts.folder);

  let output = '';
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (opts.log || process.env.CLN_DEBUG_CODE_SERVER) {
      for (const line of String(chunk).split('\n')) {
        if (line.trim()) (opts.log ?? ((l) => process.stderr.write(`[code-server] ${l}\n`)))(line);
      }
    }
  };
  // detached: code-server leads its own process group, so stop() can end it together with the
  // extension host, pty host and file watcher it forks.
  const child = spawn(process.execPath, args, {
    cwd: opts.folder ?? scratch,
    env: serverEnv({ ...(opts.env ?? {}) }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const onParentExit = () => killGroup('SIGKILL');
  process.on('exit', onParentExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onParentExit);
    killGroup('SIGTERM');
    const t = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exitPromise;
    clearTimeout(t);
    // Children of the group that ignored SIGTERM.
    killGroup('SIGKILL');
    fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${output.slice(-4000)}`);
    }
    if ((await httpStatus(`${url}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} in time:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    pid: child.pid,
    userDataDir,
    extensionsDir,
    folder: opts.folder,
    output: () => output,
    /** Resolves with { code, signal } when the server process exits (for whatever reason). */
    exited: exitPromise,
    stop,
  };
}

/**
 * Workbench URL that opens `folder` and, optionally, loads an extension under development and/or
 * runs an extension test suite in the remote (Node) extension host.
 * @param {{ url: string, port: number }} server
 * @param {{ folder?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} o
 */
export function workbenchUrl(server, o = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const payload = [];
  if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  const q = [];
  if (o.folder) q.push(`folder=${encodeURIComponent(path.resolve(o.folder))}`);
  if (payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}/${q.length ? `?${q.join('&')}` : ''}`;
}

/**
 * Headless Debian chromium through playwright-core (no browser download). playwright gives every
 * launch a fresh temporary profile (it refuses an explicit --user-data-dir with launch()) and
 * deletes it on close.
 * @param {{ headless?: boolean }} [opts]
 */
export async function launchChromium(opts = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: CHROMIUM_FLAGS,
  });
}

/** Runs `node <code-server>/out/node/entry.js ...args` to completion (e.g. --install-extension). */
export function codeServerCli(args, { extensionsDir, userDataDir } = {}) {
  const csDir = ensureCodeServer();
  const scratch = tempDir('cln-code-server-cli-');
  try {
    const r = spawnSync(
      process.execPath,
      [
        path.join(csDir, 'out', 'node', 'entry.js'),
        '--config',
        path.join(scratch, 'config.yaml'),
        '--user-data-dir',
        userDataDir ?? path.join(scratch, 'user-data'),
        ...(extensionsDir ? ['--extensions-dir', extensionsDir] : []),
        ...args,
      ],
      { encoding: 'utf8', env: serverEnv({}), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Installs a packaged .vsix into `extensionsDir` with code-server's own --install-extension, as a
 * user would; returns the installed folder's name. Throws with code-server's output when it fails.
 */
export function installExtension(vsix, extensionsDir) {
  const r = codeServerCli(['--install-extension', vsix], { extensionsDir });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`--install-extension failed (exit ${r.status}):\n${out}`);
  }
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('cln-explorer.cln-explorer-'));
  if (installed.length !== 1) throw new Error(`expected one cln-explorer in ${extensionsDir}, found ${installed}`);
  return installed[0];
}

/**
 * A code-server of its own with `vsix` installed (--install-extension, as a user would), in a
 * scratch folder holding its extensions and an empty workspace. Pushes onto `cleanups` what stops
 * the server and removes the folder. `settings` (over UI_TEST_SETTINGS) and `extensions` (more .vsix
 * files to install beside it) may be functions of the scratch folder. Returns the server, the
 * workspace, the installed folder's name, the scratch and extensions folders.
 */
export async function startCodeServerWithVsix(vsix, { prefix, cleanups, settings = {}, extensions = [] }) {
  if (!fs.existsSync(vsix)) throw new Error(`Run \`npm run package\` first: ${path.basename(vsix)} is missing.`);
  const scratch = tempDir(prefix);
  cleanups.push(async () => fs.rmSync(scratch, { recursive: true, force: true }));
  const extensionsDir = path.join(scratch, 'extensions');
  const folder = path.join(scratch, 'workspace');
  fs.mkdirSync(extensionsDir);
  fs.mkdirSync(folder);
  const installed = installExtension(vsix, extensionsDir);
  for (const more of typeof extensions === 'function' ? extensions(scratch) : extensions) installExtension(more, extensionsDir);
  const own = typeof settings === 'function' ? settings(scratch) : settings;
  const server = await startCodeServer({ extensionsDir, folder, settings: { ...UI_TEST_SETTINGS, ...own } });
  cleanups.push(() => server.stop());
  return { server, folder, installed, scratch, extensionsDir };
}
