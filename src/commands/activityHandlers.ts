/**
 * Show Activity (the journal), its filter and CSV export, and resuming a bulk run that was cut off.
 * The lazily loaded dist/activityCommands.js; src/commands/activity.ts registers the ids at activation.
 */
import * as os from 'os';
import * as vscode from 'vscode';
import { journalCsv, type RunSummary } from '../services/journal';
import { describeRunState, resumeRun, type ResumeResult } from '../services/resume';
import type { ActivitySurface } from '../ui/surfaces';
import { listNames } from './common/describe';
import { confirmOrStop, showLogAction, tell } from './common/notify';
import { withProgress } from './common/progress';
import type { CommandContext, CommandHandler } from '../ui/registerCommand';

const ACTIVITY_VIEW = 'cln.activity';

/** The activity commands' handlers, by command id, over the Activity view `tree`. */
export function activityHandlers(context: CommandContext, tree: ActivitySurface): Record<string, CommandHandler> {
  return {
    'cln.showActivity': async () => {
      tree.refresh();
      await vscode.commands.executeCommand(`${ACTIVITY_VIEW}.focus`);
      return tree.matching();
    },
    'cln.filterActivity': async () => {
      tree.filter = await context.ui.prompter.input({
        title: vscode.l10n.t('Filter the Activity'),
        prompt: vscode.l10n.t('Show changes whose target, action, outcome, account, message or run contains every word (case-insensitive). Leave empty to show everything.'),
        placeHolder: vscode.l10n.t('e.g. 203.0.113 refused'),
        value: tree.filter,
        validateInput: (value) => (value.length > 200 ? vscode.l10n.t('The filter may have at most {0} characters.', 200) : undefined),
      });
      await vscode.commands.executeCommand('setContext', 'cln.activityFiltered', tree.filter !== '');
    },
    'cln.clearActivityFilter': async () => {
      tree.filter = '';
      await vscode.commands.executeCommand('setContext', 'cln.activityFiltered', false);
    },
    'cln.activityShowMore': async () => tree.showMore(),
    'cln.exportActivity': () => exportActivity(context, tree),
    'cln.resumeRun': (_, runId) => resume(context, typeof runId === 'string' ? runId : undefined),
  };
}

/** Saves the rows the view shows (filtered, newest first) as CSV, where the user chooses. */
async function exportActivity(context: CommandContext, tree: ActivitySurface): Promise<vscode.Uri> {
  const rows = await tree.matching();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await context.ui.prompter.saveAs({
    defaultUri: vscode.Uri.joinPath(folder, `cln-activity-${new Date().toISOString().slice(0, 10)}.csv`),
    filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export CLN Activity'),
  });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(journalCsv(rows)));
  tell(context, 'info', rows.length === 1 ? vscode.l10n.t('Exported 1 change to {0}.', target.fsPath) : vscode.l10n.t('Exported {0} changes to {1}.', rows.length, target.fsPath));
  return target;
}

/**
 * At start: names each bulk run a crash or closed window cut off, and offers
 * to resume it, show the activity, or dismiss it.
 */
export async function offerInterruptedRuns(context: CommandContext, runs: readonly RunSummary[]): Promise<void> {
  const journal = context.session.journal;
  if (!journal) return;
  for (const summary of runs) {
    const started = new Date(summary.run.time).toLocaleString();
    const open = summary.counts.unsent + summary.counts.unknown;
    const message = vscode.l10n.t('A bulk run was cut off: "{0}" (started {1}, account {2}): {3}.', summary.run.title, started, summary.run.login, describeRunState(summary));
    const [resumeAction, showAction, dismissAction] = [vscode.l10n.t('Resume…'), vscode.l10n.t('Show Activity'), vscode.l10n.t('Dismiss')];
    const actions = open > 0 ? [resumeAction, showAction, dismissAction] : [showAction, dismissAction];
    const action = await context.ui.prompter.notify('warning', message, ...actions);
    if (action === resumeAction) await vscode.commands.executeCommand('cln.resumeRun', summary.run.id);
    else if (action === showAction) await vscode.commands.executeCommand('cln.showActivity');
    else if (action === dismissAction) await journal.settleRun(summary.run.id, 'dismissed');
  }
}

async function resume(context: CommandContext, runId?: string): Promise<ResumeResult[] | undefined> {
  const journal = context.session.journal;
  if (!journal) return undefined;
  const runs = await journal.interruptedRuns();
  let summary: RunSummary | undefined = runId ? runs.find((r) => r.run.id === runId) : undefined;
  if (!summary) {
    if (runs.length === 0) {
      tell(context, 'info', runId ? vscode.l10n.t('That bulk run was already resumed or dismissed.') : vscode.l10n.t('No bulk run was cut off: there is nothing to resume.'));
      return undefined;
    }
    summary = (
      await context.ui.prompter.pick(
        runs.map((r) => ({ label: r.run.title, description: new Date(r.run.time).toLocaleString(), detail: describeRunState(r), summary: r })),
        { title: vscode.l10n.t('Resume a Bulk Run That Was Cut Off') },
      )
    ).summary;
  }
  const state = context.session.state;
  const account = context.session.account;
  if (state.kind === 'signedOut' || !account || state.login !== summary.run.login) {
    tell(context, 'warning', vscode.l10n.t('Sign in as {0} to resume "{1}": its changes belong to that account.', summary.run.login, summary.run.title));
    return undefined;
  }
  const open = summary.items.filter((i) => i.state === 'unsent' || i.state === 'unknown');
  await confirmOrStop(context, {
    message: vscode.l10n.t('Resume "{0}"?', summary.run.title),
    detail:
      open.length === 1
        ? vscode.l10n.t('{0}. CLN Explorer first re-reads the current state of the open item, then sends it only if it was never sent and its target is still there. Nothing whose outcome is known is sent again; an unknown outcome is settled by what the re-read shows.', describeRunState(summary))
        : vscode.l10n.t('{0}. CLN Explorer first re-reads the current state of the {1} open items, then sends only the changes never sent whose target is still there. Nothing whose outcome is known is sent again; an unknown outcome is settled by what the re-read shows.', describeRunState(summary), open.length),
    action: vscode.l10n.t('Resume'),
  });
  const found = summary;
  const results = await withProgress(vscode.l10n.t('Resuming "{0}"…', found.run.title), (signal, progress) =>
    resumeRun(account, journal, state.login, found, { signal, onItem: (r, done, total) => progress(vscode.l10n.t('{0} of {1}: {2}', done, total, r.target)) }),
  );
  reportResume(context, found, results);
  return results;
}

function reportResume(context: CommandContext, summary: RunSummary, results: readonly ResumeResult[]): void {
  const by = (test: (r: ResumeResult) => boolean) => results.filter(test).map((r) => r.target);
  const sentDone = by((r) => r.result === 'sent' && (r.outcome === 'done' || r.outcome === 'unchanged'));
  const sentFailed = results.filter((r): r is Extract<ResumeResult, { result: 'sent' }> => r.result === 'sent' && r.outcome !== 'done' && r.outcome !== 'unchanged');
  const gone = by((r) => r.result === 'alreadyGone');
  const confirmed = by((r) => r.result === 'unknownConfirmedDone');
  const stillThere = by((r) => r.result === 'unknownStillPresent');
  const notResumable = by((r) => r.result === 'notResumable');
  const notAttempted = by((r) => r.result === 'notAttempted');
  const heldBack = by((r) => r.result === 'heldBack');
  const parts = [vscode.l10n.t('Resumed "{0}": sent {1}, done {2}', summary.run.title, sentDone.length + sentFailed.length, sentDone.length)];
  if (sentFailed.length) parts.push(vscode.l10n.t('{0} failed: {1} — {2}', sentFailed.length, listNames(sentFailed.map((r) => r.target), 3), sentFailed[0].message ?? ''));
  if (gone.length) parts.push(vscode.l10n.t('{0} already gone (not sent)', gone.length));
  if (confirmed.length) parts.push(confirmed.length === 1 ? vscode.l10n.t('1 unknown outcome confirmed done') : vscode.l10n.t('{0} unknown outcomes confirmed done', confirmed.length));
  if (stillThere.length) parts.push(vscode.l10n.t('{0} with an unknown outcome still present (not re-sent): {1}', stillThere.length, listNames(stillThere, 3)));
  if (notResumable.length) parts.push(vscode.l10n.t('{0} cannot be resumed (the journal keeps no keys): {1}', notResumable.length, listNames(notResumable, 3)));
  if (heldBack.length) parts.push(vscode.l10n.t('{0} held back (the change it waits for is not in place): {1}', heldBack.length, listNames(heldBack, 3)));
  if (notAttempted.length) parts.push(vscode.l10n.t('{0} not attempted (cancelled)', notAttempted.length));
  const lines = results.map((r) => `  ${r.result === 'sent' ? `sent, ${r.outcome}${r.message ? ` — ${r.message}` : ''}` : r.result}: ${r.target}`);
  context.log.info(`cln.resumeRun: ${summary.run.title}\n${lines.join('\n')}`);
  const clean = sentFailed.length + stillThere.length + notResumable.length + notAttempted.length + heldBack.length === 0;
  tell(context, clean ? 'info' : 'warning', vscode.l10n.t('{0}.', parts.join('; ')), clean ? {} : showLogAction(context));
}
