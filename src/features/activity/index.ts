/** The Activity view's commands (show, filter, export) and Resume; at start, the offer to resume a run a crash cut off. */
import type { Feature } from '../../ui/feature';
import type { CommandContext } from '../../ui/registerCommand';
import { activityHandlers, offerInterruptedRuns as offer } from './commands';

export const activity: Feature = ({ context, activity: tree }) => ({ commands: activityHandlers(context, tree) });

/** Names each bulk run a crash or closed window cut off, and offers to resume it, show the activity, or dismiss it. */
export async function offerInterruptedRuns(context: CommandContext): Promise<void> {
  const runs = (await context.session.journal?.interruptedRuns()) ?? [];
  if (runs.length > 0) await offer(context, runs);
}
