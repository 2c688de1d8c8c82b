import * as vscode from 'vscode';
import { isClnError } from '../cln/errors';
import { UserCancelledError } from './prompter';

export type ProgressTask<T> = (signal: AbortSignal, report: (message: string) => void) => Promise<T>;

/**
 * Runs `task` under a notification progress. When `cancellable`, the Cancel
 * button aborts the signal handed to the task; a cancelled read then ends the
 * command quietly. State-changing calls pass `cancellable: false` (a request
 * already sent cannot be called back) or check the signal between items.
 */
export function withProgress<T>(title: string, task: ProgressTask<T>, cancellable = true): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, (message) => progress.report({ message }));
      } catch (error) {
        if (controller.signal.aborted && isClnError(error) && error.kind === 'cancelled' && !error.outcomeUnknown) throw new UserCancelledError();
        throw error;
      } finally {
        subscription.dispose();
      }
    }),
  );
}
