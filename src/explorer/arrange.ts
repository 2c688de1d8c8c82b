/**
 * Sort and focus at scale: the order of IP licenses and servers, and which
 * items are problems ("problems only"). Each view keeps its own arrangement.
 * No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { checkinState } from './checkin';
import type { ExplorerNode } from './nodes';
import { overLimit } from './wording';

export type SortOrder = 'default' | 'ip' | 'created' | 'checkin';

export interface Arrangement {
  sort: SortOrder;
  problemsOnly: boolean;
}

export const DEFAULT_ARRANGEMENT: Arrangement = { sort: 'default', problemsOnly: false };

export const SORT_ORDERS: { order: SortOrder; label: string; detail: string }[] = [
  {
    order: 'default',
    get label() {
      return l10n.t('As CLN lists them');
    },
    get detail() {
      return l10n.t('The order of the API answer');
    },
  },
  {
    order: 'ip',
    get label() {
      return l10n.t('IP address');
    },
    get detail() {
      return l10n.t('Numerically, IPv4 before IPv6');
    },
  },
  {
    order: 'created',
    get label() {
      return l10n.t('Created');
    },
    get detail() {
      return l10n.t('Newest first; servers without a date last');
    },
  },
  {
    order: 'checkin',
    get label() {
      return l10n.t('Last check-in');
    },
    get detail() {
      return l10n.t('Longest silent first: never checked in, then the oldest check-in');
    },
  },
];

/** A stored arrangement, read defensively (workspace state may hold anything). */
export function normalizeArrangement(value: unknown): Arrangement {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Arrangement>;
  return { sort: SORT_ORDERS.some((s) => s.order === v.sort) ? v.sort! : 'default', problemsOnly: v.problemsOnly === true };
}

/**
 * True for what needs a look: a license not registered, a server (or a
 * registered license's server) that is stale or never checked in, a key with
 * no servers or more than its limit. `servers` is a key's known server count
 * (undefined: not read yet; an Imunify key's list says it).
 */
export function isProblem(node: ExplorerNode, staleDays: number, now: number, servers?: number): boolean {
  switch (node.kind) {
    case 'ipLicense':
      return !node.license.registered || (node.info !== undefined && checkinState(node.info.lastCheckin, staleDays, now) !== 'fresh');
    case 'kcareServer':
    case 'imServer':
      return checkinState(node.server.lastCheckin, staleDays, now) !== 'fresh';
    case 'imKey': {
      const count = servers ?? node.key.servers;
      return count === 0 || overLimit(count, node.key.limit);
    }
    case 'kcareKey':
    case 'elsKey':
    case 'clKey':
      return servers === 0 || overLimit(servers, node.key.limit);
    default:
      return false;
  }
}

/** Items in the chosen order; kinds without the field keep their place relative to each other (a stable sort). */
export function sortItems(items: readonly ExplorerNode[], order: SortOrder): ExplorerNode[] {
  if (order === 'default' || items.length < 2) return [...items];
  const keyed = items.map((node, index) => ({ node, index, key: sortKey(node, order) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
  return keyed.map((entry) => entry.node);
}

type Key = string | number | undefined;

function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

function sortKey(node: ExplorerNode, order: SortOrder): Key {
  const ip = node.kind === 'ipLicense' ? node.license.ip : 'server' in node && 'ip' in node.server ? node.server.ip : null;
  switch (order) {
    case 'ip':
      return ip ? ipKey(ip) : undefined;
    case 'created': {
      const created = node.kind === 'ipLicense' ? node.license.created : node.kind === 'kcareServer' ? node.server.created : null;
      return created ? -created.getTime() : undefined;
    }
    case 'checkin': {
      const hasCheckin = node.kind === 'kcareServer' || node.kind === 'imServer' || (node.kind === 'ipLicense' && node.info !== undefined);
      if (!hasCheckin) return undefined;
      const last = node.kind === 'ipLicense' ? node.info!.lastCheckin : (node as { server: { lastCheckin: Date | null } }).server.lastCheckin;
      return last ? last.getTime() : -Infinity;
    }
    default:
      return undefined;
  }
}

/** A text key that sorts addresses numerically: IPv4 as 12 digits, IPv6 after every IPv4, by its expanded groups. */
export function ipKey(ip: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (v4)
    return `4${v4
      .slice(1)
      .map((part) => part.padStart(3, '0'))
      .join('')}`;
  const [head, tail] = ip.trim().toLowerCase().split('::');
  const groups = (text: string | undefined) => (text ? text.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const fill = tail === undefined ? [] : Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  return `6${[...left, ...fill, ...right].map((group) => group.padStart(4, '0')).join('')}`;
}
