/**
 * How rows word things: plurals, short key prefixes, notes, limits and
 * check-in ages. One format per surface: rows say ages ("13 d"), tooltips
 * say dates. No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { isV2Unavailable } from '../cln/errors';

const DAY_MS = 86_400_000;

/**
 * "1 server", "3 servers", "1,204 licenses": `one` and `many` are whole messages with `{0}` for the
 * number (`l10n.t('{0} server')`, `l10n.t('{0} servers')`), since languages differ in more than an s.
 */
export function plural(n: number, one: string, many: string): string {
  return (n === 1 ? one : many).replace('{0}', n.toLocaleString('en-US'));
}

/** "3 servers" (the count of servers, worded). */
export const serverCount = (n: number): string => plural(n, l10n.t('{0} server'), l10n.t('{0} servers'));

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
  if (servers === null || servers === undefined) return limit === 0 ? l10n.t('unlimited') : l10n.t('limit {0}', limit.toLocaleString('en-US'));
  if (limit === 0) return l10n.t('{0} · unlimited', serverCount(servers));
  return `${servers.toLocaleString('en-US')} / ${serverCount(limit)}`;
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
  return days === 0 ? l10n.t('today') : l10n.t('{0} d', days);
}

/** What went wrong, in a few words, for an error row's label (`partial`: the rows loaded, some details did not); the whole message goes in its tooltip. */
export function loadFailureLabel(error: unknown, partial = false): string {
  // API v2 not there: one row saying what needs it and what v2 answered (its Show Log action is the message row's).
  if (isV2Unavailable(error) && !partial)
    return error.needs ? l10n.t('{0} need CLN API v2, which answered {1}', error.needs, error.answered) : l10n.t('This needs CLN API v2, which answered {0}', error.answered);
  const { kind, status } = (typeof error === 'object' && error !== null ? error : {}) as { kind?: string; status?: number };
  const reason =
    kind === 'http' || (status !== undefined && status >= 400)
      ? `HTTP ${status ?? 'error'}`
      : kind === 'network'
        ? l10n.t('no connection')
        : kind === 'timeout'
          ? l10n.t('timed out')
          : kind === 'auth'
            ? l10n.t('sign-in rejected')
            : kind === 'malformed'
              ? l10n.t('unreadable answer')
              : kind === 'api'
                ? l10n.t('CLN refused')
                : kind === 'validation'
                  ? l10n.t('invalid request')
                  : undefined;
  if (partial) return reason ? l10n.t('Some details missing — {0}', reason) : l10n.t('Some details missing');
  return reason ? l10n.t('Could not load — {0}', reason) : l10n.t('Could not load');
}
