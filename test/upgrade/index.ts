// Second phase of the upgrade host test (scripts/run-host-tests.mjs): the extension under test
// starts in a browser profile whose SecretStorage an earlier, single-account version filled
// (test/upgrade/previous). Runs the *.test.js files of this folder with the suite's reporter.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

export function run(): Promise<void> {
  const tag = process.env.CLN_HOST_CONSOLE_TAG;
  const Base = Mocha.reporters.Base;
  const original = Base.consoleLog;
  if (tag) Base.consoleLog = (...args: unknown[]) => original(tag + util.format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: path.join(EXTENSION_ROOT, 'test', 'reporter.js'), reporterOptions: { tier: process.env.CLN_TEST_TIER || 'host' } });
  for (const file of fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(__dirname, file));
  return new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} upgrade test(s) failed`)) : resolve()));
  }).finally(() => {
    Base.consoleLog = original;
  });
}
