/**
 * When the status bar checks CLN's health (status/pollSchedule.ts), on a virtual clock: the checks
 * that happen, and when, as a user leaves the window, comes back or changes the interval.
 */
import * as assert from 'node:assert/strict';
import { PollSchedule, Timers } from '../../src/features/status/core/pollSchedule';

/** A clock that only moves when told; timers fire in time order as it passes them. */
class VirtualClock implements Timers {
  private time = 0;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Moves the clock forward, firing what falls due (and letting each check's promise settle). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next || next[1].at > end) break;
      this.pending.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    this.time = end;
  }
}

const MIN = 60_000;

describe('status bar polling (PollSchedule on a virtual clock)', () => {
  let clock: VirtualClock;
  let checks: number[];
  let interval: number;
  let schedule: PollSchedule;

  beforeEach(() => {
    clock = new VirtualClock();
    checks = [];
    interval = 5 * MIN;
    schedule = new PollSchedule(
      async () => void checks.push(clock.now()),
      () => interval,
      clock,
    );
  });
  afterEach(() => schedule.dispose());

  it('checks once shortly after start, then every interval', async () => {
    schedule.start(3000);
    await clock.advance(16 * MIN);
    assert.deepEqual(checks, [3000, 3000 + 5 * MIN, 3000 + 10 * MIN, 3000 + 15 * MIN]);
  });

  it('stops checking once the window has been unfocused for longer than an interval, and checks at once on return', async () => {
    schedule.start(0);
    await clock.advance(1);
    schedule.setFocused(false);
    await clock.advance(30 * MIN);
    assert.deepEqual(checks, [0, 5 * MIN], 'one more check within the first interval away, then none');
    schedule.setFocused(true);
    await clock.advance(1);
    assert.deepEqual(checks, [0, 5 * MIN, 30 * MIN + 1]);
    await clock.advance(5 * MIN);
    assert.equal(checks.length, 4, 'and every interval again');
  });

  it('a short absence changes nothing: no extra check on return', async () => {
    schedule.start(0);
    await clock.advance(1 * MIN);
    schedule.setFocused(false);
    await clock.advance(1 * MIN);
    schedule.setFocused(true);
    await clock.advance(2 * MIN);
    assert.deepEqual(checks, [0]);
  });

  it('interval 0 turns polling off; a new interval counts from the last check', async () => {
    schedule.start(0);
    await clock.advance(1);
    interval = 0;
    schedule.reschedule();
    await clock.advance(60 * MIN);
    assert.deepEqual(checks, [0]);
    interval = 10 * MIN;
    schedule.reschedule();
    await clock.advance(1);
    assert.deepEqual(checks, [0, 60 * MIN + 1], 'the last check is long past: check now');
    await clock.advance(10 * MIN);
    assert.equal(checks.length, 3);
  });

  it('a check the user asks for counts as the latest: the next scheduled one follows an interval after it', async () => {
    schedule.start(0);
    await clock.advance(4 * MIN);
    schedule.noteChecked();
    schedule.reschedule();
    await clock.advance(5 * MIN);
    assert.deepEqual(checks, [0, 9 * MIN]);
  });

  it('nothing is checked after dispose', async () => {
    schedule.start(0);
    await clock.advance(1);
    schedule.dispose();
    await clock.advance(60 * MIN);
    assert.deepEqual(checks, [0]);
  });
});
