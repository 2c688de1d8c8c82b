/**
 * The Activity view's rows in words, and which rows there are: one row per thing the user did,
 * worded with one verb ("Removed the KernelCare license of 62.19.92.87"), a bulk run or a
 * two-step change as one row with its changes inside. No `vscode` here.
 */
import { appendTo } from '../../../cln/collections';
import * as l10n from '@vscode/l10n';
import { matchesFilter, type JournalEntry, type RunSummary } from '../../../services/journal';

/** A verb as the Activity says it: `past` when it happened, `base` after "Could not" / "Asked CLN to"; each with `{0}` for the target. */
interface Verb {
  past: string;
  base: string;
}

/** The verbs, by what the endpoints do (the same verbs the commands use in their messages). Getters: translated when shown. */
const VERBS = {
  remove: (): Verb => ({ past: l10n.t('Removed {0}'), base: l10n.t('remove {0}') }),
  register: (): Verb => ({ past: l10n.t('Registered {0}'), base: l10n.t('register {0}') }),
  convert: (): Verb => ({ past: l10n.t('Converted {0}'), base: l10n.t('convert {0}') }),
  update: (): Verb => ({ past: l10n.t('Updated {0}'), base: l10n.t('update {0}') }),
  create: (): Verb => ({ past: l10n.t('Created {0}'), base: l10n.t('create {0}') }),
  resize: (): Verb => ({ past: l10n.t('Resized {0}'), base: l10n.t('resize {0}') }),
  move: (): Verb => ({ past: l10n.t('Moved {0}'), base: l10n.t('move {0}') }),
  setCidr: (): Verb => ({ past: l10n.t('Set the IP ranges of {0}'), base: l10n.t('set the IP ranges of {0}') }),
  createBackup: (): Verb => ({ past: l10n.t('Created a backup for {0}'), base: l10n.t('create a backup for {0}') }),
  addToGroup: (): Verb => ({ past: l10n.t('Added servers to {0}'), base: l10n.t('add servers to {0}') }),
  removeFromGroup: (): Verb => ({ past: l10n.t('Removed servers from {0}'), base: l10n.t('remove servers from {0}') }),
};

/** Each change endpoint's verb (cln/endpoints.ts lists them; an endpoint not here is worded by its title). */
const VERB_OF: Record<string, keyof typeof VERBS> = {
  'ipl.register': 'register',
  'ipl.convert': 'convert',
  'ipl.remove': 'remove',
  'ipl.update': 'update',
  'kcare.key.create': 'create',
  'kcare.key.delete': 'remove',
  'kcare.key.setCidr': 'setCidr',
  'kcare.srv.remove': 'remove',
  'kcare.nagios.registerKey': 'register',
  'im.key.create': 'create',
  'im.key.update': 'update',
  'im.key.remove': 'remove',
  'im.srv.remove': 'remove',
  'im.srv.convert': 'move',
  'els.key.create': 'create',
  'els.key.update': 'update',
  'els.key.remove': 'remove',
  'els.srv.remove': 'remove',
  'ab.im.create': 'createBackup',
  'ab.resize': 'resize',
  'ab.remove': 'remove',
  'group.create': 'create',
  'group.servers.put': 'addToGroup',
  'group.servers.remove': 'removeFromGroup',
};

/**
 * The form with its target. A target that already starts with the verb (the clean-up names its items
 * "remove IP license 203.0.113.7 (KernelCare)") gives it up, so the row has one verb: "Removed IP license …".
 */
function fill(form: string, target: string, base: string): string {
  const lead = base.slice(0, base.indexOf('{0}'));
  const object = lead && target.toLowerCase().startsWith(lead.toLowerCase()) ? target.slice(lead.length) : target;
  return form.replace('{0}', object);
}

/**
 * One change in one sentence with one verb: "Removed the KernelCare license of 62.19.92.87" when it
 * happened, "Could not remove …" when CLN refused or it failed, "Asked CLN to remove …" when CLN
 * changed nothing or the outcome is unknown (the row's description says which).
 */
export function entryLabel(entry: Pick<JournalEntry, 'action' | 'title' | 'target' | 'outcome'>): string {
  const key = VERB_OF[entry.action];
  if (!key) {
    // An endpoint without a verb here: its own title ("remove an IP license") and the target.
    if (entry.outcome === 'done') return l10n.t('Carried out "{0}" on {1}', entry.title, entry.target);
    return entry.outcome === 'refused' || entry.outcome === 'failed' ? l10n.t('Could not {0}: {1}', entry.title, entry.target) : l10n.t('Asked CLN to {0}: {1}', entry.title, entry.target);
  }
  const verb = VERBS[key]();
  switch (entry.outcome) {
    case 'done':
      return fill(verb.past, entry.target, verb.base);
    case 'refused':
    case 'failed':
      return l10n.t('Could not {0}', fill(verb.base, entry.target, verb.base));
    case 'unchanged':
    case 'unknown':
    case 'pending':
      return l10n.t('Asked CLN to {0}', fill(verb.base, entry.target, verb.base));
  }
}

/** Whether every item of a run happened (done, or nothing to change). */
export function runComplete(summary: RunSummary): boolean {
  return summary.items.length > 0 && summary.items.every((item) => item.state === 'done' || item.state === 'unchanged');
}

/** A run in one sentence: its "done" wording once every item happened ("Removed 3 IP licenses"), else what was started. */
export function runLabel(summary: RunSummary): string {
  return runComplete(summary) && summary.run.done ? summary.run.done : summary.run.title;
}

export type Row = { kind: 'entry'; entry: JournalEntry } | { kind: 'run'; summary: RunSummary; entries: JournalEntry[] };

/**
 * The Activity's top rows, newest first: each run once (its changes inside, in the order sent),
 * each change outside a run on its own. With a filter, a run is listed when its name or one of
 * its changes matches, and shows the changes that match (all of them when its name matched).
 */
export function activityRows(entries: readonly JournalEntry[], runs: readonly RunSummary[], filter = ''): Row[] {
  const byRun = new Map<string, JournalEntry[]>();
  const single: [JournalEntry, number][] = [];
  const known = new Set(runs.map((r) => r.run.id));
  /** Where a run's first change is in the journal: rows of equal time keep the journal's order. */
  const firstAt = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    if (entry.run && known.has(entry.run)) {
      appendTo(byRun, entry.run, entry);
      if (!firstAt.has(entry.run)) firstAt.set(entry.run, index);
    } else single.push([entry, index]);
  }
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const runMatches = (summary: RunSummary) => {
    const hay = [summary.run.title, summary.run.done ?? '', summary.run.login, summary.run.time, summary.run.id].join(' ').toLowerCase();
    return words.every((word) => hay.includes(word));
  };
  const rows: { row: Row; time: string; at: number }[] = [];
  for (const summary of runs) {
    const own = byRun.get(summary.run.id) ?? [];
    const shown = runMatches(summary) ? own : own.filter((entry) => matchesFilter(entry, filter));
    if (shown.length === 0 && !runMatches(summary)) continue;
    rows.push({ row: { kind: 'run', summary, entries: shown }, time: summary.run.time, at: firstAt.get(summary.run.id) ?? entries.length });
  }
  for (const [entry, at] of single) if (matchesFilter(entry, filter)) rows.push({ row: { kind: 'entry', entry }, time: entry.time, at });
  // Newest first: ISO times sort as text; among equal times, later in the journal first.
  return rows.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : b.at - a.at)).map((r) => r.row);
}
