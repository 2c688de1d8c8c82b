/**
 * The CloudLinux OS families (CLN API v2) in the tree model against the simulator: keys by
 * product with their usage, servers saying "no check-in reported", the sub-accounts' servers,
 * the one row an account without v2 shows (and the requests it costs: counted), and IP types
 * named by the service where the built-in catalog lacks them.
 */
import * as assert from 'node:assert/strict';
import { ipTypeName, useServiceIpTypeNames } from '../../src/cln/catalog';
import { ClnClient } from '../../src/cln/client';
import { isProblem, sortItems } from '../../src/explorer/arrange';
import { clProductName, lookOf } from '../../src/explorer/kinds';
import type { ExplorerNode, TreeNode } from '../../src/explorer/nodes';
import { TreeModel } from '../../src/explorer/treeModel';
import { findEverywhere, Found } from '../../src/features/find/core/find';
import { AccountService } from '../../src/services/accountService';
import { AccountSize, Simulator, startSimulator } from '../../src/sim';

const SMALL: Partial<AccountSize> = {
  ipLicenses: 60,
  kcareKeys: 2,
  imunifyKeys: 2,
  elsKeysPerCode: 1,
  backups: 1,
  groups: 1,
  awpEntriesPerMonth: 1,
  clKeysPerProduct: 4,
  clServersPerKey: 3,
  subAccountServers: 5,
};
const LOOK = { staleDays: 7, now: Date.now() };

describe('explorer: CloudLinux OS keys and sub-account servers (API v2)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let model: TreeModel;
  let account: AccountService;
  beforeEach(async () => {
    sim = await startSimulator({ size: SMALL, seed: 9 });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 2000, retryDelayMs: 5 }), { maxConcurrent: 6 });
    model = new TreeModel({ view: 'licenses', account: () => account, pageSize: () => 200 });
  });
  afterEach(async () => {
    useServiceIpTypeNames(undefined);
    await sim.close();
  });

  const row = (node: TreeNode) => {
    if (node.kind === 'message') return `(${node.tone}) ${node.text}`;
    if (node.kind === 'loadMore') return 'Load more';
    const look = lookOf(node, { ...LOOK, counts: model.counts(node) });
    const description = look.description.filter(Boolean).join(' · ');
    return description ? `${look.label} — ${description}` : look.label;
  };
  const rows = async (parent?: TreeNode) => (await model.children(parent)).map(row);
  const family = async (name: string) => (await model.children()).find((n) => n.kind !== 'message' && n.kind !== 'loadMore' && lookOf(n, LOOK).label === name) as ExplorerNode;
  const v2 = () => sim.requests.filter((r) => r.path.startsWith('/v2/'));

  it('keys by product with "servers / limit", then their servers with no check-in reported; 8 requests', async () => {
    const cl = await family('CloudLinux OS');
    const products = (await model.children(cl)) as ExplorerNode[];
    assert.deepEqual(
      products.map(row),
      ['CL', 'CLP', 'CLS', 'CLADMIN'].map((p) => `${clProductName(p)} — 4 keys`),
    );
    assert.equal(row(cl), 'CloudLinux OS — 16 keys');
    assert.equal(v2().length, 8, 'keys and servers, one request each per product');
    const legacy = await model.children(products[0]);
    const state = sim.state;
    for (const node of legacy as ExplorerNode[]) {
      assert.equal(node.kind, 'clKey');
      if (node.kind !== 'clKey') continue;
      const held = state.clServers.filter((s) => s.key === node.key.key).length;
      const look = lookOf(node, { ...LOOK, counts: model.counts(node) });
      const usage = node.key.limit === 0 ? `${held} server${held === 1 ? '' : 's'} · unlimited` : `${held} / ${node.key.limit} server${node.key.limit === 1 ? '' : 's'}`;
      assert.equal(look.description[0], usage);
      assert.equal(Boolean(look.warn), node.key.limit > 0 && held > node.key.limit, 'over its limit is warned');
    }
    const withServers = (legacy as ExplorerNode[]).find((n) => n.kind === 'clKey' && state.clServers.some((s) => s.key === n.key.key))!;
    const servers = await rows(withServers);
    assert.ok(servers.length > 0 && servers.every((r) => r.endsWith('no check-in reported')), servers.join(' | '));
    const empty = (legacy as ExplorerNode[]).find((n) => n.kind === 'clKey' && !state.clServers.some((s) => s.key === n.key.key))!;
    assert.deepEqual(await rows(empty), ['(empty) No servers on this key']);
    assert.equal(v2().length, 8, 'the servers came with the product');
  });

  it('"problems only" keeps a key over its limit; Sort by IP orders its servers', async () => {
    const over = sim.state.clKeys.find((k) => k.limit > 0 && sim.state.clServers.filter((s) => s.key === k.key).length > k.limit)!;
    const held = sim.state.clServers.filter((s) => s.key === over.key).length;
    const node: ExplorerNode = { kind: 'clKey', key: { key: over.key, product: over.product, limit: over.limit, note: over.note } };
    assert.equal(isProblem(node, 7, Date.now(), held), true);
    assert.equal(isProblem(node, 7, Date.now(), over.limit), false);
    const servers: ExplorerNode[] = [
      { kind: 'clServer', server: { id: 1, key: 'k', ip: '198.51.100.20', hostname: 'b' }, product: 'CL' },
      { kind: 'clServer', server: { id: 2, key: 'k', ip: '198.51.100.3', hostname: 'a' }, product: 'CL' },
    ];
    assert.deepEqual(
      sortItems(servers, 'ip').map((n) => (n.kind === 'clServer' ? n.server.id : 0)),
      [2, 1],
    );
  });

  it("the sub-accounts' servers under each sub-account: login, e-mail, version", async () => {
    const sub = await family('Sub-account Servers');
    const accounts = (await model.children(sub)) as ExplorerNode[];
    assert.ok(accounts.length >= 2);
    assert.equal(row(sub), `Sub-account Servers — ${sim.state.subAccountServers.length} servers`);
    const first = sim.state.subAccountServers.find((s) => s.login === (accounts[0] as { login: string }).login)!;
    const servers = await rows(accounts[0]);
    assert.ok(servers.includes(`${first.ip} — CloudLinux OS ${first.version} · ${first.login} · ${first.email}`), servers.join(' | '));
  });

  for (const how of [404, 403, 'html'] as const) {
    it(`without v2 (${how}): one row saying so in each v2 family, v1 families untouched, one request`, async () => {
      sim.state.v2.unavailable = how;
      const answered = how === 'html' ? 'an HTML page' : String(how);
      assert.deepEqual(await rows(await family('CloudLinux OS')), [`(error) CloudLinux OS keys need CLN API v2, which answered ${answered}`]);
      assert.deepEqual(await rows(await family('Sub-account Servers')), [`(error) Sub-account servers need CLN API v2, which answered ${answered}`]);
      // Looking again (the workbench re-renders; the model forces the next look at a failed list) asks nothing more.
      for (let i = 0; i < 3; i++) {
        assert.deepEqual(await rows(await family('CloudLinux OS')), [`(error) CloudLinux OS keys need CLN API v2, which answered ${answered}`]);
        model.refresh(await family('CloudLinux OS'));
      }
      assert.equal(v2().length, 1, 'v2 was asked once');
      const kcare = await rows(await family('KernelCare'));
      assert.ok(kcare.length > 0 && !kcare[0].startsWith('('), kcare.join(' | '));
    });
  }

  it('All Servers has a row for each CloudLinux OS server, naming the product; Find finds keys and servers', async () => {
    const servers = new TreeModel({ view: 'servers', account: () => account, pageSize: () => 100_000 });
    let hosts = await servers.children();
    // The first rows come before every key's servers: wait for the whole list.
    for (let i = 0; i < 50 && hosts.some((n) => n.kind === 'message' && n.tone === 'loading'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      hosts = await servers.children();
    }
    const target = sim.state.clServers.find((s) => s.ip)!;
    const host = hosts.find((n) => n.kind === 'host' && n.host.ip === target.ip);
    assert.ok(host && host.kind === 'host', `no All Servers row for ${target.ip}`);
    assert.ok(host.host.items.some((item) => item.kind === 'clServer' && item.server.id === target.id));
    const found: Found[] = [];
    await findEverywhere(account, target.hostname, { onFound: (f) => found.push(...f) });
    const hit = found.find((f) => f.node.kind === 'clServer' && f.node.server.id === target.id);
    assert.ok(hit, `Find found ${found.map((f) => f.node.kind).join(', ')}`);
    assert.deepEqual(
      hit.path.map((n) => n.kind),
      ['family', 'clProduct', 'clKey', 'clServer'],
    );
    const noted = sim.state.clKeys.find((k) => k.note)!;
    const keyHits: Found[] = [];
    await findEverywhere(account, noted.note!, { onFound: (f) => keyHits.push(...f) });
    assert.ok(keyHits.some((f) => f.node.kind === 'clKey' && f.node.key.key === noted.key));
  });

  it("Find reads every CloudLinux OS product's server list side by side, not one product after another", async () => {
    sim.faults.set('cl.srv.list', { kind: 'latency', ms: 400 });
    const products = new Set(sim.state.clKeys.map((k) => k.product)).size;
    assert.ok(products > 1);
    const target = sim.state.clServers.find((s) => s.ip)!;
    const found: Found[] = [];
    const search = findEverywhere(account, target.hostname, { onFound: (f) => found.push(...f) });
    const pending = () => sim.requests.filter((r) => r.endpointId === 'cl.srv.list' && r.status === 0).length;
    let most = 0;
    for (let i = 0; i < 100 && most < products; i++) {
      most = Math.max(most, pending());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await search;
    assert.equal(most, products, `server lists pending at once: ${most} of ${products}`);
    assert.ok(found.some((f) => f.node.kind === 'clServer' && f.node.server.id === target.id));
  });

  it('IP types the catalog lacks are named by the service where v2 answers; "Type N" without it', async () => {
    assert.equal(ipTypeName(2), 'Type 2');
    const ip = await family('IP Licenses');
    const first = await rows(ip);
    // The rows never wait for the names: they come with the details, and the folder renders again.
    assert.ok(
      first.some((r) => r.startsWith('Type 2 —')),
      first.join(' | '),
    );
    let types = first;
    for (let i = 0; i < 100 && !types.some((r) => r.startsWith('CloudLinux OS Shared (simulated name for type 2) —')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      types = await rows(ip);
    }
    assert.ok(
      types.some((r) => r.startsWith('CloudLinux OS Shared (simulated name for type 2) —')),
      types.join(' | '),
    );
    assert.equal(sim.requests.filter((r) => r.path === '/v2/ip-license/licenses/types').length, 1);
  });

  it('without v2, IP types stand as the catalog and "Type N" say', async () => {
    sim.state.v2.unavailable = 404;
    const types = await rows(await family('IP Licenses'));
    assert.ok(
      types.some((r) => r.startsWith('Type 2 —')),
      types.join(' | '),
    );
  });
});
