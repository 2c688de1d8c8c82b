/**
 * The simulator on its own, over raw HTTP: seeded determinism, account sizes,
 * the token window, both status formats, routing, argument parsing and the
 * CLN quirks it reproduces on the wire.
 */
import * as assert from 'node:assert/strict';
import { ELS_CODES, STATUS_FLAGS } from '../../src/cln/catalog';
import { monthsEndingAt, parseClnDate } from '../../src/cln/dates';
import { parseNagios, parsePlain } from '../../src/cln/decode';
import { ENDPOINT_IDS, endpointOf } from '../../src/cln/endpoints';
import { makeToken } from '../../src/cln/token';
import { DAY_MS, HOSTILE_DOMAIN, REAL_ONLY_TYPES, SIZES, Simulator, startSimulator } from '../../src/sim';
import { kindOf } from '../../src/sim/args';

const NOW = Date.UTC(2025, 0, 20, 8, 15);
const clock = () => NOW;

interface Raw {
  status: number;
  headers: Headers;
  text: string;
  json(): any;
}

/** A request as any HTTP client would send it; `ts` (seconds) picks the token's timestamp. */
async function raw(sim: Simulator, pathAndQuery: string, options: { method?: string; ts?: number; token?: string | false } = {}): Promise<Raw> {
  const url = new URL(sim.url + pathAndQuery);
  if (options.token !== false) {
    url.searchParams.set('token', options.token ?? makeToken(sim.credentials, (options.ts ?? Math.floor(NOW / 1000)) * 1000));
  }
  const response = await fetch(url, { method: options.method ?? 'GET' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

const AUTH_FAILED = { success: false, message: 'Authorization failed', type: null, data: null };
const CLN_DATE_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{4}$/;

describe('simulator: seeded account', () => {
  it('the same seed and clock give the same account, on the wire too', async () => {
    const a = await startSimulator({ seed: 42, now: clock });
    const b = await startSimulator({ seed: 42, now: clock });
    const c = await startSimulator({ seed: 43, now: clock });
    try {
      assert.deepEqual(a.state, b.state);
      assert.notDeepEqual(a.state.kcareKeys, c.state.kcareKeys);
      assert.notDeepEqual(a.state.ipLicenses, c.state.ipLicenses);
      for (const path of ['/ipl/list.json', '/kcare/key/list.json', '/im/key/list.json', `/cl/awp?products=AWP_PREMIUM,AWP_CDN&yearMonth=2025-01`]) {
        const [x, y] = await Promise.all([raw(a, path), raw(b, path)]);
        assert.equal(x.status, 200);
        assert.ok(x.text.length > 100, path);
        assert.equal(x.text, y.text, path);
      }
      // Keys created later come from the seed too.
      const [x, y] = await Promise.all([raw(a, '/kcare/key/create.json?limit=1'), raw(b, '/kcare/key/create.json?limit=1')]);
      assert.equal(x.json().data, y.json().data);
      assert.match(x.json().data, /^[A-Za-z0-9]{16}$/);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('the demo account has the promised shape', async () => {
    const sim = await startSimulator({ now: clock });
    try {
      const s = sim.state;
      assert.ok(s.ipLicenses.length >= 200 && s.ipLicenses.length <= 500, `${s.ipLicenses.length} IP licenses`);
      for (const code of [1, 4, 5, 1002, 16, 17, 40, 41, 42, 43, 49])
        assert.ok(
          s.ipLicenses.some((l) => l.type === code),
          `an IP license of type ${code}`,
        );
      // Types only the live service is known to have (real-api.md), and an Imunify360 Clean key.
      for (const [ip, type] of REAL_ONLY_TYPES)
        assert.ok(
          s.ipLicenses.some((l) => l.ip === ip && l.type === type),
          `an IP license of type ${type}`,
        );
      assert.ok(s.imunifyKeys.some((k) => k.code === 'CLEAN'));
      assert.equal(s.dialect, 'real');
      assert.equal(s.status.rhn_queue_full, undefined, 'the live status has no rhn_queue_full');
      assert.ok(s.kcareKeys.length >= 30 && s.kcareKeys.length <= 50);
      assert.equal(s.imunifyKeys.length, 25);
      for (const { code } of ELS_CODES) assert.ok(s.elsKeys.filter((k) => k.code === code).length >= 2, `ELS keys of ${code}`);
      const perKey = (key: string) => s.kcareServers.filter((x) => x.key === key).length;
      assert.ok(
        s.kcareKeys.some((k) => perKey(k.key) === 0),
        'a KernelCare key without servers',
      );
      assert.ok(
        s.imunifyKeys.some((k) => s.imunifyServers.every((x) => x.key !== k.key)),
        'an Imunify key without servers',
      );
      assert.ok(
        s.kcareServers.some((x) => x.lastCheckin === null),
        'a server that never checked in',
      );
      assert.ok(
        s.kcareServers.some((x) => x.lastCheckin && NOW - x.lastCheckin.ms > 30 * DAY_MS),
        'a server silent for 30+ days',
      );
      assert.ok(
        s.kcareServers.some((x) => x.lastCheckin && NOW - x.lastCheckin.ms < DAY_MS),
        'a fresh server',
      );
      assert.ok(s.kcareServers.some((x) => x.kernelState === 'outdated') && s.kcareServers.some((x) => x.kernelState === 'unsupported'));
      assert.ok(s.elsKeys.some((k) => typeof k.description === 'number') && s.elsKeys.some((k) => k.description === null));
      assert.equal(s.backups.length, 10);
      assert.equal(s.groups.length, 8);
      assert.ok(s.foreignLicenses.length >= 20, 'IPs owned by other customers');
      // Twelve months of AWP billing ending at the clock's month; the demo has no hostile entry: it looks like a real account.
      const months = monthsEndingAt('2025-01', 12);
      assert.deepEqual(Object.keys(s.awp), months);
      for (const month of months) {
        assert.ok(s.awp[month].length >= 10 && s.awp[month].length <= 400, `${month}: ${s.awp[month].length} entries`);
        assert.ok(
          s.awp[month].every((e) => !/[<>]/.test(e.primary_domain) && e.username !== 'mallory'),
          month,
        );
      }
      // Security tests ask for the hostile entry: then it is in the current month only, in place of a row.
      const hostile = await startSimulator({ now: clock, hostile: true });
      try {
        for (const month of months) {
          assert.equal(
            hostile.state.awp[month].some((e) => e.primary_domain === HOSTILE_DOMAIN),
            month === '2025-01',
            month,
          );
          assert.equal(hostile.state.awp[month].length, s.awp[month].length, month);
        }
      } finally {
        await hostile.close();
      }
      const all = Object.values(s.awp).flat();
      assert.ok(all.some((e) => e.username === null));
      assert.ok(new Set(Object.values(s.awp).map((m) => m.length)).size > 3, 'months differ in size');
      const tiers = new Set(all.filter((e) => e.product === 'AWP_CDN').map((e) => e.cdn_limit_type));
      for (const tier of ['50 GB', '100 GB', '1 TB']) assert.ok(tiers.has(tier), tier);
      assert.ok(all.filter((e) => e.product === 'AWP_PREMIUM').every((e) => e.cdn_limit_type === undefined));
    } finally {
      await sim.close();
    }
  });

  it("the 'large' account has the promised counts and starts in under 2 s", async () => {
    const started = Date.now();
    const sim = await startSimulator({ size: 'large', now: clock });
    const elapsed = Date.now() - started;
    try {
      assert.ok(elapsed < 2_000, `took ${elapsed} ms`);
      const s = sim.state;
      assert.equal(s.ipLicenses.length, 10_000);
      assert.equal(s.kcareKeys.length, 2_000);
      assert.equal(s.kcareServers.length, 2_000 * 20);
      assert.equal(s.imunifyKeys.length, 1_000);
      assert.equal(s.imunifyServers.length, 1_000 * 20);
      assert.equal(s.groups.length, 200);
      assert.deepEqual(Object.keys(s.awp), monthsEndingAt('2025-01', 12));
      for (const entries of Object.values(s.awp)) assert.equal(entries.length, 5_000);
      assert.equal(new Set(s.kcareServers.map((x) => x.serverId)).size, s.kcareServers.length, 'server ids are unique');
      // And it answers a full list.
      const list = await raw(sim, '/ipl/list.json');
      assert.equal(list.json().data.length, 10_000);
    } finally {
      await sim.close();
    }
  });

  it('a partial size overrides the demo size', async () => {
    const sim = await startSimulator({ size: { kcareKeys: 4, kcareServersPerKey: 2, ipLicenses: 0 }, now: clock });
    try {
      assert.equal(sim.state.kcareKeys.length, 4);
      assert.equal(sim.state.kcareServers.length, 8);
      assert.equal(sim.state.ipLicenses.length, 0);
      assert.equal(sim.state.imunifyKeys.length, SIZES.demo.imunifyKeys);
    } finally {
      await sim.close();
    }
  });
});

describe('simulator: wire format', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ seed: 5, now: clock });
  });
  afterEach(() => sim.close());

  describe('token', () => {
    const ts = Math.floor(NOW / 1000);
    for (const [offset, accepted] of [
      [0, true],
      [299, true],
      [-299, true],
      [300, true],
      [301, false],
      [-301, false],
      [3_600, false],
    ] as const) {
      it(`a token ${offset} s off the clock is ${accepted ? 'accepted' : 'refused'}`, async () => {
        const answer = await raw(sim, '/group/list.json', { ts: ts + offset });
        assert.equal(answer.status, 200);
        if (accepted) assert.equal(answer.json().success, true);
        else assert.deepEqual(answer.json(), AUTH_FAILED);
        assert.equal(sim.requests[0].auth?.valid, accepted);
        if (!accepted) assert.equal(sim.requests[0].auth?.reason, 'expired');
      });
    }

    it('tokenWindowSeconds narrows the window', async () => {
      const narrow = await startSimulator({ seed: 5, now: clock, tokenWindowSeconds: 60 });
      try {
        assert.equal((await raw(narrow, '/group/list.json', { ts: ts + 60 })).json().success, true);
        assert.deepEqual((await raw(narrow, '/group/list.json', { ts: ts + 61 })).json(), AUTH_FAILED);
      } finally {
        await narrow.close();
      }
    });

    it('a wrong login, a wrong digest, a garbled or missing token fail the same way, with a Date header', async () => {
      const good = makeToken(sim.credentials, NOW);
      const cases: [string | false, string][] = [
        [makeToken({ login: 'someone-else', secretKey: sim.credentials.secretKey }, NOW), 'login'],
        [makeToken({ login: sim.credentials.login, secretKey: 'wrong' }, NOW), 'digest'],
        [good.replace(/\|[0-9a-f]{40}$/, '|xyz'), 'malformed'],
        [false, 'missing'],
      ];
      for (const [token, reason] of cases) {
        sim.resetLog();
        const answer = await raw(sim, '/ipl/list.json', { token });
        assert.equal(answer.status, 200, reason);
        assert.deepEqual(answer.json(), AUTH_FAILED, reason);
        assert.equal(answer.headers.get('date'), new Date(NOW).toUTCString());
        assert.equal(sim.requests[0].auth?.reason, reason);
        assert.equal(sim.requests[0].auth?.valid, false);
      }
    });

    it('nagios-res checks the login and the static API security token in the path, answering errors as plain text', async () => {
      const ok = await raw(sim, `/kcare/nagios-res/${sim.credentials.login}/${sim.apiToken}`, { token: false });
      assert.equal(ok.status, 200);
      assert.match(ok.text, /^uptodate=\d+;outofdate=\d+;unsupported=\d+;inactive=\d+\n$/);
      assert.equal(sim.requests[0].path, `/kcare/nagios-res/${sim.credentials.login}/<redacted>`);
      const wrongLogin = await raw(sim, `/kcare/nagios-res/other/${sim.apiToken}`, { token: false });
      assert.deepEqual([wrongLogin.status, wrongLogin.text], [200, 'Reseller not found']);
      // The per-request token is not the API security token.
      const perRequest = makeToken(sim.credentials, NOW);
      const wrongToken = await raw(sim, `/kcare/nagios-res/${sim.credentials.login}/${encodeURIComponent(perRequest)}`, { token: false });
      assert.deepEqual([wrongToken.status, wrongToken.text], [200, `Registration token not found for reseller ${sim.credentials.login}`]);
      assert.ok(sim.requests.every((r) => !r.path.includes(sim.apiToken)));
    });

    it('status, Nagios key checks and register_key need no token', async () => {
      assert.equal((await raw(sim, '/status.json', { token: false })).json().success, true);
      assert.match((await raw(sim, '/status.plain', { token: false })).text, /^success:true\n/);
      const withServers = sim.state.kcareKeys.find((k) => sim.state.kcareServers.some((s) => s.key === k.key))!;
      assert.match((await raw(sim, `/kcare/nagios/${withServers.key}`, { token: false })).text, /\|uptodate=\d+;outofdate=\d+;unsupported=\d+;inactive=\d+\n/);
      assert.equal((await raw(sim, `/kcare/patchset.json?key=${withServers.key}`, { token: false })).status, 200);
      assert.equal((await raw(sim, '/kcare/nagios/register_key.plain?key=AbcdefghIJKLMNOP1234', { token: false })).text, 'success:true code:0\n');
    });
  });

  describe('status', () => {
    it('status.json: the envelope with the live fields from state.status (seven flags, rhn_queue_rejects, acronis)', async () => {
      sim.state.status.rhn_overloaded = true;
      sim.state.status.db_clweb_online = false;
      const body = (await raw(sim, '/status.json', { token: false })).json();
      assert.deepEqual(Object.keys(body), ['success', 'message', 'type', 'data']);
      assert.equal(body.success, true);
      assert.deepEqual(Object.keys(body.data), [...STATUS_FLAGS.map((f) => f.flag).filter((f) => f !== 'rhn_queue_full'), 'rhn_queue_rejects', 'acronis']);
      assert.equal(body.data.rhn_queue_rejects, 0);
      assert.deepEqual(body.data.acronis[0], { dc_name: 'EU1', status: true });
      assert.equal(body.data.rhn_overloaded, true);
      assert.equal(body.data.db_clweb_online, false);
      assert.equal(body.data.xmlrpc, true);
    });

    it('status.plain: success:true, then one flag:value line per flag', async () => {
      sim.state.status.ip_server_reg = false;
      const answer = await raw(sim, '/status.plain', { token: false });
      assert.match(answer.headers.get('content-type') ?? '', /^text\/plain/);
      assert.equal(
        answer.text,
        [
          'success:true',
          'db_clweb_connected:true',
          'db_clweb_online:true',
          'db_rhn_connected:true',
          'db_rhn_online:true',
          'rhn_overloaded:false',
          'xmlrpc:true',
          'ip_server_reg:false',
          'rhn_queue_rejects:0',
          '',
        ].join('\n'),
      );
      const parsed = parsePlain(answer.text, 'status.plain');
      assert.equal(parsed.success, true);
      assert.equal(parsed.fields.ip_server_reg, 'false');
    });
  });

  describe('routing and arguments', () => {
    it('an unknown path is a 404 JSON envelope, inside and outside /api', async () => {
      for (const path of ['/nope.json', '/ipl/nothing.json']) {
        const answer = await raw(sim, path);
        assert.equal(answer.status, 404);
        assert.equal(answer.json().success, false);
        assert.match(answer.json().message, /Not found: \/api\//);
      }
      const outside = await fetch(sim.url.replace(/\/api$/, '/status.json'));
      assert.equal(outside.status, 404);
      assert.equal(((await outside.json()) as { success: boolean }).success, false);
    });

    it('a wrong method is a 405 naming the right one', async () => {
      const answer = await raw(sim, '/group/create.json?name=x', { method: 'GET' });
      assert.equal(answer.status, 405);
      assert.equal(answer.headers.get('allow'), 'POST');
      assert.match(answer.json().message, /use POST/);
      assert.equal((await raw(sim, '/ipl/list.json', { method: 'DELETE' })).status, 405);
      assert.equal(
        sim.state.groups.some((g) => g.name === 'x'),
        false,
      );
    });

    it('every param of the table decodes to a known kind', () => {
      const kinds: Record<string, string> = {};
      for (const id of ENDPOINT_IDS) {
        for (const [name, spec] of Object.entries(endpointOf(id).params)) kinds[`${id}.${name}`] = kindOf(spec);
      }
      assert.equal(kinds['ipl.register.type'], 'number');
      assert.equal(kinds['ipl.register.els_allowed'], 'flag');
      assert.equal(kinds['ipl.register.ip'], 'text');
      assert.equal(kinds['ipl.server.ip'], 'list');
      assert.equal(kinds['group.servers.put.server_ids'], 'list');
      assert.equal(kinds['awp.billing.products'], 'list');
      assert.equal(kinds['ab.resize.delta'], 'number');
      assert.equal(kinds['kcare.nagios.key.key'], 'text');
      assert.ok(Object.values(kinds).every((k) => ['text', 'number', 'flag', 'list'].includes(k)));
      // Each list-kind param really validates a list, and each text param text.
      for (const id of ENDPOINT_IDS) {
        for (const [name, spec] of Object.entries(endpointOf(id).params)) {
          if (kinds[`${id}.${name}`] === 'list') assert.notEqual(spec.validate('x' as never), undefined, `${id}.${name} takes a list`);
        }
      }
    });

    it('bad or missing arguments: success:false naming the argument; nothing changes', async () => {
      const missing = (await raw(sim, '/ipl/register.json?ip=192.0.2.5')).json();
      assert.equal(missing.success, false);
      assert.match(missing.message, /Missing required parameter "type"/);
      const badType = (await raw(sim, '/ipl/register.json?ip=192.0.2.5&type=abc')).json();
      assert.match(badType.message, /Invalid value of parameter "type": expected a number/);
      const badIp = (await raw(sim, '/ipl/register.json?ip=999.1.1.1&type=1')).json();
      assert.match(badIp.message, /"999.1.1.1" is not a valid IPv4 or IPv6 address/);
      const badSize = (await raw(sim, '/ab/im/create.json?server_id=x&size=15&datacenter=EU1')).json();
      assert.match(badSize.message, /parameter "size": The backup size is in GB, a positive multiple of 10/);
      assert.equal(
        sim.state.ipLicenses.some((l) => l.ip === '192.0.2.5'),
        false,
      );
      assert.deepEqual(sim.mutationCounts, {});
    });

    it('booleans as true/false/1/0; comma lists; the ELS productType alias', async () => {
      const one = (await raw(sim, '/ipl/register.json?ip=192.0.2.5&type=1&els_allowed=1')).json();
      assert.equal(one.success, true);
      assert.equal(sim.state.ipLicenses.find((l) => l.ip === '192.0.2.5')?.elsAllowed, true);
      assert.equal((await raw(sim, '/ipl/update.json?ip=192.0.2.5&els_allowed=0')).json().data, true);
      assert.equal(sim.state.ipLicenses.find((l) => l.ip === '192.0.2.5')?.elsAllowed, false);
      assert.match((await raw(sim, '/ipl/update.json?ip=192.0.2.5&els_allowed=maybe')).json().message, /expected true or false/);
      const ips = sim.state.ipLicenses.slice(0, 3).map((l) => l.ip);
      const servers = (await raw(sim, `/ipl/server.json?ip=${ips.join(',')}`)).json().data;
      assert.deepEqual([...new Set(servers.map((x: { ip: string }) => x.ip))].sort(), [...new Set(ips)].sort());
      const byCode = (await raw(sim, '/els/key/list.json?code=CELS7%2BSLA')).json().data;
      const byProductType = (await raw(sim, '/els/key/list.json?productType=CELS7%2BSLA')).json().data;
      assert.ok(byCode.length > 0);
      assert.deepEqual(byProductType, byCode);
      assert.ok(byCode.every((k: { productCode: string }) => k.productCode === 'CELS7+SLA'));
      const servers2 = (await raw(sim, '/els/srv/list.json?productType=CELS')).json().data;
      assert.deepEqual(servers2, (await raw(sim, '/els/srv/list.json?code=CELS')).json().data);
    });

    it('set_cidr answers codes 0, 1 (bad address) and 2 (bad prefix)', async () => {
      const key = sim.state.kcareKeys[0].key;
      const code = async (cidr: string) => (await raw(sim, `/kcare/key/set_cidr.json?key=${key}&cidr=${encodeURIComponent(cidr)}`)).json().data.code;
      assert.equal(await code('10.0.0.0/8 192.0.2.0/24'), 0);
      assert.equal(await code('10.0.0.300/8'), 1);
      assert.equal(await code('10.0.0.0/33'), 2);
      assert.equal(await code('10.0.0.0'), 2);
      assert.equal(await code('2001:db8::/129'), 2);
      assert.deepEqual(sim.state.kcareKeys[0].cidr, ['10.0.0.0/8', '192.0.2.0/24']);
      assert.equal((await raw(sim, '/kcare/key/set_cidr.json?key=nope&cidr=10.0.0.0/8')).json().message, 'Key not found');
    });

    it('register_key.plain answers code 1 for a malformed key', async () => {
      for (const key of ['short', 'has_underscore_0123456', 'x'.repeat(33)]) {
        assert.equal((await raw(sim, `/kcare/nagios/register_key.plain?key=${key}`, { token: false })).text, 'success:true code:1\n', key);
      }
      assert.deepEqual(sim.state.monitoringKeys, []);
      assert.equal((await raw(sim, '/kcare/nagios/register_key.plain', { token: false })).text, 'success:false message:Missing required parameter "key"\n');
    });
  });

  describe('CLN quirks on the wire', () => {
    it('Imunify key lists: integers and a nullable note live, numbers as strings in the reference dialect; ELS usageLimit as a string, description as number or null', async () => {
      const im = (await raw(sim, '/im/key/list.json')).json().data;
      assert.ok(im.every((k: Record<string, unknown>) => Number.isInteger(k.limit) && Number.isInteger(k.servers) && Number.isInteger(k.type) && 'note' in k));
      assert.ok(im.some((k: Record<string, unknown>) => k.servers === 0 && k.note === null));
      sim.state.dialect = 'reference';
      const old = (await raw(sim, '/im/key/list.json')).json().data;
      assert.ok(old.every((k: Record<string, unknown>) => typeof k.limit === 'string' && typeof k.servers === 'string' && !('type' in k)));
      assert.ok(old.some((k: Record<string, unknown>) => k.servers === '0'));
      sim.state.dialect = 'real';
      const els = (await raw(sim, '/els/key/list.json?code=CELS')).json().data;
      assert.ok(els.every((k: Record<string, unknown>) => typeof k.usageLimit === 'string' && typeof k.productCode === 'string'));
      assert.equal(typeof els[0].description, 'number');
      assert.equal(els[1].description, null);
    });

    it('dates as yyyy-MM-ddTHH:mm±hhmm with various offsets, parsed to the seeded instant', async () => {
      const keys = (await raw(sim, '/kcare/key/list.json')).json().data as { key: string; created: string }[];
      assert.ok(
        keys.every((k) => CLN_DATE_TEXT.test(k.created)),
        keys[0].created,
      );
      const offsets = new Set(keys.map((k) => k.created.slice(-5)));
      assert.ok(offsets.size >= 3, [...offsets].join(' '));
      keys.forEach((k, i) => assert.equal(parseClnDate(k.created)?.getTime(), sim.state.kcareKeys[i].created.ms));
    });

    it('KernelCare srv/remove of an unknown server: success, data null, "Server not found"', async () => {
      assert.deepEqual((await raw(sim, '/kcare/srv/remove.json?server_id=ghost')).json(), { success: true, message: 'Server not found', type: null, data: null });
    });

    it('AWP answers a bare list, not an envelope', async () => {
      const answer = await raw(sim, '/cl/awp?products=AWP_CDN&yearMonth=2024-11');
      const body = answer.json();
      assert.ok(Array.isArray(body));
      assert.ok(body.length > 0);
      assert.ok(body.every((e: Record<string, unknown>) => e.product === 'AWP_CDN' && typeof e.cdn_limit_type === 'string'));
    });

    it('Nagios reports, live form: counts, one line per out-of-date server, plain-text errors', async () => {
      const key = sim.state.kcareKeys.find((k) => sim.state.kcareServers.some((s) => s.key === k.key && s.kernelState === 'outdated'))!;
      const servers = sim.state.kcareServers.filter((s) => s.key === key.key);
      for (const s of servers) s.lastCheckin = { ms: NOW - 3_600_000, offset: 0 };
      const outdated = servers.filter((s) => s.kernelState === 'outdated');
      const text = (await raw(sim, `/kcare/nagios/${key.key}`, { token: false })).text;
      const n = outdated.length;
      assert.equal(
        text,
        [
          `${n} machine${n === 1 ? ' is' : 's are'} OUTOFDATE!|uptodate=${servers.filter((s) => s.kernelState === 'ok').length};outofdate=${n};unsupported=${servers.filter((s) => s.kernelState === 'unsupported').length};inactive=0`,
          ...outdated.map((s) => `${s.hostname} (${s.ip}) is OUTOFDATE`),
          '',
        ].join('\n'),
      );
      assert.deepEqual(
        parseNagios(text, 'nagios').outOfDate,
        outdated.map((s) => `${s.hostname} (${s.ip})`),
      );
      const unknown = await raw(sim, '/kcare/nagios/UnknownKey0000', { token: false });
      assert.deepEqual([unknown.status, unknown.text], [200, 'Servers not found for key UnknownKey0000\n']);
      for (const s of servers) s.kernelState = 'ok';
      assert.match(
        (await raw(sim, `/kcare/nagios/${key.key}`, { token: false })).text,
        new RegExp(`^All machines are up to date\\|uptodate=${servers.length};outofdate=0;unsupported=0;inactive=0\\n$`),
      );
    });

    it('Nagios reports, reference dialect: parse with parseNagios and name the servers needing attention', async () => {
      sim.state.dialect = 'reference';
      const key = sim.state.kcareKeys.find((k) => sim.state.kcareServers.some((s) => s.key === k.key && s.kernelState === 'unsupported'));
      assert.ok(key);
      const text = (await raw(sim, `/kcare/nagios/${key.key}`, { token: false })).text;
      assert.match(text, /^KernelCare CRITICAL - \d+ of \d+ servers need attention\n/);
      const parsed = parseNagios(text, 'nagios');
      const bad = sim.state.kcareServers.find((s) => s.key === key.key && s.kernelState === 'unsupported')!;
      assert.ok(parsed.unsupported.includes(`${bad.serverId} (${bad.ip})`));
      assert.equal((await raw(sim, '/kcare/nagios/UnknownKey0000', { token: false })).text, 'KernelCare UNKNOWN - key not found\n');
      // Only inactive servers: WARNING.
      const only = sim.state.kcareServers.filter((s) => s.key === key.key);
      for (const s of only) {
        s.kernelState = 'ok';
        s.lastCheckin = null;
      }
      const warning = parseNagios((await raw(sim, `/kcare/nagios/${key.key}`, { token: false })).text, 'nagios');
      assert.equal(warning.state, 'WARNING');
      assert.equal(warning.inactive.length, only.length);
      for (const s of only) s.lastCheckin = { ms: NOW - 3_600_000, offset: 0 };
      assert.equal((await raw(sim, `/kcare/nagios/${key.key}`, { token: false })).text, 'KernelCare OK - all servers are up to date!\n');
    });

    it('every answer carries a Date header from the simulator clock', async () => {
      for (const path of ['/status.json', '/ipl/list.json', '/nope']) {
        assert.equal((await raw(sim, path)).headers.get('date'), 'Mon, 20 Jan 2025 08:15:00 GMT', path);
      }
    });
  });

  describe('log, latency, close', () => {
    it('logs every request with its query minus the token; resetLog empties it', async () => {
      await raw(sim, '/ipl/check.json?ip=192.0.2.1');
      await raw(sim, '/nope');
      assert.equal(sim.requests.length, 2);
      assert.deepEqual(sim.requests[0], {
        method: 'GET',
        path: '/ipl/check.json',
        query: { ip: '192.0.2.1' },
        endpointId: 'ipl.check',
        auth: { wellFormed: true, login: sim.credentials.login, timestamp: Math.floor(NOW / 1000), valid: true },
        status: 200,
        at: NOW,
      });
      assert.equal(sim.requests[1].endpointId, undefined);
      assert.equal(sim.requests[1].status, 404);
      sim.resetLog();
      assert.equal(sim.requests.length, 0);
    });

    it('setLatency delays every answer', async () => {
      sim.setLatency(400);
      const started = Date.now();
      await raw(sim, '/status.json', { token: false });
      assert.ok(Date.now() - started >= 390, `${Date.now() - started} ms`);
      sim.setLatency(0);
      const again = Date.now();
      await raw(sim, '/status.json', { token: false });
      assert.ok(Date.now() - again < 390, `${Date.now() - again} ms`);
    });

    it('answers a read `latency` after it arrived, with the account as it was then; a change takes effect once the latency has passed', async () => {
      // The latency is the whole wait a client sees: the simulator's own work (writing a long list) is not added to it.
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const ip = '192.0.2.77';
      const held = () => sim.state.ipLicenses.filter((l) => l.ip === ip).length;
      await raw(sim, `/ipl/register.json?ip=${ip}&type=1`);
      const before = sim.state.ipLicenses.length;
      sim.setLatency(400);
      try {
        const removal = raw(sim, `/ipl/remove.json?ip=${ip}&type=1`);
        await wait(150);
        const started = Date.now();
        const read = raw(sim, '/ipl/list.json');
        await wait(150);
        assert.equal(held(), 1, 'the removal waits out the latency before it changes anything');
        assert.equal((await removal).json().success, true);
        assert.equal(held(), 0, 'removed once its latency passed');
        // The read arrived before the removal took effect, and is answered after it.
        const listed = (await read).json().data as { ip: string }[];
        assert.ok(Date.now() - started >= 390, `${Date.now() - started} ms`);
        assert.equal(listed.length, before);
        assert.ok(
          listed.some((l) => l.ip === ip),
          'the read answers what the account held when it arrived',
        );
      } finally {
        sim.setLatency(0);
      }
    });

    it('close() does not wait for answers held back by a latency fault', async () => {
      sim.faults.set('status.json', { kind: 'latency', ms: 60_000 });
      const pending = raw(sim, '/status.json', { token: false }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      await sim.close();
      assert.ok(Date.now() - started < 1_000);
      assert.ok((await pending) instanceof Error, 'the held request ends with a connection error');
    });
  });
});
