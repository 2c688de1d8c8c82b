/**
 * Progressive loading in Node, through the tree model the Licenses view
 * renders and the real AccountService, against the simulator over HTTP:
 * IP license rows come with the list, server details fill in afterwards
 * (rows on screen first), each IP is asked once, cancelling stops sending.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { ClnError } from '../../src/cln/errors';
import { isKnownIpType } from '../../src/cln/catalog';
import { loadChildren } from '../../src/explorer/loaders';
import { TreeModel } from '../../src/explorer/treeModel';
import type { ExplorerNode, NodeOf, TreeNode } from '../../src/explorer/nodes';
import { AccountService } from '../../src/services/accountService';
import { Simulator, startSimulator } from '../../src/sim';

const SIZE = { ipLicenses: 900, kcareKeys: 3, imunifyKeys: 2, groups: 2, backups: 2, awpEntriesPerMonth: 2 };

describe('progressive loading (tree model + AccountService, simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let account: AccountService;
  let model: TreeModel;
  let changed: (TreeNode[] | undefined)[];

  before(async () => {
    sim = await startSimulator({ size: SIZE, seed: 11 });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.resetLog();
    const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 10_000 });
    account = new AccountService(client, { maxConcurrent: 2 });
    changed = [];
    model = new TreeModel({ view: 'licenses', account: () => account, pageSize: () => 50, changed: (nodes) => changed.push(nodes) });
  });

  const ipFamily = async () => (await model.children()).find((n) => n.kind === 'family' && n.family === 'ip')!;
  const batches = () => sim.requests.filter((r) => r.endpointId === 'ipl.server');
  const uniqueIps = () => new Set(sim.state.ipLicenses.map((l) => l.ip)).size;

  it('shows the groups and rows after ipl/list alone; details fill in row by row, each IP asked once', async () => {
    sim.faults.set('ipl.server', { kind: 'latency', ms: 400 });
    const family = await ipFamily();
    const types = await model.children(family);
    assert.ok(types.length > 1 && types.every((t) => t.kind === 'ipType'));
    const counts = types.map((t) => model.counts(t)!.total);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      sim.state.ipLicenses.length,
      'counts right at the first render',
    );
    const rows = (await model.children(types[0])).filter((n): n is NodeOf<'ipLicense'> => n.kind === 'ipLicense');
    assert.equal(rows.length, 50);
    assert.ok(
      rows.every((r) => r.info === undefined),
      'no details yet',
    );
    assert.equal(batches().filter((b) => b.status !== 0).length, 0);
    const ids = rows.map((r) => model.idOf(r));

    await model.detailsFilled(family);
    assert.ok(changed.length >= 2, 'filled in several steps');
    // Rows, and the folder of a type the catalog lacks once the service names it (API v2's type list).
    const reRendered = (n: TreeNode) => n.kind === 'ipLicense' || (n.kind === 'ipType' && !isKnownIpType(n.type));
    for (const group of changed) assert.ok(group !== undefined && group.every(reRendered), `only rows re-render: ${JSON.stringify(group?.map((n) => n.kind))}`);
    assert.deepEqual((await model.children(types[0])).slice(0, 50), rows, 'same rows, same order');
    assert.deepEqual(
      rows.map((r) => model.idOf(r)),
      ids,
      'same ids',
    );
    assert.ok(rows.some((r) => r.info !== undefined));
    const asked = batches().flatMap((b) => b.query.ip.split(','));
    assert.equal(asked.length, uniqueIps(), 'each IP asked once');
    assert.equal(new Set(asked).size, uniqueIps());
    assert.equal(batches().length, Math.ceil(uniqueIps() / 100));
  });

  it('sends the batches of the rows on screen before the others', async () => {
    sim.faults.set('ipl.server', { kind: 'latency', ms: 150 });
    const family = await ipFamily();
    const types = await model.children(family);
    // The last group: its IPs are spread over the sorted order, so without the preference they would go late.
    const last = types[types.length - 1];
    const shown = (await model.children(last)).filter((n): n is NodeOf<'ipLicense'> => n.kind === 'ipLicense').map((n) => n.license.ip);
    await model.detailsFilled(family);
    // Two slots: the first two batches were formed before the group was shown; the next ones carry its rows.
    const order = batches().map((b) => b.query.ip.split(','));
    const position = (ip: string) => order.findIndex((batch) => batch.includes(ip));
    const late = shown.filter((ip) => position(ip) > 3);
    assert.deepEqual(late, [], `shown rows in batches ${shown.map(position).join(',')}`);
  });

  it('puts the rows shown before the details are asked for in the first batch', async () => {
    const family = (await ipFamily()) as NodeOf<'family'>;
    const loaded = await loadChildren('licenses', family, account, {});
    // The last group's IPs are spread over the sorted order: without the preference, the first batches hold others.
    const groups = [...loaded.prefilled!.values()];
    const shown = groups[groups.length - 1].items.slice(0, 50) as NodeOf<'ipLicense'>[];
    loaded.details!.prefer(shown);
    await loaded.details!.run(() => undefined, new AbortController().signal);
    const first = batches()[0].query.ip.split(',');
    assert.deepEqual(
      shown.map((n) => n.license.ip).filter((ip) => !first.includes(ip)),
      [],
      'every row on screen in the first batch',
    );
  });

  it('fills details in from the cache at once the second time, without a request', async () => {
    const family = await ipFamily();
    await model.children(family);
    await model.detailsFilled(family);
    sim.resetLog();
    const again = new TreeModel({ view: 'licenses', account: () => account, pageSize: () => 50 });
    const types = await again.children((await again.children()).find((n) => n.kind === 'family' && n.family === 'ip'));
    const rows = (await again.children(types[0])) as ExplorerNode[];
    assert.ok(
      rows
        .filter((r) => r.kind === 'ipLicense')
        .every((r) => (r as NodeOf<'ipLicense'>).info !== undefined || !sim.state.ipLicenses.find((l) => l.ip === (r as NodeOf<'ipLicense'>).license.ip)?.registered),
    );
    assert.equal(sim.requests.length, 0);
  });

  it('shows a warning row under each group when details fail, keeping the rows', async () => {
    sim.faults.set('ipl.server', { kind: 'http500' });
    const family = await ipFamily();
    const types = await model.children(family);
    await model.detailsFilled(family);
    const children = await model.children(types[0]);
    assert.ok(children.some((n) => n.kind === 'ipLicense'));
    const warning = children.find((n) => n.kind === 'message' && n.tone === 'warning');
    assert.ok(warning, 'a warning row');
    assert.ok(changed.flat().includes(types[0]), 'the group re-rendered');
  });

  it('stops sending batches when the list is refreshed away, and a caller sharing them still gets its answer', async () => {
    sim.faults.set('ipl.server', { kind: 'latency', ms: 200 });
    const family = await ipFamily();
    await model.children(family);
    const other = account.ipServerInfo(sim.state.ipLicenses.slice(0, 10).map((l) => l.ip));
    model.reset();
    const answer = await other;
    assert.equal(answer.size, new Set(sim.state.ipLicenses.slice(0, 10).map((l) => l.ip)).size);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(batches().length < Math.ceil(uniqueIps() / 100), `${batches().length} batches sent`);
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(account.ipServerInfo(['192.0.2.1'], { signal: aborted.signal }), (e: unknown) => e instanceof ClnError && e.kind === 'cancelled');
  });

  describe('All Servers', () => {
    const servers = () => new TreeModel({ view: 'servers', account: () => account, pageSize: () => 5000, changed: (nodes) => changed.push(nodes) });
    const hostsIn = (nodes: TreeNode[]) => nodes.filter((n): n is NodeOf<'host'> => n.kind === 'host');
    const messages = (nodes: TreeNode[]) => nodes.filter((n) => n.kind === 'message').map((n) => `${(n as { tone: string }).tone}: ${(n as { text: string }).text}`);
    /** An IP that holds an IP license and a KernelCare registration. */
    const shared = () => {
      const ip = sim.state.ipLicenses[0].ip;
      sim.state.kcareServers.find((s) => s.ip)!.ip = ip;
      return ip;
    };

    it("shows the IP licenses' servers after one round trip, then the whole list once the keys' servers arrive", async () => {
      const ip = shared();
      sim.faults.set('kcare.key.servers', { kind: 'latency', ms: 800 });
      const tree = servers();
      const started = Date.now();
      const first = await tree.children();
      const firstMs = Date.now() - started;
      assert.ok(firstMs < 800, `rows before any key's servers returned (${firstMs} ms)`);
      assert.equal(sim.requests.filter((r) => r.endpointId === 'kcare.key.servers' && r.status !== 0).length, 0, "no key's servers answered yet");
      assert.equal(hostsIn(first).length, new Set(sim.state.ipLicenses.map((l) => l.ip)).size, 'a row per licensed IP');
      assert.deepEqual(messages(first), ['loading: Reading the servers of every key and server group…']);
      const early = hostsIn(first).find((h) => h.host.ip === ip)!;
      assert.deepEqual(
        early.host.items.map((i) => i.kind),
        ['ipLicense'],
      );

      await tree.detailsFilled();
      assert.ok(changed.includes(undefined), 'the whole list rendered again once');
      const whole = await tree.children();
      assert.deepEqual(messages(whole), []);
      const host = hostsIn(whole).find((h) => h.host.ip === ip)!;
      const kinds = host.host.items.map((i) => i.kind);
      assert.ok(kinds.includes('ipLicense') && kinds.includes('kcareServer'), kinds.join(', '));
      assert.equal(tree.idOf(host), tree.idOf(early), 'the row keeps its id: an expanded row stays expanded');
      const everyIp = new Set([...sim.state.ipLicenses.map((l) => l.ip), ...sim.state.kcareServers.map((s) => s.ip), ...sim.state.imunifyServers.map((s) => s.ip)].filter(Boolean));
      for (const address of everyIp)
        assert.ok(
          hostsIn(whole).some((h) => h.host.ip === address),
          `${address} has a row`,
        );
      assert.equal(sim.requests.filter((r) => r.endpointId === 'ipl.list').length, 1);
    });

    it("keeps the rows it showed, with a warning and Retry, when a key's servers cannot be read", async () => {
      sim.faults.set('im.srv.list', { kind: 'http500' });
      const tree = servers();
      const first = await tree.children();
      assert.ok(hostsIn(first).length > 0);
      await tree.detailsFilled();
      const after = await tree.children();
      assert.equal(hostsIn(after).length, hostsIn(first).length, 'the rows shown stay');
      const [warning] = after.filter((n) => n.kind === 'message') as { tone: string; retry?: boolean; text: string }[];
      assert.equal(warning.tone, 'warning');
      assert.equal(warning.retry, true);
      assert.match(warning.text, /HTTP 500/);
    });

    it('from a warm cache shows the whole list at once, without a request', async () => {
      const warmup = servers();
      await warmup.children();
      await warmup.detailsFilled();
      sim.resetLog();
      const tree = servers();
      const rows = await tree.children();
      assert.deepEqual(messages(rows), []);
      assert.ok(
        hostsIn(rows).some((h) => h.host.items.some((i) => i.kind === 'kcareServer')),
        'KernelCare servers there at once',
      );
      assert.deepEqual(
        sim.requests.map((r) => r.endpointId),
        [],
      );
    });
  });
});
