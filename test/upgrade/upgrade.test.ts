// Upgrade from the single-account storage, in a real VS Code: an earlier version (the fixture in
// test/upgrade/previous, same extension id) stored cln.login / cln.secretKey / cln.apiToken in this
// browser profile's SecretStorage; this build, activated afterwards, must open that account, keep its
// API token, list it in the Accounts menu, and no longer depend on the old keys.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { getApi, script, setSetting, signOutAndReset, startSim, waitFor, childrenOf, findChild } from '../suite/helpers';

const LEGACY = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'upgrade', 'previous', 'legacy.json'), 'utf8')) as { login: string; secretKey: string; apiToken: string };

describe('Upgrade from the single-account storage', function () {
  this.timeout(60_000);

  it('opens the account an earlier version stored, with its API token, in the Accounts menu, without the old keys', async () => {
    const api = await getApi();
    await waitFor(() => api.session.state.kind === 'signedIn', 'the stored account to be restored', 10_000);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: LEGACY.login });
    assert.deepStrictEqual(api.session.accounts, [LEGACY.login]);
    assert.strictEqual(await api.session.getApiToken(), LEGACY.apiToken, 'the API security token moved with the account');
    await waitFor(async () => (await vscode.authentication.getAccounts('cln')).length === 1, 'the Accounts menu to list the account');
    assert.deepStrictEqual(
      (await vscode.authentication.getAccounts('cln')).map((a) => a.label),
      [LEGACY.login],
    );

    // The moved secret works: the earlier version's account, reached at its API URL.
    const sim = await startSim({ size: { ipLicenses: 4 }, login: LEGACY.login, secretKey: LEGACY.secretKey });
    try {
      await setSetting('apiUrl', sim.url);
      await waitFor(async () => (await childrenOf(await findChild('IP Licenses'))).length > 0, 'the IP licenses of the moved account');
      assert.ok(
        sim.requests.some((r) => r.auth?.login === LEGACY.login && r.auth.valid),
        'a request signed with the moved secret key',
      );

      // The old keys are gone: signing out of the account leaves nothing a restart would bring back.
      await script([]);
      await vscode.commands.executeCommand('cln.signOut');
      assert.deepStrictEqual(api.session.state, { kind: 'signedOut', reason: undefined });
      await api.session.restore();
      assert.strictEqual(api.session.state.kind, 'signedOut', 'the old single-account keys were still there and came back');
      assert.deepStrictEqual(api.session.accounts, []);
    } finally {
      await signOutAndReset();
      await sim.close();
    }
  });
});
