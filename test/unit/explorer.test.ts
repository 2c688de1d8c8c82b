/**
 * The explorer without VS Code: the tree model, its loaders, the node-kind table and the filter,
 * driven against the simulator over loopback HTTP. Each test asserts what a user would notice —
 * which rows a view shows (labels and descriptions as the node-kind table words them), what an
 * empty or failed list says — and which requests reach CLN (the simulator's log).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClnClient } from '../../src/cln/client';
import { IP_LICENSE_TYPES } from '../../src/cln/catalog';
import type { EndpointId } from '../../src/cln/endpoints';
import { matchesFilter, normalizeFilter } from '../../src/explorer/filter';
import { contextValueOf, copyableValues, describeNode, lookOf, NODE_KINDS } from '../../src/explorer/kinds';
import { loadAllServers, loadKeys } from '../../src/explorer/loaders';
import type { ExplorerNode, NodeKind, TreeNode, ViewName } from '../../src/explorer/nodes';
import { TreeModel } from '../../src/explorer/treeModel';
import { AccountService } from '../../src/services/accountService';
import { AccountSize, Simulator, startSimulator } from '../../src/sim';

const SMALL: Partial<AccountSize> = {
  ipLicenses: 230,
  kcareKeys: 4,
  kcareServersPerKey: 12,
  imunifyKeys: 3,
  imunifyServersPerKey: 2,
  elsKeysPerCode: 1,
  elsServersPerKey: 2,
  backups: 3,
  groups: 2,
  serversPerGroup: 3,
  awpEntriesPerMonth: 2,
};
const LOOK = { staleDays: 7, now: Date.now() };

interface Setup {
  sim: Simulator;
  account: AccountService;
  model: TreeModel;
  /** Requests that reached the simulator since the last call, by endpoint. */
  sent(): EndpointId[];
}

async function setup(view: ViewName = 'licenses', pageSize = 200, size: Partial<AccountSize> = SMALL): Promise<Setup> {
  const sim = await startSimulator({ size, seed: 5 });
  const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 2000, retryDelayMs: 5 });
  const account = new AccountService(client, { maxConcurrent: 6 });
  const model = new TreeModel({ view, account: () => account, pageSize: () => pageSize });
  return {
    sim,
    account,
    model,
    sent: () => {
      const ids = sim.requests.map((r) => r.endpointId ?? (r.path as EndpointId));
      sim.resetLog();
      return ids;
    },
  };
}

/** A row as the user reads it: its label, and its description after " — ". */
function row(model: TreeModel, node: TreeNode): string {
  if (node.kind === 'message') return `(${node.tone}) ${node.text}${node.retry ? ' [Retry]' : ''}`;
  if (node.kind === 'loadMore') return `Load more (${node.remaining} remaining)`;
  const look = lookOf(node, { ...LOOK, counts: model.counts(node) });
  const description = look.description.filter(Boolean).join(' · ');
  return description ? `${look.label} — ${description}` : look.label;
}

async function rows(model: TreeModel, parent?: TreeNode): Promise<string[]> {
  return (await model.children(parent)).map((node) => row(model, node));
}

async function child(model: TreeModel, label: string | RegExp, parent?: TreeNode): Promise<ExplorerNode> {
  const found = (await model.children(parent)).find((node) => {
    if (node.kind === 'message' || node.kind === 'loadMore') return false;
    const text = lookOf(node, LOOK).label;
    // Keys are labelled by note or product; a test may also name one by its key.
    const key = 'key' in node && typeof node.key === 'object' ? node.key.key : undefined;
    return typeof label === 'string' ? text === label || key === label : label.test(text);
  });
  assert.ok(found, `no row ${label} under ${parent ? row(model, parent) : 'the top level'}: ${(await rows(model, parent)).join(' | ')}`);
  return found as ExplorerNode;
}

const count = (ids: EndpointId[], id: EndpointId) => ids.filter((x) => x === id).length;

describe('explorer: the Licenses tree, without VS Code (TreeModel against the simulator)', function () {
  this.timeout(30_000);
  let t: Setup;
  afterEach(async () => t?.sim.close());

  it('shows the product families, Backups marked retired while the account still holds backups, after one request', async () => {
    t = await setup();
    assert.deepEqual(await rows(t.model), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS', 'Backups — retired · 3 backups']);
    assert.deepEqual(t.sent(), ['ab.list']);
    const backups = await child(t.model, 'Backups');
    const look = lookOf(backups, LOOK);
    assert.ok(look.dimmed);
    assert.match(look.fields.map(([label, value]) => `${label}: ${String(value)}`).join('\n'), /^Retired: CloudLinux Backup reached its end of life on 1 October 2023/);
    assert.equal((await t.model.children(backups)).length, 3);
    assert.deepEqual(t.sent(), [], 'the backups came with the top level');
  });

  it('when the backups are slow to answer, the other families show first and Backups joins them', async () => {
    t = await setup();
    t.sim.faults.set('ab.list', { kind: 'latency', ms: 2_500, times: 1 });
    assert.deepEqual(await rows(t.model), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS', '(loading) Looking for retired products in this account…']);
    await t.model.detailsFilled();
    assert.deepEqual(await rows(t.model), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS', 'Backups — retired · 3 backups']);
  });

  it('an account without backups shows no Backups family', async () => {
    t = await setup('licenses', 200, { ...SMALL, backups: 0 });
    await t.model.children();
    await t.model.detailsFilled();
    assert.deepEqual(await rows(t.model), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS']);
  });

  it('when the backups cannot be read, the Backups family shows with the error and Retry', async () => {
    t = await setup();
    t.sim.faults.set('ab.list', { kind: 'html' });
    await t.model.children();
    await t.model.detailsFilled();
    const backups = await child(t.model, 'Backups');
    assert.deepEqual(await rows(t.model, backups), ['(error) Could not load — HTTP 502 [Retry]']);
    t.sim.faults.clear();
    assert.equal((await t.model.children(backups)).length, 3, 'Retry loads them');
  });

  it('removing the last backup takes the Backups family away', async () => {
    t = await setup('licenses', 200, { ...SMALL, backups: 1 });
    await t.model.children();
    await t.model.detailsFilled();
    await t.model.children(await child(t.model, 'Backups'));
    const changed = new Promise<readonly string[]>((resolve) => t.account.onDidChange(resolve));
    await t.account.change('ab.remove', { backup_id: t.sim.state.backups[0].backupId });
    assert.equal(t.model.invalidate((await changed) as never), undefined, 'the whole view renders again');
    await t.model.children();
    await t.model.detailsFilled();
    assert.deepEqual(await rows(t.model), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS']);
  });

  it('shows the product families at the top at once, then their counts from one list request each (no details, not ELS’s per-product lists) (issue 23)', async () => {
    const changed: (TreeNode[] | undefined)[] = [];
    const sim = await startSimulator({ size: SMALL, seed: 5 });
    const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 2000, retryDelayMs: 5 });
    const account = new AccountService(client, { maxConcurrent: 6 });
    const model = new TreeModel({ view: 'licenses', account: () => account, pageSize: () => 200, changed: (nodes) => changed.push(nodes), countFamilies: true });
    t = { sim, account, model, sent: () => [] };
    assert.deepEqual(await rows(model), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS', `Backups — retired · ${SMALL.backups} backups`]);
    for (const deadline = Date.now() + 5000; changed.length < 4 && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(await rows(model), [
      `IP Licenses — ${sim.state.ipLicenses.length} licenses`,
      'CloudLinux OS',
      'Sub-account Servers',
      `KernelCare — ${SMALL.kcareKeys} keys`,
      `Imunify — ${SMALL.imunifyKeys} keys`,
      'ELS',
      `Backups — retired · ${SMALL.backups} backups`,
    ]);
    assert.deepEqual(sim.requests.map((r) => r.endpointId).sort(), ['ab.list', 'im.key.list', 'ipl.list', 'kcare.key.list'], 'one list request per family, no server details');
    // Opening a family asks nothing more: its list is in the cache.
    sim.resetLog();
    await rows(model, await child(model, 'KernelCare'));
    assert.deepEqual(
      sim.requests.map((r) => r.endpointId),
      [],
    );
  });

  it('IP Licenses: one row per license type in catalog order, counting its licenses; one list request and one details request per 100 addresses', async () => {
    t = await setup();
    const ip = await child(t.model, 'IP Licenses');
    const types = await rows(t.model, ip);
    const byType = new Map<number, number>();
    for (const license of t.sim.state.ipLicenses) byType.set(license.type, (byType.get(license.type) ?? 0) + 1);
    const expected = IP_LICENSE_TYPES.filter((type) => byType.has(type.code)).map((type) => `${type.name} — ${byType.get(type.code)} license${byType.get(type.code) === 1 ? '' : 's'}`);
    assert.deepEqual(types.slice(0, expected.length), expected);
    // The rows come with the list; their server details fill in afterwards.
    await t.model.detailsFilled(ip);
    const sent = t.sent();
    assert.equal(count(sent, 'ipl.list'), 1);
    const ips = new Set(t.sim.state.ipLicenses.map((license) => license.ip));
    assert.equal(count(sent, 'ipl.server'), Math.ceil(ips.size / 100), `${ips.size} addresses, 100 a request`);
    // The licenses came with the same requests: opening a type asks nothing more.
    const firstType = IP_LICENSE_TYPES.find((type) => byType.has(type.code))!;
    const first = (await t.model.children(ip))[0];
    assert.equal((await t.model.children(first)).filter((n) => n.kind === 'ipLicense').length, byType.get(firstType.code));
    assert.deepEqual(t.sent(), []);
  });

  it('Problems only: a family whose list is loaded and holds no problem is hidden; one not opened yet shows (issue 23)', async () => {
    t = await setup();
    t.model.arrange = { sort: 'default', problemsOnly: true };
    assert.deepEqual(
      (await rows(t.model)).map((r) => r.split(' — ')[0]),
      // The backups' list comes with the top level (a retired family shows only while it holds some): backups are never a problem, so it goes at once.
      ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS'],
    );
    t.model.arrange = { sort: 'default', problemsOnly: false };
    assert.ok(
      (await rows(t.model)).some((r) => r.startsWith('Backups')),
      'and comes back with everything',
    );
  });

  it('a key shows its servers once opened, with one request for that key (and one for its patch levels)', async () => {
    t = await setup();
    const key = t.sim.state.kcareKeys[1];
    const node = await child(t.model, key.key, await child(t.model, 'KernelCare'));
    t.sent();
    const servers = await rows(t.model, node);
    const expected = t.sim.state.kcareServers.filter((s) => s.key === key.key);
    assert.equal(servers.length, expected.length);
    for (const server of expected)
      assert.ok(
        servers.some((r) => r.startsWith(server.ip ?? server.serverId)),
        `${server.serverId} shown`,
      );
    assert.deepEqual(t.sent().sort(), ['kcare.key.servers', 'kcare.patchset']);
    assert.equal(t.sim.requests.length, 0);
    // Its row says how many of them went silent, as their own rows say it ("never checked in", "silent 12 d").
    const silent = servers.filter((r) => /never checked in|silent \d/.test(r)).length;
    assert.ok(silent > 0, `the seed has silent servers on this key: ${servers.join(' | ')}`);
    const look = lookOf(node, { ...LOOK, counts: t.model.counts(node), silent: t.model.silent(node) });
    assert.match(look.description.filter(Boolean).join(' · '), new RegExp(`\\b${silent} silent\\b`));
  });

  it('a long list shows a page and "Load more (N remaining)"; Load more shows the next page without a request', async () => {
    t = await setup('licenses', 5);
    const key = t.sim.state.kcareKeys.find((k) => t.sim.state.kcareServers.filter((s) => s.key === k.key).length > 10)!;
    const total = t.sim.state.kcareServers.filter((s) => s.key === key.key).length;
    const node = await child(t.model, key.key, await child(t.model, 'KernelCare'));
    let shown = await t.model.children(node);
    assert.equal(shown.length, 6);
    assert.equal(row(t.model, shown[5]), `Load more (${total - 5} remaining)`);
    t.sent();
    assert.equal(t.model.loadMore(shown[5] as Extract<TreeNode, { kind: 'loadMore' }>), node);
    shown = await t.model.children(node);
    assert.equal(shown.filter((n) => n.kind === 'kcareServer').length, 10);
    assert.deepEqual(t.sent(), []);
  });

  it('the filter keeps a server whose IP matches and the key above it, and says when a list has no match', async () => {
    t = await setup();
    const kcare = await child(t.model, 'KernelCare');
    const keys = (await t.model.children(kcare)) as ExplorerNode[];
    for (const key of keys) await t.model.children(key);
    const server = t.sim.state.kcareServers.find((s) => s.ip)!;
    t.model.filter = server.ip!.toUpperCase();
    assert.deepEqual(
      await rows(t.model),
      ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', `KernelCare — 1 of ${keys.length} keys`, 'Imunify', 'ELS', 'Backups — retired · 0 of 3 backups'],
      'families always show, counting what matches',
    );
    const keyRows = await t.model.children(kcare);
    assert.deepEqual(
      keyRows.map((n) => (n.kind === 'kcareKey' ? n.key.key : n.kind)),
      [server.key],
    );
    assert.deepEqual(
      (await rows(t.model, keyRows[0])).map((r) => r.split(' — ')[0]),
      [server.ip],
    );
    assert.deepEqual(await rows(t.model, await child(t.model, 'Backups')), [`(empty) No matches for "${server.ip!.toUpperCase()}"`]);
  });

  it('an empty list says what is missing', async () => {
    t = await setup('licenses', 200, { ...SMALL, kcareKeys: 0 });
    assert.deepEqual(await rows(t.model, await child(t.model, 'KernelCare')), ['(empty) No KernelCare keys']);
  });

  it('a failed load shows CLN’s error with Retry, and the next look asks again', async () => {
    t = await setup();
    t.sim.faults.set('kcare.key.list', { kind: 'html', times: 10 });
    const kcare = await child(t.model, 'KernelCare');
    const failed = await rows(t.model, kcare);
    assert.equal(failed.length, 1);
    assert.match(failed[0], /^\(error\) Could not load — HTTP 502 \[Retry\]$/);
    const message = (await t.model.children(kcare))[0];
    assert.match(message.kind === 'message' ? (message.detail ?? '') : '', /HTML/, 'the whole message is in the tooltip');
    t.sim.faults.clear();
    t.sent();
    assert.equal((await rows(t.model, kcare)).length, t.sim.state.kcareKeys.length);
    assert.deepEqual(t.sent(), ['kcare.key.list']);
  });

  it('IP licenses still show when their server details fail, with a warning row that says why', async () => {
    t = await setup();
    t.sim.faults.set('ipl.server', { kind: 'html', times: 20 });
    const ip = await child(t.model, 'IP Licenses');
    const type = (await t.model.children(ip))[0];
    await t.model.detailsFilled(ip);
    const shown = await rows(t.model, type);
    assert.ok(shown.filter((r) => !r.startsWith('(')).length > 0, 'the licenses show');
    assert.match(shown.at(-1)!, /^\(warning\) .* \[Retry\]$/);
    assert.ok(shown.some((r) => / — (in use|⚠ no server yet)/.test(r)));
  });

  it('Refresh on a key asks CLN again for that key only; refreshing an IP type refreshes IP Licenses', async () => {
    t = await setup();
    const kcare = await child(t.model, 'KernelCare');
    const key = (await t.model.children(kcare))[0];
    await t.model.children(key);
    t.sent();
    assert.equal(t.model.refresh(key), key);
    await t.model.children(key);
    assert.deepEqual(t.sent(), ['kcare.key.servers']);
    const ip = await child(t.model, 'IP Licenses');
    const type = (await t.model.children(ip))[0];
    assert.equal(t.model.refresh(type), ip, 'the type’s list came with its parent’s request');
  });

  it('after a change, only the changed family is loaded again', async () => {
    t = await setup();
    const imunify = await child(t.model, 'Imunify');
    const kcare = await child(t.model, 'KernelCare');
    assert.equal((await t.model.children(imunify)).length, 3);
    await t.model.children(kcare);
    const changed = new Promise<readonly string[]>((resolve) => t.account.onDidChange(resolve));
    await t.account.change('im.key.remove', { key: t.sim.state.imunifyKeys[0].key });
    assert.deepEqual(t.model.invalidate((await changed) as never), [imunify]);
    t.sent();
    assert.equal((await t.model.children(imunify)).length, 2, 'the removed key is gone');
    await t.model.children(kcare);
    assert.deepEqual(t.sent(), ['im.key.list']);
  });

  it('after a change to the backups, the top level asks again whether the account still holds some', async () => {
    t = await setup();
    await t.model.children();
    await t.model.detailsFilled();
    const backups = await child(t.model, 'Backups');
    assert.equal((await t.model.children(backups)).length, 3);
    const changed = new Promise<readonly string[]>((resolve) => t.account.onDidChange(resolve));
    await t.account.change('ab.remove', { backup_id: t.sim.state.backups[0].backupId });
    t.model.invalidate((await changed) as never);
    t.sent();
    await t.model.children();
    await t.model.detailsFilled();
    assert.equal((await t.model.children(await child(t.model, 'Backups'))).length, 2, 'the removed backup is gone');
    assert.deepEqual(t.sent(), ['ab.list'], 'one read for the top level and the family');
  });

  it('Server Groups: the groups at the top, their servers below, and a clear text when there are none', async () => {
    t = await setup('groups');
    const groups = await rows(t.model);
    assert.deepEqual(
      groups.map((r) => r.split(' — ')[0]),
      t.sim.state.groups.map((g) => g.name),
    );
    const first = await child(t.model, t.sim.state.groups[0].name);
    assert.equal((await t.model.children(first)).length, t.sim.state.groups[0].serverIds.length);
    await t.sim.close();
    t = await setup('groups', 200, { ...SMALL, groups: 0 });
    assert.deepEqual(await rows(t.model), ['(empty) No server groups']);
  });
});

describe('explorer: loaders shared by the trees and the commands', function () {
  this.timeout(30_000);
  let t: Setup;
  afterEach(async () => t?.sim.close());

  it('every server of KernelCare and Imunify: one key list per product, then one request per key', async () => {
    t = await setup();
    const servers = await loadAllServers(t.account, ['kcare', 'im']);
    assert.equal(servers.length, t.sim.state.kcareServers.length + t.sim.state.imunifyServers.length);
    const sent = t.sent();
    assert.equal(count(sent, 'kcare.key.list'), 1);
    assert.equal(count(sent, 'im.key.list'), 1);
    assert.equal(count(sent, 'kcare.key.servers'), t.sim.state.kcareKeys.length);
    assert.equal(count(sent, 'im.srv.list'), t.sim.state.imunifyKeys.length);
  });

  it('the keys a picker offers are the keys the tree shows, read from the same cache', async () => {
    t = await setup();
    const kcare = await child(t.model, 'KernelCare');
    const inTree = ((await t.model.children(kcare)) as ExplorerNode[]).map((n) => lookOf(n, LOOK).label);
    t.sent();
    const picked = (await loadKeys(t.account, 'kcare')).map((n) => lookOf(n, LOOK).label);
    assert.deepEqual(picked, inTree);
    assert.deepEqual(t.sent(), [], 'no second request');
  });
});

describe('explorer: the node-kind table', () => {
  const server = { kind: 'kcareServer', server: { serverId: 'srv-1', ip: '203.0.113.5', key: 'KEY1', created: null, lastCheckin: null } } as unknown as ExplorerNode;

  it('words a server for rows, questions and Copy', () => {
    const look = lookOf(server, LOOK);
    assert.equal(look.label, '203.0.113.5');
    assert.equal(look.warn, 'This server has never checked in.');
    assert.equal(describeNode(server), 'KernelCare server srv-1 (203.0.113.5)');
    assert.deepEqual(copyableValues(server), [
      { label: 'IP', slug: 'ip', value: '203.0.113.5' },
      { label: 'Server id', slug: 'serverId', value: 'srv-1' },
      { label: 'Key', slug: 'key', value: 'KEY1' },
    ]);
    assert.equal(contextValueOf(server), 'kcareServer removable copyable groupable copy-ip copy-serverId copy-key');
  });

  it('offers Update IP License (allow CL6 ELS) on CloudLinux OS licenses and unknown types, not on KernelCare, Imunify or ELS ones', () => {
    const license = (type: number) => contextValueOf({ kind: 'ipLicense', license: { ip: '203.0.113.9', type, registered: true, created: null } } as ExplorerNode);
    for (const type of [1, 4, 5, 1002, 9999]) assert.match(license(type), /\bupdatable\b/, `type ${type}`);
    for (const type of [16, 17, 40, 41, 49, 3, 5017, 7215]) assert.doesNotMatch(license(type), /\bupdatable\b/, `type ${type}`);
  });

  it('every context-menu entry of package.json is offered by some node kind (no dead menu item)', () => {
    const samples: ExplorerNode[] = [
      { kind: 'family', family: 'ip' },
      { kind: 'family', family: 'kcare' },
      { kind: 'family', family: 'backups' },
      { kind: 'family', family: 'im' },
      { kind: 'family', family: 'cl' },
      { kind: 'clProduct', product: 'CLP' },
      { kind: 'clKey', key: { key: 'C', product: 'CLP', limit: 2, note: null } },
      { kind: 'clServer', server: { id: 1, key: 'C', ip: '203.0.113.9', hostname: 'server1' }, product: 'CLP' },
      { kind: 'clSubAccount', login: 'sub1', email: 'sub1@example.com' },
      { kind: 'clSubServer', server: { login: 'sub1', email: null, id: 2, key: 'C', version: '8', ip: '203.0.113.10' } },
      { kind: 'ipType', type: 1 },
      { kind: 'elsCode', code: 'CELS7' },
      { kind: 'ipLicense', license: { ip: '203.0.113.1', type: 40, registered: true, created: null } },
      { kind: 'ipLicense', license: { ip: '203.0.113.2', type: 16, registered: true, created: null } },
      { kind: 'ipLicense', license: { ip: '203.0.113.3', type: 1, registered: true, created: null } },
      { kind: 'kcareKey', key: { key: 'K', note: null, limit: 0, enabled: true, created: null } },
      server,
      { kind: 'imKey', key: { key: 'I', code: 'IM360', servers: 1, limit: 0, note: null } },
      { kind: 'imServer', server: { id: 'i1', ip: null, key: 'I', lastCheckin: null } },
      { kind: 'elsKey', key: { key: 'E', code: 'CELS7', limit: 0, note: null } },
      { kind: 'elsServer', server: { id: 'e1', ip: null, hostname: null, key: 'E' } },
      { kind: 'backup', backup: { backupId: 1, serverId: 'i1', size: 10, datacenter: 'dc' } },
      { kind: 'group', group: { name: 'g', description: null } },
      { kind: 'groupServer', groupName: 'g', server: { id: 'g1', ip: null, hostname: null, type: 'kcare' } },
      { kind: 'host', host: { ip: '203.0.113.5', hostname: null, items: [server as Extract<ExplorerNode, { kind: 'kcareServer' }>] } },
    ] as unknown as ExplorerNode[];
    const kinds = new Set(samples.map((n) => n.kind));
    assert.deepEqual([...kinds].sort(), (Object.keys(NODE_KINDS) as NodeKind[]).sort(), 'a sample of every kind');
    const values = [...samples.map(contextValueOf), 'message error retryable copy-message'];
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    for (const entry of manifest.contributes.menus['view/item/context'] as { command: string; when: string }[]) {
      const pattern = /viewItem =~ \/(.*)\//.exec(entry.when)?.[1];
      assert.ok(pattern, entry.when);
      const re = new RegExp(pattern.replace(/\\\\/g, '\\'));
      assert.ok(
        values.some((value) => re.test(value)),
        `${entry.command} (${entry.when}) matches no node`,
      );
    }
  });
});

describe('explorer: the filter', () => {
  const key = { kind: 'imKey', key: { key: 'IMKEY-abc', code: 'IM360', servers: 1, limit: 0, note: 'Web Cluster' } } as unknown as ExplorerNode;

  it('matches any part of a key or note, ignoring case; containers match nothing of their own', () => {
    assert.ok(matchesFilter(key, 'web cl'));
    assert.ok(matchesFilter(key, 'imkey-A'));
    assert.ok(!matchesFilter(key, 'IM360'), 'the product code is not searched');
    assert.ok(!matchesFilter({ kind: 'family', family: 'im' }, 'im'));
  });

  it('takes the text as typed, trimmed; blank means no filter', () => {
    assert.equal(normalizeFilter('  203.0.113 '), '203.0.113');
    assert.equal(normalizeFilter('   '), undefined);
    assert.equal(normalizeFilter(undefined), undefined);
  });
});
