import * as vscode from 'vscode';
import { withChangeContext } from '../services/journal';
import type { CommandContext } from './registerCommand';
import type { ConfirmOptions } from './prompter';
import type { ExplorerNode } from '../explorer/nodes';
import { countOf, emptyReport, fill, runItems, summarize, type BulkReport, type BulkRun } from '../services/bulkRun';
import { describeNode, listNames } from './describe';
import { confirmOrStop, showLogAction, tell } from './notify';
import { withProgress } from './progress';

export type { BulkReport, BulkRun } from '../services/bulkRun';

/** The bulk commands' verbs, whole phrases with `{0}` for the object (a name, or a count such as "3 servers"). */
export const VERBS = {
  remove: () => ({ base: vscode.l10n.t('remove {0}'), doing: vscode.l10n.t('Removing {0}'), done: vscode.l10n.t('Removed {0}') }),
  register: () => ({ base: vscode.l10n.t('register {0}'), doing: vscode.l10n.t('Registering {0}'), done: vscode.l10n.t('Registered {0}') }),
  convert: () => ({ base: vscode.l10n.t('convert {0}'), doing: vscode.l10n.t('Converting {0}'), done: vscode.l10n.t('Converted {0}') }),
  update: () => ({ base: vscode.l10n.t('update {0}'), doing: vscode.l10n.t('Updating {0}'), done: vscode.l10n.t('Updated {0}') }),
  resize: () => ({ base: vscode.l10n.t('resize {0}'), doing: vscode.l10n.t('Resizing {0}'), done: vscode.l10n.t('Resized {0}') }),
  move: () => ({ base: vscode.l10n.t('move {0}'), doing: vscode.l10n.t('Moving {0}'), done: vscode.l10n.t('Moved {0}') }),
  apply: () => ({ base: vscode.l10n.t('apply {0}'), doing: vscode.l10n.t('Applying {0}'), done: vscode.l10n.t('Applied {0}') }),
  setCidr: () => ({ base: vscode.l10n.t('set the IP ranges of {0}'), doing: vscode.l10n.t('Setting the IP ranges of {0}'), done: vscode.l10n.t('Set the IP ranges of {0}') }),
  createBackup: () => ({ base: vscode.l10n.t('create a backup for {0}'), doing: vscode.l10n.t('Creating backups for {0}'), done: vscode.l10n.t('Created a backup for {0}') }),
  addToGroup: () => ({ base: vscode.l10n.t('add servers to {0}'), doing: vscode.l10n.t('Adding servers to {0}'), done: vscode.l10n.t('Added servers to {0}') }),
  removeFromGroup: () => ({ base: vscode.l10n.t('remove servers from {0}'), doing: vscode.l10n.t('Removing servers from {0}'), done: vscode.l10n.t('Removed servers from {0}') }),
};

/** What bulk commands act on, with each count worded whole (plural forms are separate messages). */
export const NOUNS = {
  ipLicense: () => ({ one: vscode.l10n.t('IP license'), many: vscode.l10n.t('IP licenses'), count: (n: number) => (n === 1 ? vscode.l10n.t('1 IP license') : vscode.l10n.t('{0} IP licenses', n)) }),
  key: () => ({ one: vscode.l10n.t('key'), many: vscode.l10n.t('keys'), count: (n: number) => (n === 1 ? vscode.l10n.t('1 key') : vscode.l10n.t('{0} keys', n)) }),
  server: () => ({ one: vscode.l10n.t('server'), many: vscode.l10n.t('servers'), count: (n: number) => (n === 1 ? vscode.l10n.t('1 server') : vscode.l10n.t('{0} servers', n)) }),
  imunifyServer: () => ({
    one: vscode.l10n.t('Imunify server'),
    many: vscode.l10n.t('Imunify servers'),
    count: (n: number) => (n === 1 ? vscode.l10n.t('1 Imunify server') : vscode.l10n.t('{0} Imunify servers', n)),
  }),
  backup: () => ({ one: vscode.l10n.t('backup'), many: vscode.l10n.t('backups'), count: (n: number) => (n === 1 ? vscode.l10n.t('1 backup') : vscode.l10n.t('{0} backups', n)) }),
  group: () => ({ one: vscode.l10n.t('group'), many: vscode.l10n.t('groups'), count: (n: number) => (n === 1 ? vscode.l10n.t('1 group') : vscode.l10n.t('{0} groups', n)) }),
  change: () => ({ one: vscode.l10n.t('change'), many: vscode.l10n.t('changes'), count: (n: number) => (n === 1 ? vscode.l10n.t('1 change') : vscode.l10n.t('{0} changes', n)) }),
};

/** For destructive plans: the modal first (only when something applies), then the run. */
export async function runConfirmed<T>(context: CommandContext, confirmation: (items: readonly T[]) => Omit<ConfirmOptions, 'action'>, plan: BulkRun<T>): Promise<BulkReport> {
  if (plan.items.length > 0) await confirmOrStop(context, { ...confirmation(plan.items), action: vscode.l10n.t('Remove') });
  return runBulk(context, plan);
}

/**
 * The modal for removing nodes: "Remove backup #3 (…)?" or "Remove 4 backups?" (`several`),
 * then what happens (`consequence`, a whole sentence with `{0}` for the names, for one or several).
 */
export function removalQuestion(several: (n: number) => string, consequence: (one: boolean) => string) {
  return (items: readonly ExplorerNode[]): Omit<ConfirmOptions, 'action'> => {
    const one = items.length === 1;
    return {
      message: one ? vscode.l10n.t('Remove {0}?', describeNode(items[0])) : several(items.length),
      detail: consequence(one).replace('{0}', listNames(items.map(describeNode), 10)),
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
    tell(context, 'warning', vscode.l10n.t('Nothing to do: the command does not apply to {0}.', listNames(report.skipped)));
    return report;
  }
  if (plan.items.length === 1 && report.skipped.length === 0) return runSingle(context, plan, report);

  const title = vscode.l10n.t('{0}…', fill(plan.verb.doing, countOf(plan.noun, plan.items.length)));
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
  // Its "done" wording names the Activity row once every item happened: "Removed 3 IP licenses".
  return journal.startRun({ login: state.login, title, done: fill(plan.verb.done, countOf(plan.noun, plan.items.length)), command: plan.commandId, items });
}

async function runSingle<T>(context: CommandContext, plan: BulkRun<T>, report: BulkReport): Promise<BulkReport> {
  const name = plan.describe(plan.items[0]);
  const notice = await withProgress(vscode.l10n.t('{0}…', fill(plan.verb.doing, name)), () => withChangeContext({ target: name }, () => plan.run(plan.items[0])), false);
  if (notice) {
    report.unchanged.push({ item: name, notice });
    tell(context, 'warning', vscode.l10n.t('CLN did not {0}: {1}', fill(plan.verb.base, name), notice));
  } else {
    report.done.push(name);
    tell(context, 'info', vscode.l10n.t('{0}.', fill(plan.verb.done, name)));
  }
  return report;
}
