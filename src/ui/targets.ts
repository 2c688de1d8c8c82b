import { ExplorerNode, isNodeOfKind, NodeKind } from '../explorer/nodes';
import { describeNode } from './describe';

const EXPLORER_KINDS: ReadonlySet<string> = new Set<NodeKind>([
  'ipLicense',
  'kcareKey',
  'kcareServer',
  'imKey',
  'imServer',
  'elsKey',
  'elsServer',
  'backup',
  'group',
  'groupServer',
  'family',
  'ipType',
  'elsCode',
  'clProduct',
  'clKey',
  'clServer',
  'clSubAccount',
  'clSubServer',
]);

/** Placeholder rows a tree may also select ("Load more", messages) are not explorer nodes. */
function isExplorerNode(value: unknown): value is ExplorerNode {
  return typeof value === 'object' && value !== null && EXPLORER_KINDS.has((value as { kind?: unknown }).kind as string);
}

/** The node a command was invoked on, if it came from a tree. */
export function clickedNode(clicked: unknown): ExplorerNode | undefined {
  return isExplorerNode(clicked) ? clicked : undefined;
}

/** Folders: a command invoked on one (e.g. an inline "+") asks for its targets as from the palette. */
const CONTAINER_KINDS: ReadonlySet<string> = new Set<NodeKind>(['family', 'ipType', 'elsCode', 'clProduct', 'clSubAccount']);

/**
 * The nodes a tree command acts on: the whole multi-selection when the clicked
 * node is part of it (VS Code passes both), else the clicked node alone; none
 * from the palette or a folder.
 */
export function nodesOf(clicked: unknown, selected: unknown): ExplorerNode[] {
  const node = clickedNode(clicked);
  if (!node || CONTAINER_KINDS.has(node.kind)) return [];
  const selection = Array.isArray(selected) ? selected.filter(isExplorerNode) : [];
  return selection.length > 1 && selection.includes(node) ? selection : [node];
}

export interface Targets<K extends NodeKind> {
  matching: Extract<ExplorerNode, { kind: K }>[];
  /** Descriptions of the selected nodes the command does not apply to. */
  skipped: string[];
}

export function splitTargets<K extends NodeKind>(nodes: readonly ExplorerNode[], ...kinds: K[]): Targets<K> {
  const matching: Extract<ExplorerNode, { kind: K }>[] = [];
  const skipped: string[] = [];
  for (const node of nodes) {
    if (isNodeOfKind(node, ...kinds)) matching.push(node);
    else skipped.push(describeNode(node));
  }
  return { matching, skipped };
}
