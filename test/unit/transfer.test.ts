/**
 * Two-step license changes (src/services/transfer.ts) against the simulator over
 * real HTTP: rows parsed before anything is sent, the new IP checked, the new
 * license registered before the old one is removed, every partial outcome named
 * with what finishes it, each step journaled under one run, and a run cut off
 * between the steps resumed without ever removing an old license whose
 * replacement is not there.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClnClient } from '../../src/cln/client';
import { AccountService } from '../../src/services/accountService';
import { Journal } from '../../src/services/journal';
import { resumeRun } from '../../src/features/activity/core/resume';
import { callText, checkMoves, stepText, parseTransferRows, plannedItems, runMove, runMoves, stepsOf, summarizeMoves, type Move } from '../../src/features/transfer/core/transfer';
import { Simulator, startSimulator } from '../../src/sim';

describe('two-step license changes: rows', () => {
  it('reads old_ip,new_ip[,type] rows: a header, comments, blank lines, types by number or name, quotes, tabs or spaces', () => {
    const text =
      'old_ip,new_ip,type\n# moved in May\n\n203.0.113.14,198.51.100.9,KernelCare\r\n"203.0.113.15";"198.51.100.10";17\n203.0.113.16\t198.51.100.11\n203.0.113.17 198.51.100.12 CloudLinux OS Legacy\n';
    const { rows, problems } = parseTransferRows(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(rows, [
      { line: 4, oldIp: '203.0.113.14', newIp: '198.51.100.9', type: 16 },
      { line: 5, oldIp: '203.0.113.15', newIp: '198.51.100.10', type: 17 },
      { line: 6, oldIp: '203.0.113.16', newIp: '198.51.100.11', type: undefined },
      { line: 7, oldIp: '203.0.113.17', newIp: '198.51.100.12', type: 1 },
    ]);
  });

  it('names each bad line and why, and never guesses', () => {
    const text = [
      '203.0.113.14',
      '203.0.113.14,198.51.100.300',
      '203.0.113.14,203.0.113.14',
      '203.0.113.14,198.51.100.9,Kernel',
      '203.0.113.14,198.51.100.9,16,x',
      '203.0.113.20,198.51.100.20',
      '203.0.113.20,198.51.100.21,16',
    ].join('\n');
    const { rows, problems } = parseTransferRows(text);
    assert.deepEqual(rows, [{ line: 6, oldIp: '203.0.113.20', newIp: '198.51.100.20', type: undefined }]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.problem]),
      [
        [1, 'expected old_ip,new_ip[,type], found 1 value'],
        [2, '"198.51.100.300" is not a valid IPv4 or IPv6 address.'],
        [3, 'the old and new IP are the same (203.0.113.14)'],
        [4, '"Kernel" is not an IP license type (a number such as 16, or a name such as KernelCare)'],
        [5, 'expected old_ip,new_ip[,type], found 4 values'],
        [7, '203.0.113.20 (KernelCare) is already moved by an earlier line'],
      ],
    );
  });

  it('plans register before remove, and the journal plan has the removal wait for its registration', () => {
    const move: Move = { oldIp: '203.0.113.14', oldType: 1, newIp: '198.51.100.9', newType: 1, elsAllowed: true };
    assert.deepEqual(stepsOf(move).map(callText), ['GET /ipl/register.json?ip=198.51.100.9&type=1&els_allowed=true', 'GET /ipl/remove.json?ip=203.0.113.14&type=1']);
    assert.deepEqual(stepsOf(move).map(stepText), ['Register 198.51.100.9 as CloudLinux OS Legacy, allowing CloudLinux OS 6 (ELS)', 'Remove the CloudLinux OS Legacy license of 203.0.113.14']);
    assert.deepEqual(stepsOf({ ...move, elsAllowed: undefined, newType: 16, oldType: 16 }).map(stepText), ['Register 198.51.100.9 as KernelCare', 'Remove the KernelCare license of 203.0.113.14']);
    assert.deepEqual(
      plannedItems([move, { ...move, oldIp: '203.0.113.15', newIp: '198.51.100.10' }]).map((i) => [i.action, i.args?.ip, i.after]),
      [
        ['ipl.register', '198.51.100.9', undefined],
        ['ipl.remove', '203.0.113.14', 0],
        ['ipl.register', '198.51.100.10', undefined],
        ['ipl.remove', '203.0.113.15', 2],
      ],
    );
  });
});

describe('two-step license changes against the simulator', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let dir: string;
  let journal: Journal;
  let account: AccountService;
  const login = () => sim.credentials.login;

  beforeEach(async () => {
    sim = await startSimulator({ size: { ipLicenses: 0, kcareKeys: 0, imunifyKeys: 0, elsKeysPerCode: 0, backups: 0, groups: 0, awpEntriesPerMonth: 0 }, seed: 3 });
    sim.state.foreignLicenses.length = 0;
    for (const [ip, type] of [
      ['203.0.113.14', 16],
      ['203.0.113.15', 16],
      ['203.0.113.16', 1],
      ['203.0.113.17', 16],
    ] as const) {
      sim.state.ipLicenses.push({ ip, type, registered: true, created: null, elsAllowed: false, serverInfo: null, lastCheckin: null } as never);
    }
    sim.state.foreignLicenses.push({ ip: '198.51.100.66', type: 17 });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cln-transfer-'));
    journal = new Journal(path.join(dir, 'activity.jsonl'), { isAlive: () => false });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, readRetries: 0, timeoutMs: 2000 }), { maxConcurrent: 4, journal, login: login() });
    sim.resetLog();
  });
  afterEach(async () => {
    await sim.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const held = () => sim.state.ipLicenses.map((l) => `${l.ip}#${l.type}`).sort();
  const changes = () => sim.requests.filter((r) => r.endpointId === 'ipl.register' || r.endpointId === 'ipl.remove').map((r) => `${r.endpointId} ${r.query.ip} ${r.query.type}`);
  const journalRun = { journal: undefined as unknown as Journal, login: '', title: 'Change License IP: test', command: 'cln.changeLicenseIp' };

  it('changes an IP in the right order: checks the new IP, registers there, then removes the old license; both steps journaled under one run', async () => {
    const checked = await checkMoves(account, [{ oldIp: '203.0.113.14', newIp: '198.51.100.9' }]);
    assert.deepEqual(checked, { moves: [{ oldIp: '203.0.113.14', oldType: 16, newIp: '198.51.100.9', newType: 16 }], refused: [] });
    assert.deepEqual(sim.requests.map((r) => r.endpointId).sort(), ['ipl.availability', 'ipl.check', 'ipl.list'], 'only reads so far');
    const outcomes = await runMoves(account, checked.moves, { journal: { ...journalRun, journal, login: login() } });
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['completed'],
    );
    assert.deepEqual(changes(), ['ipl.register 198.51.100.9 16', 'ipl.remove 203.0.113.14 16'], 'register first, then remove');
    assert.deepEqual(held(), ['198.51.100.9#16', '203.0.113.15#16', '203.0.113.16#1', '203.0.113.17#16']);
    const entries = await journal.entries();
    assert.deepEqual(
      entries.map((e) => [e.action, e.item, e.outcome, e.target]),
      [
        ['ipl.register', 0, 'done', 'IP license 198.51.100.9 (KernelCare), in place of 203.0.113.14 (KernelCare)'],
        ['ipl.remove', 1, 'done', 'IP license 203.0.113.14 (KernelCare), replaced by 198.51.100.9 (KernelCare)'],
      ],
    );
    assert.equal(new Set(entries.map((e) => e.run)).size, 1);
    assert.match(entries[0].run ?? '', /^run-/);
    assert.equal(summarizeMoves('Moved', outcomes).message, 'Moved 203.0.113.14 (KernelCare) → 198.51.100.9.');
  });

  it('refuses before sending anything a new IP where the type is not available, naming who holds it', async () => {
    const checked = await checkMoves(account, [
      { oldIp: '203.0.113.17', newIp: '198.51.100.66' },
      { oldIp: '203.0.113.99', newIp: '198.51.100.67' },
    ]);
    assert.deepEqual(checked.moves, []);
    assert.deepEqual(checked.refused, [
      { what: '203.0.113.99', reason: 'this account holds no IP license for 203.0.113.99' },
      { what: '203.0.113.17 (KernelCare) → 198.51.100.66', reason: 'CLN does not offer KernelCare for 198.51.100.66 (it is registered there for KernelCare Plus by another customer)' },
    ]);
    assert.deepEqual(changes(), []);
  });

  it('a registration CLN refuses leaves the old license in place, removes nothing and shows CLN’s reason', async () => {
    const [move] = (await checkMoves(account, [{ oldIp: '203.0.113.14', newIp: '198.51.100.70' }])).moves;
    sim.state.foreignLicenses.push({ ip: '198.51.100.70', type: 16 }); // taken by another customer after the check
    const outcomes = await runMoves(account, [move], { journal: { ...journalRun, journal, login: login() } });
    assert.deepEqual(changes(), ['ipl.register 198.51.100.70 16'], 'no removal was sent');
    assert.ok(held().includes('203.0.113.14#16'), 'the old license stays');
    assert.equal(outcomes[0].kind, 'notRegistered');
    const summary = summarizeMoves('Moved', outcomes);
    assert.equal(summary.level, 'error');
    assert.match(
      summary.message,
      /^198\.51\.100\.70 \(KernelCare\) was not registered, so nothing was removed; 203\.0\.113\.14 \(KernelCare\) stays\. CLN could not register an IP license: IP 198\.51\.100\.70 already has a KernelCare license of another customer/,
    );
    assert.deepEqual(
      (await journal.entries()).map((e) => [e.action, e.outcome]),
      [['ipl.register', 'refused']],
    );
  });

  it('a removal that fails leaves both held, says so, and offers the finishing step; nothing is retried', async () => {
    const [move] = (await checkMoves(account, [{ oldIp: '203.0.113.14', newIp: '198.51.100.9' }])).moves;
    sim.faults.set('ipl.remove', { kind: 'http500', times: 1 });
    const outcomes = await runMoves(account, [move]);
    assert.deepEqual(changes(), ['ipl.register 198.51.100.9 16', 'ipl.remove 203.0.113.14 16'], 'the removal was sent once');
    assert.ok(held().includes('203.0.113.14#16') && held().includes('198.51.100.9#16'), 'both are held');
    const summary = summarizeMoves('Moved', outcomes);
    assert.equal(summary.level, 'warning');
    assert.match(summary.message, /You now hold both; remove 203\.0\.113\.14 \(KernelCare\) to stop paying for it\.$/);
    assert.deepEqual(summary.finishing, [move]);
  });

  it('a removal whose answer is lost but which happened counts as done after a re-read', async () => {
    const [move] = (await checkMoves(account, [{ oldIp: '203.0.113.14', newIp: '198.51.100.9' }])).moves;
    sim.faults.set('ipl.remove', { kind: 'html', times: 1, afterCommit: true });
    const { outcome } = await runMove(account, move);
    assert.equal(outcome.kind, 'completed');
    assert.deepEqual(held(), ['198.51.100.9#16', '203.0.113.15#16', '203.0.113.16#1', '203.0.113.17#16']);
  });

  it('changes a product: KernelCare → KernelCare Plus on the same IP, registered before the old type is removed', async () => {
    const checked = await checkMoves(account, [{ oldIp: '203.0.113.15', newIp: '203.0.113.15', oldType: 16, newType: 17 }]);
    assert.deepEqual(checked.refused, []);
    const outcomes = await runMoves(account, checked.moves);
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['completed'],
    );
    assert.deepEqual(changes(), ['ipl.register 203.0.113.15 17', 'ipl.remove 203.0.113.15 16']);
    assert.ok(held().includes('203.0.113.15#17') && !held().includes('203.0.113.15#16'));
    assert.equal(summarizeMoves('Changed', outcomes).message, 'Changed 203.0.113.15: KernelCare → KernelCare Plus.');
  });

  it('cancelling stops between rows: the rest are untouched and counted so', async () => {
    const { moves } = await checkMoves(account, [
      { oldIp: '203.0.113.14', newIp: '198.51.100.9' },
      { oldIp: '203.0.113.15', newIp: '198.51.100.10' },
    ]);
    const controller = new AbortController();
    const outcomes = await runMoves(account, moves, { signal: controller.signal, onMove: (i) => i === 0 && controller.abort() });
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['completed', 'notAttempted'],
    );
    assert.deepEqual(changes(), ['ipl.register 198.51.100.9 16', 'ipl.remove 203.0.113.14 16']);
    assert.match(summarizeMoves('Moved', outcomes).message, /^Moved 1 of 2 licenses; 1 untouched\.$/);
  });

  it('a run cut off between the steps resumes: the removal goes only where the registration is in place', async () => {
    const { moves } = await checkMoves(account, [
      { oldIp: '203.0.113.14', newIp: '198.51.100.9' },
      { oldIp: '203.0.113.15', newIp: '198.51.100.10' },
    ]);
    // The window closed after each registration was sent, before either removal: the first registration succeeded, the second was refused.
    const run = await journal.startRun({ login: login(), title: 'Change License IP: 2 licenses', command: 'cln.changeLicenseIp', items: plannedItems(moves) });
    sim.state.foreignLicenses.push({ ip: '198.51.100.10', type: 16 });
    for (const [i, move] of moves.entries()) {
      const [register] = stepsOf(move);
      await account.change('ipl.register', register.args, { run, item: 2 * i, target: register.target }).catch(() => undefined);
    }
    const later = new Journal(journal.file, { isAlive: () => false });
    const [cut] = await later.interruptedRuns();
    assert.equal(cut.run.id, run);
    assert.deepEqual(
      cut.items.map((i) => i.state),
      ['done', 'unsent', 'refused', 'unsent'],
    );
    sim.resetLog();
    const results = await resumeRun(account, later, login(), cut);
    assert.deepEqual(
      results.map((r) => [r.index, r.result]),
      [
        [1, 'sent'],
        [3, 'heldBack'],
      ],
    );
    assert.deepEqual(changes(), ['ipl.remove 203.0.113.14 16'], 'only the removal whose replacement is registered');
    assert.ok(held().includes('203.0.113.15#16'), 'the old license whose registration was refused stays');
  });

  it('resume sends a registration never sent, then its removal, re-reading in between', async () => {
    const { moves } = await checkMoves(account, [{ oldIp: '203.0.113.14', newIp: '198.51.100.9' }]);
    await journal.startRun({ login: login(), title: 'Change License IP: 1 license', command: 'cln.changeLicenseIp', items: plannedItems(moves) });
    const later = new Journal(journal.file, { isAlive: () => false });
    const [cut] = await later.interruptedRuns();
    sim.resetLog();
    const results = await resumeRun(account, later, login(), cut);
    assert.deepEqual(
      results.map((r) => [r.index, r.result, r.result === 'sent' ? r.outcome : '']),
      [
        [0, 'sent', 'done'],
        [1, 'sent', 'done'],
      ],
    );
    assert.deepEqual(changes(), ['ipl.register 198.51.100.9 16', 'ipl.remove 203.0.113.14 16']);
  });
});
