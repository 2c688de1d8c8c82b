/**
 * The explorer's elements: plain data, shared by the tree providers (which
 * render them) and the commands (which receive the clicked node and the
 * selection). No `vscode` import.
 */
import { IMUNIFY_IP_TYPES } from '../cln/catalog';
import type * as T from '../cln/types';

export type Family = 'ip' | 'kcare' | 'im' | 'els' | 'backups';

export type ItemNode =
  | { kind: 'ipLicense'; license: T.IpLicense; info?: T.IpServerInfo }
  | { kind: 'kcareKey'; key: T.KcareKey }
  | { kind: 'kcareServer'; server: T.KcareServer }
  | { kind: 'imKey'; key: T.ImunifyKey }
  | { kind: 'imServer'; server: T.ImunifyServer }
  | { kind: 'elsKey'; key: T.ElsKey }
  | { kind: 'elsServer'; server: T.ElsServer }
  | { kind: 'backup'; backup: T.Backup }
  | { kind: 'group'; group: T.ServerGroup }
  | { kind: 'groupServer'; groupName: string; server: T.GroupServer };

export type ContainerNode =
  | { kind: 'family'; family: Family }
  | { kind: 'ipType'; type: number }
  | { kind: 'elsCode'; code: string };

export type ExplorerNode = ItemNode | ContainerNode;
export type NodeKind = ExplorerNode['kind'];

export function isNodeOfKind<K extends NodeKind>(node: unknown, ...kinds: K[]): node is Extract<ExplorerNode, { kind: K }> {
  return typeof node === 'object' && node !== null && kinds.includes((node as ExplorerNode).kind as K);
}

/** A server of any product, as group and removal commands see it. */
export type ServerNode = Extract<ExplorerNode, { kind: 'kcareServer' | 'imServer' | 'elsServer' | 'groupServer' }>;
export type KeyNode = Extract<ExplorerNode, { kind: 'kcareKey' | 'imKey' | 'elsKey' }>;

export function serverIdOf(node: ServerNode): string {
  return node.kind === 'kcareServer' ? node.server.serverId : node.server.id;
}

/**
 * Capability flags per node, written into `TreeItem.contextValue` as
 * "<kind> flag flag …" and matched in package.json `when` clauses, e.g.
 * `viewItem =~ /^imServer\b/` or `viewItem =~ /\bremovable\b/`.
 */
export function capabilitiesOf(node: ExplorerNode): string[] {
  switch (node.kind) {
    case 'ipLicense':
      return ['removable', 'updatable', 'copyable', ...(IMUNIFY_IP_TYPE_SET.has(node.license.type) ? ['convertible'] : [])];
    case 'kcareKey':
      return ['removable', 'copyable', 'cidr', 'health'];
    case 'kcareServer':
      return ['removable', 'copyable', 'groupable'];
    case 'imKey':
      return ['removable', 'updatable', 'copyable'];
    case 'imServer':
      return ['removable', 'copyable', 'groupable', 'movable', 'backupable'];
    case 'elsKey':
      return ['removable', 'updatable', 'copyable'];
    case 'elsServer':
      return ['removable', 'copyable'];
    case 'backup':
      return ['removable', 'resizable', 'copyable'];
    case 'group':
      return ['addable', 'copyable'];
    case 'groupServer':
      return ['ungroupable', 'copyable'];
    case 'family':
      return [`family-${node.family}`];
    case 'ipType':
    case 'elsCode':
      return [];
  }
}

export function contextValueOf(node: ExplorerNode): string {
  return [node.kind, ...capabilitiesOf(node)].join(' ');
}

const IMUNIFY_IP_TYPE_SET = new Set(IMUNIFY_IP_TYPES);
