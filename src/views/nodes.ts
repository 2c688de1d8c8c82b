/**
 * What the trees show besides account data: a message in place of a list
 * (failed load, nothing there, no filter matches) and the "Load more" row.
 * These never reach the account commands, which only act on ExplorerNodes.
 */
import type { ExplorerNode } from './model';

export interface MessageNode {
  kind: 'message';
  tone: 'error' | 'warning' | 'empty';
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

export type ViewName = 'licenses' | 'groups';

/** Containers whose children come from their parent's request (refreshing them refreshes the parent). */
export function isDerived(node: TreeNode): boolean {
  return node.kind === 'ipType' || node.kind === 'elsCode';
}

/** The part of a node's id that tells it apart from its siblings. */
export function localKey(node: TreeNode): string {
  switch (node.kind) {
    case 'family':
      return node.family;
    case 'ipType':
      return `type-${node.type}`;
    case 'elsCode':
      return node.code;
    case 'ipLicense':
      return `${node.license.ip}#${node.license.type}`;
    case 'kcareKey':
    case 'imKey':
    case 'elsKey':
      return node.key.key;
    case 'kcareServer':
      return node.server.serverId;
    case 'imServer':
    case 'elsServer':
    case 'groupServer':
      return node.server.id;
    case 'backup':
      return String(node.backup.backupId);
    case 'group':
      return node.group.name;
    case 'message':
      return `!${node.tone}`;
    case 'loadMore':
      return '!more';
  }
}
