/**
 * How rows word things: plurals, short key prefixes, notes, limits and
 * check-in ages. One format per surface: rows say ages ("13 d"), tooltips
 * say dates. No `vscode` here.
 */
const DAY_MS = 86_400_000;

/** "1 server", "3 servers", "1,204 licenses". */
export function plural(n: number, singular: string, many = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : many}`;
}

/** The first characters of a key, enough to tell keys apart at a glance: "ab12cd…". */
export function shortKey(key: string, length = 6): string {
  return key.length <= length + 1 ? key : `${key.slice(0, length)}…`;
}

/**
 * A note as a row label: a note of digits alone ("456") is quoted, so it does
 * not read like a count. Blank notes count as none.
 */
export function noteLabel(note: string | null | undefined): string | undefined {
  const text = note?.trim();
  if (!text) return undefined;
  return /^[\d\s.,:#/-]+$/.test(text) ? `“${text}”` : text;
}

/** What a key is named by: its note, else its product and a short key prefix. */
export function keyLabel(note: string | null | undefined, product: string, key: string): string {
  return noteLabel(note) ?? `${product} ${shortKey(key)}`;
}

/** A key's usage against its limit (0 = unlimited): "10 / 100 servers", "3 servers · unlimited", "limit 100". */
export function usageText(servers: number | null | undefined, limit: number): string {
  if (servers === null || servers === undefined) return limit === 0 ? 'unlimited' : `limit ${limit.toLocaleString('en-US')}`;
  if (limit === 0) return `${plural(servers, 'server')} · unlimited`;
  return `${servers.toLocaleString('en-US')} / ${plural(limit, 'server')}`;
}

/** True when a key holds more servers than its limit allows. */
export function overLimit(servers: number | null | undefined, limit: number): boolean {
  return limit > 0 && servers !== null && servers !== undefined && servers > limit;
}

/** Whole days between a date and now (never negative). */
export function ageDays(date: Date, now = Date.now()): number {
  return Math.max(0, Math.floor((now - date.getTime()) / DAY_MS));
}

/** A short age for a row: "today", "1 d", "13 d". */
export function shortAge(date: Date, now = Date.now()): string {
  const days = ageDays(date, now);
  return days === 0 ? 'today' : `${days} d`;
}

/** What went wrong, in a few words, for an error row's label; the whole message goes in its tooltip. */
export function loadFailureLabel(error: unknown): string {
  const { kind, status } = (typeof error === 'object' && error !== null ? error : {}) as { kind?: string; status?: number };
  const reason =
    kind === 'http' || (status !== undefined && status >= 400)
      ? `HTTP ${status ?? 'error'}`
      : kind === 'network'
        ? 'no connection'
        : kind === 'timeout'
          ? 'timed out'
          : kind === 'auth'
            ? 'sign-in rejected'
            : kind === 'malformed'
              ? 'unreadable answer'
              : kind === 'api'
                ? 'CLN refused'
                : kind === 'validation'
                  ? 'invalid request'
                  : undefined;
  return reason ? `Could not load — ${reason}` : 'Could not load';
}
