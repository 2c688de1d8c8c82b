// What a new user does: opens the CloudLinux Network view, sees the welcome, points the
// extension at a CLN (here the simulator, via the Settings editor: cln.apiUrl is a user-only
// setting), runs "CLN: Sign In" from the palette typing the login and the secret key, expands
// IP Licenses and reads the status bar. Saves docs/screenshots/tree.png and status.png.
import assert from 'node:assert/strict';
import {
  activityBarItem,
  answerInput,
  failureScreenshot,
  loadSimulator,
  pickQuickItem,
  resetTextSetting,
  runCommand,
  screenshot,
  setTextSetting,
  statusBarItem,
  treeRow,
  useWorkbench,
  viewPane,
} from './helpers.mjs';

/** Drags the side bar's edge so descriptions are readable in the screenshots. */
async function widenSideBar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(width, y, { steps: 5 });
  await page.mouse.up();
}

describe('explorer: first sign-in', function () {
  this.timeout(180_000);
  let sim;

  before(async () => {
    sim = await loadSimulator().startSimulator({ seed: 5 });
  });
  // The UI tier shares one code-server: leave cln.apiUrl unset, not pointing at a closed simulator.
  // A failed reset fails the `after` hook (with a screenshot) rather than leaving that behind unnoticed.
  const wb = useWorkbench({
    async beforeClose(page) {
      await resetTextSetting(page, 'cln.apiUrl').catch(async (err) => {
        await failureScreenshot(page, 'explorer after all: reset cln.apiUrl');
        throw err;
      });
    },
  });

  after(async () => {
    await sim?.close();
  });

  it('shows the welcome with Sign In and Explore Demo Data while signed out', async () => {
    const { page } = wb;
    await activityBarItem(page, 'CloudLinux Network').click();
    await viewPane(page, 'Licenses').waitFor();
    const welcome = page.locator('.part.sidebar .welcome-view-content').first();
    await welcome.waitFor({ timeout: 60_000 });
    assert.match(await welcome.textContent(), /Browse and manage your CloudLinux Network licenses/);
    // Once: the Server Groups view below says where to start, it does not repeat the welcome.
    await viewPane(page, 'Server Groups').waitFor();
    await page.locator('.part.sidebar .welcome-view-content', { hasText: /server groups appear here/i }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.part.sidebar .welcome-view-content', { hasText: /Browse and manage/ }).count(), 1, 'the signed-out welcome shows once');
    for (const button of ['Sign In', 'Explore Demo Data']) {
      assert.equal(await welcome.getByRole('button', { name: button }).count(), 1, `a "${button}" button`);
    }
    // Signed out the status bar claims nothing about CLN's health: no check, no colour.
    const item = page.locator('.part.statusbar [id="cln-explorer.cln-explorer.cln.status"]');
    await item.waitFor();
    assert.equal((await item.textContent()).trim(), 'CLN');
    const label = await item.evaluate((el) => el.getAttribute('aria-label') ?? el.querySelector('[aria-label]')?.getAttribute('aria-label'));
    assert.match(label, /^CLN service status is checked once you sign in or explore the demo\.$/);
    assert.doesNotMatch(await item.getAttribute('class'), /warning-kind|error-kind/);
  });

  it('signs in from the palette with the login and the secret key, and shows the account', async () => {
    const { page } = wb;
    await setTextSetting(page, 'cln.apiUrl', sim.url, { expectUnset: true });
    await runCommand(page, 'CLN: Sign In');
    await answerInput(page, sim.credentials.login, { prompt: /CLN login/ });
    const secretBox = page.locator('.quick-input-widget .quick-input-box input');
    await page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-box input')?.getAttribute('type') === 'password');
    assert.equal(await secretBox.getAttribute('type'), 'password', 'the secret key is typed into a password box');
    await answerInput(page, sim.credentials.secretKey, { prompt: /secret key/ });
    await treeRow(page, 'IP Licenses').waitFor({ timeout: 30_000 });
    const description = page.locator('.part.sidebar .pane-header', { hasText: 'Licenses' }).locator('.description').first();
    await page.waitForFunction((login) => [...document.querySelectorAll('.part.sidebar .pane-header .description')].some((d) => d.textContent?.includes(login)), sim.credentials.login);
    assert.match(await description.textContent(), new RegExp(sim.credentials.login));
  });

  it('expands IP Licenses into product types and licenses with server details', async () => {
    const { page } = wb;
    const started = Date.now();
    await treeRow(page, 'IP Licenses').click();
    const typeRow = treeRow(page, 'CloudLinux OS Shared Pro');
    await typeRow.waitFor({ timeout: 30_000 });
    const expandedMs = Date.now() - started;
    await typeRow.click();
    const license = sim.state.ipLicenses.find((l) => l.type === 1002 && l.registered);
    await treeRow(page, license.ip).first().waitFor({ timeout: 30_000 });
    console.log(`      IP Licenses expanded (list + ${Math.ceil(sim.state.ipLicenses.length / 100)} server-detail batches) in ${expandedMs} ms`);
    await widenSideBar(page, 620);
    await page.waitForTimeout(500);
    await screenshot(page, 'tree', { minBytes: 10_000 });
  });

  it('names keys by note and servers by a short status, in the dark and the light theme (rows-dark.png, rows-light.png)', async () => {
    const { page } = wb;
    await treeRow(page, /^IP Licenses/)
      .first()
      .click(); // collapse, to make room
    await treeRow(page, /^KernelCare/)
      .first()
      .click();
    const key = sim.state.kcareKeys.find((k) => k.note && /[A-Za-z]/.test(k.note) && sim.state.kcareServers.some((s) => s.key === k.key && s.ip));
    const keyRow = treeRow(page, new RegExp(`^${key.note.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).first();
    await keyRow.waitFor({ timeout: 30_000 });
    await keyRow.click();
    const status = page.locator('.part.sidebar .monaco-list-row[role="treeitem"] .label-description').filter({ hasText: /^(⚠ silent \d+ d|⚠ never checked in|seen (today|\d+ d ago))( · |$)/ });
    await status.first().waitFor({ timeout: 30_000 });
    assert.equal(await treeRow(page, key.key).count(), 0, 'no row is labelled by its key string');
    await page.waitForTimeout(500);
    await screenshot(page, 'rows-dark');
    try {
      await runCommand(page, 'Preferences: Color Theme');
      await pickQuickItem(page, 'Light Modern');
      await page.locator('.monaco-workbench.vs').waitFor({ timeout: 10_000 });
      await page.waitForTimeout(500);
      await screenshot(page, 'rows-light');
    } finally {
      await runCommand(page, 'Preferences: Color Theme');
      await pickQuickItem(page, 'Dark Modern');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 10_000 });
    }
  });

  it('shows CLN health in the status bar with every flag in its tooltip', async () => {
    const { page } = wb;
    sim.state.status.rhn_queue_full = true;
    await runCommand(page, 'CLN: Show Service Status');
    const pick = page.locator('.quick-input-widget');
    await pick.locator('.quick-input-list .monaco-list-row', { hasText: 'Registration queue: full — problem' }).waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');
    const item = statusBarItem(page, /CLN: Registration queue full/);
    await item.waitFor({ timeout: 30_000 });
    await item.hover();
    const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').filter({ hasText: 'Registration service (XML-RPC): running' }).first();
    await hover.waitFor({ timeout: 10_000 });
    assert.match(await hover.textContent(), /Registration queue: full — problem/);
    const label = await item.evaluate((el) => el.getAttribute('aria-label') ?? el.querySelector('[aria-label]')?.getAttribute('aria-label'));
    assert.match(label, /^CLN service status: degraded — Registration queue full\. Checked /);
    assert.doesNotMatch(label, /\*\*|\$\(|_/, 'the accessible label is plain text');
    await screenshot(page, 'status', { minBytes: 10_000, parkMouse: false });
  });
});
