/**
 * When a tree view's rows render again as data fills in, without `vscode`.
 *
 * VS Code's extension host merges a tree's change events in a 200 ms window
 * that every new event restarts (ExtHostTreeView: `Event.debounce(…, 200,
 * true)`): the first event after a quiet spell is sent at once, the rest only
 * once events stop for 200 ms. Detail batches that return every few tens of
 * milliseconds therefore reached the screen only after the last one, and every
 * event made the extension host match all the nodes it names against the rows
 * it knows. So the changes that data fills cause go out paced: at most one
 * event per interval (longer than that window, so each one is sent at once),
 * naming only rows the workbench was handed (the others render from the data
 * when they are first shown), and never for a node whose children are being
 * handed out or for one of its ancestors (refreshing those would fetch again
 * the list being delivered). What the user asked for (Refresh, Load more, a
 * change to the account) goes out at once — but it too waits while a list at
 * or below its node is being handed out.
 *
 * Why nothing may be fired then (VS Code's ExtHostTreeView): a fetch of a
 * node's children takes the node's record before it awaits getChildren and
 * registers the children under that record after. A change event for the node
 * or an ancestor handled meanwhile (refreshNode: clearChildren, then a new
 * record) leaves the children registered under a record nobody reaches: their
 * ids stay taken, and every later fetch of that list fails with "Element with
 * id … is already registered" — the branch stays empty until a window reload.
 * The extension host may also hold an event back (its 200 ms window, its queue
 * of refreshes), so a fetch can still start before it is handled. That overlap
 * is seen here (a fetch starts, or the extension host asks for a node's item,
 * while a list below it is being handed out), and once no list is being handed
 * out the whole view renders again: a change of the whole view makes VS Code
 * cancel what is being fetched and forget every record, the stray ones too.
 *
 * Why a list just handed out settles first (VS Code's workbench, treeView.ts): the
 * workbench keeps a node's children on its item, a change event for the node clears
 * them, and the answer to a fetch of the node's children writes them there when it
 * arrives. When the answer and the change leave the extension host in the same
 * write, the workbench takes both in one task: the change clears the children, then
 * the answer (resolved in that task's microtasks) writes them back, and the
 * re-render's own fetch is answered from them, children whose records the change
 * had just removed from the extension host. The rows look right, but every later
 * request for one of them (expanding it) is answered "No tree item with id …"
 * with nothing: the branch opens empty and never fills. So a change naming a node
 * (the whole view: the top level) waits SETTLE_MS after the node's list was
 * handed out, time for the answer to leave on its own.
 */
import { REAL_TIMERS, type Timers } from '../services/timers';
import type { TreeNode } from './nodes';

export type { Timers };

/** Longer than the extension host's 200 ms window, so each paced event is sent at once. */
export const CHANGE_INTERVAL_MS = 250;

/** How long after a node's list is handed out a change naming the node waits (see above). */
export const SETTLE_MS = 50;

export interface ChangePacerOptions {
  /** Sends a change event: these nodes (and what is under them), or undefined for the whole view. */
  fire(nodes: TreeNode[] | undefined): void;
  parentOf(node: TreeNode): TreeNode | undefined;
  intervalMs?: number;
  settleMs?: number;
  timers?: Timers;
}

/** The top level's key among the lists being handed out. */
const TOP = Symbol('top');
type ListKey = TreeNode | typeof TOP;

export class ChangePacer {
  /** Nodes the workbench was handed (they may be on screen). */
  private readonly shown = new WeakSet<TreeNode>();
  /** Lists being handed out, by their parent, with how many requests for each are under way. */
  private readonly fetching = new Map<ListKey, number>();
  private readonly pending = new Set<TreeNode>();
  /** Changes the user asked for, waiting only for a list below their node to be handed out. */
  private readonly urgent = new Set<TreeNode>();
  private whole = false;
  /** A fetch overlapped a re-render of a node above its list: the whole view renders again once no list is being handed out. */
  private overlapped = false;
  /** Until when a change naming a node (the top level: TOP) waits: its list was just handed out. */
  private readonly settling = new WeakMap<TreeNode, number>();
  private topSettling = Number.NEGATIVE_INFINITY;
  /** The user asked for the whole view while the top level was settling. */
  private urgentWhole = false;
  private urgentTimer: unknown;
  /** Callers of now() waiting for their change to be sent (a reveal must follow the re-render it asked for). */
  private readonly waiting: { node: TreeNode | undefined; sent: () => void }[] = [];
  private timer: unknown;
  private last = Number.NEGATIVE_INFINITY;
  private disposed = false;
  private readonly interval: number;
  private readonly settle: number;
  private readonly timers: Timers;

  constructor(private readonly options: ChangePacerOptions) {
    this.interval = options.intervalMs ?? CHANGE_INTERVAL_MS;
    this.settle = options.settleMs ?? SETTLE_MS;
    this.timers = options.timers ?? REAL_TIMERS;
  }

  /**
   * The workbench asks for `parent`'s children (undefined: the top level).
   * Call the returned function once they are handed out (with them), or
   * without children when the request failed.
   */
  fetch(parent: TreeNode | undefined): (children?: readonly TreeNode[]) => void {
    const key: ListKey = parent ?? TOP;
    // The extension host clears the records below `parent` as this fetch starts: a list being handed out there is orphaned.
    if (parent === undefined ? this.fetching.size > 0 : this.busy().has(parent)) this.overlapped = true;
    this.fetching.set(key, (this.fetching.get(key) ?? 0) + 1);
    let done = false;
    return (children) => {
      if (done) return;
      done = true;
      for (const child of children ?? []) this.shown.add(child);
      const until = this.timers.now() + this.settle;
      if (key === TOP) this.topSettling = until;
      else this.settling.set(key, until);
      const left = (this.fetching.get(key) ?? 1) - 1;
      if (left > 0) this.fetching.set(key, left);
      else this.fetching.delete(key);
      // After the extension host has registered the children (it does so right after this request resolves).
      if (this.urgent.size > 0 || (this.overlapped && this.fetching.size === 0)) this.timers.setTimeout(() => this.sendUrgent(), 0);
      if (this.whole || this.pending.size > 0) this.schedule();
    };
  }

  /**
   * The extension host asks for `node`'s item: it renders the node again (a change
   * event being handled) or lists it under its parent. Either replaces the records
   * below it; a list being handed out there is orphaned.
   */
  rendered(node: TreeNode): void {
    if (this.fetching.size > 0 && this.busy().has(node)) this.overlapped = true;
  }

  /** Data changed in these nodes (undefined: the whole view): the rows shown render again, paced. */
  changed(nodes: readonly TreeNode[] | undefined): void {
    if (this.disposed) return;
    if (nodes === undefined) this.whole = true;
    else for (const node of nodes) if (this.shown.has(node)) this.pending.add(node);
    if (this.whole || this.pending.size > 0) this.schedule();
  }

  /** A change the user asked for: sent at once, or once its list is handed out and settled. Resolves when it is sent. */
  now(node: TreeNode | undefined): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (node === undefined) {
      // VS Code cancels the fetches under way when the whole view changes: nothing to wait for but a top level just handed out.
      this.whole = false;
      this.pending.clear();
      this.urgent.clear();
      this.urgentWhole = true;
    } else {
      this.pending.delete(node);
      this.urgent.add(node);
    }
    this.sendUrgent();
    if (!this.waitsToSend(node)) return Promise.resolve();
    return new Promise((sent) => this.waiting.push({ node, sent }));
  }

  private waitsToSend(node: TreeNode | undefined): boolean {
    return !this.disposed && (this.urgentWhole || (node !== undefined && this.urgent.has(node)));
  }

  /** Sends the changes the user asked for whose lists are not being handed out (or the whole view: asked for, or after an overlap once no list is being handed out). */
  private sendUrgent(): void {
    if (this.disposed) return;
    const now = this.timers.now();
    if (this.urgentWhole || (this.overlapped && this.fetching.size === 0)) {
      if (this.settlingUntil(TOP) > now) return this.retryUrgentAt(this.settlingUntil(TOP));
      this.overlapped = false;
      this.urgentWhole = false;
      this.urgent.clear();
      this.pending.clear();
      this.whole = false;
      this.send(undefined);
      return;
    }
    if (this.urgent.size === 0) return;
    const { ready, next } = this.settled(this.urgent, now);
    if (next !== undefined) this.retryUrgentAt(next);
    if (ready.length === 0) return;
    for (const node of ready) this.urgent.delete(node);
    this.send(this.outermost(ready));
  }

  /** Of `nodes` whose lists are not being handed out: those settled, and when the next one still settling is. */
  private settled(nodes: Iterable<TreeNode>, now: number): { ready: TreeNode[]; next?: number } {
    const busy = this.busy();
    const ready: TreeNode[] = [];
    let next: number | undefined;
    for (const node of nodes) {
      if (busy.has(node)) continue;
      const until = this.settlingUntil(node);
      if (until <= now) ready.push(node);
      else next = Math.min(next ?? until, until);
    }
    return { ready, next };
  }

  private settlingUntil(key: ListKey): number {
    return key === TOP ? this.topSettling : (this.settling.get(key) ?? Number.NEGATIVE_INFINITY);
  }

  /** Runs sendUrgent again at `at` (once a list settled). */
  private retryUrgentAt(at: number): void {
    if (this.urgentTimer !== undefined || this.disposed) return;
    this.urgentTimer = this.timers.setTimeout(
      () => {
        this.urgentTimer = undefined;
        this.sendUrgent();
      },
      Math.max(0, at - this.timers.now()),
    );
  }

  /** Nodes whose list, or a list below them, is being handed out. */
  private busy(): Set<TreeNode | typeof TOP> {
    const busy = new Set<TreeNode | typeof TOP>();
    for (const key of this.fetching.keys()) {
      if (key === TOP) {
        busy.add(TOP);
        continue;
      }
      for (let node: TreeNode | undefined = key; node && !busy.has(node); node = this.options.parentOf(node)) busy.add(node);
    }
    return busy;
  }

  /** The nodes that are not under another one of them (a node renders with its ancestor). */
  private outermost(nodes: TreeNode[]): TreeNode[] {
    const named = new Set(nodes);
    return nodes.filter((node) => {
      for (let up = this.options.parentOf(node); up; up = this.options.parentOf(up)) if (named.has(up)) return false;
      return true;
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    if (this.urgentTimer !== undefined) this.timers.clearTimeout(this.urgentTimer);
    this.timer = undefined;
    this.urgentTimer = undefined;
    this.pending.clear();
    this.urgent.clear();
    this.release();
  }

  /** Flushes once the interval after the last event has passed (and not before `at`). */
  private schedule(at = Number.NEGATIVE_INFINITY): void {
    if (this.timer !== undefined || this.disposed) return;
    const wait = Math.max(0, Math.max(this.last + this.interval, at) - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (this.disposed) return;
    // Something was sent at once meanwhile: keep the interval after it.
    if (this.timers.now() < this.last + this.interval) return this.schedule();
    const now = this.timers.now();
    if (this.whole) {
      // The top level is being handed out: that request's end schedules this again.
      if (this.fetching.has(TOP)) return;
      if (this.settlingUntil(TOP) > now) return this.schedule(this.settlingUntil(TOP));
      this.whole = false;
      this.pending.clear();
      this.send(undefined);
      return;
    }
    if (this.fetching.has(TOP)) return;
    const { ready, next } = this.settled(this.pending, now);
    for (const node of ready) this.pending.delete(node);
    // A node under another one in the same event renders with it.
    if (ready.length > 0) this.send(this.outermost(ready));
    // A node whose list was just handed out goes in a later event (a busy one: when its list is out).
    if (next !== undefined) this.schedule(next);
  }

  private send(nodes: TreeNode[] | undefined): void {
    this.last = this.timers.now();
    this.options.fire(nodes);
    this.release();
  }

  /** Resolves the now() callers whose change has gone out. */
  private release(): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const waiter = this.waiting[i];
      if (this.waitsToSend(waiter.node)) continue;
      this.waiting.splice(i, 1);
      waiter.sent();
    }
  }
}
