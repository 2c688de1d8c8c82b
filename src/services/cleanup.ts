/**
 * The clean-up sweep: every license and server that costs money and does
 * nothing, each finding with the evidence behind it. Reads every product
 * through AccountService (its cache, coalescing and limiter), and hands out
 * findings as they are found. No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { setMaxListeners } from 'events';
import { ELS_CODES, IMUNIFY_CODES, IMUNIFY_IP_TYPES, ipTypeName, nameOf } from '../cln/catalog';
import type { ClKey, ElsKey, ImunifyKey, ImunifyServer, IpLicense, IpServerInfo, KcareKey, KcareServer } from '../cln/types';
import { MAX_IPS_PER_SERVER_CALL } from '../cln/validate';
import { ClnError } from '../cln/errors';
import type { AccountService } from './accountService';
import { effectiveForServer, emailPrice, IMUNIFY_EMAIL_SHARE, money, type Setting } from './addons';
import { fingerprint } from './journal';
import { KIND_LABELS, type Finding, type FindingKind, type Product, type Removal, type Scanned } from './cleanupFindings';
export * from './cleanupFindings';

export interface SweepOptions {
  /** Check-ins older than this (and licenses created before it, unused) are findings. */
  days: number;
  now?: number;
  force?: boolean;
  signal?: AbortSignal;
  /** Called with each batch of findings as soon as they are known. */
  onFindings?: (findings: Finding[]) => void;
  /** cln.cleanup.prices, for the saving of paid add-ons on unused servers (without it the finding says the share). */
  prices?: Readonly<Record<string, number>>;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepProgress {
  /** Reads finished and planned so far (the plan grows as lists arrive). */
  done: number;
  planned: number;
}

export interface SweepResult {
  findings: Finding[];
  /** How many licenses, keys and servers were looked at, per product. */
  scanned: Scanned;
  /** Products that carry no check-in, said rather than guessed. */
  notes: string[];
  ms: number;
}

const DAY_MS = 86_400_000;

const dateText = (d: Date | null): string | null => (d ? d.toISOString() : null);
const day = (d: Date | null): string => (d ? d.toISOString().slice(0, 10) : 'never');
const ageDays = (d: Date, now: number) => Math.floor((now - d.getTime()) / DAY_MS);
const imName = (code: string) => nameOf(IMUNIFY_CODES, code) ?? `Imunify ${code}`;
const elsName = (code: string) => nameOf(ELS_CODES, code) ?? `ELS ${code}`;
const KCARE_IP_TYPES = [16, 17];
const withIp = (id: string, ip: string | null) => (ip ? `${id} (${ip})` : id);

/** Runs the sweep. Findings stream through `onFindings`; the result holds them all. */
export async function sweep(account: AccountService, options: SweepOptions): Promise<SweepResult> {
  const started = Date.now();
  const now = options.now ?? Date.now();
  const cutoff = now - options.days * DAY_MS;
  const read = { force: options.force, signal: options.signal };
  // Every read listens to the one signal (thousands on a large account): that is by design, not a leak.
  if (options.signal) setMaxListeners(0, options.signal);
  const findings: Finding[] = [];
  // A license paid twice over several key servers (themselves duplicates) is one finding.
  const paidTwice = new Set<string>();
  const scanned: SweepResult['scanned'] = { ip: { keys: 0, items: 0 }, kcare: { keys: 0, items: 0 }, im: { keys: 0, items: 0 }, els: { keys: 0, items: 0 }, cl: { keys: 0, items: 0 } };
  const notes: string[] = [];
  const progress = { done: 0, planned: 6 + ELS_CODES.length * 2 };
  const emit = (all: Finding[]) => {
    const batch = all.filter((f) => f.kind !== 'paidTwice' || (!paidTwice.has(f.id) && paidTwice.add(f.id)));
    if (batch.length === 0) return;
    findings.push(...batch);
    options.onFindings?.(batch);
  };
  const tick = (more = 0) => {
    progress.planned += more;
    options.onProgress?.({ ...progress });
  };
  const readDone = <T>(p: Promise<T>): Promise<T> =>
    p.then((v) => {
      progress.done++;
      tick();
      return v;
    });

  const ipList = readDone(account.read('ipl.list', {}, read));
  const kcareKeys = readDone(account.read('kcare.key.list', {}, read));
  const imKeys = readDone(account.read('im.key.list', {}, read));
  // The account's add-on settings (API v2): key and server settings are not shown, so only an account that turns Imunify Email on is known to pay for it on every Imunify360 server.
  const accountEmail: Promise<Setting> = readDone(
    account.accountFeatures(read).then(
      (settings) => settings.get(4600) ?? 'UNSET',
      (error: unknown) => {
        if (error instanceof ClnError && error.kind === 'cancelled') throw error;
        return undefined;
      },
    ),
  );

  // Who holds an IP license of a product, by IP: for "paid twice".
  const licensedIps = ipList.then((list) => {
    const kcare = new Map<string, IpLicense>();
    const im = new Map<string, IpLicense>();
    for (const l of list) {
      if (KCARE_IP_TYPES.includes(l.type)) kcare.set(l.ip, l);
      if (IMUNIFY_IP_TYPES.includes(l.type)) im.set(l.ip, l);
    }
    return { kcare, im };
  });

  const ipPart = async () => {
    const list = await ipList;
    scanned.ip.items = list.length;
    // No server registered with it (CLN's `registered`), created before the cutoff: known from the list alone, so these come first.
    emit(
      list
        .filter((l) => !l.registered && l.created && l.created.getTime() < cutoff)
        .map((l) => ipFinding('neverUsed', l, null, l10n.t('No server yet; created {0} ({1} days ago)', day(l.created), ageDays(l.created!, now)))),
    );
    const registered = list.filter((l) => l.registered);
    // Server details through the account's per-IP cache (shared with the Licenses tree), in batches of 100, as each batch returns.
    const ips = [...new Set(list.map((l) => l.ip))];
    tick(Math.ceil(ips.filter((ip) => !account.peekIpServerInfo(ip)).length / MAX_IPS_PER_SERVER_CALL));
    const wanted = new Set(registered.map((l) => `${l.ip}|${l.type}`));
    let batchOf100 = 0;
    await account.ipServerInfo(ips, {
      force: options.force,
      signal: options.signal,
      onInfo: (_ip, infos) => {
        emit(infos.filter((i) => i.registered && wanted.has(`${i.ip}|${i.type}`)).flatMap((info) => checkinFinding(info, cutoff, now)));
        if (++batchOf100 % MAX_IPS_PER_SERVER_CALL === 0) {
          progress.done++;
          tick();
        }
      },
    });
  };

  /** KernelCare and Imunify alike: each key's servers, then findings per key and per server, then duplicates across keys. */
  const keyPart = async <K extends KcareKey | ImunifyKey, S>(product: KeyProduct<K, S>) => {
    const keys = await product.keys;
    scanned[product.id].keys = keys.length;
    tick(keys.length);
    const all: Registration[] = [];
    const licensed = (await licensedIps)[product.id];
    await Promise.all(
      keys.map(async (key) => {
        const servers = await readDone(product.servers(key));
        scanned[product.id].items += servers.length;
        const shown = product.key(key);
        const batch: Finding[] = [...keyFindings(product.id, key.key, shown.name, key.limit, servers.length, shown.created, shown.code)];
        for (const s of servers) {
          const registration = product.registration(s, key);
          all.push(registration);
          const sf = product.finding(s, key);
          if (!registration.lastCheckin) {
            const never = product.neverCheckedIn(registration);
            if (never) batch.push(sf('neverUsed', never));
          } else if (registration.lastCheckin.getTime() < cutoff)
            batch.push(sf('silent', l10n.t('Last check-in {0}, {1} days ago', day(registration.lastCheckin), ageDays(registration.lastCheckin, now))));
          const unused = batch.some((f) => f.id.endsWith(`:${product.id}:${registration.id}`) && (f.kind === 'silent' || f.kind === 'neverUsed'));
          if (unused && product.id === 'im') {
            const addon = emailOnUnused(registration, (key as ImunifyKey).code, await accountEmail, options.prices);
            if (addon) batch.push(addon);
          }
          const license = registration.ip ? licensed.get(registration.ip) : undefined;
          if (license) batch.push(paidTwiceFinding(license, product.named(registration, key), registration.lastCheckin));
        }
        emit(batch);
      }),
    );
    emit(duplicates(product.id, all));
  };

  const kcare: KeyProduct<KcareKey, KcareServer> = {
    id: 'kcare',
    keys: kcareKeys,
    servers: (key) => account.read('kcare.key.servers', { key: key.key }, read),
    key: (key) => ({ name: 'KernelCare', created: dateText(key.created) }),
    registration: (s) => ({ id: s.serverId, ip: s.ip, key: s.key, lastCheckin: s.lastCheckin, created: s.created }),
    finding: kcareServerFinding,
    // A KernelCare server tells when it registered: "never used" only once it is older than the cut-off.
    neverCheckedIn: (s) => (s.created && s.created.getTime() < cutoff ? l10n.t('Never checked in; registered {0} ({1} days ago)', day(s.created), ageDays(s.created, now)) : undefined),
    named: (s, key) => l10n.t('KernelCare server {0} on key {1}', withIp(s.id, s.ip), fingerprint(key.key)),
  };
  const im: KeyProduct<ImunifyKey, ImunifyServer> = {
    id: 'im',
    keys: imKeys,
    servers: (key) => account.read('im.srv.list', { key: key.key }, read),
    key: (key) => ({ name: imName(key.code), created: null, code: key.code }),
    registration: (s, key) => ({ id: s.id, ip: s.ip, key: s.key, lastCheckin: s.lastCheckin, created: null, code: key.code }),
    finding: imServerFinding,
    // An Imunify server carries no registration date.
    neverCheckedIn: () => l10n.t('Never checked in'),
    named: (s, key) => l10n.t('Imunify server {0} on key {1}', withIp(s.id, s.ip), fingerprint(key.key)),
  };

  const elsPart = async () => {
    const perCode = await Promise.all(
      ELS_CODES.map(async ({ code }) => {
        const [keys, servers] = await Promise.all([readDone(account.read('els.key.list', { code }, read)), readDone(account.read('els.srv.list', { code }, read))]);
        const byKey = new Map<string, number>();
        for (const s of servers) byKey.set(s.key, (byKey.get(s.key) ?? 0) + 1);
        emit(keys.flatMap((k: ElsKey) => keyFindings('els', k.key, elsName(code), k.limit, byKey.get(k.key) ?? 0, null, code)));
        return { code, keys: keys.length, servers: servers.length };
      }),
    );
    scanned.els.keys = perCode.reduce((n, c) => n + c.keys, 0);
    scanned.els.items = perCode.reduce((n, c) => n + c.servers, 0);
    if (scanned.els.items > 0) {
      const note = l10n.t("ELS servers carry no check-in in CLN's answers, so none of the {0} ELS servers is judged silent or unused.", scanned.els.items);
      notes.push(note);
      emit([
        {
          id: 'noCheckin:els',
          kind: 'noCheckin',
          product: 'els',
          productName: 'ELS',
          priceKey: 'els',
          target: l10n.t('{0} ELS servers', scanned.els.items),
          ip: null,
          key: null,
          created: null,
          lastCheckin: null,
          evidence: note,
          related: null,
        },
      ]);
    }
  };

  /** CloudLinux OS keys (API v2): keys without servers and keys over their limit. v2 gives no check-in, so no server is judged unused. */
  const clPart = async () => {
    let keys: ClKey[];
    try {
      keys = await readDone(account.clKeys(read));
    } catch (error) {
      if (!(error instanceof ClnError) || error.kind === 'cancelled') throw error;
      notes.push(l10n.t('CloudLinux OS keys were not swept: {0}', error.message));
      return;
    }
    scanned.cl.keys = keys.length;
    const products = [...new Set(keys.map((k) => k.product.toUpperCase()))];
    tick(products.length);
    const counts = new Map<string, number>();
    for (const byKey of await Promise.all(products.map((p) => readDone(account.clServersByKey(p, read))))) for (const [key, list] of byKey) counts.set(key, (counts.get(key) ?? 0) + list.length);
    scanned.cl.items = [...counts.values()].reduce((n, c) => n + c, 0);
    emit(keys.flatMap((k) => keyFindings('cl', k.key, clName(k.product), k.limit, counts.get(k.key) ?? 0, null, k.product.toUpperCase())));
  };

  await Promise.all([ipPart(), keyPart(kcare), keyPart(im), elsPart(), clPart()]);
  return { findings, scanned, notes, ms: Date.now() - started };
}

const CL_NAMES: Record<string, string> = { CL: 'CloudLinux OS Legacy', CLP: 'CloudLinux OS Shared Pro', CLS: 'CloudLinux OS Solo', CLADMIN: 'CloudLinux OS Admin' };
const clName = (product: string) => CL_NAMES[product.toUpperCase()] ?? `CloudLinux OS ${product}`;

/** Imunify Email on a server the sweep calls unused: information (remove the server, or turn the add-on off), with the saving. */
function emailOnUnused(s: Registration, code: string, accountEmail: Setting, prices: Readonly<Record<string, number>> | undefined): Finding | undefined {
  const effective = effectiveForServer(code, accountEmail, undefined, undefined);
  if (effective.kind !== 'decided' || !effective.on) return undefined;
  const price = prices ? emailPrice(code, prices) : undefined;
  const saving = price
    ? l10n.t('Imunify Email is on for it (from the account): about {0} a month that removing the server, or turning Imunify Email off for it, saves.', money(price.perServer))
    : l10n.t(
        'Imunify Email is on for it (from the account), billed at {0} % of its Imunify360 license: removing the server, or turning Imunify Email off for it, saves that.',
        IMUNIFY_EMAIL_SHARE * 100,
      );
  return {
    id: `addonOnUnused:im:${s.id}:4600`,
    kind: 'addonOnUnused',
    product: 'im',
    productName: 'Imunify Email',
    priceKey: 'feature:4600',
    target: l10n.t('Imunify Email on a silent server: {0}', withIp(s.id, s.ip)),
    ip: s.ip,
    key: s.key,
    created: dateText(s.created),
    lastCheckin: dateText(s.lastCheckin),
    evidence: saving,
    related: null,
  };
}

function ipFinding(kind: FindingKind, l: IpLicense, lastCheckin: Date | null, evidence: string): Finding {
  const name = ipTypeName(l.type);
  return {
    id: `${kind}:ip:${l.ip}:${l.type}`,
    kind,
    product: 'ip',
    productName: name,
    priceKey: `ip:${l.type}`,
    target: l10n.t('IP license {0} ({1})', l.ip, name),
    ip: l.ip,
    key: null,
    created: dateText(l.created),
    lastCheckin: dateText(lastCheckin),
    evidence,
    related: null,
    removal: { action: 'ipl.remove', args: { ip: l.ip, type: l.type }, call: l10n.t('remove IP license {0} ({1})', l.ip, name) },
  };
}

function checkinFinding(info: IpServerInfo, cutoff: number, now: number): Finding[] {
  if (!info.lastCheckin) {
    if (info.created && info.created.getTime() < cutoff)
      return [ipFinding('neverUsed', info, null, l10n.t('In use by a server that never checked in; created {0} ({1} days ago)', day(info.created), ageDays(info.created, now)))];
    return [];
  }
  if (info.lastCheckin.getTime() < cutoff)
    return [
      ipFinding(
        'silent',
        info,
        info.lastCheckin,
        info.serverInfo
          ? l10n.t('Last check-in {0}, {1} days ago ({2})', day(info.lastCheckin), ageDays(info.lastCheckin, now), info.serverInfo)
          : l10n.t('Last check-in {0}, {1} days ago', day(info.lastCheckin), ageDays(info.lastCheckin, now)),
      ),
    ];
  return [];
}

function kcareServerFinding(s: KcareServer, key: KcareKey) {
  return (kind: FindingKind, evidence: string): Finding => ({
    id: `${kind}:kcare:${s.serverId}`,
    kind,
    product: 'kcare',
    productName: 'KernelCare',
    priceKey: 'kcare',
    target: l10n.t('KernelCare server {0}', withIp(s.serverId, s.ip)),
    ip: s.ip,
    key: key.key,
    created: dateText(s.created),
    lastCheckin: dateText(s.lastCheckin),
    evidence,
    related: null,
    removal: kcareRemoval(s.serverId, key.key),
  });
}

function kcareRemoval(serverId: string, key: string): Removal {
  return { action: 'kcare.srv.remove', args: { server_id: serverId }, where: { key }, call: l10n.t('remove server {0} from KernelCare key {1}', serverId, fingerprint(key)) };
}

function imRemoval(id: string, key: string): Removal {
  return { action: 'im.srv.remove', args: { id }, where: { key }, call: l10n.t('remove server {0} from Imunify key {1}', id, fingerprint(key)) };
}

function imServerFinding(s: ImunifyServer, key: ImunifyKey) {
  return (kind: FindingKind, evidence: string): Finding => ({
    id: `${kind}:im:${s.id}`,
    kind,
    product: 'im',
    productName: imName(key.code),
    priceKey: `im:${key.code}`,
    target: l10n.t('Imunify server {0}', withIp(s.id, s.ip)),
    ip: s.ip,
    key: key.key,
    created: null,
    lastCheckin: dateText(s.lastCheckin),
    evidence,
    related: null,
    removal: imRemoval(s.id, key.key),
  });
}

function paidTwiceFinding(license: IpLicense, other: string, otherCheckin: Date | null): Finding {
  const evidence = otherCheckin
    ? l10n.t('{0} also holds {1}, last check-in {2}: the product is paid twice for one server', license.ip, other, day(otherCheckin))
    : l10n.t('{0} also holds {1}: the product is paid twice for one server', license.ip, other);
  const base = ipFinding('paidTwice', license, null, evidence);
  return { ...base, id: `paidTwice:ip:${license.ip}:${license.type}`, related: other };
}

function keyFindings(product: Product, key: string, productName: string, limit: number, servers: number, created: string | null, code?: string): Finding[] {
  const base = { product, productName, priceKey: code ? `${product}:${code}` : product, ip: null, key, created, lastCheckin: null, related: null };
  const name = `${productName === 'KernelCare' ? 'KernelCare' : productName} key ${fingerprint(key)}`;
  if (servers === 0)
    return [{ ...base, id: `keyEmpty:${product}:${key}`, kind: 'keyEmpty', target: name, evidence: limit ? l10n.t('No servers registered (limit {0})', limit) : l10n.t('No servers registered') }];
  if (limit > 0 && servers > limit)
    return [{ ...base, id: `keyOverLimit:${product}:${key}`, kind: 'keyOverLimit', target: name, evidence: l10n.t('{0} servers on a key limited to {1}', servers, limit) }];
  return [];
}

/** What the sweep needs of a key product (KernelCare, Imunify): its reads, and how its servers are named and judged. */
interface KeyProduct<K, S> {
  id: 'kcare' | 'im';
  keys: Promise<K[]>;
  servers(key: K): Promise<S[]>;
  key(key: K): { name: string; created: string | null; code?: string };
  registration(server: S, key: K): Registration;
  finding(server: S, key: K): (kind: FindingKind, evidence: string) => Finding;
  /** The evidence of "never used" for a server with no check-in, or undefined when it is not (yet) a finding. */
  neverCheckedIn(server: Registration): string | undefined;
  /** How a paid-twice finding names the server. */
  named(server: Registration, key: K): string;
}

interface Registration {
  id: string;
  ip: string | null;
  key: string;
  lastCheckin: Date | null;
  created: Date | null;
  code?: string;
}

/** The same IP more than once under a product's keys: keep the newest check-in, propose the rest. */
function duplicates(product: 'kcare' | 'im', servers: readonly Registration[]): Finding[] {
  const byIp = new Map<string, Registration[]>();
  for (const s of servers) {
    if (!s.ip) continue;
    const list = byIp.get(s.ip);
    if (list) list.push(s);
    else byIp.set(s.ip, [s]);
  }
  const out: Finding[] = [];
  const time = (d: Date | null) => d?.getTime() ?? -Infinity;
  for (const [ip, list] of byIp) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => time(b.lastCheckin) - time(a.lastCheckin) || time(b.created) - time(a.created) || a.id.localeCompare(b.id));
    const [keep, ...rest] = sorted;
    for (const s of rest) {
      const productName = product === 'kcare' ? 'KernelCare' : imName(s.code ?? '');
      out.push({
        id: `duplicate:${product}:${s.id}`,
        kind: 'duplicate',
        product,
        productName,
        priceKey: product === 'kcare' ? 'kcare' : `im:${s.code}`,
        target: `${product === 'kcare' ? 'KernelCare' : 'Imunify'} server ${withIp(s.id, ip)}`,
        ip,
        key: s.key,
        created: dateText(s.created),
        lastCheckin: dateText(s.lastCheckin),
        evidence: l10n.t('{0} is registered {1} times; kept: server {2} (last check-in {3}), this one last checked in {4}', ip, list.length, keep.id, day(keep.lastCheckin), day(s.lastCheckin)),
        related: l10n.t('server {0} on key {1}', keep.id, fingerprint(keep.key)),
        removal: product === 'kcare' ? kcareRemoval(s.id, s.key) : imRemoval(s.id, s.key),
      });
    }
  }
  return out;
}

/** The findings as CSV (RFC 4180; cells that a spreadsheet would run as a formula are quoted with '). */
export function findingsCsv(findings: readonly Finding[], results: ReadonlyMap<string, { state: string; message?: string }> = new Map()): string {
  const cell = (value: unknown) => {
    const text = value === undefined || value === null ? '' : String(value);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = ['kind', 'product', 'target', 'ip', 'key', 'created', 'last check-in', 'evidence', 'related', 'proposed call', 'result', 'message'];
  const rows = findings.map((f) => {
    const r = results.get(f.id);
    return [
      KIND_LABELS[f.kind],
      f.productName,
      f.target,
      f.ip,
      f.key ? fingerprint(f.key) : '',
      f.created,
      f.lastCheckin,
      f.evidence,
      f.related,
      f.removal?.call ?? 'information only',
      r?.state,
      r?.message,
    ]
      .map(cell)
      .join(',');
  });
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}
