/**
 * Builds a whole account from a seed, a size and the clock. Each part of the
 * account draws from its own forked random stream, so resizing one part does
 * not reshuffle the others. Fast enough for the 'large' size (well under 2 s).
 */
import { AwpProduct, ELS_CODES, IMUNIFY_CODES, STATUS_FLAGS, StatusFlag } from '../cln/catalog';
import { monthsEndingAt, yearMonthOf } from '../cln/dates';
import * as n from './names';
import { createRng, Rng } from './prng';
import type * as S from './state';

/** Weighted IP license types: CloudLinux OS most common, Imunify 360 unlimited rare. */
const IP_TYPE_WEIGHTS: [number, number][] = [
  [1, 30],
  [4, 5],
  [5, 5],
  [1002, 10],
  [16, 15],
  [17, 5],
  [40, 8],
  [41, 8],
  [42, 6],
  [43, 5],
  [49, 3],
];
export const IP_TYPE_FAMILIES: readonly (readonly number[])[] = [[1, 2, 4, 1002], [5], [16, 17], [40, 41, 44, 42, 43, 49]];
const DAY = 86_400_000;
/**
 * IP licenses of types only the live service is known to have: 44 (Imunify for 5 users),
 * 2 (in a recorded availability answer), 3 and 5017 (ELS), 7215 (Extended Security Updates).
 */
export const REAL_ONLY_TYPES: readonly (readonly [ip: string, type: number])[] = [
  ['198.51.100.44', 44],
  ['198.51.100.2', 2],
  ['198.51.100.3', 3],
  ['198.51.100.17', 5017],
  ['198.51.100.72', 7215],
];
export const familyOf = (type: number) => IP_TYPE_FAMILIES.find((f) => f.includes(type)) ?? [type];

const KEY_LIMITS = [0, 0, 0, 5, 10, 20, 25, 50, 100];
const KCARE_NOTES = ['web cluster', 'shared hosting', 'customer VPS', 'staging', 'database servers', 'reseller pool'];
const CDN_TIERS = ['50 GB', '100 GB', '250 GB', '500 GB', '1 TB'];
const DEMO_GROUPS = ['production', 'staging', 'web-frontends', 'databases', 'mail', 'customers-eu', 'customers-us', 'legacy'];
export const DATACENTERS = ['EU1', 'EU2', 'US1', 'US2', 'AS1'];

function weighted(rng: Rng, table: [number, number][]): number {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = rng.next() * total;
  for (const [value, w] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1][0];
}

/** Pairs of keys get avg+d and avg−d items: varied counts (some 0), exact total. */
function spread(rng: Rng, keys: number, avg: number, forceEmptyFirst: boolean): number[] {
  const counts: number[] = [];
  for (let i = 0; i < keys; i += 2) {
    const d = forceEmptyFirst && i === 0 ? avg : rng.int(0, avg);
    counts.push(avg + d);
    if (i + 1 < keys) counts.push(avg - d);
    else counts[i] = avg;
  }
  // The empty key of the first pair goes first, so small accounts have one.
  if (forceEmptyFirst && counts.length > 1) [counts[0], counts[1]] = [counts[1], counts[0]];
  return counts;
}

/** Check-in history: mostly fresh, some stale, some long gone, some never. The first two servers are pinned to never / long gone. */
function checkin(rng: Rng, nowMs: number, index: number): S.SimDate | null {
  const r = index === 0 ? 0 : index === 1 ? 0.04 : rng.next();
  if (r < 0.03) return null;
  if (r < 0.09) return n.daysAgo(rng, nowMs, 31, 400);
  if (r < 0.12) return n.daysAgo(rng, nowMs, 8, 29);
  return n.daysAgo(rng, nowMs, 0, 2);
}

export function seedState(seed: number, size: S.AccountSize, nowMs: number, dialect: S.SimDialect = 'real'): S.SimState {
  const root = createRng(seed);
  const nextIp = n.ipGenerator(root.fork('ips'));
  const status: S.SimStatus = Object.fromEntries(STATUS_FLAGS.map(({ flag, badWhen }) => [flag, !badWhen])) as Record<StatusFlag, boolean>;
  if (dialect === 'real') {
    // The live answer (cloudlinux-go model.go): no rhn_queue_full; a reject count and the backup datacenters.
    delete status.rhn_queue_full;
    status.rhn_queue_rejects = 0;
    status.acronis = DATACENTERS.map((dc_name) => ({ dc_name, status: true }));
  }

  // ---- IP licenses: one or two license families per IP ----
  const rIp = root.fork('ipl');
  const ipLicenses: S.SimIpLicense[] = [];
  // Types the reference lacks but the live service has (real-api.md), on addresses of their own.
  const realTypes = dialect === 'real' && size.ipLicenses >= 50 ? REAL_ONLY_TYPES : [];
  const ordinary = size.ipLicenses - realTypes.length;
  while (ipLicenses.length < ordinary) {
    const ip = nextIp();
    const types = [weighted(rIp, IP_TYPE_WEIGHTS)];
    if (rIp.chance(0.3) && ipLicenses.length + 1 < ordinary) {
      const second = weighted(rIp, IP_TYPE_WEIGHTS);
      if (!familyOf(types[0]).includes(second)) types.push(second);
    }
    for (const type of types) {
      const registered = rIp.chance(0.7);
      ipLicenses.push({
        ip,
        type,
        registered,
        created: n.daysAgo(rIp, nowMs, 5, 1500),
        elsAllowed: rIp.chance(0.2),
        serverInfo: registered ? n.serverInfo(rIp) : null,
        lastCheckin: registered ? n.daysAgo(rIp, nowMs, 0, 3) : null,
      });
    }
  }
  realTypes.forEach(([ip, type], i) => {
    const registered = i % 2 === 0;
    ipLicenses.push({
      ip,
      type,
      registered,
      created: { ms: Math.floor((nowMs - (40 + i * 97) * DAY) / 60_000) * 60_000, offset: -240 },
      elsAllowed: false,
      serverInfo: registered ? `real-type-${type}.example.net` : null,
      lastCheckin: registered ? { ms: Math.floor((nowMs - (i + 1) * 3_600_000) / 60_000) * 60_000, offset: -240 } : null,
    });
  });
  const rForeign = root.fork('foreign');
  const foreignLicenses: S.SimForeignLicense[] = [];
  for (let i = 10; i < 30; i++) {
    const type = weighted(rForeign, IP_TYPE_WEIGHTS);
    foreignLicenses.push({ ip: `203.0.113.${i}`, type });
    if (rForeign.chance(0.3)) {
      const second = weighted(rForeign, IP_TYPE_WEIGHTS);
      if (!familyOf(type).includes(second)) foreignLicenses.push({ ip: `203.0.113.${i}`, type: second });
    }
  }

  // ---- KernelCare ----
  const rKc = root.fork('kcare');
  const kcareKeys: S.SimKcareKey[] = [];
  const kcareServers: S.SimKcareServer[] = [];
  spread(rKc, size.kcareKeys, size.kcareServersPerKey, true).forEach((count) => {
    const key = n.kcareKeyString(rKc);
    const created = n.daysAgo(rKc, nowMs, 30, 1200);
    const limit = rKc.pick(KEY_LIMITS);
    kcareKeys.push({
      key,
      enabled: rKc.chance(0.9),
      created,
      limit: limit !== 0 && limit < count ? count + 5 : limit,
      note: rKc.chance(0.7) ? `${rKc.pick(KCARE_NOTES)} ${rKc.int(1, 9)}` : null,
      cidr: rKc.chance(0.2) ? [`${rKc.pick([10, 172, 192])}.${rKc.int(0, 31)}.0.0/16`] : [],
    });
    for (let i = 0; i < count; i++) {
      const index = kcareServers.length;
      const lastCheckin = checkin(rKc, nowMs, index);
      const r = index === 2 ? 0.9 : index === 3 ? 0.98 : rKc.next();
      kcareServers.push({
        serverId: n.kcareServerId(rKc),
        key,
        ip: nextIp(),
        hostname: n.hostname(rKc),
        created: n.daysAgo(rKc, lastCheckin?.ms ?? nowMs, 1, 600),
        lastCheckin,
        kernelState: r < 0.86 ? 'ok' : r < 0.96 ? 'outdated' : 'unsupported',
      });
    }
  });

  // ---- Imunify ----
  const rIm = root.fork('imunify');
  const imunifyKeys: S.SimImunifyKey[] = [];
  const imunifyServers: S.SimImunifyServer[] = [];
  spread(rIm, size.imunifyKeys, size.imunifyServersPerKey, true).forEach((count) => {
    const key = n.imunifyKeyString(rIm);
    const limit = rIm.pick(KEY_LIMITS);
    imunifyKeys.push({
      key,
      code: rIm.pick(IMUNIFY_CODES).code,
      limit: limit !== 0 && limit < count ? count + 5 : limit,
      note: rIm.chance(0.6) ? `${rIm.pick(KCARE_NOTES)} ${rIm.int(1, 9)}` : null,
      reportedServers: null,
    });
    for (let i = 0; i < count; i++) {
      imunifyServers.push({
        id: n.imunifyServerId(rIm),
        key,
        ip: rIm.chance(0.95) ? nextIp() : null,
        hostname: n.hostname(rIm),
        lastCheckin: checkin(rIm, nowMs, imunifyServers.length),
      });
    }
  });

  // The official WHMCS module sells Imunify360 Clean keys (code CLEAN), which the reference lacks.
  if (dialect === 'real' && imunifyKeys.length >= 5) imunifyKeys[imunifyKeys.length - 1].code = 'CLEAN';

  // ---- ELS: keys per product code, servers numbered like the reference's "12345" ----
  const rEls = root.fork('els');
  const elsKeys: S.SimElsKey[] = [];
  const elsServers: S.SimElsServer[] = [];
  let elsServerId = 12345;
  for (const { code } of ELS_CODES) {
    spread(rEls, size.elsKeysPerCode, size.elsServersPerKey, false).forEach((count, i) => {
      const key = n.elsKeyString(rEls, code);
      const description = i % 3 === 0 ? 100 + rEls.int(0, 899) : i % 3 === 1 ? null : `${rEls.pick(KCARE_NOTES)}`;
      const limit = rEls.pick([0, 2, 5, 10, 50]);
      elsKeys.push({ key, code, limit: limit !== 0 && limit < count ? count + 2 : limit, description });
      for (let s = 0; s < count; s++) {
        elsServers.push({ id: String(elsServerId++), key, ip: nextIp(), hostname: rEls.chance(0.9) ? n.hostname(rEls) : null });
      }
    });
  }

  // ---- Backups of Imunify servers ----
  const rAb = root.fork('backups');
  const backups: S.SimBackup[] = [];
  for (let i = 0; i < size.backups; i++) {
    const serverId = imunifyServers.length ? rAb.pick(imunifyServers).id : n.imunifyServerId(rAb);
    backups.push({ backupId: 23 + i, serverId, size: rAb.pick([10, 20, 30, 50, 100, 200]), datacenter: rAb.pick(DATACENTERS) });
  }

  // ---- Server groups over KernelCare and Imunify servers; every 8th group is empty ----
  const rGr = root.fork('groups');
  const groups: S.SimGroup[] = [];
  const poolSize = kcareServers.length + imunifyServers.length;
  for (let i = 0; i < size.groups; i++) {
    const ids = new Set<string>();
    const want = i % 8 === 7 ? 0 : Math.min(size.serversPerGroup, poolSize);
    while (ids.size < want) {
      const k = rGr.int(0, poolSize - 1);
      ids.add(k < kcareServers.length ? kcareServers[k].serverId : imunifyServers[k - kcareServers.length].id);
    }
    groups.push({
      name: i < DEMO_GROUPS.length ? DEMO_GROUPS[i] : `group-${String(i + 1).padStart(3, '0')}`,
      description: rGr.chance(0.7) ? `Servers for ${i < DEMO_GROUPS.length ? DEMO_GROUPS[i] : `pool ${i + 1}`}` : null,
      serverIds: [...ids],
    });
  }

  plantCleanupFindings(root.fork('cleanup'), { ipLicenses, kcareKeys, kcareServers, imunifyKeys, imunifyServers }, nowMs);

  // ---- CLN API v2: CloudLinux OS keys, sub-accounts, add-on settings (after every other draw of nextIp) ----
  const v2 = seedV2(root.fork('v2'), size, nextIp, imunifyKeys, imunifyServers);

  return {
    dialect,
    status,
    ipLicenses,
    foreignLicenses,
    kcareKeys,
    kcareServers,
    monitoringKeys: [],
    imunifyKeys,
    imunifyServers,
    elsKeys,
    elsServers,
    backups,
    datacenters: [...DATACENTERS],
    groups,
    patchsetUnavailable: [],
    awp: seedAwp(root.fork('awp'), size, nowMs),
    ...v2,
  };
}

export const CL_PRODUCTS = ['CL', 'CLP', 'CLS', 'CLADMIN'] as const;
const CL_NOTES = ['shared hosting', 'reseller plan', 'customer VPS', 'WordPress hosting', 'staging', 'admin panel'];
/** Imunify Email is 4600 (EMAIL-DOC); what 1101 and 1102 are is not published (REST-PDF's example names them). */
export const SIM_FEATURES: readonly S.SimFeature[] = [
  { id: 1101, productIds: [1, 2, 3] },
  { id: 1102, productIds: [1, 2, 3] },
  { id: 4600, productIds: [41, 42, 43, 44, 49] },
];
/** Names the simulated `types` call gives; type 2 is one the built-in catalog lacks (REAL_ONLY_TYPES holds a license of it). */
export const SIM_IP_TYPE_NAMES: readonly { type: number; name: string }[] = [
  { type: 1, name: 'CloudLinux OS Legacy' },
  { type: 2, name: 'CloudLinux OS Shared (simulated name for type 2)' },
  { type: 16, name: 'KernelCare' },
  { type: 41, name: 'Imunify360 single user' },
  { type: 44, name: 'Imunify360 up to 5 users' },
  { type: 7215, name: 'Extended Security Updates' },
];
const STATES: readonly S.SimFeatureState[] = ['ENABLED', 'DISABLED', 'UNSET'];

/**
 * CloudLinux OS keys of each product with limits, notes and servers: the first key of each
 * product has no server, the last one of each is over its limit. Sub-account servers under a
 * few sub-accounts. Imunify Email (4600) set at every level in each of its three states.
 */
function seedV2(
  rng: Rng,
  size: S.AccountSize,
  nextIp: () => string,
  imunifyKeys: readonly S.SimImunifyKey[],
  imunifyServers: readonly S.SimImunifyServer[],
): Pick<S.SimState, 'clKeys' | 'clServers' | 'subAccountServers' | 'features' | 'accountFeatures' | 'keyFeatures' | 'serverFeatures' | 'ipTypeNames' | 'v2'> {
  const clKeys: S.SimClKey[] = [];
  const clServers: S.SimClServer[] = [];
  let serverId = 1;
  const perProduct = size.clKeysPerProduct ?? 0;
  for (const product of CL_PRODUCTS) {
    const counts = spread(rng, perProduct, size.clServersPerKey ?? 0, true);
    // The key of each product with the most servers is over its limit; the others have room (or no limit).
    const busiest = counts.indexOf(Math.max(...counts));
    counts.forEach((count, i) => {
      const key = n.clKeyString(rng);
      const limit = rng.pick(KEY_LIMITS);
      const over = i === busiest && count >= 2;
      clKeys.push({ key, product, limit: over ? count - 1 : limit !== 0 && limit < count ? count + 2 : limit, note: rng.chance(0.7) ? `${rng.pick(CL_NOTES)} ${rng.int(1, 9)}` : null });
      for (let s = 0; s < count; s++) clServers.push({ id: serverId++, key, ip: rng.chance(0.97) ? nextIp() : null, hostname: n.hostname(rng) });
    });
  }
  const subAccountServers: S.SimSubAccountServer[] = [];
  const subs = ['sub1', 'hosting-eu', 'agency42', 'wp-reseller', 'client-b'];
  const subCount = size.subAccountServers ?? 0;
  for (let i = 0; i < subCount; i++) {
    const login = subs[i % Math.min(subs.length, Math.max(1, Math.ceil(subCount / 3)))];
    subAccountServers.push({ login, email: `${login}@example.com`, id: 100_000 + i, key: n.clKeyString(rng), version: rng.pick([7, 8, 8, 9]), ip: nextIp() });
  }
  const keyFeatures: Record<string, Record<string, S.SimFeatureState>> = {};
  imunifyKeys.forEach((k, i) => (keyFeatures[k.key] = { '4600': STATES[i % 3] }));
  const serverFeatures: Record<string, Record<string, S.SimFeatureState>> = {};
  imunifyServers.forEach((s, i) => (serverFeatures[s.id] = { '4600': STATES[(i + 1) % 3] }));
  return {
    clKeys,
    clServers,
    subAccountServers,
    features: SIM_FEATURES.map((f) => ({ id: f.id, productIds: [...f.productIds] })),
    // REST-PDF's example has 4600 ENABLED; UNSET ("depends on lower level") makes the key and server levels count.
    accountFeatures: { '1101': 'DISABLED', '1102': 'UNSET', '4600': 'UNSET' },
    keyFeatures,
    serverFeatures,
    ipTypeNames: SIM_IP_TYPE_NAMES.map((t) => ({ ...t })),
    v2: { answers: 'bare', unavailable: null },
  };
}

/**
 * What the clean-up sweep finds, in realistic proportions, on its own random
 * stream (the rest of the account stays as seeded): IP licenses that went
 * silent or never checked in, the same IP registered twice under a product's
 * keys (the older copy stale), IPs paying for a product twice (an IP license
 * and a key server), and a key of each kind over its limit. Counts stay the
 * same; only fields of existing records change. The first and last four
 * KernelCare and Imunify servers, which other tests pin, are left alone.
 */
function plantCleanupFindings(rng: Rng, a: Pick<S.SimState, 'ipLicenses' | 'kcareKeys' | 'kcareServers' | 'imunifyKeys' | 'imunifyServers'>, nowMs: number): void {
  const registered = a.ipLicenses.filter((l) => l.registered);
  registered.forEach((l, i) => {
    const last = i === registered.length - 1;
    const secondLast = i === registered.length - 2;
    if (last || rng.chance(0.05)) l.lastCheckin = n.daysAgo(rng, nowMs, 31, 400);
    else if (secondLast || rng.chance(0.015)) {
      l.lastCheckin = null;
      l.created = n.daysAgo(rng, nowMs, 45, 900);
    }
  });

  const plantDuplicates = (servers: { ip: string | null; lastCheckin: S.SimDate | null }[], share: number) => {
    const pool = servers.slice(4, -4).filter((s) => s.ip);
    if (pool.length < 4) return;
    const count = Math.max(1, Math.round(pool.length * share));
    for (let i = 0; i < count; i++) {
      const original = pool[rng.int(0, pool.length - 1)];
      const copy = pool[rng.int(0, pool.length - 1)];
      if (copy === original) continue;
      copy.ip = original.ip;
      copy.lastCheckin = n.daysAgo(rng, nowMs, 20, 300);
      original.lastCheckin = n.daysAgo(rng, nowMs, 0, 2);
    }
  };
  plantDuplicates(a.kcareServers, 0.02);
  plantDuplicates(a.imunifyServers, 0.02);

  const plantPaidTwice = (types: readonly number[], servers: { ip: string | null }[], share: number) => {
    const licenses = a.ipLicenses.filter((l) => types.includes(l.type));
    const pool = servers.slice(4, -4);
    if (licenses.length === 0 || pool.length === 0) return;
    const count = Math.max(1, Math.round(licenses.length * share));
    for (let i = 0; i < count; i++) pool[rng.int(0, pool.length - 1)].ip = licenses[rng.int(0, licenses.length - 1)].ip;
  };
  plantPaidTwice([16, 17], a.kcareServers, 0.04);
  plantPaidTwice([40, 41, 42, 43, 49], a.imunifyServers, 0.04);

  const overLimit = (keys: { key: string; limit: number }[], servers: { key: string }[]) => {
    const counts = new Map<string, number>();
    for (const s of servers) counts.set(s.key, (counts.get(s.key) ?? 0) + 1);
    const key = [...keys].reverse().find((k) => (counts.get(k.key) ?? 0) >= 2);
    if (key) key.limit = counts.get(key.key)! - 1;
  };
  overLimit(a.kcareKeys, a.kcareServers);
  overLimit(a.imunifyKeys, a.imunifyServers);
}

/** Twelve months ending at the clock's month. Sites recur across months (shared objects keep memory low). */
function seedAwp(rng: Rng, size: S.AccountSize, nowMs: number): Record<string, S.SimAwpEntry[]> {
  const perMonth = size.awpEntriesPerMonth;
  const variation = Math.min(Math.max(size.awpVariation ?? 0, 0), 1);
  const poolSize = Math.ceil(perMonth * (1 + variation) * 1.2) + 1;
  const pool: S.SimAwpEntry[] = [];
  for (let i = 0; i < poolSize; i++) {
    const product: AwpProduct = rng.chance(0.7) ? 'AWP_PREMIUM' : 'AWP_CDN';
    const entry: S.SimAwpEntry = { product, primary_domain: n.domain(rng, i + 1), username: rng.chance(0.15) ? null : n.username(rng) };
    if (product === 'AWP_CDN') entry.cdn_limit_type = rng.pick(CDN_TIERS);
    pool.push(entry);
  }
  const months = monthsEndingAt(yearMonthOf(new Date(nowMs)), 12);
  const awp: Record<string, S.SimAwpEntry[]> = {};
  months.forEach((month) => {
    const count = Math.min(poolSize, Math.round(perMonth * (1 + variation * (2 * rng.next() - 1))));
    const start = rng.int(0, poolSize - 1);
    const entries: S.SimAwpEntry[] = new Array(count);
    for (let j = 0; j < count; j++) entries[j] = pool[(start + j) % poolSize];
    awp[month] = entries;
  });
  return awp;
}
