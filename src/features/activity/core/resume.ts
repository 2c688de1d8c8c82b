/**
 * Resuming a bulk run the journal shows was cut off. Every item's current state
 * is re-read first (forced reads, not the cache); then only items never sent
 * that are still needed (a thing to remove still present, a license to register
 * still absent) are sent. An item planned `after` another (the removal of a
 * two-step change) is sent only when a re-read shows the other's change in place. A change whose outcome is known is never
 * sent again; an unknown one is settled by what the re-read shows (gone: done;
 * still there: left for the user, never re-sent). No `vscode` here.
 *
 * The journal is a file anyone (or any process) with access can edit, so what it
 * says is checked like any other input before the first request: each open item's
 * call must be a change in the endpoint table, its arguments must pass that
 * endpoint's validators, and its label must name what its arguments change (the
 * same IP, license type, server and product, no opposite verb). One item that
 * fails refuses the whole run ({@link checkRun}, {@link ResumeRefused}).
 */
import * as l10n from '@vscode/l10n';
import { isIP } from 'net';
import { IP_LICENSE_TYPES, ipTypeName } from '../../../cln/catalog';
import { ENDPOINTS, type Endpoint, type EndpointId } from '../../../cln/endpoints';
import { ClnError } from '../../../cln/errors';
import { checkIdentifier } from '../../../cln/validate';
import { noticeOf, outcomeOfError, type AccountService } from '../../../services/accountService';
import { matchesFingerprint, withChangeContext, type Journal, type PlannedItem, type RunSummary } from '../../../services/journal';

/** Can the current state of this planned change be re-read, and the change re-sent? */
export function isResumable(item: PlannedItem): boolean {
  return typeof item.action === 'string' && Object.hasOwn(PROBES, item.action) && !!item.args && !Object.values(item.args).some((v) => typeof v === 'string' && v.includes('…'));
}

type Probe = (account: AccountService, item: PlannedItem, signal?: AbortSignal) => Promise<boolean>;

/** Is the planned change still to be made? For a removal: is the thing still there. */
const PROBES: Partial<Record<EndpointId, Probe>> = {
  'ipl.register': async (account, { args }, signal) => {
    const list = await account.read('ipl.list', {}, { force: true, signal });
    return !list.some((l) => l.ip === args!.ip && l.type === args!.type);
  },
  'ipl.remove': async (account, { args }, signal) => {
    const list = await account.read('ipl.list', {}, { force: true, signal });
    return list.some((l) => l.ip === args!.ip && (args!.type === undefined || l.type === args!.type));
  },
  'kcare.srv.remove': async (account, { args, where }, signal) => {
    const keys = await account.read('kcare.key.list', {}, { force: true, signal });
    const candidates = keys.filter((k) => !where?.key || matchesFingerprint(k.key, String(where.key)));
    for (const key of candidates) {
      const servers = await account.read('kcare.key.servers', { key: key.key }, { force: true, signal });
      if (servers.some((s) => s.serverId === args!.server_id)) return true;
    }
    return false;
  },
  'im.srv.remove': async (account, { args, where }, signal) => {
    const keys = await account.read('im.key.list', {}, { force: true, signal });
    const candidates = keys.filter((k) => !where?.key || matchesFingerprint(k.key, String(where.key)));
    for (const key of candidates) {
      const servers = await account.read('im.srv.list', { key: key.key }, { force: true, signal });
      if (servers.some((s) => s.id === args!.id)) return true;
    }
    return false;
  },
  'els.srv.remove': async (account, { args, where }, signal) => {
    const codes = where?.code ? [String(where.code)] : (await account.elsKeys({ force: true, signal })).map((k) => k.code);
    for (const code of [...new Set(codes)]) {
      const servers = await account.read('els.srv.list', { code }, { force: true, signal });
      if (servers.some((s) => s.id === args!.id)) return true;
    }
    return false;
  },
};

// ---- the journal as untrusted input -----------------------------------------------------------

/** An item of a run that cannot be resumed as the journal records it, and why. */
export interface Refusal {
  /** The item's index in the run (0-based; shown 1-based). */
  index: number;
  /** Its label as the journal has it, on one line and shortened. */
  target: string;
  reason: string;
}

/** The longest label the journal's writers make is well under this. */
const MAX_LABEL = 500;
/** Control characters, and the invisible ones that reorder or hide text (bidi controls, zero-width, BOM). */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
/** A fingerprint as `fingerprint()` in journal.ts makes it: "K1ab…9xyz" or "K1…". */
const FINGERPRINT = /^[^\s…]{4}…[^\s…]{4}$|^[^\s…]{2}…$/;
/** Where each resumable call may say its state is re-read, and how each value is checked. */
const WHERE: Partial<Record<EndpointId, Record<string, (value: unknown) => string | undefined>>> = {
  'kcare.srv.remove': { key: (v) => checkFingerprint(v) },
  'im.srv.remove': { key: (v) => checkFingerprint(v) },
  'els.srv.remove': { code: (v) => (typeof v === 'string' ? checkIdentifier(v, l10n.t('ELS product code')) : l10n.t('expected text')) },
};
const PRODUCT_OF: Partial<Record<EndpointId, string>> = { 'kcare.srv.remove': 'KernelCare', 'im.srv.remove': 'Imunify', 'els.srv.remove': 'ELS' };

function checkFingerprint(value: unknown): string | undefined {
  return typeof value === 'string' && FINGERPRINT.test(value) ? undefined : l10n.t('a key is recorded only as its fingerprint (e.g. K1ab…9xyz)');
}

/** A label as shown when naming an item: one line, no hidden characters, at most 120 characters. */
export function labelText(value: unknown): string {
  const text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).replace(new RegExp(HIDDEN.source, 'g'), ' ').replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every open item of the run (never sent, or sent with an unknown outcome), and every item one of
 * them waits for, checked without a request. Empty when the run may be resumed.
 */
export function checkRun(summary: RunSummary): Refusal[] {
  const items = summary.items;
  const open = items.filter((i) => i.state === 'unsent' || i.state === 'unknown');
  const checked = new Set<number>();
  const refusals: Refusal[] = [];
  const check = (index: number) => {
    if (checked.has(index)) return;
    checked.add(index);
    const planned: unknown = items[index]?.planned;
    const reason = checkPlanned(planned, index);
    if (reason) refusals.push({ index, target: labelText(isRecord(planned) ? planned.target : planned), reason });
  };
  for (const item of open) {
    check(item.index);
    const after = isRecord(item.planned) ? item.planned.after : undefined;
    if (Number.isInteger(after) && (after as number) >= 0 && (after as number) < items.length) check(after as number);
  }
  return refusals.sort((a, b) => a.index - b.index);
}

/** Why the journal's planned item `index` cannot be sent as recorded; undefined when it holds up. */
export function checkPlanned(planned: unknown, index: number): string | undefined {
  if (!isRecord(planned)) return l10n.t('the journal holds no item there');
  const { target, action, args, where, after } = planned;
  if (typeof target !== 'string' || !target.trim()) return l10n.t('it has no label');
  if (target.length > MAX_LABEL) return l10n.t('its label is longer than {0} characters', MAX_LABEL);
  if (HIDDEN.test(target)) return l10n.t('its label holds control or invisible characters');
  if (after !== undefined && (!Number.isInteger(after) || (after as number) < 0 || (after as number) >= index))
    return l10n.t('it waits for an item ({0}) that is not an earlier item of the run', String(after));
  if (action === undefined) return args === undefined && where === undefined ? undefined : l10n.t('it has arguments but no call');
  if (typeof action !== 'string' || !Object.hasOwn(ENDPOINTS, action)) return l10n.t('its call "{0}" is not a CLN endpoint', labelText(action));
  const id = action as EndpointId;
  const endpoint = ENDPOINTS[id] as unknown as Endpoint;
  if (!endpoint.mutates) return l10n.t('its call {0} only reads ({1}): a bulk run records changes', id, endpoint.title);
  const argsProblem = checkArgs(endpoint, args);
  if (argsProblem) return argsProblem;
  const whereProblem = checkWhere(id, where);
  if (whereProblem) return whereProblem;
  if (!Object.hasOwn(PROBES, id) || !isResumable(planned as unknown as PlannedItem)) return undefined; // never sent: reported as not resumable
  return checkLabel(id, target, args as Record<string, unknown>, where as Record<string, unknown> | undefined);
}

/** The arguments as the endpoint's validators (the client's own, before any request) see them; fingerprinted keys are left to "not resumable". */
function checkArgs(endpoint: Endpoint, args: unknown): string | undefined {
  if (args === undefined) return undefined;
  if (!isRecord(args)) return l10n.t('its arguments are not a list of names and values');
  for (const name of Object.keys(args)) {
    if (!Object.hasOwn(endpoint.params, name)) return l10n.t('it passes "{0}", which {1} does not take', labelText(name), endpoint.title);
  }
  for (const [name, param] of Object.entries(endpoint.params)) {
    const value = args[name];
    if (value === undefined || value === null) {
      if (param.required) return l10n.t('it lacks the argument "{0}"', name);
      continue;
    }
    if (typeof value === 'string' && value.includes('…')) continue;
    const problem = param.validate(value);
    if (problem) return l10n.t('its argument "{0}" fails the check: {1}', name, problem);
  }
  return undefined;
}

function checkWhere(id: EndpointId, where: unknown): string | undefined {
  if (where === undefined) return undefined;
  const allowed = WHERE[id];
  if (!allowed || !isRecord(where)) return l10n.t('it says where to re-read, which {0} does not use', id);
  for (const [name, value] of Object.entries(where)) {
    const check = Object.hasOwn(allowed, name) ? allowed[name] : undefined;
    if (!check) return l10n.t('it says where to re-read with "{0}", which {1} does not use', labelText(name), id);
    const problem = check(value);
    if (problem) return l10n.t('where it re-reads ("{0}") fails the check: {1}', name, problem);
  }
  return undefined;
}

// The words a label starts with when it says what it does, in English and in the display language.
const leadingWord = (text: string) => (/^\s*([\p{L}]+)/u.exec(text)?.[1] ?? '').toLowerCase();
const REGISTER_WORDS = () => new Set(['register', 'add', 'create', leadingWord(l10n.t('register {0}', ''))].filter(Boolean));
const REMOVE_WORDS = () => new Set(['remove', 'delete', 'unregister', 'revoke', 'drop', leadingWord(l10n.t('remove {0}', ''))].filter(Boolean));

/** Does the label name what the arguments change: the same IP (first named), type, server and product, and no opposite verb? */
function checkLabel(id: EndpointId, target: string, args: Record<string, unknown>, where: Record<string, unknown> | undefined): string | undefined {
  const lead = leadingWord(target);
  const registers = id === 'ipl.register';
  if (registers && REMOVE_WORDS().has(lead)) return l10n.t('its label says "{0}", but the call registers a license', lead);
  if (!registers && REGISTER_WORDS().has(lead)) return l10n.t('its label says "{0}", but the call removes ({1})', lead, ENDPOINTS[id].title);
  if (id === 'ipl.register' || id === 'ipl.remove') {
    if (registers && /\breplaced by\b/i.test(target)) return l10n.t('its label says the license is replaced, but the call registers one');
    if (!registers && /\bin place of\b/i.test(target)) return l10n.t('its label says the license replaces another, but the call removes one');
    const ip = String(args.ip).trim();
    const named = firstIp(target);
    if (!named) return l10n.t('its label names no IP address, but the call is for {0}', ip);
    if (canonicalIp(named) !== canonicalIp(ip)) return l10n.t('its label names {0}, but the call is for {1}', named, ip);
    if (typeof args.type === 'number') {
      const type = firstTypeName(target, args.type);
      if (type !== ipTypeName(args.type))
        return type
          ? l10n.t('its label names {0}, but the call is for {1} (type {2})', type, ipTypeName(args.type), args.type)
          : l10n.t('its label names no license type, but the call is for {0} (type {1})', ipTypeName(args.type), args.type);
    }
    return undefined;
  }
  const server = String(id === 'kcare.srv.remove' ? args.server_id : args.id);
  if (!containsToken(target, server)) return l10n.t('its label does not name server {0}, which the call removes', server);
  const product = /\b(KernelCare|Imunify|ELS)/.exec(target)?.[1];
  if (product !== PRODUCT_OF[id])
    return product
      ? l10n.t('its label names {0}, but the call removes a {1} server', product, PRODUCT_OF[id]!)
      : l10n.t('its label names no product, but the call removes a {0} server', PRODUCT_OF[id]!);
  const print = target.split(/[\s,;()[\]"']+/).find((token) => FINGERPRINT.test(token));
  if (print && where?.key !== undefined && print !== where.key) return l10n.t('its label names key {0}, but the server is looked for on key {1}', print, String(where.key));
  return undefined;
}

/** The first IP address a text names (in brackets, before a colon or a comma too). */
function firstIp(text: string): string | undefined {
  for (const raw of text.split(/[\s,;()[\]{}"'“”«»<>→]+/)) {
    if (isIP(raw)) return raw;
    const trimmed = raw.replace(/[.:]+$/, '');
    if (trimmed && isIP(trimmed)) return trimmed;
  }
  return undefined;
}

/** One spelling per address: IPv6 compressed and in lower case. */
function canonicalIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}

/** The license type a text names first (the longest name where two start at the same place). */
function firstTypeName(text: string, type: number): string | undefined {
  const names = [...IP_LICENSE_TYPES.map((t) => t.name), ipTypeName(type)];
  let best: { at: number; name: string } | undefined;
  for (const name of names) {
    const at = text.indexOf(name);
    if (at >= 0 && (!best || at < best.at || (at === best.at && name.length > best.name.length))) best = { at, name };
  }
  return best?.name;
}

function containsToken(text: string, token: string): boolean {
  if (!token) return false;
  let from = 0;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, from)) {
    const before = text[at - 1];
    const after = text[at + token.length];
    if ((before === undefined || !/[\p{L}\p{N}_-]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}_-]/u.test(after))) return true;
    from = at + 1;
  }
  return false;
}

/** Thrown before any request when the journal's record of a run does not hold up. */
export class ResumeRefused extends ClnError {
  constructor(
    readonly summary: RunSummary,
    readonly refusals: readonly Refusal[],
  ) {
    super('validation', describeRefusals(summary, refusals));
    this.name = 'ResumeRefused';
  }
}

/** "Nothing was sent: the journal's record of "Removing 4 servers" does not hold up. Item 2 ("…"): …." (at most `max` items named). */
export function describeRefusals(summary: RunSummary, refusals: readonly Refusal[], max = refusals.length): string {
  const named = refusals.slice(0, max).map((r) => l10n.t('Item {0} ("{1}"): {2}.', r.index + 1, r.target, r.reason));
  if (refusals.length > max) named.push(l10n.t('{0} more items are refused (see the log).', refusals.length - max));
  return [l10n.t('Nothing was sent: the journal\'s record of "{0}" does not hold up, so it cannot be resumed. The journal file may have been edited.', labelText(summary.run.title)), ...named].join(
    ' ',
  );
}

/**
 * A call as it will be sent: "GET /ipl/remove.json — remove an IP license: IP 203.0.113.7, KernelCare (type 16)",
 * or "… — remove a KernelCare server: server 12345 on key K1ab…9xyz, KernelCare". Read from the arguments, never the label.
 */
export function describeCall(planned: PlannedItem): string {
  const id = planned.action as EndpointId;
  const endpoint = ENDPOINTS[id] as unknown as Endpoint;
  const args = planned.args ?? {};
  const where = planned.where ?? {};
  let what: string;
  if (id === 'ipl.register' || id === 'ipl.remove') {
    const product = typeof args.type === 'number' ? l10n.t('{0} (type {1})', ipTypeName(args.type), args.type) : l10n.t('every license type');
    what =
      args.els_allowed === undefined
        ? l10n.t('IP {0}, {1}', String(args.ip), product)
        : args.els_allowed
          ? l10n.t('IP {0}, {1}, CL6 (ELS) allowed', String(args.ip), product)
          : l10n.t('IP {0}, {1}, CL6 (ELS) not allowed', String(args.ip), product);
  } else if (PRODUCT_OF[id]) {
    const server = String(id === 'kcare.srv.remove' ? args.server_id : args.id);
    const product = where.code ? `${PRODUCT_OF[id]} ${String(where.code)}` : PRODUCT_OF[id]!;
    what = where.key ? l10n.t('server {0} on key {1}, {2}', server, String(where.key), product) : l10n.t('server {0}, {1}', server, product);
  } else {
    what = Object.entries(args)
      .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(', ');
  }
  return l10n.t('{0} {1} — {2}: {3}', endpoint.method, endpoint.path, endpoint.title, what);
}

// ---- re-read, then send -----------------------------------------------------------------------

export type ResumeResult =
  | { index: number; target: string; result: 'sent'; outcome: 'done' | 'unchanged'; message?: string }
  | { index: number; target: string; result: 'sent'; outcome: 'refused' | 'failed' | 'unknown'; message: string }
  | { index: number; target: string; result: 'alreadyGone' }
  | { index: number; target: string; result: 'unknownConfirmedDone' }
  | { index: number; target: string; result: 'unknownStillPresent' }
  | { index: number; target: string; result: 'notResumable' }
  /** Planned after a change that a re-read does not show in place (e.g. a removal whose registration failed): not sent. */
  | { index: number; target: string; result: 'heldBack' }
  | { index: number; target: string; result: 'notAttempted' };

export interface ResumeOptions {
  signal?: AbortSignal;
  onItem?: (result: ResumeResult, done: number, total: number) => void;
}

/** What a resume will do, after the re-read and before anything is sent. */
export interface ResumePlan {
  summary: RunSummary;
  /** The items to send, in order (their calls are `describeCall(item.planned)`). */
  toSend: RunSummary['items'];
  /** What became of the other open items: already gone, settled by the re-read, held back, not resumable. */
  settled: ResumeResult[];
  /** How many items were open (never sent, or an unknown outcome). */
  open: number;
}

/**
 * The first half of a resume: checks the journal's record (throws {@link ResumeRefused} before any
 * request), then re-reads the state of each open item. Sends nothing; records in the journal only
 * the unknown outcomes the re-read settles.
 */
export async function prepareResume(account: AccountService, journal: Journal, summary: RunSummary, options: { signal?: AbortSignal } = {}): Promise<ResumePlan> {
  const refusals = checkRun(summary);
  if (refusals.length > 0) throw new ResumeRefused(summary, refusals);
  const open = summary.items.filter((i) => i.state === 'unsent' || i.state === 'unknown');
  const settled: ResumeResult[] = [];
  const toSend: typeof open = [];
  for (const item of open) {
    const target = item.planned.target;
    if (!isResumable(item.planned)) {
      settled.push({ index: item.index, target, result: 'notResumable' });
      continue;
    }
    const present = await PROBES[item.planned.action as EndpointId]!(account, item.planned, options.signal);
    if (item.state === 'unknown') {
      if (!present && item.entry) await journal.complete(item.entry.id, 'done', l10n.t('confirmed when resuming: no longer present'));
      settled.push({ index: item.index, target, result: present ? 'unknownStillPresent' : 'unknownConfirmedDone' });
    } else if (!present) {
      settled.push({ index: item.index, target, result: 'alreadyGone' });
    } else if (item.planned.after !== undefined && !toSend.some((i) => i.index === item.planned.after) && !(await inPlace(account, summary, item.planned.after, options.signal))) {
      settled.push({ index: item.index, target, result: 'heldBack' });
    } else {
      toSend.push(item);
    }
  }
  return { summary, toSend, settled, open: open.length };
}

/**
 * The second half: settles the old run in the journal, then sends the plan's items, once each, in a new
 * journaled run (an item planned `after` another is re-checked first).
 */
export async function sendResume(account: AccountService, journal: Journal, login: string, plan: ResumePlan, options: ResumeOptions = {}): Promise<ResumeResult[]> {
  const { summary, toSend } = plan;
  const results: ResumeResult[] = [...plan.settled];
  await journal.settleRun(summary.run.id, 'resumed');
  if (toSend.length > 0) {
    // `after` points into the new run's plan when the change waited for is sent again in it; otherwise that change is in place.
    const items = toSend.map(({ planned }) => {
      const { after, ...rest } = planned;
      const position = after === undefined ? -1 : toSend.findIndex((i) => i.index === after);
      return position >= 0 ? { ...rest, after: position } : rest;
    });
    const run = await journal.startRun({ login, title: l10n.t('Resume of "{0}"', summary.run.title), done: l10n.t('Resumed "{0}"', summary.run.title), command: summary.run.command, items });
    let cancelled = false;
    try {
      for (const [index, item] of toSend.entries()) {
        const target = item.planned.target;
        if (options.signal?.aborted) {
          cancelled = true;
          results.push({ index: item.index, target, result: 'notAttempted' });
          continue;
        }
        if (item.planned.after !== undefined && !(await inPlace(account, summary, item.planned.after))) {
          const held: ResumeResult = { index: item.index, target, result: 'heldBack' };
          results.push(held);
          options.onItem?.(held, results.length, plan.open);
          continue;
        }
        let result: ResumeResult;
        try {
          const answer = await withChangeContext({ run, item: index, target }, () => account.change(item.planned.action as EndpointId, item.planned.args as never));
          const notice = noticeOf(answer);
          result = notice ? { index: item.index, target, result: 'sent', outcome: 'unchanged', message: notice } : { index: item.index, target, result: 'sent', outcome: 'done' };
        } catch (error) {
          const [outcome, message] = outcomeOfError(error);
          result = { index: item.index, target, result: 'sent', outcome: outcome === 'done' || outcome === 'unchanged' ? 'unknown' : outcome, message };
        }
        results.push(result);
        options.onItem?.(result, results.length, plan.open);
      }
    } finally {
      await journal.endRun(run, cancelled);
    }
  }
  return results.sort((a, b) => a.index - b.index);
}

/**
 * Resumes `summary`: checks the journal's record, re-reads, then sends what was never sent and is
 * still needed, in a new journaled run. Settles the old run in the journal.
 */
export async function resumeRun(account: AccountService, journal: Journal, login: string, summary: RunSummary, options: ResumeOptions = {}): Promise<ResumeResult[]> {
  const plan = await prepareResume(account, journal, summary, options);
  return sendResume(account, journal, login, plan, options);
}

/** Does a re-read show the change of planned item `index` in place (e.g. the new license registered)? */
async function inPlace(account: AccountService, summary: RunSummary, index: number, signal?: AbortSignal): Promise<boolean> {
  const before = summary.items.find((i) => i.index === index);
  if (!before || !isResumable(before.planned)) return false;
  return !(await PROBES[before.planned.action as EndpointId]!(account, before.planned, signal));
}

/** "3 done, 1 outcome unknown, 8 never sent" */
export function describeRunState(summary: RunSummary): string {
  const c = summary.counts;
  const parts = [
    c.done && `${c.done} done`,
    c.unchanged && `${c.unchanged} unchanged`,
    c.refused && `${c.refused} refused`,
    c.failed && `${c.failed} failed`,
    c.unknown && l10n.t('{0} outcome unknown', c.unknown),
    c.unsent && l10n.t('{0} never sent', c.unsent),
  ].filter(Boolean);
  return parts.join(', ');
}
