// Several CLN accounts through the real commands: two signed in at once (each with its own API URL
// from the "cln.accounts" setting), switching between them (trees, status bar and the account item
// follow), signing out of one in the Accounts menu's way leaving the other, and the sessions the
// AuthenticationProvider gives VS Code never holding a secret.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Simulator } from '../../src/sim';
import type { ToWebview } from '../../src/features/cleanup/core/protocol';
import type { CleanupReportPanel } from '../../src/features/cleanup/panel';
import { childrenOf, findChild, getApi, script, setSetting, signOutAndReset, startSim, waitFor, watchPosts } from './helpers';

describe('Accounts: several CLN accounts, the switcher and the Accounts menu', function () {
  this.timeout(60_000);
  let alpha: Simulator;
  let beta: Simulator;

  before(async () => {
    await signOutAndReset();
    alpha = await startSim({ seed: 4, size: { ipLicenses: 3 }, login: 'alpha-reseller', secretKey: 'AlphaSecretKey0123456789abcdefAB' });
    beta = await startSim({ seed: 5, size: { ipLicenses: 7 }, login: 'beta-reseller', secretKey: 'BetaSecretKey0123456789abcdefABC' });
  });
  beforeEach(async () => {
    await signOutAndReset();
    // Each account its own API URL; the global cln.apiUrl points nowhere useful.
    await setSetting('accounts', { 'alpha-reseller': { apiUrl: alpha.url }, 'beta-reseller': { apiUrl: beta.url } });
    alpha.resetLog();
    beta.resetLog();
  });
  after(async () => {
    await signOutAndReset();
    await alpha?.close();
    await beta?.close();
  });

  async function signIn(sim: Simulator): Promise<void> {
    const prompter = await script([{ input: sim.credentials.login }, { input: sim.credentials.secretKey }]);
    await vscode.commands.executeCommand('cln.signIn');
    assert.strictEqual(prompter.notices[0]?.level, 'info', JSON.stringify(prompter.notices));
  }

  async function ipLicenseRows(): Promise<number> {
    const types = await childrenOf(await findChild('IP Licenses'));
    let rows = 0;
    for (const type of types) rows += (await childrenOf(type)).length;
    return rows;
  }

  it('two accounts signed in at once; switching makes the trees, the status bar and the account item follow', async () => {
    const api = await getApi();
    await signIn(alpha);
    await signIn(beta);
    assert.deepStrictEqual(api.session.accounts, ['alpha-reseller', 'beta-reseller']);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'beta-reseller' });
    assert.strictEqual(await ipLicenseRows(), beta.state.ipLicenses.length);
    await api.status.refresh();
    assert.ok(
      beta.requests.some((r) => r.endpointId === 'status.json'),
      "the status bar asked beta's API",
    );
    assert.match(api.accountItem.text, /beta-reseller/);

    // The switcher lists both accounts (which is active), the demo and signing in to another.
    const prompter = await script([{ pick: /alpha-reseller/ }]);
    await vscode.commands.executeCommand('cln.switchAccount');
    const [asked] = prompter.asked;
    assert.deepStrictEqual(asked.offered, ['$(account) alpha-reseller', '$(account) beta-reseller', '$(beaker) Demo', '$(add) Sign In to Another Account…']);
    assert.deepStrictEqual(asked.descriptions?.slice(0, 2), [undefined, 'active']);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'alpha-reseller' });
    alpha.resetLog();
    beta.resetLog();
    assert.strictEqual(await ipLicenseRows(), alpha.state.ipLicenses.length, "the tree shows alpha's licenses");
    await api.status.refresh();
    assert.ok(
      alpha.requests.some((r) => r.endpointId === 'status.json'),
      "the status bar asks alpha's API now",
    );
    assert.deepStrictEqual(
      beta.requests.map((r) => r.endpointId),
      [],
      'nothing goes to beta any more',
    );
    assert.match(api.accountItem.text, /alpha-reseller/);
    assert.match(api.accountItem.tooltip, /2 accounts signed in/);

    // The demo is an account of its own in the list; leaving it returns to alpha.
    await script([{ pick: /Demo/ }]);
    await vscode.commands.executeCommand('cln.switchAccount');
    assert.strictEqual(api.session.state.kind, 'demo');
    assert.match(api.accountItem.text, /Demo/);
    await script([]);
    await vscode.commands.executeCommand('cln.signOut');
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'alpha-reseller' });
    assert.deepStrictEqual(api.session.accounts, ['alpha-reseller', 'beta-reseller'], 'the demo left both accounts signed in');
  });

  it('signing out of one account in the Accounts menu (removeSession) leaves the other signed in and shown', async () => {
    const api = await getApi();
    await signIn(alpha);
    await signIn(beta);
    await script([]);
    await vscode.commands.executeCommand('cln.switchAccount', 'alpha-reseller');
    const removed = new Promise<vscode.AuthenticationSessionsChangeEvent>((resolve) => {
      const subscription = vscode.authentication.onDidChangeSessions((event) => {
        if (event.provider.id === 'cln') {
          subscription.dispose();
          resolve(event);
        }
      });
    });
    await api.auth.removeSession('beta-reseller');
    await removed;
    assert.deepStrictEqual(api.session.accounts, ['alpha-reseller']);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'alpha-reseller' }, 'the active account stays');
    await waitFor(async () => (await vscode.authentication.getAccounts('cln')).length === 1, 'the Accounts menu to list one account');
    assert.deepStrictEqual(
      (await vscode.authentication.getAccounts('cln')).map((a) => a.label),
      ['alpha-reseller'],
    );
    assert.strictEqual(await ipLicenseRows(), alpha.state.ipLicenses.length);
    // beta's secret is gone: switching to it says what to do.
    const prompter = await script([]);
    await vscode.commands.executeCommand('cln.switchAccount', 'beta-reseller');
    assert.match(prompter.notices[0]?.message ?? '', /You are not signed in to CLN as beta-reseller/);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'alpha-reseller' });
  });

  it('CLN: Sign Out asks which account when several are signed in, and signs out of that one only', async () => {
    const api = await getApi();
    await signIn(alpha);
    await signIn(beta);
    const prompter = await script([{ pick: /alpha-reseller/ }]);
    await vscode.commands.executeCommand('cln.signOut');
    assert.strictEqual(prompter.asked[0].title, 'Sign Out of a CLN Account');
    assert.deepStrictEqual(prompter.asked[0].offered, ['$(account) beta-reseller', '$(account) alpha-reseller'], 'the active account first');
    assert.match(prompter.notices[0].message, /The secret key of alpha-reseller was removed/);
    assert.deepStrictEqual(api.session.accounts, ['beta-reseller']);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'beta-reseller' });
  });

  it("the AuthenticationProvider's sessions list each account and never hold the secret key", async () => {
    const api = await getApi();
    await signIn(alpha);
    await signIn(beta);
    await waitFor(async () => (await vscode.authentication.getAccounts('cln')).length === 2, 'the Accounts menu to list both accounts');
    assert.deepStrictEqual((await vscode.authentication.getAccounts('cln')).map((a) => a.label).sort(), ['alpha-reseller', 'beta-reseller']);
    const sessions = await api.auth.getSessions(undefined, {});
    assert.deepStrictEqual(
      sessions.map((s) => [s.id, s.account.label, s.accessToken, s.scopes]),
      [
        ['alpha-reseller', 'alpha-reseller', '', []],
        ['beta-reseller', 'beta-reseller', '', []],
      ],
    );
    // What VS Code would hand an extension that asks (silently: no consent was given, so nothing or no secret).
    const silent = await vscode.authentication.getSession('cln', [], { silent: true });
    const seen = JSON.stringify([sessions, silent ?? null, await api.auth.getSessions(undefined, { account: { id: 'alpha-reseller', label: 'alpha-reseller' } })]);
    for (const secret of [alpha.credentials.secretKey, beta.credentials.secretKey]) {
      assert.ok(!seen.includes(secret), 'a session holds a secret key');
      assert.ok(!seen.includes(secret.slice(0, 12)), 'a session holds part of a secret key');
    }
    assert.doesNotMatch(seen, /\|\d{9,}\|[0-9a-f]{40}/, 'a session holds a CLN request token');
  });

  it('signing in from the Accounts menu (createSession) runs the normal sign-in and returns a session without the secret', async () => {
    const api = await getApi();
    await signIn(alpha);
    const prompter = await script([{ input: beta.credentials.login }, { input: beta.credentials.secretKey }]);
    const created = await api.auth.createSession([], {});
    assert.deepStrictEqual(
      prompter.asked.map((a) => a.title),
      ['Sign In to CloudLinux Network (1/2)', 'Sign In to CloudLinux Network (2/2)'],
    );
    assert.deepStrictEqual([created.id, created.account.label, created.accessToken, created.scopes], ['beta-reseller', 'beta-reseller', '', []]);
    assert.ok(!JSON.stringify(created).includes(beta.credentials.secretKey));
    assert.deepStrictEqual(api.session.accounts, ['alpha-reseller', 'beta-reseller']);
    // A sign-in the user cancels ends the Accounts menu's sign-in with a plain error, and changes nothing.
    await script([{ cancel: true }]);
    await assert.rejects(Promise.resolve(api.auth.createSession([], {})), /Signing in to CloudLinux Network did not complete/);
    assert.deepStrictEqual(api.session.accounts, ['alpha-reseller', 'beta-reseller']);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'beta-reseller' });
  });

  it('a failed sign-in to another account leaves the active one as it was; a rejected secret signs out that account only', async () => {
    const api = await getApi();
    await signIn(alpha);
    await signIn(beta);
    const before = api.session.account;
    const prompter = await script([{ input: 'alpha-reseller' }, { input: 'WrongSecretKey0123456789abcdefXY' }]);
    await vscode.commands.executeCommand('cln.signIn', 'another');
    assert.match(prompter.notices[0]?.message ?? '', /CLN rejected the login or secret key/);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'beta-reseller' });
    assert.strictEqual(api.session.account, before, 'the active account was not reloaded');
    assert.deepStrictEqual(api.session.accounts, ['alpha-reseller', 'beta-reseller'], "alpha's stored secret was kept");

    // CLN starts refusing beta's secret: beta is signed out, alpha stays.
    const notices = await script([]);
    beta.faults.set('kcare.key.list', { kind: 'auth' });
    await childrenOf(await findChild('KernelCare'));
    await waitFor(() => api.session.state.kind === 'signedOut', 'beta to be signed out');
    beta.faults.clear();
    assert.deepStrictEqual(api.session.accounts, ['alpha-reseller']);
    await waitFor(() => notices.notices.length > 0, 'the notice');
    assert.match(notices.notices[0].message, /^Signed out of CLN: CLN rejected the login or secret key/);
    assert.deepStrictEqual(notices.notices[0].actions, ['Sign In', 'Switch Account']);
    await script([]);
    await vscode.commands.executeCommand('cln.switchAccount', 'alpha-reseller');
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: 'alpha-reseller' });
  });

  it('the clean-up report follows the active account: findings of the previous one are cleared, nothing is sent until Rescan', async () => {
    await signIn(alpha);
    await signIn(beta);
    await script([]);
    await vscode.commands.executeCommand('cln.switchAccount', 'alpha-reseller');
    await script([{ input: '30' }]);
    const report = (await vscode.commands.executeCommand<CleanupReportPanel>('cln.findUnusedLicenses'))!;
    try {
      const posted = watchPosts<ToWebview>(report.panel.webview);
      await report.sweeping;
      assert.ok(report.findings.length > 0, 'alpha has findings');
      beta.resetLog();
      await script([]);
      await vscode.commands.executeCommand('cln.switchAccount', 'beta-reseller');
      const problem = [...posted].reverse().find((m) => m.type === 'problem');
      assert.ok(problem && problem.type === 'problem' && /now beta-reseller; the findings shown were the previous account's and were cleared\. Rescan/.test(problem.message), JSON.stringify(problem));
      assert.strictEqual(report.findings.length, 0);
      assert.deepStrictEqual(
        beta.requests.filter((r) => r.endpointId !== 'status.json').map((r) => r.endpointId),
        [],
        'nothing was swept in beta unasked',
      );
      await report.handleMessage({ type: 'rescan', refresh: true });
      const done = [...posted].reverse().find((m) => m.type === 'done');
      assert.ok(done && done.type === 'done');
      assert.strictEqual(done.scanned.ip.items, beta.state.ipLicenses.length, "the rescan read beta's licenses");
    } finally {
      report.dispose();
    }
  });
});
