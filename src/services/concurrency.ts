import { boundNumber, SETTINGS, timerDelay } from './settings';

/**
 * How many at once: `max` as the `cln.maxConcurrentRequests` setting bounds it (a whole number from
 * 1 to 32); 0, a negative number, NaN or a fraction below 1 is 1, so requests still go one at a time.
 */
export function concurrencyOf(max: number): number {
  return boundNumber(SETTINGS.maxConcurrentRequests, max) ?? 1;
}

/** Runs at most `max` tasks at once (see concurrencyOf); the rest wait in order. */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private max: number;

  constructor(max: number) {
    this.max = concurrencyOf(max);
  }

  get active(): number {
    return this.running;
  }

  /** Slots a task would start in at once. */
  get free(): number {
    return Math.max(0, this.max - this.running);
  }

  get queued(): number {
    return this.waiting.length;
  }

  setMax(max: number): void {
    this.max = concurrencyOf(max);
    this.drain();
  }

  /**
   * Runs `task` in a slot. The slot is freed when the task settles, or earlier when the task calls
   * `release` (once its request is answered: what is left is our own CPU, and the next request
   * should not wait for it).
   */
  async run<T>(task: (release: () => void) => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.running--;
      this.drain();
    };
    try {
      return await task(release);
    } finally {
      release();
    }
  }

  private drain(): void {
    while (this.running < this.max && this.waiting.length > 0) {
      this.running++;
      this.waiting.shift()!();
    }
  }
}

/** Maps `items` through `fn` with at most `limit` calls in flight (at least one), keeping order. */
export async function mapBounded<I, O>(items: readonly I[], limit: number, fn: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(items.length);
  // 0, NaN or a fraction would start no worker and answer a list of holes without calling fn.
  const workers = limit >= 1 ? Math.floor(Math.min(limit, items.length)) : 1;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export interface RateLimitBackoffOptions {
  /** After a rate limit, one more request in flight is allowed per this long without another; default 10 s. */
  recoverStepMs?: number;
  now?: () => number;
}

/**
 * How many requests may be in flight while CLN rate-limits (HTTP 429): each
 * rate limit halves the allowance (at least 1); every `recoverStepMs` without
 * another one gives one back, up to the configured maximum. Computed from the
 * clock when asked, so no timer is left running.
 */
export class RateLimitBackoff {
  private reducedTo: number | undefined;
  private since = 0;
  private readonly recoverStepMs: number;
  private readonly now: () => number;

  private max: number;

  constructor(max: number, options: RateLimitBackoffOptions = {}) {
    this.max = concurrencyOf(max);
    this.recoverStepMs = options.recoverStepMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The allowance now. */
  get allowed(): number {
    if (this.reducedTo === undefined) return this.max;
    const recovered = this.reducedTo + Math.floor((this.now() - this.since) / this.recoverStepMs);
    if (recovered >= this.max) {
      this.reducedTo = undefined;
      return this.max;
    }
    return recovered;
  }

  /** True while the allowance is below the configured maximum. */
  get reduced(): boolean {
    return this.allowed < this.max;
  }

  rateLimited(): void {
    this.reducedTo = Math.max(1, Math.floor(this.allowed / 2));
    this.since = this.now();
  }

  setMax(max: number): void {
    this.max = concurrencyOf(max);
    if (this.reducedTo !== undefined && this.reducedTo > this.max) this.reducedTo = this.max;
  }
}

/** `promise`'s value, or undefined when it has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), timerDelay(ms, 0));
    timer.unref?.();
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
