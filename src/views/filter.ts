/** The tree filter: a case-insensitive substring of an IP, key, hostname or note. No `vscode` here. */
import type { TreeNode } from './nodes';

/** The texts of a node the filter looks in; containers of other nodes have none of their own. */
export function searchableTexts(node: TreeNode): readonly (string | null | undefined)[] {
  switch (node.kind) {
    case 'ipLicense':
      return [node.license.ip, node.info?.serverInfo];
    case 'kcareKey':
    case 'imKey':
    case 'elsKey':
      return [node.key.key, node.key.note];
    case 'kcareServer':
      return [node.server.serverId, node.server.ip, node.server.key];
    case 'imServer':
      return [node.server.id, node.server.ip, node.server.key];
    case 'elsServer':
      return [node.server.id, node.server.ip, node.server.hostname, node.server.key];
    case 'backup':
      return [node.backup.serverId, String(node.backup.backupId)];
    case 'group':
      return [node.group.name, node.group.description];
    case 'groupServer':
      return [node.server.id, node.server.ip, node.server.hostname];
    default:
      return [];
  }
}

const lowered = new WeakMap<TreeNode, string>();

export function matchesFilter(node: TreeNode, needle: string): boolean {
  let text = lowered.get(node);
  if (text === undefined) {
    text = searchableTexts(node)
      .filter((part): part is string => typeof part === 'string')
      .join('\n')
      .toLowerCase();
    lowered.set(node, text);
  }
  return text.includes(needle.toLowerCase());
}

/** The filter as typed: trimmed, empty means none. */
export function normalizeFilter(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}
