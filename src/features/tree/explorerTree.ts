import * as vscode from 'vscode';
import type { CacheTag } from '../../cln/endpoints';
import type { AccountService } from '../../services/accountService';
import { cachedAccountEmail } from '../../services/addons';
import { ChangePacer } from '../../explorer/changes';
import type { LoadMoreNode, TreeNode, ViewName } from '../../explorer/nodes';
import { TreeModel } from '../../explorer/treeModel';
import { treeItemFor } from './treeItems';

export interface ViewSettings {
  pageSize: number;
  staleDays: number;
}

/**
 * Lays out a tree view's rows as soon as it is first shown. VS Code gives an extension's tree its
 * height only 2 s after the view is first shown when the view was collapsed until then (the
 * workbench's treeView.ts: CustomTreeView.activate() creates the tree after the pane's layout and
 * lays it out in updateMessage() after `timeout(2000)`), so rows that arrive earlier wait for that
 * timer. Setting the view's message, even to what it is, makes the workbench run updateMessage()
 * and so the layout at once.
 */
export function layOutWhenFirstShown(view: vscode.TreeView<unknown>): vscode.Disposable {
  const subscription = view.onDidChangeVisibility(({ visible }) => {
    if (!visible) return;
    subscription.dispose();
    const message = view.message;
    view.message = message;
  });
  return subscription;
}

/** A tree view's data provider: renders the TreeModel and shows progress in the view while lists load. */
export class ExplorerTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly model: TreeModel;
  /** Paces the re-renders that data filling in causes (see explorer/changes.ts); what the user asks for goes out at once. */
  private readonly pacer: ChangePacer;
  private settingsNow?: ViewSettings;

  constructor(
    readonly viewId: string,
    view: ViewName,
    private readonly account: () => AccountService | undefined,
    private readonly settings: () => ViewSettings,
  ) {
    this.model = new TreeModel({
      view,
      account,
      pageSize: () => settings().pageSize,
      staleDays: () => settings().staleDays,
      track: (loading) => void vscode.window.withProgress({ location: { viewId } }, () => loading),
      // Details filling in: render those rows again, nothing else (no flicker, no reordering), paced.
      changed: (nodes) => this.pacer.changed(nodes),
      countFamilies: view === 'licenses',
    });
    this.pacer = new ChangePacer({ fire: (nodes) => this.changed.fire(nodes), parentOf: (node) => this.model.parentOf(node) });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    this.pacer.rendered(node);
    const item = this.renderItem(node);
    // With a filter, a container holding a match opens, so the match shows.
    if (this.model.filter && item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed && (this.model.counts(node)?.matching ?? 0) > 0) {
      item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    }
    return item;
  }

  /** The settings, read once for the rows rendered together (each read is a configuration lookup; a page is 200 rows). */
  private current(): ViewSettings {
    if (!this.settingsNow) {
      this.settingsNow = this.settings();
      queueMicrotask(() => (this.settingsNow = undefined));
    }
    return this.settingsNow;
  }

  private renderItem(node: TreeNode): vscode.TreeItem {
    return treeItemFor(node, {
      id: this.model.idOf(node),
      staleDays: this.current().staleDays,
      now: Date.now(),
      counts: this.model.counts(node),
      silent: this.model.silent(node),
      unchecked: this.model.uncheckedCount(node),
      filtered: Boolean(this.model.filter),
      kcareCheck: (server) => this.account()?.kcareChecks.of(server),
      accountEmail: () => cachedAccountEmail(this.account()),
    });
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const wasLoaded = !node || this.model.loadedItems(node) !== undefined;
    const handedOut = this.pacer.fetch(node);
    let children: TreeNode[] | undefined;
    try {
      children = await this.model.children(node);
      // The row's description counts what it holds ("12 servers"): draw it again once that is known, after its children are on screen.
      if (node && !wasLoaded && this.model.loadedItems(node) !== undefined) this.pacer.changed([node]);
      return children;
    } finally {
      handedOut(children);
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.model.parentOf(node);
  }

  /** Refetches `node`'s list (skipping the cache), or the whole view. */
  refresh(node?: TreeNode): void {
    void this.pacer.now(this.model.refresh(node));
  }

  loadMore(more: LoadMoreNode): void {
    void this.pacer.now(this.model.loadMore(more));
  }

  /** After a change to the account: reloads the affected families only. */
  invalidate(tags: readonly CacheTag[]): void {
    const nodes = this.model.invalidate(tags);
    if (nodes === undefined) void this.pacer.now(undefined);
    else for (const node of nodes) void this.pacer.now(node);
  }

  /** CLN answered a read of servers (`cacheKey` of the read, any feature's): the rows showing it render again, paced. */
  answered(read: string): void {
    const rows = this.model.rowsShowing(read);
    if (rows === undefined || rows.length > 0) this.pacer.changed(rows);
  }

  /** Forgets all lists (the account changed hands). */
  reset(): void {
    this.model.reset();
    void this.pacer.now(undefined);
  }

  /** Renders one node's children again (a page widened for a reveal); resolves once the change is sent (after a list being handed out there). */
  rerenderNode(node: TreeNode | undefined): Promise<void> {
    return this.pacer.now(node);
  }

  /** Renders again from what is loaded (filter, stale days). */
  rerender(): void {
    void this.pacer.now(undefined);
  }

  dispose(): void {
    this.pacer.dispose();
    this.changed.dispose();
  }
}
