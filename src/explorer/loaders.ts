/**
 * Which requests produce which nodes: the one place that maps the account's
 * reads to explorer nodes, for the trees (through `kinds.ts`) and for the
 * commands' pickers and counts alike. No `vscode` here.
 */
import { ELS_CODES, IP_LICENSE_TYPES } from '../cln/catalog';
import { ClnError } from '../cln/errors';
import type { IpLicense, IpServerInfo } from '../cln/types';
import type { AccountService, ReadOptions } from '../services/account';
import type { ExplorerNode, KeyNode, NodeOf, ServerNode } from './nodes';

export interface Loaded {
  items: ExplorerNode[];
  /** Children of some of `items`, loaded by the same requests (IP types, ELS codes). */
  prefilled?: Map<ExplorerNode, Loaded>;
  /** A part of the list that could not be loaded; the rest is shown. */
  warning?: ClnError;
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
 * IP licenses grouped by product type, each merged with its server details
 * (read in batches of 100). Without the details the licenses still show, with
 * a warning saying why the details are missing.
 */
export async function loadIpLicensesByType(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const licenses = await account.read('ipl.list', {}, options);
  let info = new Map<string, IpServerInfo[]>();
  let warning: ClnError | undefined;
  if (licenses.length > 0) {
    try {
      info = await account.ipServerInfo(licenses.map((license) => license.ip), options);
    } catch (error) {
      if (!(error instanceof ClnError) || error.kind === 'cancelled') throw error;
      warning = error;
    }
  }
  const byType = new Map<number, ExplorerNode[]>();
  for (const license of licenses) {
    const list = byType.get(license.type) ?? [];
    list.push({ kind: 'ipLicense', license, info: infoFor(license, info) });
    byType.set(license.type, list);
  }
  const prefilled = new Map<ExplorerNode, Loaded>();
  for (const type of inCatalogOrder([...byType.keys()], IP_LICENSE_TYPES.map((t) => t.code))) {
    prefilled.set({ kind: 'ipType', type }, { items: byType.get(type)!, warning });
  }
  return { items: [...prefilled.keys()], prefilled };
}

function infoFor(license: IpLicense, info: Map<string, IpServerInfo[]>): IpServerInfo | undefined {
  const forIp = info.get(license.ip);
  return forIp?.find((entry) => entry.type === license.type) ?? (forIp?.length === 1 ? forIp[0] : undefined);
}

/** ELS keys under their product codes; codes without keys are left out. */
export async function loadElsKeysByCode(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const keys = await loadKeys(account, 'els', options);
  const byCode = new Map<string, ExplorerNode[]>();
  for (const key of keys) if (key.kind === 'elsKey') byCode.set(key.key.code, [...(byCode.get(key.key.code) ?? []), key]);
  const prefilled = new Map<ExplorerNode, Loaded>();
  for (const code of inCatalogOrder([...byCode.keys()], ELS_CODES.map((c) => c.code))) {
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
  return values.map((value, i) => ({ value, i })).sort((a, b) => rank(a.value) - rank(b.value) || a.i - b.i).map(({ value }) => value);
}
