// The AccelerateWP billing report on hostile data: signed in (through the palette) to a test
// simulator seeded with an AWP row whose domain is HTML (`hostile: true`; the demo has no such
// row), the report shows the domain as literal text, adds no element and runs no script.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/code-server.mjs';
import { activityBarItem, answerInput, openWorkbench, resetTextSetting, runCommand, screenshotOnFailure, setTextSetting, treeRow, webviewFrame } from './helpers.mjs';

const require = createRequire(import.meta.url);
const simulator = () => require(path.join(REPO_ROOT, 'dist', 'simulator.js'));

describe('AccelerateWP billing report: hostile data (UI)', function () {
  this.timeout(180_000);
  let wb;
  let sim;
  const dialogs = [];

  before(async () => {
    const { startSimulator, HOSTILE_DOMAIN } = simulator();
    sim = await startSimulator({ size: 'demo', seed: 3, hostile: true });
    sim.hostile = HOSTILE_DOMAIN;
    wb = await openWorkbench({ viewport: { width: 1440, height: 900 } });
    await activityBarItem(wb.page, 'CloudLinux Network').waitFor({ state: 'visible', timeout: 60_000 });
    wb.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterEach(async function () {
    await screenshotOnFailure(this, wb?.page);
  });

  after(async () => {
    // The UI tier shares one code-server: sign out and leave cln.apiUrl unset for the files after this one.
    try {
      if (wb) {
        // Focus back on the workbench (it was in the report's webview), so the palette opens.
        await wb.page.locator('.part.sidebar .composite.title').first().click();
        await runCommand(wb.page, 'CLN: Sign Out').catch(() => {});
        await resetTextSetting(wb.page, 'cln.apiUrl');
      }
    } finally {
      await wb?.close();
      await sim?.close();
    }
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
    assert.deepEqual(dialogs, [], 'no alert() ran');
  });
});
