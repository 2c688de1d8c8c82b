// Find Unused Licenses as a person uses it: demo data, the palette command and its N question,
// every finding kind counted in the report, ticking rows, the preview of exactly the calls,
// the modal confirmation, the rows' results, and a screenshot (docs/screenshots/cleanup-report.png).
import assert from 'node:assert/strict';
import { answerInput, notification, runCommand, screenshot, startDemo, useWorkbench, webviewFrame } from './helpers.mjs';

const KINDS = ['neverUsed', 'silent', 'duplicate', 'paidTwice', 'keyEmpty', 'keyOverLimit', 'noCheckin'];

describe('Find Unused Licenses (UI)', function () {
  this.timeout(180_000);
  const wb = useWorkbench({ viewport: { width: 1440, height: 900 } });

  it('asks N, then shows every finding kind of the demo account with its evidence', async () => {
    const { page } = wb;
    // The palette lists the command once the demo is on (it is hidden while signed out).
    await startDemo(page);
    await runCommand(page, 'CLN: Find Unused Licenses');
    await answerInput(page, '30', { prompt: 'Find Unused Licenses' });
    const frame = webviewFrame(page);
    await frame.locator('.status', { hasText: /findings in [\d.]+ s/ }).waitFor({ timeout: 60_000 });
    for (const kind of KINDS) {
      const value = await frame.locator(`.kind-card[data-kind="${kind}"] .value`).textContent();
      assert.ok(Number(value.replace(/,/g, '')) > 0, `${kind}: ${value}`);
    }
    assert.ok((await frame.locator('table.findings tbody tr').count()) > 10);
    assert.match(await frame.locator('table.findings tbody tr td.evidence').first().textContent(), /\w+/);
  });

  it('previews exactly the calls for two ticked rows, confirms in a modal and shows a result per row', async () => {
    const { page } = wb;
    const frame = webviewFrame(page);
    await frame.locator('.kind-card[data-kind="duplicate"]').click();
    const boxes = frame.locator('table.findings tbody input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await frame.getByRole('button', { name: /^Remove 2 selected/ }).click();
    const calls = frame.locator('.preview .calls li');
    await calls.first().waitFor();
    assert.equal(await calls.count(), 2);
    for (const call of await calls.allTextContents()) assert.match(call, /^remove server \S+ from (KernelCare|Imunify) key \S+…\S+$/);
    await frame.getByRole('button', { name: 'Remove 2…' }).click();
    // Two items are below the typed-confirmation threshold: a modal lists them.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.textContent(), /Remove 2 items\?/);
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await frame.locator('td.result.done').nth(1).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('td.result.done').count(), 2);
    await notification(page, /Removed 2 of 2/)
      .first()
      .waitFor({ timeout: 30_000 });
  });

  it('looks right in the default dark theme (docs/screenshots/cleanup-report.png)', async () => {
    const { page } = wb;
    const frame = webviewFrame(page);
    await frame.locator('.kind-card[data-kind="duplicate"]').click();
    await frame
      .locator('.kind-card.active')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await notification(page, /./)
      .first()
      .waitFor({ state: 'hidden', timeout: 15_000 })
      .catch(() => {});
    await frame.locator('h1').click();
    await screenshot(page, 'cleanup-report', { minBytes: 20_000, parkMouse: false });
  });
});
