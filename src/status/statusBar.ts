/** The CLN health item in the status bar; clicking it runs `cln.showStatus`. */
import * as vscode from 'vscode';
import type { Session, SessionSettings } from '../services/session';
import { assess, flagLine, headline, Health, HealthReport, UNKNOWN, unreachable, statusText } from '../services/health';
import { escapeMarkdown } from '../ui/markdown';
import { PollSchedule } from './pollSchedule';

/** The first check waits this long after activation, which itself fetches nothing. */
const FIRST_CHECK_DELAY_MS = 3_000;

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cln.status', vscode.StatusBarAlignment.Left, 10);
  private readonly schedule: PollSchedule;
  private readonly disposables: vscode.Disposable[] = [];
  private report: HealthReport = UNKNOWN;
  /** The check under way and whom it asks; a check of another account or URL is not joined. */
  private checking?: { promise: Promise<HealthReport>; target: unknown; apiUrl: string };
  private latest = 0;

  constructor(
    private readonly session: Session,
    private readonly settings: () => SessionSettings & { statusIntervalSeconds: number },
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

  /** Checks CLN's health now, joining a check of the same account and URL already under way. */
  check(): Promise<HealthReport> {
    const target = this.session.account;
    const apiUrl = this.settings().apiUrl;
    if (this.checking && this.checking.target === target && this.checking.apiUrl === apiUrl) return this.checking.promise;
    const seq = ++this.latest;
    const promise = this.fetchReport().then((report) => {
      // An older check that ends late does not overwrite a newer one.
      if (seq === this.latest) {
        this.report = report;
        this.render();
      }
      return report;
    });
    const checking = { promise, target, apiUrl };
    this.checking = checking;
    void promise.finally(() => {
      if (this.checking === checking) this.checking = undefined;
    });
    return promise;
  }

  async refresh(): Promise<void> {
    await this.check();
  }

  private async fetchReport(): Promise<HealthReport> {
    this.schedule.noteChecked();
    try {
      return assess(await this.session.readStatus(), new Date());
    } catch (error) {
      return unreachable(error instanceof Error ? error.message : String(error), new Date());
    }
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
    const icons = { problem: '$(warning)', ok: '$(check)', missing: '$(question)' };
    const lines = [`**${escapeMarkdown(headline(report, this.isDemo))}**`, ''];
    if (report.reason) lines.push(escapeMarkdown(report.reason), '');
    for (const reading of report.flags) lines.push(`${icons[reading.state]} ${escapeMarkdown(flagLine(reading))}  `);
    if (report.checkedAt) lines.push('', `_Checked ${report.checkedAt.toLocaleTimeString()}. Click for details._`);
    const md = new vscode.MarkdownString(lines.join('\n'), true);
    this.item.tooltip = md;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
