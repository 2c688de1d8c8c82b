/**
 * What commands may ask of the other adapters, as interfaces: the commands
 * depend on these, `extension.ts` hands in the tree views and the status bar.
 * So a feature never imports another feature's views or the status bar (the linter holds this).
 */
import type { HostOrder } from '../explorer/hosts';
import type { ExplorerNode, LoadMoreNode, TreeNode, ViewName } from '../explorer/nodes';
import type { RevealTarget } from '../explorer/reveal';
import type { Arrangement } from '../explorer/arrange';
import type { ServersCheck } from '../explorer/loaders';
import type { Health, HealthReport } from '../services/health';
import type { JournalEntry } from '../services/journal';

/** The tree views, as the view commands drive them. */
export interface ExplorerSurface {
  readonly filter: string | undefined;
  setFilter(text: string | undefined): Promise<void>;
  /** The selected nodes of the view that last had a selection. */
  readonly selection: readonly TreeNode[];
  /** Refetches `node`'s list in the tree it belongs to, or both views entirely. */
  refresh(node?: TreeNode): void;
  loadMore(more: LoadMoreNode): void;
  /** The order of the All Servers rows, and setting it. */
  readonly serversOrder: HostOrder;
  sortServers(order: HostOrder): Promise<void>;
  /** Loads the path to a node in a view, expands it and selects the node; undefined when it is gone. */
  reveal(view: ViewName, path: readonly ExplorerNode[]): Promise<TreeNode | undefined>;
  /** A view's order and "problems only", kept per view in workspace state. */
  arrangementOf(view: ViewName): Arrangement;
  arrange(view: ViewName, change: Partial<Arrangement>): Promise<void>;
  /** Reads the servers of the keys a "N keys not checked" row (Show Problems Only) stands for; undefined when the row is not one. */
  checkServers(row: TreeNode, options: { signal: AbortSignal; onRead: (done: number, total: number) => void }): Promise<ServersCheck | undefined>;
}

/** How a reveal ended: selected, hidden by the filter or "problems only", or not in the tree (yet). */
export type RevealOutcome = 'revealed' | 'hidden' | 'absent';

/** What commands ask of the trees after they made or found something: show it, selected. */
export interface Revealer {
  revealTarget(target: RevealTarget): Promise<RevealOutcome>;
}

/**
 * The trees as View as JSON reads them: where a row is, the row at that place
 * now (after a refresh the trees hand out new nodes), what a folder holds, and
 * when rows change.
 */
export interface NodeTrees {
  /** The selected nodes of the view that last had a selection. */
  readonly selection: readonly TreeNode[];
  /** The view that handed out `node` and the nodes from the top down to it; undefined for a node no tree knows. */
  pathOf(node: TreeNode): { view: ViewName; path: ExplorerNode[] } | undefined;
  /** The view's node at `path` now, loading lists on the way; undefined when it is not there (removed, signed out). */
  locate(view: ViewName, path: readonly ExplorerNode[]): Promise<ExplorerNode | undefined>;
  /** Loads what a folder holds (down through folders of folders) and answers the loaded rows under any node of that view. */
  rowsUnder(view: ViewName, node: ExplorerNode): Promise<(node: ExplorerNode) => readonly ExplorerNode[] | undefined>;
  /** Every row the views have loaded, the top level first (for a pick from the palette). */
  loadedNodes(): Promise<{ view: ViewName; node: ExplorerNode }[]>;
  /** Told which view's rows changed: a refresh, a change to the account, details filling in, another account. */
  onDidChangeRows(listener: (view: ViewName) => void): { dispose(): void };
}

/** The status bar's health check. */
export interface StatusSurface {
  readonly isDemo: boolean;
  /** `signedOut`: nothing is checked or claimed until the user signs in or opens the demo. */
  readonly health: Health;
  /** Checks CLN's health now (joining a check under way). */
  check(): Promise<HealthReport>;
}

/** The Activity view (the journal), as its commands drive it. */
export interface ActivitySurface {
  filter: string;
  showMore(): void;
  refresh(): void;
  /** Every journal entry matching the filter, newest first. */
  matching(): Promise<JournalEntry[]>;
}
