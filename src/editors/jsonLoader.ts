/**
 * View as JSON, wired at activation at the cost of a few lines: the `cln-json:`
 * scheme and the command are registered here; the documents' logic is
 * dist/jsonView.js (`jsonView.ts`), loaded on the first command or document.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { JsonDocuments } from './jsonView';
import type { CommandContext } from '../ui/registerCommand';
import { registerClnCommand } from '../ui/registerCommand';
import type { NodeTrees } from '../ui/surfaces';

/** The same as `JSON_SCHEME` in explorer/json.ts (not imported, so activation does not load it). */
const SCHEME = 'cln-json';

export function registerJsonView(context: CommandContext, trees: NodeTrees): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let documents: JsonDocuments | undefined;
  const load = (): JsonDocuments => (documents ??= new (require(path.join(__dirname, 'jsonView.js')) as typeof import('./jsonView')).JsonDocuments(context, trees, changed));
  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => load().provide(uri) }),
    registerClnCommand('cln.viewAsJson', (_, clicked, selected) => load().open(clicked, selected), context),
    { dispose: () => documents?.dispose() },
  ];
}
