/**
 * What the read-only language-model tools answer: the account summary, a
 * lookup of an IP or a key, the unused licenses (the clean-up sweep) and the
 * AccelerateWP month totals. Each reads through the AccountService (cache,
 * limiter) and returns plain data plus a short text that names what it covers.
 * Key strings never appear in a result, except the key the user looked up:
 * keys are named by their note and fingerprint ("K1ab…9xyz"). Every string
 * from CLN (notes, hostnames, names, ids, messages) is quoted as data
 * (quote.ts): a JSON string, markdown escaped, after a preamble that says so.
 * No `vscode` here.
 */
import { isIP } from 'net';
import { AWP_PRODUCT_NAMES, AWP_PRODUCTS, ELS_CODES, IMUNIFY_CODES, ipTypeName, nameOf } from '../../../cln/catalog';
import { yearMonthOf } from '../../../cln/dates';
import { isClnError } from '../../../cln/errors';
import type { AwpEntry, ElsKey, ElsServer, ImunifyKey, ImunifyServer, IpServerInfo, KcareKey, KcareServer } from '../../../cln/types';
import { checkIdentifier, checkYearMonth } from '../../../cln/validate';
import type { AccountService, ReadOptions } from '../../../services/accountService';
import { FINDING_KINDS, KIND_LABELS, sweep, type Finding, type FindingKind } from '../../../services/cleanup';
import { mapBounded } from '../../../services/concurrency';
import { fingerprint } from '../../../services/journal';
import { ResultText } from './quote';

/** Whose account a result is about. */
export interface ToolScope {
  login: string;
  demo: boolean;
}

/** "CLN account demo-reseller (demo data)" */
export function accountName(scope: ToolScope): string {
  return `CLN account ${scope.login}${scope.demo ? ' (demo data)' : ''}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : 'never');
/** A product by its code: the catalog's name, or (for a code the catalog lacks) the code from CLN, quoted. */
const imName = (q: Quote, code: string) => nameOf(IMUNIFY_CODES, code) ?? `Imunify ${q(code)}`;
const elsName = (q: Quote, code: string) => nameOf(ELS_CODES, code) ?? `ELS ${q(code)}`;
/** Quotes a string from CLN in a result (ResultText.q). */
type Quote = (value: unknown) => string;
const failure = (error: unknown) => (isClnError(error) || error instanceof Error ? error.message : String(error));

// ---- account summary ------------------------------------------------------------------------

export interface ProductCount {
  /** The product code, as CLN gave it. */
  code: string;
  keys?: number;
  items: number;
}

export interface AccountSummary {
  ipLicenses: { total: number; registered: number; types: { type: number; name: string; count: number; registered: number }[] };
  kernelcare: { keys: number; servers: number };
  imunify: { keys: number; servers: number; products: ProductCount[] };
  els: { keys: number; servers: number; products: ProductCount[] };
  /** A count, or CLN's answer when the list could not be read. */
  backups: number | { unavailable: string };
  groups: number | { unavailable: string };
}

/** Counts per product and type; every list of the account is read (from the cache when fresh). */
export async function accountSummary(account: AccountService, options: ReadOptions = {}): Promise<AccountSummary> {
  const bound = Math.max(1, account.maxConcurrent);
  const [licenses, kcareKeys, imKeys, elsKeys] = await Promise.all([
    account.read('ipl.list', {}, options),
    account.read('kcare.key.list', {}, options),
    account.read('im.key.list', {}, options),
    account.elsKeys(options),
  ]);
  const [kcareServers, imServers, elsServers, backups, groups] = await Promise.all([
    mapBounded(kcareKeys, bound, (k) => account.read('kcare.key.servers', { key: k.key }, options)),
    mapBounded(imKeys, bound, (k) => account.read('im.srv.list', { key: k.key }, options)),
    mapBounded(ELS_CODES, bound, ({ code }) => account.read('els.srv.list', { code }, options)),
    // Backups exist in the older API revision only; a refusal is said, not fatal.
    account.read('ab.list', {}, options).then(
      (list) => list.length,
      (error) => ({ unavailable: failure(error) }),
    ),
    account.read('group.list', {}, options).then(
      (list) => list.length,
      (error) => ({ unavailable: failure(error) }),
    ),
  ]);
  const types = new Map<number, { count: number; registered: number }>();
  for (const l of licenses) {
    const t = types.get(l.type) ?? { count: 0, registered: 0 };
    t.count++;
    if (l.registered) t.registered++;
    types.set(l.type, t);
  }
  const byCode = (keys: readonly { code: string }[], servers: readonly { key: string }[], codeOfKey: Map<string, string>, catalog: typeof IMUNIFY_CODES): ProductCount[] => {
    const counts = new Map<string, ProductCount>();
    for (const k of keys) {
      const c = counts.get(k.code) ?? { code: k.code, keys: 0, items: 0 };
      c.keys!++;
      counts.set(k.code, c);
    }
    for (const s of servers) {
      const code = codeOfKey.get(s.key);
      if (code === undefined) continue;
      const c = counts.get(code) ?? { code, keys: 0, items: 0 };
      c.items++;
      counts.set(code, c);
    }
    const name = (c: ProductCount) => nameOf(catalog, c.code) ?? c.code;
    return [...counts.values()].sort((a, b) => name(a).localeCompare(name(b)));
  };
  const imAll = imServers.flat();
  const elsAll = elsServers.flat();
  return {
    ipLicenses: {
      total: licenses.length,
      registered: licenses.filter((l) => l.registered).length,
      types: [...types].map(([type, t]) => ({ type, name: ipTypeName(type), ...t })).sort((a, b) => b.count - a.count || a.type - b.type),
    },
    kernelcare: { keys: kcareKeys.length, servers: kcareServers.reduce((n, list) => n + list.length, 0) },
    imunify: { keys: imKeys.length, servers: imAll.length, products: byCode(imKeys, imAll, new Map(imKeys.map((k) => [k.key, k.code])), IMUNIFY_CODES) },
    els: { keys: elsKeys.length, servers: elsAll.length, products: byCode(elsKeys, elsAll, new Map(elsKeys.map((k) => [k.key, k.code])), ELS_CODES) },
    backups,
    groups,
  };
}

export function formatSummary(scope: ToolScope, s: AccountSummary): string {
  const out = new ResultText();
  const { q } = out;
  const lines = [`Summary of ${accountName(scope)} (every product, counts only):`];
  lines.push(
    `- IP licenses: ${s.ipLicenses.total} (${s.ipLicenses.registered} in use by a server)${s.ipLicenses.types.length ? `: ${s.ipLicenses.types.map((t) => `${t.name} (type ${t.type}) ${t.count}${t.registered === t.count ? '' : `, ${t.registered} in use`}`).join('; ')}` : ''}`,
  );
  lines.push(`- KernelCare: ${plural(s.kernelcare.keys, 'key')}, ${plural(s.kernelcare.servers, 'server')}`);
  const products = (list: ProductCount[], name: (q: Quote, code: string) => string) =>
    list.length ? `: ${list.map((p) => `${name(q, p.code)} ${plural(p.keys ?? 0, 'key')} / ${plural(p.items, 'server')}`).join('; ')}` : '';
  const count = (value: number | { unavailable: string }) => (typeof value === 'number' ? String(value) : `not available (CLN answered: ${q(value.unavailable)})`);
  lines.push(`- Imunify: ${plural(s.imunify.keys, 'key')}, ${plural(s.imunify.servers, 'server')}${products(s.imunify.products, imName)}`);
  lines.push(`- ELS: ${plural(s.els.keys, 'key')}, ${plural(s.els.servers, 'server')}${products(s.els.products, elsName)}`);
  lines.push(`- Backups: ${count(s.backups)}`);
  lines.push(`- Server groups: ${count(s.groups)}`);
  return out.done(lines.join('\n'));
}

// ---- lookup of an IP or a key ---------------------------------------------------------------

export interface LookupServer {
  product: 'KernelCare' | 'Imunify' | 'ELS';
  id: string;
  ip: string | null;
  hostname: string | null;
  /** The key it is on, by fingerprint (the user's own key, when they looked it up, is not repeated). */
  keyPrint: string;
  /** The key's product code (Imunify, ELS) and note, as CLN gave them. */
  keyCode?: string;
  keyNote?: string | null;
  lastCheckin: Date | null;
}

export type Lookup =
  | { kind: 'invalid'; query: string; problem: string }
  | { kind: 'ip'; query: string; licenses: (IpServerInfo & { name: string })[]; servers: LookupServer[]; groups: string[] }
  | { kind: 'key'; query: string; key?: { product: 'KernelCare' | 'Imunify' | 'ELS'; code?: string; limit: number; note: string | null; enabled?: boolean }; servers: LookupServer[] };

/** What the account holds for an IP address (licenses, key servers, groups) or a key string (the key and its servers). */
export async function lookup(account: AccountService, query: string, options: ReadOptions = {}): Promise<Lookup> {
  const text = (query ?? '').trim();
  if (isIP(text)) return lookupIp(account, text, options);
  const problem = checkIdentifier(text, 'IP address or key');
  if (problem) return { kind: 'invalid', query: text, problem };
  return lookupKey(account, text, options);
}

async function lookupIp(account: AccountService, ip: string, options: ReadOptions): Promise<Lookup> {
  const bound = Math.max(1, account.maxConcurrent);
  const [licenses, kcareKeys, imKeys, elsKeys, groups] = await Promise.all([
    account.read('ipl.list', {}, options),
    account.read('kcare.key.list', {}, options),
    account.read('im.key.list', {}, options),
    account.elsKeys(options),
    account.read('group.list', {}, options).catch(() => []),
  ]);
  const mine = licenses.filter((l) => l.ip === ip);
  const info = mine.length ? ((await account.ipServerInfo([ip], options)).get(ip) ?? []) : [];
  const servers: LookupServer[] = [];
  const elsKeyOf = new Map(elsKeys.map((k) => [k.key, k]));
  await Promise.all([
    mapBounded(kcareKeys, bound, async (k) => {
      for (const s of await account.read('kcare.key.servers', { key: k.key }, options)) if (s.ip === ip) servers.push(kcareServer(s, k.key, k.note));
    }),
    mapBounded(imKeys, bound, async (k) => {
      for (const s of await account.read('im.srv.list', { key: k.key }, options)) if (s.ip === ip) servers.push(imServer(s, k.key, k.code, k.note));
    }),
    mapBounded(ELS_CODES, bound, async ({ code }) => {
      for (const s of await account.read('els.srv.list', { code }, options)) if (s.ip === ip) servers.push(elsServer(s, s.key, elsKeyOf.get(s.key)?.code ?? code, elsKeyOf.get(s.key)?.note ?? null));
    }),
  ]);
  const inGroups: string[] = [];
  await mapBounded(groups, bound, async (g) => {
    const members = await account.read('group.servers.list', { name: g.name }, options).catch(() => []);
    if (members.some((m) => m.ip === ip)) inGroups.push(g.name);
  });
  return {
    kind: 'ip',
    query: ip,
    licenses: mine.map((l) => {
      const detail = info.find((i) => i.type === l.type);
      return { ...l, serverInfo: detail?.serverInfo ?? null, lastCheckin: detail?.lastCheckin ?? null, name: ipTypeName(l.type) };
    }),
    servers: servers.sort((a, b) => a.product.localeCompare(b.product) || a.id.localeCompare(b.id)),
    groups: inGroups.sort(),
  };
}

async function lookupKey(account: AccountService, key: string, options: ReadOptions): Promise<Lookup> {
  const [kcareKeys, imKeys, elsKeys] = await Promise.all([account.read('kcare.key.list', {}, options), account.read('im.key.list', {}, options), account.elsKeys(options)]);
  const kcare = kcareKeys.find((k: KcareKey) => k.key === key);
  if (kcare) {
    const servers = await account.read('kcare.key.servers', { key }, options);
    return { kind: 'key', query: key, key: { product: 'KernelCare', limit: kcare.limit, note: kcare.note, enabled: kcare.enabled }, servers: servers.map((s) => kcareServer(s, key, null)) };
  }
  const im = imKeys.find((k: ImunifyKey) => k.key === key);
  if (im) {
    const servers = await account.read('im.srv.list', { key }, options);
    return { kind: 'key', query: key, key: { product: 'Imunify', code: im.code, limit: im.limit, note: im.note }, servers: servers.map((s) => imServer(s, key, im.code, null)) };
  }
  const els = elsKeys.find((k: ElsKey) => k.key === key);
  if (els) {
    const servers = (await account.read('els.srv.list', { code: els.code }, options)).filter((s) => s.key === key);
    return { kind: 'key', query: key, key: { product: 'ELS', code: els.code, limit: els.limit, note: els.note }, servers: servers.map((s) => elsServer(s, key, els.code, null)) };
  }
  return { kind: 'key', query: key, servers: [] };
}

const kcareServer = (s: KcareServer, key: string, note: string | null): LookupServer => ({
  product: 'KernelCare',
  id: s.serverId,
  ip: s.ip,
  hostname: null,
  keyPrint: fingerprint(key),
  keyNote: note,
  lastCheckin: s.lastCheckin,
});
const imServer = (s: ImunifyServer, key: string, code: string, note: string | null): LookupServer => ({
  product: 'Imunify',
  id: s.id,
  ip: s.ip,
  hostname: null,
  keyPrint: fingerprint(key),
  keyCode: code,
  keyNote: note,
  lastCheckin: s.lastCheckin,
});
const elsServer = (s: ElsServer, key: string, code: string, note: string | null): LookupServer => ({
  product: 'ELS',
  id: s.id,
  ip: s.ip,
  hostname: s.hostname,
  keyPrint: fingerprint(key),
  keyCode: code,
  keyNote: note,
  lastCheckin: null,
});

/** At most this many servers are listed in a lookup result; the rest are counted. */
export const LOOKUP_MAX_SERVERS = 50;

export function formatLookup(scope: ToolScope, found: Lookup): string {
  if (found.kind === 'invalid') return `Nothing was looked up: ${found.problem} Give an IPv4/IPv6 address or a license key.`;
  const out = new ResultText();
  const { q } = out;
  const productOf = (product: LookupServer['product'], code: string | undefined) => (code === undefined ? product : product === 'Imunify' ? imName(q, code) : elsName(q, code));
  const keyOf = (s: LookupServer) => `${s.product === 'KernelCare' ? '' : `${productOf(s.product, s.keyCode)} `}${s.keyNote ? `${q(s.keyNote)} (${s.keyPrint})` : s.keyPrint}`;
  const serverLine = (s: LookupServer, withKey: boolean) =>
    `  - ${s.product} server ${q(s.id)}${s.ip && found.kind === 'key' ? ` (IP ${q(s.ip)})` : ''}${s.hostname ? `, hostname ${q(s.hostname)}` : ''}${withKey ? ` on key ${keyOf(s)}` : ''}${s.product === 'ELS' ? '' : `, last check-in ${day(s.lastCheckin)}`}`;
  const servers = (withKey: boolean) => {
    const shown = found.servers.slice(0, LOOKUP_MAX_SERVERS).map((s) => serverLine(s, withKey));
    if (found.servers.length > LOOKUP_MAX_SERVERS) shown.push(`  - …and ${found.servers.length - LOOKUP_MAX_SERVERS} more servers not listed`);
    return shown;
  };
  if (found.kind === 'ip') {
    const lines = [`What ${accountName(scope)} holds for IP ${found.query}:`];
    if (found.licenses.length === 0) lines.push('- IP licenses: none');
    else {
      lines.push(`- IP licenses (${found.licenses.length}):`);
      for (const l of found.licenses)
        lines.push(
          `  - ${l.name} (type ${l.type}), ${l.registered ? 'in use (a server registered with it)' : 'no server yet'}, created ${day(l.created)}, last check-in ${day(l.lastCheckin)}${l.serverInfo ? `, server: ${q(l.serverInfo)}` : ''}`,
        );
    }
    if (found.servers.length === 0) lines.push('- Servers on KernelCare, Imunify or ELS keys: none');
    else lines.push(`- Servers on keys (${found.servers.length}):`, ...servers(true));
    lines.push(`- Server groups: ${found.groups.length ? found.groups.map(q).join(', ') : 'none'}`);
    return out.done(lines.join('\n'));
  }
  if (!found.key) return `${accountName(scope)} holds no KernelCare, Imunify or ELS key "${found.query}".`;
  const k = found.key;
  const lines = [
    `Key ${found.query} in ${accountName(scope)}: ${productOf(k.product, k.code)} key${k.note ? ` with note ${q(k.note)}` : ''}, limit ${k.limit === 0 ? 'unlimited' : k.limit}${k.enabled === false ? ', disabled' : ''}, ${plural(found.servers.length, 'server')}${found.servers.length ? ':' : '.'}`,
  ];
  lines.push(...servers(false));
  return out.done(lines.join('\n'));
}

// ---- unused licenses (the clean-up findings) ------------------------------------------------

export const UNUSED_MAX_LISTED = 40;

export interface Unused {
  days: number;
  findings: Finding[];
  notes: string[];
  scanned: { ip: number; kcare: number; im: number; els: number };
}

export function checkDays(days: unknown): string | undefined {
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 9999 ? undefined : `"${String(days)}" is not a number of days (a whole number from 1 to 9999).`;
}

/** The clean-up sweep: licenses and servers unused (silent, never used, duplicate, paid twice) for more than `days` days. */
export async function unusedLicenses(account: AccountService, days: number, options: { signal?: AbortSignal; now?: number } = {}): Promise<Unused> {
  const result = await sweep(account, { days, signal: options.signal, now: options.now });
  const { scanned } = result;
  return { days, findings: result.findings, notes: result.notes, scanned: { ip: scanned.ip.items, kcare: scanned.kcare.items, im: scanned.im.items, els: scanned.els.items } };
}

export function formatUnused(scope: ToolScope, u: Unused): string {
  const out = new ResultText();
  const { q } = out;
  const removable = u.findings.filter((f) => f.removal);
  const info = u.findings.filter((f) => !f.removal);
  const counts = (list: Finding[]) => {
    const byKind = new Map<FindingKind, number>();
    for (const f of list) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
    return FINDING_KINDS.filter((k) => byKind.has(k))
      .map((k) => `${KIND_LABELS[k]} ${byKind.get(k)}`)
      .join(', ');
  };
  const lines = [
    `Unused licenses in ${accountName(scope)}, idle for more than ${plural(u.days, 'day')} (scanned ${plural(u.scanned.ip, 'IP license')}, ${u.scanned.kcare} KernelCare, ${u.scanned.im} Imunify and ${u.scanned.els} ELS servers):`,
    `- ${plural(removable.length, 'finding')} that cost money${removable.length ? ` (${counts(removable)})` : ''}`,
  ];
  for (const f of removable.slice(0, UNUSED_MAX_LISTED)) lines.push(`  - ${KIND_LABELS[f.kind]}: ${q(f.target)} [${q(f.productName)}]: ${q(f.evidence)}`);
  if (removable.length > UNUSED_MAX_LISTED) lines.push(`  - …and ${removable.length - UNUSED_MAX_LISTED} more not listed (CLN: Find Unused Licenses shows them all)`);
  if (info.length) lines.push(`- Information only: ${counts(info)}`);
  for (const note of u.notes) lines.push(`- Note: ${q(note)}`);
  return out.done(lines.join('\n'));
}

// ---- AccelerateWP month totals --------------------------------------------------------------

export interface AwpTotals {
  month: string;
  total: number;
  /** `name`: the catalog's; null for a product CLN names that the catalog lacks. */
  products: { product: string; name: string | null; count: number }[];
  /** `tier`: CLN's limit type; null when it gave none. */
  cdnTiers: { tier: string | null; count: number }[];
}

/** The month asked for, or the current month (UTC) when none; a problem when it is not yyyy-MM. */
export function resolveMonth(month: unknown, now = Date.now()): { month: string } | { problem: string } {
  if (month === undefined || month === null || month === '') return { month: yearMonthOf(new Date(now)) };
  const text = String(month).trim();
  const problem = checkYearMonth(text);
  return problem ? { problem } : { month: text };
}

export async function awpTotals(account: AccountService, month: string, options: ReadOptions = {}): Promise<AwpTotals> {
  const entries: AwpEntry[] = await account.read('awp.billing', { products: [...AWP_PRODUCTS], yearMonth: month }, options);
  const perProduct = new Map<string, number>(AWP_PRODUCTS.map((p) => [p, 0]));
  const perTier = new Map<string | null, number>();
  for (const e of entries) {
    perProduct.set(e.product, (perProduct.get(e.product) ?? 0) + 1);
    if (e.product === 'AWP_CDN') perTier.set(e.cdnLimitType ?? null, (perTier.get(e.cdnLimitType ?? null) ?? 0) + 1);
  }
  return {
    month,
    total: entries.length,
    products: [...perProduct].map(([product, count]) => ({ product, name: Object.hasOwn(AWP_PRODUCT_NAMES, product) ? AWP_PRODUCT_NAMES[product as keyof typeof AWP_PRODUCT_NAMES] : null, count })),
    cdnTiers: [...perTier].map(([tier, count]) => ({ tier, count })).sort((a, b) => b.count - a.count || (a.tier ?? '').localeCompare(b.tier ?? '')),
  };
}

export function formatAwp(scope: ToolScope, t: AwpTotals): string {
  const out = new ResultText();
  const { q } = out;
  const lines = [`AccelerateWP billing for ${t.month} in ${accountName(scope)}: ${plural(t.total, 'billable site')}.`];
  for (const p of t.products) lines.push(`- ${p.name ?? `product ${q(p.product)}`}: ${p.count}`);
  if (t.cdnTiers.length) lines.push(`- CDN by limit: ${t.cdnTiers.map((c) => `${c.tier === null ? 'no tier given' : q(c.tier)} ${c.count}`).join(', ')}`);
  return out.done(lines.join('\n'));
}

// ---- no key in a result ---------------------------------------------------------------------

/**
 * Replaces every key string the account's cache holds (KernelCare, Imunify, ELS) with its
 * fingerprint, except `allowed` (the key the user asked about). The last guard before a result leaves.
 */
export function withoutKeys(text: string, account: AccountService, allowed?: string): string {
  const keys = new Set<string>();
  for (const { value } of account.cached('kcare.key.list')) for (const k of value) keys.add(k.key);
  for (const { value } of account.cached('im.key.list')) for (const k of value) keys.add(k.key);
  for (const { value } of account.cached('els.key.list')) for (const k of value) keys.add(k.key);
  keys.delete(allowed ?? '');
  let out = text;
  for (const key of [...keys].sort((a, b) => b.length - a.length)) if (key.length >= 6 && out.includes(key)) out = out.split(key).join(fingerprint(key));
  return out;
}
