/**
 * The two tree views and what frames them: the description (who is signed
 * in, "Demo", the filter), the context keys the manifest's `when` clauses
 * read, and the filter kept in workspace state.
 */
import * as vscode from 'vscode';
import type { Disposable as ServiceDisposable } from '../services/events';
import type { Session, SessionState } from '../services/session';
import { ExplorerTree, ViewSettings } from './explorerTree';
import { normalizeFilter } from '../explorer/filter';
import type { LoadMoreNode, TreeNode, ViewName } from '../explorer/nodes';
import { Arrangement, normalizeArrangement } from '../explorer/arrange';
import { revealPath, RevealTarget } from '../explorer/reveal';
import type { Revealer, RevealOutcome } from '../ui/surfaces';

const FILTER_KEY = 'cln.filter';

export class ExplorerViews implements vscode.Disposable, Revealer {
  readonly licenses: ExplorerTree;
  readonly groups: ExplorerTree;
  private readonly views: vscode.TreeView<TreeNode>[];
  private readonly disposables: vscode.Disposable[] = [];
  private accountSubscription?: ServiceDisposable;

  constructor(
    private readonly session: Session,
    private readonly workspaceState: vscode.Memento,
    settings: () => ViewSettings,
  ) {
    const account = () => session.account;
    this.licenses = new ExplorerTree('cln.licenses', 'licenses', account, settings);
    this.groups = new ExplorerTree('cln.groups', 'groups', account, settings);
    this.views = [
      vscode.window.createTreeView('cln.licenses', { treeDataProvider: this.licenses, canSelectMany: true, showCollapseAll: true }),
      vscode.window.createTreeView('cln.groups', { treeDataProvider: this.groups, canSelectMany: true, showCollapseAll: true }),
    ];
    const filter = normalizeFilter(workspaceState.get<string>(FILTER_KEY));
    for (const tree of this.trees) {
      tree.model.filter = filter;
      tree.model.arrange = normalizeArrangement(workspaceState.get(arrangementKey(tree.model.view)));
    }
    const subscription = session.onDidChange((state) => this.onSession(state));
    this.disposables.push(this.licenses, this.groups, ...this.views, { dispose: () => subscription.dispose() });
    this.onSession(session.state);
  }

  private get trees(): ExplorerTree[] {
    return [this.licenses, this.groups];
  }

  get filter(): string | undefined {
    return this.licenses.model.filter;
  }

  async setFilter(text: string | undefined): Promise<void> {
    const filter = normalizeFilter(text);
    await this.workspaceState.update(FILTER_KEY, filter);
    for (const tree of this.trees) {
      tree.model.filter = filter;
      tree.rerender();
    }
    this.updateChrome();
  }

  arrangementOf(view: ViewName): Arrangement {
    return this.treeOf(view).model.arrange;
  }

  /** Changes a view's order or "problems only", keeps it in workspace state and redraws the view. */
  async arrange(view: ViewName, change: Partial<Arrangement>): Promise<void> {
    const tree = this.treeOf(view);
    tree.model.arrange = normalizeArrangement({ ...tree.model.arrange, ...change });
    await this.workspaceState.update(arrangementKey(view), tree.model.arrange);
    tree.rerender();
    this.updateChrome();
  }

  private treeOf(view: ViewName): ExplorerTree {
    return view === 'licenses' ? this.licenses : this.groups;
  }

  /** The selected nodes of the view that last had a selection. */
  get selection(): readonly TreeNode[] {
    const withSelection = this.views.filter((view) => view.selection.length > 0);
    return (withSelection.find((view) => view.visible) ?? withSelection[0])?.selection ?? [];
  }

  /** Refetches `node`'s list in the tree it belongs to, or both views entirely. */
  refresh(node?: TreeNode): void {
    const owner = node && this.trees.find((tree) => tree.model.owns(node));
    if (owner) owner.refresh(node);
    else for (const tree of this.trees) tree.refresh();
  }

  loadMore(more: LoadMoreNode): void {
    this.trees.find((tree) => tree.model.owns(more))?.loadMore(more);
  }

  /** Walks down to `target`, loading lists (and widening pages) on the way, then selects and focuses its row. */
  async reveal(target: RevealTarget): Promise<RevealOutcome> {
    const { view, steps } = revealPath(target);
    const index = view === 'licenses' ? 0 : 1;
    const tree = this.trees[index];
    let node: TreeNode | undefined;
    for (const step of steps) {
      await tree.getChildren(node);
      const found = tree.model.find(node, step);
      if (found === undefined || found === 'hidden') return found ?? 'absent';
      tree.rerenderNode(node);
      node = found;
    }
    if (!node) return 'absent';
    await this.views[index].reveal(node, { select: true, focus: false, expand: false });
    return 'revealed';
  }

  /** After a settings change: page size and stale days apply to what is shown. */
  rerender(): void {
    for (const tree of this.trees) tree.rerender();
  }

  private onSession(state: SessionState): void {
    this.accountSubscription?.dispose();
    const account = this.session.account;
    const changes = account?.onDidChange((tags) => {
      for (const tree of this.trees) tree.invalidate(tags);
    });
    // A KernelCare check marks the servers it names: render the rows again.
    const checks = account?.kcareChecks.onDidChange(() => this.licenses.rerender());
    this.accountSubscription = {
      dispose: () => {
        changes?.dispose();
        checks?.dispose();
      },
    };
    for (const tree of this.trees) tree.reset();
    void vscode.commands.executeCommand('setContext', 'cln.state', state.kind);
    void vscode.commands.executeCommand('setContext', 'cln.signedOutReason', state.kind === 'signedOut' && Boolean(state.reason));
    this.updateChrome();
  }

  private updateChrome(): void {
    const state = this.session.state;
    const who = state.kind === 'demo' ? 'Demo' : state.kind === 'signedIn' ? state.login : state.reason ? 'Signed out' : undefined;
    this.trees.forEach((tree, index) => {
      const { problemsOnly, sort } = tree.model.arrange;
      const description = [who, this.filter && `Filter: ${this.filter}`, problemsOnly && 'Problems only'].filter(Boolean).join(' · ');
      this.views[index].description = description || undefined;
      void vscode.commands.executeCommand('setContext', `cln.${tree.model.view}.problemsOnly`, problemsOnly);
      void vscode.commands.executeCommand('setContext', `cln.${tree.model.view}.sorted`, sort !== 'default');
    });
    void vscode.commands.executeCommand('setContext', 'cln.filterActive', Boolean(this.filter));
  }

  dispose(): void {
    this.accountSubscription?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

const arrangementKey = (view: ViewName) => `cln.arrange.${view}`;
