/**
 * The account item in the status bar: which CLN account the explorer shows ("Demo" in the demo);
 * clicking it switches accounts. Also keeps the `cln.hasAccounts` context key for `when` clauses.
 */
import * as vscode from 'vscode';
import type { Session } from '../../services/session';

export class AccountItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cln.account', vscode.StatusBarAlignment.Left, 11);
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly session: Session) {
    this.item.name = vscode.l10n.t('CLN Account');
    this.item.command = 'cln.switchAccount';
    this.subscriptions = [session.onDidChange(() => this.render()), session.onDidChangeAccounts(() => this.render())];
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  private render(): void {
    const state = this.session.state;
    const accounts = this.session.accounts;
    void vscode.commands.executeCommand('setContext', 'cln.hasAccounts', accounts.length > 0);
    if (state.kind === 'signedOut' && accounts.length === 0) {
      this.item.hide();
      return;
    }
    const who = state.kind === 'demo' ? vscode.l10n.t('Demo') : state.kind === 'signedIn' ? state.login : vscode.l10n.t('Signed out');
    this.item.text = `${state.kind === 'demo' ? '$(beaker)' : '$(account)'} ${who}`;
    const count = accounts.length;
    this.item.tooltip = [
      state.kind === 'signedIn'
        ? vscode.l10n.t('CLN account: {0}', state.login)
        : state.kind === 'demo'
          ? vscode.l10n.t('CLN demo account (simulated, on this computer)')
          : vscode.l10n.t('Not signed in to a CLN account'),
      count === 1 ? vscode.l10n.t('1 account signed in.') : vscode.l10n.t('{0} accounts signed in.', count),
      vscode.l10n.t('Click to switch accounts.'),
    ].join('\n');
    this.item.accessibilityInformation = { label: vscode.l10n.t('CLN account: {0}. Click to switch accounts.', who), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
