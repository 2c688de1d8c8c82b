import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { AWP_PRODUCTS } from '../../cln/catalog';
import { yearMonthOf } from '../../cln/dates';
import { ClnError, isClnError } from '../../cln/errors';
import { redact } from '../../cln/redact';
import type { CommandContext } from '../../ui/registerCommand';
import type { AccountService } from '../../services/accountService';
import { csvFileName, toCsv, viewRows, type AwpView } from './core/awpData';
import { readMonth, readTrend } from './core/load';
import { readToExtension, type AwpQuery, type ToExtension, type ToWebview } from './core/protocol';
import { receiveFromPage, reportWebviewOptions, webviewPageHtml } from '../../ui/webviewPage';
import { awpPageStrings } from './core/pageStrings';

const COMMAND_ID = 'cln.openAwpReport';

/**
 * Drives one AccelerateWP billing report panel: answers the webview's messages
 * with CLN data, exports and copies. `executeCommand('cln.openAwpReport')`
 * resolves to it.
 */
export class AwpReportPanel implements vscode.Disposable {
  /** Resolves once the webview's script has started and its first load finished. */
  readonly ready: Promise<void>;

  private query?: AwpQuery;
  private loads = 0;
  private isDisposed = false;
  private markReady!: () => void;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: CommandContext,
    extensionUri: vscode.Uri,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    panel.webview.options = reportWebviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'cln.svg');
    panel.webview.html = awpReportHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message) => void this.handleMessage(message)),
      panel.onDidDispose(() => this.dispose()),
      context.session.onDidChange(() => {
        if (this.query && panel.visible) void this.load(this.query);
      }),
    );
  }

  /** Handles one message as if the webview had sent it; resolves when its answers are posted. */
  async handleMessage(raw: unknown): Promise<void> {
    await receiveFromPage(raw, {
      commandId: COMMAND_ID,
      context: this.context,
      read: readToExtension,
      dispatch: (message) => this.dispatch(message),
    });
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.fire();
    this.disposed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private async dispatch(message: ToExtension): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A webview that showed something before (hidden, or restored after a reload) says what.
        await this.load(message.query ?? { month: yearMonthOf(new Date()), products: [...AWP_PRODUCTS] });
        this.markReady();
        return;
      case 'load':
        return this.load(message.query, message.refresh);
      case 'export':
        return this.export(message.query, message.view);
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.post({ type: 'copied', text: message.text });
        return;
      case 'action':
        if (message.action === 'showLog') this.context.log.show();
        else await vscode.commands.executeCommand(message.action === 'signIn' ? 'cln.signIn' : 'cln.useDemoData');
        return;
    }
  }

  private async load(requested: AwpQuery, refresh = false): Promise<void> {
    const load = ++this.loads;
    const isLatest = () => load === this.loads;
    const currentMonth = yearMonthOf(new Date());
    // The month picker stops at the current month; a later one (a stale saved state) is clamped.
    const query = requested.month > currentMonth ? { ...requested, month: currentMonth } : requested;
    this.query = query;
    const account = this.context.session.account;
    if (!account) {
      this.post({
        type: 'problem',
        query,
        kind: 'signedOut',
        message: vscode.l10n.t('Sign in to CloudLinux Network to see your AccelerateWP billing, or explore the report with demo data.'),
        actions: ['signIn', 'useDemo'],
      });
      return;
    }
    this.post({ type: 'loading', query, currentMonth });
    const month = readMonth(account, query, currentMonth, refresh).then(
      (entries) => isLatest() && this.post({ type: 'report', query, entries }),
      (error) => isLatest() && this.post({ type: 'problem', query, kind: 'error', message: this.describe(error), actions: actionsFor(error) }),
    );
    const trend = readTrend(account, query).then(
      (points) => isLatest() && this.post({ type: 'trend', query, points }),
      (error) => isLatest() && this.post({ type: 'trendFailed', query, message: this.describe(error) }),
    );
    await Promise.all([month, trend]);
  }

  private async export(query: AwpQuery, view: AwpView): Promise<void> {
    const entries = await readMonth(this.account(), query, yearMonthOf(new Date()), false);
    const rows = viewRows(entries, view);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await this.context.ui.prompter.saveAs({
      defaultUri: vscode.Uri.joinPath(folder, csvFileName(query.month, query.products)),
      filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
      saveLabel: vscode.l10n.t('Export'),
      title: vscode.l10n.t('Export AccelerateWP Billing'),
    });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(toCsv(rows)));
    const fileName = path.posix.basename(target.path);
    this.post({ type: 'exported', rows: rows.length, fileName });
    const open = vscode.l10n.t('Open File');
    void this.context.ui.prompter
      .notify(
        'info',
        rows.length === 1
          ? vscode.l10n.t('Exported {0} AccelerateWP billing row to {1}.', rows.length, fileName)
          : vscode.l10n.t('Exported {0} AccelerateWP billing rows to {1}.', rows.length, fileName),
        open,
      )
      .then((action) => {
        if (action === open) void vscode.window.showTextDocument(target);
      });
  }

  private account(): AccountService {
    const account = this.context.session.account;
    if (!account) throw new ClnError('auth', vscode.l10n.t('Sign in to CloudLinux Network to export AccelerateWP billing.'));
    return account;
  }

  private describe(error: unknown): string {
    this.context.log.error(`${COMMAND_ID}: ${error instanceof Error ? error.message : String(error)}`, isClnError(error) ? error.detail : error);
    if (isClnError(error)) return error.message;
    return redact(vscode.l10n.t('CLN Explorer could not load the report: {0}', error instanceof Error ? error.message : String(error)), this.context.session.secretValues);
  }

  private post(message: ToWebview): void {
    if (this.isDisposed) return;
    void this.panel.webview.postMessage(message);
  }
}

function actionsFor(error: unknown): ('signIn' | 'retry' | 'showLog')[] {
  return isClnError(error) && error.kind === 'auth' ? ['signIn', 'retry'] : ['retry', 'showLog'];
}

/** The AccelerateWP billing report's page. */
function awpReportHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPageHtml(webview, extensionUri, {
    script: 'awpReport.js',
    styles: ['awpReport.css'],
    title: vscode.l10n.t('AccelerateWP Billing'),
    loading: vscode.l10n.t('Loading AccelerateWP billing…'),
    strings: awpPageStrings(),
  });
}
