/**
 * The same scenarios the way public CLN clients go about them: the client
 * alone, one request at a time, no cache, one ipl/server.json per IP. Long
 * loops run on a sample and are extrapolated; the note says so. Requests are
 * counted at the simulator, plus one per item left out of a sample.
 */
import { AWP_PRODUCTS, ELS_CODES } from '../../src/cln/catalog';
import { ClnClient } from '../../src/cln/client';
import { monthsEndingAt, yearMonthOf } from '../../src/cln/dates';
import { MAX_IPS_PER_SERVER_CALL } from '../../src/cln/validate';
import { TREND_MONTHS } from '../../src/features/awpReport/core/load';
import type { Bench, Measured } from './harness';
import type { ScenarioResult } from './results';

export interface NaiveSample {
  /** How many IPs get their own ipl/server.json call before extrapolating. */
  ips: number;
  /** How many KernelCare keys have their servers listed before extrapolating. */
  keys: number;
}

interface Run {
  requests: number;
  wallMs: number;
  note?: string;
}

const run = (m: Measured): Run => ({ requests: m.endpoints.length, wallMs: m.wallMs });

function naive(id: string, title: string, r: Run, unavoidable: number): ScenarioResult {
  return { id, title, client: 'naive', requests: r.requests, unavoidable, wallMs: r.wallMs, maxInFlight: 1, target: { kind: 'none' }, checks: [], note: r.note };
}

/** A list call, then one call per item in order: on a sample of the items, scaled to all of them. */
async function listThenEach<T>(b: Bench, list: () => Promise<T[]>, sample: number, what: string, each: (item: T) => Promise<unknown>): Promise<Run> {
  let items: T[] = [];
  const listed = await b.measure(async () => (items = await list()));
  const taken = items.slice(0, Math.min(sample, items.length));
  const m = await b.measure(async () => {
    for (const item of taken) await each(item);
  });
  const scale = taken.length > 0 ? items.length / taken.length : 1;
  return {
    requests: listed.endpoints.length + m.endpoints.length + (items.length - taken.length),
    wallMs: listed.wallMs + m.wallMs * scale,
    note: taken.length < items.length ? `extrapolated from ${taken.length} of ${items.length} ${what}` : undefined,
  };
}

export async function naiveRuns(b: Bench, sample: NaiveSample): Promise<ScenarioResult[]> {
  const client = new ClnClient({ baseUrl: b.url, credentials: () => b.credentials });
  const lists = ['kcare.key.list', 'im.key.list', 'ab.list'] as const;
  const families = run(
    await b.measure(async () => {
      for (const id of lists) await client.call(id, {});
      for (const { code } of ELS_CODES) await client.call('els.key.list', { code });
    }),
  );
  const uniqueIps = async () => [...new Set((await client.call('ipl.list', {})).map((l) => l.ip))];
  const ips = await listThenEach(b, uniqueIps, sample.ips, 'IPs', (ip) => client.call('ipl.server', { ip: [ip] }));
  const ipCount = ips.requests - 1;
  const batched = 1 + Math.ceil(ipCount / MAX_IPS_PER_SERVER_CALL);
  const listKeys = async () => (await client.call('kcare.key.list', {})).map((k) => k.key);
  const keys = await listThenEach(b, listKeys, sample.keys, 'keys', (key) => client.call('kcare.key.servers', { key }));
  const months = monthsEndingAt(yearMonthOf(new Date()), TREND_MONTHS);
  const trend = run(
    await b.measure(async () => {
      for (const yearMonth of months) await client.call('awp.billing', { products: [...AWP_PRODUCTS], yearMonth });
    }),
  );
  // 6: the clean-up sweep the naive way: every list, then one call per IP, per KernelCare key and per Imunify key, in turn.
  const listImKeys = async () => (await client.call('im.key.list', {})).map((k) => k.key);
  const imServers = await listThenEach(b, listImKeys, sample.keys, 'Imunify keys', (key) => client.call('im.srv.list', { key }));
  const els = run(
    await b.measure(async () => {
      for (const { code } of ELS_CODES) {
        await client.call('els.key.list', { code });
        await client.call('els.srv.list', { code });
      }
    }),
  );
  const sweepRun: Run = {
    requests: ips.requests + keys.requests + imServers.requests + els.requests,
    wallMs: ips.wallMs + keys.wallMs + imServers.wallMs + els.wallMs,
    note: [ips.note, keys.note, imServers.note].filter(Boolean).join('; ') || undefined,
  };
  return [
    naive('6', 'Find Unused Licenses, one request at a time', sweepRun, 3 + Math.ceil(ipCount / MAX_IPS_PER_SERVER_CALL) + (keys.requests - 1) + (imServers.requests - 1) + els.requests),
    naive('1b', 'Expand KernelCare, Imunify, ELS, Backups families', families, families.requests),
    naive('2', 'Expand IP Licenses + server info, one call per IP', ips, batched),
    naive('3', 'Servers of all KernelCare keys, one key at a time', keys, keys.requests),
    naive('4a', 'IP Licenses expanded again (no cache)', { ...ips, note: 'as 2: nothing is cached' }, 0),
    naive('4b', 'IP Licenses expanded by two callers at once', { requests: 2 * ips.requests, wallMs: ips.wallMs, note: 'two loops as 2, side by side: nothing is shared' }, batched),
    naive('5', 'AWP twelve-month trend, one month at a time', trend, trend.requests),
  ];
}
