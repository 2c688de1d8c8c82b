// `npm run demo` as a new user runs it from a clone without desktop VS Code: it packages and
// installs the extension into code-server and prints one short address. Opening that plain
// address (no query, no payload) lands on the extension: the CloudLinux Network view open on the
// demo account, the status bar saying "CLN Demo". Saves docs/screenshots/demo.png.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, freePort } from '../../scripts/lib/code-server.mjs';
import { openWorkbench, quickInput, runCommand, screenshot, screenshotOnFailure, statusBarItem, treeRow, viewPane } from './helpers.mjs';

/** A step of the walkthrough (VS Code names it `<extension>#<walkthrough>#<step>`). */
const step = (page, id) => page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);
const checked = (page, id) => page.locator(`button.getting-started-step[data-step-id$="#${id}"][aria-checked="true"]`);

/** Starts `npm run demo -- --code-server --port N` in its own process group; resolves with the address it prints. */
function startDemo(port) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'demo.mjs'), '--code-server', '--port', String(port)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, CLN_UI_URL: '' },
  });
  let output = '';
  const address = new Promise((resolve, reject) => {
    const seen = (chunk) => {
      output += chunk;
      const m = /open (http:\/\/\S+)\s*$/m.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.setEncoding('utf8').on('data', seen);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.on('exit', (code, signal) => reject(new Error(`npm run demo exited (${code ?? signal}) before printing an address:\n${output.slice(-3000)}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    process.kill(-child.pid, 'SIGINT'); // as Ctrl+C in its terminal
    const forced = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 15_000);
    await exited;
    clearTimeout(forced);
  };
  return { address, stop, output: () => output };
}

describe('npm run demo (UI)', function () {
  this.timeout(300_000);
  let demo;
  let wb;

  before(async () => {
    demo = startDemo(await freePort());
  });

  afterEach(async function () {
    await screenshotOnFailure(this, wb?.page);
  });

  after(async () => {
    await wb?.close();
    await demo?.stop();
  });

  it('prints one short address: the server root, nothing to copy by hand', async () => {
    const address = await demo.address;
    assert.match(address, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const addresses = demo.output().match(/https?:\/\/\S+/g) ?? [];
    assert.deepEqual([...new Set(addresses)], [address], `one address in:\n${demo.output()}`);
    // What comes before it is a few lines of its own, not vsce's listing of every file it packed.
    const before = demo.output().slice(0, demo.output().indexOf(address)).split('\n');
    assert.ok(!before.some((line) => /[├└]─/.test(line)), `no file listing before the address:\n${demo.output()}`);
    assert.ok(before.length <= 12, `${before.length} lines before the address:\n${demo.output()}`);
  });

  it('the plain address loads the extension with its view open on the demo account', async () => {
    wb = await openWorkbench({ url: await demo.address });
    const { page } = wb;
    await viewPane(page, 'Licenses').waitFor({ timeout: 60_000 });
    await treeRow(page, /^IP Licenses/).waitFor({ timeout: 60_000 });
    await statusBarItem(page, /CLN Demo/).waitFor({ timeout: 30_000 });
    const active = page.locator('.part.activitybar .action-item.checked a[aria-label^="CloudLinux Network"]');
    assert.equal(await active.count(), 1, 'the CloudLinux Network container is the open one');
    // The view's name is readable beside its title-bar actions (it read "LICE…" under nine icons).
    const header = viewPane(page, 'Licenses');
    await header.hover();
    const title = header.locator('.title').first();
    assert.equal(((await title.textContent()) ?? '').trim().toUpperCase(), 'LICENSES');
    const clipped = await title.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    assert.equal(clipped, false, 'the Licenses view title is not cut off');
    const actions = await header
      .locator('.actions .action-item a.action-label')
      .evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? '').filter((label) => label && !/^More Actions/.test(label)));
    console.log(`      Licenses title bar: ${actions.join(' | ')} | …`);
    // Four of the extension's own, and VS Code's Collapse All.
    assert.ok(actions.filter((label) => !/^Collapse All/.test(label)).length <= 4, actions.join(' | '));
    await screenshot(page, 'demo', { minBytes: 10_000 });
  });

  it('offers in the palette only what applies in the demo: no Sign Out, no Resume with nothing to resume', async () => {
    const { page } = wb;
    await page.keyboard.press('F1');
    const widget = await quickInput(page);
    await widget.locator('.quick-input-box input').fill('>CLN: ');
    await page.waitForFunction(() => /\d/.test(document.querySelector('.quick-input-widget .quick-input-visible-count')?.textContent ?? ''));
    // The list draws only the rows in sight: walk it with the arrow key and collect the "CLN: " entries.
    const seen = new Set();
    for (let i = 0; i < 120; i++) {
      for (const label of await widget.locator('.quick-input-list .monaco-list-row .label-name').allTextContents()) if (label.startsWith('CLN: ')) seen.add(label);
      await page.keyboard.press('ArrowDown');
    }
    console.log(`      "CLN: " commands in the demo's palette: ${seen.size}`);
    // 39 once what does not apply was hidden (41 before), plus the seven of CLN API v2 (CloudLinux OS keys and
    // servers, Imunify Email, Add-ons) and Set License Prices…: each applies in the demo, which answers v2.
    assert.ok(seen.size > 20 && seen.size <= 46, [...seen].join(', '));
    for (const hidden of ['CLN: Sign Out', 'CLN: Resume an Interrupted Bulk Run', 'CLN: Explore Demo Data']) {
      await widget.locator('.quick-input-box input').fill(`>${hidden}`);
      await page.waitForTimeout(300);
      const rows = widget.locator('.quick-input-list .monaco-list-row .label-name', { hasText: new RegExp(`^${hidden}$`) });
      assert.equal(await rows.count(), 0, `${hidden} is offered in the demo`);
    }
    await widget.locator('.quick-input-box input').fill('>CLN: Leave Demo Data');
    await widget.locator('.quick-input-list .monaco-list-row .label-name', { hasText: /^CLN: Leave Demo Data$/ }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('the walkthrough follows along: step 1 ticks after its Explore Demo Data button, "Read the tree" when a row is opened', async () => {
    const { page } = wb;
    await runCommand(page, 'CLN: Get Started');
    await page.locator('.gettingStartedSlideDetails', { hasText: 'Get Started with CLN Explorer' }).waitFor({ timeout: 60_000 });
    console.log(`      on opening: step 1 ${await step(page, 'signIn').getAttribute('aria-checked')}, Read the tree ${await step(page, 'readTree').getAttribute('aria-checked')}`);
    if ((await step(page, 'signIn').getAttribute('aria-checked')) !== 'true') {
      const row = step(page, 'signIn');
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      await row.getByRole('button', { name: 'Explore Demo Data' }).first().click();
    }
    await checked(page, 'signIn').waitFor({ timeout: 60_000 });
    assert.equal(await step(page, 'readTree').getAttribute('aria-checked'), 'false', 'nothing of the tree opened yet');
    // The tree beside the walkthrough: open a row.
    const family = treeRow(page, /^KernelCare/).first();
    await family.waitFor({ timeout: 60_000 });
    if ((await family.getAttribute('aria-expanded')) === 'false') await family.click();
    await checked(page, 'readTree').waitFor({ timeout: 60_000 });
    await runCommand(page, 'View: Close All Editors');
  });

  it("shows the demo account's rows (docs/screenshots/demo-tree.png)", async () => {
    const { page } = wb;
    await runCommand(page, 'Notifications: Clear All Notifications');
    /** The row at `level` whose label is exactly `label` (a key's label may also start with "KernelCare"). */
    const row = (level, label) => page.locator(`.monaco-list-row[role="treeitem"][aria-level="${level}"]`).filter({ has: page.locator('.label-name', { hasText: label }) });
    // The KernelCare keys the walkthrough step opened: closed again, for room.
    const keys = row(1, /^KernelCare$/).first();
    if ((await keys.getAttribute('aria-expanded')) === 'true') await keys.click();
    const ip = row(1, /^IP Licenses$/).first();
    if ((await ip.getAttribute('aria-expanded')) === 'false') await ip.click();
    const type = row(2, /^KernelCare$/).first();
    await type.waitFor({ timeout: 30_000 });
    if ((await type.getAttribute('aria-expanded')) === 'false') await type.click();
    await page.locator('.monaco-list-row[role="treeitem"][aria-level="3"]').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    await screenshot(page, 'demo-tree', { minBytes: 10_000 });
  });

  it('groups the settings under "CLN Explorer" in sections, labelled without a "Cln:" prefix', async () => {
    const { page } = wb;
    await runCommand(page, 'Preferences: Open User Settings');
    await page.locator('.settings-editor .suggest-input-container textarea').waitFor();
    const toc = page.locator('.settings-editor .settings-toc-container .monaco-list-row');
    await toc
      .filter({ hasText: /^Extensions/ })
      .first()
      .click();
    await toc
      .filter({ hasText: /^CLN Explorer/ })
      .first()
      .click();
    for (const section of ['Connection', 'Views', 'Status Bar'])
      await toc
        .filter({ hasText: new RegExp(`^${section} \\(\\d+\\)`) })
        .first()
        .waitFor();
    await toc
      .filter({ hasText: /^Connection/ })
      .first()
      .click();
    const row = page.locator('.settings-editor .setting-item-contents').filter({ has: page.locator('input[aria-label="cln.apiUrl"]') });
    await row.waitFor();
    const title = ((await row.locator('.setting-item-title').textContent()) ?? '').trim();
    assert.match(title, /^Api Url/, title);
    await screenshot(page, 'settings');
    await runCommand(page, 'View: Close All Editors');
  });

  it("groups a row's context menu as VS Code does: actions, changes with removal last, copy", async () => {
    const { page } = wb;
    await runCommand(page, 'View: Close All Editors');
    const family = treeRow(page, /^IP Licenses/).first();
    if ((await family.getAttribute('aria-expanded')) === 'false') await family.click();
    const type = treeRow(page, /^CloudLinux OS Shared Pro/).first();
    await type.waitFor({ timeout: 30_000 });
    if ((await type.getAttribute('aria-expanded')) === 'false') await type.click();
    const license = page.locator('.monaco-list-row[role="treeitem"][aria-level="3"]').first();
    await license.waitFor({ timeout: 30_000 });
    await license.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu').first();
    await menu.waitFor();
    const entries = await menu
      .locator('.action-item')
      .evaluateAll((items) =>
        items.map((item) =>
          item.querySelector('.action-label.separator, .separator') || item.classList.contains('separator') ? '—' : (item.querySelector('.action-label')?.textContent ?? '').trim(),
        ),
      );
    await page.keyboard.press('Escape');
    console.log(`      context menu of an IP license: ${entries.join(' | ')}`);
    const labels = entries.filter((e) => e !== '—');
    const separators = entries.filter((e) => e === '—').length;
    assert.ok(labels.includes('Check IP') && labels.includes('Remove IP License') && labels.includes('Copy'), entries.join(' | '));
    assert.ok(separators <= 2 && separators < labels.length - 1, `a separator between groups, not after every item: ${entries.join(' | ')}`);
    assert.equal(labels[0], 'Check IP', entries.join(' | '));
    assert.equal(labels[labels.length - 1], 'Copy', entries.join(' | '));
    assert.ok(labels.indexOf('Remove IP License') > labels.indexOf('Update IP License'), entries.join(' | '));
  });
});
