/**
 * View as JSON (made on first use by `index.ts`): a read-only document per
 * node under the `cln-json:` scheme, built by `core/json.ts`. A document remembers the view and the
 * path of rows down to its node; whenever that view's rows change (a refresh,
 * a change to the account, details filling in) it is read again, so it shows
 * the node as the tree does now.
 */
import * as vscode from 'vscode';
import { describeNode, lookOf } from '../../explorer/kinds';
import { JSON_SCHEME, jsonPath, jsonText, nodeJson } from './core/json';
import type { ExplorerNode, TreeNode, ViewName } from '../../explorer/nodes';
import type { CommandContext } from '../../ui/registerCommand';
import type { NodeTrees } from '../../ui/surfaces';

interface Entry {
  view: ViewName;
  path: ExplorerNode[];
  /** Read before the last sign-in, sign-out or switch to the demo: the trees were reset, the text stays as it was read. */
  frozen?: boolean;
  /** The text last served. */
  text?: string;
  /** The user was told the node is gone (told once until it is back). */
  goneTold?: boolean;
}

const isTreeNode = (value: unknown): value is TreeNode => typeof value === 'object' && value !== null && typeof (value as TreeNode).kind === 'string';

/** How long a burst of row changes (details filling in) is gathered before the documents are read again. */
const SETTLE_MS = 150;

export class JsonDocuments implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<ViewName, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly context: CommandContext,
    private readonly trees: NodeTrees,
    private readonly changed: vscode.EventEmitter<vscode.Uri>,
  ) {
    this.subscriptions = [
      trees.onDidChangeRows((view) => this.rowsChanged(view)),
      context.session.onDidChange(() => {
        for (const entry of this.entries.values()) entry.frozen = true;
      }),
    ];
  }

  /** CLN: View as JSON — on the clicked row, else the views' selection, else a pick among the loaded rows. */
  async open(clicked: unknown, _selected?: unknown): Promise<vscode.TextDocument | undefined> {
    const place = await this.target(clicked);
    if (!place) return undefined;
    const node = place.path[place.path.length - 1];
    const uri = vscode.Uri.from({ scheme: JSON_SCHEME, path: jsonPath(accountName(this.context), node) });
    const key = uri.toString();
    const known = this.entries.get(key);
    this.entries.set(key, { ...place, text: known?.text });
    // Already open: read it again now (the row may have changed since).
    if (known) this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  private async target(clicked: unknown): Promise<{ view: ViewName; path: ExplorerNode[] } | undefined> {
    if (isTreeNode(clicked)) {
      const place = this.trees.pathOf(clicked);
      if (place) return place;
    }
    for (const node of this.trees.selection) {
      const place = this.trees.pathOf(node);
      if (place) return place;
    }
    if (!this.context.session.account) {
      void this.context.ui.prompter.notify('info', vscode.l10n.t('Sign in to CLN or explore the demo data, then choose a row of the CloudLinux Network views to view it as JSON.'));
      return undefined;
    }
    const loaded = await this.trees.loadedNodes();
    const look = { staleDays: 7, now: Date.now() };
    const items = loaded.map(({ view, node }) => ({ label: lookOf(node, look).label, description: describeNode(node), view, node }));
    const picked = await this.context.ui.prompter.pick(items, {
      title: vscode.l10n.t('View as JSON'),
      placeHolder: vscode.l10n.t('Which row? Rows the CloudLinux Network views have loaded; expand a folder there to list more.'),
      matchOnDescription: true,
    });
    return this.trees.pathOf(picked.node);
  }

  /** The document's text: the node at its place now; when it is gone, the text last read (and the user is told once). */
  async provide(uri: vscode.Uri): Promise<string> {
    const entry = this.entries.get(uri.toString());
    if (!entry) return `${JSON.stringify(vscode.l10n.t('Open this row again with "View as JSON" in the CloudLinux Network views.'))}\n`;
    // Read under another session (another account, signed out since): the document stays as it was read.
    if (entry.frozen || !this.context.session.account) return entry.text ?? '{}\n';
    const node = await this.trees.locate(entry.view, entry.path);
    if (!node) {
      if (!entry.goneTold) {
        entry.goneTold = true;
        void this.context.ui.prompter.notify('warning', vscode.l10n.t('{0} is no longer in the account; its JSON document shows it as last read.', describeNode(entry.path[entry.path.length - 1])));
      }
      return entry.text ?? '{}\n';
    }
    const rows = await this.trees.rowsUnder(entry.view, node);
    entry.path = this.trees.pathOf(node)?.path ?? entry.path;
    entry.goneTold = false;
    entry.text = jsonText(nodeJson(node, rows), this.context.session.secretValues);
    return entry.text;
  }

  /**
   * A view's rows changed: its documents shown in an editor tab are read again
   * once the changes settle (a closed tab's document may linger in VS Code for a
   * while; it is not read again, and nobody is told about it).
   */
  private rowsChanged(view: ViewName): void {
    if (this.pending.has(view)) return;
    this.pending.set(
      view,
      setTimeout(() => {
        this.pending.delete(view);
        const open = new Set(
          vscode.window.tabGroups.all
            .flatMap((group) => group.tabs)
            .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined))
            .filter((uri): uri is vscode.Uri => uri?.scheme === JSON_SCHEME)
            .map((uri) => uri.toString()),
        );
        for (const [key, entry] of this.entries) if (entry.view === view && open.has(key)) this.changed.fire(vscode.Uri.parse(key));
      }, SETTLE_MS),
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const timer of this.pending.values()) clearTimeout(timer);
  }
}

/** The URI's account segment: the login, or "demo". */
function accountName(context: CommandContext): string {
  const state = context.session.state;
  return state.kind === 'demo' ? 'demo' : state.kind === 'signedIn' ? state.login : 'signed-out';
}
