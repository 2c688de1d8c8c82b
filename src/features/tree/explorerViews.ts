/**
 * The tree views (Licenses, Server Groups, All Servers) and what frames them: the description (who is signed
 * in, "Demo", the filter), the context keys the manifest's `when` clauses
 * read, and the filter kept in workspace state.
 */
import * as vscode from 'vscode';
import type { Disposable as ServiceDisposable } from '../../services/events';
import type { Session, SessionState } from '../../services/session';
import { ExplorerTree, layOutWhenFirstShown, ViewSettings } from './explorerTree';
import { revealsKey } from '../../cln/keyPrint';
import { matchesFilter, normalizeFilter } from '../../explorer/filter';
import { HOST_ORDERS, HostOrder } from '../../explorer/hosts';
import type { ExplorerNode, LoadMoreNode, TreeNode, ViewName } from '../../explorer/nodes';
import { Arrangement, normalizeArrangement } from '../../explorer/arrange';
import { revealPath, RevealTarget } from '../../explorer/reveal';
import { readServersOf, type ServersCheck } from '../../explorer/loaders';
import { cacheKey } from '../../services/accountService';
import type { NodeTrees, Revealer, RevealOutcome } from '../../ui/surfaces';

const FILTER_KEY = 'cln.filter';
const ORDER_KEY = 'cln.allServers.order';
/** Containers the filter expands at most. */
const MAX_EXPANDED = 50;

export class ExplorerViews implements vscode.Disposable, Revealer, NodeTrees {
  readonly licenses: ExplorerTree;
  readonly groups: ExplorerTree;
  readonly allServers: ExplorerTree;
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
    this.allServers = new ExplorerTree('cln.allServers', 'servers', account, settings);
    this.views = this.trees.map((tree) => vscode.window.createTreeView(tree.viewId, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true }));
    const filter = normalizeFilter(workspaceState.get<string>(FILTER_KEY));
    for (const tree of this.trees) {
      tree.model.filter = filter;
      tree.model.arrange = normalizeArrangement(workspaceState.get(arrangementKey(tree.model.view)));
    }
    const order = workspaceState.get<HostOrder>(ORDER_KEY);
    if (order && order in HOST_ORDERS) this.allServers.model.order = order;
    const subscription = session.onDidChange((state) => this.onSession(state));
    this.disposables.push(...this.trees, ...this.views, ...this.views.map(layOutWhenFirstShown), { dispose: () => subscription.dispose() });
    // The walkthrough's "Read the tree" step ticks once the user opens a row of a view.
    this.disposables.push(...this.views.map((view) => view.onDidExpandElement(() => void vscode.commands.executeCommand('setContext', 'cln.treeExpanded', true))));
    this.onSession(session.state);
  }

  private get trees(): ExplorerTree[] {
    return [this.licenses, this.groups, this.allServers];
  }

  get serversOrder(): HostOrder {
    return this.allServers.model.order;
  }

  /** Sorts the All Servers rows (kept in workspace state). */
  async sortServers(order: HostOrder): Promise<void> {
    this.allServers.model.order = order;
    await this.workspaceState.update(ORDER_KEY, order);
    this.allServers.rerender();
  }

  /**
   * Shows a node in its tree: loads the path to it (`path` as Find returns
   * it), expands it and selects the node. A filter that would hide it is
   * cleared. Returns the tree's node; undefined when it is no longer there.
   */
  async reveal(view: ViewName, path: readonly ExplorerNode[]): Promise<TreeNode | undefined> {
    const at = this.trees.findIndex((tree) => tree.model.view === view);
    if (at < 0 || path.length === 0) return undefined;
    const tree = this.trees[at];
    if (this.filter && !matchesFilter(path[path.length - 1], this.filter)) await this.setFilter(undefined);
    const node = await tree.model.locate(path);
    if (!node) return undefined;
    // The reveal follows the re-render: VS Code resolves the path from the rows it was last handed.
    await tree.rerenderNode(tree.model.parentOf(node));
    await this.views[at].reveal(node, { select: true, focus: true, expand: false });
    return node;
  }

  get filter(): string | undefined {
    return this.licenses.model.filter;
  }

  async setFilter(text: string | undefined): Promise<void> {
    const filter = normalizeFilter(text);
    // The workspace state is kept on disk: a filter that holds a key string (or a piece of one) is not.
    await this.workspaceState.update(FILTER_KEY, filter && revealsKey(filter, this.cachedKeys()) ? undefined : filter);
    for (const tree of this.trees) {
      tree.model.filter = filter;
      tree.rerender();
    }
    this.updateChrome();
    await this.revealMatches();
  }

  /** The key strings the account's cache holds (KernelCare, Imunify, ELS). */
  private *cachedKeys(): Iterable<string> {
    const account = this.session.account;
    if (!account) return;
    for (const { value } of account.cached('kcare.key.list')) for (const k of value) yield k.key;
    for (const { value } of account.cached('im.key.list')) for (const k of value) yield k.key;
    for (const { value } of account.cached('els.key.list')) for (const k of value) yield k.key;
  }

  /** Expands the loaded containers (types, codes, keys, groups, servers) that hold a match, in every visible view. */
  private async revealMatches(): Promise<void> {
    await Promise.all(
      this.trees.map(async (tree, i) => {
        if (!this.views[i].visible) return;
        // Children first render, so parents expand after them; a cap keeps a broad filter from unfolding everything.
        const containers = tree.model.containersWithMatches().slice(0, MAX_EXPANDED);
        for (const container of containers) {
          try {
            await this.views[i].reveal(container, { expand: true, select: false, focus: false });
          } catch {
            // A container that disappeared meanwhile (a refresh) is simply not expanded.
          }
        }
      }),
    );
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
    return view === 'licenses' ? this.licenses : view === 'groups' ? this.groups : this.allServers;
  }

  /** The selected nodes of the view that last had a selection. */
  get selection(): readonly TreeNode[] {
    const withSelection = this.views.filter((view) => view.selection.length > 0);
    return (withSelection.find((view) => view.visible) ?? withSelection[0])?.selection ?? [];
  }

  pathOf(node: TreeNode): { view: ViewName; path: ExplorerNode[] } | undefined {
    const tree = this.trees.find((candidate) => candidate.model.owns(node));
    if (!tree || node.kind === 'message' || node.kind === 'loadMore') return undefined;
    const path: ExplorerNode[] = [];
    for (let at: TreeNode | undefined = node; at; at = tree.model.parentOf(at)) if (at.kind !== 'message' && at.kind !== 'loadMore') path.unshift(at);
    return { view: tree.model.view, path };
  }

  async locate(view: ViewName, path: readonly ExplorerNode[]): Promise<ExplorerNode | undefined> {
    const node = path.length > 0 ? await this.treeOf(view).model.locate(path) : undefined;
    return node && node.kind !== 'message' && node.kind !== 'loadMore' ? node : undefined;
  }

  async rowsUnder(view: ViewName, node: ExplorerNode): Promise<(node: ExplorerNode) => readonly ExplorerNode[] | undefined> {
    const model = this.treeOf(view).model;
    const load = async (folder: ExplorerNode): Promise<void> => {
      const failed = (await model.children(folder)).find((child) => child.kind === 'message' && child.tone === 'error');
      if (failed && failed.kind === 'message') throw new Error(failed.detail ?? failed.text);
      for (const child of model.loadedItems(folder) ?? []) if (child.kind === 'ipType' || child.kind === 'elsCode') await load(child);
    };
    if (node.kind === 'family' || node.kind === 'ipType' || node.kind === 'elsCode') await load(node);
    return (parent) => model.loadedItems(parent);
  }

  async loadedNodes(): Promise<{ view: ViewName; node: ExplorerNode }[]> {
    const out: { view: ViewName; node: ExplorerNode }[] = [];
    for (const tree of this.trees) {
      const { model } = tree;
      // The top level of Licenses (the families) costs no request; other lists only as far as they are loaded.
      if (model.view === 'licenses') await model.children();
      const walk = (parent: ExplorerNode | undefined) => {
        for (const node of model.loadedItems(parent) ?? []) {
          out.push({ view: model.view, node });
          walk(node);
        }
      };
      walk(undefined);
    }
    return out;
  }

  onDidChangeRows(listener: (view: ViewName) => void): vscode.Disposable {
    return vscode.Disposable.from(...this.trees.map((tree) => tree.onDidChangeTreeData(() => listener(tree.model.view))));
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
  async revealTarget(target: RevealTarget): Promise<RevealOutcome> {
    const { view, steps } = revealPath(target);
    const index = this.trees.findIndex((tree) => tree.model.view === view);
    const tree = this.trees[index];
    let node: TreeNode | undefined;
    const rerendered: Promise<void>[] = [];
    for (const step of steps) {
      // The model, not the provider's getChildren: that is the workbench's door (what it hands out is paced as shown).
      await tree.model.children(node);
      const found = tree.model.find(node, step);
      if (found === undefined || found === 'hidden') return found ?? 'absent';
      rerendered.push(tree.rerenderNode(node));
      node = found;
    }
    if (!node) return 'absent';
    // The reveal follows the re-renders: VS Code resolves the path from the rows it was last handed.
    await Promise.all(rerendered);
    await this.views[index].reveal(node, { select: true, focus: false, expand: false });
    return 'revealed';
  }

  async checkServers(row: TreeNode, options: { signal: AbortSignal; onRead: (done: number, total: number) => void }): Promise<ServersCheck | undefined> {
    const tree = this.trees.find((candidate) => candidate.model.owns(row));
    const account = this.session.account;
    if (!tree || !account || row.kind !== 'message' || row.tone !== 'unchecked') return undefined;
    const parent = tree.model.parentOf(row);
    const keys = tree.model.unchecked(parent);
    try {
      return await readServersOf(account, keys, { signal: options.signal, onRead: (done) => options.onRead(done, keys.length) });
    } finally {
      // The list shows its problem keys now (and the row goes, or counts what is left); the family's count with it.
      let top = parent;
      while (top && tree.model.parentOf(top)) top = tree.model.parentOf(top);
      void tree.rerenderNode(top);
    }
  }

  /** After a settings change: page size and stale days apply to what is shown. */
  rerender(): void {
    for (const tree of this.trees) tree.rerender();
  }

  private onSession(state: SessionState): void {
    this.accountSubscription?.dispose();
    const account = this.session.account;
    const changes = account?.onDidChange((tags) => {
      // A change of add-on settings: the Imunify rows say what applies, so the Imunify family reads them again (its keys from the cache).
      for (const tree of this.trees) tree.invalidate(tags.includes('feature') ? [...tags, 'im'] : tags);
    });
    // A KernelCare check marks the servers it names: render the rows again.
    const checks = account?.kcareChecks.onDidChange(() => this.licenses.rerender());
    // Servers read by anything (All Servers, Find, a clean-up sweep, Check Their Servers): the key and group rows showing them say so.
    const reads = account?.onDidRead(({ id, args }) => {
      if (!SERVER_READS.has(id)) return;
      const read = cacheKey(id, args);
      for (const tree of this.trees) tree.answered(read);
    });
    this.accountSubscription = {
      dispose: () => {
        changes?.dispose();
        checks?.dispose();
        reads?.dispose();
      },
    };
    for (const tree of this.trees) tree.reset();
    void vscode.commands.executeCommand('setContext', 'cln.state', state.kind);
    void vscode.commands.executeCommand('setContext', 'cln.signedOutReason', state.kind === 'signedOut' && Boolean(state.reason));
    this.updateChrome();
  }

  private updateChrome(): void {
    const state = this.session.state;
    const who = state.kind === 'demo' ? vscode.l10n.t('Demo') : state.kind === 'signedIn' ? state.login : state.reason ? vscode.l10n.t('Signed out') : undefined;
    this.trees.forEach((tree, index) => {
      const { problemsOnly, sort } = tree.model.arrange;
      const description = [who, this.filter && vscode.l10n.t('Filter: {0}', this.filter), problemsOnly && vscode.l10n.t('Problems only')].filter(Boolean).join(' · ');
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

/** The reads that list the servers of a key or group (their rows show what the cache holds of them). */
const SERVER_READS = new Set<string>(['kcare.key.servers', 'im.srv.list', 'els.srv.list', 'group.servers.list']);
