/**
 * The scenarios, through the code the trees and commands use: `loadChildren`
 * (the tree's loader over the AccountService) and the AWP report's `readTrend`.
 * Request counts come from the simulator's log, not from our own counters.
 */
import { performance } from 'node:perf_hooks';
import { AWP_PRODUCTS, ELS_CODES } from '../../src/cln/catalog';
import { yearMonthOf } from '../../src/cln/dates';
import { CL_PRODUCTS, MAX_IPS_PER_SERVER_CALL } from '../../src/cln/validate';
import type { ExplorerNode, Family } from '../../src/explorer/nodes';
import { loadChildren } from '../../src/explorer/loaders';
import { FAMILY_ORDER } from '../../src/explorer/kinds';
import { sweep } from '../../src/services/cleanup';
import { readTrend, TREND_MONTHS } from '../../src/features/awpReport/core/load';
import { Bench, countOf, Measured } from './harness';
import { heapUsedMb } from './measure';
import type { CountCheck, ScenarioResult, Target } from './results';
import { formatMs } from './table';

const family = (name: Family): ExplorerNode => ({ kind: 'family', family: name });
const LIST_FAMILIES: Family[] = ['kcare', 'im', 'els', 'backups'];

function result(id: string, title: string, m: Measured, unavoidable: number, target: Target, checks: CountCheck[]): ScenarioResult {
  return { id, title, client: 'ours', requests: m.endpoints.length, unavoidable, wallMs: m.wallMs, cpuMs: m.cpuMs, simCpuMs: m.simCpuMs, maxInFlight: m.maxInFlight, target, checks };
}

/** 1: the Licenses view's top level; 1b: the first level of every family but IP licenses. */
export async function openLicensesView(b: Bench): Promise<ScenarioResult[]> {
  b.account.clearCache();
  let shown = 0;
  // Whether the retired Backups family shows takes its list (ab.list), which comes with the top level.
  const root = await b.measure(async () => {
    const loaded = await loadChildren('licenses', undefined, b.account, {});
    shown = ((await loaded.rest?.loaded) ?? loaded).items.length;
  });
  const families = await b.measure(() => Promise.all(LIST_FAMILIES.map((f) => loadChildren('licenses', family(f), b.account, {}))));
  const listCalls = 2 + countOf(families, 'els.key.list');
  return [
    result('1', 'Open Licenses view: product families shown', root, 1, { kind: 'rounds', max: 1 }, [
      { what: 'families shown, Backups (retired) among them', expected: FAMILY_ORDER.length, actual: shown },
      { what: 'ab.list calls', expected: 1, actual: countOf(root, 'ab.list') },
    ]),
    result('1b', 'Expand KernelCare, Imunify, ELS, Backups families', families, listCalls, { kind: 'none' }, [
      { what: 'kcare.key.list calls', expected: 1, actual: countOf(families, 'kcare.key.list') },
      { what: 'im.key.list calls', expected: 1, actual: countOf(families, 'im.key.list') },
      { what: 'ab.list calls (the top level read it)', expected: 0, actual: countOf(families, 'ab.list') },
    ]),
  ];
}

async function expandIpLicenses(b: Bench): Promise<number> {
  const types = await loadChildren('licenses', family('ip'), b.account, {});
  // The rows come with the list; their server details fill in afterwards.
  await types.details?.run(() => undefined, new AbortController().signal);
  let licenses = 0;
  for (const loaded of types.prefilled?.values() ?? []) {
    if (loaded.warning) throw loaded.warning;
    licenses += loaded.items.filter((n) => n.kind === 'ipLicense' && n.info).length;
  }
  return licenses;
}

/**
 * 2: expand IP Licenses, with server info and last check-in of every license (ipl/server.json in batches of 100).
 * The batches need the IPs ipl/list answers, so the bound is that round and then ceil(batches / max in flight)
 * rounds, as 8b's (the same requests through the tree model).
 */
export async function ipLicenses(b: Bench): Promise<ScenarioResult> {
  b.account.clearCache();
  let withInfo = 0;
  const m = await b.measure(async () => (withInfo = await expandIpLicenses(b)));
  const batches = Math.ceil(b.facts.uniqueIps / MAX_IPS_PER_SERVER_CALL);
  return {
    ...result('2', `Expand IP Licenses + server info (${b.facts.ipLicenses} licenses)`, m, 1 + batches, { kind: 'ratio', max: 1.25 }, [
      { what: 'ipl.list calls', expected: 1, actual: countOf(m, 'ipl.list') },
      { what: 'ipl.server calls (ceil(unique IPs / 100))', expected: batches, actual: countOf(m, 'ipl.server') },
      { what: 'licenses shown with server info', expected: b.facts.ipLicenses, actual: withInfo },
    ]),
    rounds: 1 + Math.ceil(batches / b.account.maxConcurrent),
  };
}

/**
 * 3: the servers of every KernelCare key (a stale-server sweep), with the heap they keep.
 * Opening a key also asks for its patch levels (the undocumented kcare/patchset.json), in
 * parallel with its servers: two requests per key.
 */
export async function kernelCareServers(b: Bench): Promise<ScenarioResult> {
  b.account.invalidate(['kcare']);
  const heapBefore = heapUsedMb();
  let servers = 0;
  const m = await b.measure(async () => {
    const keys = await loadChildren('licenses', family('kcare'), b.account, {});
    const loaded = await Promise.all(keys.items.map((key) => loadChildren('licenses', key, b.account, {})));
    servers = loaded.reduce((sum, l) => sum + l.items.length, 0);
  });
  const keys = b.facts.kcareKeys;
  return {
    ...result('3', `Servers of all ${keys} KernelCare keys`, m, 1 + 2 * keys, { kind: 'ratio', max: 1.25 }, [
      { what: 'kcare.key.list calls', expected: 1, actual: countOf(m, 'kcare.key.list') },
      { what: 'kcare.key.servers calls', expected: keys, actual: countOf(m, 'kcare.key.servers') },
      { what: 'kcare.patchset calls', expected: keys, actual: countOf(m, 'kcare.patchset') },
      { what: 'servers loaded', expected: b.facts.kcareServers, actual: servers },
    ]),
    heapMb: heapUsedMb() - heapBefore,
  };
}

/** 4a: the expansion again within the cache lifetime; 4b: two callers expanding at once, from an empty cache. */
export async function cachedAndCoalesced(b: Bench): Promise<ScenarioResult[]> {
  const again = await b.measure(() => expandIpLicenses(b));
  b.account.clearCache();
  const twice = await b.measure(() => Promise.all([expandIpLicenses(b), expandIpLicenses(b)]));
  // + the API v2 types call when the account holds an IP type the catalog lacks (asked once, beside the details).
  const once = 1 + Math.ceil(b.facts.uniqueIps / MAX_IPS_PER_SERVER_CALL) + Math.min(1, countOf(again, 'ipl.types') + countOf(twice, 'ipl.types'));
  return [
    result('4a', 'IP Licenses expanded again (cached)', again, 0, { kind: 'noExtra' }, [{ what: 'requests', expected: 0, actual: again.endpoints.length }]),
    result('4b', 'IP Licenses expanded by two callers at once', twice, once, { kind: 'noExtra' }, [{ what: 'requests (same as one caller)', expected: once, actual: twice.endpoints.length }]),
  ];
}

/** 5: the AWP report's twelve-month trend. */
export async function awpTrend(b: Bench): Promise<ScenarioResult> {
  b.account.clearCache();
  const m = await b.measure(() => readTrend(b.account, { month: yearMonthOf(new Date()), products: [...AWP_PRODUCTS] }));
  return result('5', 'AWP twelve-month trend', m, TREND_MONTHS, { kind: 'bounded' }, [
    { what: 'awp.billing calls', expected: TREND_MONTHS, actual: countOf(m, 'awp.billing') },
    { what: 'in flight within the bound (1 = yes)', expected: 1, actual: m.maxInFlight <= b.account.maxConcurrent ? 1 : 0 },
  ]);
}

/**
 * 6: Find Unused Licenses: the clean-up sweep over every product from an empty
 * cache, with the time to its first finding; 6b: the same sweep again within
 * the cache lifetime.
 */
export async function cleanupSweep(b: Bench): Promise<ScenarioResult[]> {
  b.account.clearCache();
  const heapBefore = heapUsedMb();
  let firstMs: number | undefined;
  let found = 0;
  const started = performance.now();
  const m = await b.measure(async () => {
    const result = await sweep(b.account, { days: 30, onFindings: () => (firstMs ??= performance.now() - started) });
    found = result.findings.length;
  });
  const heapMb = heapUsedMb() - heapBefore;
  const batches = Math.ceil(b.facts.uniqueIps / MAX_IPS_PER_SERVER_CALL);
  const codes = ELS_CODES.length;
  // API v2: the account's add-on settings (Imunify Email on unused servers), a CloudLinux OS key list per product and a server list per product that has keys.
  const clProducts = countOf(m, 'cl.srv.list');
  const unavoidable = 3 + batches + b.facts.kcareKeys + b.facts.imunifyKeys + 2 * codes + 1 + CL_PRODUCTS.length + clProducts;
  const first = firstMs === undefined ? 'no finding' : `first finding after ${formatMs(firstMs)}`;
  const again = await b.measure(() => sweep(b.account, { days: 30 }));
  return [
    {
      ...result('6', `Find Unused Licenses sweep (${found} findings; ${first})`, m, unavoidable, { kind: 'ratio', max: 1.25 }, [
        { what: 'ipl.list calls', expected: 1, actual: countOf(m, 'ipl.list') },
        { what: 'ipl.server calls (ceil(unique IPs / 100))', expected: batches, actual: countOf(m, 'ipl.server') },
        { what: 'kcare.key.servers calls', expected: b.facts.kcareKeys, actual: countOf(m, 'kcare.key.servers') },
        { what: 'im.srv.list calls', expected: b.facts.imunifyKeys, actual: countOf(m, 'im.srv.list') },
        { what: 'els.srv.list calls', expected: codes, actual: countOf(m, 'els.srv.list') },
        { what: 'features.account calls', expected: 1, actual: countOf(m, 'features.account') },
        { what: 'cl.key.list calls (one per CloudLinux OS product)', expected: CL_PRODUCTS.length, actual: countOf(m, 'cl.key.list') },
        { what: 'requests in all', expected: unavoidable, actual: m.endpoints.length },
      ]),
      heapMb,
      firstFindingMs: firstMs,
    },
    result('6b', 'Find Unused Licenses again (cached)', again, 0, { kind: 'noExtra' }, [{ what: 'requests', expected: 0, actual: again.endpoints.length }]),
  ];
}

/**
 * 3r: scenario 3 against a simulator that rate-limits (HTTP 429 with Retry-After past a
 * token bucket): every read must still succeed — the client waits CLN's Retry-After and
 * the account sends fewer requests at once for a while.
 */
export async function kernelCareServersRateLimited(b: Bench, limit: { perSecond: number; burst?: number }): Promise<ScenarioResult> {
  b.account.invalidate(['kcare']);
  let servers = 0;
  let failed = 0;
  let firstFailure = '';
  const m = await b.measure(async () => {
    const keys = await loadChildren('licenses', family('kcare'), b.account, {});
    const loaded = await Promise.allSettled(keys.items.map((key) => loadChildren('licenses', key, b.account, {})));
    for (const l of loaded) {
      if (l.status === 'fulfilled') servers += l.value.items.length;
      else {
        failed++;
        firstFailure ||= l.reason instanceof Error ? l.reason.message : String(l.reason);
      }
    }
  });
  const keys = b.facts.kcareKeys;
  return {
    ...result('3r', `Servers of all ${keys} KernelCare keys, CLN limiting to ${limit.perSecond}/s (429)`, m, 1 + keys, { kind: 'none' }, [
      { what: 'failed reads', expected: 0, actual: failed },
      { what: 'servers loaded', expected: b.facts.kcareServers, actual: servers },
      { what: 'kcare.key.servers calls answered (not 429)', expected: keys, actual: countOf(m, 'kcare.key.servers') - m.rateLimited.filter((e) => e === 'kcare.key.servers').length },
    ]),
    note: `${m.rateLimited.length} answers were HTTP 429, each waited out${failed ? `; first failure: ${firstFailure}` : ''}`,
  };
}

/**
 * 11: CloudLinux OS keys and the servers of every key (API v2), as opening the family shows them:
 * one key list and one server list per product (CL, CLP, CLS, CLADMIN), the servers grouped by key.
 * Measured once v2 has answered this session: until then the first product's key list goes alone,
 * so an account without v2 costs one request (one extra round trip, once per session; row 11 says so).
 */
export async function cloudLinuxServers(b: Bench): Promise<ScenarioResult> {
  await b.account.clKeys();
  b.account.invalidate(['cl']);
  let keys = 0;
  let servers = 0;
  const m = await b.measure(async () => {
    const loaded = await loadChildren('licenses', family('cl'), b.account, {});
    for (const product of loaded.items) {
      const inProduct = loaded.prefilled?.get(product);
      keys += inProduct?.items.length ?? 0;
      for (const key of inProduct?.items ?? []) servers += inProduct?.prefilled?.get(key)?.items.length ?? 0;
    }
  });
  const products = CL_PRODUCTS.length;
  return result('11', `Servers of all ${keys} CloudLinux OS keys (API v2)`, m, 2 * products, { kind: 'ratio', max: 1.25 }, [
    { what: 'cl.key.list calls (one per product)', expected: products, actual: countOf(m, 'cl.key.list') },
    { what: 'cl.srv.list calls (one per product)', expected: products, actual: countOf(m, 'cl.srv.list') },
    { what: 'CloudLinux OS keys shown (large account: 1,000)', expected: b.facts.clKeys, actual: keys },
    { what: 'servers under them', expected: b.facts.clServers, actual: servers },
  ]);
}
