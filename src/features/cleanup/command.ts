/** `CLN: Find Unused Licenses`: asking N, the report, the sweep (cleanupPanel.ts). */
import type * as vscode from 'vscode';
import { registerClnCommand, type CommandContext } from '../../ui/registerCommand';
import { disposeReport, findUnusedLicenses } from './panel';

export function registerCleanupCommand(context: CommandContext, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    registerClnCommand('cln.findUnusedLicenses', (_context, days) => findUnusedLicenses({ context, extensionUri }, days), context),
    { dispose: () => disposeReport() },
  ];
}
