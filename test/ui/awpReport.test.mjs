// The AccelerateWP billing report as a person sees it: demo data, the palette command, rows and
// totals of the seeded current month inside the webview, sorting by keyboard, and a screenshot in
// the default dark theme. The hostile test row (the demo has none) is checked in awpHostile.test.mjs.
import assert from 'node:assert/strict';
import { loadSimulator, notification, runCommand, screenshot, startDemo, useWorkbench, webviewFrame } from './helpers.mjs';

/** The demo account's entries for the current month: demo mode runs the same seeded simulator. */
async function seededCurrentMonth() {
  const sim = await loadSimulator().startSimulator({ size: 'demo' });
  try {
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    return { month, entries: sim.state.awp[month] };
  } finally {
    await sim.close();
  }
}

const count = (n) => n.toLocaleString('en');
const monthTitle = (month) => `AccelerateWP Billing — ${new Date(`${month}-01T00:00:00Z`).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`;

describe('AccelerateWP billing report (UI)', function () {
  this.timeout(180_000);
  let seeded;

  before(async () => {
    seeded = await seededCurrentMonth();
  });
  // The UI tier starts every file in Dark Modern (UI_TEST_SETTINGS in scripts/lib/code-server.mjs),
  // so nothing here changes the theme that later files share.
  const wb = useWorkbench({ viewport: { width: 1440, height: 900 } });

  it('opens from the palette on demo data and shows the seeded month’s rows and totals', async () => {
    const { page } = wb;
    // The palette lists the report once the demo is on (it is hidden while signed out).
    await startDemo(page);
    await runCommand(page, 'CLN: Open AWP Billing Report');
    const frame = webviewFrame(page);
    const rows = frame.locator('table.entries tbody tr');
    await rows.first().waitFor({ state: 'visible', timeout: 60_000 });

    const { entries } = seeded;
    const premium = entries.filter((e) => e.product === 'AWP_PREMIUM').length;
    const cdn = entries.length - premium;
    assert.equal(await frame.locator('h1').textContent(), monthTitle(seeded.month));
    assert.equal(await frame.locator('.card.total .value').textContent(), count(entries.length));
    assert.equal(await frame.locator('.card.series-AWP_PREMIUM .value').textContent(), count(premium));
    assert.equal(await frame.locator('.card.series-AWP_CDN .value').textContent(), count(cdn));
    assert.equal(await rows.count(), Math.min(100, entries.length));
    if (entries.length > 100) assert.equal(await frame.locator('.pager .range').textContent(), `Rows 1–100 of ${count(entries.length)}`);
    // Twelve months in the trend, the selected one last.
    await frame.locator('svg.trend-chart').waitFor();
    assert.equal(await frame.locator('svg.trend-chart g.month').count(), 12);
    assert.equal(await frame.locator('svg.trend-chart g.month.selected').count(), 1);
  });

  it('sorts from the keyboard: a header button toggles aria-sort', async () => {
    const frame = webviewFrame(wb.page);
    const header = frame.locator('th.col-username');
    assert.equal(await header.getAttribute('aria-sort'), 'none');
    await header.locator('button').focus();
    await header.locator('button').press('Enter');
    await frame.locator('th.col-username[aria-sort="ascending"]').waitFor();
    await header.locator('button').press('Enter');
    await frame.locator('th.col-username[aria-sort="descending"]').waitFor();
    // Back to the default order for the picture.
    await frame.locator('th.col-primaryDomain button').press('Enter');
    await frame.locator('th.col-primaryDomain[aria-sort="ascending"]').waitFor();
  });

  it('copies a domain from a row', async () => {
    const frame = webviewFrame(wb.page);
    const first = frame.locator('table.entries tbody tr').first();
    const domain = await first.locator('td.domain').textContent();
    await first.locator('button', { hasText: 'Copy' }).click();
    await frame.locator('.status', { hasText: `Copied ${domain}` }).waitFor();
  });

  it('looks right in the default dark theme (docs/screenshots/awp-report.png)', async () => {
    const { page } = wb;
    assert.equal(await page.locator('.monaco-workbench.vs-dark').count(), 1, 'the workbench is in a dark theme');
    await runCommand(page, 'View: Show CloudLinux Network');
    // Let notifications fade so the report is unobstructed; no focus ring or hover in the picture.
    await notification(page, /./)
      .first()
      .waitFor({ state: 'hidden', timeout: 15_000 })
      .catch(() => {});
    const frame = webviewFrame(page);
    await frame.locator('h1').click();
    await screenshot(page, 'awp-report', { minBytes: 20_000, parkMouse: false });
  });

  it('comes back after a window reload with the month it showed, and its Explore Demo Data button works', async () => {
    const { page } = wb;
    const frame = webviewFrame(page);
    await frame.getByRole('button', { name: 'Previous month' }).click();
    const previousMonth = new Date(Date.UTC(Number(seeded.month.slice(0, 4)), Number(seeded.month.slice(5)) - 2, 1)).toISOString().slice(0, 7);
    const previous = monthTitle(previousMonth);
    await frame.locator('h1', { hasText: previous }).waitFor();
    await frame.locator('table.entries tbody tr').first().waitFor();

    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    // Demo mode ends with the window; the restored panel says so and keeps its month.
    const restored = webviewFrame(page);
    await restored.locator('.problem', { hasText: 'Not signed in' }).waitFor({ timeout: 60_000 });
    assert.equal(await restored.locator('h1').textContent(), previous);
    await restored.getByRole('button', { name: 'Explore Demo Data' }).click();
    await restored.locator('table.entries tbody tr').first().waitFor({ timeout: 60_000 });
    assert.equal(await restored.locator('h1').textContent(), previous);
    assert.equal(await restored.locator('#month').inputValue(), previousMonth);
  });
});
