/**
 * The state behind one tree view, without `vscode`: the loaded lists by node
 * id, how many of each are shown (paging), which nodes must refetch, and the
 * filter. The tree provider renders what this returns.
 */
import * as l10n from '@vscode/l10n';
import type { CacheTag } from '../cln/endpoints';
import { ClnError } from '../cln/errors';
import type { AccountService } from '../services/accountService';
import { Arrangement, DEFAULT_ARRANGEMENT, isProblem, sortItems } from './arrange';
import { forgetFilterText, matchesFilter } from './filter';
import { HostOrder, sortHosts } from './hosts';
import { emptyText, FAMILIES, familyOfTag, hasOwnLoader, isDerived, localKey } from './kinds';
import { cachedServers, countFamily, loadChildren, serverReadOf } from './loaders';
import { checkinState } from './checkin';
import type { Details, Loaded } from './loaders';
import { loadFailureLabel, plural } from './wording';
import type { ExplorerNode, Family, LoadMoreNode, MessageNode, NodeOf, TreeNode, ViewName } from './nodes';
import { isPlaceholder } from './nodes';
import { appendTo } from '../cln/collections';

interface ListState {
  loaded?: Loaded;
  error?: { label: string; message: string; detail?: string };
  pending?: Promise<void>;
  /** How many items are shown; "Load more" adds a page. */
  shown: number;
  /** The list came with its parent's (IP types, ELS codes): refetching means refetching the parent. */
  derived: boolean;
  /** Details of the items that fill in after the list is shown (shared with the derived lists it brought). */
  details?: Details;
  /** Stops filling in the details when the list is forgotten. */
  abort?: AbortController;
  /** Settles when the details are filled in (or failed). */
  filling?: Promise<void>;
  /** Settles when the whole list replaced the part shown first (or its reads failed). */
  growing?: Promise<void>;
  /** The items in the view's order, when it has one (All Servers), and the order they are in. */
  sorted?: { order: HostOrder; items: ExplorerNode[] };
  /** The node whose children these are (undefined: the top level). */
  owner?: ExplorerNode;
  /** Its keys (groups) by the read that lists their servers (`serverReadOf`), for lists of those. */
  byRead?: Map<string, ExplorerNode[]>;
}

interface Meta {
  id: string;
  parent: TreeNode | undefined;
}

export interface TreeModelOptions {
  view: ViewName;
  account: () => AccountService | undefined;
  pageSize: () => number;
  /** Told about every load that starts, to show progress. */
  track?: (loading: Promise<unknown>) => void;
  /** Told which shown nodes changed as details fill in (render these again, nothing else); undefined: the whole view. */
  changed?: (nodes: TreeNode[] | undefined) => void;
  /** For "problems only": when a server's check-in is stale. */
  staleDays?: () => number;
  /** Licenses view: read what each collapsed family holds (one list request each) so its row shows the count. */
  countFamilies?: boolean;
}

const ROOT = '';

export class TreeModel {
  private readonly lists = new Map<string, ListState>();
  private readonly meta = new WeakMap<TreeNode, Meta>();
  /** Ids whose next load skips the cache. */
  private readonly forced = new Set<string>();
  /** What each collapsed family holds, from the one request that lists it (shown before the family is opened). */
  private readonly totals = new Map<Family, number>();
  /** Families whose count is being read. */
  private readonly counting = new Set<Family>();
  /** Families refreshed since their count was read: the next read skips the cache. */
  private readonly recount = new Set<Family>();
  /** Lists of keys or groups (their `byRead` is set): the rows an answered read of servers renders again. */
  private readonly keyLists = new Set<ListState>();
  /** The servers of a key or group last seen in the account's cache (unopened), kept as a loaded list is until the list is read again. */
  private readonly peeked = new WeakMap<ExplorerNode, { source: unknown; items: ExplorerNode[] }>();
  private needle?: string;
  private arrangement: Arrangement = DEFAULT_ARRANGEMENT;
  private hostOrder: HostOrder = 'ip';

  constructor(private readonly options: TreeModelOptions) {}

  get view(): ViewName {
    return this.options.view;
  }

  get filter(): string | undefined {
    return this.needle;
  }

  set filter(text: string | undefined) {
    this.needle = text || undefined;
  }

  /** The order of licenses and servers, and whether only problems show. */
  get arrange(): Arrangement {
    return this.arrangement;
  }

  set arrange(value: Arrangement) {
    this.arrangement = value;
  }

  /** The order of the All Servers view's rows. */
  get order(): HostOrder {
    return this.hostOrder;
  }

  set order(order: HostOrder) {
    this.hostOrder = order;
  }

  /**
   * Loads the path to a node (each step matched by its key among its
   * siblings: family, key, server …), widening pages so it is shown, and
   * returns this tree's own node for it; undefined when it is not there.
   */
  async locate(path: readonly ExplorerNode[]): Promise<TreeNode | undefined> {
    let parent: TreeNode | undefined;
    for (const step of path) {
      await this.children(parent);
      const key = parent ? this.idOf(parent) : ROOT;
      await this.lists.get(key)?.growing;
      const state = this.lists.get(key);
      if (!state?.loaded) return undefined;
      const items = this.itemsOf(key, state);
      const wanted = localKey(step);
      const found = items.find((item) => localKey(item) === wanted);
      if (!found) return undefined;
      const visible = this.needle ? items.filter((item) => this.isVisible(item)) : items;
      const at = visible.indexOf(found);
      if (at >= state.shown) state.shown = Math.ceil((at + 1) / this.options.pageSize()) * this.options.pageSize();
      parent = found;
    }
    return parent;
  }

  /** With a filter: the loaded containers that hold a match somewhere below (to expand them). */
  containersWithMatches(): TreeNode[] {
    if (!this.needle) return [];
    const out: TreeNode[] = [];
    for (const [key, state] of this.lists) {
      if (key === ROOT || !state.loaded || state.error) continue;
      if (!state.loaded.items.some((item) => this.isVisible(item))) continue;
      if (state.owner && state.owner.kind !== 'family') out.push(state.owner);
    }
    return out;
  }

  idOf(node: TreeNode): string {
    return this.meta.get(node)?.id ?? localKey(node);
  }

  parentOf(node: TreeNode): TreeNode | undefined {
    return this.meta.get(node)?.parent;
  }

  /** The children to show, loading them first when needed. Signed out: none. */
  async children(node?: TreeNode): Promise<TreeNode[]> {
    if (node && (node.kind === 'message' || node.kind === 'loadMore')) return [];
    const account = this.options.account();
    if (!account) return [];
    const key = node ? this.idOf(node) : ROOT;
    let state = this.lists.get(key);
    if (!state) {
      state = this.startLoad(key, node as ExplorerNode | undefined, account);
      this.options.track?.(state.pending!);
    }
    await state.pending;
    const shown = this.visibleChildren(key, node, state);
    if (!node && this.view === 'licenses' && this.options.countFamilies) this.countFamilies(account, shown);
    // The rows on screen get their details first.
    state.details?.prefer(shown.filter((child): child is ExplorerNode => child.kind !== 'message' && child.kind !== 'loadMore'));
    return shown;
  }

  /** Settles when the details of `node`'s list (and the lists it brought) are filled in; at once when there are none. */
  async detailsFilled(node?: TreeNode): Promise<void> {
    const state = this.lists.get(node ? this.idOf(node) : ROOT);
    await state?.pending;
    await state?.growing;
    await state?.filling;
  }

  /** The loaded items under `node` (all of them, unfiltered), if loaded. */
  loadedItems(node?: TreeNode): readonly ExplorerNode[] | undefined {
    return this.lists.get(node ? this.idOf(node) : ROOT)?.loaded?.items;
  }

  /** Counts for a container's description: all loaded items and, with a filter, the matching ones. */
  counts(node: TreeNode): { total: number; matching: number } | undefined {
    const items = this.known(node);
    if (!items) {
      // A family not opened yet: what its list request said (with a filter or problems only, how many are kept is not known yet).
      const total = node.kind === 'family' && !this.narrowed ? this.totals.get(node.family) : undefined;
      return total === undefined ? undefined : { total, matching: total };
    }
    // A family whose children are folders (IP types, ELS products) counts what the folders hold.
    if (items.length > 0 && items.every((item) => isDerived(item))) {
      const inner = items.map((item) => this.counts(item) ?? { total: 0, matching: 0 });
      return { total: inner.reduce((sum, c) => sum + c.total, 0), matching: inner.reduce((sum, c) => sum + c.matching, 0) };
    }
    return { total: items.length, matching: this.narrowed ? items.filter((item) => this.isVisible(item)).length : items.length };
  }

  /**
   * How many of the servers known under `node` (a key) have gone silent: never checked
   * in, or not for `staleDays`. Undefined until its servers are read.
   */
  silent(node: TreeNode): number | undefined {
    const items = this.known(node);
    if (!items || (node.kind !== 'kcareKey' && node.kind !== 'imKey')) return undefined;
    const staleDays = this.options.staleDays?.() ?? 7;
    const now = Date.now();
    let silent = 0;
    for (const item of items) {
      const lastCheckin = item.kind === 'kcareServer' || item.kind === 'imServer' ? item.server.lastCheckin : undefined;
      if (lastCheckin !== undefined && checkinState(lastCheckin, staleDays, now) !== 'fresh') silent++;
    }
    return silent;
  }

  /**
   * What is known of the items under `node`: its loaded list or, for a key or group not opened,
   * the servers the account's cache holds from another read (All Servers, Find, a check …); no request.
   */
  private known(node: TreeNode): readonly ExplorerNode[] | undefined {
    const loaded = this.loadedItems(node);
    if (loaded || isPlaceholder(node) || serverReadOf(node) === undefined) return loaded;
    const account = this.options.account();
    const cached = account && cachedServers(account, node);
    const seen = this.peeked.get(node);
    // Read before and gone from the cache since (its lifetime ended): kept, as an opened list is.
    if (!cached) return seen?.items;
    if (seen && seen.source === cached.source) return seen.items;
    const items = cached.build();
    this.peeked.set(node, { source: cached.source, items });
    return items;
  }

  /**
   * The rows handed out that show what a read of servers answered (`cacheKey` of the read): the
   * keys or groups it lists the servers of; with a filter or "problems only", the lists holding
   * them (a row may start or stop showing, and the "not checked" row counts again); undefined: the whole view.
   */
  rowsShowing(read: string): TreeNode[] | undefined {
    const out = new Set<TreeNode>();
    for (const state of this.keyLists) {
      const rows = state.byRead?.get(read);
      if (!rows) continue;
      if (!this.narrowed) for (const row of rows) out.add(row);
      else if (state.owner) {
        // A folder's family counts what the folder shows: it renders again with it.
        out.add(state.owner.kind === 'family' ? state.owner : (this.parentOf(state.owner) ?? state.owner));
      } else return undefined;
    }
    return [...out];
  }

  /**
   * With "problems only": how many keys under a folder (a family, a product folder) are not checked
   * yet, down through folders of folders; undefined when none (or the list is not loaded).
   */
  uncheckedCount(node: TreeNode): number | undefined {
    if (!this.arrangement.problemsOnly || isPlaceholder(node) || (node.kind !== 'family' && !isDerived(node))) return undefined;
    let count = 0;
    for (const item of this.loadedItems(node) ?? []) count += isDerived(item) ? (this.uncheckedCount(item) ?? 0) : this.isUnchecked(item) ? 1 : 0;
    return count || undefined;
  }

  /**
   * With "problems only": the keys under `parent` (its list) whose servers are not read yet, so
   * whether they are problems is not known; they stand behind one "not checked" row.
   */
  unchecked(parent: TreeNode | undefined): ExplorerNode[] {
    if (!this.arrangement.problemsOnly) return [];
    return (this.loadedItems(parent) ?? []).filter((item) => this.isUnchecked(item));
  }

  /**
   * Reads the count of each family the top level shows and has not loaded (one request each, the
   * one opening the family sends anyway, so it is then answered from the cache); each family's row
   * renders again with its count.
   */
  private countFamilies(account: AccountService, shown: readonly TreeNode[]): void {
    for (const node of shown) {
      if (node.kind !== 'family' || this.totals.has(node.family) || this.counting.has(node.family) || this.loadedItems(node)) continue;
      const family = node.family;
      this.counting.add(family);
      const force = this.recount.delete(family);
      countFamily(family, account, { force }).then(
        (total) => {
          this.counting.delete(family);
          if (total === undefined || this.options.account() !== account) return;
          this.totals.set(family, total);
          this.options.changed?.([node]);
        },
        // The count is a courtesy: opening the family says what failed.
        () => this.counting.delete(family),
      );
    }
  }

  /**
   * For a reveal: the first item under `parent` that `match` accepts, once its
   * list is loaded. A shown item is returned after widening the page to
   * include it ("Load more" as far as needed); 'hidden' when the filter hides it.
   */
  find(parent: TreeNode | undefined, match: (node: ExplorerNode) => boolean): ExplorerNode | 'hidden' | undefined {
    const state = this.lists.get(parent ? this.idOf(parent) : ROOT);
    const all = state?.loaded?.items;
    if (!state || !all) return undefined;
    const items = this.arranged(all);
    const at = items.findIndex(match);
    if (at < 0) return all.some(match) ? 'hidden' : undefined;
    if (at >= state.shown) state.shown = Math.ceil((at + 1) / this.options.pageSize()) * this.options.pageSize();
    return items[at];
  }

  /** True when `node` was handed out by this tree. */
  owns(node: TreeNode): boolean {
    return this.meta.has(node);
  }

  /** Shows the next page of the list `more` ends; returns the list's node to re-render (undefined: the top level). */
  loadMore(more: LoadMoreNode): TreeNode | undefined {
    const parent = this.parentOf(more);
    const state = this.lists.get(parent ? this.idOf(parent) : ROOT);
    if (state) state.shown += this.options.pageSize();
    return parent;
  }

  /**
   * Forgets `node`'s list and everything loaded below it; the next loads skip
   * the cache. A derived container refreshes its parent. Returns the node to
   * re-render (undefined: the whole view).
   */
  refresh(node?: TreeNode): TreeNode | undefined {
    let target = node;
    while (target && (isDerived(target) || target.kind === 'message' || target.kind === 'loadMore')) target = this.parentOf(target);
    const families = !target ? [...this.totals.keys()] : target.kind === 'family' ? [target.family] : [];
    for (const family of families) {
      this.totals.delete(family);
      this.recount.add(family);
    }
    this.drop(target ? this.idOf(target) : ROOT, true);
    return target;
  }

  /**
   * After a change to the account: forgets the lists of the affected families
   * (the account cache already dropped their data). Returns the nodes to
   * re-render; undefined means the whole view.
   */
  invalidate(tags: readonly CacheTag[]): TreeNode[] | undefined {
    if (this.view === 'groups' || this.view === 'servers') {
      const mine: CacheTag[] = this.view === 'groups' ? ['group'] : ['group', 'ipl', 'kcare', 'im', 'els', 'cl'];
      if (!tags.some((tag) => mine.includes(tag))) return [];
      this.drop(ROOT, false);
      return undefined;
    }
    const families = new Set(tags.map(familyOfTag).filter(Boolean));
    for (const family of families) if (family) this.totals.delete(family);
    const affected = (this.loadedItems() ?? []).filter((node) => node.kind === 'family' && families.has(node.family));
    for (const family of affected) this.drop(this.idOf(family), false);
    // A retired family is listed only while it holds something: the top level asks again.
    if (affected.some((node) => node.kind === 'family' && FAMILIES[node.family].retired)) {
      this.lists.delete(ROOT);
      return undefined;
    }
    return affected;
  }

  /** Forgets everything (sign-in, sign-out, demo). */
  reset(): void {
    this.totals.clear();
    this.recount.clear();
    for (const state of this.lists.values()) state.abort?.abort();
    this.lists.clear();
    this.keyLists.clear();
    this.forced.clear();
  }

  private drop(key: string, force: boolean): void {
    for (const [id, state] of this.lists) {
      if (key !== ROOT && id !== key && !id.startsWith(`${key}/`)) continue;
      if (force && !state.derived) this.forced.add(id);
      state.abort?.abort();
      this.lists.delete(id);
      this.keyLists.delete(state);
    }
    if (force) this.forced.add(key);
  }

  private startLoad(key: string, node: ExplorerNode | undefined, account: AccountService): ListState {
    const state: ListState = { shown: this.options.pageSize(), derived: false, owner: node };
    const force = this.forced.delete(key);
    this.lists.set(key, state);
    state.pending = loadChildren(this.view, node, account, { force }).then(
      (loaded) => {
        if (this.lists.get(key) === state) {
          this.store(key, node, state, loaded);
          if (loaded.details) this.fillDetails(state, loaded, loaded.details);
          if (loaded.rest) this.awaitRest(key, node, state, loaded.rest.loaded);
        } else {
          // Forgotten while it loaded (a change, a refresh): a request already waiting for it still hands it out, under its own ids.
          state.loaded = loaded;
          this.name(key, node, loaded.items);
        }
      },
      (error: unknown) => {
        const detail = (error as { detail?: unknown }).detail;
        state.error = { label: loadFailureLabel(error), message: error instanceof Error ? error.message : String(error), detail: typeof detail === 'string' ? detail : undefined };
        // A failed load is not kept: the next look (or Retry) tries again.
        if (this.lists.get(key) === state) this.forced.add(key);
      },
    );
    return state;
  }

  /**
   * Fills in the details of a stored list while it is shown: the filled rows
   * render again one by one (same ids, same order); if some details fail, the
   * lists say so in a warning row.
   */
  private fillDetails(state: ListState, loaded: Loaded, details: Details): void {
    const abort = new AbortController();
    state.abort = abort;
    // The list is handed out first (this runs before the request for it resumes): the details' requests start after.
    const start = new Promise<void>((resolve) => setTimeout(resolve, 0));
    state.filling = start
      .then(() => (abort.signal.aborted ? undefined : this.runDetails(details, abort)))
      .then(
        () => undefined,
        (error: unknown) => {
          if (abort.signal.aborted || !(error instanceof ClnError) || error.kind === 'cancelled') return;
          // The whole list may have replaced the part first shown meanwhile: the warning goes on what shows.
          const shown = state.loaded ?? loaded;
          for (const list of [shown, ...(shown.prefilled?.values() ?? [])]) list.warning = error;
          this.options.changed?.([...(shown.prefilled?.keys() ?? shown.items)]);
        },
      );
  }

  private runDetails(details: Details, abort: AbortController): Promise<void> {
    return details.run((items) => {
      if (abort.signal.aborted) return;
      for (const item of items) forgetFilterText(item);
      // With a filter or "problems only", a filled row may start or stop showing, and a sort may move it: its list renders again.
      const changed = this.narrowed || this.arrangement.sort !== 'default' ? [...new Set(items.map((item) => this.parentOf(item)))].filter((n): n is TreeNode => n !== undefined) : items;
      this.options.changed?.(changed);
    }, abort.signal);
  }

  /**
   * The whole list, once its dependent reads are done, replaces the part shown
   * first: one re-render of the list. If they fail, the part stays with a
   * warning row (Retry reloads the list).
   */
  private awaitRest(key: string, node: TreeNode | undefined, state: ListState, rest: Promise<Loaded>): void {
    const rerender = () => this.options.changed?.(node ? [node] : undefined);
    state.growing = rest.then(
      (complete) => {
        if (this.lists.get(key) !== state) return;
        // The details already filling in keep going: the complete list reuses their nodes.
        this.store(key, node, state, { ...complete, details: undefined });
        state.sorted = undefined;
        rerender();
      },
      (error: unknown) => {
        if (this.lists.get(key) !== state || !state.loaded) return;
        const warning = error instanceof ClnError ? error : new ClnError('malformed', error instanceof Error ? error.message : String(error));
        if (warning.kind === 'cancelled') return;
        state.loaded = { ...state.loaded, rest: undefined, warning };
        rerender();
      },
    );
    this.options.track?.(state.growing);
  }

  /**
   * Gives each item of a list its id: the parent's id and the item's local key (a key's is its
   * keyId, never the key string). A node that already has an id under this parent keeps it (the
   * complete list replacing the part shown first reuses the part's nodes), so the same object has
   * the same id on every render; two items of one list never share one (a repeated local key gets
   * `~2`, `~3` …, after the ids kept).
   */
  private store(key: string, parent: TreeNode | undefined, state: ListState, loaded: Loaded, pageSize = this.options.pageSize()): void {
    state.loaded = loaded;
    state.details = loaded.details ?? state.details;
    this.indexReads(state, loaded.items);
    const ids = this.name(key, parent, loaded.items);
    for (const item of loaded.items) {
      const sub = loaded.prefilled?.get(item);
      if (sub) {
        // The page size is read once per list (it is a setting read; All Servers stores thousands of these lists).
        const child: ListState = { shown: pageSize, derived: true, details: loaded.details ?? state.details, owner: item };
        const id = ids.get(item)!;
        this.lists.set(id, child);
        this.store(id, item, child, sub, pageSize);
      }
    }
  }

  /** Notes the keys (groups) of a list by the read that lists their servers; other lists are left alone (All Servers holds thousands). */
  private indexReads(state: ListState, items: readonly ExplorerNode[]): void {
    if (this.view === 'servers' || items.length === 0 || serverReadOf(items[0]) === undefined) return;
    const byRead = new Map<string, ExplorerNode[]>();
    for (const item of items) {
      const read = serverReadOf(item);
      if (read !== undefined) appendTo(byRead, read, item);
    }
    state.byRead = byRead;
    this.keyLists.add(state);
  }

  /**
   * Gives each item of a list its id: the parent's id and the item's local key (what the item is:
   * a key's keyId, never the key string; a license's IP and type; a server's id). A node that
   * already has an id under this parent keeps it, so the same object has the same id on every
   * render; two items of one list never share one (a repeated local key gets `~2`, `~3` …, after
   * the ids kept).
   */
  private name(key: string, parent: TreeNode | undefined, items: readonly ExplorerNode[]): Map<ExplorerNode, string> {
    const prefix = key === ROOT ? '' : `${key}/`;
    const taken = new Set<string>();
    const ids = new Map<ExplorerNode, string>();
    for (const item of items) {
      const known = this.meta.get(item);
      if (!known || known.parent !== parent || taken.has(known.id)) continue;
      const own = `${prefix}${localKey(item)}`;
      if (known.id === own || known.id.startsWith(`${own}~`)) {
        ids.set(item, known.id);
        taken.add(known.id);
      }
    }
    for (const item of items) {
      let id = ids.get(item);
      if (id === undefined) {
        const local = localKey(item);
        id = `${prefix}${local}`;
        for (let n = 2; taken.has(id); n++) id = `${prefix}${local}~${n}`;
        taken.add(id);
        ids.set(item, id);
      }
      this.meta.set(item, { id, parent });
    }
    return ids;
  }

  private visibleChildren(key: string, node: TreeNode | undefined, state: ListState): TreeNode[] {
    if (state.error) {
      if (this.lists.get(key) === state) this.lists.delete(key);
      const { label, message, detail } = state.error;
      return [this.register({ kind: 'message', tone: 'error', text: label, detail: detail ? `${message}\n\n${detail}` : message, retry: true }, key, node)];
    }
    const all = this.itemsOf(key, state);
    const items = this.arranged(all);
    const out: TreeNode[] = items.length > state.shown ? items.slice(0, state.shown) : [...items];
    // "Problems only": keys whose servers are not read yet are not listed one by one, but behind one row that reads them (on a click, never by itself).
    const unchecked = this.arrangement.problemsOnly ? all.filter((item) => this.isUnchecked(item)) : [];
    if (unchecked.length > 0) out.unshift(this.register(this.uncheckedRow(unchecked), key, node));
    if (items.length > state.shown) {
      out.push(this.register<LoadMoreNode>({ kind: 'loadMore', remaining: items.length - state.shown }, key, node));
    }
    const rest = state.loaded?.rest;
    if (rest) out.push(this.register({ kind: 'message', tone: 'loading', text: rest.text }, key, node));
    else if (items.length === 0 && unchecked.length === 0) {
      const text = all.length === 0 ? emptyText(node as ExplorerNode | undefined, this.view) : this.needle ? l10n.t('No matches for "{0}"', this.needle) : l10n.t('No problems here');
      out.push(this.register({ kind: 'message', tone: 'empty', text }, key, node));
    }
    const warning = state.loaded?.warning;
    if (warning)
      out.push(
        this.register(
          { kind: 'message', tone: 'warning', text: loadFailureLabel(warning, true), detail: warning.detail ? `${warning.message}\n\n${warning.detail}` : warning.message, retry: true },
          key,
          node,
        ),
      );
    return out;
  }

  /** A list's items in the view's order (All Servers sorts its rows; the rest keep CLN's order). */
  private itemsOf(key: string, state: ListState): ExplorerNode[] {
    const items = state.loaded?.items ?? [];
    if (this.view !== 'servers' || key !== ROOT) return items;
    // The loader hands All Servers' rows in IP order already: sorted again only for another order.
    if (state.sorted?.order !== this.hostOrder) state.sorted = { order: this.hostOrder, items: state.loaded?.order === this.hostOrder ? items : sortHosts(items as NodeOf<'host'>[], this.hostOrder) };
    return state.sorted.items;
  }

  private register<N extends MessageNode | LoadMoreNode>(node: N, key: string, parent: TreeNode | undefined): N {
    const local = localKey(node);
    this.meta.set(node, { id: key === ROOT ? local : `${key}/${local}`, parent });
    return node;
  }

  private get narrowed(): boolean {
    return Boolean(this.needle) || this.arrangement.problemsOnly;
  }

  /** A list as shown: narrowed by the filter and "problems only", in the chosen order. */
  private arranged(all: readonly ExplorerNode[]): ExplorerNode[] {
    return sortItems(this.narrowed ? all.filter((item) => this.isVisible(item)) : all, this.arrangement.sort);
  }

  /**
   * With a filter or "problems only": a node shows if it qualifies itself, or if anything known
   * below it does (its loaded list, or for a key or group not opened, the servers the account's
   * cache holds). With a filter, families always show; with "problems only", a family shows until
   * its list is loaded and holds none (nor keys not checked), and a key whose servers are not read
   * yet is not listed: it stands behind its list's "not checked" row (`isUnchecked`).
   */
  private isVisible(node: ExplorerNode): boolean {
    if (!this.narrowed) return true;
    if (node.kind === 'family') {
      // A filter keeps every family (its count says how many match); "problems only" hides one whose list is loaded and holds none.
      if (!this.arrangement.problemsOnly) return true;
      const items = this.lists.get(this.idOf(node))?.loaded?.items;
      return items === undefined || items.some((child) => this.holds(child));
    }
    const below = this.known(node);
    const matches = !this.needle || matchesFilter(node, this.needle);
    if (matches && (!this.arrangement.problemsOnly || isProblem(node, this.options.staleDays?.() ?? 7, Date.now(), below?.length))) return true;
    return below !== undefined && below.some((child) => this.holds(child));
  }

  /** A node shows, or stands behind a "not checked" row of its list. */
  private holds(node: ExplorerNode): boolean {
    return this.isVisible(node) || this.isUnchecked(node);
  }

  /**
   * With "problems only": a key (any node whose children come from a request of its own) that
   * matches the filter, whose servers are not read yet, and that is not a problem by what is known
   * (an Imunify key's list says its server count: one over its limit or without servers shows).
   */
  private isUnchecked(node: ExplorerNode): boolean {
    if (!this.arrangement.problemsOnly || node.kind === 'family' || !hasOwnLoader(node)) return false;
    if (this.needle && !matchesFilter(node, this.needle)) return false;
    return this.known(node) === undefined && !isProblem(node, this.options.staleDays?.() ?? 7, Date.now(), undefined);
  }

  /** "12 keys not checked — Check Their Servers": the row standing for a list's unchecked keys. */
  private uncheckedRow(keys: readonly ExplorerNode[]): MessageNode {
    const count = keys.length;
    // KernelCare and Imunify list servers key by key; ELS and CloudLinux OS product by product (the keys of one product share the read).
    const requests = new Set(keys.map((key) => serverReadOf(key) ?? (key.kind === 'clKey' ? key.key.product : localKey(key)))).size;
    const how =
      requests === 1
        ? count === 1
          ? l10n.t('Click to read them: one request.')
          : l10n.t('Click to read them: one request for their product.')
        : requests === count
          ? l10n.t('Click to read them: one request per key ({0} requests, a few at a time; cancellable).', requests.toLocaleString('en-US'))
          : l10n.t('Click to read them: one request per product ({0} requests; cancellable).', requests.toLocaleString('en-US'));
    const why =
      count === 1
        ? l10n.t('Show Problems Only lists this key once its servers are read: its list does not say how many servers it has or whether they check in.')
        : l10n.t('Show Problems Only lists these keys once their servers are read: their list does not say how many servers each has or whether they check in.');
    return {
      kind: 'message',
      tone: 'unchecked',
      text: plural(count, l10n.t('{0} key not checked — Check Its Servers'), l10n.t('{0} keys not checked — Check Their Servers')),
      detail: `${why} ${how}`,
    };
  }
}
