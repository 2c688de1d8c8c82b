/** Sort and "problems only" (src/explorer/arrange.ts): the order of licenses and servers, and what counts as a problem. */
import * as assert from 'node:assert/strict';
import { ipKey, isProblem, normalizeArrangement, sortItems } from '../../src/explorer/arrange';
import type { ExplorerNode } from '../../src/explorer/nodes';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 29);
const server = (id: string, ip: string | null, lastCheckin: number | null, created: number | null = null): ExplorerNode => ({
  kind: 'kcareServer',
  server: { serverId: id, key: 'k', ip, created: created === null ? null : new Date(created), lastCheckin: lastCheckin === null ? null : new Date(lastCheckin) },
});
const ids = (nodes: ExplorerNode[]) => nodes.map((n) => (n.kind === 'kcareServer' ? n.server.serverId : '?'));

describe('arrange: sort', () => {
  const list = [server('a', '10.0.0.10', now - 2 * DAY, now - 30 * DAY), server('b', '10.0.0.9', null, now - DAY), server('c', '2001:db8::1', now - 40 * DAY), server('d', null, now, now - 5 * DAY)];
  it('sorts addresses numerically, IPv4 before IPv6, rows without an IP last', () => assert.deepEqual(ids(sortItems(list, 'ip')), ['b', 'a', 'c', 'd']));
  it('sorts by created, newest first', () => assert.deepEqual(ids(sortItems(list, 'created')), ['b', 'd', 'a', 'c']));
  it('sorts by last check-in, longest silent first', () => assert.deepEqual(ids(sortItems(list, 'checkin')), ['b', 'c', 'a', 'd']));
  it('keeps the API order by default', () => assert.deepEqual(ids(sortItems(list, 'default')), ['a', 'b', 'c', 'd']));
  it('expands IPv6 so :: sorts right', () => assert.ok(ipKey('2001:db8::2') < ipKey('2001:db8:0:0:0:0:0:10')));
});

describe('arrange: problems', () => {
  it('counts stale and never-checked-in servers, unregistered licenses and keys over their limit', () => {
    assert.equal(isProblem(server('a', null, now - 8 * DAY), 7, now), true);
    assert.equal(isProblem(server('a', null, null), 7, now), true);
    assert.equal(isProblem(server('a', null, now - DAY), 7, now), false);
    assert.equal(isProblem({ kind: 'ipLicense', license: { ip: '192.0.2.1', type: 1, registered: false, created: null } }, 7, now), true);
    assert.equal(isProblem({ kind: 'imKey', key: { key: 'k', code: 'AVP', limit: 2, servers: 3, note: null, type: null } }, 7, now), true);
    assert.equal(isProblem({ kind: 'kcareKey', key: { key: 'k', enabled: true, created: null, limit: 0, note: null } }, 7, now, 500), false);
  });
  it('reads a stored arrangement defensively', () => {
    assert.deepEqual(normalizeArrangement({ sort: 'ip', problemsOnly: true }), { sort: 'ip', problemsOnly: true });
    assert.deepEqual(normalizeArrangement({ sort: 'nonsense', problemsOnly: 'yes' }), { sort: 'default', problemsOnly: false });
    assert.deepEqual(normalizeArrangement(undefined), { sort: 'default', problemsOnly: false });
  });
});
