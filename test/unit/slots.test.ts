/**
 * Request slots (issue 22): a task can free its slot before it settles (the account frees it once an
 * answer is in, so the next request leaves before the answer is decoded); a read nobody waits for any
 * more is not sent. Against the simulator over HTTP, counted at the simulator.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { ClnError } from '../../src/cln/errors';
import { AccountService } from '../../src/services/accountService';
import { Limiter } from '../../src/services/concurrency';
import { Simulator, startSimulator } from '../../src/sim';

const SIZE = { ipLicenses: 300, kcareKeys: 4, imunifyKeys: 1, groups: 1, backups: 1, awpEntriesPerMonth: 1 };

describe('request slots: freed when the answer is in, never spent on a read nobody waits for', function () {
  this.timeout(30_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ size: SIZE, seed: 4 });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.resetLog();
  });

  const accountWith = (maxConcurrent: number) => new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 10_000 }), { maxConcurrent });

  it('a task that releases its slot lets the next one start before it settles', async () => {
    const limiter = new Limiter(1);
    let finish!: () => void;
    const first = limiter.run(
      (release) =>
        new Promise<void>((resolve) => {
          finish = resolve;
          release();
        }),
    );
    let secondStarted = false;
    const second = limiter.run(async () => {
      secondStarted = true;
    });
    await second;
    assert.equal(secondStarted, true);
    assert.equal(limiter.active, 0, 'the first task runs on with its slot freed');
    finish();
    await first;
    assert.equal(limiter.active, 0);
  });

  it('a read still waiting for a slot when its caller stops is not sent; a caller that joined it still gets its answer', async () => {
    const account = accountWith(1);
    const keys = await account.read('kcare.key.list', {});
    sim.resetLog();
    sim.faults.set('kcare.key.servers', { kind: 'latency', ms: 200 });
    const busy = account.read('kcare.key.servers', { key: keys[0].key });
    const stopped = new AbortController();
    const unwanted = account.read('kcare.key.servers', { key: keys[1].key }, { signal: stopped.signal });
    const abandoned = account.read('kcare.key.servers', { key: keys[2].key }, { signal: stopped.signal });
    const joined = account.read('kcare.key.servers', { key: keys[2].key });
    stopped.abort();
    await assert.rejects(unwanted, (e: unknown) => e instanceof ClnError && e.kind === 'cancelled');
    await assert.rejects(abandoned, (e: unknown) => e instanceof ClnError && e.kind === 'cancelled');
    await busy;
    const answer = await joined;
    assert.deepEqual(
      answer.map((s) => s.serverId).sort(),
      sim.state.kcareServers
        .filter((s) => s.key === keys[2].key)
        .map((s) => s.serverId)
        .sort(),
    );
    const asked = sim.requests.map((r) => r.query.key);
    assert.deepEqual(asked, [keys[0].key, keys[2].key], 'the stopped read of the second key was never sent');
  });
});
