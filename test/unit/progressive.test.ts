/**
 * Progressive loading in Node, through the tree model the Licenses view
 * renders and the real AccountService, against the simulator over HTTP:
 * IP license rows come with the list, server details fill in afterwards
 * (rows on screen first), each IP is asked once, cancelling stops sending.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { ClnError } from '../../src/cln/errors';
import { TreeModel } from '../../src/explorer/treeModel';
import type { ExplorerNode, NodeOf, TreeNode } from '../../src/explorer/nodes';
import { AccountService } from '../../src/services/account';
import { Simulator, startSimulator } from '../../src/sim';

const SIZE = { ipLicenses: 900, kcareKeys: 3, imunifyKeys: 2, groups: 2, backups: 2, awpEntriesPerMonth: 2 };

describe('progressive loading (tree model + AccountService, simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let account: AccountService;
  let model: TreeModel;
  let changed: TreeNode[][];

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
    assert.equal(counts.reduce((a, b) => a + b, 0), sim.state.ipLicenses.length, 'counts right at the first render');
    const rows = (await model.children(types[0])).filter((n): n is NodeOf<'ipLicense'> => n.kind === 'ipLicense');
    assert.equal(rows.length, 50);
    assert.ok(rows.every((r) => r.info === undefined), 'no details yet');
    assert.equal(batches().filter((b) => b.status !== 0).length, 0);
    const ids = rows.map((r) => model.idOf(r));

    await model.detailsFilled(family);
    assert.ok(changed.length >= 2, 'filled in several steps');
    for (const group of changed) assert.ok(group.every((n) => n.kind === 'ipLicense'), 'only rows re-render');
    assert.deepEqual((await model.children(types[0])).slice(0, 50), rows, 'same rows, same order');
    assert.deepEqual(rows.map((r) => model.idOf(r)), ids, 'same ids');
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

  it('fills details in from the cache at once the second time, without a request', async () => {
    const family = await ipFamily();
    await model.children(family);
    await model.detailsFilled(family);
    sim.resetLog();
    const again = new TreeModel({ view: 'licenses', account: () => account, pageSize: () => 50 });
    const types = await again.children((await again.children()).find((n) => n.kind === 'family' && n.family === 'ip'));
    const rows = (await again.children(types[0])) as ExplorerNode[];
    assert.ok(rows.filter((r) => r.kind === 'ipLicense').every((r) => (r as NodeOf<'ipLicense'>).info !== undefined || !sim.state.ipLicenses.find((l) => l.ip === (r as NodeOf<'ipLicense'>).license.ip)?.registered));
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
});
