/**
 * The account service's API v2 reads against the simulator over HTTP: cached like the
 * others, CloudLinux OS keys of every product, and an account without v2 asked once
 * (request counts from the simulator's log) until a refresh asks again.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { isV2Unavailable } from '../../src/cln/errors';
import { AccountService } from '../../src/services/accountService';
import { Simulator, startSimulator } from '../../src/sim';

const NOW = Date.UTC(2025, 5, 15, 10, 30);
let clock = NOW;

describe('account service: CLN API v2', () => {
  let sim: Simulator;
  let account: AccountService;
  beforeEach(async () => {
    clock = NOW;
    sim = await startSimulator({ seed: 5, now: () => NOW });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, now: () => NOW, retryDelayMs: 0 }), { maxConcurrent: 4, now: () => clock });
  });
  afterEach(() => sim.close());

  const v2Requests = () => sim.requests.filter((r) => r.path.startsWith('/v2/')).length;

  it('reads keys of every product once, then from the cache; servers by key; sub-accounts; features', async () => {
    const keys = await account.clKeys();
    assert.deepEqual([...new Set(keys.map((k) => k.product))].sort(), ['CL', 'CLADMIN', 'CLP', 'CLS']);
    assert.equal(keys.length, sim.state.clKeys.length);
    assert.equal(v2Requests(), 4);
    assert.deepEqual(
      sim.requests.map((r) => r.query.productType),
      ['CL', 'CLP', 'CLS', 'CLADMIN'],
    );
    await account.clKeys();
    assert.equal(v2Requests(), 4, 'cached');
    const byKey = await account.clServersByKey('clp');
    const clpKey = sim.state.clKeys.find((k) => k.product === 'CLP' && sim.state.clServers.some((s) => s.key === k.key))!;
    assert.equal(byKey.get(clpKey.key)?.length, sim.state.clServers.filter((s) => s.key === clpKey.key).length);
    assert.equal((await account.clSubAccountServers()).length, sim.state.subAccountServers.length);
    assert.equal((await account.accountFeatures()).get(4600), 'UNSET');
    assert.deepEqual(
      (await account.features()).map((f) => f.id),
      [1101, 1102, 4600],
    );
    assert.equal((await account.ipTypeNames())?.get(2), 'CloudLinux OS Shared (simulated name for type 2)');
    await account.change('cl.key.create', { productType: 'CL', limit: 1 });
    const before = v2Requests();
    assert.equal((await account.clKeys()).length, sim.state.clKeys.length, 'a change invalidates the keys');
    assert.equal(v2Requests(), before + 4);
  });

  for (const how of [404, 403, 'html'] as const) {
    it(`without v2 (${how}): asked once, then the same answer without a request until a refresh; v1 untouched`, async () => {
      sim.state.v2.unavailable = how;
      await assert.rejects(account.clKeys(), (e: unknown) => isV2Unavailable(e));
      const first = v2Requests();
      assert.equal(first, 1, 'one request says v2 is absent');
      for (let i = 0; i < 5; i++) {
        await assert.rejects(account.clKeys(), (e: unknown) => isV2Unavailable(e));
        await assert.rejects(account.clSubAccountServers(), (e: unknown) => isV2Unavailable(e));
        // The tree forces the next look at a failed list: within a minute that is no request either.
        await assert.rejects(account.clKeys({ force: true }), (e: unknown) => isV2Unavailable(e));
      }
      assert.equal(await account.ipTypeNames(), undefined, 'the catalog stands');
      assert.equal(v2Requests(), first, 'nothing asked again');
      assert.ok(account.v2Unavailability);
      assert.ok((await account.read('kcare.key.list', {})).length > 0, 'v1 answers');
      // A refresh a minute later asks again; once v2 answers, the memory of its absence is gone.
      sim.state.v2.unavailable = null;
      clock += 60_000;
      assert.equal((await account.clKeys({ force: true })).length, sim.state.clKeys.length);
      assert.equal(account.v2Unavailability, undefined);
    });
  }
});
