/** Show Activity (the journal), its filter and CSV export, and resuming a bulk run that was cut off. */
import * as os from 'os';
import * as vscode from 'vscode';
import { journalCsv, type RunSummary } from '../services/journal';
import { describeRunState, resumeRun, type ResumeResult } from '../services/resume';
import type { ActivitySurface } from '../ui/surfaces';
import { count, listNames } from './common/describe';
import { confirmOrStop, showLogAction, tell } from './common/notify';
import { withProgress } from './common/progress';
import { CommandContext, registerClnCommand } from '../ui/registerCommand';

export const ACTIVITY_VIEW = 'cln.activity';

export function registerActivityCommands(context: CommandContext, tree: ActivitySurface): vscode.Disposable[] {
  const commands: Record<string, (context: CommandContext, ...args: unknown[]) => Promise<unknown>> = {
    'cln.showActivity': async () => {
      tree.refresh();
      await vscode.commands.executeCommand(`${ACTIVITY_VIEW}.focus`);
      return tree.matching();
    },
    'cln.filterActivity': async () => {
      tree.filter = await context.ui.prompter.input({
        title: 'Filter the Activity',
        prompt: 'Show changes whose target, action, outcome, account, message or run contains every word (case-insensitive). Leave empty to show everything.',
        placeHolder: 'e.g. 203.0.113 refused',
        value: tree.filter,
        validateInput: (value) => (value.length > 200 ? 'The filter may have at most 200 characters.' : undefined),
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
  return Object.entries(commands).map(([id, handler]) => registerClnCommand(id, handler, context));
}

/** Saves the rows the view shows (filtered, newest first) as CSV, where the user chooses. */
async function exportActivity(context: CommandContext, tree: ActivitySurface): Promise<vscode.Uri> {
  const rows = await tree.matching();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await context.ui.prompter.saveAs({
    defaultUri: vscode.Uri.joinPath(folder, `cln-activity-${new Date().toISOString().slice(0, 10)}.csv`),
    filters: { 'CSV files': ['csv'] },
    saveLabel: 'Export',
    title: 'Export CLN Activity',
  });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(journalCsv(rows)));
  tell(context, 'info', `Exported ${count(rows.length, 'change')} to ${target.fsPath}.`);
  return target;
}

/**
 * At start: names each bulk run a crash or closed window cut off, and offers
 * to resume it, show the activity, or dismiss it.
 */
export async function offerInterruptedRuns(context: CommandContext): Promise<void> {
  const journal = context.session.journal;
  if (!journal) return;
  for (const summary of await journal.interruptedRuns()) {
    const started = new Date(summary.run.time).toLocaleString();
    const open = summary.counts.unsent + summary.counts.unknown;
    const message = `A bulk run was cut off: "${summary.run.title}" (started ${started}, account ${summary.run.login}): ${describeRunState(summary)}.`;
    const actions = open > 0 ? ['Resume…', 'Show Activity', 'Dismiss'] : ['Show Activity', 'Dismiss'];
    const action = await context.ui.prompter.notify('warning', message, ...actions);
    if (action === 'Resume…') await vscode.commands.executeCommand('cln.resumeRun', summary.run.id);
    else if (action === 'Show Activity') await vscode.commands.executeCommand('cln.showActivity');
    else if (action === 'Dismiss') await journal.settleRun(summary.run.id, 'dismissed');
  }
}

async function resume(context: CommandContext, runId?: string): Promise<ResumeResult[] | undefined> {
  const journal = context.session.journal;
  if (!journal) return undefined;
  const runs = await journal.interruptedRuns();
  let summary: RunSummary | undefined = runId ? runs.find((r) => r.run.id === runId) : undefined;
  if (!summary) {
    if (runs.length === 0) {
      tell(context, 'info', runId ? 'That bulk run was already resumed or dismissed.' : 'No bulk run was cut off: there is nothing to resume.');
      return undefined;
    }
    summary = (
      await context.ui.prompter.pick(
        runs.map((r) => ({ label: r.run.title, description: new Date(r.run.time).toLocaleString(), detail: describeRunState(r), summary: r })),
        { title: 'Resume a Bulk Run That Was Cut Off' },
      )
    ).summary;
  }
  const state = context.session.state;
  const account = context.session.account;
  if (state.kind === 'signedOut' || !account || state.login !== summary.run.login) {
    tell(context, 'warning', `Sign in as ${summary.run.login} to resume "${summary.run.title}": its changes belong to that account.`);
    return undefined;
  }
  const open = summary.items.filter((i) => i.state === 'unsent' || i.state === 'unknown');
  await confirmOrStop(context, {
    message: `Resume "${summary.run.title}"?`,
    detail: `${describeRunState(summary)}. CLN Explorer first re-reads the current state of the ${count(open.length, 'open item')}, then sends only the changes never sent whose target is still there. Nothing whose outcome is known is sent again; an unknown outcome is settled by what the re-read shows.`,
    action: 'Resume',
  });
  const found = summary;
  const results = await withProgress(`Resuming "${found.run.title}"…`, (signal, progress) =>
    resumeRun(account, journal, state.login, found, { signal, onItem: (r, done, total) => progress(`${done} of ${total}: ${r.target}`) }),
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
  const parts = [`Resumed "${summary.run.title}": sent ${sentDone.length + sentFailed.length}, done ${sentDone.length}`];
  if (sentFailed.length) parts.push(`${sentFailed.length} failed: ${listNames(sentFailed.map((r) => r.target), 3)} — ${sentFailed[0].message}`);
  if (gone.length) parts.push(`${gone.length} already gone (not sent)`);
  if (confirmed.length) parts.push(`${confirmed.length} unknown outcome${confirmed.length === 1 ? '' : 's'} confirmed done`);
  if (stillThere.length) parts.push(`${stillThere.length} with an unknown outcome still present (not re-sent): ${listNames(stillThere, 3)}`);
  if (notResumable.length) parts.push(`${notResumable.length} cannot be resumed (the journal keeps no keys): ${listNames(notResumable, 3)}`);
  if (heldBack.length) parts.push(`${heldBack.length} held back (the change it waits for is not in place): ${listNames(heldBack, 3)}`);
  if (notAttempted.length) parts.push(`${notAttempted.length} not attempted (cancelled)`);
  const lines = results.map((r) => `  ${r.result === 'sent' ? `sent, ${r.outcome}${r.message ? ` — ${r.message}` : ''}` : r.result}: ${r.target}`);
  context.log.info(`cln.resumeRun: ${summary.run.title}\n${lines.join('\n')}`);
  const clean = sentFailed.length + stillThere.length + notResumable.length + notAttempted.length + heldBack.length === 0;
  tell(context, clean ? 'info' : 'warning', parts.join('; ') + '.', clean ? {} : showLogAction(context));
}
