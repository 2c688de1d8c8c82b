/**
 * The CLN accounts in VS Code's Accounts menu: an AuthenticationProvider over the session's
 * accounts. Signing in from the menu runs the normal Sign In command; signing out there signs
 * out of that account only. A session never carries the secret key (nor a request token made
 * from it): its accessToken is empty, its scopes are empty. Other extensions learn which CLN
 * accounts are signed in, nothing they could call CLN with.
 */
import * as vscode from 'vscode';
import type { Session } from '../../services/session';

export const AUTH_PROVIDER_ID = 'cln';

export class ClnAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known: readonly string[];
  private readonly subscription: { dispose(): void };

  constructor(private readonly session: Session) {
    this.known = session.accounts;
    this.subscription = session.onDidChangeAccounts((logins) => {
      const added = logins.filter((login) => !this.known.includes(login)).map(sessionOf);
      const removed = this.known.filter((login) => !logins.includes(login)).map(sessionOf);
      this.known = [...logins];
      if (added.length > 0 || removed.length > 0) this.changed.fire({ added, removed, changed: [] });
    });
  }

  async getSessions(_scopes: readonly string[] | undefined, options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const wanted = options?.account?.id;
    return this.session.accounts.filter((login) => wanted === undefined || login === wanted).map(sessionOf);
  }

  /** The normal sign-in (login, then secret key, verified by CLN); the account it signed in to. */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const login = await vscode.commands.executeCommand<string | undefined>('cln.signIn', 'another');
    if (!login || !this.session.accounts.includes(login)) throw new Error(vscode.l10n.t('Signing in to CloudLinux Network did not complete.'));
    return sessionOf(login);
  }

  /** Signs out of that account only (its secret key and API token are deleted); the others stay. */
  async removeSession(sessionId: string): Promise<void> {
    await vscode.commands.executeCommand('cln.signOut', sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function sessionOf(login: string): vscode.AuthenticationSession {
  return { id: login, accessToken: '', account: { id: login, label: login }, scopes: [] };
}

export function registerAuthProvider(session: Session): { provider: ClnAuthenticationProvider; disposables: vscode.Disposable[] } {
  const provider = new ClnAuthenticationProvider(session);
  const registration = vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, vscode.l10n.t('CloudLinux Network'), provider, { supportsMultipleAccounts: true });
  return { provider, disposables: [provider, registration] };
}
