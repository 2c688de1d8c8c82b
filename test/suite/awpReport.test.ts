// The AccelerateWP billing report in the real extension host, against the simulator: the panel's
// message protocol, export, error states, and how the trend uses the concurrency bound and the cache.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/features/testApi';
import type { AwpProduct } from '../../src/cln/catalog';
import { monthsEndingAt, yearMonthOf } from '../../src/cln/dates';
import type { AwpEntry } from '../../src/cln/types';
import { HOSTILE_DOMAIN, startSimulator, type Simulator } from '../../src/sim';
import { countEntries, toCsv, viewRows, type AwpView } from '../../src/features/awpReport/core/awpData';
import type { AwpQuery, ToWebview } from '../../src/features/awpReport/core/protocol';
import type { AwpReportPanel } from '../../src/features/awpReport/panel';
import { getApi, signInTo, signOutAndReset, waitFor, watchPosts, type Answer } from './helpers';
import { ScriptedPrompter } from './scriptedPrompter';

const BOTH: AwpProduct[] = ['AWP_PREMIUM', 'AWP_CDN'];
const BY_DOMAIN: AwpView = { filter: '', sort: { column: 'primaryDomain', descending: false } };

/** The simulator's entries for a month as the client decodes them. */
function simEntries(sim: Simulator, month: string, products: readonly AwpProduct[] = BOTH): AwpEntry[] {
  return (sim.state.awp[month] ?? [])
    .filter((e) => products.includes(e.product))
    .map((e) => ({ product: e.product, primaryDomain: e.primary_domain, username: e.username ?? null, cdnLimitType: e.cdn_limit_type ?? null }));
}

/** What each report panel posted to its webview, seen at the webview (watched from the moment it opened). */
const postedTo = new WeakMap<AwpReportPanel, ToWebview[]>();
const posted = (report: AwpReportPanel): ToWebview[] => postedTo.get(report)!;

async function openReport(): Promise<AwpReportPanel> {
  const report = await vscode.commands.executeCommand<AwpReportPanel>('cln.openAwpReport');
  assert.ok(report, 'cln.openAwpReport resolved to nothing');
  // Before its page has started, so even the first answer is seen.
  if (!postedTo.has(report)) postedTo.set(report, watchPosts<ToWebview>(report.panel.webview));
  await report.ready;
  return report;
}

/** Sends one message as the webview would and returns what the panel posted in answer. */
async function send(report: AwpReportPanel, message: unknown): Promise<ToWebview[]> {
  const before = posted(report).length;
  await report.handleMessage(message);
  return posted(report).slice(before);
}

function only<T extends ToWebview['type']>(posted: ToWebview[], type: T): Extract<ToWebview, { type: T }> {
  const found = posted.filter((m) => m.type === type);
  assert.strictEqual(found.length, 1, `expected one "${type}" message, got: ${JSON.stringify(posted.map((m) => m.type))}`);
  return found[0] as Extract<ToWebview, { type: T }>;
}

// By path: the simulator names the endpoint only once its latency has passed.
const billingRequests = (sim: Simulator) => sim.requests.filter((r) => r.path === '/cl/awp');

describe('AccelerateWP billing report (extension host)', function () {
  this.timeout(60_000);
  const current = yearMonthOf(new Date());
  let sim: Simulator;
  let report: AwpReportPanel;

  before(async () => {
    sim = await startSimulator({ size: 'demo', hostile: true });
    await signInTo(sim);
    report = await openReport();
  });

  after(async () => {
    report?.dispose();
    await signOutAndReset();
    await sim?.close();
  });

  it('opens one panel and reuses it', async () => {
    const again = await vscode.commands.executeCommand<AwpReportPanel>('cln.openAwpReport');
    assert.strictEqual(again, report);
    assert.strictEqual(report.panel.viewType, 'cln.awpReport');
    const html = report.panel.webview.html;
    assert.match(html, /default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'; style-src [^;]+; img-src [^;]+ data:;"/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|onclick=|onerror=/);
  });

  it('the webview asked for the current month with both products when it started', () => {
    const first = posted(report).find((m) => m.type === 'loading');
    assert.ok(first && first.type === 'loading');
    assert.deepStrictEqual(first.query, { month: current, products: BOTH });
    assert.strictEqual(first.currentMonth, current);
  });

  it('loads a month: the posted entries and counts are the simulator’s', async () => {
    const query: AwpQuery = { month: current, products: BOTH };
    const posted = await send(report, { type: 'load', query });
    assert.deepStrictEqual(only(posted, 'loading').query, query);
    const entries = only(posted, 'report').entries;
    const expected = simEntries(sim, current);
    assert.ok(expected.length > 0, 'the simulator seeded the current month');
    assert.deepStrictEqual(entries, expected);
    assert.ok(
      entries.some((e) => e.primaryDomain === HOSTILE_DOMAIN),
      'the hostile domain is passed on as data',
    );
    const counts = countEntries(entries);
    assert.deepStrictEqual(
      counts.products.map((p) => p.count),
      BOTH.map((p) => expected.filter((e) => e.product === p).length),
    );
    const cdnTotal = counts.cdnTiers.reduce((sum, t) => sum + t.count, 0);
    assert.strictEqual(cdnTotal, expected.filter((e) => e.product === 'AWP_CDN').length);
  });

  it('a past month and one product: the request asks for that product only', async () => {
    const month = monthsEndingAt(current, 4)[0];
    sim.resetLog();
    const posted = await send(report, { type: 'load', query: { month, products: ['AWP_CDN'] } });
    const entries = only(posted, 'report').entries;
    assert.deepStrictEqual(entries, simEntries(sim, month, ['AWP_CDN']));
    assert.ok(entries.length > 0 && entries.every((e) => e.product === 'AWP_CDN'));
    const asked = billingRequests(sim).find((r) => r.query.yearMonth === month);
    assert.strictEqual(asked?.query.products, 'AWP_CDN');
    const trend = only(posted, 'trend').points;
    assert.deepStrictEqual(
      trend.map((p) => p.month),
      monthsEndingAt(month, 12),
    );
    assert.strictEqual(trend.at(-1)!.counts.AWP_CDN, entries.length);
    assert.strictEqual(trend.at(-1)!.counts.AWP_PREMIUM, undefined);
  });

  it('a month later than the current one is clamped to the current month', async () => {
    const posted = await send(report, { type: 'load', query: { month: '2999-01', products: BOTH } });
    assert.strictEqual(only(posted, 'loading').query.month, current);
  });

  it('drops malformed messages without posting anything', async () => {
    assert.deepStrictEqual(await send(report, { type: 'load', query: { month: '2024-13', products: BOTH } }), []);
    assert.deepStrictEqual(await send(report, { type: 'export', query: { month: current, products: ['NOPE'] }, view: BY_DOMAIN }), []);
  });

  it('keeps the webview’s month and products across hide and show', async () => {
    const month = monthsEndingAt(current, 3)[0];
    await send(report, { type: 'load', query: { month, products: ['AWP_CDN'] } });
    // The webview saves its state when the 'loading' message reaches it; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const other = await vscode.workspace.openTextDocument(vscode.Uri.file(path.resolve(__dirname, '..', '..', '..', 'package.json')));
    await vscode.window.showTextDocument(other, { viewColumn: report.panel.viewColumn, preview: false });
    await waitFor(() => !report.panel.visible, 'the report to be hidden');
    const before = posted(report).length;
    // Closing the file shows the report again: its webview starts afresh and asks for what it showed before.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(
      () =>
        report.panel.visible &&
        posted(report)
          .slice(before)
          .some((m) => m.type === 'report'),
      'the report shown again',
      15_000,
    );
    assert.deepStrictEqual(only(posted(report).slice(before), 'loading').query, { month, products: ['AWP_CDN'] });
  });

  describe('export', () => {
    let dir: string;
    let original: TestApi['ui']['prompter'];
    /** The save dialog answers `answer`; returns the prompter that recorded what was asked and told. */
    const exportAnswering = async (answer: Answer): Promise<ScriptedPrompter> => ((await getApi()).ui.prompter = new ScriptedPrompter([answer]));
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cln-awp-export-'));
      const api = await getApi();
      original = api.ui.prompter;
    });
    after(async () => {
      (await getApi()).ui.prompter = original;
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('writes the filtered rows byte for byte: the hostile row stays literal text', async () => {
      const target = path.join(dir, 'mallory.csv');
      const prompter = await exportAnswering({ save: target });
      const answered = await send(report, { type: 'export', query: { month: current, products: BOTH }, view: { ...BY_DOMAIN, filter: 'MALLORY' } });
      assert.deepStrictEqual(
        prompter.asked.map((a) => [a.type, a.title, path.basename(a.offered![0])]),
        [['save', 'Export AccelerateWP Billing', `awp-billing-${current}.csv`]],
      );
      assert.deepStrictEqual(fs.readFileSync(target), Buffer.from(`Product,Primary domain,Username,CDN limit type\r\nAWP_PREMIUM,${HOSTILE_DOMAIN},mallory,\r\n`, 'utf8'));
      assert.deepStrictEqual(only(answered, 'exported'), { type: 'exported', rows: 1, fileName: 'mallory.csv' });
      assert.match(prompter.notices.at(-1)?.message ?? '', /Exported 1 AccelerateWP billing row to mallory\.csv/);
    });

    it('writes the whole month sorted as asked, one line per entry', async () => {
      const target = path.join(dir, 'all.csv');
      await exportAnswering({ save: target });
      const view: AwpView = { filter: '', sort: { column: 'cdnLimitType', descending: true } };
      await send(report, { type: 'export', query: { month: current, products: BOTH }, view });
      const written = fs.readFileSync(target, 'utf8');
      const expected = simEntries(sim, current);
      assert.strictEqual(written, toCsv(viewRows(expected, view)));
      const lines = written.split('\r\n');
      assert.strictEqual(lines.length, expected.length + 2, 'header + rows + the empty string after the last CRLF');
      // Largest CDN tier first; entries without a tier (all Premium ones) last.
      assert.match(lines[1], /^AWP_CDN,.*,1 TB$/);
      assert.match(lines[lines.length - 2], /^AWP_PREMIUM,/);
    });

    it('writes nothing when the save dialog is cancelled', async () => {
      const prompter = await exportAnswering({ cancel: true });
      const answered = await send(report, { type: 'export', query: { month: current, products: BOTH }, view: BY_DOMAIN });
      assert.deepStrictEqual(answered, []);
      assert.deepStrictEqual(prompter.notices, [], 'a cancelled dialog is not an error');
      assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['all.csv', 'mallory.csv'], 'no file written');
    });
  });

  it('copies a domain to the clipboard', async () => {
    const posted = await send(report, { type: 'copy', text: HOSTILE_DOMAIN });
    assert.strictEqual(await vscode.env.clipboard.readText(), HOSTILE_DOMAIN);
    assert.deepStrictEqual(only(posted, 'copied'), { type: 'copied', text: HOSTILE_DOMAIN });
  });

  it('an API failure on awp.billing becomes an error state with Retry, and Retry recovers', async () => {
    sim.faults.set('awp.billing', { kind: 'html' });
    try {
      const posted = await send(report, { type: 'load', query: { month: current, products: BOTH }, refresh: true });
      const problem = only(posted, 'problem');
      assert.strictEqual(problem.kind, 'error');
      assert.deepStrictEqual(problem.actions, ['retry', 'showLog']);
      assert.ok(problem.message.length > 10 && !/<html|token=/i.test(problem.message), problem.message);
      assert.ok(!posted.some((m) => m.type === 'report'));
    } finally {
      sim.faults.clear('awp.billing');
    }
    const retried = await send(report, { type: 'load', query: { month: current, products: BOTH } });
    assert.deepStrictEqual(only(retried, 'report').entries, simEntries(sim, current));
  });

  describe('trend fetching', () => {
    // Twelve months nobody asked for yet: two years back, before the seeded history (CLN answers []).
    const old = monthsEndingAt(current, 25)[0];
    const window = monthsEndingAt(old, 12);

    it('fetches the twelve months with at most cln.maxConcurrentRequests in flight', async () => {
      const limit = vscode.workspace.getConfiguration('cln').get<number>('maxConcurrentRequests')!;
      assert.ok(limit < window.length, `the limit ${limit} must be below 12 for this test to mean anything`);
      sim.resetLog();
      sim.setLatency(120);
      let most = 0;
      const sampler = setInterval(() => {
        const inFlight = billingRequests(sim).filter((r) => r.status === 0).length;
        most = Math.max(most, inFlight);
      }, 5);
      try {
        const posted = await send(report, { type: 'load', query: { month: old, products: BOTH } });
        assert.deepStrictEqual(
          only(posted, 'trend').points.map((p) => p.month),
          window,
        );
      } finally {
        clearInterval(sampler);
        sim.setLatency(0);
      }
      const asked = billingRequests(sim)
        .map((r) => r.query.yearMonth)
        .sort();
      assert.deepStrictEqual(asked, [...window].sort(), 'each month asked once (the table and the trend share the selected month)');
      assert.ok(most <= limit, `${most} requests in flight, limit ${limit}`);
      assert.ok(most >= 2, `requests ran one at a time (${most} in flight at most)`);
    });

    it('a second open asks CLN for no past month again', async () => {
      report.dispose();
      sim.resetLog();
      report = await openReport();
      const posted = await send(report, { type: 'load', query: { month: old, products: BOTH } });
      assert.strictEqual(only(posted, 'trend').points.length, 12);
      assert.deepStrictEqual(billingRequests(sim), [], 'past months come from the cache');
    });

    it('refresh refetches the current month only', async () => {
      await send(report, { type: 'load', query: { month: current, products: BOTH } });
      sim.resetLog();
      const posted = await send(report, { type: 'load', query: { month: current, products: BOTH }, refresh: true });
      assert.deepStrictEqual(
        billingRequests(sim).map((r) => r.query.yearMonth),
        [current],
      );
      assert.deepStrictEqual(only(posted, 'report').entries, simEntries(sim, current));
      assert.strictEqual(only(posted, 'trend').points.length, 12);
    });
  });

  // Mocha runs a suite's own tests before its nested suites: this one signs out, so it nests last.
  describe('signed out', () => {
    it('shows a clear state with Sign In and Explore Demo Data', async () => {
      const api = await getApi();
      await api.session.signOut();
      const posted = await send(report, { type: 'load', query: { month: current, products: BOTH } });
      const problem = only(posted, 'problem');
      assert.strictEqual(problem.kind, 'signedOut');
      assert.deepStrictEqual(problem.actions, ['signIn', 'useDemo']);
      assert.match(problem.message, /Sign in/);
      assert.ok(!posted.some((m) => m.type === 'loading' || m.type === 'report'));
    });
  });
});
