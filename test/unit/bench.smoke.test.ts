/**
 * The benchmark at small size (npm run bench's code, so it cannot rot): every
 * scenario runs through the real Session/AccountService against the simulator
 * process, and the request counts the simulator saw are exact. Times are not judged.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { measureActivation } from '../../scripts/bench/activation';
import { Bench, SMOKE_SIZE, startBench } from '../../scripts/bench/harness';
import { naiveRuns } from '../../scripts/bench/naive';
import { failedChecks, ScenarioResult } from '../../scripts/bench/results';
import { awpTrend, cachedAndCoalesced, cleanupSweep, ipLicenses, kernelCareServers, kernelCareServersRateLimited, openLicensesView } from '../../scripts/bench/scenarios';
import { allServers, findUnderLastKey, naiveScale, progressiveIpLicenses } from '../../scripts/bench/scale';
import { ELS_CODES } from '../../src/cln/catalog';
import { scenarioTable } from '../../scripts/bench/table';

const RUN = { latencyMs: 5, maxConcurrent: 6 };
const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('benchmark smoke (small account, 5 ms latency)', function () {
  this.timeout(60_000);
  let b: Bench;
  const results: ScenarioResult[] = [];
  const scenario = (id: string) => {
    const found = results.find((r) => r.id === id && r.client === 'ours');
    assert.ok(found, `scenario ${id} did not run`);
    return found;
  };

  before(async () => {
    b = await startBench({ size: SMOKE_SIZE, ...RUN });
  });
  after(async () => {
    await b?.close();
  });

  it('1: opening the Licenses view shows the five families, Backups (retired) among them, after one ab/list', async () => {
    results.push(...(await openLicensesView(b)));
    assert.equal(scenario('1').requests, 1);
    assert.deepEqual(failedChecks(results), []);
  });

  it('2: expanding IP Licenses issues one ipl/list and exactly ceil(unique IPs / 100) ipl/server calls', async () => {
    results.push(await ipLicenses(b));
    const r = scenario('2');
    assert.ok(b.facts.uniqueIps > 200, 'the smoke account should need several batches');
    // + 1: the smoke account holds an IP type the catalog lacks (2), named by API v2's types call beside the details.
    assert.equal(r.requests, 1 + Math.ceil(b.facts.uniqueIps / 100) + 1);
    assert.deepEqual(failedChecks([r]), []);
  });

  it('3: the servers of every KernelCare key: one list, and per key one call for its servers and one for its patch levels, all servers loaded', async () => {
    results.push(await kernelCareServers(b));
    const r = scenario('3');
    assert.equal(r.requests, 1 + 2 * b.facts.kcareKeys);
    assert.ok(r.maxInFlight <= RUN.maxConcurrent, `${r.maxInFlight} in flight`);
    assert.deepEqual(failedChecks([r]), []);
  });

  it('4: a repeated expansion and two callers at once cause zero extra requests', async () => {
    results.push(...(await cachedAndCoalesced(b)));
    assert.equal(scenario('4a').requests, 0);
    // + 1: API v2's types call (the account holds an IP type the catalog lacks), shared by both callers.
    assert.equal(scenario('4b').requests, 1 + Math.ceil(b.facts.uniqueIps / 100) + 1);
  });

  it('5: the AWP trend is twelve requests with at most cln.maxConcurrentRequests in flight', async () => {
    results.push(await awpTrend(b));
    const r = scenario('5');
    assert.equal(r.requests, 12);
    assert.ok(r.maxInFlight >= 2 && r.maxInFlight <= RUN.maxConcurrent, `${r.maxInFlight} in flight (observed at the simulator)`);
  });

  it('6: Find Unused Licenses reads each list once (ipl/server in batches of 100, one call per key, two per ELS code) and again not at all', async () => {
    results.push(...(await cleanupSweep(b)));
    const r = scenario('6');
    const v1 = 3 + Math.ceil(b.facts.uniqueIps / 100) + b.facts.kcareKeys + b.facts.imunifyKeys + 2 * ELS_CODES.length;
    // API v2 besides: the add-on settings, a CloudLinux OS key list per product (4), a server list per product with keys (at most 4).
    assert.equal(r.requests, r.unavoidable);
    assert.ok(r.unavoidable >= v1 + 5 && r.unavoidable <= v1 + 9, `${r.unavoidable} requests (v1 part ${v1})`);
    assert.ok(r.maxInFlight <= RUN.maxConcurrent, `${r.maxInFlight} in flight`);
    assert.ok(r.firstFindingMs !== undefined && r.firstFindingMs < r.wallMs, 'findings arrive before the sweep ends');
    assert.equal(scenario('6b').requests, 0);
    assert.deepEqual(failedChecks(results), []);
  });

  it('8a/8b: IP license rows after ipl/list alone; every detail with exactly one ipl/list and ceil(unique IPs / 100) batches', async () => {
    results.push(...(await progressiveIpLicenses(b)));
    assert.equal(scenario('8a').requests, 1);
    assert.equal(scenario('8b').requests, 1 + Math.ceil(b.facts.uniqueIps / 100) + 1);
    assert.deepEqual(failedChecks([scenario('8a'), scenario('8b')]), []);
  });

  it('9: Find for an IP under the last KernelCare key: the lists, then every KernelCare key once, the result with the last', async () => {
    results.push(await findUnderLastKey(b));
    const r = scenario('9');
    const lists = 4 + ELS_CODES.length; // ipl, kcare keys, im keys, groups, ELS keys per code
    // Besides these, the other workers go on to the keys after it until the result comes: typically up to
    // (max concurrent − 1) reads, more when the machine delays the last answer. Never the whole search: what
    // had not started when the user took the result is never sent.
    const f = b.facts;
    const wholeSearch = lists + ELS_CODES.length + f.kcareKeys + f.imunifyKeys + f.groups + Math.ceil(f.uniqueIps / 100);
    assert.ok(r.requests >= lists + f.kcareKeys && r.requests < wholeSearch, `${r.requests} requests (whole search ${wholeSearch})`);
    assert.deepEqual(failedChecks([r]), []);
  });

  it('10a–10c: All Servers cold reads every list and server list once, first rows after the lists; warm, nothing', async () => {
    results.push(...(await allServers(b)));
    const f = b.facts;
    // + 8: CloudLinux OS keys and servers (API v2), one request each per product.
    assert.equal(scenario('10a').requests, 4 + 2 * ELS_CODES.length + f.kcareKeys + f.imunifyKeys + f.groups + Math.ceil(f.uniqueIps / 100) + 8);
    assert.equal(scenario('10b').requests, 0);
    assert.ok(scenario('10c').wallMs < scenario('10a').wallMs, 'the first rows come before the whole list');
    assert.deepEqual(failedChecks([scenario('10a'), scenario('10b'), scenario('10c')]), []);
  });

  it('7: the naive client runs every scenario one request at a time, extrapolating samples', async () => {
    const naive = await naiveRuns(b, { ips: 20, keys: 5 });
    assert.deepEqual(naive.map((r) => r.id).sort(), ['1b', '2', '3', '4a', '4b', '5', '6']);
    const two = naive.find((r) => r.id === '2')!;
    assert.equal(two.requests, 1 + b.facts.uniqueIps, 'one ipl/server call per IP');
    assert.match(two.note ?? '', /extrapolated from 20 of \d+ IPs/);
    assert.ok(naive.every((r) => r.maxInFlight === 1));
    results.push(...naive, ...naiveScale(naive, results));
    assert.deepEqual(
      results
        .filter((r) => r.client === 'naive')
        .map((r) => r.id)
        .sort(),
      ['1b', '2', '3', '4a', '4b', '5', '6', '8a', '8b', '9', '10a', '10b'].sort(),
    );
    assert.match(scenarioTable(results, RUN), /\| 2 +\| .* \| naive +\|/);
  });

  it('measures activation under the stand-in vscode module without any request', () => {
    const activation = measureActivation(ROOT, 1);
    assert.equal(activation.error, undefined, `activate() failed under the stand-in: ${activation.error}`);
    assert.equal(activation.requests, 0, 'activation opened a connection');
    assert.ok(activation.medianMs > 0);
  });
});

describe('benchmark smoke: KernelCare sweep against a simulator that rate-limits', function () {
  this.timeout(120_000);

  it('3r: every read succeeds although CLN answers 429 past its rate; each 429 is waited out', async () => {
    const limit = { perSecond: 20, burst: 5 };
    const b = await startBench({ size: SMOKE_SIZE, ...RUN, rateLimit: limit });
    try {
      const r = await kernelCareServersRateLimited(b, limit);
      assert.deepEqual(failedChecks([r]), []);
      assert.match(r.note ?? '', /^[1-9]\d* answers were HTTP 429/, `the limit never bit: ${r.note}`);
    } finally {
      await b.close();
    }
  });
});
