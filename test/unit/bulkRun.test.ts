/**
 * The bulk runner without VS Code (commands/common/bulkRun.ts), removing KernelCare servers on the
 * simulator: which changes reach CLN (each exactly once, none after the run must stop), the
 * per-item outcome, and the summary and log lines the user is shown.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { emptyReport, runItems, summarize, type BulkRun } from '../../src/services/bulkRun';
import { AccountService } from '../../src/services/accountService';
import { Simulator, SimKcareServer, startSimulator } from '../../src/sim';

describe('bulk runner: a change per item, each sent once, reported per item', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let account: AccountService;

  beforeEach(async () => {
    sim = await startSimulator({ size: { kcareKeys: 2, kcareServersPerKey: 4, ipLicenses: 0, imunifyKeys: 0, elsKeysPerCode: 0, backups: 0, groups: 0, awpEntriesPerMonth: 0 }, seed: 9 });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 2000, retryDelayMs: 5 }), { maxConcurrent: 4 });
  });
  afterEach(async () => sim?.close());

  /** Removing these servers, as Remove Server does; `before(i)` runs just before item i is sent. */
  function removal(servers: SimKcareServer[], before: (index: number) => void = () => {}): BulkRun<SimKcareServer> {
    return {
      commandId: 'cln.removeServer',
      verb: { base: 'remove', doing: 'Removing', done: 'Removed' },
      noun: { one: 'server', many: 'servers' },
      items: servers,
      describe: (server) => server.serverId,
      run: async (server) => {
        before(servers.indexOf(server));
        const result = await account.change('kcare.srv.remove', { server_id: server.serverId });
        return result.removed ? undefined : (result.notice ?? 'nothing removed');
      },
    };
  }

  const removeRequests = () => sim.requests.filter((r) => r.endpointId === 'kcare.srv.remove').map((r) => r.query.server_id);
  const remaining = (ids: string[]) => ids.filter((id) => sim.state.kcareServers.some((s) => s.serverId === id));

  it('all succeed: one request each, "Removed 3 of 3 servers."', async () => {
    const servers = sim.state.kcareServers.slice(0, 3);
    const ids = servers.map((s) => s.serverId);
    const plan = removal([...servers]);
    const report = await runItems(plan, emptyReport(plan));
    assert.deepEqual(report.done, ids);
    assert.deepEqual(removeRequests(), ids);
    assert.deepEqual(remaining(ids), []);
    const summary = summarize(plan, report);
    assert.deepEqual([summary.level, summary.message, summary.clean], ['info', 'Removed 3 of 3 servers.', true]);
  });

  it('one fails with a proxy’s HTML page: the others still go, the failure is named (outcome unknown), nothing is retried', async () => {
    const servers = sim.state.kcareServers.slice(0, 3);
    const ids = servers.map((s) => s.serverId);
    const plan = removal([...servers], (i) => i === 1 && sim.faults.set('kcare.srv.remove', { kind: 'html', times: 1 }));
    const report = await runItems(plan, emptyReport(plan));
    assert.deepEqual(report.done, [ids[0], ids[2]]);
    assert.deepEqual(
      report.failed.map((f) => f.item),
      [ids[1]],
    );
    assert.deepEqual(removeRequests(), ids, 'each sent once, in order');
    assert.deepEqual(remaining(ids), [ids[1]]);
    const summary = summarize(plan, report);
    assert.equal(summary.level, 'warning');
    assert.match(summary.message, new RegExp(`^Removed 2 of 3 servers; 1 failed: ${ids[1]} — `));
    assert.match(
      summary.log,
      new RegExp(`^cln.removeServer: Removed 2 of 3\\n  removed: ${ids[0]}\\n  removed: ${ids[2]}\\n  FAILED \\(outcome unknown\\): ${ids[1]} — .*may or may not have been made`),
    );
  });

  it('an answer lost after CLN made the change is an unknown outcome, said as such', async () => {
    const servers = sim.state.kcareServers.slice(0, 2);
    const ids = servers.map((s) => s.serverId);
    const plan = removal([...servers], (i) => i === 0 && sim.faults.set('kcare.srv.remove', { kind: 'http500', times: 1, afterCommit: true }));
    const report = await runItems(plan, emptyReport(plan));
    assert.deepEqual(
      report.failed.map((f) => [f.item, f.outcomeUnknown]),
      [[ids[0], true]],
    );
    assert.deepEqual(removeRequests(), ids, 'not retried');
    assert.deepEqual(remaining(ids), [], 'CLN did remove it');
    assert.match(summarize(plan, report).log, new RegExp(`FAILED \\(outcome unknown\\): ${ids[0]}`));
  });

  it('a rejected sign-in stops the run: the rest are "not attempted" and never sent', async () => {
    const servers = sim.state.kcareServers.slice(0, 4);
    const ids = servers.map((s) => s.serverId);
    const plan = removal([...servers], (i) => i === 1 && sim.faults.set('*', { kind: 'auth' }));
    const report = await runItems(plan, emptyReport(plan));
    assert.deepEqual(report.done, [ids[0]]);
    assert.deepEqual(
      report.failed.map((f) => f.item),
      [ids[1]],
    );
    assert.deepEqual(report.notAttempted, [ids[2], ids[3]]);
    assert.deepEqual(removeRequests(), [ids[0], ids[1]]);
    assert.match(summarize(plan, report).message, new RegExp(`; 2 not attempted: ${ids[2]}, ${ids[3]}\\.$`));
  });

  it('cancelling stops before the next item; the one in flight finishes', async () => {
    const servers = sim.state.kcareServers.slice(0, 3);
    const ids = servers.map((s) => s.serverId);
    const cancel = new AbortController();
    const plan = removal([...servers], (i) => i === 0 && cancel.abort());
    const progress: string[] = [];
    const report = await runItems(plan, emptyReport(plan), cancel.signal, (message) => progress.push(message));
    assert.deepEqual(report.done, [ids[0]]);
    assert.deepEqual(report.notAttempted, [ids[1], ids[2]]);
    assert.deepEqual(removeRequests(), [ids[0]]);
    assert.deepEqual(progress, [`1 of 3: ${ids[0]}`]);
  });

  it('CLN’s "Server not found" leaves the item unchanged, with CLN’s words', async () => {
    const ghost = { ...sim.state.kcareServers[0], serverId: 'no-such-server' };
    const real = sim.state.kcareServers[1];
    const plan = removal([ghost, real]);
    const report = await runItems(plan, emptyReport(plan));
    assert.deepEqual(report.done, [real.serverId]);
    assert.equal(report.unchanged.length, 1);
    assert.equal(report.unchanged[0].item, 'no-such-server');
    assert.match(summarize(plan, report).message, /^Removed 1 of 2 servers; 1 unchanged: no-such-server \(.+\)\.$/);
  });
});
