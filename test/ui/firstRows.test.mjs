// Rows first, details as they arrive, on screen (issue 22). In the rendered workbench, against a
// simulator whose request log says when each answer left: IP Licenses' type groups and a group's
// license rows are in the DOM while the server-detail batches are still held back, and a row shown
// without its details gets them while later batches are still returning — not once they stop.
// Asserts the order of events (DOM rows against the simulator's answers), never a duration.
//
// A code-server of its own (cln.apiUrl and cln.maxConcurrentRequests 1 in its user settings, so the
// ~40 detail batches return one after another, a few tens of ms apart: the stream the workbench's
// tree used to wait out) with cln-explorer.vsix installed (npm run package).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/code-server.mjs';
import { firstDetailUpdate, installRecorder, lastDown, recordedRows, seenAt, startTimedSimulator } from '../../scripts/bench/screen.mjs';
import { activityBarItem, answerInput, runCommand, screenshot, treeRow, useOwnWorkbench, viewPane } from './helpers.mjs';

const LICENSES = 4000;
/** How long the first detail batch is held: long enough that nothing but a held-back first render could wait for it. */
const HOLD_MS = 4000;

describe('on screen: the first rows before the details, the details while they arrive', function () {
  this.timeout(300_000);
  let sim;
  let timeline;
  const wb = useOwnWorkbench({
    prefix: 'cln-ui-first-rows-',
    simulator: async () => {
      ({ sim, timeline } = await startTimedSimulator({ seed: 22, size: { ipLicenses: LICENSES }, latencyMs: 60 }));
      return sim;
    },
    settings: () => ({ 'cln.maxConcurrentRequests': 1 }),
  });

  const batches = () => timeline.filter((e) => e.endpoint === 'ipl.server');
  const twistie = (row) => row.locator('.monaco-tl-twistie');

  it('signs in to an account with thousands of IP licenses', async () => {
    const { page } = wb;
    await activityBarItem(page, 'CloudLinux Network').click();
    await viewPane(page, 'Licenses').waitFor();
    await runCommand(page, 'CLN: Sign In');
    await answerInput(page, sim.credentials.login, { prompt: /CLN login/ });
    await answerInput(page, sim.credentials.secretKey, { prompt: /secret key/ });
    await treeRow(page, /^IP Licenses/)
      .first()
      .waitFor({ timeout: 60_000 });
    assert.equal(batches().length, 0, 'no server details asked for before IP Licenses is opened');
  });

  it('shows the type groups and a group’s rows while the first detail batch is still held back, then fills the rows on screen while later batches return', async () => {
    const { page } = wb;
    await installRecorder(page);
    // The first batch waits HOLD_MS at the simulator; with one request at a time, every batch waits behind it.
    sim.faults.set('ipl.server', { kind: 'latency', ms: HOLD_MS, times: 1 });
    await twistie(treeRow(page, /^IP Licenses/).first()).click();
    const clicked = await lastDown(page);
    const counts = new Map();
    for (const l of sim.state.ipLicenses) counts.set(l.type, (counts.get(l.type) ?? 0) + 1);
    const { ipTypeName } = createRequire(import.meta.url)(path.join(REPO_ROOT, 'out', 'src', 'cln', 'catalog.js'));
    const biggest = ipTypeName([...counts].sort((a, b) => b[1] - a[1])[0][0]);
    const group = new RegExp(`^${biggest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const groupsAt = await seenAt(page, 'Licenses', group, clicked);
    await twistie(treeRow(page, group).first()).click();
    const rowsAt = await seenAt(page, 'Licenses', /^\d+\.\d+\.\d+\.\d+ /, await lastDown(page));

    const firstAnswer = () => Math.min(...batches().map((e) => e.answeredAt ?? Number.POSITIVE_INFINITY));
    // The rows can be on screen before the first batch is even asked for (one request at a time: CLN's type names go first).
    for (const deadline = Date.now() + 30_000; batches().length === 0;) {
      assert.ok(Date.now() < deadline, 'the details were asked for');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const since = (at) => `${at - clicked} ms after the click`;
    assert.ok(groupsAt < firstAnswer(), `the type groups were on screen (${since(groupsAt)}) before the first detail batch returned (${since(firstAnswer())})`);
    assert.ok(rowsAt < firstAnswer(), `the group's rows were on screen (${since(rowsAt)}) before the first detail batch returned (${since(firstAnswer())})`);

    // Every batch answered (the stream), then the order: a row shown without details got them before the last answer.
    const expected = new Set(sim.state.ipLicenses.map((l) => l.ip)).size;
    for (const deadline = Date.now() + 120_000; ;) {
      const done = batches().filter((e) => e.answeredAt !== undefined);
      if (done.length > 0 && done.length === batches().length && batches().length >= Math.ceil(expected / 100)) break;
      if (Date.now() > deadline) throw new Error(`the detail batches did not all return (${done.length} of ${batches().length})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const answers = batches()
      .map((e) => e.answeredAt)
      .sort((a, b) => a - b);
    const lastAnswer = answers.at(-1);
    const gaps = answers.slice(1).map((at, i) => at - answers[i]);
    let updatedAt;
    for (const deadline = Date.now() + 10_000; updatedAt === undefined && Date.now() < deadline;) {
      updatedAt = firstDetailUpdate(await recordedRows(page), 'Licenses', rowsAt);
      if (updatedAt === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(updatedAt !== undefined, 'a row shown without its server details got them');
    // What the user sees then: the group still expanded, its rows with their details (docs/screenshots/first-rows.png).
    await screenshot(page, 'first-rows');
    assert.ok(
      updatedAt < lastAnswer,
      `a row on screen got its details (${since(updatedAt)}) before the last of ${answers.length} batches returned (${since(lastAnswer)}); they returned at most ${Math.max(...gaps)} ms apart`,
    );
  });
});
