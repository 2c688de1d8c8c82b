/** The CLN health item in the status bar; clicking it runs `cln.showStatus`. */
import * as vscode from 'vscode';
import type { Health } from '../api';
import { ClnClient } from '../cln/client';
import type { ServiceStatus } from '../cln/types';
import type { OutputLog } from '../log/outputLog';
import type { Session, SessionSettings } from '../services/session';
import { assess, flagLine, headline, HealthReport, UNKNOWN, unreachable, statusText } from './health';
import { PollSchedule } from './pollSchedule';

/** The first check waits this long after activation, which itself fetches nothing. */
const FIRST_CHECK_DELAY_MS = 3_000;

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cln.status', vscode.StatusBarAlignment.Left, 10);
  private readonly schedule: PollSchedule;
  private readonly disposables: vscode.Disposable[] = [];
  private report: HealthReport = UNKNOWN;
  private checking?: Promise<HealthReport>;

  constructor(
    private readonly session: Session,
    private readonly settings: () => SessionSettings & { statusIntervalSeconds: number },
    private readonly log: OutputLog,
  ) {
    this.item.name = 'CLN Service Status';
    this.item.command = 'cln.showStatus';
    this.schedule = new PollSchedule(() => this.check(), () => Math.max(0, settings().statusIntervalSeconds) * 1000);
    const sessionChange = session.onDidChange(() => {
      this.render();
      if (this.schedule.isStarted) void this.check();
    });
    this.disposables.push(
      this.item,
      { dispose: () => sessionChange.dispose() },
      { dispose: () => this.schedule.dispose() },
      vscode.window.onDidChangeWindowState((state) => this.schedule.setFocused(state.focused)),
    );
    this.render();
    this.item.show();
  }

  get health(): Health {
    return this.report.health;
  }

  get current(): HealthReport {
    return this.report;
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  }

  get isDemo(): boolean {
    return this.session.state.kind === 'demo';
  }

  /** Starts the polling; the first check comes a little after activation. */
  start(): void {
    this.schedule.setFocused(vscode.window.state.focused);
    this.schedule.start(FIRST_CHECK_DELAY_MS);
  }

  /** `cln.statusRefreshInterval` changed. */
  reschedule(): void {
    this.schedule.reschedule();
  }

  /** Checks CLN's health now (joining a check already under way). */
  check(): Promise<HealthReport> {
    this.checking ??= this.fetchReport().finally(() => (this.checking = undefined));
    return this.checking;
  }

  async refresh(): Promise<void> {
    await this.check();
  }

  private async fetchReport(): Promise<HealthReport> {
    this.schedule.noteChecked();
    try {
      this.report = assess(await this.fetchStatus(), new Date());
    } catch (error) {
      this.report = unreachable(error instanceof Error ? error.message : String(error), new Date());
    }
    this.render();
    return this.report;
  }

  /** Signed in or demo: through the account; signed out: status.json needs no credentials. */
  private fetchStatus(): Promise<ServiceStatus> {
    const account = this.session.account;
    if (account) return account.read('status.json', {});
    const settings = this.settings();
    const client = new ClnClient({
      baseUrl: settings.apiUrl,
      credentials: () => undefined,
      timeoutMs: settings.timeoutMs,
      onRequest: (entry) => this.log.request(entry),
    });
    return client.call('status.json', {});
  }

  private render(): void {
    const report = this.report;
    this.item.text = statusText(report, this.isDemo);
    this.item.backgroundColor =
      report.health === 'degraded'
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : report.health === 'unreachable'
          ? new vscode.ThemeColor('statusBarItem.errorBackground')
          : undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown('**');
    md.appendText(headline(report, this.isDemo));
    md.appendMarkdown('**\n\n');
    if (report.reason) {
      md.appendText(report.reason);
      md.appendMarkdown('\n\n');
    }
    for (const reading of report.flags) {
      md.appendMarkdown(reading.state === 'problem' ? '$(warning) ' : reading.state === 'ok' ? '$(check) ' : '$(question) ');
      md.appendText(flagLine(reading));
      md.appendMarkdown('  \n');
    }
    if (report.checkedAt) md.appendMarkdown(`\n_Checked ${report.checkedAt.toLocaleTimeString()}. Click for details._`);
    this.item.tooltip = md;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
