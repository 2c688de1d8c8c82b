/**
 * One test per endpoint of the table, through the real client against the
 * simulator over loopback HTTP: what the simulator received (method, path,
 * query, a valid token) and what the client decoded (concrete values and
 * types), and for changes the new state as a following read shows it.
 * A new endpoint without a case here fails the coverage test.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { ArgsOf, ENDPOINT_IDS, EndpointId, endpointOf, ResultOf } from '../../src/cln/endpoints';
import { ClnError } from '../../src/cln/errors';
import { HOSTILE_DOMAIN, isInactive, SimDate, Simulator, startSimulator } from '../../src/sim';

/** A fixed clock for both sides: the seeded account and the tokens are the same on every run. */
const NOW = Date.UTC(2025, 5, 15, 10, 30);
const clock = () => NOW;
const MONTH = '2025-06';

interface Case<K extends EndpointId> {
  /** Changes to the seeded state before the call. */
  setup?(sim: Simulator): void;
  args(sim: Simulator): ArgsOf<K>;
  /** The query the simulator must receive, token aside. */
  query(args: ArgsOf<K>): Record<string, string>;
  /** The JSON body the simulator must receive (API v2 feature changes); default none. */
  body?(args: ArgsOf<K>): unknown;
  /** The path below the API root; default the table's path. */
  path?(args: ArgsOf<K>, sim: Simulator): string;
  check(result: ResultOf<K>, t: { sim: Simulator; client: ClnClient; args: ArgsOf<K> }): void | Promise<void>;
}

const date = (d: SimDate | null) => (d ? new Date(d.ms) : null);

/** Asserts the call fails with a ClnError of the kind, whose message matches. */
async function rejectsWith(promise: Promise<unknown>, kind: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ClnError, String(error));
    assert.equal(error.kind, kind, error.message);
    assert.match(error.message, message);
    return true;
  });
}

/** The first item matching, failing the test (not passing it vacuously) when there is none. */
function find<T>(items: readonly T[], match: (item: T) => boolean, what: string): T {
  const item = items.find(match);
  assert.ok(item, `the seeded account has no ${what}`);
  return item;
}

const kcareServersOf = (sim: Simulator, key: string) => sim.state.kcareServers.filter((s) => s.key === key);
const imunifyServersOf = (sim: Simulator, key: string) => sim.state.imunifyServers.filter((s) => s.key === key);
const ipsWithOneLicense = (sim: Simulator) => sim.state.ipLicenses.filter((l) => sim.state.ipLicenses.filter((o) => o.ip === l.ip).length === 1);

/** The server the kcare.key.delete case puts into a group before deleting its key. */
let groupedServer = '';

const CASES: { [K in EndpointId]: Case<K> } = {
  // ---- status ------------------------------------------------------------------------------
  'status.json': {
    setup: (sim) => Object.assign(sim.state.status, { rhn_queue_full: true, xmlrpc: false }),
    args: () => ({}),
    query: () => ({}),
    check: async (result, { sim, client }) => {
      assert.equal(result.flags.rhn_queue_full, true);
      assert.equal(result.flags.xmlrpc, false);
      assert.equal(result.flags.db_clweb_online, true);
      assert.equal(result.flags.rhn_overloaded, false);
      assert.deepEqual(result.problems, ['rhn_queue_full', 'xmlrpc']);
      assert.deepEqual(result.missing, []);
      assert.equal(result.queueRejects, 0);
      assert.deepEqual(
        result.datacenters?.map((dc) => dc.name),
        ['EU1', 'EU2', 'US1', 'US2', 'AS1'],
      );
      assert.ok(result.datacenters?.every((dc) => dc.up));
      // The live shape: no rhn_queue_full (not reported, not a problem), a datacenter down.
      delete sim.state.status.rhn_queue_full;
      Object.assign(sim.state.status, { xmlrpc: true, rhn_queue_rejects: 17 });
      sim.state.status.acronis![1].status = false;
      const live = await client.call('status.json', {});
      assert.deepEqual(live.problems, []);
      assert.deepEqual(live.missing, ['rhn_queue_full']);
      assert.equal(live.queueRejects, 17);
      assert.deepEqual(
        live.datacenters?.filter((dc) => !dc.up).map((dc) => dc.name),
        ['EU2'],
      );
    },
  },
  'status.plain': {
    setup: (sim) => Object.assign(sim.state.status, { db_rhn_online: false, rhn_overloaded: true }),
    args: () => ({}),
    query: () => ({}),
    check: (result) => {
      // The simulator speaks the live dialect: seven flags, no rhn_queue_full.
      assert.equal(Object.keys(result.flags).length, 7);
      assert.equal(result.flags.db_rhn_online, false);
      assert.equal(result.flags.ip_server_reg, true);
      assert.deepEqual(result.problems, ['db_rhn_online', 'rhn_overloaded']);
      assert.deepEqual(result.missing, ['rhn_queue_full']);
      assert.equal(result.queueRejects, 0);
    },
  },

  // ---- IP licenses ----------------------------------------------------------------------------
  'ipl.availability': {
    // An IP of ours with a CloudLinux OS license, where another customer holds KernelCare.
    setup: (sim) => {
      const mine = find(ipsWithOneLicense(sim), (l) => l.type === 1, 'IP with only a type-1 license');
      sim.state.foreignLicenses.push({ ip: mine.ip, type: 16 });
    },
    args: (sim) => ({ ip: sim.state.foreignLicenses[sim.state.foreignLicenses.length - 1].ip }),
    query: (args) => ({ ip: args.ip }),
    check: async (result, { client }) => {
      const others = [3, 5003, 5004, 5005, 5011, 5012, 5013, 5014, 5017, 5018, 5019, 5020, 5034, 5035, 7215];
      assert.deepEqual(result, { owned: [1], available: [5, 40, 41, 44, 42, 43, 49, ...others] });
      // An address nobody holds: everything available (type 2 too, which has no name), nothing owned.
      assert.deepEqual(await client.call('ipl.availability', { ip: '192.0.2.1' }), { owned: [], available: [1, 4, 5, 1002, 16, 17, 40, 41, 44, 42, 43, 49, ...others, 2] });
    },
  },
  'ipl.check': {
    args: (sim) => ({ ip: sim.state.foreignLicenses[0].ip }),
    query: (args) => ({ ip: args.ip }),
    check: async (result, { sim, client, args }) => {
      const expected = sim.state.foreignLicenses
        .filter((l) => l.ip === args.ip)
        .map((l) => l.type)
        .sort((a, b) => a - b);
      assert.ok(expected.length > 0);
      assert.deepEqual(result, expected);
      assert.ok(result.every((t) => typeof t === 'number'));
      assert.deepEqual(await client.call('ipl.check', { ip: '192.0.2.1' }), []);
    },
  },
  'ipl.register': {
    args: () => ({ ip: '192.0.2.77', type: 16, els_allowed: true }),
    query: () => ({ ip: '192.0.2.77', type: '16', els_allowed: 'true' }),
    check: async (result, { sim, client }) => {
      assert.deepEqual(result, { ip: '192.0.2.77', type: 16, registered: false, created: new Date(NOW) });
      assert.equal(sim.mutationCounts['ipl.register'], 1);
      const listed = (await client.call('ipl.list', {})).filter((l) => l.ip === '192.0.2.77');
      assert.deepEqual(listed, [result]);
      assert.equal(sim.state.ipLicenses.find((l) => l.ip === '192.0.2.77')?.elsAllowed, true);
      // Registering it again answers the existing license and changes nothing.
      assert.deepEqual(await client.call('ipl.register', { ip: '192.0.2.77', type: 16 }), result);
      assert.equal(sim.mutationCounts['ipl.register'], 1);
    },
  },
  'ipl.convert': {
    args: (sim) => ({ ip: find(sim.state.ipLicenses, (l) => l.type === 41, 'Imunify360 single-user IP license').ip, type: 41, type_to: 43 }),
    query: (args) => ({ ip: args.ip, type: '41', type_to: '43' }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result, true);
      assert.equal(sim.mutationCounts['ipl.convert'], 1);
      const types = (await client.call('ipl.list', {})).filter((l) => l.ip === args.ip).map((l) => l.type);
      assert.ok(types.includes(43) && !types.includes(41), `types now ${types.join(',')}`);
      // Converting a license that is no longer there: false, no change.
      assert.equal(await client.call('ipl.convert', { ip: args.ip, type: 41, type_to: 42 }), false);
      // Only Imunify types convert.
      await rejectsWith(client.call('ipl.convert', { ip: args.ip, type: 1, type_to: 16 }), 'api', /Only Imunify IP licenses can be converted/);
      assert.equal(sim.mutationCounts['ipl.convert'], 1);
    },
  },
  'ipl.remove': {
    args: (sim) => ({ ip: find(sim.state.ipLicenses, (l) => sim.state.ipLicenses.filter((o) => o.ip === l.ip).length === 2, 'IP with two licenses').ip }),
    query: (args) => ({ ip: args.ip }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result, true);
      assert.deepEqual(await client.call('ipl.server', { ip: [args.ip] }), []);
      assert.equal(
        sim.state.ipLicenses.some((l) => l.ip === args.ip),
        false,
      );
      assert.equal(await client.call('ipl.remove', { ip: args.ip }), false);
      assert.equal(sim.mutationCounts['ipl.remove'], 1);
    },
  },
  'ipl.list': {
    args: () => ({}),
    query: () => ({}),
    check: (result, { sim }) => {
      assert.equal(result.length, sim.state.ipLicenses.length);
      assert.equal(result.length, 300);
      result.forEach((license, i) => {
        const s = sim.state.ipLicenses[i];
        assert.deepEqual(license, { ip: s.ip, type: s.type, registered: s.registered, created: new Date(s.created.ms) });
        assert.equal(typeof license.type, 'number');
        assert.ok(license.created instanceof Date);
      });
    },
  },
  'ipl.server': {
    args: (sim) => ({
      ip: [find(ipsWithOneLicense(sim), (l) => l.registered, 'registered IP license').ip, find(ipsWithOneLicense(sim), (l) => !l.registered, 'unregistered IP license').ip, '192.0.2.1'],
    }),
    query: (args) => ({ ip: args.ip.join(',') }),
    check: (result, { sim, args }) => {
      assert.equal(result.length, 2);
      const [registered, unregistered] = args.ip.map((ip) => sim.state.ipLicenses.find((l) => l.ip === ip));
      const first = result.find((r) => r.ip === args.ip[0]);
      assert.deepEqual(first, {
        ip: registered!.ip,
        type: registered!.type,
        registered: true,
        created: new Date(registered!.created.ms),
        serverInfo: registered!.serverInfo,
        lastCheckin: date(registered!.lastCheckin),
      });
      assert.equal(typeof first!.serverInfo, 'string');
      assert.ok(first!.lastCheckin instanceof Date);
      const second = result.find((r) => r.ip === args.ip[1]);
      assert.deepEqual(second, { ip: unregistered!.ip, type: unregistered!.type, registered: false, created: new Date(unregistered!.created.ms), serverInfo: null, lastCheckin: null });
    },
  },
  'ipl.update': {
    args: (sim) => {
      const l = find(sim.state.ipLicenses, (x) => !x.elsAllowed, 'IP license without els_allowed');
      return { ip: l.ip, els_allowed: true, type: l.type };
    },
    query: (args) => ({ ip: args.ip, els_allowed: 'true', type: String(args.type) }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result, true);
      // No read shows els_allowed, so look at the account itself.
      assert.equal(sim.state.ipLicenses.find((l) => l.ip === args.ip && l.type === args.type)?.elsAllowed, true);
      assert.equal(sim.mutationCounts['ipl.update'], 1);
      assert.equal(await client.call('ipl.update', { ip: '192.0.2.200', els_allowed: false }), false);
    },
  },

  // ---- KernelCare ------------------------------------------------------------------------------
  'kcare.key.create': {
    args: () => ({ limit: 5, note: 'made by a test' }),
    query: () => ({ limit: '5', note: 'made by a test' }),
    check: async (result, { sim, client }) => {
      assert.match(result, /^[A-Za-z0-9]{16}$/);
      const listed = (await client.call('kcare.key.list', {})).find((k) => k.key === result);
      assert.deepEqual(listed, { key: result, enabled: true, created: new Date(NOW), limit: 5, note: 'made by a test' });
      assert.deepEqual(await client.call('kcare.key.servers', { key: result }), []);
      assert.equal(sim.mutationCounts['kcare.key.create'], 1);
    },
  },
  'kcare.key.delete': {
    setup: (sim) => {
      // Put one of the key's servers into a group, to see the group forget it.
      const key = find(sim.state.kcareKeys, (k) => kcareServersOf(sim, k.key).length > 0, 'KernelCare key with servers');
      groupedServer = kcareServersOf(sim, key.key)[0].serverId;
      sim.state.groups[0].serverIds.push(groupedServer);
    },
    args: (sim) => ({ key: find(sim.state.kcareKeys, (k) => kcareServersOf(sim, k.key).length > 0, 'KernelCare key with servers').key }),
    query: (args) => ({ key: args.key }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result, true);
      assert.equal(
        (await client.call('kcare.key.list', {})).some((k) => k.key === args.key),
        false,
      );
      assert.equal(kcareServersOf(sim, args.key).length, 0);
      assert.equal(sim.state.groups[0].serverIds.includes(groupedServer), false, 'the group forgot the deleted server');
      assert.equal(sim.state.groups[0].serverIds.length, 6);
      assert.equal(await client.call('kcare.key.delete', { key: args.key }), false);
      assert.equal(sim.mutationCounts['kcare.key.delete'], 1);
    },
  },
  'kcare.key.list': {
    args: () => ({}),
    query: () => ({}),
    check: (result, { sim }) => {
      assert.equal(result.length, 40);
      assert.deepEqual(
        result,
        sim.state.kcareKeys.map((k) => ({ key: k.key, enabled: k.enabled, created: new Date(k.created.ms), limit: k.limit, note: k.note })),
      );
      assert.ok(result.some((k) => k.note === null) && result.some((k) => typeof k.note === 'string'));
      assert.ok(
        result.some((k) => k.limit === 0),
        'an unlimited key',
      );
    },
  },
  'kcare.key.servers': {
    // The key of the account's first server, which never checked in.
    args: (sim) => ({ key: sim.state.kcareServers[0].key }),
    query: (args) => ({ key: args.key }),
    check: (result, { sim, args }) => {
      const expected = kcareServersOf(sim, args.key);
      assert.ok(expected.length > 0);
      assert.deepEqual(
        result,
        expected.map((s) => ({ serverId: s.serverId, key: args.key, ip: s.ip, created: new Date(s.created.ms), lastCheckin: date(s.lastCheckin) })),
      );
      assert.equal(result[0].lastCheckin, null, 'the never-checked-in server');
      assert.ok(result.every((s) => s.created instanceof Date));
    },
  },
  'kcare.key.setCidr': {
    args: (sim) => ({ key: sim.state.kcareKeys[1].key, cidr: '192.0.2.0/24, 198.51.100.0/25;2001:db8::/32' }),
    query: (args) => ({ key: args.key, cidr: '192.0.2.0/24, 198.51.100.0/25;2001:db8::/32' }),
    check: (result, { sim, args }) => {
      assert.deepEqual(result, { code: 0, ok: true, meaning: 'all ranges were set' });
      assert.deepEqual(sim.state.kcareKeys.find((k) => k.key === args.key)?.cidr, ['192.0.2.0/24', '198.51.100.0/25', '2001:db8::/32']);
      assert.equal(sim.mutationCounts['kcare.key.setCidr'], 1);
    },
  },
  'kcare.srv.remove': {
    args: (sim) => ({ server_id: sim.state.kcareServers[5].serverId }),
    query: (args) => ({ server_id: args.server_id }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result.notice, null);
      assert.equal(result.removed?.id, args.server_id);
      assert.equal(typeof result.removed?.key, 'string');
      const servers = await client.call('kcare.key.servers', { key: result.removed!.key! });
      assert.equal(
        servers.some((s) => s.serverId === args.server_id),
        false,
      );
      // Removing it again: success with no data and CLN's notice.
      assert.deepEqual(await client.call('kcare.srv.remove', { server_id: args.server_id }), { removed: null, notice: 'Server not found' });
      assert.equal(sim.mutationCounts['kcare.srv.remove'], 1);
    },
  },
  'kcare.nagios.registerKey': {
    args: () => ({ key: 'MonitorKey0123456789' }),
    query: () => ({ key: 'MonitorKey0123456789' }),
    check: async (result, { sim, client }) => {
      assert.deepEqual(result, { code: 0, ok: true, meaning: 'the monitoring key was registered' });
      assert.deepEqual(sim.state.monitoringKeys, ['MonitorKey0123456789']);
      // Without any KernelCare IP license: code 2.
      sim.state.ipLicenses.splice(0, sim.state.ipLicenses.length, ...sim.state.ipLicenses.filter((l) => l.type !== 16 && l.type !== 17));
      assert.deepEqual(await client.call('kcare.nagios.registerKey', { key: 'OtherMonitorKey0123' }), {
        code: 2,
        ok: false,
        meaning: 'no KernelCare IP license is available for this IP',
      });
      assert.equal(sim.mutationCounts['kcare.nagios.registerKey'], 1);
    },
  },
  'kcare.nagios.key': {
    args: (sim) => ({ key: find(sim.state.kcareKeys, (k) => kcareServersOf(sim, k.key).some((s) => s.kernelState === 'outdated' && !isInactive(s, NOW)), 'key with an outdated server').key }),
    query: () => ({}),
    path: (args) => `/kcare/nagios/${args.key}`,
    check: async (result, { sim, client, args }) => {
      // The live form: performance data, then one "host (ip) is OUTOFDATE" line per out-of-date server.
      const servers = kcareServersOf(sim, args.key);
      const inactive = servers.filter((s) => isInactive(s, NOW));
      const active = servers.filter((s) => !isInactive(s, NOW));
      const outdated = active.filter((s) => s.kernelState === 'outdated');
      const unsupported = active.filter((s) => s.kernelState === 'unsupported');
      const n = outdated.length;
      assert.deepEqual(result, {
        state: 'CRITICAL',
        summary: `${n} machine${n === 1 ? ' is' : 's are'} OUTOFDATE!`,
        counts: { upToDate: active.length - n - unsupported.length, outOfDate: n, unsupported: unsupported.length, inactive: inactive.length },
        outOfDate: outdated.map((s) => `${s.hostname} (${s.ip})`),
        unsupported: [],
        inactive: [],
        servers: outdated.map((s) => ({ host: s.hostname, ip: s.ip, state: 'outOfDate', stateText: 'OUTOFDATE' })),
      });
      // A key without servers: CLN's plain-text answer is the error the user sees.
      const empty = find(sim.state.kcareKeys, (k) => kcareServersOf(sim, k.key).length === 0, 'key without servers');
      await rejectsWith(client.call('kcare.nagios.key', { key: empty.key }), 'api', new RegExp(`^CLN could not check the KernelCare servers of a key: Servers not found for key ${empty.key}\\.$`));
      // The reference's form stays readable.
      sim.state.dialect = 'reference';
      const label = (s: (typeof servers)[number]) => `${s.serverId} (${s.ip})`;
      const old = await client.call('kcare.nagios.key', { key: args.key });
      assert.equal(old.state, 'CRITICAL');
      assert.equal(old.counts, null);
      assert.deepEqual(old.outOfDate, servers.filter((s) => s.kernelState === 'outdated').map(label));
      assert.deepEqual(old.inactive, inactive.map(label));
      assert.deepEqual(await client.call('kcare.nagios.key', { key: empty.key }), {
        state: 'OK',
        summary: 'all servers are up to date!',
        counts: null,
        outOfDate: [],
        unsupported: [],
        inactive: [],
        servers: [],
      });
      sim.state.dialect = 'real';
    },
  },
  'kcare.nagios.reseller': {
    args: (sim) => ({ login: sim.credentials.login, token: sim.apiToken }),
    query: () => ({}),
    path: (_args, sim) => `/kcare/nagios-res/${sim.credentials.login}/<redacted>`,
    check: async (result, { sim, client }) => {
      // The live reseller answer is the performance data alone.
      const all = sim.state.kcareServers;
      const active = all.filter((s) => !isInactive(s, NOW));
      const outOfDate = active.filter((s) => s.kernelState === 'outdated').length;
      const unsupported = active.filter((s) => s.kernelState === 'unsupported').length;
      assert.deepEqual(result, {
        state: 'CRITICAL',
        summary: '',
        counts: { upToDate: active.length - outOfDate - unsupported, outOfDate, unsupported, inactive: all.length - active.length },
        outOfDate: [],
        unsupported: [],
        inactive: [],
        servers: [],
      });
      // The static API security token, not the per-request token: a wrong one is refused in CLN's words.
      await rejectsWith(client.call('kcare.nagios.reseller', { login: sim.credentials.login, token: 'NotTheApiToken0000' }), 'api', /: Registration token not found for reseller demo-reseller\.$/);
      await rejectsWith(client.call('kcare.nagios.reseller', { login: 'someone-else', token: sim.apiToken }), 'api', /: Reseller not found\.$/);
      assert.ok(
        sim.requests.every((r) => !r.path.includes(sim.apiToken)),
        'the simulator log keeps no API token',
      );
    },
  },
  'kcare.patchset': {
    args: (sim) => ({ key: find(sim.state.kcareKeys, (k) => kcareServersOf(sim, k.key).length > 1, 'key with servers').key }),
    query: (args) => ({ key: args.key }),
    check: async (result, { sim, client, args }) => {
      const servers = kcareServersOf(sim, args.key);
      assert.equal(result.length, servers.length);
      result.forEach((level, i) => {
        assert.equal(level.host, servers[i].hostname);
        assert.equal(level.ip, servers[i].ip);
        assert.match(level.kernelId ?? '', /^[0-9a-f]{40}$/);
        assert.ok(Number.isInteger(level.patchLevel) && level.patchLevel! > 0);
      });
      // A key CLN has no patch set for answers 404.
      sim.state.patchsetUnavailable.push(args.key);
      await rejectsWith(client.call('kcare.patchset', { key: args.key }), 'http', /HTTP 404/);
    },
  },

  // ---- Imunify ------------------------------------------------------------------------------
  'im.key.create': {
    args: () => ({ code: '360_30', limit: 10, note: 'test key' }),
    query: () => ({ code: '360_30', limit: '10', note: 'test key' }),
    check: async (result, { sim, client }) => {
      assert.match(result.key, /^IM[A-Z0-9]{18}$/);
      assert.deepEqual(result, { key: result.key, code: '360_30', limit: 10, servers: null, note: 'test key', type: null });
      const listed = (await client.call('im.key.list', {})).find((k) => k.key === result.key);
      assert.deepEqual(listed, { key: result.key, code: '360_30', limit: 10, servers: 0, note: 'test key', type: 42 });
      assert.equal(sim.mutationCounts['im.key.create'], 1);
    },
  },
  'im.key.update': {
    args: (sim) => ({ key: find(sim.state.imunifyKeys, (k) => imunifyServersOf(sim, k.key).length > 0, 'Imunify key with servers').key, limit: 50, note: 'renamed', servers: 3 }),
    query: (args) => ({ key: args.key, limit: '50', note: 'renamed', servers: '3' }),
    check: async (result, { sim, client, args }) => {
      const code = sim.state.imunifyKeys.find((k) => k.key === args.key)!.code;
      assert.deepEqual(result, { key: args.key, code, limit: 50, servers: 3, note: 'renamed', type: result.type });
      assert.equal(typeof result.type, 'number', 'the live dialect sends the integer type');
      assert.deepEqual(
        (await client.call('im.key.list', {})).find((k) => k.key === args.key),
        result,
      );
      assert.equal(sim.mutationCounts['im.key.update'], 1);
    },
  },
  'im.key.remove': {
    args: (sim) => ({ key: find(sim.state.imunifyKeys, (k) => imunifyServersOf(sim, k.key).length > 1, 'Imunify key with servers').key }),
    query: (args) => ({ key: args.key }),
    check: async (result, { sim, client, args }) => {
      assert.ok(result.length > 1);
      assert.ok(result.every((r) => r.key === args.key && typeof r.id === 'string'));
      assert.equal(imunifyServersOf(sim, args.key).length, 0);
      assert.ok(result.every((r) => !sim.state.imunifyServers.some((s) => s.id === r.id)));
      assert.equal(
        (await client.call('im.key.list', {})).some((k) => k.key === args.key),
        false,
      );
      await rejectsWith(client.call('im.key.remove', { key: args.key }), 'api', /Key not found/);
      assert.equal(sim.mutationCounts['im.key.remove'], 1);
    },
  },
  'im.key.list': {
    args: () => ({}),
    query: () => ({}),
    check: async (result, { sim, client }) => {
      assert.equal(result.length, 25);
      assert.deepEqual(
        result,
        sim.state.imunifyKeys.map((k) => ({ key: k.key, code: k.code, limit: k.limit, servers: imunifyServersOf(sim, k.key).length, note: k.note, type: result.find((r) => r.key === k.key)!.type })),
      );
      assert.ok(
        result.some((k) => k.servers === 0),
        'a key without servers',
      );
      assert.ok(
        result.some((k) => k.code === 'CLEAN'),
        'an Imunify360 Clean key, which the reference lacks',
      );
      assert.deepEqual(result.find((k) => k.code === '360_1')?.type, 41);
      // The reference's numbers-as-strings form reads the same.
      sim.state.dialect = 'reference';
      assert.deepEqual(
        (await client.call('im.key.list', {})).map((k) => ({ ...k, type: null })),
        result.map((k) => ({ ...k, type: null })),
      );
      sim.state.dialect = 'real';
    },
  },
  'im.srv.list': {
    args: (sim) => ({ key: sim.state.imunifyServers[0].key }),
    query: (args) => ({ key: args.key }),
    check: (result, { sim, args }) => {
      const expected = imunifyServersOf(sim, args.key);
      assert.ok(expected.length > 0);
      assert.deepEqual(
        result,
        expected.map((s) => ({ id: s.id, key: args.key, ip: s.ip, lastCheckin: date(s.lastCheckin) })),
      );
      assert.equal(result[0].lastCheckin, null, 'the never-checked-in server');
    },
  },
  'im.srv.remove': {
    args: (sim) => ({ id: sim.state.imunifyServers[3].id }),
    query: (args) => ({ id: args.id }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result.id, args.id);
      assert.ok(result.key);
      assert.equal(
        (await client.call('im.srv.list', { key: result.key! })).some((s) => s.id === args.id),
        false,
      );
      await rejectsWith(client.call('im.srv.remove', { id: args.id }), 'api', /Server not found/);
      assert.equal(sim.mutationCounts['im.srv.remove'], 1);
    },
  },
  'im.srv.convert': {
    args: (sim) => {
      const server = sim.state.imunifyServers[0];
      const target = find(sim.state.imunifyKeys, (k) => k.key !== server.key && k.limit === 0, 'unlimited Imunify key');
      return { id: server.id, key: target.key };
    },
    query: (args) => ({ id: args.id, key: args.key }),
    check: async (result, { sim, client, args }) => {
      assert.deepEqual(result, { id: args.id, key: args.key });
      assert.ok((await client.call('im.srv.list', { key: args.key })).some((s) => s.id === args.id));
      assert.equal(sim.state.imunifyServers.find((s) => s.id === args.id)?.key, args.key);
      assert.equal(sim.mutationCounts['im.srv.convert'], 1);
    },
  },

  // ---- ELS ------------------------------------------------------------------------------------
  'els.key.create': {
    args: () => ({ code: 'CELS7+SLA', limit: 2, note: '12' }),
    query: () => ({ code: 'CELS7+SLA', limit: '2', note: '12' }),
    check: async (result, { sim, client }) => {
      assert.match(result.key, /^CELS7SLA-[A-Za-z0-9]{24}$/);
      assert.deepEqual(result, { key: result.key, code: 'CELS7+SLA', limit: 2, note: '12' });
      assert.deepEqual(
        (await client.call('els.key.list', { code: 'CELS7+SLA' })).find((k) => k.key === result.key),
        result,
      );
      assert.equal(sim.mutationCounts['els.key.create'], 1);
    },
  },
  'els.key.update': {
    args: (sim) => ({ key: sim.state.elsKeys[0].key, limit: 4, note: '321' }),
    query: (args) => ({ key: args.key, limit: '4', note: '321' }),
    check: async (result, { sim, client, args }) => {
      const code = sim.state.elsKeys[0].code;
      assert.deepEqual(result, { key: args.key, code, limit: 4, note: '321' });
      assert.deepEqual(
        (await client.call('els.key.list', { code })).find((k) => k.key === args.key),
        result,
      );
      assert.equal(sim.mutationCounts['els.key.update'], 1);
    },
  },
  'els.key.remove': {
    args: (sim) => ({ key: find(sim.state.elsKeys, (k) => sim.state.elsServers.some((s) => s.key === k.key), 'ELS key with servers').key }),
    query: (args) => ({ key: args.key }),
    check: async (result, { sim, client, args }) => {
      assert.ok(result.length > 0);
      assert.ok(result.every((r) => r.key === args.key && /^\d+$/.test(r.id)));
      const code = args.key.split('-')[0];
      const servers = await client.call('els.srv.list', { code });
      assert.equal(
        servers.some((s) => s.key === args.key),
        false,
      );
      assert.equal(
        (await client.call('els.key.list', { code })).some((k) => k.key === args.key),
        false,
      );
      assert.equal(sim.mutationCounts['els.key.remove'], 1);
    },
  },
  'els.key.list': {
    args: () => ({ code: 'CELS' }),
    query: () => ({ code: 'CELS' }),
    check: (result, { sim }) => {
      const expected = sim.state.elsKeys.filter((k) => k.code === 'CELS');
      assert.equal(result.length, 3);
      assert.deepEqual(
        result,
        expected.map((k) => ({ key: k.key, code: 'CELS', limit: k.limit, note: k.description === null ? null : String(k.description) })),
      );
      // The reference's quirks: description as a number and as null.
      assert.equal(typeof expected[0].description, 'number');
      assert.equal(result[0].note, String(expected[0].description));
      assert.equal(result[1].note, null);
    },
  },
  'els.srv.list': {
    args: () => ({ code: 'OELS' }),
    query: () => ({ code: 'OELS' }),
    check: (result, { sim }) => {
      const keys = new Set(sim.state.elsKeys.filter((k) => k.code === 'OELS').map((k) => k.key));
      const expected = sim.state.elsServers.filter((s) => keys.has(s.key));
      assert.ok(expected.length > 0);
      assert.deepEqual(
        result,
        expected.map((s) => ({ id: s.id, key: s.key, ip: s.ip, hostname: s.hostname })),
      );
    },
  },
  'els.srv.remove': {
    args: (sim) => ({ id: sim.state.elsServers[0].id }),
    query: (args) => ({ id: args.id }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result.id, args.id);
      assert.equal(result.id, '12345');
      assert.ok(result.key.length > 0);
      const code = sim.state.elsKeys.find((k) => k.key === result.key)!.code;
      assert.equal(
        (await client.call('els.srv.list', { code })).some((s) => s.id === args.id),
        false,
      );
      assert.equal(sim.mutationCounts['els.srv.remove'], 1);
    },
  },

  // ---- Backups --------------------------------------------------------------------------------
  'ab.list': {
    args: () => ({}),
    query: () => ({}),
    check: (result, { sim }) => {
      assert.equal(result.length, 10);
      assert.deepEqual(
        result,
        sim.state.backups.map((b) => ({ backupId: b.backupId, serverId: b.serverId, size: b.size, datacenter: b.datacenter })),
      );
      assert.equal(result[0].backupId, 23);
    },
  },
  'ab.im.create': {
    args: (sim) => ({ server_id: sim.state.imunifyServers[2].id, size: 20, datacenter: 'EU2' }),
    query: (args) => ({ server_id: args.server_id, size: '20', datacenter: 'EU2' }),
    check: async (result, { sim, client, args }) => {
      assert.deepEqual(result, { backupId: 33, serverId: args.server_id, size: 20, datacenter: 'EU2' });
      assert.deepEqual(
        (await client.call('ab.list', {})).find((b) => b.backupId === 33),
        result,
      );
      await rejectsWith(client.call('ab.im.create', { server_id: 'NoSuchServer', size: 10, datacenter: 'EU2' }), 'api', /NoSuchServer not found/);
      assert.equal(sim.mutationCounts['ab.im.create'], 1);
    },
  },
  'ab.resize': {
    args: (sim) => ({ backup_id: find(sim.state.backups, (b) => b.size >= 20, 'backup of 20 GB or more').backupId, delta: -10 }),
    query: (args) => ({ backup_id: String(args.backup_id), delta: '-10' }),
    check: async (result, { sim, client, args }) => {
      const backup = sim.state.backups.find((b) => b.backupId === args.backup_id)!;
      assert.deepEqual(result, { backupId: args.backup_id, serverId: backup.serverId, size: backup.size, datacenter: backup.datacenter });
      assert.equal((await client.call('ab.list', {})).find((b) => b.backupId === args.backup_id)?.size, result.size);
      // Shrinking to zero or below is refused.
      await rejectsWith(client.call('ab.resize', { backup_id: args.backup_id, delta: -result.size }), 'api', /must stay above 0/);
      assert.equal(sim.mutationCounts['ab.resize'], 1);
    },
  },
  'ab.remove': {
    args: (sim) => ({ backup_id: sim.state.backups[4].backupId }),
    query: (args) => ({ backup_id: String(args.backup_id) }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result.backupId, args.backup_id);
      assert.equal(result.backupId, 27);
      assert.equal(
        (await client.call('ab.list', {})).some((b) => b.backupId === args.backup_id),
        false,
      );
      await rejectsWith(client.call('ab.remove', { backup_id: args.backup_id }), 'api', /Backup 27 not found/);
      assert.equal(sim.mutationCounts['ab.remove'], 1);
    },
  },

  // ---- Server groups ----------------------------------------------------------------------------
  'group.create': {
    args: () => ({ name: 'test group', description: 'made in a test' }),
    query: () => ({ name: 'test group', description: 'made in a test' }),
    check: async (result, { sim, client }) => {
      assert.deepEqual(result, { name: 'test group', description: 'made in a test' });
      assert.deepEqual((await client.call('group.list', {})).at(-1), result);
      assert.deepEqual(await client.call('group.servers.list', { name: 'test group' }), []);
      await rejectsWith(client.call('group.create', { name: 'test group' }), 'api', /Group already exists/);
      assert.equal(sim.mutationCounts['group.create'], 1);
    },
  },
  'group.list': {
    args: () => ({}),
    query: () => ({}),
    check: (result, { sim }) => {
      assert.equal(result.length, 8);
      assert.deepEqual(
        result,
        sim.state.groups.map((g) => ({ name: g.name, description: g.description })),
      );
      assert.equal(result[0].name, 'production');
    },
  },
  'group.servers.list': {
    args: () => ({ name: 'production' }),
    query: () => ({ name: 'production' }),
    check: (result, { sim }) => {
      const ids = sim.state.groups[0].serverIds;
      assert.equal(result.length, 6);
      assert.deepEqual(
        result.map((s) => s.id),
        ids,
      );
      for (const server of result) {
        const kc = sim.state.kcareServers.find((s) => s.serverId === server.id);
        const im = sim.state.imunifyServers.find((s) => s.id === server.id);
        const s = kc ?? im;
        assert.ok(s);
        assert.deepEqual(server, { id: server.id, hostname: s.hostname, ip: s.ip, type: kc ? 'KERNELCARE' : 'IMUNIFY' });
      }
    },
  },
  'group.servers.put': {
    args: (sim) => ({ name: 'legacy', server_ids: [sim.state.kcareServers[7].serverId, sim.state.imunifyServers[7].id] }),
    query: (args) => ({ name: 'legacy', server_ids: args.server_ids.join(',') }),
    check: async (result, { sim, client, args }) => {
      assert.deepEqual(
        result.map((s) => [s.id, s.type]),
        [
          [args.server_ids[0], 'KERNELCARE'],
          [args.server_ids[1], 'IMUNIFY'],
        ],
      );
      assert.deepEqual(
        (await client.call('group.servers.list', { name: 'legacy' })).map((s) => s.id),
        args.server_ids,
      );
      await rejectsWith(client.call('group.servers.put', { name: 'legacy', server_ids: ['ghost-1', args.server_ids[0], 'ghost-2'] }), 'api', /ghost-1, ghost-2/);
      assert.equal(sim.mutationCounts['group.servers.put'], 1);
    },
  },
  'group.servers.remove': {
    args: (sim) => ({ name: 'production', server_ids: [sim.state.groups[0].serverIds[0]] }),
    query: (args) => ({ name: 'production', server_ids: args.server_ids[0] }),
    check: async (result, { sim, client, args }) => {
      assert.deepEqual(
        result.map((s) => s.id),
        args.server_ids,
      );
      const left = await client.call('group.servers.list', { name: 'production' });
      assert.equal(left.length, 5);
      assert.equal(
        left.some((s) => s.id === args.server_ids[0]),
        false,
      );
      assert.equal(sim.mutationCounts['group.servers.remove'], 1);
    },
  },

  // ---- AccelerateWP ----------------------------------------------------------------------------
  'awp.billing': {
    args: () => ({ products: ['AWP_PREMIUM', 'AWP_CDN'], yearMonth: MONTH }),
    query: () => ({ products: 'AWP_PREMIUM,AWP_CDN', yearMonth: MONTH }),
    check: async (result, { sim, client }) => {
      const expected = sim.state.awp[MONTH];
      assert.ok(expected.length >= 10);
      assert.deepEqual(
        result,
        expected.map((e) => ({ product: e.product, primaryDomain: e.primary_domain, username: e.username, cdnLimitType: e.cdn_limit_type ?? null })),
      );
      assert.ok(
        result.some((e) => e.primaryDomain === HOSTILE_DOMAIN),
        'the hostile domain is in the current month',
      );
      assert.ok(result.some((e) => e.username === null));
      assert.ok(result.filter((e) => e.product === 'AWP_CDN').every((e) => typeof e.cdnLimitType === 'string'));
      const cdnOnly = await client.call('awp.billing', { products: ['AWP_CDN'], yearMonth: MONTH });
      assert.deepEqual(
        cdnOnly,
        result.filter((e) => e.product === 'AWP_CDN'),
      );
      assert.deepEqual(await client.call('awp.billing', { products: ['AWP_PREMIUM'], yearMonth: '2020-01' }), []);
    },
  },

  // ---- CLN API v2 ---------------------------------------------------------------------------
  'cl.key.list': {
    args: () => ({ productType: 'clp' }),
    query: () => ({ productType: 'CLP' }),
    check: (result, { sim }) => {
      const expected = sim.state.clKeys.filter((k) => k.product === 'CLP');
      assert.ok(expected.length >= 2);
      assert.deepEqual(
        result,
        expected.map((k) => ({ key: k.key, product: 'CLP', limit: k.limit, note: k.note })),
      );
    },
  },
  'cl.key.create': {
    args: () => ({ productType: 'cls', limit: 3, note: 'solo box' }),
    query: () => ({ productType: 'CLS', limit: '3', note: 'solo box' }),
    check: async (result, { sim, client }) => {
      assert.equal(result.product, 'CLS');
      assert.equal(result.limit, 3);
      assert.equal(result.note, 'solo box');
      assert.ok(sim.state.clKeys.some((k) => k.key === result.key && k.product === 'CLS'));
      assert.ok((await client.call('cl.key.list', { productType: 'CLS' })).some((k) => k.key === result.key));
    },
  },
  'cl.key.update': {
    args: (sim) => ({ key: sim.state.clKeys[1].key, limit: 7, note: 'renamed' }),
    query: (args) => ({ key: args.key, limit: '7', note: 'renamed' }),
    check: async (result, { sim, client, args }) => {
      assert.deepEqual(result, { key: args.key, product: sim.state.clKeys[1].product, limit: 7, note: 'renamed' });
      await rejectsWith(client.call('cl.key.update', { key: 'no-such-key', limit: 1 }), 'api', /^CLN could not update a CloudLinux OS key \(HTTP 404\): Key no-such-key not found\.$/);
    },
  },
  'cl.key.remove': {
    args: (sim) => ({ key: find(sim.state.clKeys, (k) => sim.state.clServers.some((s) => s.key === k.key), 'CloudLinux OS key with servers').key }),
    query: (args) => ({ key: args.key }),
    check: (result, { sim, args }) => {
      assert.deepEqual(result, { key: args.key });
      assert.ok(!sim.state.clKeys.some((k) => k.key === args.key));
      assert.ok(!sim.state.clServers.some((s) => s.key === args.key), 'its servers went with it');
    },
  },
  'cl.srv.list': {
    args: () => ({ productType: 'CL' }),
    query: () => ({ productType: 'CL' }),
    check: (result, { sim }) => {
      const keys = new Set(sim.state.clKeys.filter((k) => k.product === 'CL').map((k) => k.key));
      const expected = sim.state.clServers.filter((s) => keys.has(s.key));
      assert.ok(expected.length >= 3);
      assert.deepEqual(
        result,
        expected.map((s) => ({ id: s.id, key: s.key, ip: s.ip, hostname: s.hostname })),
      );
      assert.ok(result.every((s) => typeof s.id === 'number'));
    },
  },
  'cl.srv.remove': {
    args: (sim) => ({ id: sim.state.clServers[0].id }),
    query: (args) => ({ id: String(args.id) }),
    check: async (result, { sim, client, args }) => {
      assert.equal(result.id, args.id);
      assert.ok(!sim.state.clServers.some((s) => s.id === args.id));
      await rejectsWith(client.call('cl.srv.remove', { id: args.id }), 'api', /\(HTTP 404\): Server \d+ not found\.$/);
    },
  },
  'cl.sub.servers': {
    args: () => ({}),
    query: () => ({}),
    check: (result, { sim }) => {
      assert.equal(result.length, sim.state.subAccountServers.length);
      assert.deepEqual(result[0], {
        login: sim.state.subAccountServers[0].login,
        email: sim.state.subAccountServers[0].email,
        id: sim.state.subAccountServers[0].id,
        key: sim.state.subAccountServers[0].key,
        version: String(sim.state.subAccountServers[0].version),
        ip: sim.state.subAccountServers[0].ip,
      });
    },
  },
  'features.list': {
    args: () => ({}),
    query: () => ({}),
    check: (result) => {
      assert.deepEqual(
        result.map((f) => f.id),
        [1101, 1102, 4600],
      );
      assert.ok(result.every((f) => f.applicableProductIds.length > 0 && f.name === null));
    },
  },
  'features.account': {
    args: () => ({}),
    query: () => ({}),
    check: (result) =>
      assert.deepEqual(result, [
        { feature: 1101, state: 'DISABLED' },
        { feature: 1102, state: 'UNSET' },
        { feature: 4600, state: 'UNSET' },
      ]),
  },
  'features.account.set': {
    args: () => ({ settings: { '4600': 'enabled' } }),
    query: () => ({}),
    body: () => ({ '4600': 'ENABLED' }),
    check: async (result, { sim, client }) => {
      assert.deepEqual(
        result.settings?.find((s) => s.feature === 4600),
        { feature: 4600, state: 'ENABLED' },
      );
      assert.equal(sim.state.accountFeatures['4600'], 'ENABLED');
      assert.equal(sim.state.accountFeatures['1101'], 'DISABLED', 'a partial update leaves the rest');
      await rejectsWith(client.call('features.account.set', { settings: { '9999': 'ENABLED' } }), 'api', /\(HTTP 400\): Unknown feature id: 9999\./);
    },
  },
  'imunify.server.features.set': {
    args: (sim) => ({ id: sim.state.imunifyServers[0].id, permissions: { '4600': 'DISABLED' } }),
    query: () => ({}),
    body: (args) => ({ id: args.id, permissions: { '4600': 'DISABLED' } }),
    check: (result, { sim, args }) => {
      assert.deepEqual(result.settings, [{ feature: 4600, state: 'DISABLED' }]);
      assert.equal(sim.state.serverFeatures[args.id]['4600'], 'DISABLED');
    },
  },
  'imunify.key.features.set': {
    args: (sim) => ({ key: sim.state.imunifyKeys[2].key, permissions: { '4600': 'UNSET' } }),
    query: () => ({}),
    body: (args) => ({ key: args.key, permissions: { '4600': 'UNSET' } }),
    check: (result, { sim, args }) => {
      assert.deepEqual(result.settings, [{ feature: 4600, state: 'UNSET' }]);
      assert.equal(sim.state.keyFeatures[args.key]['4600'], 'UNSET');
    },
  },
  'ipl.types': {
    args: () => ({}),
    query: () => ({}),
    check: (result) => {
      assert.deepEqual(
        result.find((t) => t.type === 2),
        { type: 2, name: 'CloudLinux OS Shared (simulated name for type 2)' },
      );
      assert.ok(result.length >= 5);
    },
  },
};

describe('client × simulator: every endpoint', () => {
  let sim: Simulator;
  let client: ClnClient;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 7, now: clock, hostile: true });
    client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, now: clock, readRetries: 0 });
  });
  afterEach(() => sim.close());

  it('has exactly one case per endpoint of the table', () => {
    assert.deepEqual(Object.keys(CASES).sort(), [...ENDPOINT_IDS].sort());
    assert.equal(ENDPOINT_IDS.length, 56);
  });

  for (const id of ENDPOINT_IDS) {
    const endpoint = endpointOf(id);
    it(`${id}: ${endpoint.method} ${endpoint.path}`, async () => {
      const c = CASES[id] as unknown as Case<EndpointId>;
      c.setup?.(sim);
      const args = c.args(sim);
      sim.resetLog();
      const result = await client.call(id, args as never);

      // (a) what the simulator received
      assert.equal(sim.requests.length, 1, `requests: ${JSON.stringify(sim.requests)}`);
      const [request] = sim.requests;
      assert.equal(request.endpointId, id);
      assert.equal(request.method, endpoint.method);
      assert.equal(request.path, c.path ? c.path(args, sim) : endpoint.path);
      assert.deepEqual(request.query, c.query(args));
      assert.deepEqual(request.body, c.body?.(args));
      assert.equal(request.status, 200);
      if (endpoint.auth === 'none') {
        assert.equal(request.auth, undefined, 'no token is sent to an endpoint without auth');
      } else {
        assert.ok(request.auth, 'a token was sent');
        assert.equal(request.auth.wellFormed, true);
        assert.equal(request.auth.login, sim.credentials.login);
        assert.equal(request.auth.timestamp, Math.floor(NOW / 1000));
        assert.equal(request.auth.valid, true);
      }

      // (b) what the client made of the answer, and the state after it
      await c.check(result as never, { sim, client, args });
      if (!endpoint.mutates) assert.deepEqual(sim.mutationCounts, {}, 'a read changed nothing');
    });
  }
});
