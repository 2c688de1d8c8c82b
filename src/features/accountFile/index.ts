/**
 * The account as a file (`*.cln.json`): Export, Plan, Apply, Show Plan, Compare with Inventory and
 * Check in CLN; the editor support (problems, CodeLens) starts with the first command or the first
 * `*.cln.json` file opened.
 */
import * as vscode from 'vscode';
import type { Feature } from '../../ui/feature';
import type { CommandHandler } from '../../ui/registerCommand';
import { checkInCln } from './checkInCln';
import { DESIRED_COMMANDS } from './commands';
import { DESIRED_FILE_PATTERN } from './filePattern';
import { DesiredFiles } from './files';

export const accountFile: Feature = () => {
  let files: DesiredFiles | undefined;
  const load = () => (files ??= new DesiredFiles());
  const opened = (document: vscode.TextDocument) => {
    if (!files && DESIRED_FILE_PATTERN.test(document.uri.path)) load();
  };
  for (const document of vscode.workspace.textDocuments) opened(document);
  const commands: Record<string, CommandHandler> = Object.fromEntries(Object.entries(DESIRED_COMMANDS).map(([id, handler]) => [id, (c, ...args) => handler(c, load(), ...args)]));
  return {
    commands: { ...commands, 'cln.checkInCln': (c, token) => checkInCln(c, token) },
    disposables: [vscode.workspace.onDidOpenTextDocument(opened), { dispose: () => files?.dispose() }],
  };
};
