/** View as JSON: the `cln-json:` scheme and the command; the documents' logic is `jsonDocuments.ts`, made on the first command or document. */
import * as vscode from 'vscode';
import type { Feature } from '../../ui/feature';
import { JSON_SCHEME } from './core/json';
import { JsonDocuments } from './jsonDocuments';

export const jsonView: Feature = ({ context, views }) => {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let documents: JsonDocuments | undefined;
  const load = (): JsonDocuments => (documents ??= new JsonDocuments(context, views, changed));
  return {
    commands: { 'cln.viewAsJson': (_, clicked, selected) => load().open(clicked, selected) },
    disposables: [
      changed,
      vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => load().provide(uri) }),
      { dispose: () => documents?.dispose() },
    ],
  };
};
