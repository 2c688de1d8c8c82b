// What a person does: explore the demo data, register an IP license from the palette (type the
// IP, pick a type, accept the default), see it in the Licenses view; then remove it, confirm the
// modal, and see it gone. Saves docs/screenshots/register.png and remove-confirm.png.
import assert from 'node:assert/strict';
import { acceptQuickInput, answerInput, expectNotification, pickQuickItem, quickInput, runCommand, screenshot, treeRow, useWorkbench } from './helpers.mjs';

const IP = '198.51.100.7';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('register and remove an IP license', function () {
  this.timeout(180_000);
  const wb = useWorkbench({ demo: true });

  before(async () => {
    await runCommand(wb.page, 'View: Show CloudLinux Network');
    await treeRow(wb.page, /^IP Licenses/).waitFor({ timeout: 60_000 });
  });

  /** Shows only rows matching the IP, so the license row is on screen among hundreds. */
  async function filterTo(page, text) {
    await runCommand(page, 'CLN: Filter Rows in All Views…');
    await answerInput(page, text, { prompt: /Filter/ });
  }

  /** Expands a collapsed tree row. */
  async function expand(page, label) {
    const row = treeRow(page, label).first();
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
    await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await row.elementHandle());
  }

  it('registers an IP from the palette: IP, type, default ELS answer; the tree shows it', async () => {
    const { page } = wb;
    await runCommand(page, 'CLN: Register IP License');
    await answerInput(page, IP, { prompt: 'IP address' });
    await quickInput(page);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'License type' }).waitFor();
    await pickQuickItem(page, 'CloudLinux OS Legacy');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Allow CL6 (ELS) registration?' }).waitFor();
    const first = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await first.waitFor();
    assert.equal((await first.locator('.label-name').textContent()).trim(), 'No', 'the first (pre-selected) answer is "No"');
    assert.equal((await first.locator('.label-description').textContent()).trim(), 'default');
    await acceptQuickInput(page); // the default, "No"
    await expectNotification(page, `Registered ${IP} as CloudLinux OS Legacy.`, { severity: 'info' });
    // The new license is revealed and selected in the Licenses view.
    await treeRow(page, new RegExp(`^${escape(IP)}`))
      .and(page.locator('[aria-selected="true"]'))
      .waitFor({ timeout: 30_000 });

    await filterTo(page, IP);
    await expand(page, /^IP Licenses/);
    await expand(page, /^CloudLinux OS Legacy\b/);
    await treeRow(page, new RegExp(`^${escape(IP)}(\\s|$)`)).waitFor();
    await screenshot(page, 'register');
  });

  it('removes it after a modal that names what is lost; the row goes away', async () => {
    const { page } = wb;
    await runCommand(page, 'CLN: Remove IP License');
    await answerInput(page, IP, { prompt: 'IP address' });
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'License to remove' }).waitFor();
    await pickQuickItem(page, 'CloudLinux OS Legacy');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), new RegExp(`Remove the CloudLinux OS Legacy license of ${escape(IP)}\\?`));
    assert.match(await dialog.innerText(), /cannot be undone/);
    await screenshot(page, 'remove-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Remove$/ }).click();

    await expectNotification(page, `Removed the CloudLinux OS Legacy license of ${IP}.`, { severity: 'info' });
    await treeRow(page, new RegExp(`^${escape(IP)}(\\s|$)`)).waitFor({ state: 'detached' });
    await runCommand(page, 'CLN: Clear the Filter of All Views');
  });
});
