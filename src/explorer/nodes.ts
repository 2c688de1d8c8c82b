/**
 * The explorer's vocabulary: the nodes the trees show and the commands act
 * on, as plain data. What each kind looks like, searches, copies and loads is
 * in `kinds.ts`. No `vscode` here.
 */
import type * as T from '../cln/types';

/** `cl`: CloudLinux OS keys (API v2); `clSub`: the servers of the reseller's sub-accounts (API v2). */
export type Family = 'ip' | 'kcare' | 'im' | 'els' | 'backups' | 'cl' | 'clSub';

export type ItemNode =
  | { kind: 'ipLicense'; license: T.IpLicense; info?: T.IpServerInfo }
  | { kind: 'kcareKey'; key: T.KcareKey }
  /** `patch`: kernel and patch level from the undocumented patch-level endpoint, where CLN answered it. */
  | { kind: 'kcareServer'; server: T.KcareServer; patch?: T.KcarePatchLevel }
  | { kind: 'imKey'; key: T.ImunifyKey }
  | { kind: 'imServer'; server: T.ImunifyServer }
  | { kind: 'elsKey'; key: T.ElsKey }
  | { kind: 'elsServer'; server: T.ElsServer }
  | { kind: 'backup'; backup: T.Backup }
  | { kind: 'group'; group: T.ServerGroup }
  | { kind: 'groupServer'; groupName: string; server: T.GroupServer }
  /** CloudLinux OS (API v2): a key, a server registered with one (its product, which the list was read by), a sub-account's server. */
  | { kind: 'clKey'; key: T.ClKey }
  | { kind: 'clServer'; server: T.ClServer; product: string }
  | { kind: 'clSubServer'; server: T.ClSubAccountServer };

/**
 * One server across products (the All Servers view), keyed by IP, or by
 * hostname where CLN gives one and no IP: every IP license, key registration
 * and server group it appears in.
 */
export interface Host {
  ip: string | null;
  hostname: string | null;
  items: ItemNode[];
}

export type ContainerNode =
  | { kind: 'family'; family: Family }
  | { kind: 'host'; host: Host }
  | { kind: 'ipType'; type: number }
  | { kind: 'elsCode'; code: string }
  /** CloudLinux OS keys of one product (CL, CLP, CLS, CLADMIN), and one sub-account's servers. */
  | { kind: 'clProduct'; product: string }
  | { kind: 'clSubAccount'; login: string; email: string | null };

export type ExplorerNode = ItemNode | ContainerNode;
export type NodeKind = ExplorerNode['kind'];
export type NodeOf<K extends NodeKind> = Extract<ExplorerNode, { kind: K }>;

export function isNodeOfKind<K extends NodeKind>(node: unknown, ...kinds: K[]): node is NodeOf<K> {
  return typeof node === 'object' && node !== null && kinds.includes((node as ExplorerNode).kind as K);
}

/** A server of any product, as group and removal commands see it. */
export type ServerNode = NodeOf<'kcareServer' | 'imServer' | 'elsServer' | 'groupServer'>;
export type KeyNode = NodeOf<'kcareKey' | 'imKey' | 'elsKey'>;

/** KernelCare calls a server's id `server_id`; the other products call it `id`. */
export function serverIdOf(node: ServerNode): string {
  return node.kind === 'kcareServer' ? node.server.serverId : node.server.id;
}

/**
 * What the trees show besides account data: a message in place of a list
 * (failed load, nothing there, no filter matches) and the "Load more" row.
 * These never reach the account commands, which only act on ExplorerNodes.
 */
export interface MessageNode {
  kind: 'message';
  /** `unchecked`: with "problems only", the keys of a list whose servers are not read yet stand behind this one row; clicking it reads them. */
  tone: 'error' | 'warning' | 'empty' | 'loading' | 'unchecked';
  text: string;
  /** Longer text for the tooltip, e.g. the error's detail. */
  detail?: string;
  /** Clicking the message refreshes the list it stands in (its parent). */
  retry?: boolean;
}

/** The last row of a long list; its parent is the node whose list continues. */
export interface LoadMoreNode {
  kind: 'loadMore';
  remaining: number;
}

export type TreeNode = ExplorerNode | MessageNode | LoadMoreNode;

export type ViewName = 'licenses' | 'groups' | 'servers';

export function isPlaceholder(node: TreeNode): node is MessageNode | LoadMoreNode {
  return node.kind === 'message' || node.kind === 'loadMore';
}
