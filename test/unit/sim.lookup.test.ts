/**
 * The simulator's indexed lookups (src/sim/lookup.ts) answer as a filter of the state would, whatever
 * a handler or a test did to the state in between; and the handlers that use them, over HTTP, after
 * the state was changed in place.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { makeToken } from '../../src/cln/token';
import { Simulator, startSimulator } from '../../src/sim';
import { licenseJson } from '../../src/sim/handlers/ip';
import { someEquals, whereEquals, whereIn } from '../../src/sim/lookup';
import type { SimKcareServer } from '../../src/sim/state';

const NOW = Date.UTC(2025, 0, 20, 8, 15);

interface Item {
  id: number;
  key: string;
}

type Op =
  | { kind: 'push'; key: string }
  | { kind: 'remove'; at: number }
  | { kind: 'replace'; at: number; key: string }
  | { kind: 'rekey'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'copy' }
  | { kind: 'ask'; key: string; keys: string[] };

const keyArb = fc.constantFrom('a', 'b', 'c', 'd');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), key: keyArb }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), key: keyArb }),
  fc.record({ kind: fc.constant('rekey' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('copy' as const) }),
  fc.record({ kind: fc.constant('ask' as const), key: keyArb, keys: fc.array(keyArb, { maxLength: 3 }) }),
);

describe('simulator lookups', () => {
  it('whereEquals, someEquals and whereIn answer as filters, after the changes handlers and tests make between the questions', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 12 }), fc.array(opArb, { maxLength: 30 }), (keys, ops) => {
        let nextId = 0;
        let list: Item[] = keys.map((key) => ({ id: nextId++, key }));
        const ask = (key: string, keys: string[]) => {
          assert.deepEqual(
            whereEquals(list, 'key', key),
            list.filter((item) => item.key === key),
          );
          assert.equal(
            someEquals(list, 'key', key),
            list.some((item) => item.key === key),
          );
          const wanted = new Set(keys);
          assert.deepEqual(
            whereIn(list, 'key', keys),
            list.filter((item) => wanted.has(item.key)),
          );
        };
        for (const op of ops) {
          const at = list.length ? ('at' in op ? op.at % list.length : 0) : -1;
          if (op.kind === 'push') list.push({ id: nextId++, key: op.key });
          else if (op.kind === 'remove' && at >= 0) list.splice(at, 1);
          // Swapped in by a splice that keeps the length: a new key's item, or one of the replaced item's key.
          else if (op.kind === 'replace' && at >= 0) list.splice(at, 1, { id: nextId++, key: op.key === 'a' ? list[at].key : `swapped-${nextId}` });
          else if (op.kind === 'swap' && at >= 0) [list[0], list[at]] = [list[at], list[0]];
          else if (op.kind === 'copy') list = [...list];
          else if (op.kind === 'ask') ask(op.key, op.keys);
          else if (op.kind === 'rekey' && at >= 0) {
            // An item given in place a value no item had (a new key), asked for at once; its old value too.
            const old = list[at].key;
            list[at].key = `new-${nextId++}`;
            ask(list[at].key, [list[at].key, old]);
            ask(old, [old]);
          }
        }
      }),
    );
  });

  describe('handlers over HTTP, the state changed in place between requests', () => {
    let sim: Simulator;
    beforeEach(async () => (sim = await startSimulator({ now: () => NOW })));
    afterEach(() => sim.close());

    const get = async (pathAndQuery: string) => {
      const url = new URL(sim.url + pathAndQuery);
      url.searchParams.set('token', makeToken(sim.credentials, NOW));
      return (await (await fetch(url)).json()) as { data: unknown };
    };
    const serversOf = async (key: string) => ((await get(`/kcare/key/servers.json?key=${key}`)).data as { server_id: string }[]).map((s) => s.server_id).sort();
    const patchsetOf = async (key: string) => ((await get(`/kcare/patchset.json?key=${key}`)) as unknown as { host: string }[]).map((s) => s.host).sort();
    const expected = (key: string, pick: (s: SimKcareServer) => string) =>
      sim.state.kcareServers
        .filter((s) => s.key === key)
        .map(pick)
        .sort();

    it("a key's servers and patch levels: a server removed and another added in one splice (same length), one moved away, one added", async () => {
      const key = sim.state.kcareServers[0].key;
      const other = sim.state.kcareServers.find((s) => s.key !== key)!.key;
      assert.deepEqual(
        await serversOf(key),
        expected(key, (s) => s.serverId),
      );
      assert.deepEqual(
        await patchsetOf(key),
        expected(key, (s) => s.hostname),
      );
      const gone = sim.state.kcareServers.findIndex((s) => s.key === key);
      sim.state.kcareServers.splice(gone, 1, { ...sim.state.kcareServers[gone], serverId: 'sim-new-server', hostname: 'new.example.test' });
      assert.deepEqual(
        await serversOf(key),
        expected(key, (s) => s.serverId),
      );
      assert.ok((await serversOf(key)).includes('sim-new-server'));
      assert.deepEqual(
        await patchsetOf(key),
        expected(key, (s) => s.hostname),
      );
      const moved = sim.state.kcareServers.find((s) => s.key === key && s.serverId !== 'sim-new-server')!;
      moved.key = other;
      sim.state.kcareServers.push({ ...moved, key, serverId: 'sim-added-server', hostname: 'added.example.test' });
      assert.deepEqual(
        await serversOf(key),
        expected(key, (s) => s.serverId),
      );
      assert.ok(!(await serversOf(key)).includes(moved.serverId));
      assert.deepEqual(
        await patchsetOf(key),
        expected(key, (s) => s.hostname),
      );
      assert.deepEqual(
        await serversOf(other),
        expected(other, (s) => s.serverId),
      );
    });

    it('Imunify: a server moved to another key (im/srv/convert) is listed under its new key and not its old, once both were listed before', async () => {
      const imServersOf = async (key: string) => ((await get(`/im/srv/list.json?key=${key}`)).data as { id: string }[]).map((s) => s.id).sort();
      const imExpected = (key: string) =>
        sim.state.imunifyServers
          .filter((s) => s.key === key)
          .map((s) => s.id)
          .sort();
      const moved = sim.state.imunifyServers[0];
      const from = moved.key;
      const to = sim.state.imunifyKeys.find(
        (k) => k.key !== from && (k.limit === 0 || sim.state.imunifyServers.filter((s) => s.key === k.key).length < k.limit) && sim.state.imunifyServers.some((s) => s.key === k.key),
      )!.key;
      assert.deepEqual(await imServersOf(from), imExpected(from));
      assert.deepEqual(await imServersOf(to), imExpected(to));
      const answer = (await get(`/im/srv/convert.json?id=${moved.id}&key=${to}`)) as { success?: boolean };
      assert.notEqual(answer.success, false, JSON.stringify(answer));
      assert.equal(moved.key, to);
      assert.ok((await imServersOf(to)).includes(moved.id), 'listed under its new key');
      assert.ok(!(await imServersOf(from)).includes(moved.id), 'not under its old one');
      assert.deepEqual(await imServersOf(to), imExpected(to));
    });

    it("a group's servers, KernelCare and Imunify, after a server of it changed its hostname in place and another was removed", async () => {
      const group = sim.state.groups.find((g) => g.serverIds.length >= 2)!;
      const listed = async () => ((await get(`/group/servers/list.json?name=${encodeURIComponent(group.name)}`)).data as { id: string; hostName: string }[]).map((s) => `${s.id}/${s.hostName}`);
      const expectedOf = () =>
        group.serverIds.flatMap((id) => {
          const im = sim.state.imunifyServers.find((s) => s.id === id);
          const kc = sim.state.kcareServers.find((s) => s.serverId === id);
          return im ? [`${id}/${im.hostname}`] : kc ? [`${id}/${kc.hostname}`] : [];
        });
      assert.deepEqual(await listed(), expectedOf());
      const first = group.serverIds[0];
      const server = sim.state.kcareServers.find((s) => s.serverId === first) ?? sim.state.imunifyServers.find((s) => s.id === first)!;
      server.hostname = 'renamed.example.test';
      assert.ok((await listed()).includes(`${first}/renamed.example.test`));
      const second = group.serverIds[1];
      sim.state.kcareServers = sim.state.kcareServers.filter((s) => s.serverId !== second);
      sim.state.imunifyServers = sim.state.imunifyServers.filter((s) => s.id !== second);
      assert.deepEqual(await listed(), expectedOf());
    });

    it("IP licenses' server details: a license's IP changed in place, and a new array", async () => {
      const [first, second] = sim.state.ipLicenses;
      const ipsOf = async (ips: string[]) => ((await get(`/ipl/server.json?ip=${ips.join(',')}`)).data as { ip: string; type: number }[]).map((l) => `${l.ip}/${l.type}`);
      const filtered = (ips: string[]) => sim.state.ipLicenses.filter((l) => ips.includes(l.ip)).map((l) => `${l.ip}/${l.type}`);
      assert.deepEqual(await ipsOf([first.ip, second.ip]), filtered([first.ip, second.ip]));
      second.ip = '198.51.100.250';
      assert.deepEqual(await ipsOf([first.ip, '198.51.100.250']), filtered([first.ip, '198.51.100.250']));
      sim.state.ipLicenses = sim.state.ipLicenses.filter((l) => l !== first);
      assert.deepEqual(await ipsOf([first.ip, '198.51.100.250']), filtered([first.ip, '198.51.100.250']));
    });

    it('the IP license list, written once, after each change in place: registration, type, a date, a new date, an IP, a push, a new array', async () => {
      const listed = async () => (await get('/ipl/list.json')).data;
      const fresh = () => JSON.parse(JSON.stringify(sim.state.ipLicenses.map(licenseJson)));
      const [a, b] = sim.state.ipLicenses;
      const changes = [
        () => (a.registered = !a.registered),
        () => (a.type = a.type === 1 ? 16 : 1),
        () => (b.created.ms += 60_000),
        () => (b.created.offset = b.created.offset === 0 ? -240 : 0),
        () => (a.created = { ms: a.created.ms - 86_400_000, offset: 120 }),
        () => (b.ip = '198.51.100.251'),
        () => sim.state.ipLicenses.push({ ...a, ip: '198.51.100.252', created: { ms: NOW, offset: 0 } }),
        () => (sim.state.ipLicenses = sim.state.ipLicenses.slice(1)),
      ];
      assert.deepEqual(await listed(), fresh());
      for (const change of changes) {
        change();
        assert.deepEqual(await listed(), fresh());
        assert.deepEqual(await listed(), fresh());
      }
    });
  });
});
