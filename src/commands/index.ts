import * as path from 'path';
import type * as vscode from 'vscode';
import { CommandContext, CommandHandler, registerClnCommand } from '../ui/registerCommand';

/** The account commands' ids; their handlers are the lazily loaded dist/accountCommands.js (src/commands/accountHandlers.ts). */
export const ACCOUNT_COMMAND_IDS: readonly string[] = [
  'cln.registerIpLicense',
  'cln.convertIpLicense',
  'cln.removeIpLicense',
  'cln.updateIpLicense',
  'cln.checkIp',
  'cln.changeLicenseIp',
  'cln.changeLicenseProduct',
  'cln.createKey',
  'cln.updateKey',
  'cln.removeKey',
  'cln.setKeyCidr',
  'cln.removeServer',
  'cln.convertServer',
  'cln.checkKernelCareHealth',
  'cln.manageApiToken',
  // Sign in / out, switch accounts, the demo: rare, so loaded on first use too.
  'cln.signIn',
  'cln.signOut',
  'cln.switchAccount',
  'cln.useDemoData',
  'cln.createBackup',
  'cln.resizeBackup',
  'cln.removeBackup',
  'cln.createGroup',
  'cln.addServersToGroup',
  'cln.removeServersFromGroup',
  // The same commands under the title that fits the selection: one row, or several (listMultiSelection clauses).
  'cln.addServerToGroup',
  'cln.removeServerFromGroup',
  'cln.removeIpLicenses',
  'cln.removeKeys',
  'cln.removeServers',
  'cln.removeBackups',
];

let handlers: Record<string, CommandHandler> | undefined;

/** Loaded on the first account command, not at activation. */
function handlerOf(id: string): CommandHandler {
  handlers ??= (require(path.join(__dirname, 'accountCommands.js')) as typeof import('./accountHandlers')).ACCOUNT_COMMANDS;
  return handlers[id];
}

/** Registers the commands that read and change the account (licenses, keys, servers, backups, groups). */
export function registerAccountCommands(context: CommandContext): vscode.Disposable[] {
  return ACCOUNT_COMMAND_IDS.map((id) => registerClnCommand(id, (ctx, ...args) => handlerOf(id)(ctx, ...args), context));
}
