/**
 * KernelCare check results and patch levels without VS Code: what the account
 * keeps from a check (matched to server rows by address), how patch levels
 * degrade where the undocumented endpoint does not answer, and how a KernelCare
 * server row looks with both — through the real client and the simulator.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { lookOf } from '../../src/explorer/kinds';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { AccountService, PATCHSET_GIVE_UP_AFTER } from '../../src/services/accountService';
import { KcareChecks } from '../../src/services/kcareChecks';
import { isInactive, Simulator, startSimulator } from '../../src/sim';

const NOW = Date.UTC(2025, 5, 15, 10, 30);

describe('KernelCare checks and patch levels (services, no VS Code)', () => {
  let sim: Simulator;
  let account: AccountService;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 11, now: () => NOW, size: { kcareKeys: 4, kcareServersPerKey: 3 } });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, now: () => NOW }), { maxConcurrent: 4 });
  });
  afterEach(() => sim.close());

  const withServers = () => sim.state.kcareKeys.find((k) => sim.state.kcareServers.filter((s) => s.key === k.key).length > 1)!.key;

  it('records a key check: the servers it names, by address and host; a new check of the key replaces them', async () => {
    const key = withServers();
    const servers = sim.state.kcareServers.filter((s) => s.key === key);
    for (const s of servers) {
      s.lastCheckin = { ms: NOW - 60_000, offset: 0 };
      s.kernelState = 'ok';
    }
    servers[0].kernelState = 'outdated';
    const status = await account.read('kcare.nagios.key', { key });
    account.kcareChecks.record({ key }, status, new Date(NOW));
    const check = account.kcareChecks.of(servers[0]);
    assert.deepEqual(check, { state: 'outOfDate', label: `${servers[0].hostname} (${servers[0].ip}) is OUTOFDATE`, checkedAt: new Date(NOW), key });
    assert.equal(account.kcareChecks.of(servers[1]), undefined);

    servers[0].kernelState = 'ok';
    account.kcareChecks.record({ key }, await account.read('kcare.nagios.key', { key }), new Date(NOW));
    assert.equal(account.kcareChecks.of(servers[0]), undefined, 'the server is up to date now');
  });

  it('fires a change when a check is recorded', () => {
    const checks = new KcareChecks();
    let fired = 0;
    checks.onDidChange(() => fired++);
    checks.record({ account: true }, { state: 'OK', summary: '', counts: { upToDate: 1, outOfDate: 0, unsupported: 0, inactive: 0 }, outOfDate: [], unsupported: [], inactive: [], servers: [] });
    assert.equal(fired, 1);
    assert.equal(checks.latest?.status.counts?.upToDate, 1);
  });

  it('patch levels: the list where CLN answers; nothing, once, where it does not (404), and not asked again', async () => {
    const key = withServers();
    const levels = await account.kcarePatchLevels(key);
    assert.equal(levels?.length, sim.state.kcareServers.filter((s) => s.key === key).length);
    assert.ok(levels!.every((l) => typeof l.patchLevel === 'number' && /^[0-9a-f]{40}$/.test(l.kernelId ?? '')));

    const other = sim.state.kcareKeys.find((k) => k.key !== key)!.key;
    sim.state.patchsetUnavailable.push(other);
    sim.resetLog();
    assert.equal(await account.kcarePatchLevels(other), undefined);
    assert.equal(await account.kcarePatchLevels(other, { force: true }), undefined);
    assert.equal(sim.requests.filter((r) => r.endpointId === 'kcare.patchset').length, 1, 'asked once this session');
  });

  it('patch levels: after three refusals and no answer, no other key is asked this session', async () => {
    sim.state.patchsetUnavailable.push(...sim.state.kcareKeys.map((k) => k.key));
    sim.resetLog();
    for (const { key } of sim.state.kcareKeys) assert.equal(await account.kcarePatchLevels(key), undefined);
    assert.equal(sim.requests.filter((r) => r.endpointId === 'kcare.patchset').length, PATCHSET_GIVE_UP_AFTER);
    assert.ok(sim.state.kcareKeys.length > PATCHSET_GIVE_UP_AFTER);
  });

  it('patch levels: the reference dialect (no such endpoint) degrades quietly too', async () => {
    sim.state.dialect = 'reference';
    assert.equal(await account.kcarePatchLevels(withServers()), undefined);
  });

  it('a KernelCare server row: "out of date" first with the check in its tooltip, and the patch level', () => {
    const server = sim.state.kcareServers.find((s) => s.ip && !isInactive(s, NOW))!;
    const node: ExplorerNode = {
      kind: 'kcareServer',
      server: { serverId: server.serverId, key: server.key, ip: server.ip, created: null, lastCheckin: new Date(NOW - 60_000) },
      patch: { host: server.hostname, ip: server.ip, kernelId: 'abc', patchLevel: 17 },
    };
    const checks = new KcareChecks();
    const plainLook = lookOf(node, { staleDays: 7, now: NOW, kcareCheck: (s) => checks.of(s) });
    assert.equal(plainLook.description.filter(Boolean).join(' · '), 'seen today · patch level 17');
    assert.equal(plainLook.warn, undefined);
    assert.ok(plainLook.fields.some(([label, value]) => label === 'Patch level' && value === 17));

    checks.record(
      { key: server.key },
      { state: 'CRITICAL', summary: '', counts: null, outOfDate: [], unsupported: [], inactive: [], servers: [{ host: server.hostname, ip: server.ip, state: 'outOfDate', stateText: 'OUTOFDATE' }] },
      new Date(NOW),
    );
    const marked = lookOf(node, { staleDays: 7, now: NOW, kcareCheck: (s) => checks.of(s) });
    assert.equal(marked.description[0], '⚠ out of date');
    assert.match(
      marked.warn ?? '',
      new RegExp(`^Out of date: the KernelCare check at .* said "${server.hostname.replace(/\./g, '\\.')} \\(${server.ip!.replace(/[.:]/g, '\\$&')}\\) is OUTOFDATE"\\.$`),
    );
  });
});
