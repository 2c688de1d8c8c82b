/** View as JSON: the `cln-json:` scheme and the command; the documents' logic is `jsonView.ts`, made on the first command or document. */
import * as vscode from 'vscode';
import { JsonDocuments } from './jsonDocuments';
import type { CommandContext } from '../../ui/registerCommand';
import { registerClnCommand } from '../../ui/registerCommand';
import type { NodeTrees } from '../../ui/surfaces';

import { JSON_SCHEME as SCHEME } from './core/json';

export function registerJsonView(context: CommandContext, trees: NodeTrees): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let documents: JsonDocuments | undefined;
  const load = (): JsonDocuments => (documents ??= new JsonDocuments(context, trees, changed));
  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => load().provide(uri) }),
    registerClnCommand('cln.viewAsJson', (_, clicked, selected) => load().open(clicked, selected), context),
    { dispose: () => documents?.dispose() },
  ];
}
