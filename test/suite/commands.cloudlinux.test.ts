// CloudLinux OS keys (CLN API v2) through the commands and the Licenses view, against the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Harness, notices, onlyNotice, titles, treeLabels, treeNodes, useSignedInHarness } from './commandHelpers';

describe('CloudLinux OS keys (API v2)', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(13, (harness) => (h = harness));

  const serversOf = (key: string) => h.sim.state.clServers.filter((s) => s.key === key);
  const v2Requests = () => h.sim.requests.filter((r) => r.path.startsWith('/v2/'));
  const keyRow = async (product: string, key: string) => {
    const row = (await treeNodes(h.api, ['CloudLinux OS', product])).find((entry) => (entry.node as { key?: { key?: string } }).key?.key === key);
    assert.ok(row, `the view shows key ${key} under ${product}`);
    return row;
  };

  it('the view shows the products, each key with its servers against its limit, and servers with no check-in reported', async () => {
    const products = await treeLabels(h.api, ['CloudLinux OS']);
    assert.deepStrictEqual(products, ['CloudLinux OS Legacy', 'CloudLinux OS Shared Pro', 'CloudLinux OS Solo', 'CloudLinux OS Admin']);
    const key = h.sim.state.clKeys.find((k) => k.product === 'CLS' && serversOf(k.key).length > 0)!;
    const row = await keyRow('CloudLinux OS Solo', key.key);
    const item = await h.api.licenses.getTreeItem(row.node as never);
    const held = serversOf(key.key).length;
    const usage = key.limit === 0 ? `${held} server${held === 1 ? '' : 's'} · unlimited` : `${held} / ${key.limit} server${key.limit === 1 ? '' : 's'}`;
    assert.ok(String(item.description).startsWith(usage), String(item.description));
    const servers = await h.api.licenses.getChildren(row.node as never);
    const first = await h.api.licenses.getTreeItem(servers![0]);
    assert.match(String(first.description), /no check-in reported/);
  });

  it('Create CloudLinux OS Key from the palette: product, limit, note, a preview, then one POST', async () => {
    const before = h.sim.state.clKeys.length;
    const prompter = h.script([{ pick: 'CloudLinux OS Shared Pro' }, { input: '4' }, { input: 'agency' }, { confirm: true }]);
    const result = await h.run<{ key: string; product: string }>('cln.createClKey');
    assert.deepStrictEqual(titles(prompter), ['pick: CloudLinux OS product', 'input: Server limit', 'input: Note (optional)', 'confirm: Create a CloudLinux OS Shared Pro key (limit 4)?']);
    assert.match(prompter.asked[3].detail ?? '', /POST \/v2\/cl\/keys with productType=CLP, limit=4, note="agency"/);
    assert.strictEqual(h.sim.state.clKeys.length, before + 1);
    const created = h.sim.state.clKeys.find((k) => k.key === result.key)!;
    assert.deepStrictEqual([created.product, created.limit, created.note], ['CLP', 4, 'agency']);
    assert.strictEqual(h.sim.mutationCounts['cl.key.create'], 1);
    assert.strictEqual(onlyNotice(prompter).message, `Created CloudLinux OS Shared Pro key ${result.key} (limit 4).`);
  });

  it('refuses a bad limit as it is typed, before any request; a cancelled preview sends nothing', async () => {
    let prompter = h.script([{ pick: 'CloudLinux OS Legacy' }, { input: 'many' }]);
    await h.run('cln.createClKey');
    assert.match(prompter.asked[1].validation ?? '', /whole number of servers, 0 or more/);
    prompter = h.script([{ pick: 'CloudLinux OS Legacy' }, { input: '2' }, { input: '' }, { confirm: false }]);
    await h.run('cln.createClKey');
    assert.deepStrictEqual(h.changeRequests(), []);
  });

  it('Update CloudLinux OS Key: prefilled limit and note, the change previewed, sent once', async () => {
    const key = h.sim.state.clKeys.find((k) => k.product === 'CL' && serversOf(k.key).length > 1)!;
    const row = await keyRow('CloudLinux OS Legacy', key.key);
    const prompter = h.script([{ input: '1' }, { input: 'shrunk' }, { confirm: true }]);
    await h.run('cln.updateClKey', row.node);
    assert.match(prompter.asked[2].detail ?? '', /Changes: .* → limit 1, note "shrunk"\. The key holds \d+ servers: more than the new limit\./);
    assert.deepStrictEqual([key.limit, key.note], [1, 'shrunk']);
    assert.strictEqual(h.sim.mutationCounts['cl.key.update'], 1);
    assert.match(onlyNotice(prompter).message, /^Updated CloudLinux OS Legacy key .*: .*note "shrunk"\.$/);
    // Journaled.
    const entries = await h.api.session.journal!.entries();
    assert.ok(entries.some((e) => e.action === 'cl.key.update' && e.outcome === 'done'));
  });

  it('Remove CloudLinux OS Key names the servers it takes with it; the key leaves the view', async () => {
    const key = h.sim.state.clKeys.find((k) => k.product === 'CLADMIN' && serversOf(k.key).length > 1)!;
    const held = serversOf(key.key);
    const row = await keyRow('CloudLinux OS Admin', key.key);
    const prompter = h.script([{ confirm: true }]);
    await h.run('cln.removeClKey', row.node, [row.node]);
    assert.strictEqual(prompter.asked[0].message, `Remove CloudLinux OS Admin key ${key.key} and its ${held.length} servers?`);
    for (const server of held) assert.ok((prompter.asked[0].detail ?? '').includes(server.hostname), `the modal names ${server.hostname}`);
    assert.match(prompter.asked[0].detail ?? '', /lose their CloudLinux OS license/);
    assert.ok(!h.sim.state.clKeys.includes(key));
    assert.strictEqual(h.sim.mutationCounts['cl.key.remove'], 1);
    assert.deepStrictEqual(notices(prompter), [`info: Removed CloudLinux OS Admin key ${key.key}.`]);
    assert.ok(!(await treeNodes(h.api, ['CloudLinux OS', 'CloudLinux OS Admin'])).some((entry) => (entry.node as { key?: { key?: string } }).key?.key === key.key));
  });

  it('Remove CloudLinux OS Server: confirmed, sent once by its numeric id', async () => {
    const server = h.sim.state.clServers.find((s) => h.sim.state.clKeys.some((k) => k.key === s.key && k.product === 'CL'))!;
    const key = h.sim.state.clKeys.find((k) => k.key === server.key)!;
    const row = await keyRow('CloudLinux OS Legacy', key.key);
    const servers = await h.api.licenses.getChildren(row.node as never);
    const node = servers!.find((n) => (n as { server?: { id?: number } }).server?.id === server.id);
    assert.ok(node);
    const prompter = h.script([{ confirm: true }]);
    await h.run('cln.removeClServer', node, [node]);
    assert.match(prompter.asked[0].message ?? '', new RegExp(`^Remove CloudLinux OS Legacy server ${server.id} \\(${server.hostname.replace(/\./g, '\\.')}\\)\\?$`));
    assert.ok(!h.sim.state.clServers.includes(server));
    const sent = h.changeRequests();
    assert.deepStrictEqual(
      sent.map((r) => [r.endpointId, r.query.id]),
      [['cl.srv.remove', String(server.id)]],
    );
  });

  it("the sub-accounts' servers under their own row, each sub-account with its servers", async () => {
    const logins = await treeLabels(h.api, ['Sub-account Servers']);
    assert.deepStrictEqual(logins, [...new Set(h.sim.state.subAccountServers.map((s) => s.login))].sort());
    const servers = await treeLabels(h.api, ['Sub-account Servers', logins[0]]);
    assert.strictEqual(servers.length, h.sim.state.subAccountServers.filter((s) => s.login === logins[0]).length);
  });

  for (const how of [404, 403, 'html'] as const) {
    it(`without API v2 (${how}): one row in each v2 family with Show Log, the v1 families untouched, v2 asked once`, async () => {
      h.sim.state.v2.unavailable = how;
      try {
        const answered = how === 'html' ? 'an HTML page' : String(how);
        await vscode.commands.executeCommand('cln.refresh');
        assert.deepStrictEqual(await treeLabels(h.api, ['CloudLinux OS']), [`CloudLinux OS keys need CLN API v2, which answered ${answered}`]);
        // One round: this account answered v2 before, so its four products' keys were asked for together.
        const first = v2Requests().length;
        assert.ok(first >= 1 && first <= 4, `${first} v2 requests`);
        // Looking again, and a Refresh, ask nothing more (a refresh asks again after a minute).
        for (let i = 0; i < 3; i++) {
          await vscode.commands.executeCommand('cln.refresh');
          assert.deepStrictEqual(await treeLabels(h.api, ['CloudLinux OS']), [`CloudLinux OS keys need CLN API v2, which answered ${answered}`]);
        }
        assert.deepStrictEqual(await treeLabels(h.api, ['Sub-account Servers']), [`Sub-account servers need CLN API v2, which answered ${answered}`]);
        const [row] = await treeNodes(h.api, ['CloudLinux OS']);
        const item = await h.api.licenses.getTreeItem(row.node as never);
        assert.match(String(item.contextValue), /^message\b.*\berror\b/, 'the row offers Show Log (its menu entry matches error messages)');
        assert.ok((await treeLabels(h.api, ['KernelCare'])).length > 0);
        assert.ok(!(await treeLabels(h.api, ['KernelCare']))[0].includes('API v2'));
        assert.strictEqual(
          v2Requests().length,
          first,
          `v2 requests: ${v2Requests()
            .map((r) => r.path)
            .join(', ')}`,
        );
      } finally {
        h.sim.state.v2.unavailable = null;
      }
    });
  }
});
