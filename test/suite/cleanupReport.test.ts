// Find Unused Licenses against the simulator's demo account: the report's
// findings as posted to its webview, a mixed removal through the preview (its
// button the one confirmation, the number typed into it above the threshold)
// and per-item results, and the simulator's state afterwards, also when a fault
// hits part-way; the price editor (CLN: Set License Prices…) by product name.
// Messages are sent as the webview sends them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/features/testApi';
import type { Finding } from '../../src/services/cleanupFindings';
import type { Simulator } from '../../src/sim';
import type { ToWebview } from '../../src/features/cleanup/core/protocol';
import type { CleanupReportPanel } from '../../src/features/cleanup/panel';
import { getApi, leaveSim, script, signedInToNewSim, waitFor, watchPosts } from './helpers';

type Posted<T extends ToWebview['type']> = Extract<ToWebview, { type: T }>;

describe('Find Unused Licenses (clean-up report)', function () {
  this.timeout(90_000);
  let api: TestApi;
  let sim: Simulator;
  let report: CleanupReportPanel;
  /** What the panel posted to its webview, seen at the webview (watched from the moment it opened). */
  let posted: ToWebview[] = [];

  before(async () => {
    api = await getApi();
    sim = await signedInToNewSim({ size: 'demo' });
  });
  after(async () => {
    report?.dispose();
    await vscode.workspace.getConfiguration('cln.cleanup').update('confirmThreshold', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('cln.cleanup').update('prices', undefined, vscode.ConfigurationTarget.Global);
    await leaveSim(sim);
  });

  const last = <T extends ToWebview['type']>(type: T): Posted<T> | undefined => [...posted].reverse().find((m): m is Posted<T> => m.type === type);
  /** What the webview shows: the findings posted since the last 'start' (a reloaded webview gets them all again). */
  const postedFindings = (): Finding[] => {
    const start = posted.map((m) => m.type).lastIndexOf('start');
    return posted
      .slice(start + 1)
      .filter((m): m is Posted<'findings'> => m.type === 'findings')
      .flatMap((m) => m.findings);
  };
  const stillThere = (f: Finding): boolean => {
    const args = f.removal!.args;
    switch (f.removal!.action) {
      case 'ipl.remove':
        return sim.state.ipLicenses.some((l) => l.ip === args.ip && l.type === args.type);
      case 'kcare.srv.remove':
        return sim.state.kcareServers.some((s) => s.serverId === args.server_id);
      case 'im.srv.remove':
        return sim.state.imunifyServers.some((s) => s.id === args.id);
      default:
        return sim.state.elsServers.some((s) => s.id === args.id);
    }
  };

  it('from the palette asks N, then posts every finding kind with its evidence as the sweep finds them', async () => {
    const prompter = await script([{ input: '30' }]);
    report = (await vscode.commands.executeCommand<CleanupReportPanel>('cln.findUnusedLicenses'))!;
    posted = watchPosts<ToWebview>(report.panel.webview);
    assert.strictEqual(prompter.asked[0].title, 'Find Unused Licenses');
    await report.sweeping;
    const findings = postedFindings();
    for (const kind of ['neverUsed', 'silent', 'duplicate', 'paidTwice', 'keyEmpty', 'keyOverLimit', 'noCheckin']) {
      assert.ok(
        findings.some((f) => f.kind === kind),
        `the report shows ${kind}`,
      );
    }
    assert.ok(findings.every((f) => f.evidence.length > 0));
    assert.strictEqual(new Set(findings.map((f) => f.id)).size, findings.length, 'each finding shown once');
    assert.deepStrictEqual(
      findings.map((f) => f.id),
      report.findings.map((f) => f.id),
      'the webview has every finding of the sweep',
    );
    assert.ok(posted.filter((m) => m.type === 'findings').length > 1, 'findings arrive in several messages while the sweep runs');
    assert.ok(posted.filter((m) => m.type === 'progress').length > 1, 'progress is reported while the sweep runs');
    assert.strictEqual(last('start')?.days, 30);
    const done = last('done');
    assert.ok(done, 'the sweep finished');
    assert.strictEqual(done.scanned.ip.items, sim.state.ipLicenses.length);
    assert.strictEqual(done.scanned.kcare.items, sim.state.kcareServers.length);
  });

  it('removes a mixed selection: exact preview, the number typed in it above the threshold (no second question), a result per item, the simulator matches — with a fault part-way', async () => {
    await vscode.workspace.getConfiguration('cln.cleanup').update('confirmThreshold', 3, vscode.ConfigurationTarget.Global);
    const findings = postedFindings();
    const pick = (kind: string, product: string, n = 1) => findings.filter((f) => f.kind === kind && f.product === product && f.removal && stillThere(f)).slice(0, n);
    const chosen = [...pick('neverUsed', 'ip', 2), ...pick('silent', 'kcare', 2), ...pick('duplicate', 'im'), ...pick('paidTwice', 'ip'), ...findings.filter((f) => f.kind === 'keyEmpty').slice(0, 1)];
    assert.strictEqual(chosen.length, 7);
    sim.resetLog();

    await report.handleMessage({ type: 'preview', ids: chosen.map((f) => f.id) });
    const preview = last('preview')!;
    // The preview follows the report's order (grouped by kind), whatever order the rows were ticked in.
    const chosenIds = new Set(chosen.map((f) => f.id));
    const removable = findings.filter((f) => chosenIds.has(f.id) && f.removal);
    assert.deepStrictEqual(
      preview.calls,
      removable.map((f) => f.removal!.call),
      'one line per call, in order',
    );
    assert.strictEqual(preview.infoOnly, 1, 'the key finding is information only');
    assert.match(preview.calls[0], /^remove IP license \S+ \(.+\)$/);
    assert.ok(preview.calls.some((call) => /^remove server \S+ from KernelCare key \S+…\S+$/.test(call)));
    assert.strictEqual(sim.requests.length, 0, 'a preview sends nothing');

    // The first KernelCare call fails with an HTTP 500 before CLN changed anything: its outcome is unknown to us.
    sim.faults.set('kcare.srv.remove', { kind: 'http500', times: 1 });
    const [kcFirst, secondKc] = removable.filter((f) => f.removal!.action === 'kcare.srv.remove');
    // Above the threshold the go-ahead carries the number typed in the preview: without it, or wrong, nothing is sent.
    const refused = await script([]);
    await report.handleMessage({ type: 'remove', previewId: preview.previewId });
    await report.handleMessage({ type: 'remove', previewId: preview.previewId, typed: String(removable.length - 1) });
    assert.strictEqual(sim.requests.length, 0, 'nothing sent without the number typed');
    assert.deepStrictEqual(refused.asked, [], 'no question outside the preview');
    assert.match(refused.notices[0]?.message ?? '', new RegExp(`^Nothing was removed: type ${removable.length} \\(the number of items\\) in the preview`));
    const prompter = await script([]);
    await report.handleMessage({ type: 'remove', previewId: preview.previewId, typed: ` ${removable.length} ` });

    assert.deepStrictEqual(prompter.asked, [], 'the preview was the one confirmation: no second question');
    const results = report.results;
    for (const f of removable) {
      const r = results.get(f.id);
      assert.ok(r && r.state !== 'queued', `a result for ${f.target}`);
      assert.strictEqual(stillThere(f), r.state !== 'done', `${f.target}: ${r.state} matches the simulator`);
    }
    assert.strictEqual(results.get(kcFirst.id)?.state, 'unknown', 'the fault hit the first KernelCare call');
    assert.match(results.get(kcFirst.id)?.message ?? '', /HTTP 500/);
    assert.strictEqual(results.get(secondKc.id)?.state, 'done', 'the run went on after it');
    const sent = sim.requests.filter((r) => r.endpointId && /remove$/.test(r.endpointId));
    assert.strictEqual(sent.length, removable.length, 'each call sent once, none retried');
    const summary = prompter.notices.at(-1)!;
    assert.strictEqual(summary.level, 'warning');
    assert.match(summary.message, new RegExp(`^Removed ${removable.length - 1} of ${removable.length}; 1 with an unknown outcome`));

    // The report updated in place: a results message per item, the removed ones marked done.
    const resultsPosted = posted.filter((m): m is Posted<'results'> => m.type === 'results').flatMap((m) => Object.entries(m.results));
    assert.ok(resultsPosted.some(([id, r]) => id === removable[0].id && r.state === 'done'));

    // Every change is in the journal, in one run whose plan lists all of them.
    const entries = (await api.journal.entries()).filter((e) => e.run && removable.some((f) => f.removal!.call === e.target));
    assert.strictEqual(entries.length, removable.length);
    assert.strictEqual(new Set(entries.map((e) => e.run)).size, 1);
    const run = await api.journal.run(entries[0].run!);
    assert.deepStrictEqual(
      run?.items.map((i) => i.state),
      removable.map((f) => (f.id === kcFirst.id ? 'unknown' : 'done')),
    );
    assert.ok(run?.run.ended, 'the run ended');
  });

  it("below the threshold the preview's button is the one confirmation: no modal repeating its line; the call is sent once and journaled", async () => {
    const f = postedFindings().find((x) => x.kind === 'silent' && x.product === 'ip' && stillThere(x))!;
    sim.resetLog();
    await report.handleMessage({ type: 'preview', ids: [f.id] });
    const preview = last('preview')!;
    assert.deepStrictEqual(preview.calls, [f.removal!.call], 'the preview lists the call');
    assert.strictEqual(sim.requests.length, 0, 'a preview sends nothing');
    const prompter = await script([]);
    await report.handleMessage({ type: 'remove', previewId: preview.previewId });
    assert.deepStrictEqual(prompter.asked, [], 'no second question');
    assert.strictEqual(report.results.get(f.id)?.state, 'done');
    assert.ok(!stillThere(f), 'removed in the simulator');
    assert.deepStrictEqual(sim.requests.filter((r) => r.endpointId === 'ipl.remove').length, 1, 'sent once');
    assert.match(prompter.notices.at(-1)?.message ?? '', /^Removed 1 of 1\.$/);
    const entries = (await api.journal.entries()).filter((e) => e.target === f.removal!.call);
    assert.strictEqual(entries.length, 1, 'journaled');
    // The same preview cannot be run twice.
    sim.resetLog();
    await report.handleMessage({ type: 'remove', previewId: preview.previewId });
    assert.strictEqual(sim.requests.length, 0);
  });

  it('CLN: Set License Prices… lists the products by name with their price, refuses a bad number, writes the internal keys, and the report follows', async () => {
    const prompter = await script([{ pick: 'IP license: CloudLinux OS Legacy' }, { input: '12.50' }, { pick: 'KernelCare' }, { input: '3,50' }]);
    await vscode.commands.executeCommand('cln.setLicensePrices');
    const [first, , second, refusedInput] = prompter.asked;
    assert.strictEqual(first.title, 'Set License Prices');
    for (const label of ['IP license: CloudLinux OS Legacy', 'KernelCare']) assert.ok(first.offered?.includes(label), `offers ${label}: ${first.offered?.join(' | ')}`);
    assert.ok(
      first.offered?.some((label) => /^Imunify360 /.test(label)),
      'offers the Imunify editions by name',
    );
    assert.ok(
      first.offered?.every((label) => !/^(ip|im|els|kcare)(:|$)/.test(label)),
      `no internal key offered: ${first.offered?.join(' | ')}`,
    );
    assert.ok(
      first.descriptions?.every((d) => d === 'no price'),
      'nothing priced yet',
    );
    assert.strictEqual(prompter.asked[1].title, 'Monthly Price: IP license: CloudLinux OS Legacy');
    // Asked again after a price is written, now showing it.
    const legacy = second.offered!.indexOf('IP license: CloudLinux OS Legacy');
    assert.strictEqual(second.descriptions?.[legacy], '12.50 a month');
    assert.match(refusedInput.validation ?? '', /^Enter the monthly price as a number such as 12 or 12\.50/);
    const written = vscode.workspace.getConfiguration('cln').inspect<Record<string, number>>('cleanup.prices')?.globalValue;
    assert.deepStrictEqual(written, { 'ip:1': 12.5 }, 'written under the internal key, the refused price not at all');
    // The open report got the new prices without a rescan.
    await waitFor(() => last('prices')?.prices['ip:1'] === 12.5, 'the report got the new prices');
  });

  it("the report's Set prices… button opens the same editor, offering the products of its findings", async () => {
    const prompter = await script([{ cancel: true }]);
    await report.handleMessage({ type: 'editPrices' });
    assert.strictEqual(prompter.asked[0]?.title, 'Set License Prices');
    const names = new Set(
      postedFindings()
        .filter((f) => f.removal && f.product !== 'ip')
        .map((f) => f.productName),
    );
    for (const name of names) assert.ok(prompter.asked[0].offered?.includes(name), `offers ${name}`);
    assert.deepStrictEqual(prompter.notices, [], 'Escape ends it quietly');
  });

  it('exports the findings shown as CSV', async () => {
    const file = path.join(os.tmpdir(), `cln-unused-${process.pid}.csv`);
    const prompter = await script([{ save: file }]);
    const ids = postedFindings()
      .slice(0, 5)
      .map((f) => f.id);
    await report.handleMessage({ type: 'export', ids });
    assert.strictEqual(prompter.asked[0].title, 'Export Unused Licenses');
    const csv = fs.readFileSync(file, 'utf8');
    assert.strictEqual(csv.trim().split('\r\n').length, 6);
    assert.match(csv, /^kind,product,target,ip,key,created,last check-in,evidence,related,proposed call,result,message\r\n/);
    fs.rmSync(file, { force: true });
  });

  it('a second sweep within the cache lifetime sends no request', async () => {
    sim.resetLog();
    report.rescan(30);
    await report.sweeping;
    const changedFamilies = sim.requests.map((r) => r.endpointId);
    // The removals above invalidated the IP, KernelCare and Imunify families; sweep once more to warm them, then again.
    sim.resetLog();
    report.rescan(30);
    await report.sweeping;
    assert.deepStrictEqual(
      sim.requests.map((r) => r.endpointId),
      [],
      `after ${changedFamilies.length} refills, nothing`,
    );
  });
});
