/**
 * The CLN health item in the status bar; clicking it runs `cln.showStatus`.
 * Signed out it claims nothing and asks nothing: no request leaves the machine until the user
 * signs in or opens the demo. A failed check is shown as failed, never as the last good answer.
 */
import * as vscode from 'vscode';
import type { Session } from '../../services/session';
import { accessibleLabel, assess, failed, headline, Health, HealthReport, NOT_CHECKED, readingLine, SIGNED_OUT, statusText } from '../../services/health';
import { clampSetting } from '../../services/settings';
import { PollSchedule } from './core/pollSchedule';
import { escapeMarkdown } from '../../ui/markdown';

/** The first check waits this long after activation (or sign-in), which itself fetches nothing. */
const FIRST_CHECK_DELAY_MS = 3_000;
/** A failed request elsewhere triggers a check, at most this often. */
const RECHECK_AFTER_FAILURE_MS = 30_000;

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cln.status', vscode.StatusBarAlignment.Left, 10);
  private readonly schedule: PollSchedule;
  private readonly disposables: vscode.Disposable[] = [];
  private report: HealthReport = SIGNED_OUT;
  /** The check under way and whom it asks; a check of another account is not joined. */
  private checking?: { promise: Promise<HealthReport>; target: unknown };
  private latest = 0;
  private started = false;
  private lastRecheck = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly session: Session,
    settings: () => { statusIntervalSeconds: number },
  ) {
    this.item.name = vscode.l10n.t('CLN Service Status');
    this.item.command = 'cln.showStatus';
    // cln.statusRefreshInterval, bounded by clampSetting: 0 is off, anything else at least a second (PollSchedule holds that too).
    this.schedule = new PollSchedule(
      () => this.check(),
      () => clampSetting('statusRefreshInterval', settings().statusIntervalSeconds) * 1000,
    );
    const sessionChange = session.onDidChange(() => this.sessionChanged());
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

  /** What a screen reader announces for the item (plain text). */
  get accessibleLabel(): string {
    return this.item.accessibilityInformation?.label ?? '';
  }

  get isDemo(): boolean {
    return this.session.state.kind === 'demo';
  }

  /** Activation is done: polls while there is an account (signed in or demo), the first check a little later. */
  start(): void {
    this.started = true;
    this.schedule.setFocused(vscode.window.state.focused);
    if (this.session.account) this.schedule.start(FIRST_CHECK_DELAY_MS);
  }

  /** `cln.statusRefreshInterval` changed. */
  reschedule(): void {
    this.schedule.reschedule();
  }

  /**
   * Checks CLN's health now, joining a check of the same account already under way.
   * Signed out it asks nothing and reports that nothing is claimed.
   */
  check(): Promise<HealthReport> {
    const account = this.session.account;
    if (!account) return Promise.resolve(this.report);
    if (this.checking && this.checking.target === account) return this.checking.promise;
    const seq = ++this.latest;
    this.schedule.noteChecked();
    const promise = this.session
      .readStatus()
      .then(
        (status) => assess(status, new Date()),
        (error: unknown) => failed(error instanceof Error ? error.message : String(error), new Date()),
      )
      .then((report) => {
        // An older check that ends late (or one of an account since signed out of) does not overwrite a newer state.
        if (seq === this.latest && this.session.account === account) {
          this.report = report;
          this.render();
        }
        return this.session.account === account ? report : this.report;
      });
    const checking = { promise, target: account };
    this.checking = checking;
    void promise.finally(() => {
      if (this.checking === checking) this.checking = undefined;
    });
    return promise;
  }

  /**
   * Every request the account makes: one that got no answer at all (CLN or the network is down;
   * not a cancel) makes the status bar check again, at most every RECHECK_AFTER_FAILURE_MS, so it
   * does not keep showing OK from an earlier check while CLN does not answer.
   */
  noteRequest(entry: { status?: number; error?: string }): void {
    if (entry.status !== undefined || !entry.error || /^Cancelled/.test(entry.error)) return;
    if (!this.session.account || this.checking || !this.started) return;
    const now = Date.now();
    if (now - this.lastRecheck < RECHECK_AFTER_FAILURE_MS) return;
    this.lastRecheck = now;
    void this.check();
  }

  async refresh(): Promise<void> {
    await this.check();
  }

  private sessionChanged(): void {
    this.latest++; // a check under way belongs to the previous account
    this.checking = undefined;
    if (!this.session.account) {
      this.schedule.dispose();
      this.report = SIGNED_OUT;
      this.render();
      return;
    }
    this.report = NOT_CHECKED;
    this.render();
    if (!this.started) return; // activation's restore: start() polls
    // Just signed in or into the demo: the first check a little later, not amid the views' first loads.
    if (!this.schedule.isStarted) this.schedule.start(FIRST_CHECK_DELAY_MS);
    else void this.check(); // another account or URL while polling: check it now
  }

  private render(): void {
    const report = this.report;
    const demo = this.isDemo;
    this.item.text = statusText(report, demo);
    this.item.accessibilityInformation = { label: accessibleLabel(report, demo), role: 'button' };
    this.item.backgroundColor =
      report.health === 'degraded' ? new vscode.ThemeColor('statusBarItem.warningBackground') : report.health === 'unreachable' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const icons = { problem: '$(warning)', ok: '$(check)', notReported: '$(circle-slash)', info: '$(info)' };
    const lines = [`**${escapeMarkdown(headline(report, demo))}**`, ''];
    if (report.reason) lines.push(escapeMarkdown(report.reason), '');
    for (const reading of report.readings) lines.push(`${icons[reading.state]} ${escapeMarkdown(readingLine(reading))}  `);
    if (report.health === 'signedOut') lines.push(escapeMarkdown(vscode.l10n.t('Nothing is sent to CLN until then. Click for the choices.')));
    else if (report.checkedAt) lines.push('', `_${escapeMarkdown(vscode.l10n.t('Checked {0}. Click for details.', report.checkedAt.toLocaleTimeString()))}_`);
    this.item.tooltip = new vscode.MarkdownString(lines.join('\n'), true);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
