// What the live CLN service sends, end to end in the extension host against the simulator
// (which speaks the live dialect): KernelCare checks from the live Nagios form, the account's
// API security token for the reseller check, out-of-date marks and patch levels in the tree,
// and IP license types the reference does not list.
import * as assert from 'assert';
import { ipTypeName } from '../../src/cln/catalog';
import type { TreeNode } from '../../src/explorer/nodes';
import { isInactive, SimKcareServer } from '../../src/sim';
import { Harness, nodeOf, notices, onlyNotice, titles, useSignedInHarness } from './commandHelpers';
import { findChild, findKey, itemOf, tooltipOf, waitForOutput } from './helpers';

describe('Real CLN: KernelCare checks, the API security token, open-ended types', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(31, (harness) => (h = harness));
  beforeEach(async () => {
    await h.api.session.forgetApiToken();
  });

  const serversOf = (key: string) => h.sim.state.kcareServers.filter((s) => s.key === key);
  const label = (s: SimKcareServer) => `${s.hostname} (${s.ip})`;
  const counts = (servers: SimKcareServer[]) => {
    const now = Date.now();
    const active = servers.filter((s) => !isInactive(s, now));
    const out = active.filter((s) => s.kernelState === 'outdated').length;
    const unsupported = active.filter((s) => s.kernelState === 'unsupported').length;
    return `${active.length - out - unsupported} up to date, ${out} out of date, ${unsupported} unsupported, ${servers.length - active.length} inactive`;
  };

  /** A key whose servers checked in lately; the first of them out of date. */
  function keyWithOutdatedServer(): { key: string; outdated: SimKcareServer } {
    const server = h.sim.state.kcareServers[h.sim.state.kcareServers.length - 1];
    for (const s of serversOf(server.key)) {
      s.lastCheckin = { ms: Date.now() - 3_600_000, offset: 0 };
      s.kernelState = 'ok';
    }
    server.kernelState = 'outdated';
    return { key: server.key, outdated: server };
  }

  async function serverRow(key: string, ip: string): Promise<TreeNode> {
    const keyNode = await findKey(key, await findChild('KernelCare'));
    return findChild(ip, keyNode);
  }

  describe('Check KernelCare Servers', () => {
    it('on a key: the counts and the named out-of-date servers from the live Nagios form; the tree marks them, with patch levels', async () => {
      const { key, outdated } = keyWithOutdatedServer();
      const prompter = h.script([]);
      await h.run('cln.checkKernelCareHealth', nodeOf.kcareKey(h.sim.state.kcareKeys.find((k) => k.key === key)!));
      const notice = onlyNotice(prompter);
      assert.strictEqual(notice.level, 'error');
      assert.strictEqual(notice.message, `KernelCare CRITICAL for KernelCare key ${key}: ${counts(serversOf(key))}; 1 server out of date: ${label(outdated)}.`);
      assert.deepStrictEqual(notice.actions, ['Show Servers', 'Copy List', 'Show Log']);
      assert.ok(h.sim.requests.some((r) => r.endpointId === 'kcare.nagios.key' && r.path === `/kcare/nagios/${key}`));

      // The tree marks the server the check named, and shows its patch level.
      const row = await itemOf(await serverRow(key, outdated.ip!));
      assert.match(String(row.description), /^⚠ out of date · /);
      assert.match(String(row.description), / · patch level \d+$/);
      assert.match(tooltipOf(row), new RegExp(`Out of date: the KernelCare check at .* said "${label(outdated).replace(/[.()]/g, '\\$&')} is OUTOFDATE"`));
      assert.match(tooltipOf(row), /Patch level: \d+/);
      const other = serversOf(key).find((s) => s !== outdated);
      if (other) assert.doesNotMatch(String((await itemOf(await serverRow(key, other.ip!))).description), /out of date/);
    });

    it('on a key without servers: CLN\'s own words ("Servers not found for key …") as the message', async () => {
      const empty = h.sim.state.kcareKeys.find((k) => serversOf(k.key).length === 0)!;
      const prompter = h.script([]);
      await h.run('cln.checkKernelCareHealth', nodeOf.kcareKey(empty));
      const notice = onlyNotice(prompter);
      assert.strictEqual(notice.level, 'error');
      assert.strictEqual(notice.message, `CLN could not check the KernelCare servers of a key: Servers not found for key ${empty.key}.`);
    });

    it('from a server row checks the servers of its key', async () => {
      const { key, outdated } = keyWithOutdatedServer();
      const prompter = h.script([]);
      await h.run('cln.checkKernelCareHealth', nodeOf.kcareServer(outdated));
      assert.match(onlyNotice(prompter).message, new RegExp(`^KernelCare CRITICAL for KernelCare key ${key}: `));
    });

    it('the whole account: asks for the API security token once, keeps it secret, then checks without asking', async () => {
      const prompter = h.script([{ pick: /All KernelCare servers/ }, { input: h.sim.apiToken }]);
      await h.run('cln.checkKernelCareHealth');
      assert.deepStrictEqual(titles(prompter), ['pick: KernelCare servers to check', 'input: CLN API security token']);
      const all = h.sim.state.kcareServers;
      assert.deepStrictEqual(
        notices(prompter).map((n) => n.replace(/^\w+: /, '')),
        [`KernelCare ${/ [1-9]\d* out of date/.test(counts(all)) ? 'CRITICAL' : 'WARNING'} for all KernelCare servers of the account: ${counts(all)}.`],
      );
      const request = h.sim.requests.find((r) => r.endpointId === 'kcare.nagios.reseller')!;
      assert.strictEqual(request.path, `/kcare/nagios-res/${h.sim.credentials.login}/<redacted>`);
      assert.ok(h.api.session.secretValues.includes(h.sim.apiToken), 'the token is among the values redacted');
      const lines = await waitForOutput((line) => line.includes(`GET /kcare/nagios-res/${h.sim.credentials.login}/<redacted> 200`), 'the reseller request, redacted');
      assert.ok(!lines.some((line) => line.includes(h.sim.apiToken)), 'the output channel never shows the token');

      const again = h.script([{ pick: /All KernelCare servers/ }]);
      await h.run('cln.checkKernelCareHealth');
      assert.deepStrictEqual(titles(again), ['pick: KernelCare servers to check'], 'not asked again');
      assert.strictEqual(h.sim.requests.filter((r) => r.endpointId === 'kcare.nagios.reseller').length, 2);
    });

    it('refuses a token with spaces or slashes before any request', async () => {
      const prompter = h.script([{ pick: /All KernelCare servers/ }, { input: 'not/a token' }]);
      await h.run('cln.checkKernelCareHealth');
      assert.match(prompter.asked[1].validation ?? '', /one word/);
      assert.ok(!h.sim.requests.some((r) => r.endpointId === 'kcare.nagios.reseller'));
    });

    it("a wrong token: CLN's words, where CLN shows the token, and Replace Token; Forget or Replace API Security Token", async () => {
      const replace = h.script([{ pick: /Enter the API security token/ }, { input: 'WrongApiToken0000' }]);
      assert.strictEqual(await h.run('cln.manageApiToken'), 'replaced');
      assert.deepStrictEqual(titles(replace), ['pick: CLN API security token', 'input: CLN API security token']);

      const prompter = h.script([{ pick: /All KernelCare servers/ }]);
      await h.run('cln.checkKernelCareHealth');
      const notice = onlyNotice(prompter);
      assert.strictEqual(notice.level, 'error');
      assert.match(
        notice.message,
        new RegExp(`^CLN could not check the KernelCare servers of the account: Registration token not found for reseller ${h.sim.credentials.login}\\. .*API security token`),
      );
      assert.match(notice.message, /cln\.cloudlinux\.com/);
      assert.ok(!notice.message.includes('WrongApiToken0000'));
      assert.deepStrictEqual(notice.actions, ['Replace Token']);

      const forget = h.script([{ pick: /Forget the API security token/ }]);
      assert.strictEqual(await h.run('cln.manageApiToken'), 'forgotten');
      assert.ok(!h.api.session.secretValues.includes('WrongApiToken0000'));
      assert.strictEqual(await h.api.session.getApiToken(), undefined);
      assert.match(notices(forget)[0], /forgotten/);
      const asksAgain = h.script([{ pick: /All KernelCare servers/ }, { input: h.sim.apiToken }]);
      await h.run('cln.checkKernelCareHealth');
      assert.deepStrictEqual(titles(asksAgain), ['pick: KernelCare servers to check', 'input: CLN API security token']);
    });

    it('patch levels: where CLN does not answer them, the rows show nothing extra, no error row, and the key is not asked again', async () => {
      const { key, outdated } = keyWithOutdatedServer();
      h.sim.state.patchsetUnavailable.push(key);
      await h.run('cln.refresh');
      const row = await itemOf(await serverRow(key, outdated.ip!));
      assert.doesNotMatch(String(row.description), /patch level/);
      const keyNode = await findKey(key, await findChild('KernelCare'));
      await h.run('cln.refresh', keyNode);
      await findChild(outdated.ip!, keyNode);
      assert.strictEqual(h.sim.requests.filter((r) => r.endpointId === 'kcare.patchset' && r.query.key === key).length, 1, 'asked once this session');
    });
  });

  describe('Demo mode', () => {
    after(async () => {
      await h.api.session.signIn(h.sim.credentials.login, h.sim.credentials.secretKey);
    });

    it('checks the whole demo account without asking for a token, from the live Nagios form', async () => {
      await h.api.session.startDemo();
      const prompter = h.script([{ pick: /All KernelCare servers/ }]);
      await h.run('cln.checkKernelCareHealth');
      assert.deepStrictEqual(titles(prompter), ['pick: KernelCare servers to check']);
      const notice = onlyNotice(prompter);
      assert.match(notice.message, /^KernelCare (CRITICAL|WARNING|OK) for all KernelCare servers of the account: \d+ up to date, \d+ out of date, \d+ unsupported, \d+ inactive\.$/);
    });

    it('checks a demo key: the counts and the named out-of-date servers', async () => {
      const account = h.api.session.account!;
      const keys = await account.read('kcare.key.list', {});
      let named: string | undefined;
      for (const { key } of keys) {
        const status = await account.read('kcare.nagios.key', { key }).catch(() => undefined);
        if (status?.outOfDate.length) {
          named = key;
          break;
        }
      }
      assert.ok(named, 'the demo account has a key with an out-of-date server');
      const prompter = h.script([]);
      await h.run('cln.checkKernelCareHealth', { kind: 'kcareKey', key: keys.find((k) => k.key === named)! });
      assert.match(
        onlyNotice(prompter).message,
        new RegExp(`^KernelCare CRITICAL for KernelCare key ${named}: \\d+ up to date, [1-9]\\d* out of date, \\d+ unsupported, \\d+ inactive; \\d+ servers? out of date: [^ ]+ \\(`),
      );
    });
  });

  describe('IP license types the reference lacks', () => {
    const TYPE_44 = { ip: '198.51.100.44', type: 44 };
    beforeEach(() => {
      if (!h.sim.state.ipLicenses.some((l) => l.ip === TYPE_44.ip)) {
        h.sim.state.ipLicenses.push({ ...TYPE_44, registered: true, created: { ms: Date.now() - 86_400_000, offset: 0 }, elsAllowed: false, serverInfo: null, lastCheckin: null });
      }
    });

    it('a type-44 license shows under its name, converts, and is not offered the CloudLinux OS 6 (ELS) option', async () => {
      await h.run('cln.refresh');
      const typeNode = await findChild(ipTypeName(44), await findChild('IP Licenses'));
      assert.strictEqual(ipTypeName(44), 'Imunify360 up to 5 users');
      const row = await findChild(TYPE_44.ip, typeNode);
      const item = await itemOf(row);
      assert.match(item.contextValue ?? '', /^ipLicense\b.*\bremovable\b.*\bconvertible\b/);
      assert.doesNotMatch(item.contextValue ?? '', /\bupdatable\b/);
      const prompter = h.script([]);
      await h.run('cln.updateIpLicense', row);
      assert.deepStrictEqual(h.changeRequests(), []);
      assert.match(onlyNotice(prompter).message, /Imunify360 up to 5 users, which has no such option/);
    });

    it('a type-44 license can be removed from its tree row', async () => {
      await h.run('cln.refresh');
      const row = await findChild(TYPE_44.ip, await findChild(ipTypeName(44), await findChild('IP Licenses')));
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeIpLicense', row, [row]);
      assert.strictEqual(prompter.asked[0].message, `Remove the Imunify360 up to 5 users license of ${TYPE_44.ip}?`);
      assert.deepStrictEqual(
        h.changeRequests().map((r) => r.query),
        [{ ip: TYPE_44.ip, type: '44' }],
      );
      assert.ok(!h.sim.state.ipLicenses.some((l) => l.ip === TYPE_44.ip));
      assert.match(onlyNotice(prompter).message, /^Removed /);
    });

    it('Register takes a type the list lacks, with a warning, not an error; CLN decides', async () => {
      const prompter = h.script([{ input: '192.0.2.77' }, { pick: /Other type/ }, { input: '9999' }]);
      await h.run('cln.registerIpLicense');
      const typed = prompter.asked.find((a) => a.title === 'License type' && a.type === 'input')!;
      assert.match(typed.warning ?? '', /Type 9999 is not in the known list/);
      assert.strictEqual(typed.validation, undefined);
      assert.deepStrictEqual(
        h.changeRequests().map((r) => r.query),
        [{ ip: '192.0.2.77', type: '9999' }],
      );
      assert.match(onlyNotice(prompter).message, /Invalid license type: 9999/);
    });
  });
});
