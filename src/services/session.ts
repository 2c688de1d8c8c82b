/**
 * Who the explorer talks to CLN as: signed out, signed in to the active one of the accounts
 * kept in secret storage (see accounts.ts), or the in-process demo account. Builds the client
 * and account service for the current state. No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { ClnClient, RequestLogEntry } from '../cln/client';
import { ClnAuthError, ClnError } from '../cln/errors';
import type { Credentials } from '../cln/token';
import type { ServiceStatus } from '../cln/types';
import type { FetchLike } from '../cln/transport';
import { AccountService } from './accountService';
import { AccountStore, SecretStore } from './accountStore';
import { Emitter } from './events';
import type { Journal } from './journal';

export type { SecretStore } from './accountStore';

export interface SessionSettings {
  apiUrl: string;
  timeoutMs: number;
  maxConcurrent: number;
  /** The largest answer read ("cln.maxResponseMB"); default 64 MB. */
  maxResponseBytes?: number;
}

/** The simulator, started in-process for demo mode. */
export interface DemoBackend {
  url: string;
  credentials: Credentials;
  /** The demo account's static API security token (nagios-res), so demo mode never asks for one. */
  apiToken?: string;
  close(): Promise<void>;
}

export type SessionState = { kind: 'signedOut'; reason?: string } | { kind: 'signedIn'; login: string } | { kind: 'demo'; login: string };

export interface SessionDeps {
  secrets: SecretStore;
  /** The settings of an account (its own where it has them, else the defaults); `undefined`: signed out or the demo. */
  settings: (login: string | undefined) => SessionSettings;
  startDemo: () => Promise<DemoBackend>;
  onRequest?: (entry: RequestLogEntry) => void;
  fetch?: FetchLike;
  /** Every change of every account is journaled here. */
  journal?: Journal;
  /** The demo's changes are journaled here instead, apart from real accounts'; emptied each time the demo starts afresh. */
  demoJournal?: Journal;
}

/** An address no one owns (RFC 5737): checking it is the cheapest authenticated call. */
const VERIFY_IP = '192.0.2.1';

export class Session {
  private current: SessionState = { kind: 'signedOut' };
  private credentials?: Credentials;
  private demo?: DemoBackend;
  private service?: AccountService;
  /** The API security token once read from secret storage (or the demo's), for redaction. */
  private apiToken?: string;
  private readonly store: AccountStore;
  /** The signed-in accounts (logins) and the active one, as last read from or written to the store. */
  private listed: string[] = [];
  /** connectionKey() of the account service in use. */
  private entered?: string;
  private activeLogin?: string;
  private readonly changed = new Emitter<SessionState>();
  private readonly accountsChanged = new Emitter<readonly string[]>();
  readonly onDidChange = this.changed.event;
  /** Fires with the signed-in accounts' logins when one is added or removed. */
  readonly onDidChangeAccounts = this.accountsChanged.event;

  constructor(private readonly deps: SessionDeps) {
    this.store = new AccountStore(deps.secrets);
  }

  get state(): SessionState {
    return this.current;
  }

  /** The account of the current state; undefined when signed out. */
  get account(): AccountService | undefined {
    return this.service;
  }

  /** The logins of every signed-in account (the demo is not one), in the order they were added. */
  get accounts(): readonly string[] {
    return this.listed;
  }

  /** The account the explorer returns to (after the demo, at the next start); undefined when none. */
  get active(): string | undefined {
    return this.activeLogin;
  }

  /** Where changes are journaled: the same file for every account; the demo's own file in the demo. */
  get journal(): Journal | undefined {
    return this.current.kind === 'demo' ? (this.deps.demoJournal ?? this.deps.journal) : this.deps.journal;
  }

  /** Secrets that must never appear in output, for redaction. */
  get secretValues(): string[] {
    return [...(this.credentials ? [this.credentials.secretKey] : []), ...(this.apiToken ? [this.apiToken] : [])];
  }

  /**
   * The static API security token of the CLN profile (nagios-res). Signed in: the active
   * account's, from secret storage, undefined until the user gives it; demo: the simulator's.
   */
  async getApiToken(): Promise<string | undefined> {
    if (this.current.kind === 'demo') return (this.apiToken = this.demo?.apiToken);
    if (this.current.kind !== 'signedIn') return undefined;
    this.apiToken = await this.store.apiToken(this.current.login);
    return this.apiToken;
  }

  /** Keeps the API security token in secret storage (the active account's) or for this demo session. */
  async storeApiToken(token: string): Promise<void> {
    const value = token.trim();
    if (this.current.kind === 'signedIn') await this.store.storeApiToken(this.current.login, value);
    this.apiToken = value;
  }

  /** Forgets the active account's API security token; true when one was kept. */
  async forgetApiToken(): Promise<boolean> {
    const had = (await this.getApiToken()) !== undefined;
    if (this.current.kind === 'signedIn') await this.store.deleteApiToken(this.current.login);
    this.apiToken = undefined;
    return had;
  }

  /**
   * Picks up stored accounts at start-up, without any request: first moves the single-account
   * storage of earlier versions into the accounts' layout, then enters the active account.
   */
  async restore(): Promise<void> {
    await this.store.migrateLegacy();
    const index = await this.readIndex();
    // No active account (CLN rejected its secret): the first other account, if any.
    const login = index.active ?? index.logins[0];
    if (this.current.kind !== 'signedOut' || login === undefined) return;
    const credentials = await this.store.credentials(login);
    if (!credentials) return;
    if (index.active === undefined) await this.store.setActive(login);
    await this.readIndex();
    this.apiToken = await this.store.apiToken(login);
    this.enter({ kind: 'signedIn', login: credentials.login }, credentials, this.deps.settings(credentials.login).apiUrl);
  }

  /**
   * Verifies the credentials with one cheap authenticated call (to the account's own API URL)
   * and only then stores them and makes the account the active one. A failure throws the
   * ClnError and leaves everything as it was: the active account, the demo, the other accounts.
   */
  async signIn(login: string, secretKey: string, signal?: AbortSignal): Promise<void> {
    const credentials = { login: login.trim(), secretKey: secretKey.trim() };
    const client = this.makeClient(this.deps.settings(credentials.login).apiUrl, credentials);
    await client.call('ipl.check', { ip: VERIFY_IP }, { signal });
    await this.store.save(credentials, true);
    await this.closeDemo();
    await this.readIndex();
    this.apiToken = await this.store.apiToken(credentials.login);
    this.enter({ kind: 'signedIn', login: credentials.login }, credentials, this.deps.settings(credentials.login).apiUrl);
  }

  /**
   * Makes another signed-in account the active one (leaving the demo). Nothing is sent.
   * An account whose secret is no longer stored is dropped from the list, and said so.
   */
  async switchTo(login: string): Promise<void> {
    if (this.current.kind === 'signedIn' && this.current.login === login) return;
    const credentials = await this.store.credentials(login);
    if (!credentials) {
      await this.store.remove(login);
      await this.readIndex();
      throw new ClnError('auth', l10n.t("The secret key of {0} is no longer in VS Code's secret storage, so CLN Explorer cannot use that account. Sign in to {0} again.", login));
    }
    await this.store.setActive(login);
    await this.closeDemo();
    await this.readIndex();
    this.apiToken = await this.store.apiToken(login);
    this.enter({ kind: 'signedIn', login }, credentials, this.deps.settings(login).apiUrl);
  }

  /**
   * Signs out of one account (the active one when `login` is not given): its login, secret key
   * and API token are deleted, the other accounts stay. Signing out of the active account makes
   * the next one active; when none is left, or when CLN rejected the secret (`reason`), the
   * explorer is signed out. In the demo without a `login`, leaves the demo for the active account.
   */
  async signOut(login?: string, reason?: string): Promise<void> {
    if (login === undefined && this.current.kind === 'demo') {
      // Ends the demo, signed out (the accounts stay stored; leaveDemo() returns to the active one).
      await this.closeDemo();
      this.leave();
      this.setState({ kind: 'signedOut', reason });
      return;
    }
    const target = login ?? (this.current.kind === 'signedIn' ? this.current.login : undefined);
    if (target === undefined) {
      this.setState({ kind: 'signedOut', reason });
      return;
    }
    const wasActive = this.current.kind === 'signedIn' && this.current.login === target;
    const index = await this.store.remove(target);
    const next = reason === undefined ? index.logins[0] : undefined;
    if (next !== undefined && index.active === undefined) await this.store.setActive(next);
    await this.readIndex();
    if (!wasActive) return;
    this.leave();
    const credentials = next === undefined ? undefined : await this.store.credentials(next);
    if (next !== undefined && credentials) {
      this.apiToken = await this.store.apiToken(next);
      this.enter({ kind: 'signedIn', login: next }, credentials, this.deps.settings(next).apiUrl);
    } else this.setState({ kind: 'signedOut', reason });
  }

  /** Signs out of every account and leaves the demo. */
  async signOutAll(): Promise<void> {
    await this.closeDemo();
    for (const login of (await this.store.index()).logins) await this.store.remove(login);
    await this.readIndex();
    this.leave();
    this.setState({ kind: 'signedOut' });
  }

  async startDemo(): Promise<void> {
    if (this.current.kind === 'demo') return;
    const demo = await this.deps.startDemo();
    await this.closeDemo();
    // The demo's account starts afresh, and so does the record of its changes.
    await this.deps.demoJournal?.clear();
    this.demo = demo;
    this.apiToken = demo.apiToken;
    this.enter({ kind: 'demo', login: demo.credentials.login }, demo.credentials, demo.url);
  }

  /** Ends the demo and returns to the active account, if there is one. */
  async leaveDemo(): Promise<void> {
    if (this.current.kind !== 'demo') return;
    await this.closeDemo();
    this.leave();
    this.setState({ kind: 'signedOut' });
    await this.restore();
  }

  /** CLN's service status: through the account when there is one; signed out, status.json needs no credentials. */
  readStatus(): Promise<ServiceStatus> {
    if (this.service) return this.service.read('status.json', {});
    return this.makeClient(this.deps.settings(undefined).apiUrl, undefined).call('status.json', {});
  }

  /**
   * Rebuilds the client after a settings change that changes the active account's connection (its
   * API URL, timeout, concurrency). A change that leaves them as they are (another account's entry in
   * "cln.accounts", a value the sign-in already used) keeps the account and what the views loaded.
   */
  applySettings(): void {
    if (!this.credentials || this.current.kind === 'signedOut') return;
    const url = this.current.kind === 'demo' && this.demo ? this.demo.url : this.deps.settings(this.current.login).apiUrl;
    if (this.connectionKey(this.current, url) === this.entered) return;
    this.enter(this.current, this.credentials, url);
  }

  async dispose(): Promise<void> {
    await this.closeDemo();
    this.changed.dispose();
    this.accountsChanged.dispose();
  }

  private async readIndex() {
    const index = await this.store.index();
    const before = this.listed;
    this.listed = index.logins;
    this.activeLogin = index.active;
    if (before.length !== index.logins.length || before.some((login, i) => login !== index.logins[i])) this.accountsChanged.fire(this.listed);
    return index;
  }

  private leave(): void {
    this.credentials = undefined;
    this.apiToken = undefined;
    this.service = undefined;
  }

  /** What the current account service was built with (state, URL, settings), to tell a real change. */
  private connectionKey(state: SessionState, apiUrl: string): string {
    return JSON.stringify([state, apiUrl, this.deps.settings(state.kind === 'signedIn' ? state.login : undefined)]);
  }

  private enter(state: SessionState, credentials: Credentials, apiUrl: string): void {
    const settings = this.deps.settings(state.kind === 'signedIn' ? state.login : undefined);
    this.entered = this.connectionKey(state, apiUrl);
    this.credentials = credentials;
    const service = new AccountService(this.makeClient(apiUrl, credentials, settings), {
      maxConcurrent: settings.maxConcurrent,
      journal: state.kind === 'demo' ? (this.deps.demoJournal ?? this.deps.journal) : this.deps.journal,
      login: credentials.login,
    });
    this.service = service;
    const login = state.kind === 'signedIn' ? state.login : undefined;
    service.onAuthFailure((error) => void this.onAuthFailure(service, login, error));
    this.setState(state);
  }

  /**
   * An account's stored login and secret are deleted only when CLN itself said "Authorization
   * failed" and the clock is not to blame; a clock off, a proxy's 401/403 or a 5xx keep them.
   * Only that account is signed out; the others stay.
   */
  private async onAuthFailure(service: AccountService, login: string | undefined, error: ClnAuthError): Promise<void> {
    if (login === undefined || !error.credentialsRejected || this.service !== service) return;
    await this.signOut(login, error.message);
  }

  private makeClient(apiUrl: string, credentials: Credentials | undefined, settings = this.deps.settings(credentials?.login)): ClnClient {
    return new ClnClient({
      baseUrl: apiUrl,
      credentials: () => credentials,
      // The session's too (the API token): a call that sends no credentials (status) may still get an answer echoing them.
      secrets: () => [credentials?.secretKey, ...this.secretValues],
      timeoutMs: settings.timeoutMs,
      maxResponseBytes: settings.maxResponseBytes,
      fetch: this.deps.fetch,
      onRequest: this.deps.onRequest,
    });
  }

  private async closeDemo(): Promise<void> {
    const demo = this.demo;
    this.demo = undefined;
    await demo?.close();
  }

  private setState(state: SessionState): void {
    this.current = state;
    this.changed.fire(state);
  }
}
