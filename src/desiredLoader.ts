import * as vscode from 'vscode';
import * as path from 'path';
import { runBulk } from './commands/common/bulk';
import type { DesiredFiles } from './editors/desiredFile';
import { DESIRED_FILE_PATTERN } from './ui/desiredFiles';
import type { CommandContext } from './ui/registerCommand';
import { registerClnCommand } from './ui/registerCommand';

type DesiredBundle = typeof import('./desiredBundle');
let bundle: DesiredBundle | undefined;

/** Desired-state files are a separate bundle (dist/desired.js), loaded on first use like the simulator. */
function loadDesired(): DesiredBundle {
  bundle ??= require(path.join(__dirname, 'desired.js')) as DesiredBundle;
  return bundle;
}

export const DESIRED_COMMAND_IDS = ['cln.exportAccount', 'cln.plan', 'cln.apply', 'cln.showPlan', 'cln.compareInventory'];

/**
 * Registers the desired-state commands and loads their bundle on first use: the
 * first command, or the first `*.cln.json` file opened (for its problems and CodeLens).
 * Also the hover on IPs and keys in any file (cache only), loaded at the first IP-like hover.
 */
export function registerDesiredFiles(context: CommandContext, hoverEnabled: () => boolean): vscode.Disposable[] {
  let files: DesiredFiles | undefined;
  const load = () => {
    const bundle = loadDesired();
    files ??= new bundle.DesiredFiles();
    return { bundle, files };
  };
  const opened = (document: vscode.TextDocument) => {
    if (!files && DESIRED_FILE_PATTERN.test(document.uri.path)) load();
  };
  for (const document of vscode.workspace.textDocuments) opened(document);
  return [
    ...DESIRED_COMMAND_IDS.map((id) =>
      registerClnCommand(id, (c, ...args) => {
        const { bundle, files } = load();
        return bundle.DESIRED_COMMANDS[id](c, { files, runBulk }, ...args);
      }, context),
    ),
    registerClnCommand('cln.checkInCln', (c, token) => loadDesired().checkInCln(c, token), context),
    vscode.workspace.onDidOpenTextDocument(opened),
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], {
      provideHover: (document, position) => {
        // Only words long enough to be an IP or a key load the bundle; the hover itself reads the cache only.
        const range = hoverEnabled() && context.session.account && document.getWordRangeAtPosition(position, /[\w:.%-]{7,}/);
        return range ? loadDesired().hoverAt(context.session, document.getText(range), range) : undefined;
      },
    }),
    { dispose: () => files?.dispose() },
  ];
}
