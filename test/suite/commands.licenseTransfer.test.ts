// Change License IP and Change License Product from the user's side: every answer
// scripted, the simulator's request log and state after, the notices and their
// buttons, and the activity journal's record of the run.
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { Harness, notices, onlyNotice, sleep, titles, useSignedInHarness } from './commandHelpers';

const licenseNode = (ip: string, type: number): ExplorerNode => ({ kind: 'ipLicense', license: { ip, type, registered: true, created: null } });

describe('Change License IP / Change License Product', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(11, (harness) => (h = harness));

  /** Licenses of this account at TEST-NET-1 addresses the seed never uses. */
  function hold(...licenses: [string, number][]): void {
    for (const [ip, type] of licenses) h.sim.state.ipLicenses.push({ ip, type, registered: true, created: null, elsAllowed: false, serverInfo: null, lastCheckin: null } as never);
  }
  const owns = (ip: string, type: number) => h.sim.state.ipLicenses.some((l) => l.ip === ip && l.type === type);
  const changes = () => h.changeRequests().map((r) => `${r.endpointId} ${r.query.ip} ${r.query.type}`);

  it('moves a license row to a new IP: checks the IP, previews the calls, registers there, then removes the old license', async () => {
    hold(['192.0.2.10', 16]);
    const prompter = h.script([{ input: '192.0.2.110' }, { pick: 'Preview, then change' }, { confirm: true }]);
    await h.run('cln.changeLicenseIp', licenseNode('192.0.2.10', 16));
    assert.deepStrictEqual(titles(prompter), ['input: New IP address', 'pick: Run or dry run', 'confirm: Move 192.0.2.10 (KernelCare) → 192.0.2.110?']);
    const detail = prompter.asked[2].detail ?? '';
    assert.match(detail, /\n1\. Register 192\.0\.2\.110 as KernelCare\n2\. Remove the KernelCare license of 192\.0\.2\.10$/, 'the confirmation says the steps in words, in order');
    assert.ok(!/GET |\.json|\?ip=/.test(detail), `no raw call in the confirmation: ${detail}`);
    const reads = h.sim.requests.map((r) => r.endpointId);
    assert.ok(reads.indexOf('ipl.availability') < reads.indexOf('ipl.register') && reads.includes('ipl.check'), 'the new IP was checked first');
    assert.deepStrictEqual(changes(), ['ipl.register 192.0.2.110 16', 'ipl.remove 192.0.2.10 16'], 'register, then remove');
    assert.ok(owns('192.0.2.110', 16) && !owns('192.0.2.10', 16));
    assert.deepStrictEqual(onlyNotice(prompter), { level: 'info', message: 'Moved 192.0.2.10 (KernelCare) → 192.0.2.110.', actions: [] });
    const entries = (await h.api.journal.entries()).filter((e) => e.target.includes('192.0.2.110'));
    assert.deepStrictEqual(
      entries.map((e) => [e.action, e.item, e.outcome]),
      [
        ['ipl.register', 0, 'done'],
        ['ipl.remove', 1, 'done'],
      ],
    );
    assert.ok(entries[0].run && entries[0].run === entries[1].run, 'both steps belong to one run');
  });

  it('a dry run shows the calls and sends nothing', async () => {
    hold(['192.0.2.11', 16]);
    const prompter = h.script([{ pick: /Licenses of this account/ }, { pickMany: ['192.0.2.11'] }, { input: '192.0.2.111' }, { pick: 'Dry run' }]);
    await h.run('cln.changeLicenseIp');
    assert.deepStrictEqual(h.changeRequests(), [], 'nothing was sent');
    assert.strictEqual(onlyNotice(prompter).message, 'Dry run: nothing was sent. The 2 steps would be: Register 192.0.2.111 as KernelCare, Remove the KernelCare license of 192.0.2.11.');
    assert.ok(owns('192.0.2.11', 16) && !owns('192.0.2.111', 16));
  });

  it('refuses the current IP as the new one while it is typed, and sends nothing', async () => {
    hold(['192.0.2.29', 16]);
    const prompter = h.script([{ input: '192.0.2.29' }]);
    await h.run('cln.changeLicenseIp', licenseNode('192.0.2.29', 16));
    assert.strictEqual(prompter.asked[0].validation, '192.0.2.29 is the current IP of this license; enter the address it moves to.', 'the input box says why and stays open');
    assert.deepStrictEqual(prompter.notices, [], 'no notice ends the flow');
    assert.deepStrictEqual(h.changeRequests(), []);
    assert.ok(owns('192.0.2.29', 16));
  });

  it('a new IP where the type is taken sends nothing and keeps the old license, saying why', async () => {
    hold(['192.0.2.12', 16]);
    h.sim.state.foreignLicenses.push({ ip: '192.0.2.66', type: 17 });
    const prompter = h.script([{ input: '192.0.2.66' }]);
    await h.run('cln.changeLicenseIp', licenseNode('192.0.2.12', 16));
    assert.deepStrictEqual(h.changeRequests(), []);
    assert.ok(owns('192.0.2.12', 16));
    assert.strictEqual(
      onlyNotice(prompter).message,
      'Nothing was sent: 192.0.2.12 (KernelCare) → 192.0.2.66 — CLN does not offer KernelCare for 192.0.2.66 (it is registered there for KernelCare Plus by another customer).',
    );
  });

  it('when the old license cannot be removed: "you now hold both", and the button removes it', async () => {
    hold(['192.0.2.13', 16]);
    h.sim.faults.set('ipl.remove', { kind: 'http500', times: 1 });
    const prompter = h.script([{ input: '192.0.2.113' }, { pick: 'Preview, then change' }, { confirm: true }], { 'now hold both': 'Remove 192.0.2.13 (KernelCare)' });
    await h.run('cln.changeLicenseIp', licenseNode('192.0.2.13', 16));
    const first = prompter.notices[0];
    assert.strictEqual(first.level, 'warning');
    assert.match(
      first.message,
      /^192\.0\.2\.113 \(KernelCare\) is registered, but 192\.0\.2\.13 \(KernelCare\) could not be removed: .*You now hold both; remove 192\.0\.2\.13 \(KernelCare\) to stop paying for it\.$/,
    );
    assert.deepStrictEqual(first.actions, ['Remove 192.0.2.13 (KernelCare)', 'Show Log']);
    for (let i = 0; i < 50 && owns('192.0.2.13', 16); i++) await sleep(100);
    assert.ok(!owns('192.0.2.13', 16) && owns('192.0.2.113', 16), 'the button finished the change');
    assert.deepStrictEqual(changes(), ['ipl.register 192.0.2.113 16', 'ipl.remove 192.0.2.13 16', 'ipl.remove 192.0.2.13 16'], 'the second removal is the user’s click, not a retry');
    for (let i = 0; i < 50 && prompter.notices.length < 2; i++) await sleep(100);
    assert.deepStrictEqual(notices(prompter).slice(1), ['info: Removed 192.0.2.13 (KernelCare).']);
  });

  it('changes a product on the same IP: KernelCare → KernelCare Plus, registered before the old type is removed', async () => {
    hold(['192.0.2.14', 16]);
    const prompter = h.script([{ pick: 'KernelCare Plus' }, { pick: 'Preview, then change' }, { confirm: true }]);
    await h.run('cln.changeLicenseProduct', licenseNode('192.0.2.14', 16));
    assert.deepStrictEqual(changes(), ['ipl.register 192.0.2.14 17', 'ipl.remove 192.0.2.14 16']);
    assert.ok(owns('192.0.2.14', 17) && !owns('192.0.2.14', 16));
    assert.strictEqual(onlyNotice(prompter).message, 'Changed 192.0.2.14: KernelCare → KernelCare Plus.');
  });

  it('leaves Imunify licenses to Convert IP License', async () => {
    hold(['192.0.2.19', 41]);
    const prompter = h.script([]);
    await h.run('cln.changeLicenseProduct', licenseNode('192.0.2.19', 41));
    assert.deepStrictEqual(h.changeRequests(), []);
    assert.match(onlyNotice(prompter).message, /^Imunify licenses change product with Convert IP License/);
  });

  it('a 3-row CSV with one bad row: two moved, the bad one untouched, one journaled run', async () => {
    hold(['192.0.2.15', 16], ['192.0.2.16', 1], ['192.0.2.17', 16]);
    h.sim.state.foreignLicenses.push({ ip: '192.0.2.67', type: 17 });
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'cln-csv-')), 'moves.csv');
    await fs.writeFile(file, 'old_ip,new_ip,type\n192.0.2.15,192.0.2.115,KernelCare\n192.0.2.16,192.0.2.116\n192.0.2.17,192.0.2.67,16\n');
    const prompter = h.script([{ pick: /Read a CSV file/ }, { open: file }, { pick: 'No' }, { pick: 'Preview, then change' }, { confirm: true }]);
    await h.run('cln.changeLicenseIp');
    assert.deepStrictEqual(titles(prompter), [
      'pick: Change License IP',
      'open: CSV of old_ip,new_ip[,type] rows',
      'pick: Allow CL6 (ELS) registration?',
      'pick: Run or dry run',
      'confirm: Move 2 IP licenses?',
    ]);
    assert.deepStrictEqual(changes(), ['ipl.register 192.0.2.115 16', 'ipl.remove 192.0.2.15 16', 'ipl.register 192.0.2.116 1', 'ipl.remove 192.0.2.16 1']);
    const rowIps = ['192.0.2.15', '192.0.2.16', '192.0.2.17', '192.0.2.115', '192.0.2.116', '192.0.2.67'];
    const mine = h.sim.state.ipLicenses
      .filter((l) => rowIps.includes(l.ip))
      .map((l) => `${l.ip}#${l.type}`)
      .sort();
    assert.deepStrictEqual(mine, ['192.0.2.115#16', '192.0.2.116#1', '192.0.2.17#16']);
    assert.strictEqual(h.sim.state.ipLicenses.find((l) => l.ip === '192.0.2.116')?.elsAllowed, false);
    const notice = onlyNotice(prompter);
    assert.strictEqual(notice.level, 'warning');
    assert.strictEqual(
      notice.message,
      'Moved 2 of 3 licenses; 1 untouched — 192.0.2.17 (KernelCare) → 192.0.2.67: CLN does not offer KernelCare for 192.0.2.67 (it is registered there for KernelCare Plus by another customer).',
    );
    const entries = (await h.api.journal.entries()).filter((e) => /192\.0\.2\.11[56]/.test(e.target));
    assert.deepStrictEqual(
      entries.map((e) => [e.action, e.args.ip, e.item, e.outcome]),
      [
        ['ipl.register', '192.0.2.115', 0, 'done'],
        ['ipl.remove', '192.0.2.15', 1, 'done'],
        ['ipl.register', '192.0.2.116', 2, 'done'],
        ['ipl.remove', '192.0.2.16', 3, 'done'],
      ],
    );
    const run = await h.api.journal.run(entries[0].run!);
    assert.deepStrictEqual([run?.run.title, run?.run.done], ['Changing the IP of 2 licenses', 'Changed the IP of 2 licenses'], 'the Activity row, as started and once done');
    assert.ok(run?.run.ended && !run.run.ended.cancelled, 'the run ended');
    assert.deepStrictEqual(run?.counts, { done: 4, refused: 0, failed: 0, unchanged: 0, unknown: 0, unsent: 0 });
  });
});
