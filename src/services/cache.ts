import type { CacheTag } from '../cln/endpoints';

interface Entry {
  tag: CacheTag;
  value?: unknown;
  expires: number;
  /** The request in flight for this key; callers asking meanwhile share it. */
  pending?: Promise<unknown>;
}

/**
 * Read cache with a lifetime per entry and in-flight coalescing: two callers
 * asking for the same key at once cause one request. `force` skips a cached
 * value (a real refetch) but still joins a request already in flight, which
 * is at least as fresh. Invalidation drops entries and in-flight results alike.
 */
export class RequestCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  // Not `async`: a cached value or a shared request is handed out without one more promise per call.
  get<T>(key: string, tag: CacheTag, load: () => Promise<T>, options: { force?: boolean } = {}): Promise<T> {
    const entry = this.entries.get(key);
    if (entry?.pending) return entry.pending as Promise<T>;
    if (!options.force && entry && entry.expires > this.now()) return Promise.resolve(entry.value as T);
    const fresh: Entry = { tag, expires: 0 };
    let loading: Promise<T>;
    try {
      loading = load();
    } catch (error) {
      loading = Promise.reject(error);
    }
    const pending = loading.then(
      (value) => {
        // An invalidation while loading removed `fresh`: hand the value out but do not keep it.
        if (this.entries.get(key) === fresh) {
          fresh.value = value;
          fresh.expires = this.now() + this.ttlMs;
          fresh.pending = undefined;
        }
        return value;
      },
      (error) => {
        if (this.entries.get(key) === fresh) this.entries.delete(key);
        throw error;
      },
    );
    fresh.pending = pending;
    this.entries.set(key, fresh);
    return pending;
  }

  /**
   * Stores a value fetched outside `get` (one answer holding many keys: a batch of IPs). Loads in flight
   * for `key` are left to finish; the value stored is the one read last.
   */
  set(key: string, tag: CacheTag, value: unknown): void {
    const entry = this.entries.get(key);
    if (entry?.pending) return;
    this.entries.set(key, { tag, value, expires: this.now() + this.ttlMs });
  }

  /** The fresh value cached for `key`, if any (nothing in flight, nothing stale). */
  peek<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && !entry.pending && entry.expires > this.now() ? (entry.value as T) : undefined;
  }

  /** Fresh cached values whose key starts with `prefix`, without loading anything. */
  peekPrefix(prefix: string): { key: string; value: unknown }[] {
    const now = this.now();
    const found: { key: string; value: unknown }[] = [];
    for (const [key, entry] of this.entries) if (key.startsWith(prefix) && !entry.pending && entry.expires > now) found.push({ key, value: entry.value });
    return found;
  }

  /** Forgets every entry of these families, including requests in flight. */
  invalidate(tags: readonly CacheTag[]): void {
    for (const [key, entry] of this.entries) if (tags.includes(entry.tag)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
