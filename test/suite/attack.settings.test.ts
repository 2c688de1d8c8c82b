// Attack: settings (issue 19 item 3), as a hostile repository tries it: the folder the host tier
// opens (scripts/run-host-tests.mjs starts code-server on a temporary folder; workspace trust is
// off there, so the folder is trusted) gets a .vscode/settings.json that points the credentials at
// another server, stalls or floods the requests, polls CLN without pause, shrinks pages to nothing
// and disarms the clean-up's typed confirmation. Then the same kind of values in the user's own
// settings (a careless edit): they are bounded. What is checked is what a user would notice: whom
// the sign-in asks, that requests go, how often the status bar checks, how many rows a page shows,
// what the clean-up asks before removing.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ipTypeName } from '../../src/cln/catalog';
import type { Simulator } from '../../src/sim';
import type { ToWebview } from '../../src/features/cleanup/core/protocol';
import type { CleanupReportPanel } from '../../src/features/cleanup/panel';
import { childrenOf, findChild, getApi, itemOf, labelOf, leaveSim, script, setSetting, signedInToNewSim, signInTo, startSim, waitFor, watchPosts } from './helpers';

const OTHER_KEYS = ['maxConcurrentRequests', 'maxResponseMB', 'cleanup.unusedDays', 'cleanup.confirmThreshold', 'cleanup.prices'];

async function invokeTool(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Attack: hostile settings in the workspace and in the user settings', function () {
  this.timeout(180_000);
  let sim: Simulator;
  /** Where the workspace wants the credentials to go. */
  let attacker: Simulator;
  let folder: string;
  let report: CleanupReportPanel | undefined;

  const workspaceFile = () => path.join(folder, '.vscode', 'settings.json');
  const pageSizeInWorkspace = () => vscode.workspace.getConfiguration('cln').inspect('pageSize')?.workspaceValue;
  const statusChecks = () => sim.requests.filter((r) => r.endpointId === 'status.json').length;

  /** The largest IP license type's rows as the tree pages them, and that type's size. */
  async function ipTypeRows(): Promise<{ rows: string[]; total: number }> {
    const counts = new Map<number, number>();
    for (const l of sim.state.ipLicenses) counts.set(l.type, (counts.get(l.type) ?? 0) + 1);
    const [type, total] = [...counts].sort((a, b) => b[1] - a[1])[0];
    await vscode.commands.executeCommand('cln.refresh');
    const children = await childrenOf(await findChild(ipTypeName(type), await findChild('IP Licenses')));
    return { rows: await Promise.all(children.map(async (c) => labelOf(await itemOf(c)))), total };
  }

  before(async () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the host tier opens a folder (scripts/run-host-tests.mjs)');
    folder = first.uri.fsPath;
    assert.ok(!fs.existsSync(path.join(folder, '.vscode', 'settings.json')), 'the folder starts without workspace settings');
    sim = await signedInToNewSim({ size: 'demo' });
    attacker = await startSim({ size: { ipLicenses: 1 } });
  });

  after(async () => {
    report?.dispose();
    fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
    await waitFor(() => pageSizeInWorkspace() === undefined, 'the workspace settings to be gone', 10_000).catch(() => undefined);
    for (const key of OTHER_KEYS) await setSetting(key, undefined);
    await leaveSim(sim);
    await attacker?.close();
  });

  it("a workspace's .vscode/settings.json cannot send the sign-in elsewhere, stall or flood the requests, empty the pages or disarm the clean-up", async () => {
    const api = await getApi();
    await api.session.signOutAll();
    fs.mkdirSync(path.dirname(workspaceFile()), { recursive: true });
    fs.writeFileSync(
      workspaceFile(),
      JSON.stringify(
        {
          'cln.apiUrl': attacker.url,
          'cln.accounts': { [sim.credentials.login]: { apiUrl: attacker.url } },
          'cln.requestTimeout': 2 ** 31 / 1000 + 1,
          'cln.maxConcurrentRequests': 0,
          'cln.maxResponseMB': 0.0001,
          'cln.statusRefreshInterval': 0.001,
          'cln.cleanup.unusedDays': 1,
          'cln.cleanup.confirmThreshold': 1_000_000,
          'cln.cleanup.prices': { ip: -1000 },
          'cln.pageSize': 0,
          'cln.staleCheckinDays': -1,
        },
        null,
        2,
      ),
    );
    await waitFor(() => pageSizeInWorkspace() === 0, 'VS Code to read the workspace settings', 10_000);
    attacker.resetLog();
    sim.resetLog();

    // The sign-in goes to the URL of the user settings, with the user's timeout and concurrency.
    const prompter = await signInTo(sim);
    assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: sim.credentials.login }, JSON.stringify(prompter.notices));
    assert.deepStrictEqual(attacker.requests, [], "the workspace's server was asked nothing");
    assert.ok(sim.requests.length > 0, "the user's CLN was asked");

    // Requests go; a page is at least 20 rows however small the workspace wants it.
    const { rows, total } = await ipTypeRows();
    assert.ok(total > 40, `the demo account has a type with more than two pages (${total})`);
    assert.strictEqual(rows.length, 21, rows.join(' | '));
    assert.strictEqual(rows[20], `Load more (${total - 20} remaining)`);

    // The status bar keeps the user's interval (5 minutes): one check after sign-in, not one per millisecond.
    await sleep(5_000);
    assert.ok(statusChecks() <= 2, `${statusChecks()} status checks in 5 s`);

    // The clean-up keeps the user's N of days, no prices, and the typed confirmation above 10 removals.
    assert.match(await invokeTool('cln_unusedLicenses', {}), /idle for more than 30 days/);
    report = (await vscode.commands.executeCommand<CleanupReportPanel>('cln.findUnusedLicenses', 30))!;
    const posted = watchPosts<ToWebview>(report.panel.webview);
    await report.sweeping;
    const removable = report.findings.filter((f) => f.removal);
    const chosen = [...new Map(removable.map((f) => [f.removal!.call, f])).values()].slice(0, 11);
    assert.strictEqual(chosen.length, 11, 'the demo account has more than 10 things to remove');
    await waitFor(() => posted.some((m) => m.type === 'start'), 'the report to start');
    const start = posted.find((m): m is Extract<ToWebview, { type: 'start' }> => m.type === 'start')!;
    assert.deepStrictEqual(start.prices, {}, 'no prices from the workspace');
    await report.handleMessage({ type: 'preview', ids: chosen.map((f) => f.id) });
    const preview = posted.find((m): m is Extract<ToWebview, { type: 'preview' }> => m.type === 'preview')!;
    assert.strictEqual(preview.threshold, 10);
    sim.resetLog();
    const asked = await script([]);
    // The preview's go-ahead without the number typed into it (a threshold of 0 would have let it through).
    await report.handleMessage({ type: 'remove', previewId: preview.previewId });
    assert.match(asked.notices[0]?.message ?? '', /^Nothing was removed: type 11 \(the number of items\) in the preview/, `11 removals need the number typed: ${JSON.stringify(asked.notices)}`);
    assert.deepStrictEqual(
      sim.requests.filter((r) => /remove/.test(r.endpointId ?? '')),
      [],
      'nothing removed',
    );
    report.dispose();
    report = undefined;
  });

  it('hostile values in the user settings are bounded: requests go, the status bar pauses, a page has rows', async () => {
    const api = await getApi();
    fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
    await waitFor(() => pageSizeInWorkspace() === undefined, 'the workspace settings to be gone', 10_000);
    await setSetting('maxConcurrentRequests', 0);
    await setSetting('requestTimeout', 2 ** 31 / 1000 + 1);
    await setSetting('pageSize', -5);
    await setSetting('cleanup.unusedDays', 0);
    await setSetting('statusRefreshInterval', 0.001);
    try {
      await api.session.signOutAll();
      const prompter = await signInTo(sim);
      assert.deepStrictEqual(api.session.state, { kind: 'signedIn', login: sim.credentials.login }, JSON.stringify(prompter.notices));
      const { rows, total } = await ipTypeRows();
      assert.strictEqual(rows.length, 21, rows.join(' | '));
      assert.strictEqual(rows[20], `Load more (${total - 20} remaining)`);
      assert.match(await invokeTool('cln_unusedLicenses', {}), /idle for more than 1 day\b/);
      sim.resetLog();
      await api.status.refresh();
      await sleep(3_500);
      // Checks at most once a second (when the window has the focus; it stops when unfocused).
      assert.ok(statusChecks() >= 1 && statusChecks() <= 6, `${statusChecks()} status checks in 3.5 s (window focused: ${vscode.window.state.focused})`);
    } finally {
      await setSetting('statusRefreshInterval', undefined);
      for (const key of [...OTHER_KEYS, 'requestTimeout', 'pageSize']) await setSetting(key, undefined);
    }
  });
});
