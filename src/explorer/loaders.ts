/**
 * Which requests produce which nodes: the one place that maps the account's
 * reads to explorer nodes, for the trees (through `kinds.ts`) and for the
 * commands' pickers and counts alike. No `vscode` here.
 */
import { appendTo } from '../cln/collections';
import * as l10n from '@vscode/l10n';
import { ELS_CODES, IP_LICENSE_TYPES, ipTypeName, isKnownIpType, useServiceIpTypeNames } from '../cln/catalog';
import { ClnError, isV2Unavailable } from '../cln/errors';
import { CL_PRODUCTS } from '../cln/validate';
import type { IpLicense, IpServerInfo, KcarePatchLevel } from '../cln/types';
import { cacheKey, type AccountService, type ReadOptions } from '../services/accountService';
import { mapBounded, within } from '../services/concurrency';
import { loadHosts, type HostOrder } from './hosts';
import { FAMILIES, FAMILY_ORDER, kindOf, type ChildSource } from './kinds';
import type { ExplorerNode, Family, KeyNode, NodeOf, ServerNode, ViewName } from './nodes';

export interface Loaded {
  items: ExplorerNode[];
  /** Children of some of `items`, loaded by the same requests (IP types, ELS codes). */
  prefilled?: Map<ExplorerNode, Loaded>;
  /** A part of the list that could not be loaded; the rest is shown. */
  warning?: ClnError;
  /** Details that fill in after the items are shown (IP licenses' server info). */
  details?: Details;
  /**
   * The whole list, while dependent reads still load it (All Servers: every key's servers).
   * `items` show meanwhile with a row saying `text`; the complete list replaces them once, when
   * it arrives. It reuses the shown nodes, so details filling in reach both.
   */
  rest?: { text: string; loaded: Promise<Loaded> };
  /** The order `items` are in, when a loader sorted them (All Servers' hosts: 'ip'). */
  order?: HostOrder;
}

/**
 * Dependent reads of a list that is already shown: `run` fills the items in
 * place (same objects, same ids) and reports each group of items it filled
 * as their request returns; `prefer` asks for some items' details first (the
 * rows on screen). `run` rejects with a ClnError when some details failed.
 */
export interface Details {
  run(filled: (items: ExplorerNode[]) => void, signal: AbortSignal): Promise<void>;
  prefer(items: readonly ExplorerNode[]): void;
}

export type KeyFamily = 'kcare' | 'im' | 'els';

/** The keys of one product. */
export async function loadKeys(account: AccountService, family: KeyFamily, options: ReadOptions = {}): Promise<KeyNode[]> {
  switch (family) {
    case 'kcare':
      return (await account.read('kcare.key.list', {}, options)).map((key) => ({ kind: 'kcareKey', key }));
    case 'im':
      return (await account.read('im.key.list', {}, options)).map((key) => ({ kind: 'imKey', key }));
    case 'els':
      return (await account.elsKeys(options)).map((key) => ({ kind: 'elsKey', key }));
  }
}

/** The servers registered with one key. An ELS key without a product code has none to list. */
export async function loadServers(account: AccountService, node: KeyNode, options: ReadOptions = {}): Promise<ServerNode[]> {
  switch (node.kind) {
    case 'kcareKey':
      return (await account.read('kcare.key.servers', { key: node.key.key }, options)).map((server) => ({ kind: 'kcareServer', server }));
    case 'imKey':
      return (await account.read('im.srv.list', { key: node.key.key }, options)).map((server) => ({ kind: 'imServer', server }));
    case 'elsKey':
      if (!node.key.code) return [];
      return ((await account.elsServersByKey(node.key.code, options)).get(node.key.key) ?? []).map((server) => ({ kind: 'elsServer', server }));
  }
}

export function familyOfKey(node: KeyNode): KeyFamily {
  return node.kind === 'kcareKey' ? 'kcare' : node.kind === 'imKey' ? 'im' : 'els';
}

/** Every server of the given families, key by key (reads are bounded by the account's limiter). */
export async function loadAllServers(account: AccountService, families: readonly KeyFamily[], options: ReadOptions = {}): Promise<ServerNode[]> {
  const keys = (await Promise.all(families.map((family) => loadKeys(account, family, options)))).flat();
  return (await Promise.all(keys.map((key) => loadServers(account, key, options)))).flat();
}

export async function loadGroups(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const list = await account.read('group.list', {}, options);
  return { items: list.map((group) => ({ kind: 'group', group })) };
}

export async function loadGroupServers(account: AccountService, node: NodeOf<'group'>, options: ReadOptions): Promise<Loaded> {
  const servers = await account.read('group.servers.list', { name: node.group.name }, options);
  return { items: servers.map((server) => ({ kind: 'groupServer', groupName: node.group.name, server })) };
}

export async function loadBackups(account: AccountService, options: ReadOptions): Promise<Loaded> {
  return { items: (await account.read('ab.list', {}, options)).map((backup) => ({ kind: 'backup', backup })) };
}

/**
 * IP licenses grouped by product type. The groups and rows come with the list
 * (one request); each license's server details (read in batches of 100) fill
 * in as their batch returns, the rows on screen first. Details already cached
 * are filled in at once. Without the details the licenses still show, with a
 * warning saying why the details are missing.
 */
export async function loadIpLicensesByType(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const licenses = await account.read('ipl.list', {}, options);
  const nodes = ipLicenseNodes(account, licenses, options);
  const byType = new Map<number, ExplorerNode[]>();
  for (const node of nodes) {
    const list = byType.get(node.license.type);
    if (list) list.push(node);
    else byType.set(node.license.type, [node]);
  }
  const prefilled = new Map<ExplorerNode, Loaded>();
  for (const type of inCatalogOrder(
    [...byType.keys()],
    IP_LICENSE_TYPES.map((t) => t.code),
  )) {
    prefilled.set({ kind: 'ipType', type }, { items: byType.get(type)! });
  }
  const details = ipLicenseDetails(account, nodes, options);
  const unnamed = [...prefilled.keys()].filter((node) => node.kind === 'ipType' && !isKnownIpType(node.type));
  return { items: [...prefilled.keys()], prefilled, details: unnamed.length ? withTypeNames(account, unnamed, details) : details };
}

/**
 * Types the built-in catalog lacks are named by the service (`/v2/ip-license/licenses/types`,
 * cached per account; quietly absent where v2 does not answer), asked beside the details, so the
 * rows never wait for it: the folders of those types render again once the names are in.
 */
function withTypeNames(account: AccountService, folders: readonly ExplorerNode[], inner: Details | undefined): Details {
  return {
    prefer: (items) => inner?.prefer(items),
    run: async (filled, signal) => {
      const names = account.ipTypeNames({ signal }).catch(() => undefined);
      // Settled here, so a failure of the details while the names are awaited is never left unhandled.
      const rest = (inner?.run(filled, signal) ?? Promise.resolve()).then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      const before = folders.map((node) => (node.kind === 'ipType' ? ipTypeName(node.type) : ''));
      useServiceIpTypeNames(await names);
      // Only the folders the service named render again (a name it lacks leaves "type N" as it was).
      const renamed = folders.filter((node, i) => node.kind === 'ipType' && ipTypeName(node.type) !== before[i]);
      if (!signal.aborted && renamed.length > 0) filled(renamed);
      const failed = await rest;
      if (failed) throw failed.error;
    },
  };
}

/** License nodes with the server details already cached (none when refetching). */
export function ipLicenseNodes(account: AccountService, licenses: readonly IpLicense[], options: ReadOptions): NodeOf<'ipLicense'>[] {
  return licenses.map((license) => {
    const cached = options.force ? undefined : account.peekIpServerInfo(license.ip);
    return { kind: 'ipLicense', license, info: cached && infoFor(license, cached) };
  });
}

/**
 * The server details of license nodes that lack them, filled in place as
 * their batches return; `alsoChanged` names other nodes whose look depends
 * on a license (its server in All Servers). Undefined when nothing is missing.
 */
export function ipLicenseDetails(
  account: AccountService,
  nodes: readonly NodeOf<'ipLicense'>[],
  options: ReadOptions,
  alsoChanged?: (node: NodeOf<'ipLicense'>) => ExplorerNode | undefined,
): Details | undefined {
  const byIp = new Map<string, NodeOf<'ipLicense'>[]>();
  for (const node of nodes) {
    if (node.info) continue;
    const list = byIp.get(node.license.ip);
    if (list) list.push(node);
    else byIp.set(node.license.ip, [node]);
  }
  if (byIp.size === 0) return undefined;
  // Rows shown before the reads start are asked for once they are queued.
  let started = false;
  let early: string[] = [];
  return {
    prefer: (items) => {
      const ips = items.filter((item) => item.kind === 'ipLicense' && !item.info).map((item) => (item as NodeOf<'ipLicense'>).license.ip);
      if (started) account.preferIps(ips);
      else early = ips;
    },
    run: async (filled, signal) => {
      started = true;
      let ready = new Set<ExplorerNode>();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = () => {
        timer = undefined;
        const items = [...ready];
        ready = new Set();
        if (items.length > 0) filled(items);
      };
      try {
        const reads = account.ipServerInfo([...byIp.keys()], {
          force: options.force,
          signal,
          // Rows shown before the reads start go in the first batches.
          prefer: early,
          onInfo: (ip, info) => {
            for (const node of byIp.get(ip) ?? []) {
              node.info = infoFor(node.license, info);
              ready.add(node);
              const other = alsoChanged?.(node);
              if (other) ready.add(other);
            }
            // One batch's 100 IPs arrive together: report them as one group.
            timer ??= setTimeout(flush, 0);
          },
        });
        await reads;
      } finally {
        if (timer) clearTimeout(timer);
        flush();
      }
    },
  };
}

/** The servers in every server group (one call per group). */
export async function loadAllGroupServers(account: AccountService, options: ReadOptions = {}): Promise<NodeOf<'groupServer'>[]> {
  const groups = await account.read('group.list', {}, options);
  const lists = await Promise.all(groups.map((group) => loadGroupServers(account, { kind: 'group', group }, options)));
  return lists.flatMap((list) => list.items as NodeOf<'groupServer'>[]);
}

function infoFor(license: IpLicense, forIp: IpServerInfo[] | undefined): IpServerInfo | undefined {
  return forIp?.find((entry) => entry.type === license.type) ?? (forIp?.length === 1 ? forIp[0] : undefined);
}

/** ELS keys under their product codes; codes without keys are left out. */
export async function loadElsKeysByCode(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const keys = await loadKeys(account, 'els', options);
  const byCode = new Map<string, ExplorerNode[]>();
  for (const key of keys) if (key.kind === 'elsKey') appendTo(byCode, key.key.code, key);
  const prefilled = new Map<ExplorerNode, Loaded>();
  for (const code of inCatalogOrder(
    [...byCode.keys()],
    ELS_CODES.map((c) => c.code),
  )) {
    prefilled.set({ kind: 'elsCode', code }, { items: byCode.get(code)! });
  }
  return { items: [...prefilled.keys()], prefilled };
}

/** Known values in the catalog's order, then unknown ones in their own order. */
function inCatalogOrder<T>(values: T[], catalog: readonly T[]): T[] {
  const rank = (value: T) => {
    const at = catalog.indexOf(value);
    return at < 0 ? catalog.length : at;
  };
  return values
    .map((value, i) => ({ value, i }))
    .sort((a, b) => rank(a.value) - rank(b.value) || a.i - b.i)
    .map(({ value }) => value);
}

/** The children of `node` (undefined: the view's top level), read through the account's cache. */
export async function loadChildren(view: ViewName, node: ExplorerNode | undefined, account: AccountService, options: ReadOptions): Promise<Loaded> {
  if (!node) return view === 'licenses' ? loadFamilies(account, options) : view === 'servers' ? loadHosts(account, options) : loadGroups(account, options);
  const children = kindOf(node).children;
  return children === 'withParent' || children === 'none' ? { items: [] } : (CHILD_LOADERS[children] as ChildLoader)(node, account, options);
}

type ChildLoader<N extends ExplorerNode = ExplorerNode> = (node: N, account: AccountService, options: ReadOptions) => Promise<Loaded>;

/** One loader per source of children the node-kind table names (`KindSpec.children`). */
const CHILD_LOADERS: { readonly [S in ChildSource]: ChildLoader<never> } = {
  family: (node: NodeOf<'family'>, account, options) => loadFamily(node.family, account, options),
  keyServers: async (node: KeyNode, account, options) => ({ items: await loadServers(account, node, options) }),
  kcareKeyServers: (node: NodeOf<'kcareKey'>, account, options) => loadKcareKeyServers(node, account, options),
  groupServers: (node: NodeOf<'group'>, account, options) => loadGroupServers(account, node, options),
  clKeyServers: async (node: NodeOf<'clKey'>, account, options) => ({ items: await loadClKeyServers(account, node, options) }),
};

/** How long the top level waits for the lists of retired products before showing the other families without them. */
const RETIRED_WAIT_MS = 2_000;

/**
 * The product families of the Licenses view: all of them, but a retired product (Backups) only
 * while the account holds some. Its list (from the cache when fresh) comes with the top level, so
 * opening the family asks nothing more; when it takes longer than RETIRED_WAIT_MS the other
 * families show first, with a row saying what is still being looked for.
 */
export function loadFamilies(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const retired = FAMILY_ORDER.filter((family) => FAMILIES[family].retired);
  const listed = (held: Map<Family, Loaded | 'failed'>): Loaded => {
    const prefilled = new Map<ExplorerNode, Loaded>();
    const items = FAMILY_ORDER.filter((family) => !held.has(family) || held.get(family) === 'failed' || (held.get(family) as Loaded).items.length > 0).map((family) => {
      const node: ExplorerNode = { kind: 'family', family };
      const loaded = held.get(family);
      if (loaded && loaded !== 'failed') prefilled.set(node, loaded);
      return node;
    });
    return { items, prefilled };
  };
  const reads = retired.map(async (family): Promise<[Family, Loaded | 'failed' | 'gone']> => {
    try {
      return [family, await loadFamily(family, account, options)];
    } catch (error) {
      if (error instanceof ClnError && error.kind === 'cancelled') throw error;
      // A service that no longer has the product's calls (HTTP 404) holds none of it; any other failure lists the family, whose row then says what failed.
      return [family, error instanceof ClnError && error.status === 404 ? 'gone' : 'failed'];
    }
  });
  const complete = Promise.all(reads).then((answers) => {
    const held = new Map<Family, Loaded | 'failed'>();
    for (const [family, answer] of answers) held.set(family, answer === 'gone' ? { items: [] } : answer);
    return listed(held);
  });
  const shownFirst = FAMILY_ORDER.filter((family) => !FAMILIES[family].retired).map((family): ExplorerNode => ({ kind: 'family', family }));
  // Usually the answer comes within one round trip, and the families show together; a slow one does not hold the others back.
  return within(complete, RETIRED_WAIT_MS).then((done) => done ?? { items: shownFirst, rest: { text: l10n.t('Looking for retired products in this account…'), loaded: complete } });
}

/** A product family's top level: IP licenses by type, keys, ELS keys by product, backups. */
export async function loadFamily(family: Family, account: AccountService, options: ReadOptions): Promise<Loaded> {
  switch (family) {
    case 'ip':
      return loadIpLicensesByType(account, options);
    case 'kcare':
      return { items: await loadKeys(account, family, options) };
    case 'im': {
      // The account's add-on settings (API v2) come with the keys, for their rows' Imunify Email line; without them the rows just lack it.
      const [keys] = await Promise.all([loadKeys(account, family, options), account.accountFeatures(options).catch(() => undefined)]);
      return { items: keys };
    }
    case 'els':
      return loadElsKeysByCode(account, options);
    case 'backups':
      return loadBackups(account, options);
    case 'cl':
      return loadClKeysByProduct(account, options);
    case 'clSub':
      return loadSubAccountServers(account, options);
  }
}

// ---- CloudLinux OS (API v2) ----------------------------------------------------------------

/**
 * What needs API v2, for the one row a family shows when v2 is not there ("CloudLinux OS keys
 * need CLN API v2, which answered 404"); other failures pass as they are.
 */
async function needsV2<T>(read: Promise<T>, what: () => string): Promise<T> {
  try {
    return await read;
  } catch (error) {
    throw isV2Unavailable(error) ? error.needing(what()) : error;
  }
}

/** Every CloudLinux OS key of the account (one request per product). */
export async function loadClKeys(account: AccountService, options: ReadOptions = {}): Promise<NodeOf<'clKey'>[]> {
  return (await needsV2(account.clKeys(options), () => l10n.t('CloudLinux OS keys'))).map((key) => ({ kind: 'clKey', key }));
}

/** The servers of one CloudLinux OS key (the product's server list, read once per product and cached). */
export async function loadClKeyServers(account: AccountService, node: NodeOf<'clKey'>, options: ReadOptions = {}): Promise<NodeOf<'clServer'>[]> {
  const byKey = await needsV2(account.clServersByKey(node.key.product, options), () => l10n.t('CloudLinux OS servers'));
  return (byKey.get(node.key.key) ?? []).map((server) => ({ kind: 'clServer', server, product: node.key.product }));
}

/** Every CloudLinux OS server of the account, product by product (for All Servers and the pickers). */
export async function loadAllClServers(account: AccountService, options: ReadOptions = {}): Promise<NodeOf<'clServer'>[]> {
  const keys = await loadClKeys(account, options);
  const products = [...new Set(keys.map((k) => k.key.product))];
  const lists = await Promise.all(products.map(async (product) => ({ product, byKey: await account.clServersByKey(product, options) })));
  return lists.flatMap(({ product, byKey }) => [...byKey.values()].flat().map((server) => ({ kind: 'clServer' as const, server, product })));
}

/**
 * CloudLinux OS keys under their products (Legacy, Shared Pro, Solo, Admin; products without keys
 * left out), each key with its servers, so every row shows "3 / 5 servers" at once: one request
 * for the keys and one for the servers of each product. A product whose servers could not be read
 * still shows its keys, with a warning row.
 */
export async function loadClKeysByProduct(account: AccountService, options: ReadOptions): Promise<Loaded> {
  // The server lists follow the key lists: where v2 has gone away since it last answered, the key lists say so
  // and no server list is asked (sending them beside the key lists saved a round on the large account, 1.51 → 1.29 ×
  // the bound, but asked v2 twice as often when it had gone).
  const keys = await loadClKeys(account, options);
  const byProduct = new Map<string, NodeOf<'clKey'>[]>();
  for (const key of keys) appendTo(byProduct, key.key.product, key);
  const products = inCatalogOrder([...byProduct.keys()], CL_PRODUCTS as readonly string[]);
  const servers = await Promise.all(
    products.map((product) =>
      needsV2(account.clServersByKey(product, options), () => l10n.t('CloudLinux OS servers')).then(
        (byKey) => ({ byKey }),
        (error: unknown) => ({ error }),
      ),
    ),
  );
  const prefilled = new Map<ExplorerNode, Loaded>();
  let warning: ClnError | undefined;
  products.forEach((product, i) => {
    const read = servers[i];
    const keyServers = new Map<ExplorerNode, Loaded>();
    if ('byKey' in read) {
      for (const key of byProduct.get(product)!) keyServers.set(key, { items: (read.byKey.get(key.key.key) ?? []).map((server) => ({ kind: 'clServer', server, product })) });
    } else if (read.error instanceof ClnError && read.error.kind === 'cancelled') throw read.error;
    else warning ??= read.error instanceof ClnError ? read.error : new ClnError('malformed', String(read.error));
    prefilled.set({ kind: 'clProduct', product }, { items: byProduct.get(product)!, prefilled: keyServers, warning: 'error' in read ? warning : undefined });
  });
  return { items: [...prefilled.keys()], prefilled };
}

/** The servers of the reseller's sub-accounts, under each sub-account (by login). */
export async function loadSubAccountServers(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const servers = await needsV2(account.clSubAccountServers(options), () => l10n.t('Sub-account servers'));
  const byLogin = new Map<string, NodeOf<'clSubServer'>[]>();
  for (const server of servers) appendTo(byLogin, server.login, { kind: 'clSubServer', server });
  const prefilled = new Map<ExplorerNode, Loaded>();
  for (const [login, items] of [...byLogin].sort(([a], [b]) => a.localeCompare(b))) prefilled.set({ kind: 'clSubAccount', login, email: items[0].server.email }, { items });
  return { items: [...prefilled.keys()], prefilled };
}

/**
 * How long the servers of a key, once they have arrived, wait for their patch levels before showing
 * without them. Counted from the servers' answer, not from opening the row: thousands of keys opened
 * together queue behind one limiter, and a wait counted from the opening would drop the patch-level
 * answers of every key after the first few seconds although their requests are still sent.
 */
const PATCH_LEVEL_WAIT_MS = 4_000;

/**
 * A KernelCare key's servers, with each server's kernel and patch level where
 * the undocumented patch-level endpoint answers (matched by address; an address
 * several entries share is left out). Where it does not, nothing extra shows.
 */
async function loadKcareKeyServers(node: NodeOf<'kcareKey'>, account: AccountService, options: ReadOptions): Promise<Loaded> {
  const serversRead = loadServers(account, node, options);
  const levelsRead = account.kcarePatchLevels(node.key.key, { signal: options.signal }).catch(() => undefined);
  const servers = await serversRead;
  const levels = await within(levelsRead, PATCH_LEVEL_WAIT_MS);
  if (!levels?.length) return { items: servers };
  const byAddress = new Map<string, KcarePatchLevel | null>();
  for (const level of levels) if (level.ip) byAddress.set(level.ip, byAddress.has(level.ip) ? null : level);
  return { items: servers.map((server) => (server.kind === 'kcareServer' && server.server.ip && byAddress.get(server.server.ip) ? { ...server, patch: byAddress.get(server.server.ip)! } : server)) };
}

/**
 * How many items a family holds, from the one request that lists them (answered from the cache
 * when the family was read before); undefined for ELS, whose keys take one request per product.
 * No details are read: the count is what a collapsed family shows.
 */
export async function countFamily(family: Family, account: AccountService, options: ReadOptions = {}): Promise<number | undefined> {
  switch (family) {
    case 'ip':
      return (await account.read('ipl.list', {}, options)).length;
    case 'kcare':
      return (await account.read('kcare.key.list', {}, options)).length;
    case 'im':
      return (await account.read('im.key.list', {}, options)).length;
    case 'backups':
      return (await account.read('ab.list', {}, options)).length;
    default:
      return undefined;
  }
}

// ---- What the account's cache already holds under a key or group (no request) ----------------

/** Rows whose servers one read brings, named as that read is cached (`cacheKey`): the rows that render again when it is answered. */
export function serverReadOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'kcareKey':
      return cacheKey('kcare.key.servers', { key: node.key.key });
    case 'imKey':
      return cacheKey('im.srv.list', { key: node.key.key });
    case 'elsKey':
      return node.key.code ? cacheKey('els.srv.list', { code: node.key.code }) : undefined;
    case 'group':
      return cacheKey('group.servers.list', { name: node.group.name });
    default:
      return undefined;
  }
}

const NONE: { source: unknown; build: () => ExplorerNode[] } = { source: null, build: () => [] };

/**
 * The servers of a key or group as the account's cache holds them from any earlier read (opening
 * it, All Servers, Find, Find Unused Licenses, Check Their Servers), without a request: `source` is
 * the cached answer (the same object until it is read again), `build` makes its rows. Undefined
 * when the cache holds none. An Imunify key its list says has no servers, and an ELS key without a
 * product code, have none to read.
 */
export function cachedServers(account: AccountService, node: ExplorerNode): { source: unknown; build: () => ExplorerNode[] } | undefined {
  switch (node.kind) {
    case 'kcareKey': {
      const servers = account.peek('kcare.key.servers', { key: node.key.key });
      return servers && { source: servers, build: () => servers.map((server) => ({ kind: 'kcareServer', server })) };
    }
    case 'imKey': {
      if (node.key.servers === 0) return NONE;
      const servers = account.peek('im.srv.list', { key: node.key.key });
      return servers && { source: servers, build: () => servers.map((server) => ({ kind: 'imServer', server })) };
    }
    case 'elsKey': {
      if (!node.key.code) return NONE;
      const servers = account.peek('els.srv.list', { code: node.key.code });
      return servers && { source: servers, build: () => servers.filter((server) => server.key === node.key.key).map((server) => ({ kind: 'elsServer', server })) };
    }
    case 'group': {
      const servers = account.peek('group.servers.list', { name: node.group.name });
      return servers && { source: servers, build: () => servers.map((server) => ({ kind: 'groupServer', groupName: node.group.name, server })) };
    }
    default:
      return undefined;
  }
}

/** How a Check Their Servers ended: how many keys were read, which failed (and why), whether it was cancelled. */
export interface ServersCheck {
  total: number;
  read: number;
  failed: { node: ExplorerNode; error: unknown }[];
  cancelled: boolean;
}

/**
 * Reads the servers of these keys into the account's cache: one request per key (an ELS product's
 * keys share one, a CloudLinux OS product's too), at most the account's allowed requests at once.
 * A cancelled check sends nothing more; what was read stays read. `onRead` is told as each key is done.
 */
export async function readServersOf(account: AccountService, nodes: readonly ExplorerNode[], options: { signal?: AbortSignal; onRead?: (done: number) => void } = {}): Promise<ServersCheck> {
  const outcome: ServersCheck = { total: nodes.length, read: 0, failed: [], cancelled: false };
  const read = { signal: options.signal };
  let done = 0;
  await mapBounded(nodes, account.allowedConcurrent, async (node) => {
    if (options.signal?.aborted) return;
    try {
      if (node.kind === 'kcareKey' || node.kind === 'imKey' || node.kind === 'elsKey') await loadServers(account, node, read);
      else if (node.kind === 'clKey') await loadClKeyServers(account, node, read);
      else if (node.kind === 'group') await account.read('group.servers.list', { name: node.group.name }, read);
      outcome.read++;
    } catch (error) {
      if (options.signal?.aborted || (error instanceof ClnError && error.kind === 'cancelled')) return;
      outcome.failed.push({ node, error });
    }
    options.onRead?.(++done);
  });
  outcome.cancelled = Boolean(options.signal?.aborted);
  return outcome;
}
