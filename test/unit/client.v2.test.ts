/**
 * CLN API v2 through the real client: both answer shapes (bare JSON and v1's envelope),
 * CLN's own words for every error shape, "CLN API v2 answered 404/403/an HTML page" when v2
 * is not there, and the guarantees every v1 call has (token redaction, size caps, the
 * redirect policy, no retry of a change, unknown outcomes said as such), over a fake fetch
 * (exact bytes) and over the simulator (real HTTP).
 */
import * as assert from 'node:assert/strict';
import { ClnClient, RequestLogEntry } from '../../src/cln/client';
import { ClnAuthError, ClnError, ClnV2UnavailableError, isV2Unavailable } from '../../src/cln/errors';
import { makeToken } from '../../src/cln/token';
import type { FetchInit, FetchLike, FetchResponse } from '../../src/cln/transport';
import { Simulator, startSimulator } from '../../src/sim';

const BASE = 'https://cln.example.test/api';
const LOGIN = 'alice';
const SECRET = 'S3cretKey-v2-0123456789abcdef';
const NOW = Date.UTC(2026, 1, 1, 12, 0, 0);
const TOKEN = makeToken({ login: LOGIN, secretKey: SECRET }, NOW);
const DIGEST = TOKEN.split('|')[2];

interface Reply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}

function fakeFetch(reply: (url: string, init: FetchInit, n: number) => Reply) {
  const calls: { url: string; init: FetchInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const r = reply(url, init, calls.length);
    const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const response: FetchResponse = { status: r.status ?? 200, statusText: '', headers: { get: (name) => headers[name.toLowerCase()] ?? null }, text: async () => r.body ?? '' };
    return response;
  };
  return { calls, fetch };
}

function client(fetch: FetchLike, extra: Partial<ConstructorParameters<typeof ClnClient>[0]> = {}) {
  return new ClnClient({ baseUrl: BASE, credentials: () => ({ login: LOGIN, secretKey: SECRET }), fetch, now: () => NOW, readRetries: 0, retryDelayMs: 0, ...extra });
}

async function rejects(promise: Promise<unknown>, check: (error: ClnError) => void): Promise<ClnError> {
  try {
    const value = await promise;
    assert.fail(`expected a ClnError, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    assert.ok(error instanceof ClnError, String(error));
    check(error);
    return error;
  }
}

const noSecrets = (text: string | undefined, what: string) => {
  if (text === undefined) return;
  assert.ok(!text.includes(SECRET), `${what} has the secret: ${text}`);
  assert.ok(!text.includes(DIGEST), `${what} has the token: ${text}`);
  assert.ok(!text.includes(encodeURIComponent(TOKEN)), `${what} has the encoded token: ${text}`);
};

describe('client: CLN API v2 requests', () => {
  it('sends real verbs with query parameters (keys, servers) and JSON bodies (features)', async () => {
    const { calls, fetch } = fakeFetch((url) => ({ body: url.includes('/features') || url.includes('/imunify/') ? '{}' : '{"key":"abc123","product_type":"cl","usage_limit":2,"description":null}' }));
    const c = client(fetch);
    await c.call('cl.key.create', { productType: 'cl', limit: 2 });
    await c.call('cl.key.update', { key: 'abc123', limit: 3, note: 'n' });
    await c.call('features.account.set', { settings: { '4600': 'Enabled', '1101': 'unset' } });
    await c.call('imunify.server.features.set', { id: 'SSERVER_ID_1', permissions: { '4600': 'ENABLED' } });
    await c.call('imunify.key.features.set', { key: 'IMKEY', permissions: { '4600': 'DISABLED' } });
    assert.deepEqual(
      calls.map((r) => `${r.init.method} ${new URL(r.url).pathname}`),
      ['POST /api/v2/cl/keys', 'PATCH /api/v2/cl/keys', 'PATCH /api/v2/features/account', 'PATCH /api/v2/imunify/server', 'PATCH /api/v2/imunify/keys'],
    );
    const q = (i: number) => Object.fromEntries([...new URL(calls[i].url).searchParams].filter(([k]) => k !== 'token'));
    assert.deepEqual(q(0), { productType: 'CL', limit: '2' });
    assert.deepEqual(q(1), { key: 'abc123', limit: '3', note: 'n' });
    assert.equal(calls[0].init.body, undefined);
    assert.equal(calls[0].init.headers['Content-Type'], undefined);
    for (const i of [2, 3, 4]) {
      assert.deepEqual(q(i), {}, 'a JSON change carries only the token in its query');
      assert.equal(new URL(calls[i].url).searchParams.get('token'), TOKEN);
      assert.equal(calls[i].init.headers['Content-Type'], 'application/json');
    }
    assert.deepEqual(JSON.parse(calls[2].init.body!), { '4600': 'ENABLED', '1101': 'UNSET' });
    assert.deepEqual(JSON.parse(calls[3].init.body!), { id: 'SSERVER_ID_1', permissions: { '4600': 'ENABLED' } });
    assert.deepEqual(JSON.parse(calls[4].init.body!), { key: 'IMKEY', permissions: { '4600': 'DISABLED' } });
    for (const call of calls) noSecrets(call.init.body, 'the body');
  });
});

describe('client: CLN API v2 answers', () => {
  it('a bare answer and v1 envelope decode alike; products in any case, server ids as numbers, unknown feature ids kept', async () => {
    const bare = '[{"key":"abc123","product_type":"cl","usage_limit":2,"description":"optional note"},{"key":"k2","product_type":"ClAdMiN","usage_limit":"0"}]';
    for (const body of [bare, JSON.stringify({ success: true, message: null, data: JSON.parse(bare) })]) {
      const keys = await client(fakeFetch(() => ({ body })).fetch).call('cl.key.list', { productType: 'CL' });
      assert.deepEqual(keys, [
        { key: 'abc123', product: 'CL', limit: 2, note: 'optional note' },
        { key: 'k2', product: 'CLADMIN', limit: 0, note: null },
      ]);
    }
    const servers = await client(fakeFetch(() => ({ body: '[{"id":"17","key":"abc123","ip":"","hostname":"server1"}]' })).fetch).call('cl.srv.list', { productType: 'cls' });
    assert.deepEqual(servers, [{ id: 17, key: 'abc123', ip: null, hostname: 'server1' }]);
    const settings = await client(fakeFetch(() => ({ body: '{"4600":"enabled","7777":"UNSET","1101":"Disabled"}' })).fetch).call('features.account', {});
    assert.deepEqual(settings, [
      { feature: 1101, state: 'DISABLED' },
      { feature: 4600, state: 'ENABLED' },
      { feature: 7777, state: 'UNSET' },
    ]);
  });

  it('an empty answer to a change (HTTP 204) is a success; to a read it is an empty list', async () => {
    const removed = await client(fakeFetch(() => ({ status: 204, body: '' })).fetch).call('cl.key.remove', { key: 'abc123' });
    assert.deepEqual(removed, { key: 'abc123' });
    assert.deepEqual(await client(fakeFetch(() => ({ status: 204 })).fetch).call('cl.srv.remove', { id: 5 }), { id: 5, key: '', ip: null, hostname: null });
    assert.deepEqual(await client(fakeFetch(() => ({ status: 200, body: '' })).fetch).call('features.account.set', { settings: { '4600': 'ENABLED' } }), { settings: null });
    assert.deepEqual(await client(fakeFetch(() => ({ body: '' })).fetch).call('cl.sub.servers', {}), []);
  });

  it('the types call: a name → id dictionary, an id → name one, or a list of objects', async () => {
    const expected = [
      { type: 1, name: 'CloudLinux OS Shared' },
      { type: 2, name: 'Something new' },
    ];
    for (const body of [
      '{"CloudLinux OS Shared":1,"Something new":"2"}',
      '{"1":"CloudLinux OS Shared","2":"Something new"}',
      '[{"name":"CloudLinux OS Shared","type":1},{"product_name":"Something new","type_id":2},{"junk":true}]',
    ]) {
      assert.deepEqual(await client(fakeFetch(() => ({ body })).fetch).call('ipl.types', {}), expected, body);
    }
  });

  const said = (status: number, body: string) => client(fakeFetch(() => ({ status, body })).fetch).call('cl.key.update', { key: 'abc123', limit: 1 });

  it("shows CLN's own words for every error shape", async () => {
    const cases: [number, string, RegExp][] = [
      [400, '{"timestamp":"2026-02-01T12:00:00Z","status":400,"error":"Bad Request","message":"limit must be at least 1","path":"/api/v2/cl/keys"}', /\(HTTP 400\): limit must be at least 1\./],
      [409, '{"error":"Key limit reached for product CL"}', /\(HTTP 409\): Key limit reached for product CL\./],
      [422, '{"errors":[{"field":"limit","defaultMessage":"must be positive"},"note is too long"]}', /\(HTTP 422\): must be positive; note is too long\./],
      [400, '{"detail":"Invalid key format","title":"Bad Request"}', /Invalid key format; Bad Request/],
      [400, 'Key is blocked', /\(HTTP 400\): Key is blocked\./],
      [404, '{"message":"Key abc123 not found"}', /\(HTTP 404\): Key abc123 not found\./],
    ];
    for (const [status, body, message] of cases) {
      await rejects(said(status, body), (error) => {
        assert.equal(error.kind, 'api', `${body}: ${error.message}`);
        assert.ok(!isV2Unavailable(error), body);
        assert.match(error.message, message);
        assert.match(error.message, /^CLN could not update a CloudLinux OS key/);
      });
    }
    // v1's envelope saying no, with a 200 or a 4xx.
    for (const status of [200, 400]) {
      await rejects(said(status, '{"success":false,"message":"Key not found","data":null}'), (error) => {
        assert.equal(error.kind, 'api');
        assert.equal(error.message, 'CLN could not update a CloudLinux OS key: Key not found.');
      });
    }
  });

  it('a 404 naming only the route, a 403, or an HTML page: "CLN API v2 answered …", no sign-out', async () => {
    const cases: [number, string, string, RegExp][] = [
      [
        404,
        '{"timestamp":"2026-02-01T12:00:00.000+00:00","status":404,"error":"Not Found","path":"/api/v2/cl/keys"}',
        '404',
        /^CLN API v2 answered 404 \(Not Found\) when asked to list CloudLinux OS keys/,
      ],
      [404, '', '404', /^CLN API v2 answered 404 when/],
      [404, '{"success":false,"message":"Not found: /api/v2/cl/keys","data":null}', '404', /^CLN API v2 answered 404 \(Not found: \/api\/v2\/cl\/keys\) when/],
      [404, '<html><body><h1>Whitelabel Error Page</h1></body></html>', '404', /^CLN API v2 answered 404 when/],
      [403, '{"timestamp":"2026-02-01T12:00:00Z","status":403,"error":"Forbidden","message":"Access Denied","path":"/api/v2/cl/keys"}', '403', /^CLN API v2 answered 403 \(Access Denied\) when/],
      [403, '<html><body>Forbidden</body></html>', '403', /^CLN API v2 answered 403 when/],
      [200, '<!DOCTYPE html><html><head><title>CLN</title></head><body></body></html>', 'an HTML page', /^CLN API v2 answered an HTML page when/],
    ];
    for (const [status, body, answered, message] of cases) {
      const { calls, fetch } = fakeFetch(() => ({ status, body }));
      await rejects(client(fetch, { readRetries: 3 }).call('cl.key.list', { productType: 'CL' }), (error) => {
        assert.ok(error instanceof ClnV2UnavailableError, `${status} ${body}: ${error.message}`);
        assert.equal(error.answered, answered);
        assert.equal(error.isTransient, false);
        assert.match(error.message, message);
        assert.match(error.message, /The products of API v1 are not affected\.$/);
        assert.ok(!(error instanceof ClnAuthError));
      });
      assert.equal(calls.length, 1, 'v2 being absent is not retried');
    }
  });

  it('CLN\'s "Authorization failed" on a v2 call is a sign-in problem, in either shape', async () => {
    for (const [status, body] of [
      [401, '{"success":false,"message":"Authorization failed","data":null}'],
      [403, '{"status":403,"error":"Forbidden","message":"Authorization failed"}'],
      [200, '{"success":false,"message":"Authorization failed"}'],
    ] as const) {
      await rejects(client(fakeFetch(() => ({ status, body })).fetch).call('features.account', {}), (error) => {
        assert.ok(error instanceof ClnAuthError, `${status} ${body}: ${error.message}`);
        assert.equal(error.credentialsRejected, true);
      });
    }
  });

  it('a 5xx (HTML or JSON) on a read is the service in trouble, retried; unreadable JSON is malformed', async () => {
    const { calls, fetch } = fakeFetch(() => ({ status: 502, body: '<html><head><title>502 Bad Gateway</title></head></html>' }));
    await rejects(client(fetch, { readRetries: 2 }).call('features.list', {}), (error) => {
      assert.equal(error.kind, 'http');
      assert.ok(!isV2Unavailable(error));
      assert.match(error.message, /HTTP 502/);
    });
    assert.equal(calls.length, 3);
    await rejects(client(fakeFetch(() => ({ body: '[{"feature_id": 46' })).fetch).call('features.list', {}), (error) => assert.equal(error.kind, 'malformed'));
    await rejects(client(fakeFetch(() => ({ body: '{"4600":"MAYBE"}' })).fetch).call('features.account', {}), (error) => {
      assert.equal(error.kind, 'malformed');
      assert.match(error.message, /expected ENABLED, DISABLED or UNSET, got "MAYBE"/);
    });
  });

  it('a change is never retried: a 5xx, a reset or an HTML page after sending is an unknown outcome, said as such', async () => {
    for (const reply of [
      { status: 500, body: '{"status":500,"error":"Internal Server Error"}' },
      { status: 503, body: '' },
      { status: 200, body: '<html><body>hi</body></html>' },
    ]) {
      const { calls, fetch } = fakeFetch(() => reply);
      await rejects(client(fetch, { readRetries: 5 }).call('features.account.set', { settings: { '4600': 'ENABLED' } }), (error) => {
        assert.equal(error.outcomeUnknown, true, error.message);
        assert.match(error.message, /The change may or may not have been made: refresh to see the current state before trying again\.$/);
      });
      assert.equal(calls.length, 1);
    }
  });

  it('the token and secret never appear in messages, details or the log, even when the answer echoes them', async () => {
    const log: RequestLogEntry[] = [];
    const { fetch } = fakeFetch((url) => ({
      status: 400,
      body: JSON.stringify({ status: 400, error: 'Bad Request', message: `bad token ${TOKEN} for ${url} (${encodeURIComponent(TOKEN)}) secret ${SECRET}` }),
    }));
    const error = await rejects(client(fetch, { onRequest: (e) => log.push(e) }).call('features.account.set', { settings: { '4600': 'ENABLED' } }), () => undefined);
    noSecrets(error.message, 'message');
    noSecrets(error.detail, 'detail');
    noSecrets(error.stack, 'stack');
    for (const entry of log) {
      noSecrets(entry.path, 'log path');
      noSecrets(entry.error, 'log error');
    }
    // And a key sent is fingerprinted in the log, as v1's keys are.
    const keyLog: RequestLogEntry[] = [];
    await client(fakeFetch(() => ({ body: '{"key":"0123456789abcdef0123456789abcdef"}' })).fetch, { onRequest: (e) => keyLog.push(e) }).call('cl.key.remove', {
      key: '0123456789abcdef0123456789abcdef',
    });
    assert.ok(!keyLog[0].path.includes('0123456789abcdef0123456789abcdef'), keyLog[0].path);
    assert.deepEqual(keyLog[0].keys, ['0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef']);
  });
});

describe('client × simulator: CLN API v2 over HTTP', () => {
  let sim: Simulator;
  const NOW2 = Date.UTC(2025, 5, 15, 10, 30);
  const make = (extra: Partial<ConstructorParameters<typeof ClnClient>[0]> = {}) =>
    new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, now: () => NOW2, readRetries: 0, retryDelayMs: 0, ...extra });
  beforeEach(async () => (sim = await startSimulator({ seed: 3, now: () => NOW2 })));
  afterEach(() => sim.close());

  it('answers the same values in the bare shape and in the envelope', async () => {
    const bare = await make().call('cl.srv.list', { productType: 'CLS' });
    sim.state.v2.answers = 'envelope';
    assert.deepEqual(await make().call('cl.srv.list', { productType: 'CLS' }), bare);
    assert.ok(bare.length > 0);
    await rejects(make().call('cl.key.update', { key: 'missing', limit: 1 }), (error) => assert.equal(error.message, 'CLN could not update a CloudLinux OS key: Key missing not found.'));
  });

  it('seeds every product, keys without servers and keys over their limit, sub-accounts, and 4600 in each state at each level', () => {
    const s = sim.state;
    for (const product of ['CL', 'CLP', 'CLS', 'CLADMIN']) {
      const keys = s.clKeys.filter((k) => k.product === product);
      const count = (key: string) => s.clServers.filter((x) => x.key === key).length;
      assert.ok(
        keys.some((k) => count(k.key) === 0),
        `${product}: a key without servers`,
      );
      assert.ok(
        keys.some((k) => k.limit > 0 && count(k.key) > k.limit),
        `${product}: a key over its limit`,
      );
      assert.ok(keys.some((k) => k.note !== null));
    }
    assert.ok(new Set(s.subAccountServers.map((x) => x.login)).size >= 2);
    for (const state of ['ENABLED', 'DISABLED', 'UNSET']) {
      assert.ok(
        Object.values(s.keyFeatures).some((f) => f['4600'] === state),
        `a key with ${state}`,
      );
      assert.ok(
        Object.values(s.serverFeatures).some((f) => f['4600'] === state),
        `a server with ${state}`,
      );
    }
    assert.ok(['1101', '1102', '4600'].every((id) => id in s.accountFeatures));
  });

  for (const how of [404, 403, 'html'] as const) {
    it(`v2 unavailable (${how}): every v2 call says so once, v1 still answers`, async () => {
      sim.state.v2.unavailable = how;
      const c = make({ readRetries: 3 });
      for (const call of [() => c.call('cl.key.list', { productType: 'CL' }), () => c.call('features.account', {}), () => c.call('ipl.types', {})]) {
        await rejects(call(), (error) => {
          assert.ok(error instanceof ClnV2UnavailableError, error.message);
          assert.equal(error.answered, how === 'html' ? 'an HTML page' : String(how));
        });
      }
      assert.equal(sim.requests.length, 3, 'one request per call, none retried');
      assert.ok((await c.call('kcare.key.list', {})).length > 0);
      // A change: refused before anything happened (404, 403), or not known (an HTML page answering a PATCH).
      const error = await rejects(c.call('features.account.set', { settings: { '4600': 'ENABLED' } }), (e) => assert.ok(isV2Unavailable(e)));
      assert.equal(error.outcomeUnknown, how === 'html');
      assert.equal(sim.state.accountFeatures['4600'], 'UNSET');
    });
  }

  it('an answer past the size limit is not read; a redirect of a change is not followed; a reset after the change is an unknown outcome', async () => {
    sim.faults.set('cl.srv.list', { kind: 'huge', bytes: 2 * 1024 * 1024 });
    await rejects(make({ maxResponseBytes: 1024 * 1024 }).call('cl.srv.list', { productType: 'CL' }), (error) => assert.equal(error.kind, 'tooLarge'));
    sim.faults.set('features.account.set', { kind: 'redirectSame', times: 1 });
    sim.resetLog();
    await rejects(make().call('features.account.set', { settings: { '4600': 'ENABLED' } }), (error) => {
      assert.equal(error.kind, 'redirect');
      assert.equal(error.outcomeUnknown, true);
    });
    assert.equal(sim.requests.length, 1);
    sim.faults.set('cl.key.remove', { kind: 'reset', afterCommit: true, times: 1 });
    const key = sim.state.clKeys[0].key;
    await rejects(make().call('cl.key.remove', { key }), (error) => {
      assert.equal(error.outcomeUnknown, true);
      assert.match(error.message, /may or may not have been made/);
    });
    assert.equal(sim.mutationCounts['cl.key.remove'], 1, 'sent once');
    sim.faults.set('cl.key.list', { kind: 'redirectOffsite', times: 1 });
    await rejects(make().call('cl.key.list', { productType: 'CL' }), (error) => assert.equal(error.kind, 'redirect'));
  });
});
