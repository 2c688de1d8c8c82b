/**
 * Issue 23, item 2 ("needs-attention is hidden"), without VS Code: Show Problems Only at every level
 * (keys whose servers are not read stand behind one "not checked" row, read only on its click), and
 * key and group rows that say what the account's cache already holds of their servers, however it
 * was read. Driven against the simulator over loopback HTTP; the simulator's log says what was sent.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import type { EndpointId } from '../../src/cln/endpoints';
import { lookOf } from '../../src/explorer/kinds';
import { loadAllGroupServers, loadAllServers, readServersOf } from '../../src/explorer/loaders';
import type { ExplorerNode, TreeNode, ViewName } from '../../src/explorer/nodes';
import { TreeModel } from '../../src/explorer/treeModel';
import { AccountService, cacheKey } from '../../src/services/accountService';
import { AccountSize, Simulator, startSimulator } from '../../src/sim';
import { problemKcareKeys } from './support/problemKeys';

const DAY_MS = 86_400_000;
const SIZE: Partial<AccountSize> = {
  ipLicenses: 20,
  kcareKeys: 12,
  kcareServersPerKey: 4,
  imunifyKeys: 6,
  imunifyServersPerKey: 3,
  elsKeysPerCode: 3,
  elsServersPerKey: 2,
  backups: 0,
  groups: 3,
  serversPerGroup: 3,
};
const LOOK = { staleDays: 7, now: Date.now() };

interface Setup {
  sim: Simulator;
  account: AccountService;
  model: TreeModel;
  changed: (TreeNode[] | undefined)[];
  sent(): EndpointId[];
}

async function setup(view: ViewName = 'licenses', maxConcurrent = 6): Promise<Setup> {
  const sim = await startSimulator({ size: SIZE, seed: 11 });
  const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 2000, retryDelayMs: 5 });
  const account = new AccountService(client, { maxConcurrent });
  const changed: (TreeNode[] | undefined)[] = [];
  const model = new TreeModel({ view, account: () => account, pageSize: () => 200, changed: (nodes) => changed.push(nodes) });
  return {
    sim,
    account,
    model,
    changed,
    sent: () => {
      const ids = sim.requests.map((r) => r.endpointId ?? (r.path as EndpointId));
      sim.resetLog();
      return ids;
    },
  };
}

function row(model: TreeModel, node: TreeNode): string {
  if (node.kind === 'message') return `(${node.tone}) ${node.text}`;
  if (node.kind === 'loadMore') return `Load more (${node.remaining} remaining)`;
  const look = lookOf(node, { ...LOOK, counts: model.counts(node), silent: model.silent(node), unchecked: model.uncheckedCount(node) });
  const description = look.description.filter(Boolean).join(' · ');
  return description ? `${look.label} — ${description}` : look.label;
}

async function family(model: TreeModel, name: string): Promise<ExplorerNode> {
  const found = (await model.children()).find((node) => node.kind === 'family' && lookOf(node, LOOK).label === name);
  assert.ok(found, `no ${name} family`);
  return found as ExplorerNode;
}

const keyOf = (node: TreeNode) => (node.kind === 'kcareKey' ? node.key.key : node.kind);

describe('explorer: Show Problems Only at every level, and rows that say what is known (issue 23)', function () {
  this.timeout(30_000);
  let t: Setup;
  afterEach(async () => t?.sim.close());

  it('keys whose servers are not read stand behind one row, and nothing reads them until it is clicked', async () => {
    t = await setup();
    t.model.arrange = { sort: 'default', problemsOnly: true };
    const kcare = await family(t.model, 'KernelCare');
    const shown = await t.model.children(kcare);
    const keys = t.sim.state.kcareKeys.length;
    assert.deepEqual(
      shown.map((n) => row(t.model, n)),
      [`(unchecked) ${keys} keys not checked — Check Their Servers`],
    );
    const detail = shown[0].kind === 'message' ? shown[0].detail : '';
    assert.match(detail ?? '', new RegExp(`one request per key \\(${keys} requests`));
    assert.equal(t.sent().filter((id) => id === 'kcare.key.servers').length, 0, 'no key was read by itself');
    // The family shows (it holds keys not checked) and is counted as the filter counts.
    assert.ok((await t.model.children()).some((n) => n.kind === 'family' && n.family === 'kcare'));

    // The click: one request per key, then the list holds exactly the problem keys and the row is gone.
    const outcome = await readServersOf(t.account, t.model.unchecked(kcare));
    assert.deepEqual({ ...outcome, failed: outcome.failed.length }, { total: keys, read: keys, failed: 0, cancelled: false });
    assert.equal(t.sent().filter((id) => id === 'kcare.key.servers').length, keys);
    const after = await t.model.children(kcare);
    const expected = problemKcareKeys(t.sim);
    assert.ok(expected.length > 0 && expected.length < keys, `the seed has some problem keys and some without (${expected.length} of ${keys})`);
    assert.deepEqual(after.map(keyOf).sort(), [...expected].sort());
    // Each says why: its servers against the limit, its silent servers.
    for (const node of after) assert.match(row(t.model, node), /— \d+ \/ \d+ servers?|— 0 servers|\d+ silent/);
  });

  it('ELS: each product folder holds its own row, and its keys are read with one request for the product', async () => {
    t = await setup();
    t.model.arrange = { sort: 'default', problemsOnly: true };
    const els = await family(t.model, 'ELS');
    const folders = (await t.model.children(els)) as ExplorerNode[];
    assert.ok(folders.length > 1 && folders.every((f) => f.kind === 'elsCode'), 'every product folder shows (its keys are not checked)');
    assert.match(row(t.model, els), new RegExp(`^ELS — .*· ${t.sim.state.elsKeys.length} not checked$`), 'the family adds up its folders');
    const folder = folders[0];
    const code = folder.kind === 'elsCode' ? folder.code : '';
    const keys = t.sim.state.elsKeys.filter((k) => k.code === code).length;
    const [only] = await t.model.children(folder);
    assert.equal(row(t.model, only), `(unchecked) ${keys} keys not checked — Check Their Servers`);
    assert.match(only.kind === 'message' ? (only.detail ?? '') : '', /one request for their product\.$/);
    t.sent();
    await readServersOf(t.account, t.model.unchecked(folder));
    assert.deepEqual(t.sent(), ['els.srv.list']);
    assert.ok(!(await t.model.children(folder)).some((n) => n.kind === 'message' && n.tone === 'unchecked'), 'the row is gone');
  });

  it('a cancelled check sends nothing more; the row then counts the keys still unchecked', async () => {
    t = await setup('licenses', 1);
    t.model.arrange = { sort: 'default', problemsOnly: true };
    const kcare = await family(t.model, 'KernelCare');
    await t.model.children(kcare);
    t.sent();
    const abort = new AbortController();
    const outcome = await readServersOf(t.account, t.model.unchecked(kcare), { signal: abort.signal, onRead: (done) => done === 2 && abort.abort() });
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.read, 2);
    const sent = t.sent().filter((id) => id === 'kcare.key.servers').length;
    assert.ok(sent <= 3, `at most the reads under way when it was cancelled were sent (${sent})`);
    const rows = (await t.model.children(kcare)).map((n) => row(t.model, n));
    const left = t.sim.state.kcareKeys.length - sent;
    assert.equal(rows[0], `(unchecked) ${left} keys not checked — Check Their Servers`);
  });

  it('with nothing unchecked and no problem: "No problems here"', async () => {
    t = await setup();
    // Every server fresh, every key within its limit and with servers.
    for (const s of t.sim.state.kcareServers) s.lastCheckin = { ms: Date.now() - DAY_MS / 2, offset: 0 };
    for (const k of t.sim.state.kcareKeys) k.limit = 0;
    const bare = t.sim.state.kcareKeys.filter((k) => !t.sim.state.kcareServers.some((s) => s.key === k.key)).map((k) => k.key);
    t.sim.state.kcareKeys = t.sim.state.kcareKeys.filter((k) => !bare.includes(k.key));
    t.model.arrange = { sort: 'default', problemsOnly: true };
    const kcare = await family(t.model, 'KernelCare');
    await readServersOf(t.account, t.model.unchecked(await kcareAgain(t.model, kcare)));
    assert.deepEqual(
      (await t.model.children(kcare)).map((n) => row(t.model, n)),
      ['(empty) No problems here'],
    );
    assert.ok(!(await t.model.children()).some((n) => n.kind === 'family' && n.family === 'kcare'), 'and the family goes from the top level');
  });

  it('a KernelCare key row says "N / L servers" and its silent servers once they were read some other way, and is told to render again', async () => {
    t = await setup();
    const kcare = await family(t.model, 'KernelCare');
    const keys = (await t.model.children(kcare)) as ExplorerNode[];
    const key = t.sim.state.kcareKeys.find((k) => k.limit > 0 && t.sim.state.kcareServers.some((s) => s.key === k.key))!;
    const node = keys.find((n) => keyOf(n) === key.key)!;
    assert.match(row(t.model, node), new RegExp(`— limit ${key.limit}\\b`), 'not read yet: its limit only');
    // All Servers (and Find, the clean-up sweep …) read every key's servers through the same cache.
    await loadAllServers(t.account, ['kcare']);
    const servers = t.sim.state.kcareServers.filter((s) => s.key === key.key);
    const silent = servers.filter((s) => !s.lastCheckin || Date.now() - s.lastCheckin.ms > 7 * DAY_MS).length;
    assert.equal(row(t.model, node).split(' — ')[1], [`${servers.length} / ${key.limit} server${key.limit === 1 ? '' : 's'}`, silent ? `${silent} silent` : ''].filter(Boolean).join(' · '));
    assert.deepEqual(t.model.rowsShowing(cacheKey('kcare.key.servers', { key: key.key })), [node], 'the row that shows that read');
    assert.deepEqual(t.sent().filter((id) => id === 'kcare.key.servers').length, t.sim.state.kcareKeys.length, 'no more than All Servers asked');
    // With "problems only" the list holding it renders again instead (the key may start or stop showing).
    t.model.arrange = { sort: 'default', problemsOnly: true };
    assert.deepEqual(t.model.rowsShowing(cacheKey('kcare.key.servers', { key: key.key })), [kcare]);
  });

  it('a server group row counts its servers once All Servers has read them; not before (a request per group)', async () => {
    t = await setup('groups');
    const groups = (await t.model.children()) as ExplorerNode[];
    const group = t.sim.state.groups.find((g) => g.serverIds.length > 0)!;
    const node = groups.find((n) => n.kind === 'group' && n.group.name === group.name)!;
    assert.equal(row(t.model, node).includes('server'), false, 'group.list says nothing of its servers');
    await loadAllGroupServers(t.account);
    assert.match(row(t.model, node), new RegExp(`— ${group.serverIds.length} servers?\\b`));
  });
});

/** The same family node, its list loaded (under "problems only" the list is read to find what is unchecked). */
async function kcareAgain(model: TreeModel, kcare: ExplorerNode): Promise<ExplorerNode> {
  await model.children(kcare);
  return kcare;
}
