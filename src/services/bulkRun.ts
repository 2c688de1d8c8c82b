/**
 * The bulk runner without VS Code: runs a state-changing call per item, one
 * after another, each sent once, and words the outcome. `bulk.ts` puts it
 * under a progress notification and shows the summary. No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { isClnError } from '../cln/errors';
import { withChangeContext, type PlannedItem } from './journal';
import { count, listNames, type NoticeLevel } from './wording';

export interface BulkRun<T> {
  commandId: string;
  /**
   * Verb forms, each a whole phrase with `{0}` where its object goes: "remove {0}", "Removing {0}",
   * "Removed {0}" (translated by the adapter; bulk.ts's VERBS). A form without `{0}` takes the object after it.
   */
  verb: { base: string; doing: string; done: string };
  /** The item named and counted: "server", "servers"; `count` words a number of them ("1 server", "3 servers") in full, for translations. */
  noun: { one: string; many: string; count?: (n: number) => string };
  items: readonly T[];
  describe(item: T): string;
  /** Changes one item. Returns CLN's notice when it reported that nothing changed (e.g. "Server not found"). */
  run(item: T): Promise<string | undefined | void>;
  /** Descriptions of the selected nodes the command does not apply to. */
  skipped?: readonly string[];
  /** The one call an item makes, so the journal can resume an interrupted run (optional). */
  planned?(item: T): Omit<PlannedItem, 'target'>;
}

export interface BulkReport {
  done: string[];
  unchanged: { item: string; notice: string }[];
  failed: { item: string; message: string; outcomeUnknown: boolean }[];
  notAttempted: string[];
  skipped: string[];
}

/** A verb form with its object: fill('Removed {0}', 'a') is "Removed a"; fill('Removed', 'a') too. */
export function fill(form: string, object: string): string {
  return form.includes('{0}') ? form.replace('{0}', object) : `${form} ${object}`;
}

/** "1 server", "3 servers": the noun's own wording when it has one. */
export function countOf(noun: BulkRun<unknown>['noun'], n: number): string {
  return noun.count ? noun.count(n) : count(n, noun.one, noun.many);
}

export function emptyReport<T>(plan: BulkRun<T>): BulkReport {
  return { done: [], unchanged: [], failed: [], notAttempted: [], skipped: [...(plan.skipped ?? [])] };
}

/** After these, the next items would fail the same way: stop and say so. */
function stopsTheRun(error: unknown): boolean {
  return isClnError(error) && (error.kind === 'auth' || error.kind === 'network' || error.kind === 'rateLimited');
}

/**
 * Every item in turn. An aborted signal stops before the next item; the one in
 * flight is never abandoned, so no outcome is lost. An authorization or network
 * failure stops the run too: the rest are "not attempted". Each item's change is
 * journaled as part of `journalRun` (the activity journal's run id), when given.
 */
export async function runItems<T>(plan: BulkRun<T>, report: BulkReport, signal?: AbortSignal, progress?: (message: string) => void, journalRun?: string): Promise<BulkReport> {
  const total = plan.items.length;
  let stopped = false;
  for (const [index, item] of plan.items.entries()) {
    const name = plan.describe(item);
    if (signal?.aborted || stopped) {
      report.notAttempted.push(name);
      continue;
    }
    progress?.(`${index + 1} of ${total}: ${name}`);
    try {
      const notice = await withChangeContext({ run: journalRun, item: index, target: name }, () => plan.run(item));
      if (notice) report.unchanged.push({ item: name, notice });
      else report.done.push(name);
    } catch (error) {
      const message = isClnError(error) ? error.message : error instanceof Error ? error.message : String(error);
      report.failed.push({ item: name, message, outcomeUnknown: isClnError(error) && error.outcomeUnknown });
      stopped = stopsTheRun(error);
    }
  }
  return report;
}

export interface BulkSummary {
  level: NoticeLevel;
  /** The notification: "Removed 2 of 3 servers; 1 failed: a — …". */
  message: string;
  /** The output channel's record: a headline and a line per item. */
  log: string;
  /** Everything went as asked: no Show Log button needed. */
  clean: boolean;
}

export function summarize<T>(plan: BulkRun<T>, report: BulkReport): BulkSummary {
  const { done, unchanged, failed, notAttempted, skipped } = report;
  const attempted = plan.items.length;
  const parts = [fill(plan.verb.done, l10n.t('{0} of {1}', done.length, countOf(plan.noun, attempted)))];
  if (unchanged.length)
    parts.push(
      l10n.t(
        '{0} unchanged: {1}',
        unchanged.length,
        listNames(
          unchanged.map((u) => l10n.t('{0} ({1})', u.item, u.notice)),
          3,
        ),
      ),
    );
  if (failed.length)
    parts.push(
      l10n.t(
        '{0} failed: {1} — {2}',
        failed.length,
        listNames(
          failed.map((f) => f.item),
          3,
        ),
        failed[0].message,
      ),
    );
  if (notAttempted.length) parts.push(l10n.t('{0} not attempted: {1}', notAttempted.length, listNames(notAttempted, 3)));
  if (skipped.length) parts.push(l10n.t('skipped {0} the command does not apply to: {1}', skipped.length, listNames(skipped, 3)));
  const message = parts.join('; ').replace(/([^.])$/, '$1.');

  const lines = [
    ...done.map((item) => `  ${fill(plan.verb.done, '').trim().toLowerCase()}: ${item}`),
    ...unchanged.map((u) => `  unchanged: ${u.item} — ${u.notice}`),
    ...failed.map((f) => `  FAILED${f.outcomeUnknown ? ' (outcome unknown)' : ''}: ${f.item} — ${f.message}`),
    ...notAttempted.map((item) => `  not attempted: ${item}`),
    ...skipped.map((item) => `  skipped: ${item}`),
  ];
  const level = failed.length + unchanged.length + notAttempted.length === 0 ? 'info' : done.length === 0 && failed.length > 0 ? 'error' : 'warning';
  return { level, message, log: `${plan.commandId}: ${fill(plan.verb.done, `${done.length} of ${attempted}`)}\n${lines.join('\n')}`, clean: level === 'info' && skipped.length === 0 };
}
