/**
 * The CLN accounts kept in secret storage: per account its login, secret key and API security
 * token under keys of its own, and an index (which logins, which one is active). Also moves the
 * single-account layout of earlier versions (`cln.login`, `cln.secretKey`, `cln.apiToken`) into it.
 * No `vscode` here.
 *
 * The index lives in secret storage too, not in globalState: the logins it names stay on this
 * machine with the secrets they index (globalState can be synced to other machines, where the
 * secrets are not), and one store means the index and the secrets cannot come from two places.
 * Writes go secrets first, index second; removals the other way round for the secrets (deleted
 * first), so an account the index lists always had its secret stored, and no secret outlives
 * its account.
 */
import type { Credentials } from '../cln/token';
import { clampSetting, SETTINGS } from './settings';

export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The single-account layout of CLN Explorer before several accounts (migrated at start-up). */
export const LEGACY_LOGIN = 'cln.login';
export const LEGACY_SECRET_KEY = 'cln.secretKey';
export const LEGACY_API_TOKEN = 'cln.apiToken';

/** The index of accounts (JSON, no secrets). */
export const ACCOUNTS_INDEX = 'cln.accountIndex';

export type AccountField = 'login' | 'secretKey' | 'apiToken';

/** Where one account's login, secret key or API security token is kept. */
export function accountKey(login: string, field: AccountField): string {
  return `cln.account.${login}.${field}`;
}

export interface AccountIndex {
  /** The signed-in accounts' logins, in the order they were added. */
  logins: string[];
  /** The account the explorer shows; one of `logins`. */
  active?: string;
}

export class AccountStore {
  /** Index writes one after another, so two changes at once do not lose one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: SecretStore) {}

  async index(): Promise<AccountIndex> {
    return parseIndex(await this.secrets.get(ACCOUNTS_INDEX));
  }

  /** The login and secret key of `login`; undefined when either is not stored. */
  async credentials(login: string): Promise<Credentials | undefined> {
    const storedLogin = await this.secrets.get(accountKey(login, 'login'));
    const secretKey = await this.secrets.get(accountKey(login, 'secretKey'));
    return storedLogin && secretKey ? { login: storedLogin, secretKey } : undefined;
  }

  /**
   * Stores an account's credentials, then lists it in the index (as active when `activate`).
   * When listing fails, a new account's stored keys are deleted again: nothing half-stored.
   */
  async save(credentials: Credentials, activate: boolean): Promise<void> {
    const { login } = credentials;
    const known = (await this.index()).logins.includes(login);
    await this.secrets.store(accountKey(login, 'login'), login);
    await this.secrets.store(accountKey(login, 'secretKey'), credentials.secretKey);
    try {
      await this.update((index) => ({ logins: index.logins.includes(login) ? index.logins : [...index.logins, login], active: activate ? login : (index.active ?? login) }));
    } catch (error) {
      if (!known) await this.deleteKeys(login).catch(() => undefined);
      throw error;
    }
  }

  async setActive(login: string | undefined): Promise<void> {
    await this.update((index) => ({ ...index, active: login !== undefined && index.logins.includes(login) ? login : undefined }));
  }

  /** Deletes the account's keys, then drops it from the index. Returns the index after. */
  async remove(login: string): Promise<AccountIndex> {
    await this.deleteKeys(login);
    return this.update((index) => {
      const logins = index.logins.filter((l) => l !== login);
      return { logins, active: index.active === login ? undefined : index.active };
    });
  }

  async apiToken(login: string): Promise<string | undefined> {
    return (await this.secrets.get(accountKey(login, 'apiToken'))) || undefined;
  }

  async storeApiToken(login: string, token: string): Promise<void> {
    await this.secrets.store(accountKey(login, 'apiToken'), token);
  }

  async deleteApiToken(login: string): Promise<void> {
    await this.secrets.delete(accountKey(login, 'apiToken'));
  }

  /**
   * Moves the single-account layout into this one: the login, secret key and API token are
   * stored under the account's keys and listed (active when no account is), and only then are
   * the old keys deleted. Returns the login moved, if any. Safe to run at every start: a move
   * cut off half-way is finished next time (the old keys are still there).
   */
  async migrateLegacy(): Promise<string | undefined> {
    const login = (await this.secrets.get(LEGACY_LOGIN))?.trim();
    const secretKey = await this.secrets.get(LEGACY_SECRET_KEY);
    if (!login || !secretKey) return undefined;
    const apiToken = await this.secrets.get(LEGACY_API_TOKEN);
    const index = await this.index();
    await this.save({ login, secretKey }, index.active === undefined);
    if (apiToken && !(await this.apiToken(login))) await this.storeApiToken(login, apiToken);
    await this.secrets.delete(LEGACY_API_TOKEN);
    await this.secrets.delete(LEGACY_SECRET_KEY);
    await this.secrets.delete(LEGACY_LOGIN);
    return login;
  }

  private async deleteKeys(login: string): Promise<void> {
    await this.secrets.delete(accountKey(login, 'secretKey'));
    await this.secrets.delete(accountKey(login, 'apiToken'));
    await this.secrets.delete(accountKey(login, 'login'));
  }

  private update(change: (index: AccountIndex) => AccountIndex): Promise<AccountIndex> {
    const next = this.queue.then(async () => {
      const updated = change(await this.index());
      await this.secrets.store(ACCOUNTS_INDEX, JSON.stringify(updated));
      return updated;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The stored index; anything unreadable counts as no accounts (the secrets stay where they are). */
export function parseIndex(text: string | undefined): AccountIndex {
  if (!text) return { logins: [] };
  try {
    const value = JSON.parse(text) as { logins?: unknown; active?: unknown };
    const logins = Array.isArray(value.logins) ? [...new Set(value.logins.filter((l): l is string => typeof l === 'string' && l !== ''))] : [];
    const active = typeof value.active === 'string' && logins.includes(value.active) ? value.active : undefined;
    return { logins, active };
  } catch {
    return { logins: [] };
  }
}

/** What an entry of the `cln.accounts` setting may set for its account (the rest are the global settings). */
export interface AccountOverrides {
  apiUrl?: unknown;
  requestTimeout?: unknown;
  maxConcurrentRequests?: unknown;
}

export interface ConnectionSettings {
  apiUrl: string;
  /** Seconds. */
  requestTimeout: number;
  maxConcurrentRequests: number;
}

/**
 * The connection settings of `login`: its entry in `cln.accounts` (keyed by login) where it has
 * one, the global settings otherwise. Values of the wrong type, or numbers outside the setting's
 * range (the global `cln.requestTimeout`'s, `cln.maxConcurrentRequests`'s), are ignored, not
 * half-applied; the global settings are bounded too, so what comes out is always a usable value.
 */
export function settingsFor(login: string | undefined, defaults: ConnectionSettings, accounts: unknown): ConnectionSettings {
  const global: ConnectionSettings = {
    apiUrl: clampSetting('apiUrl', defaults.apiUrl),
    requestTimeout: clampSetting('requestTimeout', defaults.requestTimeout),
    maxConcurrentRequests: clampSetting('maxConcurrentRequests', defaults.maxConcurrentRequests),
  };
  const entry =
    login !== undefined && accounts && typeof accounts === 'object' && Object.prototype.hasOwnProperty.call(accounts, login) ? (accounts as Record<string, AccountOverrides>)[login] : undefined;
  if (!entry || typeof entry !== 'object') return global;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const inRange = (key: 'requestTimeout' | 'maxConcurrentRequests', value: unknown) =>
    typeof value === 'number' && value >= SETTINGS[key].min && value <= SETTINGS[key].max ? clampSetting(key, value) : undefined;
  return {
    apiUrl: text(entry.apiUrl) ?? global.apiUrl,
    requestTimeout: inRange('requestTimeout', entry.requestTimeout) ?? global.requestTimeout,
    maxConcurrentRequests: inRange('maxConcurrentRequests', entry.maxConcurrentRequests) ?? global.maxConcurrentRequests,
  };
}
