import * as path from 'path';
import type * as vscode from 'vscode';
import type { ActivitySurface } from '../ui/surfaces';
import { CommandContext, registerLazyCommands } from '../ui/registerCommand';

/** The activity commands' ids; their handlers are the lazily loaded dist/activityCommands.js (src/commands/activityHandlers.ts). */
const ACTIVITY_COMMAND_IDS: readonly string[] = ['cln.showActivity', 'cln.filterActivity', 'cln.clearActivityFilter', 'cln.activityShowMore', 'cln.exportActivity', 'cln.resumeRun'];

type Handlers = typeof import('./activityHandlers');
let loaded: Handlers | undefined;

/** Loaded on the first activity command, or when the journal holds a run that was cut off; not at activation. */
function handlers(): Handlers {
  return (loaded ??= require(path.join(__dirname, 'activityCommands.js')) as Handlers);
}

/** Registers Show Activity, its filter and export, and Resume. */
export function registerActivityCommands(context: CommandContext, tree: ActivitySurface): vscode.Disposable[] {
  return registerLazyCommands(ACTIVITY_COMMAND_IDS, () => handlers().activityHandlers(context, tree), context);
}

/**
 * At start: names each bulk run a crash or closed window cut off, and offers to resume it, show
 * the activity, or dismiss it. Reads the journal here; the offer's code loads only when there is one.
 */
export async function offerInterruptedRuns(context: CommandContext): Promise<void> {
  const runs = (await context.session.journal?.interruptedRuns()) ?? [];
  if (runs.length > 0) await handlers().offerInterruptedRuns(context, runs);
}
