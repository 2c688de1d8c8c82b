/**
 * Context keys that say what applies now, for the manifest's `when` clauses (the palette, the views'
 * title bars): `cln.hasInterruptedRun` is true while the journal holds a bulk run that a crash or a
 * closed window cut off, so "Resume an Interrupted Bulk Run" is offered only when there is one.
 */
import * as vscode from 'vscode';
import type { Journal } from '../services/journal';

/** How long after a journal write the interrupted runs are read again (a bulk run writes many lines). */
const SETTLE_MS = 500;

/** Keeps `cln.hasInterruptedRun` true exactly while `journal` names an interrupted run. */
export function trackInterruptedRuns(journal: Journal | undefined, onError: (error: unknown) => void): vscode.Disposable {
  if (!journal) {
    void vscode.commands.executeCommand('setContext', 'cln.hasInterruptedRun', false);
    return new vscode.Disposable(() => undefined);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const check = () => {
    timer = undefined;
    journal.interruptedRuns().then((runs) => (disposed ? undefined : vscode.commands.executeCommand('setContext', 'cln.hasInterruptedRun', runs.length > 0)), onError);
  };
  const subscription = journal.onDidAppend(() => {
    if (timer === undefined) timer = setTimeout(check, SETTLE_MS);
  });
  check();
  return new vscode.Disposable(() => {
    disposed = true;
    if (timer !== undefined) clearTimeout(timer);
    subscription.dispose();
  });
}
