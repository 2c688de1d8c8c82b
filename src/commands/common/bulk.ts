import { withChangeContext } from '../../services/journal';
import type { CommandContext } from '../../ui/registerCommand';
import type { ConfirmOptions } from '../../ui/prompter';
import type { ExplorerNode } from '../../explorer/nodes';
import { emptyReport, runItems, summarize, type BulkReport, type BulkRun } from './bulkRun';
import { count, describeNode, listNames } from './describe';
import { confirmOrStop, showLogAction, tell } from './notify';
import { withProgress } from './progress';

export type { BulkReport, BulkRun } from './bulkRun';

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

/**
 * Runs a state-changing call per item, one after another, each sent once.
 * One item behaves like any single command (its error is reported as such);
 * several end in one summary notification ("Removed 3 of 4 servers; 1 failed: …")
 * with a line per item in the output channel. Cancelling stops before the next
 * item; the one in flight is never abandoned, so no outcome is lost.
 */
export async function runBulk<T>(context: CommandContext, plan: BulkRun<T>): Promise<BulkReport> {
  const report = emptyReport(plan);
  if (plan.items.length === 0) {
    tell(context, 'warning', `Nothing to ${plan.verb.base}: the command does not apply to ${listNames(report.skipped)}.`);
    return report;
  }
  if (plan.items.length === 1 && report.skipped.length === 0) return runSingle(context, plan, report);

  const title = `${plan.verb.doing} ${count(plan.items.length, plan.noun.one, plan.noun.many)}…`;
  const run = await startJournalRun(context, plan, title.replace(/…$/, ''));
  await withProgress(title, (signal, progress) => runItems(plan, report, signal, progress, run)).finally(
    () => run && context.session.journal?.endRun(run, report.notAttempted.length > 0).catch(() => undefined),
  );
  const summary = summarize(plan, report);
  context.log.info(summary.log);
  tell(context, summary.level, summary.message, summary.clean ? {} : showLogAction(context));
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
