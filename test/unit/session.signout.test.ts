/**
 * When the stored login and secret key are deleted: only when CLN itself says
 * "Authorization failed" (its envelope or its plain format) with the clock in
 * order. A clock off, a proxy's or gateway's 401/403, a 5xx (even one that
 * mentions authorization) keep them. A Session with an in-memory secret store,
 * against the simulator and hostile servers over loopback HTTP.
 */
import * as assert from 'node:assert/strict';
import { ClnAuthError, ClnError } from '../../src/cln/errors';
import { SecretStore, Session } from '../../src/services/session';
import { ACCOUNTS_INDEX, accountKey } from '../../src/services/accountStore';
import { startSimulator } from '../../src/sim';
import { json, startHostile } from './support/hostile';
import { failure as failedWith } from './support/failure';

const HOUR = 3_600_000;

function memoryStore(initial: Record<string, string>): SecretStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return { values, get: async (k) => values.get(k), store: async (k, v) => void values.set(k, v), delete: async (k) => void values.delete(k) };
}

async function signedIn(apiUrl: string, login: string, secretKey: string) {
  const store = memoryStore({ [accountKey(login, 'login')]: login, [accountKey(login, 'secretKey')]: secretKey, [ACCOUNTS_INDEX]: JSON.stringify({ logins: [login], active: login }) });
  const session = new Session({ secrets: store, settings: () => ({ apiUrl, timeoutMs: 3000, maxConcurrent: 2 }), startDemo: () => Promise.reject(new Error('no demo')) });
  await session.restore();
  assert.equal(session.state.kind, 'signedIn');
  return { store, session };
}

/** The ClnError the call fails with, once the session had the time to react to it (it does so asynchronously: deleting, if it would). */
async function failure(promise: Promise<unknown>): Promise<ClnError> {
  const error = await failedWith(promise);
  await new Promise((resolve) => setTimeout(resolve, 30));
  return error;
}

function assertKept(store: ReturnType<typeof memoryStore>, session: Session, secretKey: string): void {
  const login = (session.state as { login: string }).login;
  assert.equal(store.values.get(accountKey(login, 'secretKey')), secretKey, 'the stored secret key was deleted');
  assert.ok(store.values.has(accountKey(login, 'login')), 'the stored login was deleted');
  assert.equal(session.state.kind, 'signedIn');
}

describe('session: credentials are deleted only when CLN rejects them', function () {
  this.timeout(20_000);

  it('CLN\'s "Authorization failed" (a wrong secret key) signs out and deletes the login and secret', async () => {
    const sim = await startSimulator({ size: { ipLicenses: 2 } });
    try {
      const { store, session } = await signedIn(sim.url, sim.credentials.login, 'NotTheSecretKey-0123456789');
      const error = await failure(session.account!.read('ipl.list', {}));
      assert.ok(error instanceof ClnAuthError && error.credentialsRejected);
      assert.match(error.message, /rejected the login or secret key/);
      assert.deepEqual([...store.values.keys()], [ACCOUNTS_INDEX], 'only the (empty) index is left');
      assert.deepEqual(session.accounts, []);
      assert.equal(session.state.kind, 'signedOut');
      assert.match((session.state as { reason?: string }).reason ?? '', /rejected the login or secret key/);
    } finally {
      await sim.close();
    }
  });

  it('"Authorization failed" in the plain format (with HTTP 401) signs out too', async () => {
    const api = await startHostile((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end('success:false message:Authorization failed\n');
    });
    try {
      const { store, session } = await signedIn(api.api, 'alice', 'SecretKey-0123456789');
      const error = await failure(session.account!.read('ipl.list', {}));
      assert.ok(error instanceof ClnAuthError && error.credentialsRejected);
      assert.deepEqual([...store.values.keys()], [ACCOUNTS_INDEX], 'only the (empty) index is left');
      assert.deepEqual(session.accounts, []);
      assert.equal(session.state.kind, 'signedOut');
    } finally {
      await api.close();
    }
  });

  for (const [offset, words] of [
    [2 * HOUR, /clock is 2 hours behind CLN's/],
    [-2 * HOUR, /clock is 2 hours ahead of CLN's/],
  ] as const) {
    it(`a rejection explained by a clock ${offset > 0 ? 'behind' : 'ahead'} by 2 hours keeps the secret and says how far off the clock is`, async () => {
      const sim = await startSimulator({ size: { ipLicenses: 2 }, now: () => Date.now() + offset });
      try {
        const { store, session } = await signedIn(sim.url, sim.credentials.login, sim.credentials.secretKey);
        const error = await failure(session.account!.read('ipl.list', {}));
        assert.ok(error instanceof ClnAuthError);
        assert.equal(error.credentialsRejected, false);
        assert.match(error.message, words);
        assert.match(error.message, /NTP/);
        assert.match(error.message, /Your sign-in is kept/);
        assertKept(store, session, sim.credentials.secretKey);
      } finally {
        await sim.close();
      }
    });
  }

  const proxies: [string, number, Record<string, string>, string][] = [
    ["a proxy's HTML 403", 403, { 'Content-Type': 'text/html' }, '<html><head><title>403 Forbidden</title></head><body>Access denied by policy</body></html>'],
    ["a gateway's empty 401", 401, {}, ''],
    ["a 401 with JSON that is not CLN's envelope", 401, { 'Content-Type': 'application/json' }, '{"error":"unauthorized","message":"Authorization required"}'],
    [
      'a 503 saying "Authorization service temporarily unavailable" in CLN\'s envelope',
      503,
      { 'Content-Type': 'application/json' },
      '{"success":false,"message":"Authorization service temporarily unavailable","data":null}',
    ],
    ['a 500 saying "Authorization failed"', 500, { 'Content-Type': 'application/json' }, '{"success":false,"message":"Authorization failed","data":null}'],
    ['a 502 HTML page', 502, { 'Content-Type': 'text/html' }, '<html><body>Bad Gateway: authorization upstream</body></html>'],
  ];
  for (const [what, status, headers, body] of proxies) {
    it(`${what} keeps the login and secret, and says what happened`, async () => {
      const api = await startHostile((_req, res) => json(res, status, body, headers));
      try {
        const { store, session } = await signedIn(api.api, 'alice', 'SecretKey-0123456789');
        const error = await failure(session.account!.read('ipl.list', {}));
        assert.ok(!(error instanceof ClnAuthError), `${error.kind}: ${error.message}`);
        assert.equal(error.kind, 'http');
        assert.match(error.message, new RegExp(`HTTP ${status}`));
        if (status < 500) assert.match(error.message, /not CLN's own answer, so your sign-in is kept/);
        else assert.match(error.message, /try again in a few minutes/);
        assertKept(store, session, 'SecretKey-0123456789');
      } finally {
        await api.close();
      }
    });
  }

  it('other wording of a refused token ("Invalid token") is a sign-in problem, but the secret is kept', async () => {
    const api = await startHostile((_req, res) => json(res, 200, { success: false, message: 'Invalid token', data: null }));
    try {
      const { store, session } = await signedIn(api.api, 'alice', 'SecretKey-0123456789');
      const error = await failure(session.account!.read('ipl.list', {}));
      assert.ok(error instanceof ClnAuthError && !error.credentialsRejected);
      assert.match(error.message, /refused the sign-in token \(Invalid token\)/);
      assertKept(store, session, 'SecretKey-0123456789');
    } finally {
      await api.close();
    }
  });
});
