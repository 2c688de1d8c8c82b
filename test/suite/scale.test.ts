// Large accounts (issue 13) in the extension host, against a seeded simulator: the All Servers view
// (one IP's products together, sorting, no requests for what the Licenses view loaded), CLN: Find…
// (a server under a key nobody expanded, revealed in its tree) and the filter expanding its matches.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ipTypeName } from '../../src/cln/catalog';
import type { Simulator } from '../../src/sim';
import type { ExplorerNode, TreeNode } from '../../src/explorer/nodes';
import { childrenOf, findChild, getApi, itemOf, labelOf, leaveSim, script, setSetting, signedInToNewSim, tooltipOf, tree, waitFor } from './helpers';

const requestsAfter = (sim: Simulator, from: number) => sim.requests.slice(from).filter((r) => r.endpointId !== 'status.json');

describe('Large accounts: All Servers, Find, the filter revealing matches', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let sharedIp: string;

  before(async () => {
    sim = await signedInToNewSim({ seed: 8 });
    // One server that holds an IP license, a KernelCare registration and an Imunify registration.
    const license = sim.state.ipLicenses.find((l) => l.registered)!;
    sharedIp = license.ip;
    sim.state.kcareServers.find((s) => s.ip)!.ip = sharedIp;
    sim.state.imunifyServers.find((s) => s.ip)!.ip = sharedIp;
    // Every server on one page.
    await setSetting('pageSize', 5000);
    await vscode.commands.executeCommand('cln.refresh');
  });
  beforeEach(() => {
    sim.faults.clear();
  });
  after(async () => {
    await vscode.commands.executeCommand('cln.clearFilter');
    await leaveSim(sim);
  });

  it("All Servers shows the IP licenses' servers at once, with a row saying the keys' servers are still being read", async () => {
    sim.faults.set('kcare.key.servers', { kind: 'latency', ms: 1500 });
    const started = Date.now();
    const first = await childrenOf(undefined, 'allServers');
    assert.ok(Date.now() - started < 1500, `rows before any key's servers returned (${Date.now() - started} ms)`);
    const loading = first.filter((n) => n.kind === 'message');
    assert.deepStrictEqual(await Promise.all(loading.map(async (n) => labelOf(await itemOf(n, 'allServers')))), ['Reading the servers of every key and server group…']);
    assert.strictEqual(((await itemOf(loading[0], 'allServers')).iconPath as vscode.ThemeIcon).id, 'loading~spin');
    assert.ok(first.filter((n) => n.kind === 'host').length > 100);
    await waitFor(async () => !(await childrenOf(undefined, 'allServers')).some((n) => n.kind === 'message'), 'the servers of every key', 15_000);
  });

  it('All Servers shows one IP with its IP license, KernelCare and Imunify registrations together', async () => {
    const host = await findChild(sharedIp, undefined, 'allServers');
    const item = await itemOf(host, 'allServers');
    assert.match(String(item.description), /IP license.*KernelCare.*Imunify|KernelCare.*IP license/);
    assert.match(item.contextValue ?? '', /^host\b/);
    const under = await childrenOf(host, 'allServers');
    const kinds = under.map((n) => n.kind).sort();
    assert.deepStrictEqual(
      [...new Set(kinds)].filter((k) => k !== 'message'),
      ['imServer', 'ipLicense', 'kcareServer'],
    );
    // Each product row is the Licenses view's own kind, so its menus (when clauses) apply.
    for (const node of under) {
      const row = await itemOf(node, 'allServers');
      if (node.kind === 'kcareServer') assert.match(row.contextValue ?? '', /^kcareServer\b.*\bremovable\b/);
      if (node.kind === 'ipLicense') assert.match(row.contextValue ?? '', /^ipLicense\b.*\bremovable\b/);
    }
    await waitFor(
      async () => /KernelCare: /.test(tooltipOf(await itemOf(host, 'allServers'))) && !tooltipOf(await itemOf(host, 'allServers')).includes('no check-in reported'),
      'check-in per product in the tooltip',
      10_000,
    );
  });

  it('sorts All Servers by IP, hostname or oldest check-in', async () => {
    await script([{ pick: 'Oldest check-in first' }]);
    await vscode.commands.executeCommand('cln.sortAllServers');
    const rows = (await childrenOf(undefined, 'allServers')).filter((n) => n.kind === 'host');
    const first = String((await itemOf(rows[0], 'allServers')).description);
    assert.match(first, /never checked in/, 'a server that never checked in comes first');
    await script([{ pick: 'IP address' }]);
    await vscode.commands.executeCommand('cln.sortAllServers');
    const byIp = (await childrenOf(undefined, 'allServers')).filter((n) => n.kind === 'host').slice(0, 20);
    const labels = await Promise.all(byIp.map(async (n) => labelOf(await itemOf(n, 'allServers'))));
    const numeric = (ip: string) =>
      ip
        .split('.')
        .map((p) => p.padStart(3, '0'))
        .join('.');
    assert.deepStrictEqual(
      labels,
      [...labels].sort((a, b) => numeric(a).localeCompare(numeric(b))),
    );
  });

  it('opening All Servers after the Licenses and Server Groups views loaded everything costs no request', async () => {
    await vscode.commands.executeCommand('cln.refresh');
    // Load everything through the other two views.
    const ip = await findChild('IP Licenses');
    for (const type of await childrenOf(ip)) await childrenOf(type);
    for (const name of ['KernelCare', 'Imunify']) for (const key of await childrenOf(await findChild(name))) await childrenOf(key);
    for (const code of await childrenOf(await findChild('ELS'))) for (const key of await childrenOf(code)) await childrenOf(key);
    for (const group of await childrenOf(undefined, 'groups')) await childrenOf(group, 'groups');
    await waitFor(async () => !tooltipOf(await itemOf((await childrenOf((await childrenOf(ip))[0]))[0])).includes('details not loaded'), 'IP details', 10_000);
    const api = await getApi();
    (api.allServers as unknown as { reset(): void }).reset();
    const from = sim.requests.length;
    const hosts = await childrenOf(undefined, 'allServers');
    assert.ok(hosts.length > 10);
    assert.deepStrictEqual(
      requestsAfter(sim, from).map((r) => r.endpointId),
      [],
      'warm: no request',
    );
  });

  it('CLN: Find… locates a server under a key nobody expanded and reveals it in the Licenses view', async () => {
    await vscode.commands.executeCommand('cln.refresh');
    const api = await getApi();
    api.session.account!.clearCache();
    const keys = sim.state.kcareKeys;
    const lastKey = [...keys].reverse().find((k) => sim.state.kcareServers.some((s) => s.key === k.key && s.ip))!;
    const server = sim.state.kcareServers.find((s) => s.key === lastKey.key && s.ip)!;
    const prompter = await script([{ input: server.ip! }, { pick: new RegExp(server.ip!.replace(/\./g, '\\.')) }]);
    const shown = (await vscode.commands.executeCommand('cln.find')) as TreeNode;
    assert.ok(shown && shown.kind === 'kcareServer', `revealed ${shown?.kind}`);
    assert.strictEqual((shown as Extract<ExplorerNode, { kind: 'kcareServer' }>).server.serverId, server.serverId);
    const licenses = await tree();
    assert.ok(licenses.model.owns(shown), 'the node is the Licenses tree’s own');
    const key = licenses.getParent(shown)!;
    // Rows name keys by note or product; the key itself is in the tooltip (issue 15).
    assert.ok(tooltipOf(await itemOf(key)).includes(lastKey.key), 'the revealed row is the key holding the server');
    assert.strictEqual(labelOf(await itemOf(licenses.getParent(key)!)), 'KernelCare');
    assert.ok((await childrenOf(key)).includes(shown), 'shown on the page of its key');
    assert.deepStrictEqual(
      prompter.notices.filter((n) => n.level !== 'info'),
      [],
    );
    assert.ok(prompter.asked[1].offered!.length >= 1);
  });

  it('the filter expands a collapsed group holding a match and counts "1 of N"', async () => {
    await vscode.commands.executeCommand('cln.refresh');
    await vscode.commands.executeCommand('cln.licenses.focus');
    const ip = await findChild('IP Licenses');
    const types = await childrenOf(ip);
    const license = sim.state.ipLicenses.find((l) => l.ip !== sharedIp && sim.state.ipLicenses.filter((o) => o.ip === l.ip).length === 1)!;
    const total = sim.state.ipLicenses.filter((l) => l.type === license.type).length;
    await script([{ input: license.ip }]);
    await vscode.commands.executeCommand('cln.filter');
    const shownTypes = await childrenOf(ip);
    assert.deepStrictEqual(await Promise.all(shownTypes.map(async (n) => labelOf(await itemOf(n)))), [ipTypeName(license.type)], 'non-matching groups hide');
    const group = shownTypes[0];
    assert.ok(types.includes(group));
    const item = await itemOf(group);
    assert.strictEqual(item.description, `1 of ${total} licenses`);
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the group holding the match is expanded');
    assert.deepStrictEqual(await Promise.all((await childrenOf(group)).map(async (n) => labelOf(await itemOf(n)))), [license.ip]);
    await vscode.commands.executeCommand('cln.clearFilter');
  });
});
