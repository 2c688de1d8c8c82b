/**
 * The explorer's elements: plain data, shared by the tree providers (which
 * render them) and the commands (which receive the clicked node and the
 * selection). No `vscode` import.
 */
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
