/**
 * Several CLN accounts in one Session: each account's login, secret key and API token under its
 * own keys in a Map-backed secret store, the active one switched, one signed out (or rejected by
 * CLN) leaving the others, per-account settings, and the move from the single-account layout.
 * Against two simulators (two logins, two API URLs) over loopback HTTP.
 */
import * as assert from 'node:assert/strict';
import { ClnError } from '../../src/cln/errors';
import { ACCOUNTS_INDEX, accountKey, AccountStore, LEGACY_API_TOKEN, LEGACY_LOGIN, LEGACY_SECRET_KEY, settingsFor } from '../../src/services/accountStore';
import { SecretStore, Session, SessionSettings } from '../../src/services/session';
import { Simulator, startSimulator } from '../../src/sim';

type Store = SecretStore & { values: Map<string, string> };

function memoryStore(initial: Record<string, string> = {}, failOn?: (key: string) => boolean): Store {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: async (k) => values.get(k),
    store: async (k, v) => {
      if (failOn?.(k)) throw new Error(`the keychain refused ${k}`);
      values.set(k, v);
    },
    delete: async (k) => void values.delete(k),
  };
}

describe('accounts: several CLN accounts in one session', function () {
  this.timeout(20_000);
  let alpha: Simulator;
  let beta: Simulator;
  let urls: Record<string, string>;

  before(async () => {
    alpha = await startSimulator({ seed: 1, size: { ipLicenses: 3 }, login: 'alpha-reseller', secretKey: 'AlphaSecretKey0123456789abcdefAB' });
    beta = await startSimulator({ seed: 2, size: { ipLicenses: 5 }, login: 'beta-reseller', secretKey: 'BetaSecretKey0123456789abcdefABC', apiToken: 'BetaApiToken0123456789' });
    urls = { 'alpha-reseller': alpha.url, 'beta-reseller': beta.url };
  });
  after(async () => {
    await alpha?.close();
    await beta?.close();
  });

  /** Each account's own API URL, as the "cln.accounts" setting gives it. */
  function session(store: Store): Session {
    const settings = (login: string | undefined): SessionSettings => {
      const own = settingsFor(
        login,
        { apiUrl: 'https://cln.invalid/api', requestTimeout: 3, maxConcurrentRequests: 2 },
        Object.fromEntries(Object.entries(urls).map(([l, apiUrl]) => [l, { apiUrl }])),
      );
      return { apiUrl: own.apiUrl, timeoutMs: own.requestTimeout * 1000, maxConcurrent: own.maxConcurrentRequests };
    };
    return new Session({ secrets: store, settings, startDemo: () => startSimulator({ size: 'demo' }) });
  }

  async function licenseCount(s: Session): Promise<number> {
    return (await s.account!.read('ipl.list', {}, { force: true })).length;
  }

  it('signs in to two accounts, each under its own keys; the last is active; switching changes whom the reads ask', async () => {
    const store = memoryStore();
    const s = session(store);
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    await s.signIn(beta.credentials.login, beta.credentials.secretKey);
    assert.deepEqual(s.accounts, ['alpha-reseller', 'beta-reseller']);
    assert.deepEqual(s.state, { kind: 'signedIn', login: 'beta-reseller' });
    assert.equal(store.values.get(accountKey('alpha-reseller', 'secretKey')), alpha.credentials.secretKey);
    assert.equal(store.values.get(accountKey('beta-reseller', 'secretKey')), beta.credentials.secretKey);
    assert.ok(!store.values.get(ACCOUNTS_INDEX)!.includes('Secret'), 'the index holds no secret');
    alpha.resetLog();
    beta.resetLog();
    assert.equal(await licenseCount(s), beta.state.ipLicenses.length);
    await s.switchTo('alpha-reseller');
    assert.deepEqual(s.state, { kind: 'signedIn', login: 'alpha-reseller' });
    assert.equal(await licenseCount(s), alpha.state.ipLicenses.length);
    assert.deepEqual(
      alpha.requests.map((r) => [r.endpointId, r.auth?.login, r.auth?.valid]),
      [['ipl.list', 'alpha-reseller', true]],
    );
    assert.deepEqual(
      beta.requests.map((r) => r.endpointId),
      ['ipl.list'],
      'beta was asked only while active',
    );
    // The active account is remembered: a new window (a new Session on the same store) opens it.
    const again = session(store);
    await again.restore();
    assert.deepEqual(again.state, { kind: 'signedIn', login: 'alpha-reseller' });
    assert.deepEqual(again.accounts, ['alpha-reseller', 'beta-reseller']);
  });

  it('keeps an API token per account', async () => {
    const s = session(memoryStore());
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    await s.storeApiToken('AlphaToken');
    await s.signIn(beta.credentials.login, beta.credentials.secretKey);
    assert.equal(await s.getApiToken(), undefined, 'beta has none of its own');
    await s.switchTo('alpha-reseller');
    assert.equal(await s.getApiToken(), 'AlphaToken');
  });

  it('a failed sign-in to another account leaves the active one, its views and the stored accounts as they were', async () => {
    const store = memoryStore();
    const s = session(store);
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    const account = s.account;
    const before = new Map(store.values);
    await assert.rejects(s.signIn(beta.credentials.login, 'WrongSecretKey0123456789abcdefXY'), (error: unknown) => error instanceof ClnError && /rejected the login or secret key/.test(error.message));
    assert.deepEqual(s.state, { kind: 'signedIn', login: 'alpha-reseller' });
    assert.equal(s.account, account, 'the same account service: nothing was reloaded');
    assert.deepEqual(store.values, before);
    assert.deepEqual(s.accounts, ['alpha-reseller']);
  });

  it('signing out of the active account deletes only its keys and shows the next; signing out of the other keeps the active', async () => {
    const store = memoryStore();
    const s = session(store);
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    await s.storeApiToken('AlphaToken');
    await s.signIn(beta.credentials.login, beta.credentials.secretKey);
    await s.signOut('alpha-reseller');
    assert.deepEqual(s.state, { kind: 'signedIn', login: 'beta-reseller' }, 'the active account stays');
    assert.deepEqual(s.accounts, ['beta-reseller']);
    assert.deepEqual(
      [...store.values.keys()].filter((k) => k.includes('alpha')),
      [],
      "alpha's login, secret and token are gone",
    );
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    await s.signOut();
    assert.deepEqual(s.state, { kind: 'signedIn', login: 'beta-reseller' }, 'after the active one, the next one');
    assert.equal(await licenseCount(s), beta.state.ipLicenses.length);
    await s.signOut();
    assert.deepEqual(s.state, { kind: 'signedOut', reason: undefined });
    assert.deepEqual([...store.values.keys()], [ACCOUNTS_INDEX]);
  });

  it('a secret CLN rejects signs out that account only; the other stays and is the one a new window opens', async () => {
    const store = memoryStore();
    const s = session(store);
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    await s.signIn(beta.credentials.login, beta.credentials.secretKey);
    // The secret was changed on cln.cloudlinux.com: the stored one is refused.
    store.values.set(accountKey('beta-reseller', 'secretKey'), 'RevokedSecretKey0123456789abcdef');
    const fresh = session(store);
    await fresh.restore();
    await assert.rejects(fresh.account!.read('ipl.list', {}));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(fresh.state.kind, 'signedOut');
    assert.match((fresh.state as { reason?: string }).reason ?? '', /rejected the login or secret key/);
    assert.deepEqual(fresh.accounts, ['alpha-reseller']);
    assert.equal(store.values.get(accountKey('alpha-reseller', 'secretKey')), alpha.credentials.secretKey);
    assert.ok(!store.values.has(accountKey('beta-reseller', 'secretKey')));
    const next = session(store);
    await next.restore();
    assert.deepEqual(next.state, { kind: 'signedIn', login: 'alpha-reseller' });
  });

  it('switching to an account whose secret is gone says so, drops it and keeps the active one', async () => {
    const store = memoryStore();
    const s = session(store);
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    await s.signIn(beta.credentials.login, beta.credentials.secretKey);
    store.values.delete(accountKey('alpha-reseller', 'secretKey'));
    await assert.rejects(s.switchTo('alpha-reseller'), /The secret key of alpha-reseller is no longer in VS Code's secret storage.*Sign in to alpha-reseller again/);
    assert.deepEqual(s.state, { kind: 'signedIn', login: 'beta-reseller' });
    assert.deepEqual(s.accounts, ['beta-reseller']);
  });

  it('the demo is an account of its own: the stored accounts stay; leaving it returns to the active one', async () => {
    const s = session(memoryStore());
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    await s.startDemo();
    assert.equal(s.state.kind, 'demo');
    assert.deepEqual(s.accounts, ['alpha-reseller']);
    await s.switchTo('alpha-reseller');
    assert.deepEqual(s.state, { kind: 'signedIn', login: 'alpha-reseller' });
    await s.startDemo();
    await s.leaveDemo();
    assert.deepEqual(s.state, { kind: 'signedIn', login: 'alpha-reseller' });
    await s.startDemo();
    await s.signOut();
    assert.equal(s.state.kind, 'signedOut', 'signOut() in the demo ends it, signed out');
    assert.deepEqual(s.accounts, ['alpha-reseller'], 'the accounts stay stored');
    await s.dispose();
  });

  it('applySettings picks up a changed API URL of the active account, and keeps the account when its settings did not change', async () => {
    const s = session(memoryStore());
    await s.signIn(alpha.credentials.login, alpha.credentials.secretKey);
    const previous = urls['alpha-reseller'];
    const account = s.account;
    urls['someone-else'] = 'https://staging.invalid/api';
    s.applySettings();
    assert.equal(s.account, account, "another account's entry changed: the active account and what it loaded stay");
    delete urls['someone-else'];
    try {
      urls['alpha-reseller'] = 'http://127.0.0.1:9/api';
      s.applySettings();
      await assert.rejects(s.account!.read('ipl.list', {}), (error: unknown) => error instanceof ClnError && error.kind === 'network');
    } finally {
      urls['alpha-reseller'] = previous;
    }
  });
});

describe('accounts: the move from the single-account layout', function () {
  this.timeout(20_000);

  it("moves login, secret key and API token to the account's keys, lists it as active, then deletes the old keys; the account works", async () => {
    const sim = await startSimulator({ size: { ipLicenses: 2 } });
    try {
      const store = memoryStore({ [LEGACY_LOGIN]: sim.credentials.login, [LEGACY_SECRET_KEY]: sim.credentials.secretKey, [LEGACY_API_TOKEN]: 'OldApiToken' });
      const s = new Session({ secrets: store, settings: () => ({ apiUrl: sim.url, timeoutMs: 3000, maxConcurrent: 2 }), startDemo: () => Promise.reject(new Error('no demo')) });
      await s.restore();
      assert.deepEqual(s.state, { kind: 'signedIn', login: sim.credentials.login });
      assert.deepEqual(s.accounts, [sim.credentials.login]);
      const login = sim.credentials.login;
      assert.deepEqual(Object.fromEntries(store.values), {
        [accountKey(login, 'login')]: login,
        [accountKey(login, 'secretKey')]: sim.credentials.secretKey,
        [accountKey(login, 'apiToken')]: 'OldApiToken',
        [ACCOUNTS_INDEX]: JSON.stringify({ logins: [login], active: login }),
      });
      assert.equal(await s.getApiToken(), 'OldApiToken');
      assert.equal((await s.account!.read('ipl.list', {})).length, sim.state.ipLicenses.length);
    } finally {
      await sim.close();
    }
  });

  it('keeps the old keys when the new ones cannot be stored, and finishes the move at the next start', async () => {
    let failing = true;
    const store = memoryStore({ [LEGACY_LOGIN]: 'old-login', [LEGACY_SECRET_KEY]: 'OldSecretKey0123456789' }, (key) => failing && key === ACCOUNTS_INDEX);
    await assert.rejects(new AccountStore(store).migrateLegacy(), /keychain refused/);
    assert.equal(store.values.get(LEGACY_SECRET_KEY), 'OldSecretKey0123456789', 'the old secret is still there');
    assert.equal(store.values.get(LEGACY_LOGIN), 'old-login');
    assert.ok(!store.values.has(accountKey('old-login', 'secretKey')), 'no half-stored account');
    failing = false;
    assert.equal(await new AccountStore(store).migrateLegacy(), 'old-login');
    assert.deepEqual([...store.values.keys()].sort(), [ACCOUNTS_INDEX, accountKey('old-login', 'login'), accountKey('old-login', 'secretKey')].sort());
    assert.equal(await new AccountStore(store).migrateLegacy(), undefined, 'nothing left to move');
  });

  it('joins accounts already in the new layout without changing which one is active', async () => {
    const store = memoryStore({ [LEGACY_LOGIN]: 'old-login', [LEGACY_SECRET_KEY]: 'OldSecretKey0123456789' });
    const accounts = new AccountStore(store);
    await accounts.save({ login: 'new-login', secretKey: 'NewSecretKey0123456789' }, true);
    await accounts.migrateLegacy();
    assert.deepEqual(await accounts.index(), { logins: ['new-login', 'old-login'], active: 'new-login' });
  });
});

describe('accounts: per-account settings', () => {
  const defaults = { apiUrl: 'https://cln.cloudlinux.com/api', requestTimeout: 30, maxConcurrentRequests: 6 };

  it("an account's own entry wins, field by field; other accounts and bad values get the global settings", () => {
    const accounts = { staging: { apiUrl: ' https://staging.example/api ', requestTimeout: 90 }, odd: { apiUrl: 7, maxConcurrentRequests: -1 }, broken: 'yes' };
    assert.deepEqual(settingsFor('staging', defaults, accounts), { apiUrl: 'https://staging.example/api', requestTimeout: 90, maxConcurrentRequests: 6 });
    assert.deepEqual(settingsFor('odd', defaults, accounts), defaults);
    assert.deepEqual(settingsFor('broken', defaults, accounts), defaults);
    assert.deepEqual(settingsFor('other', defaults, accounts), defaults);
    assert.deepEqual(settingsFor(undefined, defaults, accounts), defaults);
    assert.deepEqual(settingsFor('toString', defaults, {}), defaults, 'no inherited keys');
  });
});
