import type * as vscode from 'vscode';
import { CommandContext, registerClnCommand } from '../ui/registerCommand';
import { ACCOUNT_COMMANDS } from './commands';

/** Registers the commands that read and change the account (licenses, keys, servers, backups, groups). */
export function registerAccountCommands(context: CommandContext): vscode.Disposable[] {
  return Object.entries(ACCOUNT_COMMANDS).map(([id, handler]) => registerClnCommand(id, handler, context));
}
