/**
 * HTTP 429: reads wait CLN's Retry-After and are sent again, the account sends
 * fewer requests at once for a while and then recovers; a change is reported
 * as not made. Against the simulator's rate limit over loopback HTTP.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { ClnError } from '../../src/cln/errors';
import { AccountService } from '../../src/services/accountService';
import { RateLimitBackoff } from '../../src/services/concurrency';
import { startSimulator } from '../../src/sim';

describe('rate limits: the allowance after HTTP 429', () => {
  it('halves on each 429 (never below 1) and gives one back per quiet step, up to the setting', () => {
    let now = 0;
    const backoff = new RateLimitBackoff(8, { recoverStepMs: 1000, now: () => now });
    assert.equal(backoff.allowed, 8);
    backoff.rateLimited();
    assert.equal(backoff.allowed, 4);
    backoff.rateLimited();
    assert.equal(backoff.allowed, 2);
    for (let i = 0; i < 5; i++) backoff.rateLimited();
    assert.equal(backoff.allowed, 1);
    now += 999;
    assert.equal(backoff.allowed, 1);
    now += 1;
    assert.equal(backoff.allowed, 2);
    now += 5000;
    assert.equal(backoff.allowed, 7);
    now += 10_000;
    assert.equal(backoff.allowed, 8);
    assert.equal(backoff.reduced, false);
    backoff.setMax(3);
    backoff.rateLimited();
    assert.equal(backoff.allowed, 1);
  });
});

describe('rate limits: reads and changes against a rate-limiting simulator', function () {
  this.timeout(30_000);

  it('many reads at once all succeed; the account slows down, then recovers', async () => {
    const sim = await startSimulator({ size: { kcareKeys: 24, kcareServersPerKey: 1 }, rateLimit: { perSecond: 25, burst: 4 } });
    try {
      const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 5000 });
      const account = new AccountService(client, { maxConcurrent: 6, rateLimitRecoverStepMs: 300 });
      const keys = sim.state.kcareKeys.map((k) => k.key);
      // The allowance while the reads run (sampled: on a loaded machine it may have recovered by the end).
      let lowest = account.allowedConcurrent;
      const sampler = setInterval(() => (lowest = Math.min(lowest, account.allowedConcurrent)), 5);
      const lists = await Promise.all(keys.map((key) => account.read('kcare.key.servers', { key }))).finally(() => clearInterval(sampler));
      assert.equal(lists.length, keys.length);
      assert.ok(sim.rateLimitedCount > 0, 'the simulator never rate-limited: the test proves nothing');
      assert.ok(lowest < 6, `the allowance never went below ${lowest} after the 429s`);
      await new Promise((resolve) => setTimeout(resolve, 300 * 6));
      assert.equal(account.allowedConcurrent, 6, 'the allowance came back');
    } finally {
      await sim.close();
    }
  });

  it('a change answered 429 is not made, says so with the wait, and is not sent again', async () => {
    const sim = await startSimulator({ rateLimit: { perSecond: 0.2, burst: 1 } });
    try {
      const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs: 5000 });
      const account = new AccountService(client, { maxConcurrent: 6 });
      await account.read('ipl.list', {});
      const before = sim.state.kcareKeys.length;
      const error = await account.change('kcare.key.create', { limit: 2 }).then(
        () => assert.fail('the change succeeded'),
        (e: unknown) => e as ClnError,
      );
      assert.equal(error.kind, 'rateLimited');
      assert.equal(error.outcomeUnknown, false);
      assert.match(error.message, /did not create a KernelCare key: nothing was changed\. Wait [45] seconds and try again\./);
      assert.equal(sim.requests.filter((r) => r.endpointId === 'kcare.key.create').length, 1);
      assert.equal(sim.state.kcareKeys.length, before);
    } finally {
      await sim.close();
    }
  });
});
