// The AccelerateWP billing report on hostile data: signed in (through the palette) to a test
// simulator seeded with an AWP row whose domain is HTML (`hostile: true`; the demo has no such
// row), the report shows the domain as literal text, adds no element and runs no script.
import assert from 'node:assert/strict';
import { activityBarItem, answerInput, loadSimulator, resetTextSetting, runCommand, setTextSetting, treeRow, useWorkbench, webviewFrame } from './helpers.mjs';

describe('AccelerateWP billing report: hostile data (UI)', function () {
  this.timeout(180_000);
  let sim;

  before(async () => {
    const { startSimulator, HOSTILE_DOMAIN } = loadSimulator();
    sim = await startSimulator({ size: 'demo', seed: 3, hostile: true });
    sim.hostile = HOSTILE_DOMAIN;
  });
  // The UI tier shares one code-server: sign out and leave cln.apiUrl unset for the files after this one.
  const wb = useWorkbench({
    viewport: { width: 1440, height: 900 },
    async beforeClose(page) {
      // Focus back on the workbench (it was in the report's webview), so the palette opens.
      await page.locator('.part.sidebar .composite.title').first().click();
      await runCommand(page, 'CLN: Sign Out').catch(() => {});
      await resetTextSetting(page, 'cln.apiUrl');
    },
  });

  after(async () => {
    await sim?.close();
  });

  it('shows the hostile domain as literal text and runs none of it', async () => {
    const { page } = wb;
    // As a new user: the view first (the extension active and signed out), then the setting, then Sign In.
    await activityBarItem(page, 'CloudLinux Network').click();
    await page.locator('.part.sidebar .welcome-view-content').first().waitFor({ timeout: 60_000 });
    await setTextSetting(page, 'cln.apiUrl', sim.url);
    await runCommand(page, 'CLN: Sign In');
    await answerInput(page, sim.credentials.login, { prompt: /CLN login/ });
    // The secret key goes into its own password box, not into the login box still closing.
    await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-box input')?.getAttribute('type') === 'password');
    await answerInput(page, sim.credentials.secretKey, { prompt: /secret key/ });
    // Signed in once the tree shows the account and the view names it (the palette then lists the report).
    await treeRow(page, 'IP Licenses').waitFor({ timeout: 60_000 });
    await page
      .waitForFunction((login) => [...document.querySelectorAll('.part.sidebar .pane-header .description')].some((d) => d.textContent?.includes(login)), sim.credentials.login, { timeout: 60_000 })
      .catch(async (err) => {
        const notices = await page.locator('.notification-list-item-message').allTextContents();
        throw new Error(`not signed in to the test simulator after a minute; notifications: ${JSON.stringify(notices)}; ${err.message}`);
      });
    await runCommand(page, 'CLN: Open AWP Billing Report');
    const frame = webviewFrame(page);
    const rows = frame.locator('table.entries tbody tr');
    await rows.first().waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('#filter').fill('mallory');
    await frame.locator('.card.total .label', { hasText: 'match the filter' }).waitFor();
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().locator('td.domain').textContent(), sim.hostile);
    assert.equal(await frame.locator('img').count(), 0, 'no <img> anywhere in the report');
    assert.deepEqual(wb.dialogs, [], 'no alert() ran');
  });
});
