import type * as vscode from 'vscode';
import type { ActivitySurface } from '../../ui/surfaces';
import { CommandContext, registerClnCommand } from '../../ui/registerCommand';
import { activityHandlers, offerInterruptedRuns as offer } from './commands';

/** Registers Show Activity, its filter and export, and Resume. */
export function registerActivityCommands(context: CommandContext, tree: ActivitySurface): vscode.Disposable[] {
  return Object.entries(activityHandlers(context, tree)).map(([id, handler]) => registerClnCommand(id, handler, context));
}

/** At start: names each bulk run a crash or closed window cut off, and offers to resume it, show the activity, or dismiss it. */
export async function offerInterruptedRuns(context: CommandContext): Promise<void> {
  const runs = (await context.session.journal?.interruptedRuns()) ?? [];
  if (runs.length > 0) await offer(context, runs);
}
