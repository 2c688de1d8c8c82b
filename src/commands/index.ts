import type * as vscode from 'vscode';
import type { CommandContext } from './registerCommand';

/** Registers the commands that read and change the account (licenses, keys, servers, backups, groups). */
export function registerAccountCommands(_context: CommandContext): vscode.Disposable[] {
  return [];
}
