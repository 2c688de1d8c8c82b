// The Licenses and Server Groups trees against a seeded simulator: what a user sees when
// expanding, failing loads with Retry, empty lists, paging, the filter, and refreshes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ELS_CODES, ipTypeName, isKnownIpType, nameOf } from '../../src/cln/catalog';
import type { SimKcareServer, Simulator } from '../../src/sim';
import type { TreeNode } from '../../src/explorer/nodes';
import { childLabels, childrenOf, findChild, findKey, getApi, itemOf, labelOf, leaveSim, script, setSetting, signedInToNewSim, tooltipOf, tree, waitFor } from './helpers';

const DAY_MS = 86_400_000;
const iconOf = (item: vscode.TreeItem) => (item.iconPath as vscode.ThemeIcon).id;
const requestsTo = (sim: Simulator, id: string) => sim.requests.filter((r) => r.endpointId === id);

describe('Explorer views', function () {
  this.timeout(60_000);
  let sim: Simulator;

  before(async () => {
    sim = await signedInToNewSim({ seed: 5 });
  });
  beforeEach(async () => {
    sim.faults.clear();
    sim.resetLog();
    await vscode.commands.executeCommand('cln.refresh');
  });
  after(async () => {
    await vscode.commands.executeCommand('cln.clearFilter');
    await leaveSim(sim);
  });

  it('shows the product families at the top, then their counts from one list request each (no details; not ELS) (issue 23)', async () => {
    assert.deepStrictEqual(await childLabels(), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS', 'Backups']);
    const kcareKeys = sim.state.kcareKeys.length;
    await waitFor(async () => (await itemOf(await findChild('KernelCare'))).description === `${kcareKeys} key${kcareKeys === 1 ? '' : 's'}`, 'the KernelCare row counts its keys');
    await waitFor(async () => /backups?$/.test(String((await itemOf(await findChild('Backups'))).description)), 'the Backups row counts its backups');
    assert.deepStrictEqual(
      sim.requests
        .map((r) => r.endpointId)
        .filter((id) => id !== 'status.json')
        .sort(),
      ['ab.list', 'im.key.list', 'ipl.list', 'kcare.key.list'],
    );
    const item = await itemOf(await findChild('KernelCare'));
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.match(item.contextValue ?? '', /^family family-kcare$/);
    assert.ok(item.id, 'stable id');
  });

  it('groups IP licenses by product type with counts, and merges server details read in batches of 100', async () => {
    const family = await findChild('IP Licenses');
    const types = await childrenOf(family);
    const byType = new Map<number, number>();
    for (const license of sim.state.ipLicenses) byType.set(license.type, (byType.get(license.type) ?? 0) + 1);
    const uniqueIpsFirst = new Set(sim.state.ipLicenses.map((l) => l.ip)).size;
    // Names of types the catalog lacks come beside the details (API v2's types call): read the folders once those are in.
    await waitFor(() => requestsTo(sim, 'ipl.server').length >= Math.ceil(uniqueIpsFirst / 100), 'the server detail batches');
    await waitFor(async () => !(await Promise.all(types.map(async (node) => labelOf(await itemOf(node))))).some((label) => /^Type \d+$/.test(label)), 'the type names');
    const shown = await Promise.all(types.map(async (node) => [labelOf(await itemOf(node)), String((await itemOf(node)).description)]));
    // Types the built-in catalog lacks are named by the service (CLN API v2's type names; the simulator's).
    const shownName = (type: number) => (isKnownIpType(type) ? ipTypeName(type) : (sim.state.ipTypeNames.find((t) => t.type === type)?.name ?? ipTypeName(type)));
    assert.deepStrictEqual(shown.map(([label]) => label).sort(), [...byType.keys()].map(shownName).sort());
    for (const [label, description] of shown) {
      const type = [...byType.keys()].find((t) => shownName(t) === label)!;
      assert.strictEqual(description, `${byType.get(type)} license${byType.get(type) === 1 ? '' : 's'}`, label);
    }
    const uniqueIps = new Set(sim.state.ipLicenses.map((l) => l.ip)).size;
    await waitFor(() => requestsTo(sim, 'ipl.server').length >= Math.ceil(uniqueIps / 100), 'the server detail batches');
    const batches = requestsTo(sim, 'ipl.server');
    assert.strictEqual(batches.length, Math.ceil(uniqueIps / 100));
    assert.strictEqual(new Set(batches.flatMap((b) => b.query.ip.split(','))).size, uniqueIps, 'each IP asked once');
    for (const batch of batches) assert.ok(batch.query.ip.split(',').length <= 100);
    assert.strictEqual(requestsTo(sim, 'ipl.list').length, 1);
  });

  it('shows a license with its IP, registered state, created date, server and last check-in', async () => {
    const license = sim.state.ipLicenses.find((l) => l.registered && l.serverInfo && sim.state.ipLicenses.filter((o) => o.ip === l.ip).length === 1)!;
    const typeNode = await findChild(ipTypeName(license.type), await findChild('IP Licenses'));
    const node = await findChild(license.ip, typeNode);
    await waitFor(async () => !tooltipOf(await itemOf(node)).includes('details not loaded'), 'the server details');
    const item = await itemOf(node);
    assert.match(String(item.description), /^(seen today|seen \d+ d ago|⚠ silent \d+ d|⚠ never checked in)$/);
    assert.doesNotMatch(String(item.description), /\d{4}-\d\d-\d\d/, 'rows show ages, not ISO dates');
    const tooltip = tooltipOf(item);
    for (const expected of [
      `IP: ${license.ip}`,
      `Product: ${ipTypeName(license.type)}`,
      `Type code: ${license.type}`,
      'A server registered with it: yes',
      `Server: ${license.serverInfo}`,
      'Last check-in: ',
      license.created ? `Created: ${new Date(license.created.ms).toLocaleString()}` : 'Created: —',
    ]) {
      assert.ok(tooltip.includes(expected), `tooltip lacks "${expected}":\n${tooltip}`);
    }
    assert.match(item.contextValue ?? '', /^ipLicense\b.*\bremovable\b/);
    assert.strictEqual(iconOf(item), 'vm-active');
  });

  it('shows IP license rows before their server details arrive, then fills them in row by row without reordering', async () => {
    // The simulator holds every ipl.server batch back for 3 s.
    sim.faults.set('ipl.server', { kind: 'latency', ms: 3000 });
    const counts = new Map<number, number>();
    for (const l of sim.state.ipLicenses) counts.set(l.type, (counts.get(l.type) ?? 0) + 1);
    const [type, total] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const family = await findChild('IP Licenses');
    await vscode.commands.executeCommand('cln.refresh', family);
    const started = Date.now();
    const typeNode = await findChild(ipTypeName(type), family);
    assert.strictEqual((await itemOf(typeNode)).description, `${total} licenses`, 'the count is right at the first render');
    const rows = (await childrenOf(typeNode)).filter((n) => n.kind === 'ipLicense');
    const answeredBatches = () => requestsTo(sim, 'ipl.server').filter((r) => r.status !== 0).length;
    const firstItems = await Promise.all(rows.map((n) => itemOf(n)));
    assert.ok(Date.now() - started < 3000, `rows shown before any batch returned (${Date.now() - started} ms)`);
    assert.ok(rows.length > 0);
    assert.strictEqual(answeredBatches(), 0, 'no batch has been answered yet');
    for (const item of firstItems) assert.ok(tooltipOf(item).includes('Server: details not loaded'), tooltipOf(item));
    assert.ok(
      firstItems.every((item) => !/seen|silent|checked in/.test(String(item.description))),
      'no check-in yet',
    );

    const changed: unknown[] = [];
    const subscription = (await tree()).onDidChangeTreeData((e) => changed.push(...(Array.isArray(e) ? e : [e])));
    try {
      // What this test's own calls set off goes out first, within a few hundred ms: the family's count, and the whole view when
      // one of its fetches overlapped VS Code's re-render of the family it had just refreshed (explorer/changes.ts). Not watched:
      // the question is what the details filling in re-render, and they come 3 s after they were asked.
      for (let seen = -1; seen !== changed.length;) {
        seen = changed.length;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      assert.strictEqual(answeredBatches(), 0, 'still no batch answered when the watch starts');
      changed.length = 0;

      await waitFor(async () => (await Promise.all(rows.map(async (n) => !tooltipOf(await itemOf(n)).includes('details not loaded')))).every(Boolean), 'details of every shown row', 10_000);
      // The rows' re-render is paced (explorer/changes.ts): it can follow their details by up to one interval.
      // Other families may render first (their counts); wait for a change that is not a family's.
      await waitFor(async () => changed.some((e) => e === undefined || (e as TreeNode).kind !== 'family'), 'the filled rows re-rendered', 2_000);
    } finally {
      subscription.dispose();
    }
    // The families may render again, for their counts (IP Licenses once its groups are handed out, the others as their list requests answer; changes are paced: explorer/changes.ts).
    const rowsChanged = changed.filter((e) => e === undefined || (e as TreeNode).kind !== 'family');
    assert.ok(
      rowsChanged.length > 0 && rowsChanged.every((e) => e !== undefined && (e as TreeNode).kind === 'ipLicense'),
      `only the filled rows were re-rendered, never the whole tree: ${rowsChanged.map((e) => (e === undefined ? 'ROOT' : (e as TreeNode).kind)).join(',')}`,
    );
    const again = (await childrenOf(typeNode)).filter((n) => n.kind === 'ipLicense');
    assert.deepStrictEqual(again, rows, 'the same rows, in the same order');
    const after = await Promise.all(again.map((n) => itemOf(n)));
    assert.deepStrictEqual(
      after.map((i) => i.id),
      firstItems.map((i) => i.id),
      'stable ids',
    );
    const registered = sim.state.ipLicenses.filter((l) => l.type === type && l.registered).map((l) => l.ip);
    assert.ok(
      after.some((i) => registered.includes(labelOf(i)) && /seen|silent|checked in/.test(String(i.description))),
      'check-in markers filled in',
    );
  });

  it('marks stale and never-checked-in servers with a warning icon, "⚠ silent N d" and a tooltip line', async () => {
    const staleDays = 7;
    const now = Date.now();
    const isStale = (s: SimKcareServer) => s.lastCheckin !== null && now - s.lastCheckin.ms > staleDays * DAY_MS;
    const stale = sim.state.kcareServers.find(isStale)!;
    const never = sim.state.kcareServers.find((s) => s.lastCheckin === null)!;
    const fresh = sim.state.kcareServers.find((s) => s.lastCheckin !== null && !isStale(s) && s.ip)!;
    const family = await findChild('KernelCare');
    for (const [server, expected] of [
      [stale, /^⚠ silent \d+ d\b/],
      [never, /^⚠ never checked in\b/],
      [fresh, /^seen (today|1 d ago)\b/],
    ] as const) {
      const key = await findKey(server.key, family);
      const item = await itemOf(await findChild(server.ip ?? /^Server /, key));
      assert.match(String(item.description), expected, server.serverId);
      assert.strictEqual(iconOf(item), server === fresh ? 'server' : 'warning');
      if (server === stale) assert.match(tooltipOf(item), /Stale: no check-in for more than 7 days/);
      if (server === never) assert.match(tooltipOf(item), /never checked in/i);
    }
  });

  it('lists ELS keys under the product codes that have keys, and each key its servers', async () => {
    const codes = ELS_CODES.filter(({ code }) => sim.state.elsKeys.some((k) => k.code === code));
    const family = await findChild('ELS');
    assert.deepStrictEqual(
      await childLabels(family),
      codes.map(({ name }) => name),
    );
    const key = sim.state.elsKeys.find((k) => sim.state.elsServers.some((s) => s.key === k.key))!;
    const codeNode = await findChild(nameOf(ELS_CODES, key.code)!, family);
    const keysUnderCode = sim.state.elsKeys.filter((k) => k.code === key.code).length;
    assert.strictEqual((await itemOf(codeNode)).description, `${keysUnderCode} key${keysUnderCode === 1 ? '' : 's'}`);
    const servers = sim.state.elsServers.filter((s) => s.key === key.key);
    assert.deepStrictEqual((await childLabels(await findKey(key.key, codeNode))).sort(), servers.map((s) => s.hostname ?? s.ip ?? `Server ${s.id.slice(0, 6)}…`).sort());
  });

  it('says so when a key has no servers or the account has no keys of a kind', async () => {
    const emptyKey = sim.state.kcareKeys.find((k) => !sim.state.kcareServers.some((s) => s.key === k.key))!;
    const children = await childrenOf(await findKey(emptyKey.key, await findChild('KernelCare')));
    assert.deepStrictEqual(await Promise.all(children.map(async (c) => labelOf(await itemOf(c)))), ['No servers on this key']);

    const saved = sim.state.imunifyKeys.splice(0);
    try {
      const family = await findChild('Imunify');
      await vscode.commands.executeCommand('cln.refresh', family);
      const [only, ...rest] = await childrenOf(family);
      assert.strictEqual(rest.length, 0);
      const item = await itemOf(only);
      assert.strictEqual(labelOf(item), 'No Imunify keys');
      assert.strictEqual(iconOf(item), 'info');
      assert.strictEqual(item.command, undefined);
    } finally {
      sim.state.imunifyKeys.push(...saved);
    }
  });

  for (const kind of ['http500', 'html'] as const) {
    it(`shows an error row with Retry when listing IP licenses fails (${kind}), and Retry loads them`, async () => {
      sim.faults.set('ipl.list', { kind });
      const family = await findChild('IP Licenses');
      const [error, ...rest] = await childrenOf(family);
      assert.strictEqual(rest.length, 0);
      const item = await itemOf(error);
      assert.strictEqual(iconOf(item), 'error');
      assert.match(labelOf(item), /^Could not load — HTTP 50[02]$/);
      assert.match(tooltipOf(item), kind === 'html' ? /HTTP 502.*list IP licenses \(an HTML error page, probably from a proxy\)/ : /HTTP 500.*list IP licenses/);
      assert.match(item.contextValue ?? '', /^message error retryable copy-message$/, 'inline Retry and Show Log');
      assert.strictEqual(item.command?.command, 'cln.refresh');
      sim.faults.clear();
      const before = requestsTo(sim, 'ipl.list').length;
      await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
      const types = await childrenOf(family);
      assert.ok(types.length > 3 && types.every((t) => t.kind === 'ipType'), 'the licenses by type');
      assert.strictEqual(requestsTo(sim, 'ipl.list').length, before + 1);
    });
  }

  it('refreshes one node from its context menu with a real refetch, and only that node', async () => {
    const family = await findChild('KernelCare');
    await childrenOf(family);
    await childrenOf(family);
    assert.strictEqual(requestsTo(sim, 'kcare.key.list').length, 1, 'cached between looks');
    await childrenOf(await findChild('Backups'));
    await vscode.commands.executeCommand('cln.refresh', family);
    await childrenOf(family);
    await childrenOf(await findChild('Backups'));
    assert.strictEqual(requestsTo(sim, 'kcare.key.list').length, 2, 'refetched, skipping the cache');
    assert.strictEqual(requestsTo(sim, 'ab.list').length, 1, 'the other family kept its list');
  });

  it('reloads only the affected family after a change to the account', async () => {
    const family = await findChild('KernelCare');
    const before = await childLabels(family);
    await childLabels(await findChild('Backups'));
    await (await getApi()).session.account!.change('kcare.key.create', { limit: 3, note: 'from the views test' });
    const after = await childLabels(family);
    assert.strictEqual(after.length, before.length + 1);
    assert.ok(after.includes('from the views test'), 'the new key, by its note');
    await childLabels(await findChild('Backups'));
    assert.strictEqual(requestsTo(sim, 'ab.list').length, 1, 'backups were not reloaded');
  });

  it('pages long lists with a "Load more (N remaining)" row', async () => {
    await setSetting('pageSize', 20);
    try {
      await vscode.commands.executeCommand('cln.refresh');
      const counts = new Map<number, number>();
      for (const l of sim.state.ipLicenses) counts.set(l.type, (counts.get(l.type) ?? 0) + 1);
      const [type, total] = [...counts].sort((a, b) => b[1] - a[1])[0];
      assert.ok(total > 40, `the demo account has a type with more than two pages (${total})`);
      const typeNode = await findChild(ipTypeName(type), await findChild('IP Licenses'));
      let children = await childrenOf(typeNode);
      assert.strictEqual(children.length, 21);
      const more = children[20];
      const moreItem = await itemOf(more);
      assert.strictEqual(labelOf(moreItem), `Load more (${total - 20} remaining)`);
      assert.strictEqual(moreItem.command?.command, 'cln.loadMore');
      await vscode.commands.executeCommand('cln.loadMore', ...(moreItem.command?.arguments ?? []));
      children = await childrenOf(typeNode);
      assert.strictEqual(children.length, 41);
      assert.strictEqual(labelOf(await itemOf(children[40])), `Load more (${total - 40} remaining)`);
      assert.strictEqual(new Set(await Promise.all(children.map(async (c) => (await itemOf(c)).id))).size, 41, 'unique ids');
    } finally {
      await setSetting('pageSize', undefined);
    }
  });

  it('filters by IP, key, hostname or note, case-insensitively, and keeps the filter across a refresh', async () => {
    const key = sim.state.kcareKeys.find((k) => k.note)!;
    const needle = key.note!.toUpperCase();
    const family = await findChild('KernelCare');
    const all = await childLabels(family);
    let prompter = await script([{ input: needle }]);
    await vscode.commands.executeCommand('cln.filter');
    assert.strictEqual(prompter.asked[0].title, 'Filter Licenses, Server Groups and All Servers');
    const expected = sim.state.kcareKeys.filter((k) => (k.note ?? '').toLowerCase().includes(needle.toLowerCase()) || k.key.toLowerCase().includes(needle.toLowerCase()));
    const filtered = await childLabels(family);
    assert.deepStrictEqual(filtered.sort(), expected.map((k) => k.note ?? '').sort());
    assert.ok(filtered.length < all.length);
    await vscode.commands.executeCommand('cln.refresh');
    assert.deepStrictEqual((await childLabels(await findChild('KernelCare'))).sort(), filtered.sort(), 'still filtered after a refresh');
    assert.deepStrictEqual(await childLabels(await findChild('Backups')), [`No matches for "${needle}"`]);
    // A server matches by IP once its key's list is loaded; the key then shows for it.
    const server = sim.state.kcareServers.find((s) => s.ip && s.key !== key.key)!;
    await vscode.commands.executeCommand('cln.clearFilter');
    await childrenOf(await findKey(server.key, await findChild('KernelCare')));
    prompter = await script([{ input: server.ip! }]);
    await vscode.commands.executeCommand('cln.filter');
    const kcare = await findChild('KernelCare');
    const serverKey = sim.state.kcareKeys.find((k) => k.key === server.key)!;
    assert.deepStrictEqual(await childLabels(kcare), [serverKey.note ?? `KernelCare ${serverKey.key.slice(0, 6)}…`]);
    assert.deepStrictEqual(await childLabels(await findKey(server.key, kcare)), [server.ip]);
    await vscode.commands.executeCommand('cln.clearFilter');
    assert.deepStrictEqual((await childLabels(await findChild('KernelCare'))).length, all.length);
  });

  it('copies the value of a node, or picks among several', async () => {
    const license = sim.state.ipLicenses[0];
    const node = await findChild(license.ip, await findChild(ipTypeName(license.type), await findChild('IP Licenses')));
    const withInfo = Boolean(license.serverInfo);
    const prompter = await script(withInfo ? [{ pick: license.ip }] : []);
    const copied = await vscode.commands.executeCommand<string>('cln.copyValue', node);
    assert.strictEqual(copied, license.ip);
    assert.strictEqual(prompter.remaining, 0);
    const server = sim.state.kcareServers.find((s) => s.ip)!;
    const serverNode = await findChild(server.ip!, await findKey(server.key, await findChild('KernelCare')));
    const picker = await script([{ pick: server.serverId }]);
    assert.strictEqual(await vscode.commands.executeCommand<string>('cln.copyValue', serverNode), server.serverId);
    assert.deepStrictEqual(picker.asked[0].offered, [server.ip, server.serverId, server.key]);
    const several = await vscode.commands.executeCommand<string>('cln.copyValue', node, [node, serverNode]);
    assert.strictEqual(several, `${license.ip}\n${server.ip}`);
  });

  it('offers Copy as a submenu with one entry per value the row has', async () => {
    const server = sim.state.kcareServers.find((s) => s.ip)!;
    const serverNode = await findChild(server.ip!, await findKey(server.key, await findChild('KernelCare')));
    const item = await itemOf(serverNode);
    assert.match(item.contextValue ?? '', /\bcopy-ip\b.*\bcopy-serverId\b.*\bcopy-key\b/);
    assert.doesNotMatch(item.contextValue ?? '', /\bcopy-hostname\b/, 'no entry for a value the row lacks');
    assert.strictEqual(await vscode.commands.executeCommand<string>('cln.copyServerId', serverNode), server.serverId);
    assert.strictEqual(await vscode.env.clipboard.readText(), server.serverId);
    const manifest = vscode.extensions.getExtension('cln-explorer.cln-explorer')!.packageJSON.contributes;
    const entries = manifest.menus['cln.copy'].map((e: { command: string }) => e.command);
    assert.ok(entries.includes('cln.copyIp') && entries.includes('cln.copyServerId'));
    const whenOf = (command: string) =>
      manifest.menus['view/item/context']
        .filter((e: { command?: string }) => e.command === command)
        .map((e: { when: string }) => e.when)
        .join(' | ');
    assert.match(whenOf('cln.addServerToGroup'), /!listMultiSelection/);
    assert.match(whenOf('cln.addServersToGroup'), /(^|[^!])listMultiSelection/);
  });

  it('lists server groups and their servers, with an error row and Retry when listing fails', async () => {
    const names = sim.state.groups.map((g) => g.name);
    assert.deepStrictEqual(await childLabels(undefined, 'groups'), names);
    const empty = sim.state.groups.find((g) => g.serverIds.length === 0)!;
    assert.deepStrictEqual(await childLabels(await findChild(empty.name, undefined, 'groups'), 'groups'), ['No servers in this group']);
    const full = sim.state.groups.find((g) => g.serverIds.length > 0)!;
    assert.strictEqual((await childrenOf(await findChild(full.name, undefined, 'groups'), 'groups')).length, full.serverIds.length);

    sim.faults.set('group.list', { kind: 'http500' });
    await vscode.commands.executeCommand('cln.refresh');
    const [error] = await childrenOf(undefined, 'groups');
    const item = await itemOf(error, 'groups');
    assert.strictEqual(labelOf(item), 'Could not load — HTTP 500');
    assert.match(tooltipOf(item), /HTTP 500.*list server groups/);
    sim.faults.clear();
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    assert.deepStrictEqual(await childLabels(undefined, 'groups'), names);
  });

  it('stays responsive with 10,000 servers under one key', async () => {
    const key = sim.state.kcareKeys[0];
    const added: SimKcareServer[] = Array.from({ length: 10_000 }, (_, i) => ({
      serverId: `bulk${String(i).padStart(5, '0')}`,
      key: key.key,
      ip: `10.${Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`,
      hostname: `bulk${i}.example`,
      created: { ms: Date.now() - DAY_MS, offset: 0 },
      lastCheckin: { ms: Date.now() - (i % 20) * DAY_MS, offset: 0 },
      kernelState: 'ok',
    }));
    sim.state.kcareServers.push(...added);
    await setSetting('pageSize', 5000);
    try {
      const keyNode = await findKey(key.key, await findChild('KernelCare'));
      await vscode.commands.executeCommand('cln.refresh', keyNode);
      const t0 = Date.now();
      let children = await childrenOf(keyNode);
      const tree = (await getApi()).licenses;
      const t1 = Date.now();
      for (const child of children) await tree.getTreeItem(child);
      const t2 = Date.now();
      assert.strictEqual(children.length, 5001);
      await vscode.commands.executeCommand('cln.loadMore', children[5000] as TreeNode);
      const t3 = Date.now();
      children = await childrenOf(keyNode);
      for (const child of children) await tree.getTreeItem(child);
      const t4 = Date.now();
      assert.strictEqual(children.length, 10_000);
      console.log(`      10,000 servers: fetch+first page ${t1 - t0} ms, 5,000 items ${t2 - t1} ms, all 10,000 after Load more ${t4 - t3} ms`);
      assert.ok(t4 - t3 < 2000, `rendering 10,000 items took ${t4 - t3} ms`);
    } finally {
      sim.state.kcareServers.splice(sim.state.kcareServers.length - added.length);
      await setSetting('pageSize', undefined);
    }
  });

  it('registers every command the manifest contributes', async () => {
    const contributed: { command: string }[] = vscode.extensions.getExtension('cln-explorer.cln-explorer')!.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, []);
    assert.ok(registered.has('cln.loadMore'), 'the internal Load more command');
  });
});
