import type * as vscode from 'vscode';
import type { CommandContext } from '../commands/registerCommand';

/** Registers the webview panels (the AccelerateWP billing report) and their serializers. */
export function registerWebviews(_context: CommandContext, _extensionUri: vscode.Uri): vscode.Disposable[] {
  return [];
}
