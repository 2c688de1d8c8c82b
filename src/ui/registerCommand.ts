import * as vscode from 'vscode';
import { ClnError, isClnError } from '../cln/errors';
import { redact } from '../cln/redact';
import type { OutputLog } from './outputLog';
import type { Revealer } from './surfaces';
import type { Session } from '../services/session';
import type { Prompter } from './prompter';
import { isUserCancelled } from './prompter';

/** What every command handler may use. `ui.prompter` is swapped by tests. */
export interface CommandContext {
  readonly session: Session;
  readonly ui: { prompter: Prompter };
  readonly log: OutputLog;
  /** The trees, to reveal and select what a command made or found (absent where no trees are shown). */
  readonly explorer?: Revealer;
  /**
   * ExtensionMode.Test: a command resolves to its handler's value (a report panel, a document)
   * for the tests to read. Otherwise `executeCommand`, which every extension may call, gets a
   * string, number or boolean at most: never an object of ours that reaches the session.
   */
  readonly testMode?: boolean;
}

export type CommandHandler = (context: CommandContext, ...args: unknown[]) => Promise<unknown>;

/**
 * Registers a command whose failures all end the same way: a cancelled prompt
 * ends quietly; a ClnError shows its message with the action that helps
 * (Sign In, Show Log); anything else is reported and logged. The handler's
 * value is returned to `executeCommand` callers: whole in the test mode (tests
 * read it), else only a plain string, number or boolean (`cln.signIn`'s login).
 */
export function registerClnCommand(id: string, handler: CommandHandler, context: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      const value = await handler(context, ...args);
      return context.testMode || ['string', 'number', 'boolean'].includes(typeof value) ? value : undefined;
    } catch (error) {
      if (isUserCancelled(error)) return undefined;
      await reportError(id, error, context);
      return undefined;
    }
  });
}

export async function reportError(id: string, error: unknown, context: CommandContext): Promise<void> {
  const secrets = context.session.secretValues;
  if (isClnError(error)) {
    context.log.error(`${id}: ${error.message}`, error.detail);
    const action = await context.ui.prompter.notify(error.outcomeUnknown ? 'warning' : 'error', error.message, ...actionsFor(error));
    if (action === SIGN_IN()) await vscode.commands.executeCommand('cln.signIn');
    if (action === SHOW_LOG()) context.log.show();
    return;
  }
  const message = redact(error instanceof Error ? error.message : String(error), secrets);
  context.log.error(`${id} failed unexpectedly: ${message}`, error);
  const action = await context.ui.prompter.notify('error', vscode.l10n.t('CLN Explorer could not complete the command: {0}', message), SHOW_LOG());
  if (action === SHOW_LOG()) context.log.show();
}

/** The notification buttons, in the display language (a test's scripted answer names them in English). */
const SIGN_IN = () => vscode.l10n.t('Sign In');
const SHOW_LOG = () => vscode.l10n.t('Show Log');

function actionsFor(error: ClnError): string[] {
  if (error.kind === 'auth') return [SIGN_IN()];
  if (error.kind === 'validation' || error.kind === 'cancelled') return [];
  return [SHOW_LOG()];
}
