/**
 * Who the explorer talks to CLN as: signed out, signed in with credentials
 * kept in secret storage, or the in-process demo account. Builds the client
 * and account service for the current state. No `vscode` here.
 */
import { ClnClient, RequestLogEntry } from '../cln/client';
import { ClnAuthError } from '../cln/errors';
import type { Credentials } from '../cln/token';
import type { ServiceStatus } from '../cln/types';
import type { FetchLike } from '../cln/transport';
import { AccountService } from './account';
import { Emitter } from './events';
import type { Journal } from './journal';

export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

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

export type SessionState =
  | { kind: 'signedOut'; reason?: string }
  | { kind: 'signedIn'; login: string }
  | { kind: 'demo'; login: string };

export interface SessionDeps {
  secrets: SecretStore;
  settings: () => SessionSettings;
  startDemo: () => Promise<DemoBackend>;
  onRequest?: (entry: RequestLogEntry) => void;
  fetch?: FetchLike;
  /** Every change of every account is journaled here. */
  journal?: Journal;
}

export const SECRET_LOGIN = 'cln.login';
export const SECRET_KEY = 'cln.secretKey';
/** The account's static API security token (CLN profile), for the account-wide KernelCare check. */
export const SECRET_API_TOKEN = 'cln.apiToken';
/** An address no one owns (RFC 5737): checking it is the cheapest authenticated call. */
const VERIFY_IP = '192.0.2.1';

export class Session {
  private current: SessionState = { kind: 'signedOut' };
  private credentials?: Credentials;
  private demo?: DemoBackend;
  private service?: AccountService;
  /** The API security token once read from secret storage (or the demo's), for redaction. */
  private apiToken?: string;
  private readonly changed = new Emitter<SessionState>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: SessionDeps) {}

  get state(): SessionState {
    return this.current;
  }

  /** The account of the current state; undefined when signed out. */
  get account(): AccountService | undefined {
    return this.service;
  }

  /** Where changes are journaled (the same for every account). */
  get journal(): Journal | undefined {
    return this.deps.journal;
  }

  /** Secrets that must never appear in output, for redaction. */
  get secretValues(): string[] {
    return [...(this.credentials ? [this.credentials.secretKey] : []), ...(this.apiToken ? [this.apiToken] : [])];
  }

  /**
   * The static API security token of the CLN profile (nagios-res). Signed in: from
   * secret storage, undefined until the user gives it; demo: the simulator's.
   */
  async getApiToken(): Promise<string | undefined> {
    if (this.current.kind === 'demo') return (this.apiToken = this.demo?.apiToken);
    if (this.current.kind !== 'signedIn') return undefined;
    this.apiToken = (await this.deps.secrets.get(SECRET_API_TOKEN)) || undefined;
    return this.apiToken;
  }

  /** Keeps the API security token in secret storage (signed in) or for this demo session. */
  async storeApiToken(token: string): Promise<void> {
    const value = token.trim();
    if (this.current.kind === 'signedIn') await this.deps.secrets.store(SECRET_API_TOKEN, value);
    this.apiToken = value;
  }

  /** Forgets the API security token; true when one was kept. */
  async forgetApiToken(): Promise<boolean> {
    const had = (await this.getApiToken()) !== undefined;
    if (this.current.kind === 'signedIn') await this.deps.secrets.delete(SECRET_API_TOKEN);
    this.apiToken = undefined;
    return had;
  }

  /** Picks up stored credentials at start-up, without any request. */
  async restore(): Promise<void> {
    const login = await this.deps.secrets.get(SECRET_LOGIN);
    const secretKey = await this.deps.secrets.get(SECRET_KEY);
    if (login && secretKey) {
      this.apiToken = (await this.deps.secrets.get(SECRET_API_TOKEN)) || undefined;
      this.enter({ kind: 'signedIn', login }, { login, secretKey }, this.deps.settings().apiUrl);
    }
  }

  /**
   * Verifies the credentials with one cheap authenticated call and only then
   * stores them. A failure throws the ClnError and leaves the state as it was.
   */
  async signIn(login: string, secretKey: string, signal?: AbortSignal): Promise<void> {
    const credentials = { login: login.trim(), secretKey: secretKey.trim() };
    const client = this.makeClient(this.deps.settings().apiUrl, credentials);
    await client.call('ipl.check', { ip: VERIFY_IP }, { signal });
    await this.closeDemo();
    // A token kept for another login would be the wrong one.
    if ((await this.deps.secrets.get(SECRET_LOGIN)) !== credentials.login) {
      await this.deps.secrets.delete(SECRET_API_TOKEN);
      this.apiToken = undefined;
    }
    await this.deps.secrets.store(SECRET_LOGIN, credentials.login);
    await this.deps.secrets.store(SECRET_KEY, credentials.secretKey);
    this.enter({ kind: 'signedIn', login: credentials.login }, credentials, this.deps.settings().apiUrl);
  }

  async signOut(reason?: string): Promise<void> {
    if (this.current.kind === 'signedIn') {
      await this.deps.secrets.delete(SECRET_LOGIN);
      await this.deps.secrets.delete(SECRET_KEY);
      await this.deps.secrets.delete(SECRET_API_TOKEN);
    }
    await this.closeDemo();
    this.credentials = undefined;
    this.apiToken = undefined;
    this.service = undefined;
    this.setState({ kind: 'signedOut', reason });
  }

  async startDemo(): Promise<void> {
    if (this.current.kind === 'demo') return;
    const demo = await this.deps.startDemo();
    await this.closeDemo();
    this.demo = demo;
    this.apiToken = demo.apiToken;
    this.enter({ kind: 'demo', login: demo.credentials.login }, demo.credentials, demo.url);
  }

  /** CLN's service status: through the account when there is one; signed out, status.json needs no credentials. */
  readStatus(): Promise<ServiceStatus> {
    if (this.service) return this.service.read('status.json', {});
    return this.makeClient(this.deps.settings().apiUrl, undefined).call('status.json', {});
  }

  /** Rebuilds the client after a settings change (API URL, timeout, concurrency). */
  applySettings(): void {
    if (!this.credentials || this.current.kind === 'signedOut') return;
    const url = this.current.kind === 'demo' && this.demo ? this.demo.url : this.deps.settings().apiUrl;
    this.enter(this.current, this.credentials, url);
  }

  async dispose(): Promise<void> {
    await this.closeDemo();
    this.changed.dispose();
  }

  private enter(state: SessionState, credentials: Credentials, apiUrl: string): void {
    const settings = this.deps.settings();
    this.credentials = credentials;
    this.service = new AccountService(this.makeClient(apiUrl, credentials), { maxConcurrent: settings.maxConcurrent, journal: this.deps.journal, login: credentials.login });
    this.service.onAuthFailure((error) => void this.onAuthFailure(error));
    this.setState(state);
  }

  /**
   * The stored login and secret are deleted only when CLN itself said "Authorization failed"
   * and the clock is not to blame; a clock off, a proxy's 401/403 or a 5xx keep them.
   */
  private async onAuthFailure(error: ClnAuthError): Promise<void> {
    if (this.current.kind !== 'signedIn' || !error.credentialsRejected) return;
    await this.signOut(error.message);
  }

  private makeClient(apiUrl: string, credentials: Credentials | undefined): ClnClient {
    const settings = this.deps.settings();
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
