// Sign in, sign out, demo mode and the end of a session CLN refuses, through the real commands.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Simulator } from '../../src/sim';
import { childLabels, childrenOf, findChild, getApi, script, setSetting, signInTo, signOutAndReset, startSim, waitFor, waitForOutput } from './helpers';

describe('Session: sign in, sign out, demo', function () {
  this.timeout(60_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSim({ seed: 3 });
  });
  beforeEach(async () => {
    await signOutAndReset();
    sim.faults.clear();
    sim.resetLog();
  });
  after(async () => {
    await signOutAndReset();
    await sim?.close();
  });

  it('asks the login, then the secret key as a password, verifies with one request and shows the account', async () => {
    const api = await getApi();
    const prompter = await signInTo(sim);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: sim.credentials.login });
    assert.deepStrictEqual(
      prompter.asked.map((a) => [a.type, a.title, a.validation]),
      [
        ['input', 'Sign In to CloudLinux Network (1/2)', undefined],
        ['input', 'Sign In to CloudLinux Network (2/2)', undefined],
      ],
    );
    const verification = sim.requests.filter((r) => r.endpointId !== 'status.json');
    assert.deepStrictEqual(
      verification.map((r) => [r.endpointId, r.auth?.valid]),
      [['ipl.check', true]],
    );
    assert.deepStrictEqual(
      prompter.notices.map((n) => n.message),
      [`Signed in to CLN as ${sim.credentials.login}.`],
    );
    assert.deepStrictEqual(await childLabels(), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS', 'Backups']);
  });

  it('keeps the secret in SecretStorage only: not in settings, output or notices', async () => {
    const api = await getApi();
    const prompter = await signInTo(sim);
    const secret = sim.credentials.secretKey;
    // Demo mode leaves stored credentials alone; leaving it restores the account from SecretStorage.
    await vscode.commands.executeCommand('cln.useDemoData');
    assert.strictEqual(api.session.state.kind, 'demo');
    await vscode.commands.executeCommand('cln.signOut');
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: sim.credentials.login }, 'restored from SecretStorage');

    const settings = JSON.stringify(vscode.workspace.getConfiguration('cln'));
    assert.ok(!settings.includes(secret), 'the secret is in the cln settings');
    for (const key of ['apiUrl', 'pageSize']) assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('cln').inspect(key)).includes(secret));
    await childrenOf(await findChild('KernelCare'));
    const lines = await waitForOutput((line) => /GET \/kcare\/key\/list\.json\?token=<redacted> 200/.test(line), 'the key list request');
    assert.ok(
      lines.some((line) => /GET \/ipl\/check\.json\?ip=192\.0\.2\.1&token=<redacted> 200 \d+ms/.test(line)),
      'one line per request, token redacted',
    );
    assert.ok(lines.some((line) => /GET \/kcare\/key\/list\.json\?token=<redacted> 200/.test(line)));
    for (const line of lines) {
      assert.ok(!line.includes(secret), `output line has the secret: ${line}`);
      assert.doesNotMatch(line, /token=(?!<redacted>)/, 'a token in the output');
    }
    for (const notice of prompter.notices) assert.ok(!notice.message.includes(secret));
  });

  it('takes cln.apiUrl from user settings only, so a workspace cannot send the tokens elsewhere', async () => {
    const config = vscode.workspace.getConfiguration('cln');
    await assert.rejects(Promise.resolve(config.update('apiUrl', 'https://cln.attacker.example/api', vscode.ConfigurationTarget.Workspace)));
    assert.strictEqual(vscode.workspace.getConfiguration('cln').get('apiUrl'), 'https://cln.cloudlinux.com/api');
  });

  it('refuses a wrong secret key with a specific notice and stores nothing', async () => {
    const api = await getApi();
    await setSetting('apiUrl', sim.url);
    const prompter = await script([{ input: sim.credentials.login }, { input: 'WrongSecretKey0123456789abcdefXY' }]);
    await vscode.commands.executeCommand('cln.signIn');
    assert.strictEqual(api.session.state.kind, 'signedOut');
    assert.strictEqual(prompter.notices.length, 1, JSON.stringify(prompter.notices));
    const [notice] = prompter.notices;
    assert.strictEqual(notice.level, 'error');
    assert.match(notice.message, /CLN rejected the login or secret key/);
    assert.deepStrictEqual(notice.actions, ['Sign In']);
    assert.ok(!notice.message.includes('WrongSecretKey'));
    await api.session.restore();
    assert.strictEqual(api.session.state.kind, 'signedOut', 'nothing was stored');
    assert.deepStrictEqual(await childrenOf(), [], 'signed out: the views are empty and show the welcome');
  });

  it('refuses an empty login and a secret with spaces as they are typed, before any request', async () => {
    let prompter = await script([{ input: '  ' }]);
    await vscode.commands.executeCommand('cln.signIn');
    assert.strictEqual(prompter.asked[0].validation, 'Enter the CLN login.');
    prompter = await script([{ input: 'someone' }, { input: 'two words' }]);
    await vscode.commands.executeCommand('cln.signIn');
    assert.strictEqual(prompter.asked[1].validation, 'The secret key must not contain spaces or control characters.');
    assert.strictEqual(sim.requests.filter((r) => r.endpointId !== 'status.json').length, 0);
    assert.deepStrictEqual(prompter.notices, []);
  });

  it('Sign Out forgets the stored credentials', async () => {
    const api = await getApi();
    await signInTo(sim);
    const prompter = await script([]);
    await vscode.commands.executeCommand('cln.signOut');
    assert.strictEqual(api.session.state.kind, 'signedOut');
    assert.match(prompter.notices[0].message, /Signed out of CLN\. The secret key of demo-reseller was removed/);
    await api.session.restore();
    assert.strictEqual(api.session.state.kind, 'signedOut', 'restore found no credentials');
    assert.strictEqual(api.session.account, undefined);
  });

  it('signs out with the reason when CLN starts refusing the secret mid-session', async () => {
    const api = await getApi();
    await signInTo(sim);
    const prompter = await script([]);
    sim.faults.set('kcare.key.list', { kind: 'auth' });
    const children = await childrenOf(await findChild('KernelCare'));
    assert.strictEqual(children[0]?.kind, 'message');
    await waitFor(() => api.session.state.kind === 'signedOut', 'the session to end');
    const state = api.session.state;
    assert.ok(state.kind === 'signedOut' && /CLN rejected the login or secret key \(Authorization failed\)/.test(state.reason ?? ''), JSON.stringify(state));
    await waitFor(() => prompter.notices.length > 0, 'the notice');
    assert.strictEqual(prompter.notices[0].level, 'warning');
    assert.match(prompter.notices[0].message, /^Signed out of CLN: CLN rejected the login or secret key/);
    assert.deepStrictEqual(prompter.notices[0].actions, ['Sign In']);
    assert.deepStrictEqual(await childrenOf(), [], 'the views fall back to the signed-out welcome');
    await api.session.restore();
    assert.strictEqual(api.session.state.kind, 'signedOut', 'the refused credentials were forgotten');
  });

  it('Explore Demo Data starts the bundled simulator in-process and says "Demo"', async () => {
    const api = await getApi();
    const prompter = await script([]);
    await vscode.commands.executeCommand('cln.useDemoData');
    assert.strictEqual(api.session.state.kind, 'demo');
    assert.match(prompter.notices[0].message, /Nothing is sent to CloudLinux/);
    const ip = await childrenOf(await findChild('IP Licenses'));
    assert.ok(ip.length > 3, 'the demo account has IP licenses of several types');
    await api.status.refresh();
    assert.match(api.status.text, /CLN Demo/);
    assert.strictEqual(api.status.health, 'ok');
    assert.strictEqual(sim.requests.length, 0, 'demo requests go to its own simulator');
    await vscode.commands.executeCommand('cln.signOut');
    assert.strictEqual(api.session.state.kind, 'signedOut');
  });

  it('Leave Demo Data returns from the demo to the account; outside the demo it changes nothing', async () => {
    const api = await getApi();
    const kind = (): string => api.session.state.kind;
    await signInTo(sim);
    await vscode.commands.executeCommand('cln.useDemoData');
    assert.strictEqual(kind(), 'demo');
    let prompter = await script([]);
    await vscode.commands.executeCommand('cln.leaveDemo');
    assert.strictEqual(kind(), 'signedIn');
    assert.deepStrictEqual(
      prompter.notices.map((n) => n.message),
      [`Left the CLN demo account; back to ${sim.credentials.login}.`],
    );
    prompter = await script([]);
    await vscode.commands.executeCommand('cln.leaveDemo');
    assert.strictEqual(kind(), 'signedIn', 'still signed in: Leave Demo Data never signs out of an account');
    assert.deepStrictEqual(
      prompter.notices.map((n) => n.message),
      ['The CLN demo account is not open: there is nothing to leave.'],
    );
  });
});
