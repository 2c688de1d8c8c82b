/**
 * Show Activity (the journal), its filter and CSV export, and resuming a bulk run that was cut off.
 * `index.ts` hands them to the feature table.
 */
import * as os from 'os';
import * as vscode from 'vscode';
import { journalCsv, type Journal, type RunSummary } from '../../services/journal';
import { checkRun, describeCall, describeRefusals, describeRunState, labelText, prepareResume, sendResume, type Refusal, type ResumeResult } from './core/resume';
import type { ActivitySurface } from '../../ui/surfaces';
import { listNames } from '../../ui/describe';
import { confirmOrStop, showLogAction, tell } from '../../ui/notify';
import { withProgress } from '../../ui/progress';
import type { CommandContext, CommandHandler } from '../../ui/registerCommand';

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
    const message = vscode.l10n.t('A bulk run was cut off: "{0}" (started {1}, account {2}): {3}.', labelText(summary.run.title), started, labelText(summary.run.login), describeRunState(summary));
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
        runs.map((r) => ({ label: labelText(r.run.title), description: new Date(r.run.time).toLocaleString(), detail: describeRunState(r), summary: r })),
        { title: vscode.l10n.t('Resume a Bulk Run That Was Cut Off') },
      )
    ).summary;
  }
  const state = context.session.state;
  const account = context.session.account;
  if (state.kind === 'signedOut' || !account || state.login !== summary.run.login) {
    tell(context, 'warning', vscode.l10n.t('Sign in as {0} to resume "{1}": its changes belong to that account.', labelText(summary.run.login), labelText(summary.run.title)));
    return undefined;
  }
  const found = summary;
  // The journal is a file anyone with access may have edited: its record is checked before any request.
  const refusals = checkRun(found);
  if (refusals.length > 0) {
    refuse(context, journal, found, refusals);
    return undefined;
  }
  const plan = await withProgress(vscode.l10n.t('Re-reading the account for "{0}"…', labelText(found.run.title)), (signal) => prepareResume(account, journal, found, { signal }));
  if (plan.toSend.length > 0) {
    const calls = plan.toSend.map((item, n) => vscode.l10n.t('{0}. {1} (listed as "{2}")', n + 1, describeCall(item.planned), labelText(item.planned.target)));
    context.log.info(`cln.resumeRun: ${vscode.l10n.t('Calls to send for "{0}":', labelText(found.run.title))}\n${calls.map((c) => `  ${c}`).join('\n')}`);
    const shown = calls.slice(0, MAX_CALLS_SHOWN);
    const more = calls.length > shown.length;
    if (more) shown.push(vscode.l10n.t('…and {0} more calls: Show All Calls lists every one (nothing is sent; run Resume again when you have read them).', calls.length - shown.length));
    const others = plan.open - plan.toSend.length;
    await confirmOrStop(context, {
      message:
        plan.toSend.length === 1
          ? vscode.l10n.t('Resume "{0}": send 1 call?', labelText(found.run.title))
          : vscode.l10n.t('Resume "{0}": send {1} calls?', labelText(found.run.title), plan.toSend.length),
      detail: [
        vscode.l10n.t('{0}. The account was re-read; these changes were never sent and are still needed. Each is sent once, in this order:', describeRunState(found)),
        ...shown,
        plan.toSend.some((item) => item.planned.after !== undefined) ? vscode.l10n.t('A removal that waits for a registration is sent only if a re-read then shows that registration in place.') : '',
        others === 0
          ? ''
          : others === 1
            ? vscode.l10n.t('1 other open item is not sent: the re-read shows it done or gone, it waits for a change not in place, or it cannot be resumed.')
            : vscode.l10n.t('{0} other open items are not sent: the re-read shows them done or gone, they wait for a change not in place, or they cannot be resumed.', others),
        vscode.l10n.t('Nothing whose outcome is known is sent again.'),
      ]
        .filter(Boolean)
        .join('\n'),
      action: vscode.l10n.t('Resume'),
      also: more ? { label: vscode.l10n.t('Show All Calls'), run: () => showAllCalls(found, calls) } : undefined,
    });
  }
  const results = await withProgress(vscode.l10n.t('Resuming "{0}"…', labelText(found.run.title)), (signal, progress) =>
    sendResume(account, journal, state.login, plan, { signal, onItem: (r, done, total) => progress(vscode.l10n.t('{0} of {1}: {2}', done, total, labelText(r.target))) }),
  );
  reportResume(context, found, results);
  return results;
}

/** At most this many calls are listed in the confirmation; Show All Calls (and the log) list every one. */
const MAX_CALLS_SHOWN = 25;

/** Every call Resume would send, in a read-only document of its own (the modal cannot scroll). */
async function showAllCalls(summary: RunSummary, calls: readonly string[]): Promise<void> {
  const content = [vscode.l10n.t('Calls to send for "{0}", in this order (nothing has been sent):', labelText(summary.run.title)), '', ...calls].join('\n');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content, language: 'plaintext' }), { preview: true });
}

/** Names each item of the run the journal's record does not bear out; offers to dismiss the run. Nothing was sent. */
function refuse(context: CommandContext, journal: Journal, summary: RunSummary, refusals: readonly Refusal[]): void {
  if (refusals.length > 3) context.log.error(describeRefusals(summary, refusals));
  const dismiss = vscode.l10n.t('Dismiss Run');
  tell(context, 'error', describeRefusals(summary, refusals, 3), { ...showLogAction(context), [dismiss]: () => journal.settleRun(summary.run.id, 'dismissed') });
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
  if (sentFailed.length)
    parts.push(
      vscode.l10n.t(
        '{0} failed: {1} — {2}',
        sentFailed.length,
        listNames(
          sentFailed.map((r) => r.target),
          3,
        ),
        sentFailed[0].message ?? '',
      ),
    );
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
