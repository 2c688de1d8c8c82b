/**
 * One entry per node kind: everything the explorer knows about a kind, in
 * the style of `cln/endpoints.ts`. The mapped type makes the compiler reject
 * a kind without an entry (or an entry missing a field). The VS Code adapter
 * (`views/treeItems.ts`) turns `look` into a TreeItem; the filter, Copy,
 * `when` clauses, the tree model and the commands' wording all read here.
 * No `vscode` here.
 *
 * Adding a kind: add it to `ExplorerNode` in `nodes.ts`, give it an entry
 * below and, if it has children, a loader in `loaders.ts`
 * (docs/ARCHITECTURE.md walks through an example).
 */
import { ELS_CODES, IMUNIFY_CODES, IMUNIFY_IP_TYPES, ipTypeName, isKnownIpType, nameOf } from '../cln/catalog';
import type { CacheTag } from '../cln/endpoints';
import type { KcarePatchLevel, KcareServer } from '../cln/types';
import type { AccountService, ReadOptions } from '../services/account';
import type { ServerCheck } from '../services/kcareChecks';
import { checkinState } from './checkin';
import { hostSummary, loadHosts } from './hosts';
import * as load from './loaders';
import type { Loaded } from './loaders';
import type { ExplorerNode, Family, NodeKind, NodeOf, TreeNode, ViewName } from './nodes';
import { serverIdOf } from './nodes';
import { keyLabel, overLimit, plural, shortAge, shortKey, usageText } from './wording';

/** What the renderer needs besides the node. */
export interface LookContext {
  staleDays: number;
  now: number;
  /**
   * Loaded children of a node, all and those shown (filter, problems only);
   * for a family whose children are folders, the items in those folders.
   */
  counts?: { total: number; matching: number };
  /** What the latest Check KernelCare Servers said about a server, if it named it. */
  kcareCheck?: (server: KcareServer) => ServerCheck | undefined;
  /** A filter is on. */
  filtered?: boolean;
}

export type FieldValue = string | number | boolean | Date | null | undefined;
/** A tooltip line "label: value"; undefined values are left out, null shows as "—". */
export type Field = [label: string, value: FieldValue];

/** How a node looks, as plain data. */
export interface Look {
  label: string;
  /** Joined with " · "; empty parts are dropped. */
  description: (string | null | undefined | false)[];
  /** A codicon id. */
  icon: string;
  /** Drawn in the disabled colour (a disabled key). */
  dimmed?: boolean;
  expandable?: boolean;
  /** The tooltip's bold first line; its fields follow. */
  title: string;
  fields: Field[];
  /** Replaces the icon with a warning and explains it in the tooltip (stale or never checked in). */
  warn?: string;
}

export interface CopyableValue {
  label: string;
  value: string;
}

export type ChildLoader<N> = (node: N, account: AccountService, options: ReadOptions) => Promise<Loaded>;

export interface KindSpec<N extends ExplorerNode> {
  /** The part of the node's tree id that tells it apart from its siblings. */
  key(node: N): string;
  look(node: N, context: LookContext): Look;
  /** How the node is named in questions, confirmations and reports. */
  describe(node: N): string;
  /** The texts the filter looks in; containers have none of their own. */
  searchable(node: N): readonly (string | null | undefined)[];
  /** What Copy offers, the label's value first; empty values are dropped. */
  copyable(node: N): [label: string, value: string | null | undefined][];
  /** Capability flags for `when` clauses: the contextValue is "<kind> flag flag …". */
  capabilities(node: N): string[];
  /**
   * Where the children come from: a loader, 'withParent' (the parent's
   * request brings them, so refreshing the node refreshes the parent, and its
   * description counts them), or 'none' (a leaf).
   */
  children: ChildLoader<N> | 'withParent' | 'none';
  /** What an empty list of children says. */
  empty?: string | ((node: N) => string);
}

/** One entry per product family (the top level of the Licenses view). */
export interface FamilySpec {
  name: string;
  icon: string;
  /** What its description counts: "2,897 licenses", "1 key". */
  noun: string;
  empty: string;
  /** The cache tag whose invalidation reloads the family. */
  tag: CacheTag;
  load: (account: AccountService, options: ReadOptions) => Promise<Loaded>;
}

export const FAMILIES: { readonly [F in Family]: FamilySpec } = {
  ip: { name: 'IP Licenses', icon: 'globe', noun: 'license', empty: 'No IP licenses', tag: 'ipl', load: load.loadIpLicensesByType },
  kcare: { name: 'KernelCare', icon: 'server-process', noun: 'key', empty: 'No KernelCare keys', tag: 'kcare', load: async (account, options) => ({ items: await load.loadKeys(account, 'kcare', options) }) },
  im: { name: 'Imunify', icon: 'shield', noun: 'key', empty: 'No Imunify keys', tag: 'im', load: async (account, options) => ({ items: await load.loadKeys(account, 'im', options) }) },
  els: { name: 'ELS', icon: 'history', noun: 'key', empty: 'No ELS keys', tag: 'els', load: load.loadElsKeysByCode },
  backups: { name: 'Backups', icon: 'archive', noun: 'backup', empty: 'No backups', tag: 'ab', load: load.loadBackups },
};

/** The families in the order the Licenses view shows them. */
export const FAMILY_ORDER = Object.keys(FAMILIES) as Family[];

export const FAMILY_NAMES = Object.fromEntries(FAMILY_ORDER.map((family) => [family, FAMILIES[family].name])) as Record<Family, string>;

const keyServers: ChildLoader<NodeOf<'kcareKey' | 'imKey' | 'elsKey'>> = async (node, account, options) => ({ items: await load.loadServers(account, node, options) });

/** How long the servers of a key wait for their patch levels before showing without them. */
const PATCH_LEVEL_WAIT_MS = 4_000;

/**
 * A KernelCare key's servers, with each server's kernel and patch level where
 * the undocumented patch-level endpoint answers (matched by address; an address
 * several entries share is left out). Where it does not, nothing extra shows.
 */
const kcareKeyServers: ChildLoader<NodeOf<'kcareKey'>> = async (node, account, options) => {
  const wait = AbortSignal.timeout(PATCH_LEVEL_WAIT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, wait]) : wait;
  const [servers, levels] = await Promise.all([
    load.loadServers(account, node, options),
    account.kcarePatchLevels(node.key.key, { signal }).catch(() => undefined),
  ]);
  if (!levels?.length) return { items: servers };
  const byAddress = new Map<string, KcarePatchLevel | null>();
  for (const level of levels) if (level.ip) byAddress.set(level.ip, byAddress.has(level.ip) ? null : level);
  return { items: servers.map((server) => (server.kind === 'kcareServer' && server.server.ip && byAddress.get(server.server.ip) ? { ...server, patch: byAddress.get(server.server.ip)! } : server)) };
};

export const NODE_KINDS: { readonly [K in NodeKind]: KindSpec<NodeOf<K>> } = {
  family: {
    key: (node) => node.family,
    look: (node, context) => container(FAMILIES[node.family].name, FAMILIES[node.family].icon, FAMILIES[node.family].name, context, FAMILIES[node.family].noun),
    describe: (node) => `the ${FAMILIES[node.family].name} folder`,
    searchable: () => [],
    copyable: () => [],
    capabilities: (node) => [`family-${node.family}`],
    children: (node, account, options) => FAMILIES[node.family].load(account, options),
    empty: (node) => FAMILIES[node.family].empty,
  },
  host: {
    key: (node) => node.host.ip ?? node.host.hostname ?? 'server',
    look: ({ host }, context) => {
      const summary = hostSummary(host, context.staleDays, context.now);
      return {
        label: host.ip ?? host.hostname ?? 'Server without IP or hostname',
        description: [host.ip && host.hostname, summary.products, summary.checkin],
        icon: 'server',
        expandable: true,
        title: `Server ${host.ip ?? host.hostname ?? ''}`.trim(),
        fields: [['IP', host.ip], ['Hostname', host.hostname], ...summary.fields],
        warn: summary.warn,
      };
    },
    describe: (node) => `server ${node.host.ip ?? node.host.hostname}`,
    searchable: (node) => [node.host.ip, node.host.hostname],
    copyable: (node) => [['IP', node.host.ip], ['Hostname', node.host.hostname]],
    capabilities: () => ['copyable'],
    children: 'withParent',
    empty: 'Nothing registered for this server',
  },
  ipType: {
    key: (node) => `type-${node.type}`,
    look: (node, context) => container(ipTypeName(node.type), 'tag', `Type ${node.type}`, context, 'license'),
    describe: (node) => `the ${ipTypeName(node.type)} folder`,
    searchable: () => [],
    copyable: () => [],
    capabilities: () => [],
    children: 'withParent',
    empty: 'No licenses of this type',
  },
  elsCode: {
    key: (node) => node.code,
    look: (node, context) => container(nameOf(ELS_CODES, node.code) ?? (node.code || 'Unknown product'), 'package', node.code, context, 'key'),
    describe: (node) => `the ELS ${node.code} folder`,
    searchable: () => [],
    copyable: () => [],
    capabilities: () => [],
    children: 'withParent',
    empty: 'No keys for this product',
  },
  ipLicense: {
    key: (node) => `${node.license.ip}#${node.license.type}`,
    look: ({ license, info }, context) => {
      const checkin = info && license.registered ? checkinOf(info.lastCheckin, context) : undefined;
      return {
        label: license.ip,
        description: [license.registered ? checkin?.marker ?? 'registered' : '⚠ not registered'],
        icon: license.registered ? 'vm-active' : 'vm-outline',
        title: `${ipTypeName(license.type)} license ${license.ip}`,
        fields: [
          ['IP', license.ip],
          ['Product', ipTypeName(license.type)],
          ['Type code', String(license.type)],
          ['Registered', license.registered],
          ['Created', license.created],
          ['Server', info ? (info.serverInfo ?? 'none reported') : 'details not loaded'],
          ['Last check-in', info ? (info.lastCheckin ?? 'never') : undefined],
        ],
        warn: checkin?.warn,
      };
    },
    describe: (node) => `${node.license.ip} (${ipTypeName(node.license.type)})`,
    searchable: (node) => [node.license.ip, node.info?.serverInfo, ipTypeName(node.license.type)],
    copyable: (node) => [['IP', node.license.ip], ['Server', node.info?.serverInfo]],
    // Convertible: Imunify types, and types the catalog does not know (CLN decides).
    capabilities: (node) => ['removable', 'updatable', 'copyable', ...(IMUNIFY_IP_TYPE_SET.has(node.license.type) || !isKnownIpType(node.license.type) ? ['convertible'] : [])],
    children: 'none',
  },
  kcareKey: {
    key: (node) => node.key.key,
    look: ({ key }, context) => {
      const servers = context.counts?.total;
      return {
        label: keyLabel(key.note, 'KernelCare', key.key),
        description: [usageText(servers, key.limit), !key.enabled && 'disabled'],
        icon: 'key',
        dimmed: !key.enabled,
        expandable: true,
        title: `KernelCare key ${key.key}`,
        fields: [['Key', key.key], ['Note', key.note], ['Servers', servers], ['Server limit', limitText(key.limit)], ['Enabled', key.enabled], ['Created', key.created]],
        warn: overLimitWarning(servers, key.limit),
      };
    },
    describe: (node) => `KernelCare key ${node.key.key}`,
    searchable: (node) => [node.key.key, node.key.note],
    copyable: (node) => [['Key', node.key.key], ['Note', node.key.note]],
    capabilities: () => ['removable', 'copyable', 'cidr', 'health'],
    children: kcareKeyServers,
    empty: 'No servers on this key',
  },
  imKey: {
    key: (node) => node.key.key,
    look: ({ key }, context) => {
      const product = nameOf(IMUNIFY_CODES, key.code) ?? (key.code || 'Imunify');
      const servers = context.counts?.total ?? key.servers;
      return {
        label: keyLabel(key.note, product, key.key),
        description: [usageText(servers, key.limit), key.note && product],
        icon: 'key',
        expandable: true,
        title: `${product} key ${key.key}`,
        fields: [['Key', key.key], ['Note', key.note], ['Product', key.code ? `${product} (${key.code})` : product], ['Servers', servers], ['Server limit', limitText(key.limit)]],
        warn: overLimitWarning(servers, key.limit),
      };
    },
    describe: (node) => `Imunify key ${node.key.key}`,
    searchable: (node) => [node.key.key, node.key.note, nameOf(IMUNIFY_CODES, node.key.code)],
    copyable: (node) => [['Key', node.key.key], ['Note', node.key.note]],
    capabilities: () => ['removable', 'updatable', 'copyable'],
    children: keyServers,
    empty: 'No servers on this key',
  },
  elsKey: {
    key: (node) => node.key.key,
    look: ({ key }, context) => {
      const product = nameOf(ELS_CODES, key.code) ?? (key.code || 'ELS');
      const servers = context.counts?.total;
      return {
        label: keyLabel(key.note, product, key.key),
        description: [usageText(servers, key.limit)],
        icon: 'key',
        expandable: true,
        title: `${product} key ${key.key}`,
        fields: [['Key', key.key], ['Note', key.note], ['Product', key.code ? `${product} (${key.code})` : product], ['Servers', servers], ['Server limit', limitText(key.limit)]],
        warn: overLimitWarning(servers, key.limit),
      };
    },
    describe: (node) => `ELS key ${node.key.key}`,
    searchable: (node) => [node.key.key, node.key.note],
    copyable: (node) => [['Key', node.key.key], ['Note', node.key.note]],
    capabilities: () => ['removable', 'updatable', 'copyable'],
    children: keyServers,
    empty: 'No servers on this key',
  },
  kcareServer: {
    key: (node) => serverIdOf(node),
    look: (node, context) => kcareServerLook(node, context),
    describe: (node) => `KernelCare server ${withAddress(node.server.serverId, node.server.ip)}`,
    searchable: (node) => [node.server.serverId, node.server.ip, node.server.key],
    copyable: (node) => [['IP', node.server.ip], ['Server id', node.server.serverId], ['Key', node.server.key]],
    capabilities: () => ['removable', 'copyable', 'groupable'],
    children: 'none',
  },
  imServer: {
    key: (node) => serverIdOf(node),
    look: (node, context) => productServerLook(node, 'Imunify server', [], context),
    describe: (node) => `Imunify server ${withAddress(node.server.id, node.server.ip)}`,
    searchable: (node) => [node.server.id, node.server.ip, node.server.key],
    copyable: (node) => [['IP', node.server.ip], ['Server id', node.server.id], ['Key', node.server.key]],
    capabilities: () => ['removable', 'copyable', 'groupable', 'movable', 'backupable'],
    children: 'none',
  },
  elsServer: {
    key: (node) => serverIdOf(node),
    look: ({ server }) => ({
      label: server.hostname ?? server.ip ?? `Server ${shortKey(server.id)}`,
      description: [server.hostname && server.ip],
      icon: 'server',
      title: `ELS server ${server.hostname ?? server.ip ?? server.id}`,
      fields: [['Hostname', server.hostname], ['IP', server.ip], ['Server id', server.id], ['Key', server.key]],
    }),
    describe: (node) => `ELS server ${withAddress(node.server.id, node.server.hostname ?? node.server.ip)}`,
    searchable: (node) => [node.server.id, node.server.ip, node.server.hostname, node.server.key],
    copyable: (node) => [['Hostname', node.server.hostname], ['IP', node.server.ip], ['Server id', node.server.id], ['Key', node.server.key]],
    capabilities: () => ['removable', 'copyable'],
    children: 'none',
  },
  backup: {
    key: (node) => String(node.backup.backupId),
    look: ({ backup }) => ({
      label: `Backup ${backup.backupId}`,
      description: [`${backup.size} GB`, backup.datacenter, `server ${shortKey(backup.serverId)}`],
      icon: 'database',
      title: `Backup ${backup.backupId}`,
      fields: [['Backup id', backup.backupId], ['Size', `${backup.size} GB`], ['Datacenter', backup.datacenter], ['Server id', backup.serverId]],
    }),
    describe: (node) => `backup #${node.backup.backupId} (${node.backup.size} GB, server ${node.backup.serverId})`,
    searchable: (node) => [node.backup.serverId, String(node.backup.backupId)],
    copyable: (node) => [['Backup id', String(node.backup.backupId)], ['Server id', node.backup.serverId]],
    capabilities: () => ['removable', 'resizable', 'copyable'],
    children: 'none',
  },
  group: {
    key: (node) => node.group.name,
    look: ({ group }, context) => {
      const counts = context.counts;
      return {
        label: group.name,
        description: [counts && countText(counts, 'server'), group.description],
        icon: 'server-environment',
        expandable: true,
        title: `Server group "${group.name}"`,
        fields: [['Name', group.name], ['Description', group.description], ['Servers', counts?.total]],
      };
    },
    describe: (node) => `group "${node.group.name}"`,
    searchable: (node) => [node.group.name, node.group.description],
    copyable: (node) => [['Group name', node.group.name]],
    capabilities: () => ['addable', 'copyable'],
    children: (node, account, options) => load.loadGroupServers(account, node, options),
    empty: 'No servers in this group',
  },
  groupServer: {
    key: (node) => serverIdOf(node),
    look: ({ server, groupName }) => ({
      label: server.hostname ?? server.ip ?? `Server ${shortKey(server.id)}`,
      description: [server.hostname && server.ip, productOfServerType(server.type)],
      icon: 'server',
      title: `Server ${server.hostname ?? server.ip ?? server.id} in group "${groupName}"`,
      fields: [['Hostname', server.hostname], ['IP', server.ip], ['Server id', server.id], ['Product', productOfServerType(server.type)], ['Group', groupName]],
    }),
    describe: (node) => `server ${withAddress(node.server.id, node.server.hostname ?? node.server.ip)} in group "${node.groupName}"`,
    searchable: (node) => [node.server.id, node.server.ip, node.server.hostname],
    copyable: (node) => [['Hostname', node.server.hostname], ['IP', node.server.ip], ['Server id', node.server.id]],
    capabilities: () => ['ungroupable', 'copyable'],
    children: 'none',
  },
};

/** The entry of a node's kind. */
export function kindOf<N extends ExplorerNode>(node: N): KindSpec<N> {
  return NODE_KINDS[node.kind] as unknown as KindSpec<N>;
}

// ---- What the rest of the explorer asks of a node, answered from the table.

export function lookOf(node: ExplorerNode, context: LookContext): Look {
  const look = kindOf(node).look(node, context);
  // With a filter, a container whose children are loaded says how many match ("3 of 72"); derived containers say it in their own words.
  const counts = context.counts;
  if (context.filtered && counts && counts.matching !== counts.total && !isDerived(node)) look.description.push(`${counts.matching} of ${counts.total}`);
  return look;
}

export function describeNode(node: ExplorerNode): string {
  return kindOf(node).describe(node);
}

export function capabilitiesOf(node: ExplorerNode): string[] {
  return kindOf(node).capabilities(node);
}

/**
 * The TreeItem.contextValue `when` clauses match, e.g. `viewItem =~ /^imServer\b.*\bremovable\b/`.
 * Each value the node can copy adds a flag (`copy-ip`, `copy-key` …) for the Copy submenu's entries.
 */
export function contextValueOf(node: ExplorerNode): string {
  return [node.kind, ...capabilitiesOf(node), ...copyableValues(node).map((value) => `copy-${copySlug(value.label)}`)].join(' ');
}

/** The Copy submenu's name for a value: "Server id" → "serverId", "IP" → "ip". */
export function copySlug(label: string): string {
  const words = label.split(/\s+/).filter(Boolean);
  return words.map((word, i) => (i === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())).join('');
}

/** The part of a node's id that tells it apart from its siblings. */
export function localKey(node: TreeNode): string {
  if (node.kind === 'message') return `!${node.tone}`;
  if (node.kind === 'loadMore') return '!more';
  return kindOf(node).key(node);
}

/** Nodes whose children come from a request of their own (keys, groups, families). */
export function hasOwnLoader(node: ExplorerNode): boolean {
  return typeof kindOf(node).children === 'function';
}

/** Containers whose children come from their parent's request (refreshing them refreshes the parent). */
export function isDerived(node: TreeNode): boolean {
  return node.kind !== 'message' && node.kind !== 'loadMore' && kindOf(node).children === 'withParent';
}

export function searchableTexts(node: TreeNode): readonly (string | null | undefined)[] {
  return node.kind === 'message' || node.kind === 'loadMore' ? [] : kindOf(node).searchable(node);
}

/** The values a node offers to copy, the one shown as its label first. */
export function copyableValues(node: TreeNode): CopyableValue[] {
  const pairs: [string, string | null | undefined][] = node.kind === 'message' ? [['Message', node.detail ?? node.text]] : node.kind === 'loadMore' ? [] : kindOf(node).copyable(node);
  return pairs.filter((pair): pair is [string, string] => Boolean(pair[1])).map(([label, value]) => ({ label, value }));
}

/** The children of `node` (undefined: the view's top level), read through the account's cache. */
export async function loadChildren(view: ViewName, node: ExplorerNode | undefined, account: AccountService, options: ReadOptions): Promise<Loaded> {
  if (!node) return view === 'licenses' ? { items: FAMILY_ORDER.map((family) => ({ kind: 'family', family })) } : view === 'servers' ? loadHosts(account, options) : load.loadGroups(account, options);
  const children = kindOf(node).children;
  return typeof children === 'function' ? children(node, account, options) : { items: [] };
}

/** What an empty list says. */
export function emptyText(node: ExplorerNode | undefined, view: ViewName): string {
  if (!node) return view === 'groups' ? 'No server groups' : view === 'servers' ? 'No servers' : 'Nothing to show';
  const empty = kindOf(node).empty;
  return (typeof empty === 'function' ? empty(node) : empty) ?? 'Nothing to show';
}

/** The family a cache tag belongs to (a change invalidated it). */
export function familyOfTag(tag: CacheTag): Family | undefined {
  return FAMILY_ORDER.find((family) => FAMILIES[family].tag === tag);
}

// ---- Helpers of the entries above.

const IMUNIFY_IP_TYPE_SET = new Set(IMUNIFY_IP_TYPES);

function countText(counts: { total: number; matching: number }, noun: string): string {
  return counts.matching === counts.total ? plural(counts.total, noun) : `${counts.matching.toLocaleString('en-US')} of ${plural(counts.total, noun)}`;
}

function container(label: string, icon: string, title: string, context: LookContext, noun: string): Look {
  return { label, description: [context.counts && countText(context.counts, noun)], icon, expandable: true, title, fields: [] };
}

function productServerLook(node: NodeOf<'kcareServer' | 'imServer'>, title: string, extra: Field[], context: LookContext): Look {
  const { server } = node;
  const id = serverIdOf(node);
  const checkin = checkinOf(server.lastCheckin, context);
  return {
    label: server.ip ?? `Server ${shortKey(id)}`,
    description: [checkin.marker],
    icon: 'server',
    title: `${title} ${server.ip ?? id}`,
    fields: [['IP', server.ip], ['Server id', id], ['Key', server.key], ...extra, ['Last check-in', server.lastCheckin ?? 'never']],
    warn: checkin.warn,
  };
}

const CHECKED_STATE = { outOfDate: 'out of date', unsupported: 'unsupported kernel', inactive: 'inactive', other: 'needs attention' } as const;

/** A KernelCare server: its patch level where known, and what the latest check said about it. */
function kcareServerLook(node: NodeOf<'kcareServer'>, context: LookContext): Look {
  const { patch } = node;
  const extra: Field[] = [['Registered', node.server.created]];
  if (patch) extra.push(['Kernel', patch.kernelId], ['Patch level', patch.patchLevel], ['Host', patch.host]);
  const look = productServerLook(node, 'KernelCare server', extra, context);
  const check = context.kcareCheck?.(node.server);
  const patchText = patch?.patchLevel != null ? `patch level ${patch.patchLevel}` : undefined;
  if (!check) return { ...look, description: [...look.description, patchText] };
  const state = CHECKED_STATE[check.state];
  return {
    ...look,
    description: [`⚠ ${state}`, ...look.description, patchText],
    fields: [...look.fields, ['KernelCare check', `${check.label} (${check.checkedAt.toLocaleTimeString()})`]],
    warn: `${state[0].toUpperCase()}${state.slice(1)}: the KernelCare check at ${check.checkedAt.toLocaleTimeString()} said "${check.label}".${look.warn ? ` ${look.warn}` : ''}`,
  };
}

/** A row's check-in status: "⚠ silent 13 d", "⚠ never checked in", "seen 2 d ago". */
function checkinOf(lastCheckin: Date | null, context: LookContext): { marker: string; warn?: string } {
  const state = checkinState(lastCheckin, context.staleDays, context.now);
  if (state === 'never') return { marker: '⚠ never checked in', warn: 'This server has never checked in.' };
  const age = shortAge(lastCheckin!, context.now);
  if (state === 'stale') return { marker: `⚠ silent ${age}`, warn: `Stale: no check-in for more than ${plural(context.staleDays, 'day')} (cln.staleCheckinDays).` };
  return { marker: age === 'today' ? 'seen today' : `seen ${age} ago` };
}

function overLimitWarning(servers: number | null | undefined, limit: number): string | undefined {
  return overLimit(servers, limit) ? `Over its limit: ${plural(servers!, 'server')} on a key for ${limit.toLocaleString('en-US')}.` : undefined;
}

function limitText(limit: number): string {
  return limit === 0 ? 'unlimited' : limit.toLocaleString('en-US');
}

/** Server Groups name products in capitals (KERNELCARE, IMUNIFY); rows say them as products are named. */
const SERVER_TYPE_NAMES: Record<string, string> = { KERNELCARE: 'KernelCare', IMUNIFY: 'Imunify', IMUNIFY360: 'Imunify360', CLOUDLINUX: 'CloudLinux OS', ELS: 'ELS' };

export function productOfServerType(type: string | null): string | null {
  if (!type) return null;
  return SERVER_TYPE_NAMES[type.toUpperCase()] ?? type.charAt(0).toUpperCase() + type.slice(1).toLowerCase();
}

function withAddress(id: string, address: string | null): string {
  return address && address !== id ? `${id} (${address})` : id;
}
