/**
 * The client against every fault the simulator can produce, for a read and for
 * a change: the error kind and message, how often the request was sent (reads
 * retried on transient faults, changes never), unknown outcomes after a commit,
 * clock skew, cancellation, and that no credential leaks into errors or logs.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ClnClient, ClnClientOptions, RequestLogEntry } from '../../src/cln/client';
import { EndpointId } from '../../src/cln/endpoints';
import { ClnError, ClnValidationError } from '../../src/cln/errors';
import { makeToken } from '../../src/cln/token';
import { FaultKind, FaultSpec, Simulator, startSimulator } from '../../src/sim';
import { failure } from './support/failure';
import { simClient } from './support/clients';

const READ: EndpointId = 'kcare.key.list';
const CHANGE: EndpointId = 'kcare.key.create';
const TIMEOUT_MS = 300;
const READ_RETRIES = 2;

interface Expectation {
  spec: FaultSpec;
  kind: ClnError['kind'];
  status?: number;
  message: RegExp;
  /** Transient faults (timeouts, 5xx) are retried for reads. */
  retried: boolean;
}

/** The network faults added later (redirects, 429, huge bodies, echoes, resets) have their own per-kind rules: faults.matrix.test.ts covers them. */
const FAULTS: Partial<Record<FaultKind, Expectation>> = {
  latency: { spec: { kind: 'latency', ms: 5_000 }, kind: 'timeout', message: /did not answer within \d+ s/, retried: true },
  http500: { spec: { kind: 'http500' }, kind: 'http', status: 500, message: /HTTP 500/, retried: true },
  html: { spec: { kind: 'html' }, kind: 'http', status: 502, message: /HTTP 502.*HTML error page, probably from a proxy/, retried: true },
  truncated: { spec: { kind: 'truncated' }, kind: 'malformed', status: 200, message: /could not be read \(the JSON is cut off or invalid\)/, retried: false },
  empty: { spec: { kind: 'empty' }, kind: 'malformed', status: 200, message: /could not be read \(an empty answer\)/, retried: false },
  auth: { spec: { kind: 'auth' }, kind: 'auth', status: 200, message: /rejected the login or secret key \(Authorization failed\)/, retried: false },
};

const sent = (sim: Simulator, id: EndpointId) => sim.requests.filter((r) => r.endpointId === id).length;

describe('client × simulator: faults', () => {
  let sim: Simulator;
  let log: RequestLogEntry[];
  const clientFor = (s: Simulator, options: Partial<ClnClientOptions> = {}) =>
    simClient(s, { timeoutMs: TIMEOUT_MS, readRetries: READ_RETRIES, onRequest: (entry) => log.push(entry), ...options }).client;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 3 });
    log = [];
  });
  afterEach(() => sim.close());

  for (const [name, expected] of Object.entries(FAULTS) as [FaultKind, Expectation][]) {
    describe(`fault "${name}"`, () => {
      it(`read: ${expected.kind}${expected.status ? ` ${expected.status}` : ''}, sent ${expected.retried ? READ_RETRIES + 1 : 1} time(s)`, async () => {
        sim.faults.set(READ, expected.spec);
        const error = await failure(clientFor(sim).call(READ, {}));
        assert.equal(error.kind, expected.kind, error.message);
        assert.equal(error.status, expected.status);
        assert.match(error.message, expected.message);
        assert.equal(error.outcomeUnknown, false, 'a read has no outcome to doubt');
        assert.equal(error.endpoint, READ);
        assert.equal(sent(sim, READ), expected.retried ? READ_RETRIES + 1 : 1);
        assert.deepEqual(
          log.map((e) => e.attempt),
          expected.retried ? [1, 2, 3] : [1],
        );
        assert.ok(
          log.every((e) => e.error === error.message),
          'each attempt logs its error',
        );
      });

      it(`read: a single "${name}" ${expected.retried ? 'is retried and the call succeeds' : 'fails that call only; the next one succeeds'}`, async () => {
        sim.faults.set(READ, { ...expected.spec, times: 1 });
        const client = clientFor(sim);
        if (expected.retried) {
          const keys = await client.call(READ, {});
          assert.equal(keys.length, sim.state.kcareKeys.length);
          assert.equal(sent(sim, READ), 2);
        } else {
          assert.equal((await failure(client.call(READ, {}))).kind, expected.kind);
          assert.equal(sent(sim, READ), 1);
          assert.equal((await client.call(READ, {})).length, sim.state.kcareKeys.length);
          assert.equal(sent(sim, READ), 2);
        }
      });

      it('change: sent exactly once; nothing was changed', async () => {
        const keysBefore = sim.state.kcareKeys.length;
        sim.faults.set(CHANGE, expected.spec);
        const error = await failure(clientFor(sim).call(CHANGE, { limit: 3 }));
        assert.equal(error.kind, expected.kind, error.message);
        assert.equal(error.status, expected.status);
        assert.match(error.message, expected.message);
        assert.equal(sent(sim, CHANGE), 1, 'changes are never retried');
        assert.equal(sim.mutationCounts[CHANGE], undefined);
        assert.equal(sim.state.kcareKeys.length, keysBefore);
        // The client cannot tell a proxy's failure from CLN's: it reports the outcome as unknown,
        // except for an explicit refusal.
        assert.equal(error.outcomeUnknown, expected.kind !== 'auth');
        if (error.outcomeUnknown) assert.match(error.message, /may or may not have been made/);
      });

      it('change after commit: exactly one change; the client reports the outcome as unknown', async () => {
        const keysBefore = sim.state.kcareKeys.length;
        sim.faults.set(CHANGE, { ...expected.spec, afterCommit: true });
        const error = await failure(clientFor(sim).call(CHANGE, { limit: 3 }));
        assert.equal(error.kind, expected.kind, error.message);
        assert.equal(sent(sim, CHANGE), 1);
        assert.equal(sim.mutationCounts[CHANGE], 1);
        assert.equal(sim.state.kcareKeys.length, keysBefore + 1);
        if (name === 'auth') {
          // A refusal is a definite answer, so the client believes nothing happened;
          // a server that commits and then refuses is beyond what a client can detect.
          assert.equal(error.outcomeUnknown, false);
        } else {
          assert.equal(error.outcomeUnknown, true);
          assert.match(error.message, /may or may not have been made: refresh/);
        }
      });
    });
  }

  it('the fault of one endpoint leaves the others alone; "*" hits all; clear() ends them', async () => {
    const client = clientFor(sim, { readRetries: 0 });
    sim.faults.set('ab.list', { kind: 'html' });
    assert.equal((await client.call('group.list', {})).length, 8);
    assert.equal((await failure(client.call('ab.list', {}))).status, 502);
    sim.faults.set('*', { kind: 'http500' });
    assert.equal((await failure(client.call('group.list', {}))).status, 500);
    assert.equal((await failure(client.call('ab.list', {}))).status, 502, "the endpoint's own fault comes first");
    sim.faults.clear('ab.list');
    assert.equal((await failure(client.call('ab.list', {}))).status, 500);
    sim.faults.clear();
    assert.equal((await client.call('ab.list', {})).length, 10);
  });

  it('"times" counts down per request', async () => {
    const client = clientFor(sim, { readRetries: 0 });
    sim.faults.set(READ, { kind: 'empty', times: 2 });
    assert.equal((await failure(client.call(READ, {}))).kind, 'malformed');
    assert.equal((await failure(client.call(READ, {}))).kind, 'malformed');
    assert.ok((await client.call(READ, {})).length > 0);
  });

  for (const [offsetMinutes, words] of [
    [10, /clock is 10 minutes behind CLN's/],
    [-10, /clock is 10 minutes ahead of CLN's/],
  ] as const) {
    it(`auth failure with the server clock ${offsetMinutes > 0 ? 'ahead' : 'behind'} by 10 minutes says the clock is off`, async () => {
      const skewed = await startSimulator({ seed: 3, now: () => Date.now() + offsetMinutes * 60_000 });
      try {
        const error = await failure(clientFor(skewed).call('ipl.list', {}));
        assert.equal(error.kind, 'auth');
        assert.match(error.message, words);
        assert.match(error.message, /NTP/);
        const skew = (error as ClnError & { clockSkewMs?: number }).clockSkewMs;
        assert.ok(skew !== undefined && Math.abs(skew - offsetMinutes * 60_000) < 3_000, `skew ${skew}`);
        assert.equal(skewed.requests[0].auth?.reason, 'expired');
        assert.equal(sent(skewed, 'ipl.list'), 1, 'auth failures are not retried');
      } finally {
        await skewed.close();
      }
    });
  }

  it('with the clocks in step, wrong credentials are reported as such (no clock advice)', async () => {
    const error = await failure(clientFor(sim, { credentials: () => ({ login: sim.credentials.login, secretKey: 'not-the-secret-key-000000000000' }) }).call('ipl.list', {}));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /rejected the login or secret key/);
    assert.doesNotMatch(error.message, /clock/);
    assert.equal(sim.requests[0].auth?.reason, 'digest');
  });

  it('never puts the secret key or the token into error messages, details or the request log', async () => {
    const now = Date.now();
    const token = makeToken(sim.credentials, now);
    const digest = token.split('|')[2];
    const client = clientFor(sim, { now: () => now, readRetries: 1 });
    const errors: ClnError[] = [];
    const calls: [EndpointId, FaultKind][] = [
      ['ipl.list', 'auth'],
      ['ipl.list', 'truncated'],
      ['ipl.list', 'html'],
      ['kcare.nagios.reseller', 'auth'],
      ['kcare.nagios.reseller', 'http500'],
      ['ipl.register', 'empty'],
      ['kcare.key.list', 'latency'],
    ];
    for (const [id, kind] of calls) {
      sim.faults.clear();
      sim.faults.set(id, { kind, ms: 2_000 });
      const args = id === 'ipl.register' ? { ip: '192.0.2.9', type: 1 } : id === 'kcare.nagios.reseller' ? { login: sim.credentials.login, token: sim.apiToken } : {};
      errors.push(await failure(client.call(id, args as never)));
    }
    // A secret that is wrong, to see it is not echoed either.
    const wrong = 'WrongSecretKeyWrongSecretKey1234';
    errors.push(await failure(clientFor(sim, { credentials: () => ({ login: sim.credentials.login, secretKey: wrong }) }).call('ipl.list', {})));
    // A wrong API security token (nagios-res): CLN's plain-text refusal, without the token.
    const wrongApiToken = 'WrongApiSecurityToken9876543210';
    errors.push(await failure(clientFor(sim).call('kcare.nagios.reseller', { login: sim.credentials.login, token: wrongApiToken })));

    assert.equal(errors.length, calls.length + 2);
    assert.ok(log.length >= calls.length + 1);
    const texts = [...errors.flatMap((e) => [e.message, e.detail ?? '', String(e)]), ...log.map((e) => JSON.stringify(e))];
    for (const secret of [
      sim.credentials.secretKey,
      sim.apiToken,
      wrongApiToken,
      wrong,
      token,
      digest,
      createHash('sha1')
        .update(wrong + String(Math.floor(now / 1000)))
        .digest('hex'),
    ]) {
      const leak = texts.find((t) => t.includes(secret));
      assert.equal(leak, undefined, `found a credential in: ${leak}`);
    }
    // The log still shows where the requests went, with the token marked as removed.
    assert.ok(
      log.some((e) => e.path.startsWith('/ipl/list.json?token=<redacted>')),
      JSON.stringify(log[0]),
    );
    assert.ok(log.some((e) => e.path === `/kcare/nagios-res/${sim.credentials.login}/<redacted>`));
    // And the simulator's own log keeps no token either.
    assert.ok(sim.requests.every((r) => !('token' in r.query) && !JSON.stringify(r).includes(digest)));
  });

  it('cancellation with an AbortController: a read ends as "cancelled" and is not retried', async () => {
    sim.faults.set(READ, { kind: 'latency', ms: 5_000 });
    const controller = new AbortController();
    const call = clientFor(sim, { timeoutMs: 10_000 }).call(READ, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failure(call);
    assert.equal(error.kind, 'cancelled');
    assert.ok(Date.now() - started < 2_000, 'it stopped waiting at once');
    assert.equal(error.outcomeUnknown, false);
    assert.equal(sent(sim, READ), 1);
  });

  it('cancellation of a change reports an unknown outcome', async () => {
    sim.faults.set(CHANGE, { kind: 'latency', ms: 5_000, afterCommit: true });
    const controller = new AbortController();
    const call = clientFor(sim, { timeoutMs: 10_000 }).call(CHANGE, { limit: 1 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await failure(call);
    assert.equal(error.kind, 'cancelled');
    assert.equal(error.outcomeUnknown, true);
    assert.match(error.message, /may or may not have been made/);
    assert.equal(sim.mutationCounts[CHANGE], 1);
  });

  it('refuses an http:// base URL that is not loopback, at construction', () => {
    for (const url of ['http://cln.cloudlinux.com/api', 'http://192.0.2.10:8080/api', 'http://example.com']) {
      assert.throws(
        () => new ClnClient({ baseUrl: url, credentials: () => sim.credentials }),
        (error: unknown) => error instanceof ClnValidationError && /http:\/\/ is allowed only for loopback hosts/.test(error.message),
        url,
      );
    }
    assert.throws(() => new ClnClient({ baseUrl: 'ftp://127.0.0.1/api', credentials: () => sim.credentials }), ClnValidationError);
    for (const url of ['https://cln.cloudlinux.com/api', 'http://127.0.0.1:1/api', 'http://localhost:8080/api', 'http://[::1]:8080/api', sim.url]) {
      assert.doesNotThrow(() => new ClnClient({ baseUrl: url, credentials: () => sim.credentials }), url);
    }
  });
});
