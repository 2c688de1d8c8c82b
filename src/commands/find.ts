import * as path from 'path';
import type * as vscode from 'vscode';
import type { ExplorerSurface } from '../ui/surfaces';
import { CommandContext, registerLazyCommands } from '../ui/registerCommand';

/** Find's and Sort All Servers' ids; their handlers are the lazily loaded dist/findCommands.js (src/commands/findHandlers.ts). */
const FIND_COMMAND_IDS: readonly string[] = ['cln.find', 'cln.sortAllServers'];

/** Registers CLN: Find… and Sort All Servers; their code loads on the first use, not at activation. */
export function registerFindCommands(context: CommandContext, views: ExplorerSurface): vscode.Disposable[] {
  return registerLazyCommands(FIND_COMMAND_IDS, () => (require(path.join(__dirname, 'findCommands.js')) as typeof import('./findHandlers')).findHandlers(context, views), context);
}
