// `npm run demo` as a new user runs it from a clone without desktop VS Code: it packages and
// installs the extension into code-server and prints one short address. Opening that plain
// address (no query, no payload) lands on the extension: the CloudLinux Network view open on the
// demo account, the status bar saying "CLN Demo". Saves docs/screenshots/demo.png.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, freePort } from '../../scripts/lib/code-server.mjs';
import { openWorkbench, runCommand, screenshot, screenshotOnFailure, statusBarItem, treeRow, viewPane } from './helpers.mjs';

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
  });

  it('the plain address loads the extension with its view open on the demo account', async () => {
    wb = await openWorkbench({ url: await demo.address });
    const { page } = wb;
    await viewPane(page, 'Licenses').waitFor({ timeout: 60_000 });
    await treeRow(page, /^IP Licenses/).waitFor({ timeout: 60_000 });
    await statusBarItem(page, /CLN Demo/).waitFor({ timeout: 30_000 });
    const active = page.locator('.part.activitybar .action-item.checked a[aria-label^="CloudLinux Network"]');
    assert.equal(await active.count(), 1, 'the CloudLinux Network container is the open one');
    await screenshot(page, 'demo', { minBytes: 10_000 });
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
