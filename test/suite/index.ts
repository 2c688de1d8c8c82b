// Extension-host test entry: VS Code (code-server via scripts/run-host-tests.mjs, or desktop via
// @vscode/test-electron in test/runElectron.ts) loads this compiled file (out/test/suite/index.js)
// inside the extension host and awaits run(). Resolve = pass, reject = fail.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

/** Repository root = extension root: out/test/suite -> ../../.. */
const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/**
 * Under code-server the extension host's console reaches the harness only as browser console
 * messages, mixed with the workbench's own log lines. When scripts/run-host-tests.mjs sets
 * CLN_HOST_CONSOLE_TAG, the reporter's lines are pre-formatted into one string that starts with
 * that tag, so the harness can tell the test report from the workbench's log and knows when the
 * run started. (console.log itself cannot be replaced: VS Code's console forwarder defines it
 * with a no-op setter.) Returns a function that undoes it.
 */
function tagReporterOutput(tag: string | undefined): () => void {
  if (!tag) return () => {};
  const Base = Mocha.reporters.Base;
  const original = Base.consoleLog;
  Base.consoleLog = (...args: unknown[]) => original(tag + util.format(...args));
  return () => {
    Base.consoleLog = original;
  };
}

export function run(): Promise<void> {
  const restoreConsole = tagReporterOutput(process.env.CLN_HOST_CONSOLE_TAG);
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    // By absolute path: the extension host's working directory is not the repository.
    reporter: path.join(EXTENSION_ROOT, 'test', 'reporter.js'),
    reporterOptions: { tier: process.env.CLN_TEST_TIER || 'host' },
    // CLN_TEST_GREP=text runs only the tests whose full title contains it (focused runs).
    grep: process.env.CLN_TEST_GREP || undefined,
  });
  const files = findTests(__dirname);
  for (const file of files) mocha.addFile(file);

  const done = new Promise<void>((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no *.test.js files under ${__dirname}`));
      return;
    }
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  return done.finally(restoreConsole);
}
