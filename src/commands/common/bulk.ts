import { isClnError } from '../../cln/errors';
import { withChangeContext, type PlannedItem } from '../../services/journal';
import type { CommandContext } from '../../ui/registerCommand';
import type { ConfirmOptions } from '../../ui/prompter';
import type { ExplorerNode } from '../../explorer/nodes';
import { count, describeNode, listNames } from './describe';
import { confirmOrStop, showLogAction, tell } from './notify';
import { withProgress } from './progress';

export interface BulkRun<T> {
  commandId: string;
  /** Verb forms: "remove", "Removing", "Removed". */
  verb: { base: string; doing: string; done: string };
  noun: { one: string; many: string };
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

export const REMOVE = { base: 'remove', doing: 'Removing', done: 'Removed' };

/** For destructive plans: the modal first (only when something applies), then the run. */
export async function runConfirmed<T>(context: CommandContext, confirmation: (items: readonly T[]) => Omit<ConfirmOptions, 'action'>, plan: BulkRun<T>): Promise<BulkReport> {
  if (plan.items.length > 0) await confirmOrStop(context, { ...confirmation(plan.items), action: 'Remove' });
  return runBulk(context, plan);
}

/**
 * The modal for removing nodes: "Remove backup #3 (…)?" or "Remove 4 backups?",
 * then what happens (`consequence`, for one or several) and the names.
 */
export function removalQuestion(noun: string, consequence: (one: boolean) => string, after = '') {
  return (items: readonly ExplorerNode[]): Omit<ConfirmOptions, 'action'> => {
    const one = items.length === 1;
    return {
      message: one ? `Remove ${describeNode(items[0])}?` : `Remove ${count(items.length, noun)}?`,
      detail: `${consequence(one)}: ${listNames(items.map(describeNode), 10)}.${after}`,
    };
  };
}

/** After these, the next items would fail the same way: stop and say so. */
function stopsTheRun(error: unknown): boolean {
  return isClnError(error) && (error.kind === 'auth' || error.kind === 'network');
}

/**
 * Runs a state-changing call per item, one after another, each sent once.
 * One item behaves like any single command (its error is reported as such);
 * several end in one summary notification ("Removed 3 of 4 servers; 1 failed: …")
 * with a line per item in the output channel. Cancelling stops before the next
 * item; the one in flight is never abandoned, so no outcome is lost.
 */
export async function runBulk<T>(context: CommandContext, plan: BulkRun<T>): Promise<BulkReport> {
  const report: BulkReport = { done: [], unchanged: [], failed: [], notAttempted: [], skipped: [...(plan.skipped ?? [])] };
  if (plan.items.length === 0) {
    tell(context, 'warning', `Nothing to ${plan.verb.base}: the command does not apply to ${listNames(report.skipped)}.`);
    return report;
  }
  if (plan.items.length === 1 && report.skipped.length === 0) return runSingle(context, plan, report);

  const total = plan.items.length;
  let stopped = false;
  const title = `${plan.verb.doing} ${count(total, plan.noun.one, plan.noun.many)}…`;
  const run = await startJournalRun(context, plan, title.replace(/…$/, ''));
  await withProgress(title, async (signal, progress) => {
    for (const [index, item] of plan.items.entries()) {
      const name = plan.describe(item);
      if (signal.aborted || stopped) {
        report.notAttempted.push(name);
        continue;
      }
      progress(`${index + 1} of ${total}: ${name}`);
      try {
        const notice = await withChangeContext({ run, item: index, target: name }, () => plan.run(item));
        if (notice) report.unchanged.push({ item: name, notice });
        else report.done.push(name);
      } catch (error) {
        const message = isClnError(error) ? error.message : error instanceof Error ? error.message : String(error);
        report.failed.push({ item: name, message, outcomeUnknown: isClnError(error) && error.outcomeUnknown });
        stopped = stopsTheRun(error);
      }
    }
  }).finally(() => run && context.session.journal?.endRun(run, report.notAttempted.length > 0).catch(() => undefined));
  summarize(context, plan, report);
  return report;
}

/** Records the plan in the activity journal before the first item, so an interrupted run can be named. */
async function startJournalRun<T>(context: CommandContext, plan: BulkRun<T>, title: string): Promise<string | undefined> {
  const journal = context.session.journal;
  const state = context.session.state;
  if (!journal || state.kind === 'signedOut') return undefined;
  const items = plan.items.map((item) => ({ target: plan.describe(item), ...plan.planned?.(item) }));
  return journal.startRun({ login: state.login, title, command: plan.commandId, items });
}

async function runSingle<T>(context: CommandContext, plan: BulkRun<T>, report: BulkReport): Promise<BulkReport> {
  const name = plan.describe(plan.items[0]);
  const notice = await withProgress(`${plan.verb.doing} ${name}…`, () => withChangeContext({ target: name }, () => plan.run(plan.items[0])), false);
  if (notice) {
    report.unchanged.push({ item: name, notice });
    tell(context, 'warning', `CLN did not ${plan.verb.base} ${name}: ${notice}`);
  } else {
    report.done.push(name);
    tell(context, 'info', `${plan.verb.done} ${name}.`);
  }
  return report;
}

function summarize<T>(context: CommandContext, plan: BulkRun<T>, report: BulkReport): void {
  const { done, unchanged, failed, notAttempted, skipped } = report;
  const attempted = plan.items.length;
  const parts = [`${plan.verb.done} ${done.length} of ${count(attempted, plan.noun.one, plan.noun.many)}`];
  if (unchanged.length) parts.push(`${unchanged.length} unchanged: ${listNames(unchanged.map((u) => `${u.item} (${u.notice})`), 3)}`);
  if (failed.length) parts.push(`${failed.length} failed: ${listNames(failed.map((f) => f.item), 3)} — ${failed[0].message}`);
  if (notAttempted.length) parts.push(`${notAttempted.length} not attempted: ${listNames(notAttempted, 3)}`);
  if (skipped.length) parts.push(`skipped ${skipped.length} the command does not apply to: ${listNames(skipped, 3)}`);
  const summary = parts.join('; ').replace(/([^.])$/, '$1.');

  const lines = [
    ...done.map((item) => `  ${plan.verb.done.toLowerCase()}: ${item}`),
    ...unchanged.map((u) => `  unchanged: ${u.item} — ${u.notice}`),
    ...failed.map((f) => `  FAILED${f.outcomeUnknown ? ' (outcome unknown)' : ''}: ${f.item} — ${f.message}`),
    ...notAttempted.map((item) => `  not attempted: ${item}`),
    ...skipped.map((item) => `  skipped: ${item}`),
  ];
  context.log.info(`${plan.commandId}: ${plan.verb.done} ${done.length} of ${attempted}\n${lines.join('\n')}`);
  const level = failed.length + unchanged.length + notAttempted.length === 0 ? 'info' : done.length === 0 && failed.length > 0 ? 'error' : 'warning';
  const clean = level === 'info' && skipped.length === 0;
  tell(context, level, summary, clean ? {} : showLogAction(context));
}
