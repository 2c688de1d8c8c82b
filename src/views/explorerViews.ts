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
import type { LoadMoreNode, TreeNode } from '../explorer/nodes';

const FILTER_KEY = 'cln.filter';

export class ExplorerViews implements vscode.Disposable {
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
    for (const tree of this.trees) tree.model.filter = filter;
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
    const description = [who, this.filter && `Filter: ${this.filter}`].filter(Boolean).join(' · ');
    for (const view of this.views) view.description = description || undefined;
    void vscode.commands.executeCommand('setContext', 'cln.filterActive', Boolean(this.filter));
  }

  dispose(): void {
    this.accountSubscription?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
