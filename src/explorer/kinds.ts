/**
 * One entry per node kind: everything the explorer knows about a kind, in
 * the style of `cln/endpoints.ts`. The mapped type makes the compiler reject
 * a kind without an entry (or an entry missing a field). The VS Code adapter
 * (`features/tree/treeItems.ts`) turns `look` into a TreeItem; the filter, Copy,
 * `when` clauses, the tree model and the commands' wording all read here.
 * No `vscode` here.
 *
 * Adding a kind: add it to `ExplorerNode` in `nodes.ts`, give it an entry
 * below and, if it has children, name their source (`children`) and give
 * that source a loader in `loaders.ts` (docs/ARCHITECTURE.md walks through an
 * example). This table only describes; every read is in `loaders.ts`.
 */
import * as l10n from '@vscode/l10n';
import { ELS_CODES, IMUNIFY_CODES, IMUNIFY_IP_TYPES, ipTypeName, isKnownIpType, nameOf } from '../cln/catalog';
import type { CacheTag } from '../cln/endpoints';
import { keyId } from '../cln/keyPrint';
import type { KcareServer } from '../cln/types';
import type { ServerCheck } from '../services/kcareChecks';
import { effectiveForKey, effectiveNote, effectiveText, type Effective, type Setting } from '../services/addons';
import { checkinState } from './checkin';
import { hostSummary } from './hosts';
import type { ExplorerNode, Family, NodeKind, NodeOf, TreeNode, ViewName } from './nodes';
import { serverIdOf } from './nodes';
import { ageDays, keyLabel, overLimit, plural, serverCount, shortAge, shortKey, usageText } from './wording';

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
  /** The account's Imunify Email setting once read (API v2); Imunify key and server rows then say what applies to them. */
  accountEmail?: () => Setting | 'unread';
  /** How many of a key's (or group's) loaded servers have gone silent (stale, or never checked in). */
  silent?: number;
  /** "Problems only": how many keys under a folder are not checked yet (their row says so, and so does the folder). */
  unchecked?: number;
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
  /** What Copy calls the value, translated. */
  label: string;
  /** Names the Copy submenu's entry (`copy-<slug>` in contextValue, matched by package.json): from the English label, in every language. */
  slug: string;
  value: string;
}

/** The copyable labels (English in the `copyable` entries, since they name menu entries), as a user reads them. */
function copyLabel(label: string): string {
  switch (label) {
    case 'IP':
      return l10n.t('IP');
    case 'Hostname':
      return l10n.t('Hostname');
    case 'Server':
      return l10n.t('Server');
    case 'Key':
      return l10n.t('Key');
    case 'Note':
      return l10n.t('Note');
    case 'Server id':
      return l10n.t('Server id');
    case 'Backup id':
      return l10n.t('Backup id');
    case 'Group name':
      return l10n.t('Group name');
    case 'Message':
      return l10n.t('Message');
    default:
      return label;
  }
}

/** The reads that bring a node's children; `loaders.ts` has one loader for each. */
export type ChildSource = 'family' | 'keyServers' | 'kcareKeyServers' | 'groupServers' | 'clKeyServers';

export interface KindSpec<N extends ExplorerNode> {
  /**
   * The part of the node's tree id that tells it apart from its siblings. VS Code may keep ids
   * with a view's state, so a key is named by its keyId (a hash), never by the key string.
   */
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
   * Where the children come from: a source `loaders.ts` reads (`CHILD_LOADERS`), 'withParent' (the
   * parent's request brings them, so refreshing the node refreshes the parent, and its description
   * counts them), or 'none' (a leaf).
   */
  children: ChildSource | 'withParent' | 'none';
  /** What an empty list of children says. */
  empty?: string | ((node: N) => string);
}

/** One entry per product family (the top level of the Licenses view). */
export interface FamilySpec {
  name: string;
  icon: string;
  /** What its description counts: "2,897 licenses", "1 key". */
  count: (n: number) => string;
  empty: string;
  /** The cache tag whose invalidation reloads the family. */
  tag: CacheTag;
  /** A product CloudLinux has retired: said beside the name and in the tooltip; the family is listed only while the account holds some. */
  retired?: { readonly label: string; readonly detail: string };
}

export const FAMILIES: { readonly [F in Family]: FamilySpec } = {
  // Text is read through getters, so it is translated when shown (after activation configured l10n), not when this module loads.
  ip: {
    get name() {
      return l10n.t('IP Licenses');
    },
    icon: 'globe',
    count: (n) => plural(n, l10n.t('{0} license'), l10n.t('{0} licenses')),
    get empty() {
      return l10n.t('No IP licenses');
    },
    tag: 'ipl',
  },
  cl: {
    name: 'CloudLinux OS',
    icon: 'vm',
    count: keyCount,
    get empty() {
      return l10n.t('No CloudLinux OS keys');
    },
    tag: 'cl',
  },
  clSub: {
    get name() {
      return l10n.t('Sub-account Servers');
    },
    icon: 'organization',
    count: serverCount,
    get empty() {
      return l10n.t('No servers in sub-accounts');
    },
    tag: 'cl',
  },
  kcare: {
    name: 'KernelCare',
    icon: 'server-process',
    count: keyCount,
    get empty() {
      return l10n.t('No KernelCare keys');
    },
    tag: 'kcare',
  },
  im: {
    name: 'Imunify',
    icon: 'shield',
    count: keyCount,
    get empty() {
      return l10n.t('No Imunify keys');
    },
    tag: 'im',
  },
  els: {
    name: 'ELS',
    icon: 'history',
    count: keyCount,
    get empty() {
      return l10n.t('No ELS keys');
    },
    tag: 'els',
  },
  backups: {
    get name() {
      return l10n.t('Backups');
    },
    icon: 'archive',
    count: (n) => plural(n, l10n.t('{0} backup'), l10n.t('{0} backups')),
    get empty() {
      return l10n.t('No backups');
    },
    tag: 'ab',
    retired: {
      get label() {
        return l10n.t('retired');
      },
      get detail() {
        return l10n.t('CloudLinux Backup reached its end of life on 1 October 2023: new backups cannot be created; what is left can be removed.');
      },
    },
  },
};

/** The families in the order the Licenses view shows them. */
export const FAMILY_ORDER = Object.keys(FAMILIES) as Family[];

export const FAMILY_NAMES = Object.fromEntries(FAMILY_ORDER.map((family) => [family, FAMILIES[family].name])) as Record<Family, string>;

export const NODE_KINDS: { readonly [K in NodeKind]: KindSpec<NodeOf<K>> } = {
  family: {
    key: (node) => node.family,
    look: (node, context) => familyLook(FAMILIES[node.family], context),
    describe: (node) => l10n.t('the {0} folder', FAMILIES[node.family].name),
    searchable: () => [],
    copyable: () => [],
    capabilities: (node) => [`family-${node.family}`],
    children: 'family',
    empty: (node) => FAMILIES[node.family].empty,
  },
  host: {
    key: (node) => node.host.ip ?? node.host.hostname ?? 'server',
    look: ({ host }, context) => {
      const summary = hostSummary(host, context.staleDays, context.now);
      return {
        label: host.ip ?? host.hostname ?? l10n.t('Server without IP or hostname'),
        description: [host.ip && host.hostname, summary.products, summary.checkin],
        icon: 'server',
        expandable: true,
        title: `Server ${host.ip ?? host.hostname ?? ''}`.trim(),
        fields: [[l10n.t('IP'), host.ip], [l10n.t('Hostname'), host.hostname], ...summary.fields],
        warn: summary.warn,
      };
    },
    describe: (node) => l10n.t('server {0}', node.host.ip ?? node.host.hostname ?? ''),
    searchable: (node) => [node.host.ip, node.host.hostname],
    copyable: (node) => [
      ['IP', node.host.ip],
      ['Hostname', node.host.hostname],
    ],
    capabilities: () => ['copyable'],
    children: 'withParent',
    get empty() {
      return l10n.t('Nothing registered for this server');
    },
  },
  ipType: {
    key: (node) => `type-${node.type}`,
    look: (node, context) => container(ipTypeName(node.type), 'tag', l10n.t('Type {0}', node.type), context, (n) => plural(n, l10n.t('{0} license'), l10n.t('{0} licenses'))),
    describe: (node) => l10n.t('the {0} folder', ipTypeName(node.type)),
    searchable: () => [],
    copyable: () => [],
    capabilities: () => [],
    children: 'withParent',
    get empty() {
      return l10n.t('No licenses of this type');
    },
  },
  elsCode: {
    key: (node) => node.code,
    look: (node, context) => container(nameOf(ELS_CODES, node.code) ?? (node.code || l10n.t('Unknown product')), 'package', node.code, context, keyCount),
    describe: (node) => l10n.t('the ELS {0} folder', node.code),
    searchable: () => [],
    copyable: () => [],
    capabilities: () => [],
    children: 'withParent',
    get empty() {
      return l10n.t('No keys for this product');
    },
  },
  ipLicense: {
    key: (node) => `${node.license.ip}#${node.license.type}`,
    look: ({ license, info }, context) => {
      const checkin = info && license.registered ? checkinOf(info.lastCheckin, context) : undefined;
      return {
        label: license.ip,
        // CLN's `registered` says whether a server has registered with the license (uses it), not whether the license exists.
        description: [license.registered ? (checkin?.marker ?? l10n.t('in use')) : l10n.t('⚠ no server yet')],
        icon: license.registered ? 'vm-active' : 'vm-outline',
        title: l10n.t('{0} license {1}', ipTypeName(license.type), license.ip),
        fields: [
          [l10n.t('IP'), license.ip],
          [l10n.t('Product'), ipTypeName(license.type)],
          [l10n.t('Type code'), String(license.type)],
          [l10n.t('A server registered with it'), license.registered],
          [l10n.t('Created'), license.created],
          [l10n.t('Server'), info ? (info.serverInfo ?? l10n.t('none reported')) : l10n.t('details not loaded')],
          [l10n.t('Last check-in'), info ? (info.lastCheckin ?? 'never') : undefined],
        ],
        warn: checkin?.warn,
      };
    },
    describe: (node) => `${node.license.ip} (${ipTypeName(node.license.type)})`,
    searchable: (node) => [node.license.ip, node.info?.serverInfo, ipTypeName(node.license.type)],
    copyable: (node) => [
      ['IP', node.license.ip],
      ['Server', node.info?.serverInfo],
    ],
    // Convertible: Imunify types, and types the catalog does not know (CLN decides). Updatable (allow CL6 ELS): CloudLinux OS types and unknown ones.
    capabilities: (node) => [
      'removable',
      ...(ipTypeName(node.license.type).startsWith('CloudLinux') || !isKnownIpType(node.license.type) ? ['updatable'] : []),
      'copyable',
      ...(IMUNIFY_IP_TYPE_SET.has(node.license.type) || !isKnownIpType(node.license.type) ? ['convertible'] : []),
    ],
    children: 'none',
  },
  kcareKey: {
    key: (node) => keyId(node.key.key),
    look: ({ key }, context) => {
      const servers = context.counts?.total;
      return {
        label: keyLabel(key.note, 'KernelCare', key.key),
        description: [usageText(servers, key.limit), silentText(context.silent), !key.enabled && l10n.t('disabled')],
        icon: 'key',
        dimmed: !key.enabled,
        expandable: true,
        title: l10n.t('KernelCare key {0}', key.key),
        fields: [
          [l10n.t('Key'), key.key],
          [l10n.t('Note'), key.note],
          [l10n.t('Servers'), servers],
          [l10n.t('Server limit'), limitText(key.limit)],
          [l10n.t('Enabled'), key.enabled],
          [l10n.t('Created'), key.created],
        ],
        warn: overLimitWarning(servers, key.limit),
      };
    },
    describe: (node) => l10n.t('KernelCare key {0}', node.key.key),
    searchable: (node) => [node.key.key, node.key.note],
    copyable: (node) => [
      ['Key', node.key.key],
      ['Note', node.key.note],
    ],
    capabilities: () => ['removable', 'copyable', 'cidr', 'health'],
    children: 'kcareKeyServers',
    get empty() {
      return l10n.t('No servers on this key');
    },
  },
  imKey: {
    key: (node) => keyId(node.key.key),
    look: ({ key }, context) => {
      const product = nameOf(IMUNIFY_CODES, key.code) ?? (key.code || 'Imunify');
      const servers = context.counts?.total ?? key.servers;
      return {
        label: keyLabel(key.note, product, key.key),
        description: [usageText(servers, key.limit), silentText(context.silent), key.note && product, emailOn(key.code, context)],
        icon: 'key',
        expandable: true,
        title: l10n.t('{0} key {1}', product, key.key),
        fields: [
          [l10n.t('Key'), key.key],
          [l10n.t('Note'), key.note],
          [l10n.t('Product'), key.code ? `${product} (${key.code})` : product],
          [l10n.t('Servers'), servers],
          [l10n.t('Server limit'), limitText(key.limit)],
          ...emailFields(key.code, context),
        ],
        warn: overLimitWarning(servers, key.limit),
      };
    },
    describe: (node) => l10n.t('Imunify key {0}', node.key.key),
    searchable: (node) => [node.key.key, node.key.note, nameOf(IMUNIFY_CODES, node.key.code)],
    copyable: (node) => [
      ['Key', node.key.key],
      ['Note', node.key.note],
    ],
    capabilities: () => ['removable', 'updatable', 'copyable'],
    children: 'keyServers',
    get empty() {
      return l10n.t('No servers on this key');
    },
  },
  elsKey: {
    key: (node) => keyId(node.key.key),
    look: ({ key }, context) => {
      const product = nameOf(ELS_CODES, key.code) ?? (key.code || 'ELS');
      const servers = context.counts?.total;
      return {
        label: keyLabel(key.note, product, key.key),
        description: [usageText(servers, key.limit)],
        icon: 'key',
        expandable: true,
        title: l10n.t('{0} key {1}', product, key.key),
        fields: [
          [l10n.t('Key'), key.key],
          [l10n.t('Note'), key.note],
          [l10n.t('Product'), key.code ? `${product} (${key.code})` : product],
          [l10n.t('Servers'), servers],
          [l10n.t('Server limit'), limitText(key.limit)],
        ],
        warn: overLimitWarning(servers, key.limit),
      };
    },
    describe: (node) => l10n.t('ELS key {0}', node.key.key),
    searchable: (node) => [node.key.key, node.key.note],
    copyable: (node) => [
      ['Key', node.key.key],
      ['Note', node.key.note],
    ],
    capabilities: () => ['removable', 'updatable', 'copyable'],
    children: 'keyServers',
    get empty() {
      return l10n.t('No servers on this key');
    },
  },
  kcareServer: {
    key: (node) => serverIdOf(node),
    look: (node, context) => kcareServerLook(node, context),
    describe: (node) => l10n.t('KernelCare server {0}', withAddress(node.server.serverId, node.server.ip)),
    searchable: (node) => [node.server.serverId, node.server.ip, node.server.key],
    copyable: (node) => [
      ['IP', node.server.ip],
      ['Server id', node.server.serverId],
      ['Key', node.server.key],
    ],
    capabilities: () => ['removable', 'copyable', 'groupable'],
    children: 'none',
  },
  imServer: {
    key: (node) => serverIdOf(node),
    look: (node, context) => withEmail(productServerLook(node, l10n.t('Imunify server'), [], context), context),
    describe: (node) => l10n.t('Imunify server {0}', withAddress(node.server.id, node.server.ip)),
    searchable: (node) => [node.server.id, node.server.ip, node.server.key],
    copyable: (node) => [
      ['IP', node.server.ip],
      ['Server id', node.server.id],
      ['Key', node.server.key],
    ],
    capabilities: () => ['removable', 'copyable', 'groupable', 'movable', 'backupable'],
    children: 'none',
  },
  elsServer: {
    key: (node) => serverIdOf(node),
    look: ({ server }) => ({
      label: server.hostname ?? server.ip ?? l10n.t('Server {0}', shortKey(server.id)),
      description: [server.hostname && server.ip],
      icon: 'server',
      title: l10n.t('ELS server {0}', server.hostname ?? server.ip ?? server.id),
      fields: [
        [l10n.t('Hostname'), server.hostname],
        [l10n.t('IP'), server.ip],
        [l10n.t('Server id'), server.id],
        [l10n.t('Key'), server.key],
      ],
    }),
    describe: (node) => l10n.t('ELS server {0}', withAddress(node.server.id, node.server.hostname ?? node.server.ip)),
    searchable: (node) => [node.server.id, node.server.ip, node.server.hostname, node.server.key],
    copyable: (node) => [
      ['Hostname', node.server.hostname],
      ['IP', node.server.ip],
      ['Server id', node.server.id],
      ['Key', node.server.key],
    ],
    capabilities: () => ['removable', 'copyable'],
    children: 'none',
  },
  backup: {
    key: (node) => String(node.backup.backupId),
    look: ({ backup }) => ({
      label: l10n.t('Backup {0}', backup.backupId),
      description: [l10n.t('{0} GB', backup.size), backup.datacenter, l10n.t('server {0}', shortKey(backup.serverId))],
      icon: 'database',
      title: l10n.t('Backup {0}', backup.backupId),
      fields: [
        [l10n.t('Backup id'), backup.backupId],
        [l10n.t('Size'), `${backup.size} GB`],
        [l10n.t('Datacenter'), backup.datacenter],
        [l10n.t('Server id'), backup.serverId],
      ],
    }),
    describe: (node) => l10n.t('backup #{0} ({1} GB, server {2})', node.backup.backupId, node.backup.size, node.backup.serverId),
    searchable: (node) => [node.backup.serverId, String(node.backup.backupId)],
    copyable: (node) => [
      ['Backup id', String(node.backup.backupId)],
      ['Server id', node.backup.serverId],
    ],
    capabilities: () => ['removable', 'resizable', 'copyable'],
    children: 'none',
  },
  group: {
    key: (node) => node.group.name,
    look: ({ group }, context) => {
      const counts = context.counts;
      return {
        label: group.name,
        description: [counts && countText(counts, serverCount), group.description],
        icon: 'server-environment',
        expandable: true,
        title: l10n.t('Server group "{0}"', group.name),
        fields: [
          [l10n.t('Name'), group.name],
          [l10n.t('Description'), group.description],
          [l10n.t('Servers'), counts?.total],
        ],
      };
    },
    describe: (node) => l10n.t('group "{0}"', node.group.name),
    searchable: (node) => [node.group.name, node.group.description],
    copyable: (node) => [['Group name', node.group.name]],
    capabilities: () => ['addable', 'copyable'],
    children: 'groupServers',
    get empty() {
      return l10n.t('No servers in this group');
    },
  },
  groupServer: {
    key: (node) => serverIdOf(node),
    look: ({ server, groupName }) => ({
      label: server.hostname ?? server.ip ?? l10n.t('Server {0}', shortKey(server.id)),
      description: [server.hostname && server.ip, productOfServerType(server.type)],
      icon: 'server',
      title: l10n.t('Server {0} in group "{1}"', server.hostname ?? server.ip ?? server.id, groupName),
      fields: [
        [l10n.t('Hostname'), server.hostname],
        [l10n.t('IP'), server.ip],
        [l10n.t('Server id'), server.id],
        [l10n.t('Product'), productOfServerType(server.type)],
        [l10n.t('Group'), groupName],
      ],
    }),
    describe: (node) => l10n.t('server {0} in group "{1}"', withAddress(node.server.id, node.server.hostname ?? node.server.ip), node.groupName),
    searchable: (node) => [node.server.id, node.server.ip, node.server.hostname],
    copyable: (node) => [
      ['Hostname', node.server.hostname],
      ['IP', node.server.ip],
      ['Server id', node.server.id],
    ],
    capabilities: () => ['ungroupable', 'copyable'],
    children: 'none',
  },

  // ---- CloudLinux OS (API v2): keys by product, their servers, the sub-accounts' servers ----
  clProduct: {
    key: (node) => node.product,
    look: (node, context) => container(clProductName(node.product), 'package', node.product, context, keyCount),
    describe: (node) => l10n.t('the {0} folder', clProductName(node.product)),
    searchable: () => [],
    copyable: () => [],
    capabilities: () => [],
    children: 'withParent',
    get empty() {
      return l10n.t('No keys for this product');
    },
  },
  clKey: {
    key: (node) => keyId(node.key.key),
    look: ({ key }, context) => {
      const product = clProductName(key.product);
      const servers = context.counts?.total;
      return {
        label: keyLabel(key.note, product, key.key),
        description: [usageText(servers, key.limit), key.note && product],
        icon: 'key',
        expandable: true,
        title: l10n.t('{0} key {1}', product, key.key),
        fields: [
          [l10n.t('Key'), key.key],
          [l10n.t('Note'), key.note],
          [l10n.t('Product'), `${product} (${key.product})`],
          [l10n.t('Servers'), servers],
          [l10n.t('Server limit'), limitText(key.limit)],
        ],
        warn: overLimitWarning(servers, key.limit),
      };
    },
    describe: (node) => l10n.t('{0} key {1}', clProductName(node.key.product), node.key.key),
    searchable: (node) => [node.key.key, node.key.note, clProductName(node.key.product)],
    copyable: (node) => [
      ['Key', node.key.key],
      ['Note', node.key.note],
    ],
    capabilities: () => ['removable', 'updatable', 'copyable'],
    children: 'clKeyServers',
    get empty() {
      return l10n.t('No servers on this key');
    },
  },
  clServer: {
    key: (node) => String(node.server.id),
    look: ({ server, product }) => ({
      label: server.hostname ?? server.ip ?? l10n.t('Server {0}', server.id),
      // API v2 reports no check-in for these servers: said plainly, never shown as "never checked in".
      description: [server.hostname && server.ip, l10n.t('no check-in reported')],
      icon: 'server',
      title: l10n.t('{0} server {1}', clProductName(product), server.hostname ?? server.ip ?? server.id),
      fields: [
        [l10n.t('Hostname'), server.hostname],
        [l10n.t('IP'), server.ip],
        [l10n.t('Server id'), String(server.id)],
        [l10n.t('Key'), server.key],
        [l10n.t('Last check-in'), l10n.t('not reported by CLN API v2')],
      ],
    }),
    describe: (node) => l10n.t('{0} server {1}', clProductName(node.product), withAddress(String(node.server.id), node.server.hostname ?? node.server.ip)),
    searchable: (node) => [String(node.server.id), node.server.ip, node.server.hostname, node.server.key],
    copyable: (node) => [
      ['Hostname', node.server.hostname],
      ['IP', node.server.ip],
      ['Server id', String(node.server.id)],
      ['Key', node.server.key],
    ],
    capabilities: () => ['removable', 'copyable'],
    children: 'none',
  },
  clSubAccount: {
    key: (node) => node.login,
    look: (node, context) => ({ ...container(node.login, 'account', l10n.t('Sub-account {0}', node.login), context, serverCount), fields: [[l10n.t('E-mail'), node.email]] }),
    describe: (node) => l10n.t('sub-account {0}', node.login),
    searchable: (node) => [node.login, node.email],
    copyable: () => [],
    capabilities: () => [],
    children: 'withParent',
    get empty() {
      return l10n.t('No servers in this sub-account');
    },
  },
  clSubServer: {
    key: (node) => String(node.server.id),
    look: ({ server }) => ({
      label: server.ip ?? l10n.t('Server {0}', server.id),
      description: [server.version && l10n.t('CloudLinux OS {0}', server.version), server.login, server.email],
      icon: 'server',
      title: l10n.t('Server {0} of sub-account {1}', server.ip ?? server.id, server.login),
      fields: [
        [l10n.t('IP'), server.ip],
        [l10n.t('Server id'), String(server.id)],
        [l10n.t('Sub-account'), server.login],
        [l10n.t('E-mail'), server.email],
        [l10n.t('Version'), server.version],
        [l10n.t('Key'), server.key],
        [l10n.t('Last check-in'), l10n.t('not reported by CLN API v2')],
      ],
    }),
    describe: (node) => l10n.t('server {0} of sub-account {1}', withAddress(String(node.server.id), node.server.ip), node.server.login),
    searchable: (node) => [String(node.server.id), node.server.ip, node.server.login, node.server.email, node.server.key],
    copyable: (node) => [
      ['IP', node.server.ip],
      ['Server id', String(node.server.id)],
      ['Key', node.server.key],
    ],
    capabilities: () => ['copyable'],
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
  // With a filter, a container whose children are loaded says how many match ("3 of 72"); families,
  // groups and derived containers say it in their own words already ("5 of 41 keys"), once.
  const counts = context.counts;
  const countsOwn = node.kind === 'family' || node.kind === 'group' || isDerived(node);
  if (context.filtered && counts && counts.matching !== counts.total && !countsOwn) look.description.push(`${counts.matching} of ${counts.total}`);
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
  return [node.kind, ...capabilitiesOf(node), ...copyableValues(node).map((value) => `copy-${value.slug}`)].join(' ');
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
  const children = kindOf(node).children;
  return children !== 'withParent' && children !== 'none';
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
  return pairs.filter((pair): pair is [string, string] => Boolean(pair[1])).map(([label, value]) => ({ label: copyLabel(label), slug: copySlug(label), value }));
}

/** What an empty list says. */
export function emptyText(node: ExplorerNode | undefined, view: ViewName): string {
  if (!node) return view === 'groups' ? l10n.t('No server groups') : view === 'servers' ? l10n.t('No servers') : l10n.t('Nothing to show');
  const empty = kindOf(node).empty;
  return (typeof empty === 'function' ? empty(node) : empty) ?? l10n.t('Nothing to show');
}

/** The family a cache tag belongs to (a change invalidated it). */
export function familyOfTag(tag: CacheTag): Family | undefined {
  return FAMILY_ORDER.find((family) => FAMILIES[family].tag === tag);
}

// ---- Helpers of the entries above.

/** The CloudLinux OS products of API v2 by code, as the dashboard names them; an unknown code as it is. */
export function clProductName(product: string): string {
  switch (product.toUpperCase()) {
    case 'CL':
      return l10n.t('CloudLinux OS Legacy');
    case 'CLP':
      return l10n.t('CloudLinux OS Shared Pro');
    case 'CLS':
      return l10n.t('CloudLinux OS Solo');
    case 'CLADMIN':
      return l10n.t('CloudLinux OS Admin');
    default:
      return product || l10n.t('Unknown product');
  }
}

const IMUNIFY_IP_TYPE_SET = new Set(IMUNIFY_IP_TYPES);

/** "4 silent": servers of a key or group that stopped checking in (or never did); nothing when none. */
function silentText(silent: number | undefined): string | undefined {
  return silent ? l10n.t('{0} silent', silent.toLocaleString('en-US')) : undefined;
}

function keyCount(n: number): string {
  return plural(n, l10n.t('{0} key'), l10n.t('{0} keys'));
}

function countText(counts: { total: number; matching: number }, count: (n: number) => string): string {
  return counts.matching === counts.total ? count(counts.total) : l10n.t('{0} of {1}', counts.matching.toLocaleString('en-US'), count(counts.total));
}

function familyLook(spec: FamilySpec, context: LookContext): Look {
  const look = container(spec.name, spec.icon, spec.name, context, spec.count);
  if (!spec.retired) return look;
  return { ...look, description: [spec.retired.label, ...look.description], dimmed: true, fields: [[l10n.t('Retired'), spec.retired.detail]] };
}

function container(label: string, icon: string, title: string, context: LookContext, count: (n: number) => string): Look {
  const unchecked = context.unchecked ? l10n.t('{0} not checked', context.unchecked.toLocaleString('en-US')) : undefined;
  return { label, description: [context.counts && countText(context.counts, count), unchecked], icon, expandable: true, title, fields: [] };
}

function productServerLook(node: NodeOf<'kcareServer' | 'imServer'>, title: string, extra: Field[], context: LookContext): Look {
  const { server } = node;
  const id = serverIdOf(node);
  const checkin = checkinOf(server.lastCheckin, context);
  return {
    label: server.ip ?? l10n.t('Server {0}', shortKey(id)),
    description: [checkin.marker],
    icon: 'server',
    title: `${title} ${server.ip ?? id}`,
    fields: [[l10n.t('IP'), server.ip], [l10n.t('Server id'), id], [l10n.t('Key'), server.key], ...extra, [l10n.t('Last check-in'), server.lastCheckin ?? 'never']],
    warn: checkin.warn,
  };
}

/** What applies to an Imunify key's servers, from the account's setting (key and server settings are not shown by the API); undefined until read. */
function emailOf(code: string | undefined, context: LookContext): Effective | undefined {
  const account = context.accountEmail?.();
  return account === undefined || account === 'unread' ? undefined : effectiveForKey(code ?? '', account, undefined);
}

function emailFields(code: string | undefined, context: LookContext): Field[] {
  const effective = emailOf(code, context);
  return effective ? [[l10n.t('Add-ons'), `${effectiveText(effective)}. ${effectiveNote()}`]] : [];
}

/** "Imunify Email on" in a row's description when it is on (it is billed). */
function emailOn(code: string | undefined, context: LookContext): string | undefined {
  const effective = emailOf(code, context);
  return effective?.kind === 'decided' && effective.on ? l10n.t('Imunify Email on') : undefined;
}

/** An Imunify server's row: its key's product is not on the row, so the tooltip says what applies to an Imunify360 server. */
function withEmail(look: Look, context: LookContext): Look {
  const effective = emailOf(undefined, context);
  if (!effective) return look;
  return { ...look, fields: [...look.fields, [l10n.t('Add-ons'), l10n.t('{0} (on an Imunify360 key; ImunifyAV+ does not take it). {1}', effectiveText(effective), effectiveNote())]] };
}

const checkedState = (state: 'outOfDate' | 'unsupported' | 'inactive' | 'other'): string =>
  ({ outOfDate: l10n.t('out of date'), unsupported: l10n.t('unsupported kernel'), inactive: l10n.t('inactive'), other: l10n.t('needs attention') })[state];

/** A KernelCare server: its patch level where known, and what the latest check said about it. */
function kcareServerLook(node: NodeOf<'kcareServer'>, context: LookContext): Look {
  const { patch } = node;
  const extra: Field[] = [['Registered', node.server.created]];
  if (patch) extra.push(['Kernel', patch.kernelId], [l10n.t('Patch level'), patch.patchLevel], ['Host', patch.host]);
  const look = productServerLook(node, l10n.t('KernelCare server'), extra, context);
  const check = context.kcareCheck?.(node.server);
  const patchText = patch?.patchLevel != null ? l10n.t('patch level {0}', patch.patchLevel) : undefined;
  if (!check) return { ...look, description: [...look.description, patchText] };
  const state = checkedState(check.state);
  return {
    ...look,
    description: [`⚠ ${state}`, ...look.description, patchText],
    fields: [...look.fields, [l10n.t('KernelCare check'), `${check.label} (${check.checkedAt.toLocaleTimeString()})`]],
    warn: [l10n.t('{0}: the KernelCare check at {1} said "{2}".', `${state[0].toUpperCase()}${state.slice(1)}`, check.checkedAt.toLocaleTimeString(), check.label), look.warn]
      .filter(Boolean)
      .join(' '),
  };
}

/** A row's check-in status: "⚠ silent 13 d", "⚠ never checked in", "seen 2 d ago". */
function checkinOf(lastCheckin: Date | null, context: LookContext): { marker: string; warn?: string } {
  const state = checkinState(lastCheckin, context.staleDays, context.now);
  if (state === 'never') return { marker: `⚠ ${l10n.t('never checked in')}`, warn: l10n.t('This server has never checked in.') };
  const age = shortAge(lastCheckin!, context.now);
  if (state === 'stale') {
    const warn =
      context.staleDays === 1
        ? l10n.t('Stale: no check-in for more than {0} day (cln.staleCheckinDays).', context.staleDays)
        : l10n.t('Stale: no check-in for more than {0} days (cln.staleCheckinDays).', context.staleDays.toLocaleString('en-US'));
    return { marker: `⚠ ${l10n.t('silent {0}', age)}`, warn };
  }
  return { marker: ageDays(lastCheckin!, context.now) === 0 ? l10n.t('seen today') : l10n.t('seen {0} ago', age) };
}

function overLimitWarning(servers: number | null | undefined, limit: number): string | undefined {
  return overLimit(servers, limit) ? l10n.t('Over its limit: {0} on a key for {1}.', serverCount(servers!), limit.toLocaleString('en-US')) : undefined;
}

function limitText(limit: number): string {
  return limit === 0 ? l10n.t('unlimited') : limit.toLocaleString('en-US');
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
