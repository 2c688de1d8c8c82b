/**
 * The clean-up sweep against the simulator's demo account over real HTTP:
 * every finding kind with its evidence, checked against the simulator's own
 * state; findings stream before the sweep ends; a second sweep within the
 * cache's lifetime sends nothing; removal plans, costs and CSV.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../src/cln/client';
import { AccountService } from '../../src/services/accountService';
import { FINDING_KINDS, findingsCsv, monthlyCost, removalPlan, sweep, type Finding } from '../../src/services/cleanup';
import { Simulator, startSimulator } from '../../src/sim';

const NOW = Date.UTC(2026, 10, 29, 12, 0);
const DAY = 86_400_000;
const DAYS = 30;

describe('clean-up sweep (demo account)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let account: AccountService;
  let findings: Finding[];
  let batches = 0;
  let requestsAfterFirst: number;

  before(async () => {
    sim = await startSimulator({ size: 'demo', now: () => NOW });
    // Imunify Email on for the whole account: every Imunify360 server pays for it.
    sim.state.accountFeatures['4600'] = 'ENABLED';
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, now: () => NOW }), { maxConcurrent: 6 });
    const streamed: Finding[] = [];
    const result = await sweep(account, {
      days: DAYS,
      now: NOW,
      onFindings: (batch) => {
        batches++;
        streamed.push(...batch);
      },
    });
    findings = result.findings;
    requestsAfterFirst = sim.requests.length;
    assert.deepEqual(streamed, findings, 'every finding was streamed, in the order of the result');
  });
  after(() => sim?.close());

  const of = (kind: string) => findings.filter((f) => f.kind === kind);

  it('finds every kind on demo data, each with evidence', () => {
    for (const kind of FINDING_KINDS) assert.ok(of(kind).length > 0, `no ${kind} finding`);
    for (const f of findings) assert.ok(f.evidence.length > 10, `${f.id} has evidence`);
    assert.ok(batches > 10, 'findings arrive in many batches, as they are found');
  });

  it('never used: exactly the IP licenses never registered or never checked in, created more than N days ago', () => {
    const expected = sim.state.ipLicenses
      .filter((l) => (!l.registered || !l.lastCheckin) && l.created.ms < NOW - DAYS * DAY)
      .map((l) => `${l.ip}:${l.type}`)
      .sort();
    const found = of('neverUsed')
      .filter((f) => f.product === 'ip')
      .map((f) => `${f.ip}:${f.removal!.args.type}`)
      .sort();
    assert.deepEqual(found, expected);
    assert.ok(of('neverUsed').some((f) => f.product === 'ip' && /^In use by a server that never checked in/.test(f.evidence)));
    assert.ok(of('neverUsed').some((f) => f.product === 'ip' && /^No server yet; created \d{4}-\d\d-\d\d \(\d+ days ago\)$/.test(f.evidence)));
  });

  it('silent: IP licenses and KernelCare and Imunify servers whose last check-in is older than N days', () => {
    const cutoff = NOW - DAYS * DAY;
    const ips = sim.state.ipLicenses.filter((l) => l.registered && l.lastCheckin && l.lastCheckin.ms < cutoff).length;
    const kc = sim.state.kcareServers.filter((s) => s.lastCheckin && s.lastCheckin.ms < cutoff).length;
    const im = sim.state.imunifyServers.filter((s) => s.lastCheckin && s.lastCheckin.ms < cutoff).length;
    assert.deepEqual(
      { ip: of('silent').filter((f) => f.product === 'ip').length, kcare: of('silent').filter((f) => f.product === 'kcare').length, im: of('silent').filter((f) => f.product === 'im').length },
      { ip: ips, kcare: kc, im },
    );
    assert.ok(ips > 0 && kc > 0 && im > 0);
    assert.match(of('silent')[0].evidence, /^Last check-in \d{4}-\d\d-\d\d, \d+ days ago/);
  });

  it('says that ELS servers carry no check-in instead of guessing', () => {
    const [note] = of('noCheckin');
    assert.equal(note.product, 'els');
    assert.match(note.evidence, new RegExp(`none of the ${sim.state.elsServers.length} ELS servers is judged`));
    assert.equal(note.removal, undefined);
  });

  it('duplicates: the same IP twice under a product’s keys keeps the newest check-in and proposes the rest', () => {
    for (const [product, servers] of [
      ['kcare', sim.state.kcareServers.map((s) => ({ id: s.serverId, ip: s.ip, last: s.lastCheckin?.ms ?? -Infinity }))],
      ['im', sim.state.imunifyServers.map((s) => ({ id: s.id, ip: s.ip, last: s.lastCheckin?.ms ?? -Infinity }))],
    ] as const) {
      const byIp = new Map<string, { id: string; last: number }[]>();
      for (const s of servers) if (s.ip) byIp.set(s.ip, [...(byIp.get(s.ip) ?? []), s]);
      const expected = [...byIp.values()]
        .filter((l) => l.length > 1)
        .flatMap((l) =>
          [...l]
            .sort((a, b) => b.last - a.last)
            .slice(1)
            .map((s) => s.id),
        )
        .sort();
      const found = of('duplicate')
        .filter((f) => f.product === product)
        .map((f) => String(Object.values(f.removal!.args)[0]))
        .sort();
      assert.ok(expected.length > 0, `the demo seed has ${product} duplicates`);
      assert.deepEqual(found, expected, product);
    }
    assert.match(of('duplicate')[0].evidence, /is registered \d times; kept: server \S+ \(last check-in/);
  });

  it('paid twice: an IP with a KernelCare or Imunify IP license that is also a server on a key of that product', () => {
    const kcIps = new Set(sim.state.kcareServers.map((s) => s.ip));
    const imIps = new Set(sim.state.imunifyServers.map((s) => s.ip));
    const expected = sim.state.ipLicenses.filter((l) => ([16, 17].includes(l.type) && kcIps.has(l.ip)) || ([40, 41, 42, 43, 49].includes(l.type) && imIps.has(l.ip))).map((l) => `${l.ip}:${l.type}`);
    const found = [...new Set(of('paidTwice').map((f) => `${f.ip}:${f.removal!.args.type}`))];
    assert.deepEqual(found.sort(), [...new Set(expected)].sort());
    assert.ok(of('paidTwice').some((f) => f.product === 'ip' && /KernelCare server/.test(f.related ?? '')));
    assert.ok(of('paidTwice').some((f) => /Imunify server/.test(f.related ?? '')));
  });

  it('keys without servers and over their limit are information only', () => {
    for (const f of [...of('keyEmpty'), ...of('keyOverLimit')]) assert.equal(f.removal, undefined);
    const over = sim.state.kcareKeys.filter((k) => k.limit > 0 && sim.state.kcareServers.filter((s) => s.key === k.key).length > k.limit);
    assert.equal(of('keyOverLimit').filter((f) => f.product === 'kcare').length, over.length);
    assert.ok(over.length > 0);
  });

  it('a second sweep within the cache lifetime sends no request', async () => {
    const again = await sweep(account, { days: DAYS, now: NOW });
    assert.equal(sim.requests.length, requestsAfterFirst);
    assert.deepEqual(again.findings.map((f) => f.id).sort(), findings.map((f) => f.id).sort());
  });

  it('plans each distinct call once, estimates the monthly cost from a price list, exports CSV', () => {
    const silentKc = of('silent').find((f) => f.product === 'kcare')!;
    const dup = { ...silentKc, id: `duplicate:${silentKc.id}`, kind: 'duplicate' as const };
    const plan = removalPlan([silentKc, dup, of('keyEmpty')[0]]);
    assert.equal(plan.length, 1, 'a server found twice is removed once; information-only findings are not planned');
    assert.match(plan[0].removal.call, /^remove server \S+ from KernelCare key \S{4}…\S{4}$/);
    const cost = monthlyCost([silentKc, dup, of('neverUsed')[0]], { kcare: 2.5 });
    assert.deepEqual(cost, { total: 2.5, priced: 1, unpriced: 1 });
    const csv = findingsCsv(findings.slice(0, 3));
    assert.equal(csv.split('\r\n').length, 5);
    assert.ok(!findings.some((f) => f.key && csv.includes(f.key)), 'keys are fingerprinted in the CSV');
  });

  it('CloudLinux OS keys (API v2): keys without servers and keys over their limit, information only', () => {
    const count = (key: string) => sim.state.clServers.filter((sv) => sv.key === key).length;
    const expectedEmpty = sim.state.clKeys.filter((k) => count(k.key) === 0).map((k) => k.key);
    const expectedOver = sim.state.clKeys.filter((k) => k.limit > 0 && count(k.key) > k.limit).map((k) => k.key);
    const cl = findings.filter((f) => f.product === 'cl');
    assert.deepEqual(
      cl
        .filter((f) => f.kind === 'keyEmpty')
        .map((f) => f.key)
        .sort(),
      expectedEmpty.sort(),
    );
    assert.deepEqual(
      cl
        .filter((f) => f.kind === 'keyOverLimit')
        .map((f) => f.key)
        .sort(),
      expectedOver.sort(),
    );
    assert.ok(cl.length > 0, 'the demo has CloudLinux OS keys to report');
    assert.ok(cl.every((f) => !f.removal && /^CloudLinux OS (Legacy|Shared Pro|Solo|Admin) key /.test(f.target)));
  });

  it('Imunify Email on a silent server: each unused Imunify360 server while the account has it on, with what it costs', async () => {
    const avp = new Set(sim.state.imunifyKeys.filter((k) => k.code === 'AVP').map((k) => k.key));
    const unused = of('silent')
      .concat(of('neverUsed'))
      .filter((f) => f.product === 'im' && f.key && !avp.has(f.key))
      .map((f) => f.id.split(':').slice(2).join(':'));
    const addons = of('addonOnUnused');
    assert.deepEqual(addons.map((f) => f.id.split(':')[2]).sort(), [...new Set(unused)].sort());
    assert.ok(addons.length > 0);
    assert.ok(addons.every((f) => !f.removal && f.evidence.includes('10 % of its Imunify360 license')));
    const priced = await sweep(account, { days: DAYS, now: NOW, prices: { im: 10 } });
    assert.ok(priced.findings.filter((f) => f.kind === 'addonOnUnused').every((f) => f.evidence.includes('about 1.00 a month')));
    sim.state.accountFeatures['4600'] = 'UNSET';
    const unset = await sweep(account, { days: DAYS, now: NOW, force: true });
    assert.deepEqual(
      unset.findings.filter((f) => f.kind === 'addonOnUnused'),
      [],
      'key and server settings are not shown: nothing is claimed',
    );
  });

  it('without API v2 the sweep still runs and says CloudLinux OS keys were not swept', async () => {
    const old = await startSimulator({ size: 'demo', now: () => NOW, v2: { unavailable: 404 } });
    try {
      const service = new AccountService(new ClnClient({ baseUrl: old.url, credentials: () => old.credentials, now: () => NOW }), { maxConcurrent: 6 });
      const result = await sweep(service, { days: DAYS, now: NOW });
      assert.ok(result.findings.some((f) => f.kind === 'silent'));
      assert.equal(result.findings.filter((f) => f.product === 'cl' || f.kind === 'addonOnUnused').length, 0);
      assert.ok(
        result.notes.some((n) => n.startsWith('CloudLinux OS keys were not swept: ')),
        result.notes.join(' | '),
      );
    } finally {
      await old.close();
    }
  });
});
