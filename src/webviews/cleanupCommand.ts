/**
 * `CLN: Find Unused Licenses`. Everything it does — asking N, the report, the
 * sweep — is in a separate bundle (dist/cleanup.js), required here on first use.
 */
import * as path from 'path';
import type * as vscode from 'vscode';
import { reportError, registerClnCommand, type CommandContext } from '../ui/registerCommand';

type CleanupModule = typeof import('./cleanupPanel');

export function registerCleanupCommand(context: CommandContext, extensionUri: vscode.Uri): vscode.Disposable[] {
  let loaded: CleanupModule | undefined;
  const load = () => (loaded ??= require(path.join(__dirname, 'cleanup.js')) as CleanupModule);
  return [
    registerClnCommand('cln.findUnusedLicenses', (_context, days) => load().findUnusedLicenses({ context, extensionUri, reportError: (id, error) => reportError(id, error, context) }, days), context),
    { dispose: () => loaded?.disposeReport() },
  ];
}
