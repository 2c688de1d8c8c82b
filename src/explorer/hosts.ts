/**
 * The All Servers view: one row per server across products, keyed by IP (or
 * by hostname where CLN gives one and no IP), with every IP license, key
 * registration and server group it appears in. Read through the same
 * AccountService cache as the Licenses and Server Groups views, so what they
 * loaded costs no request here. No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { ipTypeName } from '../cln/catalog';
import { isV2Unavailable } from '../cln/errors';
import type { AccountService, ReadOptions } from '../services/accountService';
import { within } from '../services/concurrency';
import { checkinState, daysAgo } from './checkin';
import { ipLicenseDetails, ipLicenseNodes, KeyFamily, loadAllClServers, loadAllGroupServers, loadAllServers, Loaded } from './loaders';
import type { ExplorerNode, Host, ItemNode, NodeOf, ServerNode } from './nodes';
import { serverIdOf } from './nodes';

export type HostOrder = 'ip' | 'hostname' | 'checkin';

// Getters: the text is translated when shown, after activation configured l10n.
export const HOST_ORDERS: { readonly [O in HostOrder]: string } = {
  get ip() {
    return l10n.t('IP address');
  },
  get hostname() {
    return l10n.t('Hostname');
  },
  get checkin() {
    return l10n.t('Oldest check-in first');
  },
};

const KEY_FAMILIES: readonly KeyFamily[] = ['kcare', 'im', 'els'];

/**
 * Every server of the account, grouped by IP/hostname. The rows show after one
 * round trip: the IP licenses' servers, with a row saying the keys' and groups'
 * servers are still being read; the whole list (every product) replaces them
 * once, when those reads are done. From a warm cache the whole list comes at
 * once. IP license details fill in afterwards, in either list.
 */
export async function loadHosts(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const hostOf = new Map<ExplorerNode, NodeOf<'host'>>();
  // Every list is asked for at once, the IP licenses first (the first rows wait for them alone,
  // and the limiter sends in the order asked); the keys' and groups' servers follow their lists.
  const licensesRead = account.read('ipl.list', {}, options).then((licenses) => ipLicenseNodes(account, licenses, options));
  // CloudLinux OS servers (API v2): where v2 is not there, All Servers shows the rest (the Licenses view says why).
  const clRead = loadAllClServers(account, options).catch((error: unknown) => {
    if (isV2Unavailable(error)) return [];
    throw error;
  });
  const whole = Promise.all([licensesRead, loadAllServers(account, KEY_FAMILIES, options), loadAllGroupServers(account, options), clRead]).then(([licenses, servers, grouped, cl]) =>
    hostsOf(licenses, servers, grouped, hostOf, cl),
  );
  // Handled here too: when the licenses fail first, nobody waits for the rest.
  const settled = whole.then(
    (loaded) => ({ loaded }),
    (error: unknown) => ({ error }),
  );
  const licenses = await licensesRead;
  const details = ipLicenseDetails(account, licenses, options, (license) => hostOf.get(license));
  // What the cache holds settles before a timer fires: then the whole list shows at once.
  const early = await within(settled, 0);
  if (early && 'loaded' in early) return { ...early.loaded, details };
  if (early) throw early.error;
  return { ...hostsOf(licenses, [], [], hostOf), details, rest: { text: l10n.t('Reading the servers of every key and server group…'), loaded: whole } };
}

/** The rows of All Servers from these entries (in IP order), each with its items; `hostOf` is refilled to map each item to its row. */
function hostsOf(
  licenses: readonly NodeOf<'ipLicense'>[],
  servers: readonly ServerNode[],
  grouped: readonly NodeOf<'groupServer'>[],
  hostOf: Map<ExplorerNode, NodeOf<'host'>>,
  cl: readonly NodeOf<'clServer'>[] = [],
): Loaded {
  const index = new HostIndex();
  for (const node of licenses) index.add(node.license.ip, null, node);
  for (const node of servers) index.add(node.server.ip, node.kind === 'elsServer' ? node.server.hostname : null, node, serverIdOf(node));
  for (const node of grouped) index.add(node.server.ip, node.server.hostname, node, node.server.id);
  for (const node of cl) index.add(node.server.ip, node.server.hostname, node, `cl-${node.server.id}`);
  const prefilled = new Map<ExplorerNode, Loaded>();
  hostOf.clear();
  for (const host of index.hosts) {
    const node: NodeOf<'host'> = { kind: 'host', host };
    for (const item of host.items) hostOf.set(item, node);
    prefilled.set(node, { items: host.items });
  }
  return { items: sortHosts([...prefilled.keys()] as NodeOf<'host'>[], 'ip'), prefilled, order: 'ip' };
}

/** Hosts by IP (numerically for IPv4), by hostname (none last), or oldest check-in first (never first). Stable. */
export function sortHosts(hosts: readonly NodeOf<'host'>[], order: HostOrder): NodeOf<'host'>[] {
  const keyed = hosts.map((node, i) => ({ node, i, key: sortKey(node.host, order) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return keyed.map(({ node }) => node);
}

function sortKey(host: Host, order: HostOrder): string {
  if (order === 'hostname') return host.hostname ? `0${host.hostname.toLowerCase()}` : `1${ipKey(host.ip)}`;
  if (order === 'checkin') {
    const oldest = oldestCheckin(host);
    return oldest === undefined ? `2${ipKey(host.ip)}` : oldest === null ? `0${ipKey(host.ip)}` : `1${String(oldest.getTime()).padStart(15, '0')}`;
  }
  return ipKey(host.ip) + (host.hostname ?? '');
}

/**
 * "010.000.000.002" for IPv4 (four runs of digits between three dots), so text order is numeric
 * order; others as they are, after IPv4. Read by hand, not by a regular expression and arrays: All
 * Servers sorts 8,298 hosts before its first rows show.
 */
export function ipKey(ip: string | null): string {
  if (!ip) return '~';
  const a = ip.indexOf('.');
  const b = ip.indexOf('.', a + 1);
  const c = ip.indexOf('.', b + 1);
  if (a < 1 || b < a + 2 || c < b + 2 || c === ip.length - 1 || ip.indexOf('.', c + 1) >= 0 || !digitsAndDots(ip)) return `z${ip.toLowerCase()}`;
  return `${pad3(ip.slice(0, a))}.${pad3(ip.slice(a + 1, b))}.${pad3(ip.slice(b + 1, c))}.${pad3(ip.slice(c + 1))}`;
}

function digitsAndDots(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 48 || code > 57) && code !== 46) return false;
  }
  return true;
}

const pad3 = (part: string): string => (part.length >= 3 ? part : part.length === 2 ? `0${part}` : `00${part}`);

/** Each product the host appears in, with its last check-in where CLN reports one (null: never; undefined: not reported). */
export function productsOf(host: Host): { product: string; checkin: Date | null | undefined }[] {
  return host.items.map((item) => ({ product: productName(item), checkin: checkinOf(item) }));
}

/** The oldest check-in over the host's products: null when one never checked in, undefined when none reports one. */
export function oldestCheckin(host: Host): Date | null | undefined {
  let oldest: Date | null | undefined;
  for (const item of host.items) {
    const checkin = checkinOf(item);
    if (checkin === undefined) continue;
    if (checkin === null) return null;
    if (oldest === undefined || checkin.getTime() < oldest!.getTime()) oldest = checkin;
  }
  return oldest;
}

function checkinOf(item: ItemNode): Date | null | undefined {
  switch (item.kind) {
    case 'ipLicense':
      return item.license.registered && item.info ? item.info.lastCheckin : undefined;
    case 'kcareServer':
    case 'imServer':
      return item.server.lastCheckin;
    default:
      return undefined;
  }
}

function productName(item: ItemNode): string {
  switch (item.kind) {
    case 'ipLicense':
      return l10n.t('IP license ({0})', ipTypeName(item.license.type));
    case 'kcareServer':
      return 'KernelCare';
    case 'imServer':
      return 'Imunify';
    case 'elsServer':
      return 'ELS';
    case 'clServer':
      return 'CloudLinux OS';
    case 'groupServer':
      return `group "${item.groupName}"`;
    default:
      return item.kind;
  }
}

/** The host row's description and tooltip lines: products, and the oldest check-in with a warning when stale. */
export function hostSummary(host: Host, staleDays: number, now: number): { products: string; checkin?: string; warn?: string; fields: [string, Date | string | null][] } {
  const products = productsOf(host);
  const names = [...new Set(products.map((p) => p.product.replace(/ \(.*\)$/, '').replace(/^group .*/, 'group')))];
  const oldest = oldestCheckin(host);
  const state = oldest === undefined ? undefined : checkinState(oldest, staleDays, now);
  const checkin =
    oldest === undefined
      ? undefined
      : oldest === null
        ? l10n.t('never checked in')
        : state === 'stale'
          ? l10n.t('stale (oldest check-in {0})', daysAgo(oldest, now))
          : l10n.t('oldest check-in {0}', daysAgo(oldest, now));
  const warn =
    state === 'never'
      ? l10n.t('A product on this server has never checked in.')
      : state === 'stale'
        ? l10n.t('Stale: a product on this server has not checked in for more than {0} days (cln.staleCheckinDays).', staleDays)
        : undefined;
  const fields = products.map(({ product, checkin: at }): [string, Date | string | null] => [product, at === undefined ? l10n.t('no check-in reported') : at]);
  return { products: names.join(', '), checkin, warn, fields };
}

/** Groups entries by IP, then hostname, then server id; an entry with both IP and hostname joins them. */
class HostIndex {
  readonly hosts: Host[] = [];
  private readonly byIp = new Map<string, Host>();
  private readonly byName = new Map<string, Host>();
  private readonly byId = new Map<string, Host>();

  add(ip: string | null, hostname: string | null, item: ItemNode, id?: string): void {
    const name = hostname?.toLowerCase();
    let host = (ip && this.byIp.get(ip)) || (name && this.byName.get(name)) || (!ip && !name && id ? this.byId.get(id) : undefined);
    if (!host) {
      host = { ip, hostname, items: [] };
      this.hosts.push(host);
    }
    host.ip ??= ip;
    host.hostname ??= hostname;
    if (ip && !this.byIp.has(ip)) this.byIp.set(ip, host);
    if (name && !this.byName.has(name)) this.byName.set(name, host);
    if (!ip && !name && id) this.byId.set(id, host);
    host.items.push(item);
  }
}
