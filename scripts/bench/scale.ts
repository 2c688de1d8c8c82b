/**
 * Issue 13's scenarios on the large account, through the code the views and
 * commands run: the TreeModel the trees render (progressive IP licenses, All
 * Servers) and `findEverywhere` (CLN: Find…). Requests are counted at the
 * simulator. Where a scenario's requests depend on an earlier answer, its
 * bound counts the rounds that dependency forces (`rounds`).
 */
import { performance } from 'node:perf_hooks';
import { MAX_IPS_PER_SERVER_CALL } from '../../src/cln/validate';
import { findEverywhere } from '../../src/features/find/core/find';
import type { TreeNode, ViewName } from '../../src/explorer/nodes';
import { TreeModel } from '../../src/explorer/treeModel';
import { Bench, countOf, Measured } from './harness';
import type { ScenarioResult } from './results';

const PAGE = 200;

const treeOf = (b: Bench, view: ViewName) => new TreeModel({ view, account: () => b.account, pageSize: () => PAGE });
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

function ours(id: string, title: string, m: Measured, unavoidable: number, rest: Partial<ScenarioResult> & Pick<ScenarioResult, 'target' | 'checks'>): ScenarioResult {
  return { id, title, client: 'ours', requests: m.endpoints.length, unavoidable, wallMs: m.wallMs, cpuMs: m.cpuMs, simCpuMs: m.simCpuMs, maxInFlight: m.maxInFlight, ...rest };
}

/** 6a: IP license rows on screen after ipl/list alone; 6b: every license's server details filled in. */
export async function progressiveIpLicenses(b: Bench): Promise<ScenarioResult[]> {
  b.account.clearCache();
  // The top level's own read (whether the retired Backups family shows, scenario 1) is not part of this scenario.
  await b.account.read('ab.list', {});
  const tree = treeOf(b, 'licenses');
  let firstMs = 0;
  let firstCpuMs = 0;
  let rows = 0;
  let family: TreeNode | undefined;
  let types: TreeNode[] = [];
  const m = await b.measure(async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    family = (await tree.children()).find((n) => n.kind === 'family' && n.family === 'ip');
    types = await tree.children(family);
    rows = (await tree.children(types[0])).filter((n) => n.kind === 'ipLicense').length;
    firstMs = performance.now() - started;
    firstCpuMs = cpuSince(cpu);
    await tree.detailsFilled(family);
  });
  const withInfo = types.reduce((sum, type) => sum + (tree.loadedItems(type) ?? []).filter((n) => n.kind === 'ipLicense' && n.info).length, 0);
  const firstType = tree.loadedItems(types[0])?.length ?? 0;
  const batches = Math.ceil(b.facts.uniqueIps / MAX_IPS_PER_SERVER_CALL);
  return [
    {
      id: '8a',
      title: 'IP Licenses: first rows shown (progressive)',
      client: 'ours',
      requests: 1,
      unavoidable: 1,
      wallMs: firstMs,
      cpuMs: firstCpuMs,
      maxInFlight: 1,
      target: { kind: 'firstRows', rounds: 2, cpuMs: 150 },
      checks: [{ what: 'rows on the first page', expected: Math.min(PAGE, firstType), actual: rows }],
      note: `${types.length} type groups with their counts; the rows wait for ipl/list only`,
    },
    ours('8b', 'IP Licenses: all server details filled in', m, 1 + batches, {
      rounds: 1 + Math.ceil(batches / b.account.maxConcurrent),
      target: { kind: 'ratio', max: 1.25 },
      checks: [
        { what: 'ipl.list calls', expected: 1, actual: countOf(m, 'ipl.list') },
        { what: 'ipl.server calls (ceil(unique IPs / 100))', expected: batches, actual: countOf(m, 'ipl.server') },
        { what: 'licenses with server details', expected: b.facts.ipLicenses, actual: withInfo },
      ],
    }),
  ];
}

/** 7: CLN: Find… for the IP of a server under the last KernelCare key, from a cold cache, until the first result. */
export async function findUnderLastKey(b: Bench): Promise<ScenarioResult> {
  b.account.clearCache();
  const keys = await b.account.read('kcare.key.list', {});
  const last = keys[keys.length - 1];
  const target = (await b.account.read('kcare.key.servers', { key: last.key })).find((s) => s.ip)!;
  b.account.clearCache();
  let foundKind = '';
  const abort = new AbortController();
  const m = await b.measure(
    () =>
      new Promise<void>((resolve, reject) => {
        findEverywhere(b.account, target.ip!, {
          signal: abort.signal,
          onFound: (found) => {
            if (foundKind) return;
            foundKind = found[0].node.kind;
            abort.abort(); // the user picks the first result
            resolve();
          },
        }).then(
          () => resolve(),
          (error: unknown) => (abort.signal.aborted ? resolve() : reject(error)),
        );
      }),
  );
  const lists = countOf(m, 'ipl.list') + countOf(m, 'kcare.key.list') + countOf(m, 'im.key.list') + countOf(m, 'els.key.list') + countOf(m, 'group.list');
  return ours('9', `Find an IP under the last of ${keys.length} KernelCare keys (first result)`, m, lists + keys.length, {
    rounds: 1 + Math.ceil(keys.length / b.account.maxConcurrent),
    target: { kind: 'ratio', max: 1.25 },
    checks: [
      { what: 'kcare.key.servers calls (every key up to the last)', expected: keys.length, actual: countOf(m, 'kcare.key.servers') },
      { what: 'first result is that KernelCare server (1 = yes)', expected: 1, actual: foundKind === 'kcareServer' ? 1 : 0 },
    ],
    note: 'the last key is read last: its answer holds the result',
  });
}

/**
 * 10a: All Servers from a cold cache (first rows, then every product's servers, then IP license
 * details); 10c: its first rows alone; 10b: opened again after, 0 requests.
 */
export async function allServers(b: Bench): Promise<ScenarioResult[]> {
  b.account.clearCache();
  const cold = treeOf(b, 'servers');
  let hosts = 0;
  let firstHosts = 0;
  let firstMs = 0;
  let firstCpuMs = 0;
  const m = await b.measure(async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    firstHosts = (await cold.children()).filter((n) => n.kind === 'host').length;
    firstMs = performance.now() - started;
    firstCpuMs = cpuSince(cpu);
    await cold.detailsFilled();
    hosts = cold.loadedItems()?.length ?? 0;
  });
  // The lists asked in the first round (the first rows wait for them; the keys' servers follow them).
  const lists = 4 + countOf(m, 'els.key.list'); // ipl, kcare keys, im keys, groups, ELS keys per code
  const warm = treeOf(b, 'servers');
  const w = await b.measure(async () => {
    await warm.children();
    await warm.detailsFilled();
  });
  const f = b.facts;
  const batches = Math.ceil(f.uniqueIps / MAX_IPS_PER_SERVER_CALL);
  const els = countOf(m, 'els.key.list') + countOf(m, 'els.srv.list');
  const dependent = f.kcareKeys + f.imunifyKeys + f.groups + countOf(m, 'els.srv.list') + batches;
  return [
    ours('10a', `All Servers, cold (${hosts} servers, every product)`, m, 4 + els + f.kcareKeys + f.imunifyKeys + f.groups + batches, {
      rounds: 1 + Math.ceil(dependent / b.account.maxConcurrent),
      target: { kind: 'ratio', max: 1.25 },
      checks: [
        { what: 'kcare.key.servers calls', expected: f.kcareKeys, actual: countOf(m, 'kcare.key.servers') },
        { what: 'im.srv.list calls', expected: f.imunifyKeys, actual: countOf(m, 'im.srv.list') },
        { what: 'group.servers.list calls', expected: f.groups, actual: countOf(m, 'group.servers.list') },
        { what: 'ipl.server calls', expected: batches, actual: countOf(m, 'ipl.server') },
      ],
      note: `${lists} lists, then every key's and group's servers and the IP details`,
    }),
    {
      id: '10c',
      title: 'All Servers, cold: first rows shown (progressive)',
      client: 'ours',
      requests: lists,
      unavoidable: lists,
      wallMs: firstMs,
      cpuMs: firstCpuMs,
      maxInFlight: Math.min(lists, b.account.maxConcurrent),
      target: { kind: 'firstRows', rounds: 2, cpuMs: 150 },
      checks: [{ what: 'rows on the first page (one per licensed IP)', expected: Math.min(PAGE, b.facts.uniqueIps), actual: firstHosts }],
      note: `the IP licenses' servers after ipl/list, with a row saying the keys' servers are still being read; ${hosts} rows once they are`,
    },
    ours('10b', 'All Servers, warm (opened again)', w, 0, { target: { kind: 'noExtra' }, checks: [{ what: 'requests', expected: 0, actual: w.endpoints.length }] }),
  ];
}

/** Naive peers, from the naive loops already measured (one request at a time, no cache). */
export function naiveScale(naive: readonly ScenarioResult[], mine: readonly ScenarioResult[]): ScenarioResult[] {
  const two = naive.find((r) => r.id === '2');
  const three = naive.find((r) => r.id === '3');
  if (!two || !three) return [];
  const perRequest = three.wallMs / Math.max(1, three.requests);
  const cold = mine.find((r) => r.id === '10a');
  const peer = (id: string, title: string, requests: number, wallMs: number, note: string): ScenarioResult => ({
    id,
    title,
    client: 'naive',
    requests,
    unavoidable: mine.find((r) => r.id === id)?.unavoidable ?? 0,
    rounds: mine.find((r) => r.id === id)?.rounds,
    wallMs,
    maxInFlight: 1,
    target: { kind: 'none' },
    checks: [],
    note,
  });
  const coldRequests = (cold?.requests ?? 0) - Math.ceil(two.unavoidable) + two.requests;
  return [
    peer('8a', "IP Licenses rows after every IP's details, one call per IP", two.requests, two.wallMs, 'as 2: a client that renders the rows with their details'),
    peer('8b', 'IP Licenses: all details, one call per IP', two.requests, two.wallMs, 'as 2'),
    peer('9', "Find: each key's servers in turn until the IP shows", three.requests, three.wallMs, 'as 3: the last key is read last'),
    peer('10a', 'All Servers, every list one request at a time', coldRequests, coldRequests * perRequest, `requests × ${perRequest.toFixed(1)} ms (3's time per request)`),
    peer('10b', 'All Servers again (no cache)', coldRequests, coldRequests * perRequest, 'as 10a: nothing is cached'),
  ];
}
