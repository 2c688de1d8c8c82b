/**
 * View as JSON without VS Code (src/explorer/json.ts): each kind of row's document against what
 * the simulator holds and answers over loopback HTTP, folders as the list of their rows, the
 * readable path that never holds a key or a secret, redaction, and the manifest's menu covering
 * every node kind.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClnClient } from '../../src/cln/client';
import { JSON_KINDS, jsonPath, jsonText, nodeJson, normalise } from '../../src/features/jsonView/core/json';
import { NODE_KINDS } from '../../src/explorer/kinds';
import type { ExplorerNode, NodeKind, NodeOf, TreeNode, ViewName } from '../../src/explorer/nodes';
import { TreeModel } from '../../src/explorer/treeModel';
import { AccountService } from '../../src/services/accountService';
import { AccountSize, SimDate, Simulator, startSimulator } from '../../src/sim';

const SIZE: Partial<AccountSize> = {
  ipLicenses: 40,
  kcareKeys: 2,
  kcareServersPerKey: 3,
  imunifyKeys: 2,
  imunifyServersPerKey: 2,
  elsKeysPerCode: 1,
  elsServersPerKey: 2,
  backups: 2,
  groups: 2,
  serversPerGroup: 2,
  awpEntriesPerMonth: 1,
};
const iso = (date: SimDate | null) => (date ? new Date(date.ms).toISOString() : null);

describe('View as JSON (explorer/json.ts)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: ClnClient;
  let account: AccountService;
  const models = new Map<ViewName, TreeModel>();
  const model = (view: ViewName) => {
    if (!models.has(view)) models.set(view, new TreeModel({ view, account: () => account, pageSize: () => 500 }));
    return models.get(view)!;
  };
  const rows = (view: ViewName) => (node: ExplorerNode) => model(view).loadedItems(node);
  const isItem = (node: TreeNode): node is ExplorerNode => node.kind !== 'message' && node.kind !== 'loadMore';
  async function childrenOf(view: ViewName, parent?: ExplorerNode): Promise<ExplorerNode[]> {
    return (await model(view).children(parent)).filter(isItem);
  }
  /** The first row under `parent` that has rows of its own (a key with servers, a group with members). */
  async function withRows(parent: ExplorerNode | undefined, view: ViewName = 'licenses'): Promise<ExplorerNode> {
    for (const node of await childrenOf(view, parent)) if ((await childrenOf(view, node)).length > 0) return node;
    assert.fail(`nothing under ${parent?.kind ?? view} has rows`);
  }
  async function family(name: string): Promise<ExplorerNode> {
    return (await childrenOf('licenses')).find((node) => node.kind === 'family' && node.family === name)!;
  }

  before(async () => {
    sim = await startSimulator({ size: SIZE, seed: 11 });
    client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 5000, retryDelayMs: 5 });
    account = new AccountService(client, { maxConcurrent: 6 });
  });

  after(async () => {
    await sim?.close();
  });

  it("an IP license: the simulator's license with its server info once details are filled, dates as ISO strings", async () => {
    const ip = await family('ip');
    const types = await childrenOf('licenses', ip);
    await model('licenses').detailsFilled(ip);
    const license = (await childrenOf('licenses', types[0]))[0] as NodeOf<'ipLicense'>;
    const json = nodeJson(license, rows('licenses')) as Record<string, unknown>;
    const held = sim.state.ipLicenses.find((l) => l.ip === license.license.ip && l.type === license.license.type)!;
    assert.deepEqual(json, { ip: held.ip, type: held.type, registered: held.registered, created: iso(held.created), serverInfo: held.serverInfo, lastCheckin: iso(held.lastCheckin) });
    // The same as CLN answers over HTTP (ipl/list.json, ipl/server.json), decoded.
    const [listed] = (await client.call('ipl.list', {})).filter((l) => l.ip === held.ip && l.type === held.type);
    const [server] = (await client.call('ipl.server', { ip: [held.ip] })).filter((s) => s.type === held.type);
    assert.deepEqual(json, normalise({ ...listed, serverInfo: server.serverInfo, lastCheckin: server.lastCheckin }));
  });

  it('keys and servers of every product, backups and groups: the objects CLN answers, decoded', async () => {
    const kcare = await family('kcare');
    const kcareKey = (await withRows(kcare)) as NodeOf<'kcareKey'>;
    assert.deepEqual(nodeJson(kcareKey, rows('licenses')), normalise((await client.call('kcare.key.list', {})).find((k) => k.key === kcareKey.key.key)));
    const held = sim.state.kcareKeys.find((k) => k.key === kcareKey.key.key)!;
    assert.deepEqual(nodeJson(kcareKey, rows('licenses')), { key: held.key, enabled: held.enabled, created: iso(held.created), limit: held.limit, note: held.note });

    const [kcareServer] = (await childrenOf('licenses', kcareKey)) as NodeOf<'kcareServer'>[];
    const kcareJson = nodeJson(kcareServer, rows('licenses')) as Record<string, unknown>;
    const heldServer = sim.state.kcareServers.find((s) => s.serverId === kcareServer.server.serverId)!;
    assert.deepEqual(
      { ...kcareJson, patchset: undefined },
      { serverId: heldServer.serverId, key: heldServer.key, ip: heldServer.ip, created: iso(heldServer.created), lastCheckin: iso(heldServer.lastCheckin), patchset: undefined },
    );
    // The real dialect answers the undocumented patch-level endpoint: its entry for this server is shown under `patchset`.
    const [level] = (await client.call('kcare.patchset', { key: kcareKey.key.key })).filter((l) => l.ip === heldServer.ip);
    assert.deepEqual(kcareJson.patchset, normalise(level));

    const imKey = (await withRows(await family('im'))) as NodeOf<'imKey'>;
    assert.deepEqual(nodeJson(imKey, rows('licenses')), normalise((await client.call('im.key.list', {})).find((k) => k.key === imKey.key.key)));
    const [imServer] = (await childrenOf('licenses', imKey)) as NodeOf<'imServer'>[];
    assert.deepEqual(nodeJson(imServer, rows('licenses')), normalise((await client.call('im.srv.list', { key: imKey.key.key })).find((s) => s.id === imServer.server.id)));
    assert.equal((nodeJson(imServer, rows('licenses')) as Record<string, unknown>).ip, sim.state.imunifyServers.find((s) => s.id === imServer.server.id)!.ip);

    const [elsCode] = await childrenOf('licenses', await family('els'));
    const elsKey = (await withRows(elsCode)) as NodeOf<'elsKey'>;
    assert.deepEqual(nodeJson(elsKey, rows('licenses')), normalise((await client.call('els.key.list', { code: elsKey.key.code })).find((k) => k.key === elsKey.key.key)));
    const [elsServer] = (await childrenOf('licenses', elsKey)) as NodeOf<'elsServer'>[];
    assert.deepEqual(nodeJson(elsServer, rows('licenses')), normalise(sim.state.elsServers.find((s) => s.id === elsServer.server.id)));

    const [backup] = (await childrenOf('licenses', await family('backups'))) as NodeOf<'backup'>[];
    assert.deepEqual(nodeJson(backup, rows('licenses')), normalise(sim.state.backups.find((b) => b.backupId === backup.backup.backupId)));

    const group = (await withRows(undefined, 'groups')) as NodeOf<'group'>;
    const heldGroup = sim.state.groups.find((g) => g.name === group.group.name)!;
    assert.deepEqual(nodeJson(group, rows('groups')), { name: heldGroup.name, description: heldGroup.description });
    const [member] = (await childrenOf('groups', group)) as NodeOf<'groupServer'>[];
    assert.ok(heldGroup.serverIds.includes(member.server.id));
    assert.deepEqual(
      nodeJson(member, rows('groups')),
      normalise({ group: heldGroup.name, ...(await client.call('group.servers.list', { name: heldGroup.name })).find((s) => s.id === member.server.id) }),
    );
  });

  it("folders hold their rows' objects: a product all its keys, IP Licenses every license through its types", async () => {
    const kcare = nodeJson(await family('kcare'), rows('licenses')) as unknown[];
    assert.deepEqual(kcare, normalise(await client.call('kcare.key.list', {})));
    const ip = nodeJson(await family('ip'), rows('licenses')) as { ip: string; type: number }[];
    assert.equal(ip.length, sim.state.ipLicenses.length);
    assert.deepEqual(new Set(ip.map((l) => `${l.ip}#${l.type}`)), new Set(sim.state.ipLicenses.map((l) => `${l.ip}#${l.type}`)));
    const [type] = await childrenOf('licenses', await family('ip'));
    const ofType = nodeJson(type, rows('licenses')) as { type: number }[];
    assert.ok(ofType.length > 0 && ofType.every((l) => l.type === (type as NodeOf<'ipType'>).type));
  });

  it("an All Servers row: its address and each product's object there", async () => {
    const hosts = (await childrenOf('servers')) as NodeOf<'host'>[];
    const host = hosts.find((h) => h.host.items.length > 1) ?? hosts[0];
    const json = nodeJson(host, rows('servers')) as Record<string, unknown>;
    assert.equal(json.ip, host.host.ip);
    const listed = Object.values(json).filter(Array.isArray).flat();
    assert.equal(listed.length, host.host.items.length);
  });

  it('never holds the secret key or the API token; jsonText redacts them besides', async () => {
    const everything: ExplorerNode[] = [];
    const walk = async (view: ViewName, parent?: ExplorerNode) => {
      for (const node of await childrenOf(view, parent)) {
        everything.push(node);
        if (node.kind !== 'ipLicense' && NODE_KINDS[node.kind].children !== 'none') await walk(view, node);
      }
    };
    await walk('licenses');
    await walk('groups');
    const kinds = new Set(everything.map((node) => node.kind));
    for (const kind of ['family', 'ipType', 'elsCode', 'ipLicense', 'kcareKey', 'kcareServer', 'imKey', 'imServer', 'elsKey', 'elsServer', 'backup', 'group', 'groupServer'] as NodeKind[])
      assert.ok(kinds.has(kind), kind);
    for (const node of everything) {
      const view = node.kind === 'group' || node.kind === 'groupServer' ? 'groups' : 'licenses';
      const text = jsonText(nodeJson(node, rows(view)), [sim.credentials.secretKey, sim.apiToken]);
      assert.ok(!text.includes(sim.credentials.secretKey) && !text.includes(sim.apiToken), node.kind);
      const pathText = jsonPath(sim.credentials.login, node);
      assert.ok(!pathText.includes(sim.credentials.secretKey) && !pathText.includes(sim.apiToken), pathText);
    }
    // An echoed secret in a field CLN sent (a note) is redacted in the text.
    const planted: ExplorerNode = { kind: 'kcareKey', key: { key: 'K-1', enabled: true, created: null, limit: 1, note: `token ${sim.credentials.secretKey}` } };
    const text = jsonText(
      nodeJson(planted, () => undefined),
      [sim.credentials.secretKey],
    );
    assert.ok(!text.includes(sim.credentials.secretKey));
    assert.match(text, /"note": "token <redacted>"/);
    assert.ok(text.endsWith('}\n') && text.includes('\n  "key": "K-1",\n'), 'pretty-printed with two spaces');
  });

  it('paths are readable (account, kind, name), never hold a key string, and slashes in names stay inside one segment', () => {
    const license: ExplorerNode = { kind: 'ipLicense', license: { ip: '203.0.113.7', type: 16, registered: true, created: null } };
    assert.equal(jsonPath('demo', license), '/demo/ipLicense/203.0.113.7 KernelCare.json');
    const key: ExplorerNode = { kind: 'kcareKey', key: { key: 'SECRETKEYSTRING123456', enabled: true, created: null, limit: 1, note: 'web/farm' } };
    const keyPath = jsonPath('demo', key);
    assert.match(keyPath, /^\/demo\/kcareKey\/web_farm [0-9a-f]{16}\.json$/);
    assert.ok(!keyPath.includes('SECRETKEYSTRING'));
    const noted: ExplorerNode = { kind: 'imKey', key: { key: 'IMKEYSTRING9876543210', code: '360_1', limit: 1, servers: 0, note: null, type: null } };
    assert.ok(!jsonPath('demo', noted).includes('IMKEYSTRING9876543210'), jsonPath('demo', noted));
    const member: ExplorerNode = { kind: 'groupServer', groupName: 'prod/eu', server: { id: 'kc-1', hostname: 'web1.example', ip: '198.51.100.2', type: 'KERNELCARE' } };
    assert.equal(jsonPath('reseller@example.com', member), '/reseller@example.com/groupServer/prod_eu/web1.example kc-1.json');
  });

  it('the manifest offers View as JSON on every node kind, and JSON_KINDS is the kind table', () => {
    assert.deepEqual([...JSON_KINDS].sort(), Object.keys(NODE_KINDS).sort());
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const entry = manifest.contributes.menus['view/item/context'].find((e: { command?: string }) => e.command === 'cln.viewAsJson');
    const pattern = /viewItem =~ \/(.+)\/$/.exec(entry.when)![1];
    const regex = new RegExp(pattern);
    for (const kind of JSON_KINDS) assert.ok(regex.test(`${kind} copyable`), kind);
    for (const placeholder of ['message error retryable copy-message', 'loadMore']) assert.ok(!regex.test(placeholder), placeholder);
  });
});
