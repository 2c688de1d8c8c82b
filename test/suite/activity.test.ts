// The activity journal from the user's side: every change a command makes is
// listed in the Activity view with its outcome, filterable and exportable, and
// a bulk run cut off by a killed extension host is resumed item by item.
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { ipTypeName } from '../../src/cln/catalog';
import { fingerprint, type JournalEntry } from '../../src/services/journal';
import type { ActivityNode } from '../../src/features/activity/activityView';
import { Harness, nodeOf, notices, useSignedInHarness } from './commandHelpers';
import { labelOf } from './helpers';

describe('Activity journal', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(11, (harness) => (h = harness));

  const describe = (s: { id: string; ip: string | null }) => (s.ip ? `Imunify server ${s.id} (${s.ip})` : `Imunify server ${s.id}`);
  /** Every change the view lists, newest row first (a run's changes in the order sent, from its row's children). */
  const rows = async (): Promise<JournalEntry[]> =>
    ((await h.api.activity.getChildren()) as ActivityNode[]).flatMap((n) => (n.kind === 'entry' ? [n.entry] : n.kind === 'run' ? [...n.entries].reverse() : []));
  /** What the view shows at its top level, and under each row: the labels and descriptions a user reads. */
  const shown = async (): Promise<{ label: string; description: string; children: string[] }[]> => {
    const top = (await h.api.activity.getChildren()) as ActivityNode[];
    return Promise.all(
      top.map(async (node) => {
        const item = await h.api.activity.getTreeItem(node);
        const children = await Promise.all(((await h.api.activity.getChildren(node)) as ActivityNode[]).map(async (child) => labelOf(await h.api.activity.getTreeItem(child))));
        return { label: labelOf(item), description: String(item.description ?? ''), children };
      }),
    );
  };

  it('lists a change made by Remove IP License, newest first, with its outcome', async () => {
    const { ip, type } = h.sim.state.ipLicenses[0];
    h.script([{ pick: ip }, { pick: ipTypeName(type) }, { confirm: true }]);
    await h.run('cln.removeIpLicense');
    const [newest] = await rows();
    assert.strictEqual(newest.action, 'ipl.remove');
    assert.strictEqual(newest.outcome, 'done');
    assert.strictEqual(newest.login, h.sim.credentials.login);
    assert.match(newest.target, new RegExp(ip.replace(/\./g, '\\.')));
    assert.deepStrictEqual(newest.args, { ip, type });
    const [row] = await shown();
    assert.strictEqual(row.label, `Removed the ${ipTypeName(type)} license of ${ip}`, 'one verb, no "… done"');
    assert.ok(!/done/.test(row.description), row.description);
  });

  it('makes one row of a Change IP, its two steps inside, worded with one verb each', async () => {
    h.sim.state.ipLicenses.push({ ip: '192.0.2.40', type: 16, registered: true, created: null, elsAllowed: false, serverInfo: null, lastCheckin: null } as never);
    h.script([{ input: '192.0.2.140' }, { pick: 'Preview, then change' }, { confirm: true }]);
    await h.run('cln.changeLicenseIp', { kind: 'ipLicense', license: { ip: '192.0.2.40', type: 16, registered: true, created: null } });
    const [row] = await shown();
    assert.deepStrictEqual(
      { label: row.label, children: row.children },
      {
        label: 'Changed the IP license 192.0.2.40 (KernelCare) → 192.0.2.140',
        children: ['Registered IP license 192.0.2.140 (KernelCare), in place of 192.0.2.40 (KernelCare)', 'Removed IP license 192.0.2.40 (KernelCare), replaced by 192.0.2.140 (KernelCare)'],
      },
    );
  });

  it('makes one row of a bulk run with its items inside', async () => {
    const [a, b] = h.sim.state.ipLicenses.slice(-2);
    h.script([{ confirm: true }]);
    const nodes = [a, b].map((l) => ({ kind: 'ipLicense', license: { ip: l.ip, type: l.type, registered: true, created: null } }));
    await h.run('cln.removeIpLicense', nodes[0], nodes);
    const [row] = await shown();
    assert.strictEqual(row.label, 'Removed 2 IP licenses');
    assert.deepStrictEqual(row.children, [`Removed the ${ipTypeName(a.type)} license of ${a.ip}`, `Removed the ${ipTypeName(b.type)} license of ${b.ip}`]);
  });

  it('records each item of a bulk run with CLN’s outcome, filters, and exports what it shows as CSV', async () => {
    const [a, b] = h.sim.state.imunifyServers;
    h.sim.faults.set('im.srv.remove', { kind: 'http500', times: 1 });
    h.script([{ confirm: true }]);
    const selection = [a, b].map(nodeOf.imServer);
    await h.run('cln.removeServer', selection[0], selection);
    const [second, first] = await rows();
    assert.strictEqual(first.target, describe(a), JSON.stringify((await rows()).slice(0, 3)));
    assert.strictEqual(first.outcome, 'unknown', 'an HTTP 500 after sending leaves the outcome unknown');
    assert.strictEqual(second.outcome, 'done');
    assert.ok(first.run && first.run === second.run, 'both carry the bulk run id');
    assert.strictEqual(second.item, 1);

    h.script([{ input: `${b.id} done` }]);
    await h.run('cln.filterActivity');
    assert.deepStrictEqual(
      (await rows()).map((r) => r.target),
      [second.target],
    );
    const file = path.join(os.tmpdir(), `cln-activity-${process.pid}.csv`);
    h.script([{ save: file }]);
    await h.run('cln.exportActivity');
    const csv = await fs.readFile(file, 'utf8');
    assert.strictEqual(csv.trim().split('\r\n').length, 2, 'a header and the one row shown');
    assert.ok(csv.includes(b.id) && !csv.includes(a.id));
    await h.run('cln.clearActivityFilter');
    await fs.rm(file, { force: true });
  });

  it('never writes a key in full', async () => {
    const key = h.sim.state.kcareKeys[0];
    h.script([{ confirm: true }]);
    await h.run('cln.removeKey', nodeOf.kcareKey(key), [nodeOf.kcareKey(key)]);
    const [newest] = await rows();
    assert.strictEqual(newest.action, 'kcare.key.delete');
    assert.strictEqual(newest.args.key, fingerprint(key.key));
    const text = await fs.readFile(h.api.journal.file, 'utf8');
    assert.ok(!text.includes(key.key), 'the key is not in the journal file');
    assert.ok(!text.includes(h.sim.credentials.secretKey));
  });

  it('resumes a run a killed extension host cut off: re-reads, sends only the unsent items still present, never re-sends a known outcome', async () => {
    const servers = h.sim.state.kcareServers.filter((s) => h.sim.state.kcareKeys.some((k) => k.key === s.key)).slice(0, 4);
    assert.strictEqual(servers.length, 4);
    const [done, unknownGone, unsent, unsentGone] = servers;
    // What a host killed mid-run leaves behind: the plan, item 0 done, item 1 sent without an outcome, 2 and 3 never sent.
    const run = `run-killed-${Date.now()}`;
    const time = new Date().toISOString();
    const login = h.sim.credentials.login;
    const planned = servers.map((s) => ({ target: `KernelCare server ${s.serverId}`, action: 'kcare.srv.remove', args: { server_id: s.serverId }, where: { key: fingerprint(s.key) } }));
    const lines = [
      { rec: 'run', id: run, time, login, title: 'Removing 4 servers', command: 'cln.removeServer', pid: 2 ** 22 + 12345, items: planned },
      { rec: 'change', id: `${run}-0`, time, login, action: 'kcare.srv.remove', title: 'remove a KernelCare server', target: planned[0].target, args: planned[0].args, run, item: 0 },
      { rec: 'outcome', id: `${run}-0`, time, outcome: 'done' },
      { rec: 'change', id: `${run}-1`, time, login, action: 'kcare.srv.remove', title: 'remove a KernelCare server', target: planned[1].target, args: planned[1].args, run, item: 1 },
    ];
    await fs.appendFile(h.api.journal.file, lines.map((l) => JSON.stringify(l) + '\n').join(''));
    // The server of item 0 was removed and the unknown item 1 did reach CLN; item 3 was removed meanwhile by someone else.
    h.sim.state.kcareServers = h.sim.state.kcareServers.filter((s) => ![done.serverId, unknownGone.serverId, unsentGone.serverId].includes(s.serverId));

    const [summary] = (await h.api.journal.interruptedRuns()).filter((r) => r.run.id === run);
    assert.deepStrictEqual(
      summary.items.map((i) => i.state),
      ['done', 'unknown', 'unsent', 'unsent'],
    );
    const prompter = h.script([{ confirm: true }]);
    await h.run('cln.resumeRun', run);
    // The confirmation comes after the re-read and lists the one call it will send, read from the arguments.
    assert.strictEqual(prompter.asked[0].title, 'Resume "Removing 4 servers": send 1 call?');
    const detail = prompter.asked[0].detail ?? '';
    assert.match(detail, /1 done, 1 outcome unknown, 2 never sent/);
    assert.ok(
      detail.includes(
        `1. GET /kcare/srv/remove.json — remove a KernelCare server: server ${unsent.serverId} on key ${fingerprint(unsent.key)}, KernelCare (listed as "KernelCare server ${unsent.serverId}")`,
      ),
      detail,
    );
    assert.ok(!detail.includes(unsentGone.serverId) && !detail.includes(unknownGone.serverId), 'what is not sent is not listed as a call');
    assert.deepStrictEqual(h.sim.mutationCounts, { 'kcare.srv.remove': 1 }, 'only the one unsent item still present was sent');
    assert.deepStrictEqual(
      h.changeRequests().map((r) => r.query.server_id),
      [unsent.serverId],
    );
    assert.ok(!h.sim.state.kcareServers.some((s) => s.serverId === unsent.serverId));
    assert.deepStrictEqual(notices(prompter), ['info: Resumed "Removing 4 servers": sent 1, done 1; 1 already gone (not sent); 1 unknown outcome confirmed done.']);
    assert.strictEqual((await h.api.journal.interruptedRuns()).filter((r) => r.run.id === run).length, 0, 'the run is settled');
    const entries = await h.api.journal.entries();
    assert.strictEqual(entries.find((e) => e.id === `${run}-1`)?.outcome, 'done', 'the unknown outcome is settled by the re-read');
  });

  it('lists every call it would send: past 25, Show All Calls opens them all and sends nothing', async () => {
    const licenses = h.sim.state.ipLicenses;
    const servers = h.sim.state.kcareServers.filter((s) => h.sim.state.kcareKeys.some((k) => k.key === s.key));
    const imunify = h.sim.state.imunifyServers.filter((s) => h.sim.state.imunifyKeys.some((k) => k.key === s.key));
    const planned = [
      ...licenses.map((l) => ({ target: `IP license ${l.ip} (${ipTypeName(l.type)})`, action: 'ipl.remove', args: { ip: l.ip, type: l.type } })),
      ...servers.map((s) => ({ target: `KernelCare server ${s.serverId}`, action: 'kcare.srv.remove', args: { server_id: s.serverId }, where: { key: fingerprint(s.key) } })),
      ...imunify.map((s) => ({ target: `Imunify server ${s.id}`, action: 'im.srv.remove', args: { id: s.id }, where: { key: fingerprint(s.key) } })),
      ...h.sim.state.elsServers.map((s) => ({ target: `ELS server ${s.id}`, action: 'els.srv.remove', args: { id: s.id } })),
    ];
    assert.ok(planned.length > 25, `the seeded account holds more than 25 things to remove (${planned.length})`);
    const run = `run-long-${Date.now()}`;
    const line = {
      rec: 'run',
      id: run,
      time: new Date().toISOString(),
      login: h.sim.credentials.login,
      title: `Removing ${planned.length} items`,
      command: 'cln.removeServer',
      pid: 2 ** 22 + 23456,
      items: planned,
    };
    await fs.mkdir(path.dirname(h.api.journal.file), { recursive: true });
    await fs.appendFile(h.api.journal.file, JSON.stringify(line) + '\n');
    // The Activity shows the cut-off run as one row, with what it never sent inside.
    const row = (await shown()).find((r) => r.label === `Removing ${planned.length} items`);
    assert.ok(row, 'the run has its row');
    assert.match(row.description, new RegExp(`^${planned.length} never sent · `));
    assert.deepStrictEqual(row.children.slice(0, 2), [`Never sent: ${planned[0].target}`, `Never sent: ${planned[1].target}`]);
    const prompter = h.script([{ choose: 'Show All Calls' }]);
    await h.run('cln.resumeRun', run);
    assert.ok(prompter.asked.length > 0, `no confirmation; notices: ${JSON.stringify(notices(prompter))}`);
    assert.strictEqual(prompter.asked[0].title, `Resume "Removing ${planned.length} items": send ${planned.length} calls?`);
    assert.ok((prompter.asked[0].detail ?? '').includes(`…and ${planned.length - 25} more calls: Show All Calls lists every one`), prompter.asked[0].detail);
    assert.deepStrictEqual(h.sim.mutationCounts, {}, 'nothing was sent');
    const opened = vscode.window.activeTextEditor?.document.getText() ?? '';
    for (const [n, item] of planned.entries()) assert.ok(opened.includes(`${n + 1}. GET /`) && opened.includes(`(listed as "${item.target}")`), `call ${n + 1} (${item.target}) is listed`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await h.api.journal.settleRun(run, 'dismissed');
  });

  it('refuses to resume a run whose journal record was edited, naming the item and why, before any request', async () => {
    const license = h.sim.state.ipLicenses[0];
    const name = ipTypeName(license.type);
    // Another process with access to the journal file appends a run "cut off" before its first item,
    // labelled as a registration, whose call removes a license the account holds.
    const run = `run-planted-${Date.now()}`;
    const line = {
      rec: 'run',
      id: run,
      time: new Date().toISOString(),
      login: h.sim.credentials.login,
      title: 'Registering 1 IP license',
      command: 'cln.registerIpLicense',
      pid: 2 ** 22 + 54321,
      items: [{ target: `register ${license.ip} as ${name}`, action: 'ipl.remove', args: { ip: license.ip, type: license.type } }],
    };
    await fs.appendFile(h.api.journal.file, JSON.stringify(line) + '\n');
    const prompter = h.script([], { 'does not hold up': 'Dismiss Run' });
    await h.run('cln.resumeRun', run);
    assert.deepStrictEqual(
      h.sim.requests.map((r) => r.endpointId),
      [],
      'no request reached CLN, not even a read',
    );
    assert.ok(
      h.sim.state.ipLicenses.some((l) => l.ip === license.ip && l.type === license.type),
      'the license is still there',
    );
    assert.deepStrictEqual(prompter.asked, [], 'no confirmation is offered for it');
    assert.deepStrictEqual(notices(prompter), [
      `error: Nothing was sent: the journal's record of "Registering 1 IP license" does not hold up, so it cannot be resumed. The journal file may have been edited. Item 1 ("register ${license.ip} as ${name}"): its label says "register", but the call removes (remove an IP license).`,
    ]);
    assert.deepStrictEqual(prompter.notices[0].actions, ['Show Log', 'Dismiss Run']);
    // Dismiss Run settles it: it is not offered again.
    for (let i = 0; i < 50 && (await h.api.journal.interruptedRuns()).some((r) => r.run.id === run); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(!(await h.api.journal.interruptedRuns()).some((r) => r.run.id === run), 'dismissed');
  });

  it('keeps the demo’s changes apart, says so, and empties them when the demo starts again', async () => {
    const real = (await h.api.journal.entries()).length;
    h.script([]);
    await h.run('cln.useDemoData');
    try {
      assert.strictEqual(h.api.session.state.kind, 'demo');
      const demoAccount = h.api.session.account!;
      const [license] = await demoAccount.read('ipl.list', {});
      h.script([{ confirm: true }]);
      await h.run('cln.removeIpLicense', { kind: 'ipLicense', license });
      const inDemo = await shown();
      assert.strictEqual(inDemo[0].label, 'Demo data — cleared when the demo starts again', 'the view says whose changes these are');
      assert.deepStrictEqual(
        inDemo.slice(1).map((r) => r.label),
        [`Removed the ${ipTypeName(license.type)} license of ${license.ip}`],
        'only the demo’s change',
      );
      assert.strictEqual((await h.api.journal.entries()).length, real, 'the real accounts’ journal has none of it');
    } finally {
      await h.api.session.leaveDemo();
    }
    assert.ok(!(await shown()).some((r) => /Demo data/.test(r.label)), 'out of the demo, the real activity, without the note');
    h.script([]);
    await h.run('cln.useDemoData');
    try {
      assert.deepStrictEqual(
        (await shown()).map((r) => r.label),
        ['Demo data — cleared when the demo starts again', 'No changes yet. Every change CLN Explorer makes is listed here.'],
        'the demo started afresh, and its list with it',
      );
    } finally {
      await h.api.session.leaveDemo();
    }
  });
});
