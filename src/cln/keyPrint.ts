/**
 * License keys (KernelCare, Imunify, ELS) are credentials: whoever has one can
 * register servers on it. Anything kept — the output channel (VS Code writes it
 * to disk), the journal, tree item ids (VS Code may keep them with a view's
 * state), document URIs (kept with the editors) — names a key by one of these,
 * never by the key itself. The key string shows only where a person asked for
 * it (the tooltip, Copy Key, View as JSON, an export with key strings chosen).
 * No `vscode` here.
 */
import { createHash } from 'crypto';

/** "K1abcdefgh9xyz" → "K1ab…9xyz": enough for a person to recognise a key, not enough to use it. */
export function fingerprint(key: string): string {
  return key.length > 10 ? `${key.slice(0, 4)}…${key.slice(-4)}` : `${key.slice(0, 2)}…`;
}

const ids = new Map<string, string>();

/**
 * A key's identity where one is needed (tree item ids, document paths): the
 * first 16 hex digits of its SHA-256. Stable (the same key, the same id, in
 * every session) and unique for any account (two keys sharing one is a 1 in
 * 2⁶⁴ chance per pair), unlike a fingerprint, which two keys can share. The
 * same digits as a desired-state file's key reference (`sha256:…`).
 */
export function keyId(key: string): string {
  let id = ids.get(key);
  if (id === undefined) {
    id = createHash('sha256').update(key).digest('hex').slice(0, 16);
    if (ids.size >= 50_000) ids.clear();
    ids.set(key, id);
  }
  return id;
}

/** Shorter strings are not taken for keys: they would shred ordinary text (and no CLN key is that short). */
export const MIN_KEY_LENGTH = 8;
/** The most keys a ring remembers; past it, the first learned go first. */
const MAX_KEYS = 200_000;

/**
 * The key strings a session has seen (sent or answered), so that any text can
 * have them replaced by their fingerprints before it is kept. One pass over the
 * text, looking up at each place only the key lengths known for the characters
 * there: a log line costs the same with 10 keys or 100,000, even when many keys
 * share their first characters.
 */
export class KeyRing {
  private readonly keys = new Set<string>();
  /** By the first MIN_KEY_LENGTH characters: how many keys have each length (longest first when read). */
  private readonly byPrefix = new Map<string, { counts: Map<number, number>; lengths: number[] }>();

  get size(): number {
    return this.keys.size;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(keys: Iterable<string | null | undefined>): void {
    for (const key of keys) {
      if (typeof key !== 'string' || key.length < MIN_KEY_LENGTH || this.keys.has(key)) continue;
      if (this.keys.size >= MAX_KEYS) this.forget(this.keys.values().next().value as string);
      this.keys.add(key);
      const prefix = key.slice(0, MIN_KEY_LENGTH);
      let entry = this.byPrefix.get(prefix);
      if (!entry) this.byPrefix.set(prefix, (entry = { counts: new Map(), lengths: [] }));
      const count = entry.counts.get(key.length) ?? 0;
      entry.counts.set(key.length, count + 1);
      if (count === 0) entry.lengths = [...entry.counts.keys()].sort((a, b) => b - a);
    }
  }

  /** `text` with every key string of the ring replaced by its fingerprint. */
  fingerprintIn(text: string): string {
    if (this.keys.size === 0 || text.length < MIN_KEY_LENGTH) return text;
    let out = '';
    let last = 0;
    for (let i = 0; i + MIN_KEY_LENGTH <= text.length;) {
      const entry = this.byPrefix.get(text.slice(i, i + MIN_KEY_LENGTH));
      let key: string | undefined;
      if (entry) {
        for (const length of entry.lengths) {
          const candidate = text.slice(i, i + length);
          if (candidate.length === length && this.keys.has(candidate)) {
            key = candidate;
            break;
          }
        }
      }
      if (key) {
        out += text.slice(last, i) + fingerprint(key);
        i += key.length;
        last = i;
      } else i++;
    }
    return last === 0 ? text : out + text.slice(last);
  }

  /** Whether `text` holds a key string of the ring. */
  mentions(text: string): boolean {
    return this.fingerprintIn(text) !== text;
  }

  private forget(key: string): void {
    this.keys.delete(key);
    const prefix = key.slice(0, MIN_KEY_LENGTH);
    const entry = this.byPrefix.get(prefix);
    if (!entry) return;
    const count = (entry.counts.get(key.length) ?? 1) - 1;
    if (count > 0) {
      entry.counts.set(key.length, count);
      return;
    }
    entry.counts.delete(key.length);
    if (entry.counts.size === 0) this.byPrefix.delete(prefix);
    else entry.lengths = [...entry.counts.keys()].sort((a, b) => b - a);
  }
}

/**
 * Replaces `keys` (raw, and as a URL or a form would encode them) in `text`
 * with their fingerprints: for texts made with those keys (a request's path
 * and query, a message about it), where even a short key is known to be one.
 */
export function fingerprintKeys(text: string, keys: readonly string[]): string {
  let out = text;
  for (const key of [...keys].sort((a, b) => b.length - a.length)) {
    // Shorter values would shred ordinary text (as in redact()).
    if (key.length < 4) continue;
    for (const form of new Set([key, encodeURIComponent(key), new URLSearchParams({ k: key }).toString().slice(2)])) {
      if (out.includes(form)) out = out.split(form).join(fingerprint(key));
    }
  }
  return out;
}

/**
 * Whether `text` (something a person typed, e.g. a filter) holds one of `keys`,
 * or is itself a piece of one long enough to narrow it down: such text is
 * not kept on disk. Letter case aside.
 */
export function revealsKey(text: string, keys: Iterable<string>): boolean {
  const typed = text.trim().toLowerCase();
  if (typed.length < MIN_KEY_LENGTH) return false;
  for (const key of keys) {
    const lower = key.toLowerCase();
    if (lower.length >= MIN_KEY_LENGTH && (typed.includes(lower) || lower.includes(typed))) return true;
  }
  return false;
}
