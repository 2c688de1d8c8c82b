import type { RevealTarget } from '../explorer/reveal';
import type { RevealOutcome } from './surfaces';
import type { CommandContext } from './registerCommand';

/**
 * Shows what a command made or found in its tree, selected. A reveal that
 * cannot be done (the filter hides it, the view is not shown) never fails the
 * command: it is logged and said in the outcome.
 */
export async function revealInTree(context: CommandContext, target: RevealTarget, what: string): Promise<RevealOutcome> {
  if (!context.explorer) return 'absent';
  try {
    const outcome = await context.explorer.revealTarget(target);
    if (outcome === 'hidden') context.log.info(`${what} is not shown: the filter or "problems only" hides it.`);
    if (outcome === 'absent') context.log.info(`${what} was not found in the tree.`);
    return outcome;
  } catch (error) {
    context.log.info(`Could not show ${what} in the tree: ${error instanceof Error ? error.message : String(error)}`);
    return 'absent';
  }
}
