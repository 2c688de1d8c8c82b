/**
 * The clean-up report panel (extension side): runs the sweep and streams its
 * findings to the webview, previews and runs removals (the preview's button is
 * the one confirmation, with the number of items typed into it above a
 * threshold; cancellable progress, a result per item, every change journaled
 * as one resumable bulk run), exports CSV, opens the price editor.
 */
import { randomBytes } from 'crypto';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { cleanupPageStrings } from './core/pageStrings';
import { isClnError } from '../../cln/errors';
import { redact } from '../../cln/redact';
import type { AccountService } from '../../services/accountService';
import { findingsCsv, removalPlan, sweep, type Finding, type Removal } from '../../services/cleanup';
import type { CommandContext } from '../../ui/registerCommand';
import { clnSetting } from '../../ui/settings';
import { setLicensePrices } from './prices';
import { CLEANUP_VIEW_TYPE, readToExtension, type ItemResult, type ResultState, type ToExtension, type ToWebview } from './core/protocol';
import { receiveFromPage, reportWebviewOptions, webviewPageHtml } from '../../ui/webviewPage';

export interface CleanupSettings {
  days: number;
  prices: Record<string, number>;
  threshold: number;
}

export interface CleanupDeps {
  context: CommandContext;
  extensionUri: vscode.Uri;
  settings?: () => CleanupSettings;
}

const COMMAND_ID = 'cln.findUnusedLicenses';
const FLUSH_MS = 60;

function stateOfError(error: unknown): ItemResult {
  const e = isClnError(error) ? error : undefined;
  if (!e) return { state: 'unknown', message: error instanceof Error ? error.message : String(error) };
  if (e.outcomeUnknown) return { state: 'unknown', message: e.message };
  return { state: e.kind === 'api' || e.kind === 'auth' || e.kind === 'http' ? 'refused' : 'failed', message: e.message };
}

function noticeOf(result: unknown): string | undefined {
  if (result === false) return vscode.l10n.t('CLN answered false: nothing was changed');
  if (result && typeof result === 'object' && 'notice' in result && 'removed' in result) {
    const { notice, removed } = result as { notice: unknown; removed: unknown };
    if (removed === null && typeof notice === 'string' && notice) return notice;
  }
  return undefined;
}

/** The page shell the AWP report uses too (one strict CSP), with the report's own script and styles. */
function cleanupHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPageHtml(webview, extensionUri, {
    script: 'cleanupReport.js',
    styles: ['awpReport.css', 'cleanupReport.css'],
    title: vscode.l10n.t('Unused Licenses'),
    loading: vscode.l10n.t('Looking for unused licenses…'),
    strings: cleanupPageStrings(),
  });
}

interface Preview {
  id: string;
  plan: { removal: Removal; findings: Finding[] }[];
}

/**
 * One report panel. `executeCommand('cln.findUnusedLicenses')` resolves to it,
 * so extension-host tests send it the webview's messages and read `posted`.
 */
export class CleanupReportPanel implements vscode.Disposable {
  /** Every finding of the latest sweep, in the order found. */
  findings: Finding[] = [];
  readonly results = new Map<string, ItemResult>();
  /** Resolves when the current sweep has finished (or failed); the first starts when the webview is ready. */
  sweeping: Promise<void>;
  private started = false;
  private firstSweepDone!: () => void;

  private days: number;
  private previews = new Map<string, Preview>();
  private sweepAbort?: AbortController;
  private removing = false;
  private firstFlushed = false;
  /** How the latest sweep ended ('done' or 'problem'), for a webview that (re)loads afterwards. */
  private finished?: ToWebview;
  private isDisposed = false;
  private pending: Finding[] = [];
  private flushTimer?: ReturnType<typeof setTimeout>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: CleanupDeps,
    days: number,
  ) {
    this.days = days;
    panel.webview.options = reportWebviewOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'cln.svg');
    panel.webview.html = cleanupHtml(panel.webview, deps.extensionUri);
    this.sweeping = new Promise((resolve) => (this.firstSweepDone = resolve));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message) => void this.handleMessage(message)),
      panel.onDidDispose(() => this.dispose()),
      // Another account (or the demo): the findings and previews were the previous account's.
      deps.context.session.onDidChange(() => this.accountChanged()),
      // New prices (the price editor, or the settings): the report's costs and totals follow at once.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cln.cleanup.prices') && this.started) this.post({ type: 'prices', prices: this.settings().prices });
      }),
    );
  }

  private get context(): CommandContext {
    return this.deps.context;
  }

  private settings(): CleanupSettings {
    return (this.deps.settings ?? cleanupSettings)();
  }

  /** Sweeps again with another N (the command run again while the panel is open). */
  rescan(days: number): void {
    this.days = days;
    if (this.started) this.startSweep(false);
  }

  reveal(): void {
    this.panel.reveal();
  }

  async handleMessage(raw: unknown): Promise<void> {
    await receiveFromPage(raw, {
      commandId: COMMAND_ID,
      context: this.context,
      read: readToExtension,
      dispatch: (message) => this.dispatch(message),
    });
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.sweepAbort?.abort();
    clearTimeout(this.flushTimer);
    this.disposed.fire();
    this.disposed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /**
   * The active account changed: what the report shows (and any preview) was the previous account's,
   * so it is cleared, and nothing is sent to the new account until the user rescans.
   */
  private accountChanged(): void {
    this.previews.clear();
    if (!this.started) return;
    this.sweepAbort?.abort();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.findings = [];
    this.results.clear();
    this.pending = [];
    const { prices, threshold } = this.settings();
    this.post({ type: 'start', days: this.days, prices, threshold });
    const state = this.context.session.state;
    const who = state.kind === 'signedIn' ? state.login : state.kind === 'demo' ? vscode.l10n.t('the demo account') : undefined;
    this.finished = who
      ? {
          type: 'problem',
          signedOut: false,
          message: vscode.l10n.t("The active CLN account is now {0}; the findings shown were the previous account's and were cleared. Rescan to look for unused licenses in {0}.", who),
        }
      : { type: 'problem', signedOut: true, message: vscode.l10n.t('Sign in to CloudLinux Network (or explore demo data) to look for unused licenses.') };
    this.post(this.finished);
  }

  private async dispatch(message: ToExtension): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (!this.started) {
          // The webview's script runs: the first sweep starts, its findings go out as they come.
          this.started = true;
          this.startSweep(false);
          void this.sweeping.then(this.firstSweepDone);
          return this.sweeping;
        }
        // A webview reloaded after findings were posted gets them all again.
        this.replay();
        return this.sweeping;
      case 'rescan':
        this.started = true;
        this.startSweep(message.refresh);
        void this.sweeping.then(this.firstSweepDone);
        return this.sweeping;
      case 'preview':
        return this.preview(message.ids);
      case 'remove':
        return this.remove(message.previewId, message.typed);
      case 'editPrices':
        return setLicensePrices(this.context, this.findings);
      case 'export':
        return this.export(message.ids);
      case 'cancel':
        if (!this.sweepAbort || this.sweepAbort.signal.aborted || this.finished) return;
        this.sweepAbort.abort();
        this.flush();
        this.finished = {
          type: 'problem',
          signedOut: false,
          message: vscode.l10n.t('Stopped: the {0} findings shown are those found before you stopped the sweep. Rescan to look again.', this.findings.length),
        };
        this.post(this.finished);
        return;
    }
  }

  private replay(): void {
    // Findings waiting for the next burst are in `findings` already: they go out with the rest.
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending = [];
    const { prices, threshold } = this.settings();
    this.post({ type: 'start', days: this.days, prices, threshold });
    if (this.findings.length) this.post({ type: 'findings', findings: this.findings });
    if (this.finished) this.post(this.finished);
    if (this.results.size) this.post({ type: 'results', results: Object.fromEntries(this.results) });
  }

  private startSweep(refresh: boolean): void {
    this.sweepAbort?.abort();
    const abort = (this.sweepAbort = new AbortController());
    this.findings = [];
    this.results.clear();
    this.pending = [];
    this.firstFlushed = false;
    this.finished = undefined;
    const account = this.context.session.account;
    const { prices, threshold } = this.settings();
    this.post({ type: 'start', days: this.days, prices, threshold });
    if (!account) {
      this.finished = { type: 'problem', signedOut: true, message: vscode.l10n.t('Sign in to CloudLinux Network (or explore demo data) to look for unused licenses.') };
      this.post(this.finished);
      this.sweeping = Promise.resolve();
      return;
    }
    this.sweeping = sweep(account, {
      days: this.days,
      force: refresh,
      signal: abort.signal,
      onFindings: (batch) => {
        if (abort.signal.aborted) return;
        this.findings.push(...batch);
        this.pending.push(...batch);
        this.scheduleFlush();
      },
      onProgress: (p) => !abort.signal.aborted && this.post({ type: 'progress', ...p }),
    }).then(
      (result) => {
        if (abort.signal.aborted) return;
        this.flush();
        this.finished = { type: 'done', scanned: result.scanned, notes: result.notes, ms: result.ms };
        this.post(this.finished);
        this.context.log.info(`${COMMAND_ID}: ${result.findings.length} findings in ${result.ms} ms (N = ${this.days} days)`);
      },
      (error) => {
        if (abort.signal.aborted) return;
        this.flush();
        const e = isClnError(error) ? error : undefined;
        this.context.log.error(`${COMMAND_ID}: ${error instanceof Error ? error.message : String(error)}`);
        this.finished = {
          type: 'problem',
          signedOut: e?.kind === 'auth',
          message: e ? e.message : redact(vscode.l10n.t('The sweep stopped: {0}', error instanceof Error ? error.message : String(error)), this.context.session.secretValues),
        };
        this.post(this.finished);
      },
    );
  }

  /** Findings go out in small bursts: the first at once, then every FLUSH_MS. */
  private scheduleFlush(): void {
    if (this.flushTimer) return;
    if (!this.firstFlushed) {
      this.firstFlushed = true;
      this.flush();
      return;
    }
    this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const findings = this.pending;
    this.pending = [];
    this.post({ type: 'findings', findings });
  }

  private selected(ids: readonly string[]): Finding[] {
    const wanted = new Set(ids);
    return this.findings.filter((f) => wanted.has(f.id));
  }

  /** Posts exactly the calls removing `ids` would send, one line per call. */
  private async preview(ids: readonly string[]): Promise<void> {
    const chosen = this.selected(ids);
    const plan = removalPlan(chosen.filter((f) => this.results.get(f.id)?.state !== 'done'));
    const id = randomBytes(6).toString('hex');
    this.previews.set(id, { id, plan });
    this.post({ type: 'preview', previewId: id, calls: plan.map((p) => p.removal.call), infoOnly: chosen.filter((f) => !f.removal).length, threshold: this.settings().threshold });
  }

  /**
   * Runs a previewed removal once the user confirmed it in the preview (which lists every call):
   * its button below the threshold, the number of items typed into it above. Then one call per
   * item, each sent once and journaled in one bulk run whose plan is recorded first (so it can be
   * resumed after a crash).
   */
  private async remove(previewId: string, typed: string | undefined): Promise<void> {
    const preview = this.previews.get(previewId);
    if (!preview || preview.plan.length === 0) return;
    if (this.removing) {
      void this.context.ui.prompter.notify('warning', vscode.l10n.t('A removal is already running in this report; wait for it to finish.'));
      return;
    }
    const account = this.context.session.account;
    const state = this.context.session.state;
    if (!account || state.kind === 'signedOut') throw Object.assign(new Error(vscode.l10n.t('Sign in to CloudLinux Network to remove licenses.')), { name: 'Error' });
    const { plan } = preview;
    const n = plan.length;
    // The threshold as it is now (the preview said it): a setting lowered since then asks for the number.
    if (n > this.settings().threshold && typed?.trim() !== String(n)) {
      void this.context.ui.prompter.notify('warning', vscode.l10n.t('Nothing was removed: type {0} (the number of items) in the preview to confirm removing them.', n));
      return;
    }
    this.previews.delete(previewId);
    await this.runRemoval(account, state.login, plan);
  }

  private async runRemoval(account: AccountService, login: string, plan: Preview['plan']): Promise<void> {
    this.removing = true;
    this.post({ type: 'removing', running: true });
    const journal = this.context.session.journal;
    const setResult = (entry: Preview['plan'][number], result: ItemResult) => {
      for (const f of entry.findings) this.results.set(f.id, result);
      this.post({ type: 'results', results: Object.fromEntries(entry.findings.map((f) => [f.id, result])) });
    };
    for (const entry of plan) setResult(entry, { state: 'queued' });
    const run = journal
      ? await journal.startRun({
          login,
          title: plan.length === 1 ? vscode.l10n.t('Clean-up: remove {0} item', plan.length) : vscode.l10n.t('Clean-up: remove {0} items', plan.length),
          command: COMMAND_ID,
          items: plan.map((p) => ({ target: p.removal.call, action: p.removal.action, args: p.removal.args, where: p.removal.where })),
        })
      : undefined;
    const counts: Record<ResultState, number> = { queued: 0, done: 0, unchanged: 0, refused: 0, failed: 0, unknown: 0, notSent: 0 };
    let stopped = false;
    try {
      await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: plan.length === 1 ? vscode.l10n.t('Removing {0} unused item…', plan.length) : vscode.l10n.t('Removing {0} unused items…', plan.length),
          cancellable: true,
        },
        async (progress, token) => {
          for (const [index, entry] of plan.entries()) {
            if (token.isCancellationRequested || stopped) {
              setResult(entry, { state: 'notSent', message: stopped ? vscode.l10n.t('Not sent: the run stopped after a sign-in or network failure.') : vscode.l10n.t('Not sent: cancelled.') });
              counts.notSent++;
              continue;
            }
            progress.report({ message: vscode.l10n.t('{0} of {1}: {2}', index + 1, plan.length, entry.removal.call), increment: 100 / plan.length });
            let result: ItemResult;
            try {
              const answer = await account.change(entry.removal.action, entry.removal.args as never, { run, item: index, target: entry.removal.call });
              const notice = noticeOf(answer);
              result = notice ? { state: 'unchanged', message: notice } : { state: 'done' };
            } catch (error) {
              result = stateOfError(error);
              const kind = isClnError(error) ? error.kind : undefined;
              stopped = kind === 'auth' || kind === 'network';
            }
            counts[result.state]++;
            setResult(entry, result);
          }
        },
      );
    } finally {
      if (run && journal) await journal.endRun(run, counts.notSent > 0).catch(() => undefined);
      this.removing = false;
      this.post({ type: 'removing', running: false });
    }
    this.summarize(plan, counts);
  }

  private summarize(plan: Preview['plan'], counts: Record<ResultState, number>): void {
    // One clause per outcome, joined as a list: each clause is a message of its own.
    const parts = [vscode.l10n.t('Removed {0} of {1}', counts.done, plan.length)];
    if (counts.unchanged) parts.push(vscode.l10n.t('{0} unchanged', counts.unchanged));
    if (counts.refused) parts.push(vscode.l10n.t('{0} refused by CLN', counts.refused));
    if (counts.failed) parts.push(vscode.l10n.t('{0} not carried out', counts.failed));
    if (counts.unknown) parts.push(vscode.l10n.t('{0} with an unknown outcome (refresh to see the current state)', counts.unknown));
    if (counts.notSent) parts.push(vscode.l10n.t('{0} not sent', counts.notSent));
    const lines = plan.map((p) => {
      const r = this.results.get(p.findings[0].id);
      return `  ${r?.state ?? '?'}: ${p.removal.call}${r?.message ? ` — ${r.message}` : ''}`;
    });
    this.context.log.info(`${COMMAND_ID}: ${parts[0]}\n${lines.join('\n')}`);
    const clean = counts.done === plan.length;
    const level = clean ? 'info' : counts.done === 0 && counts.notSent < plan.length ? 'error' : 'warning';
    const showLog = vscode.l10n.t('Show Log');
    void this.context.ui.prompter.notify(level, parts.join('; ') + '.', ...(clean ? [] : [showLog])).then((action) => action === showLog && this.context.log.show());
  }

  private async export(ids: readonly string[]): Promise<void> {
    const rows = ids.length
      ? (() => {
          const byId = new Map(this.findings.map((f) => [f.id, f]));
          return ids.map((id) => byId.get(id)).filter((f): f is Finding => !!f);
        })()
      : this.findings;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await this.context.ui.prompter.saveAs({
      defaultUri: vscode.Uri.joinPath(folder, `cln-unused-licenses-${new Date().toISOString().slice(0, 10)}.csv`),
      filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
      saveLabel: vscode.l10n.t('Export'),
      title: vscode.l10n.t('Export Unused Licenses'),
    });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(findingsCsv(rows, this.results)));
    const fileName = path.posix.basename(target.path);
    this.post({ type: 'exported', rows: rows.length, fileName });
    void this.context.ui.prompter.notify(
      'info',
      rows.length === 1 ? vscode.l10n.t('Exported {0} finding to {1}.', rows.length, fileName) : vscode.l10n.t('Exported {0} findings to {1}.', rows.length, fileName),
    );
  }

  private post(message: ToWebview): void {
    if (this.isDisposed) return;
    void this.panel.webview.postMessage(message);
  }
}

/** The clean-up's settings: user settings only, bounded (services/settings.ts), so a workspace cannot disarm the typed confirmation. */
export function cleanupSettings(): CleanupSettings {
  return { days: clnSetting('cleanup.unusedDays'), prices: clnSetting('cleanup.prices'), threshold: clnSetting('cleanup.confirmThreshold') };
}

let report: CleanupReportPanel | undefined;

/**
 * The command (the bundle's entry): asks N when run from the palette, then
 * opens the report, or sweeps again in the one already open. Resolves to the panel.
 */
export async function findUnusedLicenses(deps: CleanupDeps, days: unknown): Promise<CleanupReportPanel> {
  let n = typeof days === 'number' && days >= 1 ? Math.floor(days) : undefined;
  if (n === undefined) {
    const answer = await deps.context.ui.prompter.input({
      title: vscode.l10n.t('Find Unused Licenses'),
      prompt: vscode.l10n.t('Licenses and servers that have not checked in for this many days (and unused licenses created before then) are reported.'),
      value: String(cleanupSettings().days),
      validateInput: (value) => (/^\s*\d{1,4}\s*$/.test(value) && Number(value) >= 1 ? undefined : vscode.l10n.t('Enter a whole number of days, from 1 to 9999.')),
    });
    n = Number(answer.trim());
  }
  if (report) {
    report.reveal();
    report.rescan(n);
    return report;
  }
  const panel = vscode.window.createWebviewPanel(CLEANUP_VIEW_TYPE, vscode.l10n.t('Unused Licenses'), vscode.ViewColumn.Active, reportWebviewOptions(deps.extensionUri));
  const created = new CleanupReportPanel(panel, deps, n);
  created.onDidDispose(() => {
    if (report === created) report = undefined;
  });
  return (report = created);
}

/** The findings of the open report (the price editor offers their products too). */
export function currentReportFindings(): readonly Finding[] {
  return report?.findings ?? [];
}

export function disposeReport(): void {
  report?.dispose();
}
