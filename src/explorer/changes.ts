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
 * change to the account) goes out at once.
 */
import { REAL_TIMERS, type Timers } from '../services/timers';
import type { TreeNode } from './nodes';

export type { Timers };

/** Longer than the extension host's 200 ms window, so each paced event is sent at once. */
export const CHANGE_INTERVAL_MS = 250;

export interface ChangePacerOptions {
  /** Sends a change event: these nodes (and what is under them), or undefined for the whole view. */
  fire(nodes: TreeNode[] | undefined): void;
  parentOf(node: TreeNode): TreeNode | undefined;
  intervalMs?: number;
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
  private whole = false;
  private timer: unknown;
  private last = Number.NEGATIVE_INFINITY;
  private disposed = false;
  private readonly interval: number;
  private readonly timers: Timers;

  constructor(private readonly options: ChangePacerOptions) {
    this.interval = options.intervalMs ?? CHANGE_INTERVAL_MS;
    this.timers = options.timers ?? REAL_TIMERS;
  }

  /**
   * The workbench asks for `parent`'s children (undefined: the top level).
   * Call the returned function once they are handed out (with them), or
   * without children when the request failed.
   */
  fetch(parent: TreeNode | undefined): (children?: readonly TreeNode[]) => void {
    const key: ListKey = parent ?? TOP;
    this.fetching.set(key, (this.fetching.get(key) ?? 0) + 1);
    let done = false;
    return (children) => {
      if (done) return;
      done = true;
      for (const child of children ?? []) this.shown.add(child);
      const left = (this.fetching.get(key) ?? 1) - 1;
      if (left > 0) this.fetching.set(key, left);
      else this.fetching.delete(key);
      if (this.whole || this.pending.size > 0) this.schedule();
    };
  }

  /** Data changed in these nodes (undefined: the whole view): the rows shown render again, paced. */
  changed(nodes: readonly TreeNode[] | undefined): void {
    if (this.disposed) return;
    if (nodes === undefined) this.whole = true;
    else for (const node of nodes) if (this.shown.has(node)) this.pending.add(node);
    if (this.whole || this.pending.size > 0) this.schedule();
  }

  /** A change the user asked for: sent at once. */
  now(node: TreeNode | undefined): void {
    if (this.disposed) return;
    if (node === undefined) {
      this.whole = false;
      this.pending.clear();
    } else this.pending.delete(node);
    this.send(node === undefined ? undefined : [node]);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.disposed) return;
    const wait = Math.max(0, this.last + this.interval - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (this.disposed) return;
    // Something was sent at once meanwhile: keep the interval after it.
    if (this.timers.now() < this.last + this.interval) return this.schedule();
    if (this.whole) {
      // The top level is being handed out: that request's end schedules this again.
      if (this.fetching.has(TOP)) return;
      this.whole = false;
      this.pending.clear();
      this.send(undefined);
      return;
    }
    if (this.fetching.has(TOP)) return;
    const busy = new Set<TreeNode>();
    for (const key of this.fetching.keys()) {
      for (let node: TreeNode | undefined = key as TreeNode; node && !busy.has(node); node = this.options.parentOf(node)) busy.add(node);
    }
    const ready = [...this.pending].filter((node) => !busy.has(node));
    if (ready.length === 0) return;
    for (const node of ready) this.pending.delete(node);
    // A node under another one in the same event renders with it.
    const named = new Set(ready);
    const outermost = ready.filter((node) => {
      for (let up = this.options.parentOf(node); up; up = this.options.parentOf(up)) if (named.has(up)) return false;
      return true;
    });
    this.send(outermost);
  }

  private send(nodes: TreeNode[] | undefined): void {
    this.last = this.timers.now();
    this.options.fire(nodes);
  }
}
