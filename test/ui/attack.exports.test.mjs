// Attack (issue 19, item 1): another installed extension reads CLN Explorer's exports. A probe
// extension (test/ui/fixtures/exports-probe), packaged and installed beside cln-explorer.vsix in the
// same extensions folder, runs in a normal window (no extension under development, no extension
// tests: ExtensionMode.Production for both). A user signs in, lists the KernelCare keys and gives the
// API security token, so the session holds the secret key, the token and key strings. Then the
// probe reads `getExtension('cln-explorer.cln-explorer').activate()` and what two of our commands
// resolve to, walks everything reachable (own properties, getters, prototypes, Map/Set entries) and
// writes what it found to a file. It must find no secret, no key string, no session, no prompter,
// nothing it could call or replace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startCodeServerWithVsix, workbenchUrl } from '../../scripts/lib/code-server.mjs';
import { activityBarItem, answerInput, loadSimulator, pickQuickItem, runCommand, treeRow, useWorkbench } from './helpers.mjs';

const PROBE = path.join(REPO_ROOT, 'test', 'ui', 'fixtures', 'exports-probe');
const VSCE = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
const SECRET_KEY = 'ProbeSecretKey0123456789abcdefgh';
const API_TOKEN = 'ProbeApiToken0123456789abcdefghij';

/** Names that would hand the probe the session, the prompter or the journal. */
const INTERNALS = ['session', 'ui', 'prompter', 'journal', 'auth', 'secretValues', 'credentials', 'account', 'store'];
/** Methods that sign in, send to CLN, change it, or answer a prompt. */
const MUTATORS = [
  'signIn',
  'signOut',
  'signOutAll',
  'switchTo',
  'call',
  'change',
  'read',
  'storeApiToken',
  'forgetApiToken',
  'getApiToken',
  'restore',
  'confirm',
  'pick',
  'input',
  'notify',
  'startRun',
  'record',
];

/** The probe as a .vsix (vsce, as a publisher makes one), built in `dir`. */
function packageProbe(dir) {
  const source = path.join(dir, 'probe');
  fs.cpSync(PROBE, source, { recursive: true });
  const vsix = path.join(dir, 'probe.vsix');
  const r = spawnSync(VSCE, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix], { cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`vsce package failed for the probe:\n${r.stdout}\n${r.stderr}`);
  return vsix;
}

describe('attack: another installed extension reads our exports', function () {
  this.timeout(300_000);
  const cleanups = [];
  let sim;
  let reportFile;
  let report;

  before(async () => {
    sim = await loadSimulator().startSimulator({ seed: 19, secretKey: SECRET_KEY, apiToken: API_TOKEN });
  });

  /** A code-server of its own: both extensions installed with --install-extension, the probe's report file and cln.apiUrl in user settings. */
  async function normalWindow() {
    const vsix = path.join(REPO_ROOT, 'cln-explorer.vsix');
    const { server, folder, extensionsDir } = await startCodeServerWithVsix(vsix, {
      prefix: 'cln-ui-attack-exports-',
      cleanups,
      extensions: (scratch) => [packageProbe(scratch)],
      settings: (scratch) => ({ 'cln.apiUrl': sim.url, 'clnExportsProbe.reportFile': (reportFile = path.join(scratch, 'probe-report.json')) }),
    });
    assert.ok(
      fs.readdirSync(extensionsDir).some((d) => d.startsWith('cln-explorer-tests.cln-exports-probe-')),
      'the probe is installed beside CLN Explorer',
    );
    // No extensionDevelopmentPath, no extensionTestsPath: the window a user has.
    return workbenchUrl(server, { folder });
  }

  const wb = useWorkbench({ url: normalWindow });

  after(async () => {
    while (cleanups.length)
      await cleanups
        .pop()()
        .catch(() => {});
    await sim?.close();
  });

  /** Every secret the session holds after the first test, by what it is. */
  function secrets() {
    const keys = [...sim.state.kcareKeys, ...sim.state.imunifyKeys, ...sim.state.elsKeys].map((k) => k.key);
    return [['the secret key', SECRET_KEY], ['the API security token', API_TOKEN], ...keys.map((key) => [`the key string ${key}`, key])];
  }

  /** The secrets among the strings the probe found (whole, or inside a longer string): the kinds, and how many key strings. */
  function leaked(found) {
    const named = secrets()
      .filter(([, secret]) => found.strings.some((s) => s.includes(secret)))
      .map(([what]) => what);
    const keys = named.filter((what) => what.startsWith('the key string '));
    return [...named.filter((what) => !keys.includes(what)), ...(keys.length ? [`${keys.length} key strings (${keys[0].slice('the key string '.length)}, …)`] : [])];
  }

  /** What a walk reached that another extension could use or change. */
  function reachable(found) {
    return {
      internals: found.propertyNames.filter((name) => INTERNALS.includes(name)),
      mutators: found.methodNames.filter((name) => MUTATORS.includes(name)),
      functions: found.functions.slice(0, 20),
      replaceable: found.unfrozen.slice(0, 20),
      accessors: found.accessors.slice(0, 20),
    };
  }
  const NOTHING = { internals: [], mutators: [], functions: [], replaceable: [], accessors: [] };

  it('a user signs in, lists the KernelCare keys and checks them with the API token: the session holds all three kinds of secret', async () => {
    const { page } = wb;
    await activityBarItem(page, 'CloudLinux Network').click();
    await runCommand(page, 'CLN: Sign In');
    await answerInput(page, sim.credentials.login, { prompt: /CLN login/ });
    await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-box input')?.getAttribute('type') === 'password');
    await answerInput(page, SECRET_KEY, { prompt: /secret key/ });
    await treeRow(page, /^KernelCare/)
      .first()
      .click();
    const key = sim.state.kcareKeys.find((k) => k.note && /[A-Za-z]/.test(k.note));
    await treeRow(page, new RegExp(`^${key.note.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
      .first()
      .waitFor({ timeout: 30_000 });

    await runCommand(page, 'CLN: Check KernelCare Servers');
    await pickQuickItem(page, /All KernelCare servers/);
    await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-box input')?.getAttribute('type') === 'password');
    await answerInput(page, API_TOKEN, { prompt: /API security token/ });
    // The check's outcome (OK or the servers to look at) is a notification naming the account-wide scope.
    await page.locator('.part.statusbar [id="status.notifications"] .statusbar-item-label').click();
    await page
      .locator('.notifications-center .notification-list-item-message', { hasText: /all KernelCare servers of the account/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
  });

  it('the probe, in a normal window, reads our exports and finds no secret, no internals, nothing to call or replace', async () => {
    const { page } = wb;
    await runCommand(page, "CLN Probe: Read CLN Explorer's Exports");
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(reportFile)) {
      if (Date.now() > deadline) throw new Error(`the probe wrote no report to ${reportFile}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    assert.equal(report.probeMode, 1, 'the probe runs in ExtensionMode.Production: a normal window');
    assert.equal(report.found, true, 'the probe sees CLN Explorer installed');
    const exported = report.exports;
    console.log(`      exports: ${exported.type}, ${exported.objects} object(s) reached, properties: ${exported.propertyNames.join(', ') || 'none'}`);
    assert.equal(exported.truncated, false);
    assert.deepEqual(leaked(exported), [], 'no secret key, API token or key string is reachable from the exports');
    assert.deepEqual(reachable(exported), NOTHING, 'no session, prompter or journal; no function to call, no object to replace, no getter');
  });

  for (const command of ['cln.openAwpReport', 'cln.findUnusedLicenses']) {
    it(`nor in what ${command} resolves to for it`, () => {
      assert.ok(report, 'the probe has reported');
      const result = report.commands[command];
      assert.equal(result.error, undefined, `${command} ran for the probe`);
      assert.deepEqual(leaked(result), [], 'no secret key, API token or key string is reachable from the result');
      assert.deepEqual(reachable(result), NOTHING, 'no session, prompter or journal; nothing to call or replace');
      assert.ok(!['object', 'function'].includes(result.type), `${command} hands another extension no object of ours (got ${result.type})`);
    });
  }
});
