import * as path from 'path';
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { publicApi, type PublicApi } from './features/api';
import type { TestApi } from './features/testApi';
import { registerFeatures } from './features';
import { offerInterruptedRuns } from './features/activity';
import type { Prompter } from './ui/prompter';
import { CommandContext, reportError } from './ui/registerCommand';
import { VsCodePrompter } from './ui/vscodePrompter';
import { OutputLog } from './ui/outputLog';
import { Journal } from './services/journal';
import { DemoBackend, Session } from './services/session';
import { settingsFor } from './services/accountStore';
import { clnSetting } from './ui/settings';
import { registerAuthProvider } from './features/accounts/authProvider';
import { AccountItem } from './features/accounts/accountItem';
import { StatusBar } from './features/status/statusBar';
import { ActivityTree } from './features/activity/activityView';
import { ExplorerViews } from './features/tree/explorerViews';

/** Wiring only. Activation reads stored credentials and fetches nothing. */
export function activate(context: vscode.ExtensionContext): PublicApi | TestApi {
  const started = performance.now();
  // The vscode-free layers translate with @vscode/l10n: hand it the bundle VS Code loaded for this display language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = new OutputLog(() => session.secretValues);
  // An account's own entry in "cln.accounts" (API URL, timeout, concurrency) over the global settings.
  const connection = (login: string | undefined) => {
    const own = settingsFor(login, { apiUrl: setting('apiUrl'), requestTimeout: setting('requestTimeout'), maxConcurrentRequests: setting('maxConcurrentRequests') }, setting('accounts'));
    return { apiUrl: own.apiUrl, timeoutMs: own.requestTimeout * 1000, maxConcurrent: own.maxConcurrentRequests, maxResponseBytes: Math.floor(setting('maxResponseMB') * 1024 * 1024) };
  };
  // Every change is journaled here before it is sent (see services/journal.ts).
  const journal = new Journal(path.join(context.globalStorageUri.fsPath, 'activity.jsonl'), { secrets: () => session.secretValues });
  const demoJournal = new Journal(path.join(context.globalStorageUri.fsPath, 'demo-activity.jsonl'), { secrets: () => session.secretValues });
  const session: Session = new Session({
    secrets: context.secrets,
    settings: connection,
    startDemo,
    onRequest: (entry) => {
      log.request(entry);
      status.noteRequest(entry);
    },
    journal,
    demoJournal,
  });
  const ui: { prompter: Prompter } = { prompter: new VsCodePrompter() };
  const views = new ExplorerViews(session, context.workspaceState, () => ({ pageSize: setting('pageSize'), staleDays: setting('staleCheckinDays') }));
  const commandContext: CommandContext = { session, ui, log, explorer: views, testMode: context.extensionMode === vscode.ExtensionMode.Test };
  const activity = new ActivityTree(journal, () => setting('pageSize'), {
    journal: demoJournal,
    active: () => session.state.kind === 'demo',
    onDidChange: (listener) => session.onDidChange(listener),
  });
  const status = new StatusBar(session, () => ({ statusIntervalSeconds: setting('statusRefreshInterval') }));
  const accountItem = new AccountItem(session);
  // The accounts in VS Code's Accounts menu.
  const auth = registerAuthProvider(session);

  context.subscriptions.push(
    log,
    views,
    status,
    accountItem,
    ...auth.disposables,
    activity,
    vscode.window.createTreeView('cln.activity', { treeDataProvider: activity }),
    // Every feature (src/features/index.ts): its commands through one loop, and what else it contributes.
    ...registerFeatures({ context: commandContext, views, status, activity, extensionUri: context.extensionUri }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (['apiUrl', 'requestTimeout', 'maxConcurrentRequests', 'maxResponseMB', 'accounts'].some((key) => event.affectsConfiguration(`cln.${key}`))) {
        // Not awaited: a settings event has no one to wait for it; guarded() reports any failure.
        void guarded('cln.apiUrl', () => session.applySettings());
      }
      if (event.affectsConfiguration('cln.statusRefreshInterval')) status.reschedule();
      if (event.affectsConfiguration('cln.pageSize') || event.affectsConfiguration('cln.staleCheckinDays')) views.rerender();
    }),
    { dispose: () => void session.dispose() },
  );

  const guarded = (what: string, task: () => unknown) =>
    Promise.resolve()
      .then(task)
      .catch((error) => reportError(what, error, commandContext));
  void guarded('restoring the CLN session', async () => {
    await session.restore();
    // `npm run demo` starts VS Code with CLN_EXPLORER_DEMO=1: demo data, and the CLN view open.
    if (process.env.CLN_EXPLORER_DEMO === '1') {
      await vscode.commands.executeCommand('cln.useDemoData');
      await vscode.commands.executeCommand('workbench.view.extension.cln');
    }
  }).finally(() => {
    status.start();
    void guarded('reading the activity journal', () => offerInterruptedRuns(commandContext));
  });

  const activationMs = performance.now() - started;
  // Every installed extension reads what activate() returns: the internals only to the tests (api.ts).
  if (context.extensionMode !== vscode.ExtensionMode.Test) return publicApi(activationMs);
  return { session, ui, auth: auth.provider, accountItem, licenses: views.licenses, groups: views.groups, allServers: views.allServers, explorer: views, activity, journal, status, activationMs };
}

export function deactivate(): void {}

/** A cln.* setting, bounded, a user-only one from the user settings alone (services/settings.ts has the table). */
const setting = clnSetting;

/** The simulator is evaluated only when demo mode starts (esbuild keeps an `import()` in the same bundle). */
async function startDemo(): Promise<DemoBackend> {
  const simulator = await import('./sim');
  return simulator.startSimulator({ size: 'demo' });
}
