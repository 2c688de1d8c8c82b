/** The tree filter: a case-insensitive substring of an IP, key, hostname or note. No `vscode` here. */
import { searchableTexts } from './kinds';
import type { TreeNode } from './nodes';

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

/** The node's texts changed (details filled in): look again next time. */
export function forgetFilterText(node: TreeNode): void {
  lowered.delete(node);
}

/** The filter as typed: trimmed, empty means none. */
export function normalizeFilter(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}
