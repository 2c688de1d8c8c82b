/**
 * When to check CLN's health: every interval while the window is in use,
 * not at all once it has been unfocused for longer than one interval, and
 * at once on regaining focus if the last check is older than an interval.
 * No `vscode` here; timers are injectable for tests.
 */
import { MAX_TIMER_MS, SETTINGS } from '../../../services/settings';
import { REAL_TIMERS, type Timers } from '../../../services/timers';

export type { Timers };

/** The shortest interval polled at (cln.statusRefreshInterval's floor): a smaller one is this, never a loop without pause. */
export const MIN_POLL_MS = SETTINGS.statusRefreshInterval.floor * 1000;

export class PollSchedule {
  private timer: unknown;
  private started = false;
  private focused = true;
  private blurredAt = 0;
  private lastPoll = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly poll: () => Promise<unknown>,
    /** Milliseconds between checks; 0 (or less, or NaN) turns polling off; bounded to [MIN_POLL_MS, MAX_TIMER_MS]. */
    private readonly intervalMs: () => number,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  get isStarted(): boolean {
    return this.started;
  }

  /** Starts polling, the first check after `delayMs` (never during activation). */
  start(delayMs: number): void {
    this.started = true;
    this.schedule(delayMs);
  }

  /** The interval changed: the next check is one new interval after the last one. */
  reschedule(): void {
    if (!this.started) return;
    const interval = this.interval();
    this.schedule(interval > 0 ? Math.max(0, this.lastPoll + interval - this.timers.now()) : undefined);
  }

  setFocused(focused: boolean): void {
    if (focused === this.focused) return;
    this.focused = focused;
    if (!focused) {
      this.blurredAt = this.timers.now();
      return;
    }
    const interval = this.interval();
    if (this.started && interval > 0 && this.timers.now() - this.lastPoll >= interval) this.schedule(0);
  }

  /** A check made outside the schedule (a click, a refresh) counts as the latest one. */
  noteChecked(): void {
    this.lastPoll = this.timers.now();
  }

  dispose(): void {
    this.started = false;
    this.schedule(undefined);
  }

  /** The interval as polled: 0 is off; anything else at least MIN_POLL_MS and at most the longest timer. */
  private interval(): number {
    const ms = this.intervalMs();
    return ms > 0 ? Math.min(MAX_TIMER_MS, Math.max(MIN_POLL_MS, ms)) : 0;
  }

  private schedule(delayMs: number | undefined): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = delayMs === undefined || this.interval() <= 0 ? undefined : this.timers.setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const interval = this.interval();
    if (interval <= 0) return;
    // Unfocused for longer than an interval: stop until focus returns.
    if (!this.focused && this.timers.now() - this.blurredAt > interval) return;
    this.lastPoll = this.timers.now();
    try {
      await this.poll();
    } finally {
      if (this.started && this.timer === undefined) this.schedule(interval);
    }
  }
}
