import * as vscode from 'vscode';
import type { CommandContext } from './registerCommand';
import { NoticeLevel, UserCancelledError } from './prompter';
import type { ConfirmOptions } from './prompter';

/** Buttons on a notification and what each does. */
export type NoticeActions = Record<string, () => unknown>;

export const showLogAction = (context: CommandContext): NoticeActions => ({ [vscode.l10n.t('Show Log')]: () => context.log.show() });

/**
 * Shows a notification without making the command wait for it to be closed,
 * and writes it to the CLN output channel, so every outcome is on record.
 * `logged`: the message as the log keeps it, when the notification shows
 * what the log must not (a key string the user just created).
 */
export function tell(context: CommandContext, level: NoticeLevel, message: string, actions: NoticeActions = {}, logged = message): void {
  if (level === 'error') context.log.error(logged);
  else context.log.info(logged);
  void context.ui.prompter.notify(level, message, ...Object.keys(actions)).then((chosen) => {
    if (chosen) actions[chosen]?.();
  });
}

/** Ends a command quietly after telling the user why there is nothing to do. */
export function stop(context: CommandContext, message: string): UserCancelledError {
  tell(context, 'info', message);
  return new UserCancelledError();
}

/** A modal confirmation; anything but the action button ends the command with nothing changed. */
export async function confirmOrStop(context: CommandContext, options: ConfirmOptions): Promise<void> {
  if (!(await context.ui.prompter.confirm(options))) throw new UserCancelledError();
}
