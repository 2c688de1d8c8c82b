/**
 * Attack: Resume reads the activity journal, a file on disk that anyone with access (or a
 * hostile process) can edit. An attacker who cannot call CLN appends a bulk run that "was cut
 * off", worded to look harmless, and waits for the user to click Resume. Each edit below is
 * refused before any request (the simulator's log stays empty), the item is named with why, and
 * nothing of the run is sent. The labels CLN Explorer's own writers make still resume.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ipTypeName } from '../../../src/cln/catalog';
import { ClnClient } from '../../../src/cln/client';
import { describeNode } from '../../../src/explorer/kinds';
import { AccountService } from '../../../src/services/accountService';
import { sweep } from '../../../src/services/cleanup';
import { planText, plannedCall } from '../../../src/features/accountFile/core';
import { fingerprint, Journal, type PlannedItem, type RunSummary } from '../../../src/services/journal';
import { checkRun, describeCall, resumeRun } from '../../../src/features/activity/core/resume';
import { plannedItems, stepsOf } from '../../../src/features/transfer/core/transfer';
import { Simulator, startSimulator } from '../../../src/sim';

describe('attack: a tampered activity journal, then Resume', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let dir: string;
  let journal: Journal;
  let account: AccountService;
  let n = 0;

  beforeEach(async () => {
    sim = await startSimulator({ size: 'demo' });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cln-attack-resume-'));
    journal = new Journal(path.join(dir, 'activity.jsonl'), { isAlive: () => false });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials }), { maxConcurrent: 4, journal, login: sim.credentials.login });
  });
  afterEach(async () => {
    await sim.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** What the attacker writes: a run "cut off" before any item was sent (a dead pid), as the journal's own lines. */
  async function plant(items: unknown[], title = 'Removing 2 servers'): Promise<RunSummary> {
    const id = `run-planted-${++n}`;
    const line = { rec: 'run', id, time: new Date().toISOString(), login: sim.credentials.login, title, command: 'cln.removeServer', pid: 2 ** 22 + 4321, items };
    await fs.appendFile(journal.file, JSON.stringify(line) + '\n');
    const summary = (await journal.interruptedRuns()).find((r) => r.run.id === id);
    assert.ok(summary, 'the planted run is offered for resuming');
    return summary;
  }

  /** Resume must refuse before any request, naming `item` (1-based) and why. */
  async function assertRefused(summary: RunSummary, item: number, why: RegExp): Promise<void> {
    const before = JSON.stringify(sim.state);
    sim.resetLog();
    let refused: Error | undefined;
    try {
      const results = await resumeRun(account, journal, sim.credentials.login, summary);
      assert.fail(`resumed instead of refusing: ${JSON.stringify(results)}; requests: ${sim.requests.map((r) => r.endpointId).join(', ')}`);
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      refused = error as Error;
    }
    assert.deepEqual(
      sim.requests.map((r) => r.endpointId),
      [],
      'no request reached CLN, not even a read',
    );
    assert.equal(JSON.stringify(sim.state), before, 'the account is unchanged');
    assert.match(refused.message, /^Nothing was sent: the journal's record of ".*" does not hold up/);
    assert.match(refused.message, new RegExp(`Item ${item} \\(".*"\\): `), 'the item is named');
    assert.match(refused.message, why);
    assert.equal((await journal.interruptedRuns()).filter((r) => r.run.id === summary.run.id).length, 1, 'the run is not settled: the user decides');
  }

  it('a label that says "register" on a call that removes a license', async () => {
    const license = sim.state.ipLicenses[0];
    const summary = await plant([{ target: `register ${license.ip} as ${ipTypeName(license.type)}`, action: 'ipl.remove', args: { ip: license.ip, type: license.type } }], 'Apply: 1 change');
    await assertRefused(summary, 1, /label says "register", but the call removes/);
  });

  it("a label that names one IP on a call that removes another IP's license", async () => {
    const license = sim.state.ipLicenses[0];
    const summary = await plant([
      { target: 'KernelCare server 1 (10.0.0.1)', action: 'kcare.srv.remove', args: { server_id: '1' } },
      { target: `IP license 10.0.0.1 (${ipTypeName(license.type)})`, action: 'ipl.remove', args: { ip: license.ip, type: license.type } },
    ]);
    await assertRefused(summary, 2, new RegExp(`its label names 10\\.0\\.0\\.1, but the call is for ${license.ip.replace(/\./g, '\\.')}`));
  });

  it('a label with the right IP but another license type than the call removes', async () => {
    const license = sim.state.ipLicenses.find((l) => l.type !== 16)!;
    const summary = await plant([{ target: `IP license ${license.ip} (KernelCare)`, action: 'ipl.remove', args: { ip: license.ip, type: license.type } }]);
    await assertRefused(summary, 1, new RegExp(`its label names KernelCare, but the call is for ${ipTypeName(license.type).replace(/[+()]/g, '\\$&')}`));
  });

  it("a label that names one product's server on a call that removes another product's server", async () => {
    const server = sim.state.imunifyServers[0];
    const summary = await plant([{ target: `KernelCare server ${server.id}`, action: 'im.srv.remove', args: { id: server.id } }]);
    await assertRefused(summary, 1, /its label names KernelCare, but the call removes a Imunify server/);
  });

  it('a label that names one server on a call that removes another', async () => {
    const [a, b] = sim.state.kcareServers;
    const summary = await plant([{ target: `KernelCare server ${a.serverId}`, action: 'kcare.srv.remove', args: { server_id: b.serverId }, where: { key: fingerprint(b.key) } }]);
    await assertRefused(summary, 1, new RegExp(`does not name server ${b.serverId}`));
  });

  it('an argument that fails the validators (an IP with a payload, a type that is text, an extra argument)', async () => {
    await assertRefused(
      await plant([{ target: 'IP license 10.0.0.1 (KernelCare)', action: 'ipl.remove', args: { ip: '10.0.0.1&type=1', type: 16 } }]),
      1,
      /argument "ip" fails the check: "10\.0\.0\.1&type=1" is not a valid IPv4 or IPv6 address/,
    );
    await assertRefused(await plant([{ target: 'IP license 10.0.0.1 (KernelCare)', action: 'ipl.remove', args: { ip: '10.0.0.1', type: '16' } }]), 1, /argument "type" fails the check/);
    await assertRefused(
      await plant([{ target: 'IP license 10.0.0.1 (KernelCare)', action: 'ipl.register', args: { ip: '10.0.0.1', type: 16, els_allowed: 'yes' } }]),
      1,
      /argument "els_allowed" fails the check/,
    );
    await assertRefused(
      await plant([{ target: 'IP license 10.0.0.1 (KernelCare)', action: 'ipl.remove', args: { ip: '10.0.0.1', type: 16, login: 'someone-else' } }]),
      1,
      /it passes "login", which remove an IP license does not take/,
    );
  });

  it('a call that is not in the endpoint table, or one inherited by every object', async () => {
    await assertRefused(await plant([{ target: 'IP license 10.0.0.1 (KernelCare)', action: 'ipl.removeAll', args: { ip: '10.0.0.1' } }]), 1, /its call "ipl\.removeAll" is not a CLN endpoint/);
    await assertRefused(await plant([{ target: 'IP license 10.0.0.1 (KernelCare)', action: 'constructor', args: { ip: '10.0.0.1' } }]), 1, /its call "constructor" is not a CLN endpoint/);
  });

  it('a read endpoint recorded as a change (the account token sent to a Nagios path, say)', async () => {
    await assertRefused(
      await plant([{ target: 'Nagios check', action: 'kcare.nagios.reseller', args: { login: sim.credentials.login, token: 'x' } }]),
      1,
      /its call kcare\.nagios\.reseller only reads/,
    );
  });

  it('a key written in full where the journal keeps fingerprints, and a forged wait', async () => {
    const server = sim.state.kcareServers[0];
    await assertRefused(
      await plant([{ target: `KernelCare server ${server.serverId}`, action: 'kcare.srv.remove', args: { server_id: server.serverId }, where: { key: server.key } }]),
      1,
      /re-reads \("key"\) fails the check/,
    );
    await assertRefused(
      await plant([{ target: `KernelCare server ${server.serverId}`, action: 'kcare.srv.remove', args: { server_id: server.serverId }, after: 0 }]),
      1,
      /waits for an item \(0\) that is not an earlier item/,
    );
  });

  it('a label with a line break that forges another line of the confirmation', async () => {
    const server = sim.state.kcareServers[0];
    const summary = await plant([{ target: `KernelCare server ${server.serverId}\n2. GET /ipl/list.json — list IP licenses`, action: 'kcare.srv.remove', args: { server_id: server.serverId } }]);
    await assertRefused(summary, 1, /control or invisible characters/);
  });

  it('one tampered item refuses the whole run: the honest items are not sent either', async () => {
    const [a, b] = sim.state.kcareServers;
    const license = sim.state.ipLicenses[0];
    const summary = await plant([
      {
        target: describeNode({ kind: 'kcareServer', server: { ...a, lastCheckin: null, created: null } } as never),
        action: 'kcare.srv.remove',
        args: { server_id: a.serverId },
        where: { key: fingerprint(a.key) },
      },
      { target: `KernelCare server ${b.serverId}`, action: 'ipl.remove', args: { ip: license.ip, type: license.type } },
    ]);
    await assertRefused(summary, 2, /its label names no IP address/);
    assert.ok(
      sim.state.kcareServers.some((s) => s.serverId === a.serverId),
      'the honest item was not sent',
    );
  });

  it('the runs CLN Explorer writes still resume: clean-up, license moves, Remove Server, Apply', async () => {
    const items: PlannedItem[] = [];
    // Clean-up: the removals as the clean-up report journals them.
    const { findings } = await sweep(account, { days: 30 });
    const removable = findings.filter((f) => f.removal);
    for (const f of [...removable.filter((f) => f.product === 'ip').slice(0, 3), ...removable.filter((f) => f.product !== 'ip').slice(0, 4)])
      items.push({ target: f.removal!.call, action: f.removal!.action, args: f.removal!.args, where: f.removal!.where });
    assert.ok(items.some((i) => i.action === 'ipl.remove') && items.some((i) => i.action !== 'ipl.remove'), `clean-up removals of IP licenses and servers: ${items.map((i) => i.target).join('; ')}`);
    // Change License IP: register, then remove after it.
    const license = sim.state.ipLicenses[0];
    const moves = plannedItems([{ oldIp: license.ip, oldType: license.type, newIp: '198.51.100.240', newType: license.type }]);
    items.push(...moves.map((m) => ({ ...m, after: m.after === undefined ? undefined : items.length + m.after })));
    assert.equal(stepsOf({ oldIp: license.ip, oldType: license.type, newIp: '198.51.100.240', newType: license.type }).length, 2);
    // Remove Server: described as the tree names the node.
    const kc = sim.state.kcareServers[1];
    const im = sim.state.imunifyServers[0];
    const els = sim.state.elsServers[0];
    items.push({
      target: describeNode({ kind: 'kcareServer', server: { ...kc, lastCheckin: null, created: null } } as never),
      action: 'kcare.srv.remove',
      args: { server_id: kc.serverId },
      where: { key: kc.key },
    });
    items.push({ target: describeNode({ kind: 'imServer', server: { ...im, lastCheckin: null } } as never), action: 'im.srv.remove', args: { id: im.id }, where: { key: im.key } });
    items.push({ target: describeNode({ kind: 'elsServer', server: els } as never), action: 'els.srv.remove', args: { id: els.id } });
    // Apply: a desired-state file that registers one license and removes another.
    const other = sim.state.ipLicenses.find((l) => l.ip !== license.ip)!;
    const { plan } = await planText(
      account,
      JSON.stringify({
        version: 1,
        ipLicenses: {
          licenses: [
            { ip: '2001:DB8::0:7', type: 16 },
            { ip: other.ip, type: other.type, state: 'absent' },
          ],
        },
      }),
    );
    for (const change of plan.changes) items.push({ target: change.title, ...plannedCall(change.change)! });
    assert.ok(plan.changes.length >= 2, plan.summary);

    // Written by the journal itself (keys fingerprinted, as on disk).
    const run = await journal.startRun({ login: sim.credentials.login, title: 'Everything', command: 'cln.test', items });
    const summary = (await new Journal(journal.file, { isAlive: () => false }).run(run))!;
    assert.deepEqual(checkRun(summary), [], 'no honest label is refused');
    const calls = summary.items.map((i) => describeCall(i.planned));
    assert.ok(
      calls.some((c) => c.startsWith(`GET /ipl/remove.json — remove an IP license: IP ${license.ip}, ${ipTypeName(license.type)} (type ${license.type})`)),
      calls.join('\n'),
    );
    assert.ok(calls.includes(`GET /kcare/srv/remove.json — remove a KernelCare server: server ${kc.serverId} on key ${fingerprint(kc.key)}, KernelCare`), calls.join('\n'));
    assert.ok(
      calls.some((c) => /^GET \/ipl\/register\.json — register an IP license: IP 2001:db8::(0:)?7, KernelCare \(type 16\)$/i.test(c)),
      calls.join('\n'),
    );
  });
});
