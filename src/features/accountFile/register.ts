import * as vscode from 'vscode';
import { runBulk } from '../../ui/bulk';
import { checkInCln } from './checkInCln';
import { DESIRED_COMMANDS } from './commands';
import { DesiredFiles } from './files';
import { hoverAt } from '../hover/hover';
import { DESIRED_FILE_PATTERN } from './filePattern';
import type { CommandContext } from '../../ui/registerCommand';
import { registerClnCommand } from '../../ui/registerCommand';

/**
 * Registers the desired-state commands; their editor support (problems, CodeLens) starts with the
 * first command or the first `*.cln.json` file opened. Also the hover on IPs and keys in any file (cache only).
 */
export function registerDesiredFiles(context: CommandContext, hoverEnabled: () => boolean): vscode.Disposable[] {
  let files: DesiredFiles | undefined;
  const load = () => (files ??= new DesiredFiles());
  const opened = (document: vscode.TextDocument) => {
    if (!files && DESIRED_FILE_PATTERN.test(document.uri.path)) load();
  };
  for (const document of vscode.workspace.textDocuments) opened(document);
  return [
    ...Object.entries(DESIRED_COMMANDS).map(([id, handler]) => registerClnCommand(id, (c, ...args) => handler(c, { files: load(), runBulk }, ...args), context)),
    registerClnCommand('cln.checkInCln', (c, token) => checkInCln(c, token), context),
    vscode.workspace.onDidOpenTextDocument(opened),
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], {
      provideHover: (document, position) => {
        // Only words long enough to be an IP or a key are looked up; the hover itself reads the cache only.
        const range = hoverEnabled() && context.session.account && document.getWordRangeAtPosition(position, /[\w:.%-]{7,}/);
        return range ? hoverAt(context.session, document.getText(range), range) : undefined;
      },
    }),
    { dispose: () => files?.dispose() },
  ];
}
