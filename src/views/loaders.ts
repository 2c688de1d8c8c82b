/**
 * Which requests fill which part of the trees. No `vscode` here: each
 * container's children come from the account service's cached reads.
 */
import { ELS_CODES, IP_LICENSE_TYPES } from '../cln/catalog';
import { ClnError } from '../cln/errors';
import type { IpLicense, IpServerInfo } from '../cln/types';
import type { AccountService, ReadOptions } from '../services/account';
import type { ContainerNode, ExplorerNode, Family } from './model';
import type { ViewName } from './nodes';

export interface Loaded {
  items: ExplorerNode[];
  /** Children of some of `items`, loaded by the same requests (IP types, ELS codes). */
  prefilled?: Map<ExplorerNode, Loaded>;
  /** A part of the list that could not be loaded; the rest is shown. */
  warning?: ClnError;
}

export const FAMILIES: readonly Family[] = ['ip', 'kcare', 'im', 'els', 'backups'];

/** The children of `node` (undefined: the view's top level), read through the account's cache. */
export async function loadChildren(view: ViewName, node: ExplorerNode | undefined, account: AccountService, options: ReadOptions): Promise<Loaded> {
  if (!node) return view === 'licenses' ? { items: FAMILIES.map((family) => ({ kind: 'family', family })) } : groups(account, options);
  switch (node.kind) {
    case 'family':
      return loadFamily(node.family, account, options);
    case 'kcareKey': {
      const servers = await account.read('kcare.key.servers', { key: node.key.key }, options);
      return { items: servers.map((server) => ({ kind: 'kcareServer', server })) };
    }
    case 'imKey': {
      const servers = await account.read('im.srv.list', { key: node.key.key }, options);
      return { items: servers.map((server) => ({ kind: 'imServer', server })) };
    }
    case 'elsKey': {
      if (!node.key.code) return { items: [] };
      const byKey = await account.elsServersByKey(node.key.code, options);
      return { items: (byKey.get(node.key.key) ?? []).map((server) => ({ kind: 'elsServer', server })) };
    }
    case 'group': {
      const servers = await account.read('group.servers.list', { name: node.group.name }, options);
      return { items: servers.map((server) => ({ kind: 'groupServer', groupName: node.group.name, server })) };
    }
    default:
      return { items: [] };
  }
}

async function groups(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const list = await account.read('group.list', {}, options);
  return { items: list.map((group) => ({ kind: 'group', group })) };
}

async function loadFamily(family: Family, account: AccountService, options: ReadOptions): Promise<Loaded> {
  switch (family) {
    case 'ip':
      return ipLicensesByType(account, options);
    case 'kcare':
      return { items: (await account.read('kcare.key.list', {}, options)).map((key) => ({ kind: 'kcareKey', key })) };
    case 'im':
      return { items: (await account.read('im.key.list', {}, options)).map((key) => ({ kind: 'imKey', key })) };
    case 'els':
      return elsKeysByCode(account, options);
    case 'backups':
      return { items: (await account.read('ab.list', {}, options)).map((backup) => ({ kind: 'backup', backup })) };
  }
}

/**
 * IP licenses grouped by product type, each merged with its server details
 * (read in batches of 100). Without the details the licenses still show, with
 * a warning saying why the details are missing.
 */
async function ipLicensesByType(account: AccountService, options: ReadOptions): Promise<Loaded> {
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
async function elsKeysByCode(account: AccountService, options: ReadOptions): Promise<Loaded> {
  const keys = await account.elsKeys(options);
  const byCode = new Map<string, ExplorerNode[]>();
  for (const key of keys) byCode.set(key.code, [...(byCode.get(key.code) ?? []), { kind: 'elsKey', key }]);
  const prefilled = new Map<ExplorerNode, Loaded>();
  for (const code of inCatalogOrder([...byCode.keys()], ELS_CODES.map((c) => c.code))) {
    prefilled.set({ kind: 'elsCode', code } satisfies ContainerNode, { items: byCode.get(code)! });
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

/** What an empty list says. */
export function emptyText(node: ExplorerNode | undefined, view: ViewName): string {
  if (!node) return view === 'groups' ? 'No server groups' : 'Nothing to show';
  switch (node.kind) {
    case 'family':
      return { ip: 'No IP licenses', kcare: 'No KernelCare keys', im: 'No Imunify keys', els: 'No ELS keys', backups: 'No backups' }[node.family];
    case 'ipType':
      return 'No licenses of this type';
    case 'elsCode':
      return 'No keys for this product';
    case 'group':
      return 'No servers in this group';
    default:
      return 'No servers on this key';
  }
}
