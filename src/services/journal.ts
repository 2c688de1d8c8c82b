/**
 * The activity journal: every change the extension makes, as JSON lines in
 * the extension's global storage. A change is appended (and fsync'ed) before
 * its request is sent and completed with its outcome afterwards, so after a
 * crash the file still says what was on its way. Bulk runs record their planned
 * items up front, so an interrupted run can be told apart item by item: done,
 * unknown, never sent. No `vscode` here, and never a secret: tokens are
 * redacted and license keys are shortened to a fingerprint ("K1ab…9xyz").
 *
 * Commands do not call the journal themselves: AccountService.change() is the
 * one place every change passes, and it journals each one. What a command knows
 * better than the endpoint table (a human target, the bulk run and item) travels
 * with the call through `withChangeContext` (AsyncLocalStorage) or ChangeOptions.
 */
import * as l10n from '@vscode/l10n';
import { AsyncLocalStorage } from 'async_hooks';
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { fingerprint } from '../cln/keyPrint';
import { redact } from '../cln/redact';
import { Emitter } from './events';

export type Outcome = 'pending' | 'done' | 'refused' | 'failed' | 'unknown' | 'unchanged';

// Getters: the text is translated when shown, after activation configured l10n.
export const OUTCOME_LABELS: Record<Outcome, string> = {
  get pending() {
    return l10n.t('no outcome recorded');
  },
  get done() {
    return l10n.t('done');
  },
  get refused() {
    return l10n.t('refused by CLN');
  },
  get failed() {
    return l10n.t('not carried out');
  },
  get unknown() {
    return l10n.t('outcome unknown');
  },
  get unchanged() {
    return l10n.t('unchanged');
  },
};

/** One change as the journal tells it. */
export interface JournalEntry {
  id: string;
  /** ISO time the change was about to be sent. */
  time: string;
  login: string;
  /** Endpoint id, e.g. `ipl.remove`. */
  action: string;
  /** What the endpoint does, e.g. "remove an IP license". */
  title: string;
  /** The thing changed, in words: "IP license 203.0.113.7 (KernelCare)". */
  target: string;
  /** The call's arguments with keys shortened and tokens redacted. */
  args: Record<string, unknown>;
  outcome: Outcome;
  /** CLN's message (refused, unchanged) or what went wrong (failed, unknown). */
  message?: string;
  /** ISO time the outcome was recorded. */
  completed?: string;
  /** The bulk run this change belongs to, and its item index there. */
  run?: string;
  item?: number;
}

/** An item a bulk run means to change. `action`/`args` make it resumable. */
export interface PlannedItem {
  target: string;
  action?: string;
  args?: Record<string, unknown>;
  /** Where its current state can be re-read (e.g. the key a server is on), fingerprinted like args. */
  where?: Record<string, unknown>;
  /** The index of a planned item this one waits for: resume sends it only once that change is known to be in place. */
  after?: number;
}

export interface RunRecord {
  id: string;
  time: string;
  login: string;
  /** "Remove 12 findings" — what the user started. */
  title: string;
  /** The run worded once every item is done: "Removed 12 findings" (runs journaled before it existed have none). */
  done?: string;
  command: string;
  pid: number;
  items: PlannedItem[];
  ended?: { time: string; cancelled: boolean };
}

export type ItemState = 'done' | 'refused' | 'failed' | 'unchanged' | 'unknown' | 'unsent';

export interface RunSummary {
  run: RunRecord;
  /** Per planned item: its latest journaled change, if any, and what that says. */
  items: { planned: PlannedItem; index: number; state: ItemState; entry?: JournalEntry }[];
  counts: Record<ItemState, number>;
}

/** What a change carries besides its endpoint and arguments. */
export interface ChangeContext {
  target?: string;
  run?: string;
  item?: number;
}

const context = new AsyncLocalStorage<ChangeContext>();

/** Runs `task` so that every change it makes is journaled with this context (bulk run, item, target). */
export function withChangeContext<T>(value: ChangeContext, task: () => T): T {
  return context.run({ ...context.getStore(), ...value }, task);
}

export function currentChangeContext(): ChangeContext | undefined {
  return context.getStore();
}

type Line =
  | { rec: 'change'; id: string; time: string; login: string; action: string; title: string; target: string; args: Record<string, unknown>; run?: string; item?: number }
  | { rec: 'outcome'; id: string; time: string; outcome: Exclude<Outcome, 'pending'>; message?: string }
  | { rec: 'run'; id: string; time: string; login: string; title: string; done?: string; command: string; pid: number; items: PlannedItem[] }
  | { rec: 'runEnd'; id: string; time: string; cancelled: boolean }
  | { rec: 'resumed'; id: string; time: string; by: string };

/** Argument names whose values are license keys (credentials of a sort) or tokens. */
const KEY_ARGS = new Set(['key', 'token', 'secretKey']);

/** One fingerprint for every place a key is kept or logged (cln/keyPrint.ts); re-exported for the journal's readers. */
export { fingerprint };

/** True when `key` is the key a fingerprint was made of. */
export function matchesFingerprint(key: string, print: string): boolean {
  return fingerprint(key) === print;
}

/** Arguments as they may be stored: keys fingerprinted, everything else through redact(). */
export function redactArgs(args: object, secrets: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    if (KEY_ARGS.has(name) && typeof value === 'string') out[name] = fingerprint(value);
    else if (typeof value === 'string') out[name] = redact(value, secrets);
    else if (Array.isArray(value)) out[name] = value.map((v) => (typeof v === 'string' ? redact(v, secrets) : v));
    else out[name] = value;
  }
  return out;
}

/** A text with every key among `args` fingerprinted and tokens redacted. */
export function redactText(text: string, args: object = {}, secrets: readonly string[] = []): string {
  let out = redact(text, secrets);
  for (const [name, value] of Object.entries(args)) {
    if (KEY_ARGS.has(name) && typeof value === 'string' && value.length >= 4) out = out.split(value).join(fingerprint(value));
  }
  return out;
}

function newId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export interface JournalOptions {
  /** Secrets of the session, so they can never reach the file. */
  secrets?: () => readonly string[];
  now?: () => Date;
  /** Is the process that started a run still alive? Default: signal 0 to its pid. */
  isAlive?: (pid: number) => boolean;
}

export class Journal {
  private writing: Promise<unknown> = Promise.resolve();
  private readonly ownRuns = new Set<string>();
  private readonly appended = new Emitter<void>();
  /** Fires after each line is on disk. */
  readonly onDidAppend = this.appended.event;

  constructor(
    readonly file: string,
    private readonly options: JournalOptions = {},
  ) {}

  private get secrets(): readonly string[] {
    return this.options.secrets?.() ?? [];
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /**
   * Appends a change about to be sent; resolves once it is on disk. Throws when
   * the journal cannot be written, so the caller does not send the change.
   */
  async begin(change: { login: string; action: string; title: string; target: string; args: object; run?: string; item?: number }): Promise<string> {
    const id = newId();
    await this.append({
      rec: 'change',
      id,
      time: this.now(),
      login: change.login,
      action: change.action,
      title: change.title,
      target: redactText(change.target, change.args, this.secrets),
      args: redactArgs(change.args, this.secrets),
      ...(change.run ? { run: change.run, item: change.item } : {}),
    });
    return id;
  }

  /** Records the outcome of a change begun with `begin`. */
  async complete(id: string, outcome: Exclude<Outcome, 'pending'>, message?: string, args: object = {}): Promise<void> {
    await this.append({ rec: 'outcome', id, time: this.now(), outcome, ...(message ? { message: redactText(message, args, this.secrets) } : {}) });
  }

  /** Records a bulk run's plan before any of its changes is sent. */
  async startRun(run: { login: string; title: string; done?: string; command: string; items: readonly PlannedItem[] }): Promise<string> {
    const id = `run-${newId()}`;
    this.ownRuns.add(id);
    const items = run.items.map((item) => ({
      target: redactText(item.target, { ...item.args, ...item.where }, this.secrets),
      ...(item.action ? { action: item.action } : {}),
      ...(item.args ? { args: redactArgs(item.args, this.secrets) } : {}),
      ...(item.where ? { where: redactArgs(item.where, this.secrets) } : {}),
      ...(item.after !== undefined ? { after: item.after } : {}),
    }));
    await this.append({
      rec: 'run',
      id,
      time: this.now(),
      login: run.login,
      title: redact(run.title, this.secrets),
      ...(run.done ? { done: redact(run.done, this.secrets) } : {}),
      command: run.command,
      pid: process.pid,
      items,
    });
    return id;
  }

  async endRun(id: string, cancelled = false): Promise<void> {
    await this.append({ rec: 'runEnd', id, time: this.now(), cancelled });
    this.ownRuns.delete(id);
  }

  /** Marks an interrupted run as taken over (resumed or dismissed), so it is not named again. */
  async settleRun(id: string, by: string): Promise<void> {
    await this.append({ rec: 'resumed', id, time: this.now(), by });
  }

  /** Every change, oldest first. A torn last line (a crash mid-write) is skipped. */
  async entries(): Promise<JournalEntry[]> {
    return (await this.load()).entries;
  }

  /**
   * Bulk runs that neither ended nor were taken over, whose process is gone:
   * cut off by a crash or a closed window. Newest first.
   */
  async interruptedRuns(): Promise<RunSummary[]> {
    const { runs, entries } = await this.load();
    const alive = this.options.isAlive ?? isProcessAlive;
    return [...runs.values()]
      .filter((run) => !run.ended && !this.ownRuns.has(run.id) && !alive(run.pid))
      .reverse()
      .map((run) => summarizeRun(run, entries));
  }

  /** Every run with its items' states, newest first (the Activity view groups a run's changes under it). */
  async runs(): Promise<RunSummary[]> {
    const { runs, entries } = await this.load();
    return [...runs.values()].reverse().map((run) => summarizeRun(run, entries));
  }

  /**
   * Empties the journal (the demo's, when the demo starts afresh): after every line on its way
   * is written, the file is removed. Fires onDidAppend so readers show the empty list.
   */
  async clear(): Promise<void> {
    const task = this.writing.then(() => fs.rm(this.file, { force: true })).then(() => this.appended.fire());
    this.writing = task.catch(() => undefined);
    this.ownRuns.clear();
    return task;
  }

  async run(id: string): Promise<RunSummary | undefined> {
    const { runs, entries } = await this.load();
    const run = runs.get(id);
    return run && summarizeRun(run, entries);
  }

  private async load(): Promise<{ entries: JournalEntry[]; runs: Map<string, RunRecord> }> {
    await this.writing.catch(() => undefined);
    let text = '';
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const byId = new Map<string, JournalEntry>();
    const runs = new Map<string, RunRecord>();
    const settled = new Set<string>();
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue;
      }
      // The file is on disk, where anyone can edit it: a line of the wrong shape is passed over, not trusted.
      if (!wellFormed(line)) continue;
      switch (line.rec) {
        case 'change': {
          const { rec: _rec, ...entry } = line;
          byId.set(line.id, { ...entry, outcome: 'pending' });
          break;
        }
        case 'outcome': {
          const entry = byId.get(line.id);
          if (entry) Object.assign(entry, { outcome: line.outcome, message: line.message, completed: line.time });
          break;
        }
        case 'run': {
          const { rec: _rec, ...run } = line;
          runs.set(line.id, run);
          break;
        }
        case 'runEnd': {
          const run = runs.get(line.id);
          if (run) run.ended = { time: line.time, cancelled: line.cancelled };
          break;
        }
        case 'resumed':
          settled.add(line.id);
          break;
      }
    }
    for (const id of settled) {
      const run = runs.get(id);
      if (run && !run.ended) run.ended = { time: '', cancelled: true };
    }
    return { entries: [...byId.values()], runs };
  }

  private append(line: Line): Promise<void> {
    const task = this.writing.then(() => appendDurably(this.file, JSON.stringify(line) + '\n')).then(() => this.appended.fire());
    this.writing = task.catch(() => undefined);
    return task;
  }
}

async function appendDurably(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'a', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function summarizeRun(run: RunRecord, entries: readonly JournalEntry[]): RunSummary {
  const latest = new Map<number, JournalEntry>();
  for (const entry of entries) if (entry.run === run.id && entry.item !== undefined) latest.set(entry.item, entry);
  const counts: Record<ItemState, number> = { done: 0, refused: 0, failed: 0, unchanged: 0, unknown: 0, unsent: 0 };
  const items = run.items.map((planned, index) => {
    const entry = latest.get(index);
    const state: ItemState = !entry ? 'unsent' : entry.outcome === 'pending' ? 'unknown' : entry.outcome;
    counts[state]++;
    return { planned, index, state, entry };
  });
  return { run, items, counts };
}

/** The journal as CSV (RFC 4180), newest first as shown. */
export function journalCsv(entries: readonly JournalEntry[]): string {
  const cell = (value: unknown) => {
    const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = ['time', 'login', 'action', 'target', 'arguments', 'outcome', 'message', 'run', 'completed'];
  const rows = entries.map((e) => [e.time, e.login, e.action, e.target, e.args, e.outcome, e.message, e.run, e.completed].map(cell).join(','));
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Does the entry match every word of a filter (over time, login, action, target, outcome, message, run)? */
export function matchesFilter(entry: JournalEntry, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [entry.time, entry.login, entry.action, entry.title, entry.target, entry.outcome, OUTCOME_LABELS[entry.outcome], entry.message ?? '', entry.run ?? '', JSON.stringify(entry.args)]
    .join(' ')
    .toLowerCase();
  return words.every((word) => hay.includes(word));
}

/** Whether a parsed journal line has the shape its record type says (strings where strings are read, a list of items, an object of arguments). */
function wellFormed(line: unknown): line is Line {
  if (typeof line !== 'object' || line === null) return false;
  const l = line as Record<string, unknown>;
  const strings = (...names: string[]) => names.every((name) => typeof l[name] === 'string');
  switch (l.rec) {
    case 'change':
      return strings('id', 'time', 'login', 'action', 'title', 'target') && typeof l.args === 'object' && l.args !== null && !Array.isArray(l.args);
    case 'outcome':
      return strings('id', 'time', 'outcome');
    case 'run':
      return (
        strings('id', 'time', 'login', 'title', 'command') &&
        (l.done === undefined || typeof l.done === 'string') &&
        Array.isArray(l.items) &&
        l.items.every((item) => typeof item === 'object' && item !== null)
      );
    case 'runEnd':
    case 'resumed':
      return strings('id', 'time');
    default:
      return false;
  }
}
