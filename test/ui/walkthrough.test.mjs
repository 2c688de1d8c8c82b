// The first-run walkthrough as a new user meets it: CLN: Get Started opens it, each step ticks off as
// it is done (Explore Demo Data, opening a row of the tree, Register IP License, Find Unused Licenses,
// the AccelerateWP report); a screenshot of the finished
// walkthrough (docs/screenshots/walkthrough.png). Then View as JSON from a row's context menu: a
// read-only JSON editor (docs/screenshots/view-as-json.png).
import assert from 'node:assert/strict';
import { runCommand, screenshot, statusBarItem, treeRow, useWorkbench, viewPane, webviewFrame } from './helpers.mjs';

/** A step of the walkthrough (VS Code names it `<extension>#<walkthrough>#<step>`). */
const step = (page, id) => page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);

/** Opens the step and clicks the button of its description. */
async function pressStepButton(page, id, label) {
  const row = step(page, id);
  await row.waitFor({ state: 'visible' });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.locator(`button.getting-started-step[data-step-id$="#${id}"][aria-expanded="true"]`).waitFor();
  await row.getByRole('button', { name: label }).first().click();
}

async function expectChecked(page, id) {
  await page.locator(`button.getting-started-step[data-step-id$="#${id}"][aria-checked="true"]`).waitFor({ timeout: 60_000 });
}

/** Brings the walkthrough's editor tab to the front again (a step opened another editor). */
async function backToWalkthrough(page) {
  await page
    .locator('.tabs-container .tab', { hasText: /Welcome|Walkthrough/ })
    .first()
    .click();
  await page.locator('.gettingStartedSlideDetails').waitFor({ state: 'visible' });
}

describe('walkthrough (UI)', function () {
  this.timeout(240_000);
  const wb = useWorkbench({ viewport: { width: 1440, height: 900 } });

  it('opens with CLN: Get Started and ticks each step off as it is done', async () => {
    const { page } = wb;
    await runCommand(page, 'CLN: Get Started');
    await page.locator('.gettingStartedSlideDetails', { hasText: 'Get Started with CLN Explorer' }).waitFor({ timeout: 60_000 });
    for (const id of ['signIn', 'readTree', 'register', 'findUnused', 'awpReport']) assert.equal(await step(page, id).getAttribute('aria-checked'), 'false', `${id} starts unchecked`);
    // Signed out, the Register step is the demo's (the signed-in variant warns about billing).
    assert.equal(await step(page, 'registerLive').count(), 0);

    await pressStepButton(page, 'signIn', 'Explore Demo Data');
    await statusBarItem(page, /CLN Demo/).waitFor({ timeout: 60_000 });
    await expectChecked(page, 'signIn');

    // "Read the tree" ticks when a row is opened (not when the view merely shows, nor only through its button).
    await runCommand(page, 'View: Show CloudLinux Network');
    await viewPane(page, 'Licenses').waitFor({ state: 'visible' });
    await page.waitForTimeout(1000);
    assert.equal(await step(page, 'readTree').getAttribute('aria-checked'), 'false', 'Read the tree waits until a row is opened');
    const family = treeRow(page, /^KernelCare/).first();
    await family.waitFor({ timeout: 60_000 });
    if ((await family.getAttribute('aria-expanded')) === 'false') await family.click();
    await expectChecked(page, 'readTree');

    await pressStepButton(page, 'register', 'Register IP License');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await expectChecked(page, 'register');

    await pressStepButton(page, 'findUnused', 'Find Unused Licenses');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await expectChecked(page, 'findUnused');

    await pressStepButton(page, 'awpReport', 'Open AWP Billing Report');
    await page
      .locator('.tabs-container .tab', { hasText: /AccelerateWP|AWP/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await backToWalkthrough(page);
    await expectChecked(page, 'awpReport');
  });

  it('looks right with every step done (docs/screenshots/walkthrough.png)', async () => {
    const { page } = wb;
    await runCommand(page, 'View: Close Other Editors in Group');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await step(page, 'readTree').click();
    // The step's page (media/walkthrough/readTree.md) renders beside the steps.
    await webviewFrame(page).locator('h1', { hasText: 'Read the tree' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'walkthrough', { minBytes: 20_000 });
  });

  it('View as JSON on a row opens its object in a read-only JSON editor (docs/screenshots/view-as-json.png)', async () => {
    const { page } = wb;
    await runCommand(page, 'View: Close All Editors');
    // The first step opened KernelCare (it stays open): the rows one level down are its keys.
    const family = treeRow(page, /^KernelCare/).first();
    if ((await family.getAttribute('aria-expanded')) === 'false') await family.click();
    const key = page.locator('.monaco-list-row[role="treeitem"][aria-level="2"]').first();
    await key.waitFor({ timeout: 60_000 });
    await key.click({ button: 'right' });
    const entry = page.locator('.context-view .monaco-menu .action-item', { hasText: /^View as JSON$/ }).first();
    await entry.waitFor();
    // The menu ignores a click that comes right as it opens.
    await entry.hover();
    await page.waitForTimeout(300);
    await entry.click();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await page
      .locator('.tabs-container .tab', { hasText: /\.json/ })
      .first()
      .waitFor();
    await page.locator('.monaco-editor .view-lines', { hasText: '"limit"' }).first().waitFor({ timeout: 30_000 });
    const text = await page.locator('.monaco-editor .view-lines').first().textContent();
    assert.match(text ?? '', /"key":/);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.monaco-editor .view-lines').first().click();
    await screenshot(page, 'view-as-json', { minBytes: 20_000 });
    // Typing is refused: the editor says it is read-only.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.type('x');
    await page
      .locator('.monaco-editor-overlaymessage, .monaco-editor .overlayWidgets', { hasText: /read-only/i })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
  });
});
