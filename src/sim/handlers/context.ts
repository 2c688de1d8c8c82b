/** What a handler gets and gives back. Handlers are plain functions over the state. */
import { formatClnDate } from '../../cln/dates';
import type { EndpointId } from '../../cln/endpoints';
import type { Rng } from '../prng';
import type { SimDate, SimState } from '../state';

export interface HandlerContext {
  id: EndpointId;
  args: Record<string, any>;
  state: SimState;
  now: () => number;
  /** Random stream for new keys and ids (deterministic per seed and call order). */
  rng: Rng;
  login: string;
  /** The account's static API security token (the CLN profile's), for nagios-res. */
  apiToken: string;
}

export type Reply =
  /** The `{success, message, type, data}` envelope, or the bare data when `bare`. */
  /** `json`: the data already written as JSON text (a large answer written once and reused); rendered as it is, in place of `data`. */
  | { kind: 'json'; success: boolean; data: unknown; json?: string; message: string | null; bare?: boolean; changed: boolean; status?: number }
  /** Plain text: `*.plain` lines or a Nagios check. */
  | { kind: 'text'; body: string; status?: number; changed: boolean };

export type Handler = (ctx: HandlerContext) => Reply;

export const ok = (data: unknown, options: { message?: string | null; changed?: boolean } = {}): Reply => ({
  kind: 'json',
  success: true,
  data,
  message: options.message ?? null,
  changed: options.changed ?? false,
});

/** success:true with the data written as JSON text already (see `Reply`). */
export const okJson = (json: string): Reply => ({ kind: 'json', success: true, data: undefined, json, message: null, changed: false });

/** success:true with a state change. */
export const changed = (data: unknown, message: string | null = null): Reply => ok(data, { message, changed: true });

export const fail = (message: string): Reply => ({ kind: 'json', success: false, data: null, message, changed: false });

/** An API v2 refusal: an HTTP status and CLN's words (rendered in the shape the v2 mode asks for). */
export const v2fail = (status: number, message: string): Reply => ({ kind: 'json', success: false, data: null, message, changed: false, status });

export const text = (body: string, change = false, status?: number): Reply => ({ kind: 'text', body, status, changed: change });

/** Each date's text, kept with what it was written from: a server's dates are written again for every answer that lists it. */
const written = new WeakMap<SimDate, { ms: number; offset: number; text: string }>();

export const clnDate = (date: SimDate | null): string | null => {
  if (!date) return null;
  const known = written.get(date);
  if (known && known.ms === date.ms && known.offset === date.offset) return known.text;
  const text = formatClnDate(new Date(date.ms), date.offset);
  written.set(date, { ms: date.ms, offset: date.offset, text });
  return text;
};

/** Removes the matching items in place (tests may hold the array) and returns them. */
export function removeWhere<T>(items: T[], match: (item: T) => boolean): T[] {
  const removed: T[] = [];
  let write = 0;
  for (const item of items) {
    if (match(item)) removed.push(item);
    else items[write++] = item;
  }
  items.length = write;
  return removed;
}

/** Drops removed servers from every group, as CLN does when a server goes away. */
export function dropFromGroups(state: SimState, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  for (const group of state.groups) removeWhere(group.serverIds, (id) => gone.has(id));
}

export const nowDate = (nowMs: number, offset = 0): SimDate => ({ ms: Math.floor(nowMs / 60_000) * 60_000, offset });

/** A group of handlers; the constraint rejects ids that are not in the endpoint table. */
export type Handlers<K extends EndpointId> = Record<K, Handler>;
