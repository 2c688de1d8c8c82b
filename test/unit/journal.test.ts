/**
 * The activity journal through the one place every change passes,
 * AccountService.change(), against the simulator over real HTTP: an entry is on
 * disk before the request leaves, completed with CLN's outcome, never holds a
 * secret, and bulk runs can be told apart item by item after an interruption.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClnClient } from '../../src/cln/client';
import { ClnError } from '../../src/cln/errors';
import { AccountService } from '../../src/services/accountService';
import { fingerprint, Journal, journalCsv, matchesFilter, withChangeContext } from '../../src/services/journal';
import { Simulator, startSimulator } from '../../src/sim';

describe('activity journal', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let dir: string;
  let journal: Journal;
  let account: AccountService;

  beforeEach(async () => {
    sim = await startSimulator({ size: 'demo' });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cln-journal-'));
    journal = new Journal(path.join(dir, 'activity.jsonl'), { secrets: () => [sim.credentials.secretKey], isAlive: () => false });
    const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, readRetries: 0 });
    account = new AccountService(client, { maxConcurrent: 4, journal, login: sim.credentials.login });
  });
  afterEach(async () => {
    await sim.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes the change to disk before the request is sent, then its outcome', async () => {
    const license = sim.state.ipLicenses[0];
    let onDiskWhenSent = '';
    const original = account.client.call.bind(account.client);
    // Read the file at the moment the client is asked to send: the entry must already be there.
    (account.client as { call: typeof original }).call = (async (id: never, args: never, options: never) => {
      onDiskWhenSent = await fs.readFile(journal.file, 'utf8');
      return original(id, args, options);
    }) as typeof original;
    await account.change('ipl.remove', { ip: license.ip, type: license.type }, { target: `IP license ${license.ip}` });
    assert.match(onDiskWhenSent, new RegExp(`"rec":"change".*"target":"IP license ${license.ip.replace(/\./g, '\\.')}"`));
    assert.doesNotMatch(onDiskWhenSent, /"rec":"outcome"/);
    const [entry] = await journal.entries();
    assert.equal(entry.outcome, 'done');
    assert.equal(entry.login, sim.credentials.login);
    assert.equal(entry.action, 'ipl.remove');
    assert.deepEqual(entry.args, { ip: license.ip, type: license.type });
    assert.ok(!sim.state.ipLicenses.some((l) => l.ip === license.ip && l.type === license.type), 'the license is gone at the simulator');
  });

  it('records a refusal with CLN’s message, and an unknown outcome as unknown', async () => {
    const foreign = sim.state.foreignLicenses[0];
    await assert.rejects(account.change('ipl.register', { ip: foreign.ip, type: foreign.type }));
    assert.equal(await account.change('ipl.remove', { ip: '198.51.100.254', type: 16 }), false);
    sim.faults.set('kcare.srv.remove', { kind: 'http500', afterCommit: true, times: 1 });
    const server = sim.state.kcareServers[0];
    await assert.rejects(account.change('kcare.srv.remove', { server_id: server.serverId }), (e: unknown) => e instanceof ClnError && e.outcomeUnknown);
    const [refused, unchanged, unknown] = await journal.entries();
    assert.equal(refused.outcome, 'refused');
    assert.match(refused.message ?? '', /another customer/, 'CLN’s message is kept');
    assert.equal(unchanged.outcome, 'unchanged');
    assert.match(unchanged.message ?? '', /nothing was changed/);
    assert.equal(unknown.outcome, 'unknown');
    assert.equal(unknown.target, `remove a KernelCare server: server_id=${server.serverId}`);
  });

  it('keeps no secret: keys are fingerprinted in arguments and targets, tokens and the secret key never appear', async () => {
    const key = sim.state.kcareKeys[0].key;
    await account.change('kcare.key.delete', { key }, { target: `KernelCare key ${key}` });
    const text = await fs.readFile(journal.file, 'utf8');
    assert.ok(!text.includes(key), 'the full key is not stored');
    assert.ok(!text.includes(sim.credentials.secretKey));
    assert.doesNotMatch(text, /token=/);
    const [entry] = await journal.entries();
    assert.equal(entry.args.key, fingerprint(key));
    assert.equal(entry.target, `KernelCare key ${fingerprint(key)}`);
    assert.equal(entry.outcome, 'done');
  });

  it('sends nothing when the journal cannot be written', async () => {
    const blocked = new Journal(path.join(dir, 'not-a-dir', 'activity.jsonl'));
    await fs.writeFile(path.join(dir, 'not-a-dir'), 'a file where the folder should be');
    const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials });
    const guarded = new AccountService(client, { maxConcurrent: 1, journal: blocked, login: 'x' });
    sim.resetLog();
    const license = sim.state.ipLicenses[0];
    await assert.rejects(guarded.change('ipl.remove', { ip: license.ip, type: license.type }), /Nothing was sent: the activity journal could not be written/);
    assert.equal(sim.requests.length, 0);
    assert.ok(sim.state.ipLicenses.includes(license));
  });

  it('names an interrupted bulk run item by item: done, unknown, never sent', async () => {
    const servers = sim.state.kcareServers.slice(0, 4);
    const run = await journal.startRun({
      login: sim.credentials.login,
      title: 'Remove 4 servers',
      command: 'test',
      items: servers.map((s) => ({ target: `server ${s.serverId}`, action: 'kcare.srv.remove', args: { server_id: s.serverId }, where: { key: s.key } })),
    });
    await withChangeContext({ run, item: 0, target: `server ${servers[0].serverId}` }, () => account.change('kcare.srv.remove', { server_id: servers[0].serverId }));
    sim.faults.set('kcare.srv.remove', { kind: 'http500', afterCommit: true, times: 1 });
    await assert.rejects(withChangeContext({ run, item: 1 }, () => account.change('kcare.srv.remove', { server_id: servers[1].serverId })));
    // No runEnd: the process "died" here. A fresh journal on the same file (the next start) reads it.
    const next = new Journal(journal.file, { isAlive: () => false });
    const [interrupted] = await next.interruptedRuns();
    assert.equal(interrupted.run.id, run);
    assert.deepEqual(
      interrupted.items.map((i) => i.state),
      ['done', 'unknown', 'unsent', 'unsent'],
    );
    assert.deepEqual(interrupted.counts, { done: 1, refused: 0, failed: 0, unchanged: 0, unknown: 1, unsent: 2 });
    assert.equal(interrupted.items[0].entry?.target, `server ${servers[0].serverId}`);
    assert.equal(interrupted.items[2].planned.where?.key, fingerprint(servers[2].key));
    // A run whose process still lives (another window) is not named; a settled one neither.
    assert.equal((await new Journal(journal.file, { isAlive: () => true }).interruptedRuns()).length, 0);
    await next.settleRun(run, 'dismissed');
    assert.equal((await next.interruptedRuns()).length, 0);
  });

  it('an ended run is not interrupted; a torn last line (a crash mid-write) is skipped', async () => {
    const run = await journal.startRun({ login: 'l', title: 't', command: 'c', items: [{ target: 'x' }] });
    await journal.endRun(run);
    await fs.appendFile(journal.file, '{"rec":"change","id":"torn","ti');
    assert.deepEqual(await journal.interruptedRuns(), []);
    assert.deepEqual(await journal.entries(), []);
  });

  it('an edited line of the wrong shape is passed over: the other runs are still named, and nothing throws', async () => {
    const run = await journal.startRun({ login: 'l', title: 'Remove 1 server', command: 'c', items: [{ target: 'server 1' }] });
    // Lines someone wrote into the file: a run whose items are not a list, a change with no arguments, a bare value.
    await fs.appendFile(
      journal.file,
      [
        '{"rec":"run","id":"edited","time":"t","login":"l","title":"x","command":"c","pid":1,"items":"all of them"}',
        '{"rec":"change","id":"c1","time":"t","login":"l","action":"ipl.remove","title":"x","target":"y"}',
        '42',
        'null',
        '',
      ].join('\n'),
    );
    const runs = await new Journal(journal.file, { isAlive: () => false }).interruptedRuns();
    assert.deepEqual(
      runs.map((r) => r.run.id),
      [run],
    );
    assert.deepEqual(await journal.entries(), []);
  });

  it('filters by words and exports CSV safe for spreadsheets', async () => {
    const license = sim.state.ipLicenses[0];
    await account.change('ipl.remove', { ip: license.ip, type: license.type }, { target: `=HYPERLINK("x"), ${license.ip}` });
    const entries = await journal.entries();
    assert.ok(matchesFilter(entries[0], `${license.ip} done`));
    assert.ok(!matchesFilter(entries[0], 'refused'));
    const csv = journalCsv(entries);
    assert.match(csv, /^time,login,action,target,arguments,outcome,message,run,completed\r\n/);
    assert.ok(csv.includes(`"'=HYPERLINK(""x""), ${license.ip}"`), csv);
  });
});
