import type * as vscode from 'vscode';
import type { ExplorerSurface } from '../../ui/surfaces';
import { CommandContext, registerClnCommand } from '../../ui/registerCommand';
import { findHandlers } from './commands';

/** Registers CLN: Find… and Sort All Servers. */
export function registerFindCommands(context: CommandContext, views: ExplorerSurface): vscode.Disposable[] {
  return Object.entries(findHandlers(context, views)).map(([id, handler]) => registerClnCommand(id, handler, context));
}
