import type * as vscode from 'vscode';
import type { Prompter } from '../ui/prompter';
import type { Health } from '../services/health';
import type { Session } from '../services/session';
import type { ExplorerNode } from '../explorer/nodes';
import type { Journal } from '../services/journal';
import type { ActivityNode } from './activity/activityView';

export type { Health } from '../services/health';

/**
 * What `activate` returns in `ExtensionMode.Test` only (the extension-host tests, the
 * benchmark's host run): the extension's internals. The tests drive the extension through
 * commands and read outcomes here; `ui.prompter` lets them answer every QuickPick, InputBox
 * and confirmation. Every other mode gets the read-only `PublicApi` (api.ts): this object
 * holds the secret key and the API token (through `session`) and answers prompts.
 */
export interface TestApi {
  readonly session: Session;
  readonly ui: { prompter: Prompter };
  readonly licenses: vscode.TreeDataProvider<ExplorerNode | unknown>;
  readonly groups: vscode.TreeDataProvider<ExplorerNode | unknown>;
  readonly allServers: vscode.TreeDataProvider<ExplorerNode | unknown>;
  /** The Activity view and the journal it reads (every change the extension made). */
  readonly activity: vscode.TreeDataProvider<ActivityNode>;
  readonly journal: Journal;
  /** The Accounts menu's provider (what VS Code hands other extensions, with their consent). */
  readonly auth: vscode.AuthenticationProvider;
  /** The account item in the status bar. */
  readonly accountItem: { readonly text: string; readonly tooltip: string };
  readonly status: { readonly health: Health; readonly text: string; readonly tooltip: string; readonly accessibleLabel: string; refresh(): Promise<void> };
  /** The Licenses and Server Groups views: what is selected (commands reveal and select what they made). */
  readonly explorer: { readonly selection: readonly unknown[] };
  /** How long `activate` took, in milliseconds (the benchmark reports it). */
  readonly activationMs: number;
}
