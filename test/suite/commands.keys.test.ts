// Key commands (create, update, remove, set IP ranges) against the simulator.
import * as assert from 'assert';
import { Harness, nodeOf, notices, onlyNotice, titles, treeNodes, useSignedInHarness } from './commandHelpers';

describe('Key commands', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(11, (harness) => (h = harness));

  const kcareServersOf = (key: string) => h.sim.state.kcareServers.filter((s) => s.key === key);
  /** The KernelCare key with the most servers. */
  const busiestKcareKey = () => [...h.sim.state.kcareKeys].sort((a, b) => kcareServersOf(b.key).length - kcareServersOf(a.key).length)[0];

  describe('Create Key', () => {
    it('from the palette asks the family, the limit and the note, and creates a KernelCare key', async () => {
      const before = h.sim.state.kcareKeys.length;
      const prompter = h.script([{ pick: 'KernelCare' }, { input: '5' }, { input: 'web farm' }]);
      const result = await h.run<{ key: string }>('cln.createKey');
      assert.deepStrictEqual(titles(prompter), ['pick: Product family', 'input: Server limit', 'input: Note (optional)']);
      assert.strictEqual(h.sim.state.kcareKeys.length, before + 1);
      const created = h.sim.state.kcareKeys.find((k) => k.key === result.key);
      assert.ok(created, 'the simulator has the key the command reported');
      assert.deepStrictEqual([created.limit, created.note], [5, 'web farm']);
      assert.strictEqual(h.sim.mutationCounts['kcare.key.create'], 1);
      const notice = onlyNotice(prompter);
      assert.strictEqual(notice.message, `Created KernelCare key ${result.key} (limit 5).`);
    });

    it('asks the product code for Imunify, from the catalog', async () => {
      const prompter = h.script([{ pick: 'Imunify' }, { pick: 'Imunify360 up to 30 users' }, { input: '0' }, { input: '' }]);
      const result = await h.run<{ key: string }>('cln.createKey');
      assert.deepStrictEqual(titles(prompter), ['pick: Product family', 'pick: Product', 'input: Server limit', 'input: Note (optional)']);
      assert.ok(prompter.asked[1].offered?.includes('$(edit) Other code…'));
      const created = h.sim.state.imunifyKeys.find((k) => k.key === result.key);
      assert.deepStrictEqual([created?.code, created?.limit, created?.note], ['360_30', 0, null]);
      assert.strictEqual(onlyNotice(prompter).message, `Created Imunify key ${result.key} for Imunify360 up to 30 users (unlimited servers).`);
    });

    it('warns that an "Other code…" is not in the known list, and shows CLN refusing it', async () => {
      const prompter = h.script([{ pick: 'Imunify' }, { pick: /Other code/ }, { input: 'NOPE_42' }, { input: '3' }, { input: '' }]);
      await h.run('cln.createKey');
      assert.match(prompter.asked[2].warning ?? '', /"NOPE_42" is not in the known list of Imunify product codes/);
      assert.strictEqual(prompter.asked[2].validation, undefined, 'a warning does not block');
      const notice = onlyNotice(prompter);
      assert.strictEqual(notice.level, 'error');
      assert.match(notice.message, /CLN could not create an Imunify key: Unknown Imunify product code: NOPE_42/);
      assert.strictEqual(h.sim.mutationCounts['im.key.create'], undefined);
    });

    it('refuses a negative limit as it is typed, before any request', async () => {
      const prompter = h.script([{ pick: 'ELS' }, { pick: 'CentOS 6 ELS' }, { input: '-3' }]);
      await h.run('cln.createKey');
      assert.match(prompter.asked[2].validation ?? '', /whole number of servers, 0 or more/);
      assert.strictEqual(h.sim.requests.length, 0);
    });

    it('on an ELS code folder, asks only the limit and the note', async () => {
      const prompter = h.script([{ input: '2' }, { input: 'legacy' }]);
      const result = await h.run<{ key: string }>('cln.createKey', { kind: 'elsCode', code: 'UELS18' });
      assert.deepStrictEqual(titles(prompter), ['input: Server limit', 'input: Note (optional)']);
      const created = h.sim.state.elsKeys.find((k) => k.key === result.key);
      assert.deepStrictEqual([created?.code, created?.limit], ['UELS18', 2]);
    });
  });

  describe('Update Key', () => {
    it('prefills the limit and note of an Imunify key and sends the change once', async () => {
      const key = h.sim.state.imunifyKeys[0];
      const prompter = h.script([{ input: String(key.limit + 10) }, { input: 'renamed' }]);
      await h.run('cln.updateKey', nodeOf.imKey(key));
      assert.deepStrictEqual(titles(prompter), ['input: Server limit', 'input: Note (optional)']);
      assert.strictEqual(key.note, 'renamed');
      assert.strictEqual(h.sim.mutationCounts['im.key.update'], 1);
      assert.match(onlyNotice(prompter).message, new RegExp(`^Updated Imunify key ${key.key}: .* → limit ${key.limit}, note "renamed"\\.$`));
    });

    it('sends nothing when nothing changed', async () => {
      const key = h.sim.state.elsKeys[0];
      const prompter = h.script([{ input: String(key.limit) }, { input: key.description === null ? '' : String(key.description) }]);
      await h.run('cln.updateKey', nodeOf.elsKey(key));
      assert.deepStrictEqual(h.changeRequests(), []);
      assert.match(onlyNotice(prompter).message, /^Nothing to change/);
    });
  });

  describe('Remove Key', () => {
    it('counts the servers for the modal, and removes the key and its servers', async () => {
      const key = busiestKcareKey();
      const servers = kcareServersOf(key.key).length;
      assert.ok(servers > 1, 'the test needs a key with servers');
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeKey', nodeOf.kcareKey(key), [nodeOf.kcareKey(key)]);
      assert.strictEqual(prompter.asked[0].message, `Remove KernelCare key ${key.key} and its ${servers} servers?`);
      assert.match(prompter.asked[0].detail ?? '', /lose their license/);
      assert.ok(!h.sim.state.kcareKeys.some((k) => k.key === key.key));
      assert.strictEqual(kcareServersOf(key.key).length, 0);
      assert.strictEqual(h.sim.mutationCounts['kcare.key.delete'], 1);
      assert.deepStrictEqual(notices(prompter), [`info: Removed KernelCare key ${key.key}.`]);
    });

    it('from a row of the Licenses view, and the key leaves the view', async () => {
      const key = h.sim.state.kcareKeys[h.sim.state.kcareKeys.length - 1];
      const row = (await treeNodes(h.api, ['KernelCare'])).find((entry) => (entry.node as { key?: { key?: string } }).key?.key === key.key);
      assert.ok(row, 'the view shows the key');
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeKey', row.node, [row.node]);
      assert.match(prompter.asked[0].message ?? '', new RegExp(`^Remove KernelCare key ${key.key}`));
      assert.ok(!(await treeNodes(h.api, ['KernelCare'])).some((entry) => (entry.node as { key?: { key?: string } }).key?.key === key.key));
    });

    it('changes nothing when the modal is cancelled', async () => {
      const key = h.sim.state.imunifyKeys[1];
      const prompter = h.script([{ confirm: false }]);
      await h.run('cln.removeKey', nodeOf.imKey(key));
      assert.ok(h.sim.state.imunifyKeys.includes(key));
      assert.deepStrictEqual(h.changeRequests(), []);
      assert.deepStrictEqual(prompter.notices, []);
    });

    it('from the palette picks one key of any family', async () => {
      const key = h.sim.state.elsKeys[0];
      const prompter = h.script([{ pick: key.key }, { confirm: true }]);
      await h.run('cln.removeKey');
      assert.strictEqual(prompter.asked[0].title, 'Key to remove');
      assert.ok(prompter.asked[0].offered?.includes('KernelCare keys') && prompter.asked[0].offered.includes('ELS keys'), 'keys listed under their families');
      assert.ok(!h.sim.state.elsKeys.includes(key));
      assert.strictEqual(h.sim.mutationCounts['els.key.remove'], 1);
    });
  });

  describe('Set Key IP Ranges', () => {
    it('refuses a bad range as it is typed, then sets valid ranges', async () => {
      const key = h.sim.state.kcareKeys[0];
      let prompter = h.script([{ input: '192.0.2.0/33' }]);
      await h.run('cln.setKeyCidr', nodeOf.kcareKey(key));
      assert.match(prompter.asked[0].validation ?? '', /prefix \/33 .* larger than \/32/);
      assert.strictEqual(h.sim.requests.length, 0);

      prompter = h.script([{ input: '192.0.2.0/24; 198.51.100.0/25 2001:db8::/32' }]);
      await h.run('cln.setKeyCidr', nodeOf.kcareKey(key));
      assert.deepStrictEqual(key.cidr, ['192.0.2.0/24', '198.51.100.0/25', '2001:db8::/32']);
      assert.deepStrictEqual(notices(prompter), [`info: Set the IP ranges of KernelCare key ${key.key} to 192.0.2.0/24,198.51.100.0/25,2001:db8::/32.`]);
    });
  });
});
