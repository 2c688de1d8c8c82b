/**
 * ClnClient's own logic, with a fake fetch that records calls (no simulator, no HTTP):
 * validation before any request, the API URL rule, request building, the envelope,
 * auth failures with clock skew, json-or-bare, KernelCare's "Server not found", retries.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ClnClient, checkApiUrl, isLoopbackHost } from '../../src/cln/client';
import { ENDPOINT_IDS, ENDPOINTS, EndpointId, endpointOf } from '../../src/cln/endpoints';
import { ClnAuthError, ClnError, ClnValidationError } from '../../src/cln/errors';
import type { FetchInit, FetchLike, FetchResponse } from '../../src/cln/transport';
import { VALID_ARGS } from './support/validArgs';

const BASE = 'https://cln.example.test/api';
const LOGIN = 'alice';
const SECRET = 'S3cretKey-0123456789abcdef';
const NOW = Date.UTC(2026, 1, 1, 12, 0, 0);

interface Reply {
  status?: number;
  statusText?: string;
  body?: string;
  headers?: Record<string, string>;
}
interface Recorded {
  url: string;
  init: FetchInit;
}

function fakeFetch(reply: (url: string, init: FetchInit, n: number) => Reply | Promise<Reply> = () => ({ body: '{"success":true,"message":null,"data":null}' })) {
  const calls: Recorded[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const r = await reply(url, init, calls.length);
    const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const response: FetchResponse = {
      status: r.status ?? 200,
      statusText: r.statusText ?? '',
      headers: { get: (name) => headers[name.toLowerCase()] ?? null },
      text: async () => r.body ?? '',
    };
    return response;
  };
  return { calls, fetch };
}

const envelope = (data: unknown, message: string | null = null, success = true) => JSON.stringify({ success, message, data, type: null });

function client(fetch: FetchLike, extra: Partial<ConstructorParameters<typeof ClnClient>[0]> = {}) {
  return new ClnClient({ baseUrl: BASE, credentials: () => ({ login: LOGIN, secretKey: SECRET }), fetch, now: () => NOW, readRetries: 0, retryDelayMs: 0, ...extra });
}

/** Calls an endpoint with loosely typed arguments (the point is to pass wrong ones). */
function callAny(c: ClnClient, id: EndpointId, args: unknown): Promise<unknown> {
  return (c.call as (id: EndpointId, args: unknown) => Promise<unknown>)(id, args);
}

async function rejectsWith(promise: Promise<unknown>, kind: ClnError['kind'], message?: RegExp | string): Promise<ClnError> {
  try {
    const value = await promise;
    assert.fail(`expected a ${kind} ClnError, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    assert.ok(error instanceof ClnError, `expected ClnError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return error;
  }
}

// ---- valid arguments of every endpoint, and the kind of each argument ----------------

type Kind =
  | 'ip'
  | 'ipList'
  | 'ipType'
  | 'flag'
  | 'limit'
  | 'count'
  | 'kcareNote'
  | 'freeText'
  | 'id'
  | 'text'
  | 'ids'
  | 'cidrList'
  | 'monitoringKey'
  | 'apiToken'
  | 'backupSize'
  | 'backupDelta'
  | 'yearMonth'
  | 'awpProducts'
  | 'clProduct'
  | 'serverNumber'
  | 'featureSettings';

const KINDS: Record<EndpointId, Record<string, Kind>> = {
  'status.json': {},
  'status.plain': {},
  'ipl.availability': { ip: 'ip' },
  'ipl.check': { ip: 'ip' },
  'ipl.register': { ip: 'ip', type: 'ipType', els_allowed: 'flag' },
  'ipl.convert': { ip: 'ip', type: 'ipType', type_to: 'ipType' },
  'ipl.remove': { ip: 'ip', type: 'ipType' },
  'ipl.list': {},
  'ipl.server': { ip: 'ipList' },
  'ipl.update': { ip: 'ip', els_allowed: 'flag', type: 'ipType' },
  'kcare.key.create': { limit: 'limit', note: 'kcareNote' },
  'kcare.key.delete': { key: 'id' },
  'kcare.key.list': {},
  'kcare.key.servers': { key: 'id' },
  'kcare.key.setCidr': { key: 'id', cidr: 'cidrList' },
  'kcare.srv.remove': { server_id: 'id' },
  'kcare.nagios.registerKey': { key: 'monitoringKey' },
  'kcare.nagios.key': { key: 'id' },
  'kcare.nagios.reseller': { login: 'id', token: 'apiToken' },
  'kcare.patchset': { key: 'id' },
  'im.key.create': { code: 'id', limit: 'limit', note: 'freeText' },
  'im.key.update': { key: 'id', limit: 'limit', note: 'freeText', servers: 'count' },
  'im.key.remove': { key: 'id' },
  'im.key.list': {},
  'im.srv.list': { key: 'id' },
  'im.srv.remove': { id: 'id' },
  'im.srv.convert': { id: 'id', key: 'id' },
  'els.key.create': { code: 'id', limit: 'limit', note: 'freeText' },
  'els.key.update': { key: 'id', limit: 'limit', note: 'freeText' },
  'els.key.remove': { key: 'id' },
  'els.key.list': { code: 'id' },
  'els.srv.list': { code: 'id' },
  'els.srv.remove': { id: 'id' },
  'ab.list': {},
  'ab.im.create': { server_id: 'id', size: 'backupSize', datacenter: 'id' },
  'ab.resize': { backup_id: 'count', delta: 'backupDelta' },
  'ab.remove': { backup_id: 'count' },
  'group.create': { name: 'text', description: 'freeText' },
  'group.list': {},
  'group.servers.list': { name: 'text' },
  'group.servers.put': { name: 'text', server_ids: 'ids' },
  'group.servers.remove': { name: 'text', server_ids: 'ids' },
  'awp.billing': { products: 'awpProducts', yearMonth: 'yearMonth' },
  'cl.key.list': { productType: 'clProduct' },
  'cl.key.create': { productType: 'clProduct', limit: 'limit', note: 'freeText' },
  'cl.key.update': { key: 'id', limit: 'limit', note: 'freeText' },
  'cl.key.remove': { key: 'id' },
  'cl.srv.list': { productType: 'clProduct' },
  'cl.srv.remove': { id: 'serverNumber' },
  'cl.sub.servers': {},
  'features.list': {},
  'features.account': {},
  'features.account.set': { settings: 'featureSettings' },
  'imunify.server.features.set': { id: 'id', permissions: 'featureSettings' },
  'imunify.key.features.set': { key: 'id', permissions: 'featureSettings' },
  'ipl.types': {},
};

const ips = (n: number) => Array.from({ length: n }, (_, i) => `10.1.${Math.floor(i / 256)}.${i % 256}`);

/** Values each kind of argument must refuse (null/undefined are "missing", tested separately). */
const INVALID: Record<Kind, unknown[]> = {
  ip: ['', '   ', '256.1.1.1', '1.2.3', '2001:db8::g', '1.2.3.4/24', 'localhost', 3232235777, true, ['192.0.2.1'], {}],
  ipList: [[], ['256.1.1.1'], ['192.0.2.1', '1.2.3'], ips(101), '192.0.2.1', [3232235777], ['192.0.2.1', ''], {}],
  // Open-ended: 2, 3, 44, 7215 are types (real-api.md); only what is not a positive whole number is refused.
  ipType: [0, -1, 1.5, '16', Number.NaN, Number.POSITIVE_INFINITY, 2_147_483_648, true, [16]],
  flag: ['true', 'false', 1, 0, 'yes', {}],
  limit: [-1, 1.5, '2', Number.NaN, Number.POSITIVE_INFINITY, 1_000_001, true],
  count: [-1, 2.5, '101', Number.NaN, false],
  kcareNote: ['n'.repeat(101), 5, true, ['note']],
  freeText: [5, true, {}, ['note']],
  id: ['', '  ', 'two words', 'tab\tinside', 'line\nbreak', 'k'.repeat(201), 42, true, ['id'], {}],
  text: ['', '  ', 'bell\u0007', 'n'.repeat(201), 42, ['name']],
  ids: [[], 'SERVER-1', ['SERVER 1'], [''], ['SERVER-1', 5], {}],
  cidrList: ['', ' ; ', '10.0.0.0/33', '2001:db8::/129', '192.0.2.1', '300.0.0.0/8', '10.0.0.0/8 1.1.1.1', 5],
  monitoringKey: ['', 'tooShort123', 'a'.repeat(15), 'a'.repeat(33), 'WsTs821nSAtiast-', 'WsTs821n SAtiastD', 12345678901234567],
  apiToken: ['', '   ', 'two words', 'a/b', 'x?y', 'x#y', 'p%2F', 't'.repeat(201), 42, true, ['t']],
  backupSize: [0, -10, 5, 15, 10.5, '10', Number.NaN],
  backupDelta: [0, 5, -15, 10.5, '10', Number.NaN],
  yearMonth: ['2026-13', '2026-1', '2026-00', '26-01', '2026/01', '', 202601],
  awpProducts: [[], 'AWP_CDN', ['AWP_FREE'], ['awp_cdn'], ['AWP_CDN', 5], {}],
  clProduct: ['', 'KC', 'CL OS', 'CLX', 'cl\n', 5, true, ['CL'], {}],
  serverNumber: [-1, 1.5, '1', Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, true, [1]],
  featureSettings: [{}, { '4600': 'ON' }, { imunify_email: 'ENABLED' }, { '4600': true }, { '-1': 'ENABLED' }, { '4600': null }, 'ENABLED', ['4600'], 4600],
};

describe('client (offline): argument validation happens before any request', () => {
  it('the tables cover every endpoint and exactly its arguments', () => {
    for (const id of ENDPOINT_IDS) {
      const names = Object.keys(endpointOf(id).params).sort();
      assert.deepEqual(Object.keys(KINDS[id]).sort(), names, id);
      for (const name of Object.keys(VALID_ARGS[id])) assert.ok(names.includes(name), `${id}.${name}`);
    }
    assert.deepEqual(Object.keys(VALID_ARGS).sort(), [...ENDPOINT_IDS].sort());
  });

  for (const id of ENDPOINT_IDS) {
    const params = Object.entries(endpointOf(id).params);
    if (params.length === 0) continue;
    describe(id, () => {
      for (const [name, spec] of params) {
        const kind = KINDS[id][name];
        it(`${name} (${kind}): every invalid value → validation error, zero fetches`, async () => {
          const { calls, fetch } = fakeFetch();
          const c = client(fetch);
          for (const bad of INVALID[kind]) {
            const error = await rejectsWith(callAny(c, id, { ...VALID_ARGS[id], [name]: bad }), 'validation');
            assert.ok(error instanceof ClnValidationError, `${name}=${JSON.stringify(bad)}`);
            assert.equal(error.field, name, `${name}=${JSON.stringify(bad)}: ${error.message}`);
            assert.ok(error.message.startsWith(`${name}: `), error.message);
            assert.ok(error.message.length > name.length + 2, error.message);
            assert.equal(error.endpoint, id);
          }
          assert.equal(calls.length, 0, `fetch was called for ${calls.map((r) => r.url).join(', ')}`);
        });
        if (spec.required) {
          it(`${name}: missing or null → "${name}: is required", zero fetches`, async () => {
            const { calls, fetch } = fakeFetch();
            const c = client(fetch);
            const rest: Record<string, unknown> = { ...VALID_ARGS[id] };
            delete rest[name];
            await rejectsWith(callAny(c, id, rest), 'validation', `${name}: is required`);
            await rejectsWith(callAny(c, id, { ...VALID_ARGS[id], [name]: null }), 'validation', `${name}: is required`);
            assert.equal(calls.length, 0);
          });
        }
      }
    });
  }

  it('optional arguments may be left out', async () => {
    const { calls, fetch } = fakeFetch(() => ({ body: envelope(true) }));
    const c = client(fetch);
    assert.equal(await c.call('ipl.remove', { ip: '192.0.2.1' }), true);
    assert.equal(new URL(calls[0].url).searchParams.has('type'), false);
    const created = fakeFetch(() => ({ body: envelope('NEWKEY') }));
    assert.equal(await client(created.fetch).call('kcare.key.create', { limit: 0 }), 'NEWKEY');
    assert.equal(new URL(created.calls[0].url).searchParams.has('note'), false);
  });

  it('unknown argument names are rejected, including Object.prototype names', async () => {
    const { calls, fetch } = fakeFetch();
    const c = client(fetch);
    await rejectsWith(callAny(c, 'ipl.check', { ip: '192.0.2.1', bogus: 1 }), 'validation', 'bogus: is not an argument of /ipl/check.json');
    await rejectsWith(callAny(c, 'ipl.list', { ip: '192.0.2.1' }), 'validation', 'ip: is not an argument of /ipl/list.json');
    await rejectsWith(callAny(c, 'els.key.list', { code: 'CELS', productType: 'CELS' }), 'validation', /^productType: is not an argument/);
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      await rejectsWith(callAny(c, 'ipl.list', { [name]: 'x' }), 'validation', `${name}: is not an argument of /ipl/list.json`);
      await rejectsWith(callAny(c, 'ipl.check', { ip: '192.0.2.1', [name]: 'x' }), 'validation', `${name}: is not an argument of /ipl/check.json`);
    }
    assert.equal(calls.length, 0);
  });

  it('validation errors are not retried and ask for no credentials', async () => {
    let asked = 0;
    const { calls, fetch } = fakeFetch();
    const c = client(fetch, { credentials: () => (asked++, { login: LOGIN, secretKey: SECRET }), readRetries: 3 });
    await rejectsWith(callAny(c, 'ipl.check', { ip: '1.2.3' }), 'validation', 'ip: "1.2.3" is not a valid IPv4 or IPv6 address.');
    assert.equal(asked, 0);
    assert.equal(calls.length, 0);
  });
});

describe('client (offline): API URL', () => {
  const refuse = (url: string, message: RegExp) => {
    assert.throws(
      () => new ClnClient({ baseUrl: url, credentials: () => undefined, fetch: fakeFetch().fetch }),
      (error: unknown) => error instanceof ClnValidationError && error.kind === 'validation' && error.field === 'cln.apiUrl' && message.test(error.message),
    );
  };
  it('refuses http:// to a non-loopback host at construction', () => {
    refuse('http://example.com/api', /^cln\.apiUrl: Refusing the unencrypted API URL http:\/\/example\.com: http:\/\/ is allowed only for loopback hosts/);
    refuse('http://cln.cloudlinux.com/api', /Refusing the unencrypted/);
    refuse('http://127.0.0.1.example.com/api', /Refusing the unencrypted/);
    refuse('http://localhost.example.com/api', /Refusing the unencrypted/);
    refuse('http://10.0.0.1/api', /Refusing the unencrypted/);
  });
  it('refuses other schemes and non-URLs', () => {
    refuse('ftp://cln.cloudlinux.com/api', /must start with https:\/\/ \(got ftp:\)/);
    refuse('cln.cloudlinux.com/api', /is not a valid URL/);
    refuse('', /is not a valid URL/);
  });
  it('accepts https:// anywhere and http:// to loopback', () => {
    for (const url of ['https://cln.cloudlinux.com/api', 'http://127.0.0.1:1234/api', 'http://[::1]/api', 'http://localhost:8080/api', 'http://127.8.9.10/api', 'https://example.com/api']) {
      assert.equal(checkApiUrl(url), undefined, url);
      assert.equal(new ClnClient({ baseUrl: url, credentials: () => undefined, fetch: fakeFetch().fetch }).baseUrl, url);
    }
  });
  it('isLoopbackHost', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.1', '::1', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['example.com', '10.0.0.1', '::2', '128.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io']) assert.equal(isLoopbackHost(host), false, host);
  });
});

describe('client (offline): request building', () => {
  const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
  const expectedToken = `${LOGIN}|${Math.floor(NOW / 1000)}|${sha1(SECRET + Math.floor(NOW / 1000))}`;

  it('GET with query arguments and a fresh token; the secret never leaves', async () => {
    const { calls, fetch } = fakeFetch(() => ({ body: envelope({ ip: '192.0.2.1', type: 16, registered: false, created: '2014-04-30T11:26-0400' }) }));
    const value = await client(fetch).call('ipl.register', { ip: '192.0.2.1', type: 16, els_allowed: true });
    assert.deepEqual(value, { ip: '192.0.2.1', type: 16, registered: false, created: new Date('2014-04-30T15:26:00Z') });
    assert.equal(calls.length, 1);
    const url = new URL(calls[0].url);
    assert.equal(`${url.origin}${url.pathname}`, `${BASE}/ipl/register.json`);
    assert.equal(calls[0].init.method, 'GET');
    assert.equal(url.searchParams.get('ip'), '192.0.2.1');
    assert.equal(url.searchParams.get('type'), '16');
    assert.equal(url.searchParams.get('els_allowed'), 'true');
    assert.equal(url.searchParams.get('token'), expectedToken);
    assert.ok(!calls[0].url.includes(SECRET));
  });
  it('a token per request: the timestamp follows the clock', async () => {
    let now = NOW;
    const { calls, fetch } = fakeFetch(() => ({ body: envelope([]) }));
    const c = client(fetch, { now: () => now });
    await c.call('ipl.list', {});
    now += 5000;
    await c.call('ipl.list', {});
    const [t1, t2] = calls.map((r) => new URL(r.url).searchParams.get('token'));
    assert.equal(t1, expectedToken);
    assert.equal(t2, `${LOGIN}|${Math.floor(NOW / 1000) + 5}|${sha1(SECRET + (Math.floor(NOW / 1000) + 5))}`);
  });
  it('encodes CELS7+SLA so that the + survives, and joins lists with commas', async () => {
    const { calls, fetch } = fakeFetch((url) => ({ body: url.includes('/els/') ? envelope([]) : envelope([]) }));
    const c = client(fetch);
    await c.call('els.key.list', { code: 'CELS7+SLA' });
    assert.match(calls[0].url, /[?&]code=CELS7%2BSLA(&|$)/);
    assert.equal(new URL(calls[0].url).searchParams.get('code'), 'CELS7+SLA');
    await c.call('ipl.server', { ip: ['192.0.2.1', '2001:db8::1'] });
    assert.equal(new URL(calls[1].url).searchParams.get('ip'), '192.0.2.1,2001:db8::1');
    await c.call('group.servers.put', { name: 'Web servers', server_ids: ['SERVER-1', 'SERVER-2'] });
    assert.equal(calls[2].init.method, 'PUT');
    assert.equal(new URL(calls[2].url).searchParams.get('server_ids'), 'SERVER-1,SERVER-2');
    assert.equal(new URL(calls[2].url).searchParams.get('name'), 'Web servers');
    await c.call('awp.billing', { products: ['AWP_PREMIUM', 'AWP_CDN'], yearMonth: '2023-12' });
    assert.equal(new URL(calls[3].url).pathname, '/api/cl/awp');
    assert.equal(new URL(calls[3].url).searchParams.get('products'), 'AWP_PREMIUM,AWP_CDN');
    assert.equal(new URL(calls[3].url).searchParams.get('yearMonth'), '2023-12');
  });
  it('uses each endpoint’s method: POST group.create, DELETE group.servers.remove', async () => {
    const { calls, fetch } = fakeFetch((url) => ({ body: url.includes('create') ? envelope({ name: 'G', description: null }) : envelope([]) }));
    const c = client(fetch);
    await c.call('group.create', { name: 'G' });
    await c.call('group.servers.remove', { name: 'G', server_ids: ['S1'] });
    assert.deepEqual(
      calls.map((r) => r.init.method),
      ['POST', 'DELETE'],
    );
    for (const id of ENDPOINT_IDS) assert.ok(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(ENDPOINTS[id].method), id);
  });
  it('endpoints without auth send no token and ask for no credentials', async () => {
    let asked = 0;
    const { calls, fetch } = fakeFetch((url) => ({ body: url.includes('register_key') ? 'success:true code:0' : 'KernelCare OK - all servers are up to date!' }));
    const c = client(fetch, { credentials: () => (asked++, undefined) });
    assert.deepEqual(await c.call('kcare.nagios.registerKey', { key: 'WsTs821nSAtiastD' }), { code: 0, ok: true, meaning: 'the monitoring key was registered' });
    assert.equal((await c.call('kcare.nagios.key', { key: 'Key/With?Odd#Chars' })).state, 'OK');
    assert.equal(asked, 0);
    assert.equal(calls[0].url, `${BASE}/kcare/nagios/register_key.plain?key=WsTs821nSAtiastD`);
    assert.equal(calls[1].url, `${BASE}/kcare/nagios/Key%2FWith%3FOdd%23Chars`);
  });
  it('nagios-res puts the login and the static API security token in the path, and asks for no sign-in credentials', async () => {
    let asked = 0;
    const { calls, fetch } = fakeFetch(() => ({ body: 'KernelCare OK - all servers are up to date!' }));
    const status = await client(fetch, { credentials: () => (asked++, undefined) }).call('kcare.nagios.reseller', { login: LOGIN, token: 'StaticApiToken42' });
    assert.equal(status.state, 'OK');
    assert.equal(calls[0].url, `${BASE}/kcare/nagios-res/${LOGIN}/StaticApiToken42`);
    assert.equal(asked, 0);
  });
  it('an IP accepted with surrounding blanks is sent without them', async () => {
    const { calls, fetch } = fakeFetch(() => ({ body: envelope([]) }));
    const c = client(fetch);
    await c.call('ipl.check', { ip: ' 192.0.2.1\t' });
    assert.equal(new URL(calls[0].url).searchParams.get('ip'), '192.0.2.1');
    await c.call('ipl.server', { ip: [' 192.0.2.1', '2001:db8::1 '] });
    assert.equal(new URL(calls[1].url).searchParams.get('ip'), '192.0.2.1,2001:db8::1');
  });
  it('a trailing slash on the base URL does not double the slash', async () => {
    const { calls, fetch } = fakeFetch(() => ({ body: envelope([]) }));
    await client(fetch, { baseUrl: `${BASE}/` }).call('ipl.list', {});
    assert.ok(calls[0].url.startsWith(`${BASE}/ipl/list.json?token=`), calls[0].url);
  });
  it('signed out: a token endpoint fails with auth before any request', async () => {
    const { calls, fetch } = fakeFetch();
    const error = await rejectsWith(client(fetch, { credentials: () => undefined }).call('ipl.list', {}), 'auth', 'Sign in to CLN to list IP licenses.');
    assert.ok(error instanceof ClnAuthError);
    assert.equal(calls.length, 0);
  });
  it('the request log shows the path with the token redacted and the license key fingerprinted', async () => {
    const entries: { path: string; status?: number; keys?: readonly string[] }[] = [];
    const { fetch } = fakeFetch(() => ({ body: envelope([]) }));
    await client(fetch, { onRequest: (e) => entries.push(e) }).call('kcare.key.servers', { key: 'WsTs821nSAtiastD' });
    await client(fakeFetch(() => ({ body: 'KernelCare OK - fine' })).fetch, { onRequest: (e) => entries.push(e) }).call('kcare.nagios.reseller', { login: LOGIN, token: 'StaticApiToken42' });
    assert.equal(entries[0].path, '/kcare/key/servers.json?key=WsTs…astD&token=<redacted>');
    assert.deepEqual(entries[0].keys, ['WsTs821nSAtiastD'], 'the entry names the key, so the log can fingerprint it wherever it comes up');
    assert.equal(entries[0].status, 200);
    assert.equal(entries[1].path, `/kcare/nagios-res/${LOGIN}/<redacted>`);
    for (const e of entries) assert.ok(!e.path.includes(sha1(SECRET + Math.floor(NOW / 1000))) && !e.path.includes('StaticApiToken42'), e.path);
  });
});

describe('client (offline): answers', () => {
  it('success:false "Authorization failed" → auth, telling to sign in again when the clock is right', async () => {
    const { fetch } = fakeFetch(() => ({ body: envelope(null, 'Authorization failed', false), headers: { Date: new Date(NOW + 30_000).toUTCString() } }));
    const error = await rejectsWith(client(fetch).call('ipl.list', {}), 'auth', /^CLN rejected the login or secret key \(Authorization failed\)\. Sign in again/);
    assert.ok(error instanceof ClnAuthError);
    assert.equal(error.clockSkewMs, 30_000);
    assert.doesNotMatch(error.message, /clock/);
  });
  it('"Authorization failed" with a Date header 10 minutes off → the message is about the clock', async () => {
    for (const [offset, words] of [
      [10 * 60_000, '10 minutes behind'],
      [-10 * 60_000, '10 minutes ahead of'],
      [3 * 3600_000, '3 hours behind'],
    ] as const) {
      const { fetch } = fakeFetch(() => ({ body: envelope(null, 'Authorization failed', false), headers: { date: new Date(NOW + offset).toUTCString() } }));
      const error = await rejectsWith(client(fetch).call('kcare.key.list', {}), 'auth', /clock/);
      assert.match(error.message, new RegExp(`This computer's clock is ${words} CLN's`));
      assert.match(error.message, /NTP/);
      assert.equal((error as ClnAuthError).clockSkewMs, offset);
    }
  });
  it("HTTP 401/403 with CLN's envelope → auth; from a proxy (HTML, empty, other JSON) → http, sign-in kept", async () => {
    for (const status of [401, 403]) {
      const own = fakeFetch(() => ({ status, body: envelope(null, 'Authorization failed', false) }));
      const rejected = await rejectsWith(client(own.fetch).call('ipl.list', {}), 'auth', /rejected the login or secret key/);
      assert.equal(rejected.status, status);
      assert.ok(rejected instanceof ClnAuthError && rejected.credentialsRejected);
      for (const body of ['<html>Forbidden</html>', '', '{"error":"forbidden"}']) {
        const { fetch } = fakeFetch(() => ({ status, body }));
        const error = await rejectsWith(client(fetch).call('ipl.list', {}), 'http', new RegExp(`HTTP ${status}.*not CLN's own answer, so your sign-in is kept`));
        assert.equal(error.status, status);
      }
    }
  });
  it('success:false with another message → api, with CLN’s message', async () => {
    const { fetch } = fakeFetch(() => ({ body: envelope(null, 'IP 192.0.2.1 already has a license of this type', false) }));
    const error = await rejectsWith(client(fetch).call('ipl.register', { ip: '192.0.2.1', type: 1 }), 'api', 'CLN could not register an IP license: IP 192.0.2.1 already has a license of this type.');
    assert.equal(error.detail, 'IP 192.0.2.1 already has a license of this type');
    assert.equal(error.outcomeUnknown, false);
  });
  it('success:false without a message → api "it gave no reason"; a message ending in "." is not doubled', async () => {
    await rejectsWith(client(fakeFetch(() => ({ body: envelope(null, null, false) })).fetch).call('ipl.list', {}), 'api', 'CLN could not list IP licenses: it gave no reason.');
    await rejectsWith(
      client(fakeFetch(() => ({ body: envelope(null, 'Key not found.', false) })).fetch).call('kcare.key.delete', { key: 'K' }),
      'api',
      'CLN could not delete a KernelCare key: Key not found.',
    );
  });
  it('*.plain success:false → api with the message', async () => {
    const { fetch } = fakeFetch(() => ({ body: 'success:false message:Unexpected server error' }));
    await rejectsWith(client(fetch).call('status.plain', {}), 'api', 'CLN could not read the CLN service status: Unexpected server error.');
  });
  it('json-or-bare: awp.billing accepts a bare list and an envelope alike', async () => {
    const entries = [
      { product: 'AWP_PREMIUM', primary_domain: 'example1.com', username: 'test-user1' },
      { product: 'AWP_CDN', primary_domain: 'example2.com', username: 'test-user2', cdn_limit_type: '50 GB' },
    ];
    const expected = [
      { product: 'AWP_PREMIUM', primaryDomain: 'example1.com', username: 'test-user1', cdnLimitType: null },
      { product: 'AWP_CDN', primaryDomain: 'example2.com', username: 'test-user2', cdnLimitType: '50 GB' },
    ];
    const args = { products: ['AWP_PREMIUM', 'AWP_CDN'] as const, yearMonth: '2023-12' };
    assert.deepEqual(await client(fakeFetch(() => ({ body: JSON.stringify(entries) })).fetch).call('awp.billing', { ...args, products: [...args.products] }), expected);
    assert.deepEqual(await client(fakeFetch(() => ({ body: envelope(entries) })).fetch).call('awp.billing', { ...args, products: [...args.products] }), expected);
    assert.deepEqual(await client(fakeFetch(() => ({ body: '[]' })).fetch).call('awp.billing', { ...args, products: ['AWP_CDN'] }), []);
    await rejectsWith(client(fakeFetch(() => ({ body: envelope(null, 'Authorization failed', false) })).fetch).call('awp.billing', { ...args, products: ['AWP_CDN'] }), 'auth');
  });
  it('a bare list is NOT accepted for a plain json endpoint', async () => {
    await rejectsWith(client(fakeFetch(() => ({ body: '[]' })).fetch).call('ipl.list', {}), 'malformed', /no "success" field/);
  });
  it('kcare.srv.remove success:true data:null "Server not found" → {removed:null, notice}', async () => {
    const { fetch } = fakeFetch(() => ({ body: '{\n  "message": "Server not found", "type":\n  null,\n  "success": true,\n  "data": null\n}' }));
    assert.deepEqual(await client(fetch).call('kcare.srv.remove', { server_id: 'gone' }), { removed: null, notice: 'Server not found' });
  });
  it('kcare.srv.remove with the removed server → {removed, notice:null}', async () => {
    const { fetch } = fakeFetch(() => ({ body: envelope({ server_id: 's096slnkaAtoiAsd', key: 'WsTs821nSAtiastD' }) }));
    assert.deepEqual(await client(fetch).call('kcare.srv.remove', { server_id: 's096slnkaAtoiAsd' }), {
      removed: { id: 's096slnkaAtoiAsd', key: 'WsTs821nSAtiastD' },
      notice: null,
    });
  });
  it('status.plain with the reference body → the problems read the right way round', async () => {
    const body =
      'success:true\ndb_clweb_connected:true, // c\ndb_clweb_online:true,\ndb_rhn_connected:true,\ndb_rhn_online:true,\nrhn_overloaded:false,\nrhn_queue_full: true, // full\nxmlrpc:true,\nip_server_reg:true,\n';
    const status = await client(fakeFetch(() => ({ body })).fetch).call('status.plain', {});
    assert.deepEqual(status.problems, ['rhn_queue_full']);
  });
  it('numbers as strings are normalized (im.key.list)', async () => {
    const body = envelope([
      { key: 'IM1SOMENONSENCETEXT', limit: '2', code: '360_250', servers: '0' },
      { key: 'IMUNOTHERKEY', limit: '42', code: '360_UN', servers: '1' },
    ]);
    const keys = await client(fakeFetch(() => ({ body })).fetch).call('im.key.list', {});
    assert.deepEqual(
      keys.map((k) => [k.limit, k.servers]),
      [
        [2, 0],
        [42, 1],
      ],
    );
  });
  it('an HTML error page with HTTP 502 → http error naming the proxy; mutations say the outcome is unknown', async () => {
    const { fetch } = fakeFetch(() => ({ status: 502, statusText: 'Bad Gateway', body: '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>' }));
    const read = await rejectsWith(client(fetch).call('ipl.list', {}), 'http', /^CLN answered HTTP 502 Bad Gateway when asked to list IP licenses \(an HTML error page, probably from a proxy\)/);
    assert.equal(read.status, 502);
    assert.equal(read.outcomeUnknown, false);
    const write = await rejectsWith(client(fetch).call('ipl.remove', { ip: '192.0.2.1' }), 'http', /may or may not have been made/);
    assert.equal(write.outcomeUnknown, true);
  });
  it('an empty body, truncated JSON and an HTML page with 200 → malformed', async () => {
    await rejectsWith(client(fakeFetch(() => ({ body: '' })).fetch).call('ipl.list', {}), 'malformed', "Could not list IP licenses: CLN's answer could not be read (an empty answer).");
    await rejectsWith(client(fakeFetch(() => ({ body: '{"success": true, "data": [{"ip": "1.1' })).fetch).call('ipl.list', {}), 'malformed', /the JSON is cut off or invalid/);
    await rejectsWith(client(fakeFetch(() => ({ body: '<html><title>Login</title></html>' })).fetch).call('ipl.list', {}), 'malformed', /an HTML page instead of data/);
  });
  it('an answer echoing the token near the 500-character cut leaks no part of it in the detail', async () => {
    const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
    const digest = sha1(SECRET + Math.floor(NOW / 1000));
    const token = `${LOGIN}|${Math.floor(NOW / 1000)}|${digest}`;
    for (const pad of [460, 470, 480, 490]) {
      const { fetch } = fakeFetch(() => ({ status: 502, body: `${'x'.repeat(pad)} bad token ${token}` }));
      const error = await rejectsWith(client(fetch).call('ipl.list', {}), 'http');
      assert.ok(error.detail !== undefined && error.detail.length > 0);
      assert.ok(!error.detail.includes(digest.slice(0, 12)), error.detail);
    }
  });
  it('a *.plain answer with an unreadable first line → malformed, not network', async () => {
    for (const body of ['success:', 'success:maybe', 'success:yes code:0']) {
      const error = await rejectsWith(client(fakeFetch(() => ({ body })).fetch).call('status.plain', {}), 'malformed', /^Could not read the CLN service status: CLN's answer/);
      assert.equal(error.isTransient, false);
    }
  });
  it('a wrongly shaped answer → malformed naming the field', async () => {
    const error = await rejectsWith(
      client(fakeFetch(() => ({ body: envelope([{ ip: '1.1.1.1', type: 'x' }]) })).fetch).call('ipl.list', {}),
      'malformed',
      /data\[0\]\.type: expected a number, got "x"/,
    );
    assert.equal(error.detail, 'data[0].type: expected a number, got "x"');
  });
  it('reads are retried after 5xx, changes never', async () => {
    const read = fakeFetch(() => ({ status: 503, body: '' }));
    await rejectsWith(client(read.fetch, { readRetries: 2 }).call('ipl.list', {}), 'http');
    assert.equal(read.calls.length, 3);
    const write = fakeFetch(() => ({ status: 503, body: '' }));
    await rejectsWith(client(write.fetch, { readRetries: 2 }).call('ipl.register', { ip: '192.0.2.1', type: 1 }), 'http');
    assert.equal(write.calls.length, 1);
    const flaky = fakeFetch((_u, _i, n) => (n === 1 ? { status: 500, body: 'oops' } : { body: envelope([]) }));
    assert.deepEqual(await client(flaky.fetch, { readRetries: 2 }).call('ipl.list', {}), []);
    assert.equal(flaky.calls.length, 2);
  });
  it('connection refused → network; a refused mutation is known not to have happened', async () => {
    const refused: FetchLike = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    };
    const error = await rejectsWith(
      client(refused).call('ipl.register', { ip: '192.0.2.1', type: 1 }),
      'network',
      /^Could not reach CLN at cln\.example\.test to register an IP license \(ECONNREFUSED\)/,
    );
    assert.equal(error.outcomeUnknown, false);
    const reset: FetchLike = async () => {
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    };
    assert.equal((await rejectsWith(client(reset).call('ipl.register', { ip: '192.0.2.1', type: 1 }), 'network')).outcomeUnknown, true);
  });
  it('no answer within the timeout → timeout; an aborted signal → cancelled', async () => {
    const hang: FetchLike = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    await rejectsWith(client(hang, { timeoutMs: 30 }).call('ipl.list', {}), 'timeout', /^CLN did not answer within \d+ s when asked to list IP licenses/);
    const controller = new AbortController();
    const pending = client(hang, { timeoutMs: 10_000 }).call('ipl.list', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await rejectsWith(pending, 'cancelled', 'Cancelled: list IP licenses.');
  });
});

describe('client hardening against what a real server may send', () => {
  it("takes the asked-for id when KernelCare srv/remove answers the reference's empty server_id", async () => {
    const { fetch } = fakeFetch(() => ({ body: envelope({ server_id: '', key: '' }) }));
    const result = await client(fetch).call('kcare.srv.remove', { server_id: 'srv-42' });
    assert.deepEqual(result, { removed: { id: 'srv-42', key: null }, notice: null });
  });

  it('treats a list answer with no data at all as unreadable, and data:null as empty', async () => {
    await rejectsWith(client(fakeFetch(() => ({ body: '{"success":true,"message":null}' })).fetch).call('ipl.list', {}), 'malformed', /no data/);
    assert.deepEqual(await client(fakeFetch(() => ({ body: envelope(null) })).fetch).call('ipl.list', {}), []);
  });

  it('removes the secret key when CLN echoes it in a refusal', async () => {
    const { fetch } = fakeFetch(() => ({ body: envelope(null, `key ${SECRET} is not valid for this product`, false) }));
    const error = await rejectsWith(client(fetch).call('ipl.list', {}), 'api');
    assert.ok(!error.message.includes(SECRET), error.message);
    assert.ok(!(error.detail ?? '').includes(SECRET), error.detail);
    assert.match(error.message, /<redacted>/);
  });
});
