// Helpers for UI tests: drive the real VS Code workbench (code-server in headless chromium) the
// way a person would - command palette, quick inputs, tree rows, status bar, webviews - and save
// screenshots to docs/screenshots/.
//
// scripts/run-ui-tests.mjs packages the extension, installs the .vsix into a fresh code-server and
// sets CLN_UI_URL (workbench URL) before running mocha over test/ui/**/*.test.mjs. Run a test file
// on its own (`npx mocha --no-config --timeout 120000 test/ui/workbench.test.mjs`) and
// openWorkbench() starts its own code-server with the repository as the extension under
// development instead (build first: tsc -p . && node esbuild.js).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT, UI_TEST_SETTINGS, launchChromium, startCodeServer, startCodeServerWithVsix, tempDir, workbenchUrl } from '../../scripts/lib/code-server.mjs';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
export const DEFAULT_TIMEOUT = 30_000;

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Exact-match RegExp for a string, or the RegExp itself. */
const asRegExp = (label) => (label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`));

/**
 * Opens the workbench in a fresh headless chromium and waits until it is usable.
 * @param {{ url?: string, viewport?: { width: number, height: number } }} [opts]
 * @returns {Promise<{ page: import('playwright-core').Page, browser: import('playwright-core').Browser,
 *   url: string, close: () => Promise<void> }>}
 */
export async function openWorkbench(opts = {}) {
  const cleanups = [];
  let url = opts.url ?? process.env.CLN_UI_URL;
  if (!url) {
    const folder = tempDir('cln-ui-ws-');
    cleanups.push(async () => fs.rmSync(folder, { recursive: true, force: true }));
    const server = await startCodeServer({ folder, settings: UI_TEST_SETTINGS });
    cleanups.push(() => server.stop());
    url = workbenchUrl(server, { folder, extensionDevelopmentPath: REPO_ROOT });
  }
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const close = async () => {
    while (cleanups.length)
      await cleanups
        .pop()()
        .catch(() => {});
  };
  try {
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    return { page, browser, url, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The hooks every UI test file needs, registered on the current `describe`: a workbench opened
 * before its tests (waiting until the extension's activity-bar icon is in, i.e. its contributions
 * are, unless `waitForExtension` is false; then the demo started when `demo`), a screenshot of a
 * failing test, and the workbench closed after (`beforeClose(page)` first, for what a file must
 * leave as it found it in the code-server the tier shares). Browser dialogs (alert, confirm) are
 * dismissed and kept in `dialogs`: a webview that runs a script it should not shows up there.
 * @param {{ url?: string | (() => Promise<string>), viewport?: { width: number, height: number },
 *   waitForExtension?: boolean, demo?: boolean, beforeClose?: (page: import('playwright-core').Page) => Promise<void> }} [opts]
 * @returns {{ readonly page: import('playwright-core').Page, readonly dialogs: string[] }}
 */
export function useWorkbench(opts = {}) {
  let opened;
  const dialogs = [];
  before(async () => {
    opened = await openWorkbench({ url: typeof opts.url === 'function' ? await opts.url() : opts.url, viewport: opts.viewport });
    opened.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    if (opts.waitForExtension !== false) await activityBarItem(opened.page, 'CloudLinux Network').waitFor({ state: 'visible', timeout: 60_000 });
    if (opts.demo) await startDemo(opened.page);
  });
  afterEach(async function () {
    await screenshotOnFailure(this, opened?.page);
  });
  after(async () => {
    try {
      if (opened && opts.beforeClose) await opts.beforeClose(opened.page);
    } finally {
      await opened?.close();
    }
  });
  return {
    get page() {
      if (!opened) throw new Error('the workbench is not open (its `before` hook failed or has not run)');
      return opened.page;
    },
    dialogs,
  };
}

/**
 * useWorkbench on a code-server of its own, with cln-explorer.vsix installed as a user installs it (`npm run
 * package` first) and `cln.apiUrl` pointing at a simulator the suite starts: `simulator()` starts it when the
 * suite begins; `settings(sim)` adds user settings. After the suite the workbench closes, then the
 * code-server and the simulator stop. `server` is the code-server (its log folder is read for errors).
 * @param {{ prefix: string, simulator: () => Promise<{ url: string, close(): Promise<void> }>,
 *   settings?: (sim: { url: string }) => Record<string, unknown>, viewport?: { width: number, height: number } }} opts
 */
export function useOwnWorkbench({ prefix, simulator, settings = () => ({}), viewport }) {
  const cleanups = [];
  let server;
  const wb = useWorkbench({
    viewport,
    url: async () => {
      const sim = await simulator();
      cleanups.push(() => sim.close());
      let folder;
      ({ server, folder } = await startCodeServerWithVsix(path.join(REPO_ROOT, 'cln-explorer.vsix'), { prefix, cleanups, settings: { 'cln.apiUrl': sim.url, ...settings(sim) } }));
      return workbenchUrl(server, { folder });
    },
  });
  after(async () => {
    while (cleanups.length)
      await cleanups
        .pop()()
        .catch(() => {});
  });
  return Object.defineProperty(wb, 'server', { get: () => server });
}

/**
 * Starts the demo from the palette and waits, as a person would, until the status bar names the
 * demo account: commands hidden while signed out are in the palette from then on.
 */
export async function startDemo(page) {
  await runCommand(page, 'CLN: Explore Demo Data');
  await statusBarItem(page, /CLN Demo/).waitFor({ timeout: 60_000 });
}

/** The simulator as tsc compiled it (out/src/sim; `npm test` compiles before the UI tier). */
export function loadSimulator() {
  const require = createRequire(import.meta.url);
  return require(path.join(REPO_ROOT, 'out', 'src', 'sim', 'index.js'));
}

/** The quick input (command palette, showInputBox, showQuickPick) once it is visible. */
export async function quickInput(page) {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible' });
  return widget;
}

/** Rows of the open quick pick whose label matches `label` (exact string or RegExp). */
export function quickItems(page, label) {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: asRegExp(label) }) });
}

/**
 * Runs a command from the command palette (F1) by its full title, e.g. 'CLN: Sign In' or
 * 'View: Show CloudLinux Network'. Fails if no palette entry has exactly that title.
 */
export async function runCommand(page, title) {
  const query = `>${title}`;
  // The palette can close again as it opens when an editor that was opening takes the focus
  // (a walkthrough, a settings editor): open it again until its input takes the text.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = (await quickInput(page)).locator('.quick-input-box input');
    try {
      await input.fill(query, { timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  const row = quickItems(page, title).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  // Either the palette closes, or the command reuses it for its own input (value changes).
  await page.waitForFunction((q) => {
    const w = document.querySelector('.quick-input-widget');
    const i = w && w.querySelector('.quick-input-box input');
    return !w || w.style.display === 'none' || !i || i.value !== q;
  }, query);
}

/**
 * Types `text` into the open input box (showInputBox, or a quick pick's filter) and presses Enter.
 * With `prompt`, first checks the input shows that prompt/title/placeholder (string or RegExp).
 */
export async function answerInput(page, text, { prompt } = {}) {
  const widget = await quickInput(page);
  if (prompt) {
    const re = prompt instanceof RegExp ? prompt : new RegExp(escapeRegExp(prompt));
    await page.waitForFunction(
      ([src, flags]) => {
        const w = document.querySelector('.quick-input-widget');
        if (!w) return false;
        const r = new RegExp(src, flags);
        const input = w.querySelector('.quick-input-box input');
        const texts = [w.querySelector('.quick-input-title')?.textContent, w.querySelector('.quick-input-message')?.textContent, input?.getAttribute('placeholder'), input?.getAttribute('aria-label')];
        return texts.some((t) => t && r.test(t));
      },
      [re.source, re.flags],
    );
  }
  const input = widget.locator('.quick-input-box input');
  await input.fill(text);
  await input.press('Enter');
}

/** The validation/prompt message under the open input box (empty string if none). */
export async function inputMessage(page) {
  const widget = await quickInput(page);
  return ((await widget.locator('.quick-input-message').textContent()) ?? '').trim();
}

/** Clicks the quick-pick item whose label matches (exact string or RegExp). */
export async function pickQuickItem(page, label) {
  await quickInput(page);
  const row = quickItems(page, label).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** Accepts the open quick input (e.g. a multi-select pick after ticking items). */
export async function acceptQuickInput(page) {
  const widget = await quickInput(page);
  await widget.locator('.quick-input-box input').press('Enter');
}

/** Closes whatever quick input is open. */
export async function dismissQuickInput(page) {
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Tree rows (`.monaco-list-row[role=treeitem]`) whose aria-label matches. */
export function treeRow(page, ariaLabel) {
  return page.locator('.monaco-list-row[role="treeitem"]').and(page.getByRole('treeitem', { name: asLabelRegExp(ariaLabel) }));
}

/** Every line of a code-server's logs (extension host included) that says a tree element was registered twice ("Element with id … is already registered"). */
export function loggedDuplicateElements(server) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.log')) for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (/already registered/i.test(line)) out.push(`${path.basename(file)}: ${line.trim()}`);
    }
  };
  const logs = path.join(server.userDataDir, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return out;
}

/** The messages of every notification the window has shown (the notification center lists them all). */
export async function notificationMessages(page) {
  const center = page.locator('.notifications-center');
  const wasOpen = await center.isVisible();
  if (!wasOpen) await page.locator('.part.statusbar [id="status.notifications"] .statusbar-item-label').click();
  await center.waitFor({ state: 'visible' });
  const messages = await center.locator('.notification-list-item-message').allInnerTexts();
  if (!wasOpen) {
    await center.locator('.notifications-center-header .action-label.codicon-notifications-hide').click();
    await center.waitFor({ state: 'hidden' });
  }
  return messages.map((m) => m.trim());
}

/** The labels (`rows`) and texts (`texts`) of the rows one level under the Licenses view's row matching `parent` (a RegExp), as rendered, and whether that row is expanded. */
export function rowsUnder(page, parent) {
  return page.evaluate(
    ([source, flags]) => {
      const re = new RegExp(source, flags);
      const pane = [...document.querySelectorAll('.part.sidebar .pane')].find((p) => p.querySelector('.pane-header .title')?.textContent?.trim() === 'Licenses');
      if (!pane) return undefined;
      const rows = [...pane.querySelectorAll('.monaco-list-row[role="treeitem"]')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      const at = rows.findIndex((row) => re.test(row.getAttribute('aria-label') ?? ''));
      if (at < 0) return undefined;
      const level = Number(rows[at].getAttribute('aria-level'));
      const expanded = rows[at].getAttribute('aria-expanded') === 'true';
      const out = [];
      const texts = [];
      for (const row of rows.slice(at + 1)) {
        const l = Number(row.getAttribute('aria-level'));
        if (l <= level) break;
        if (l === level + 1) {
          out.push(row.getAttribute('aria-label') ?? '');
          texts.push(row.textContent ?? '');
        }
      }
      return { expanded, rows: out, texts };
    },
    [parent.source, parent.flags],
  );
}

/** Expands the tree row whose aria-label matches `label` (by its twistie) and waits until it is. */
export async function expandRow(page, label) {
  const row = treeRow(page, label).first();
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await row.elementHandle());
}

const asLabelRegExp = (l) => (l instanceof RegExp ? l : new RegExp(escapeRegExp(l)));

/** Status-bar entries whose visible text matches. */
export function statusBarItem(page, text) {
  return page.locator('.part.statusbar .statusbar-item').filter({ hasText: asLabelRegExp(text) });
}

/** A view's pane header in the side bar, by view name (e.g. 'Licenses'). */
export function viewPane(page, name) {
  return page.locator('.part.sidebar .pane-header').filter({ has: page.locator('.title', { hasText: asRegExp(name) }) });
}

/** Activity-bar entry whose aria-label starts with `title` (e.g. 'CloudLinux Network'). */
export function activityBarItem(page, title) {
  return page.locator(`.part.activitybar .action-item a[aria-label^="${title.replace(/"/g, '\\"')}"]`);
}

/**
 * Notification toasts whose message matches. Only for what is on screen (e.g. waiting for toasts
 * to fade before a screenshot): to check that a notification was shown, use expectNotification(),
 * because VS Code does not pop every notification up as a toast.
 */
export function notification(page, text) {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: asLabelRegExp(text) });
}

/**
 * Waits until the window has shown a notification whose message is `text` (exact string, or a
 * RegExp) with the given severity, then clears it and closes the notification center.
 *
 * It looks in the notification center, not for a toast: VS Code pops up at most three new toasts
 * per 800 ms and sends the rest to the notification center only (the status-bar bell), and shows no
 * toasts at all while the center is open. A command run right after others (demo mode's progress
 * and notice, then the command's own progress and result) can therefore report its outcome without
 * a toast; the center lists every notification of the window either way. Clearing the match means a
 * later check cannot be satisfied by this notification again.
 * @param {{ severity?: 'info' | 'warning' | 'error', timeout?: number }} [opts]
 */
export async function expectNotification(page, text, { severity = 'info', timeout = DEFAULT_TIMEOUT } = {}) {
  const center = page.locator('.notifications-center');
  // The status-bar bell, not the palette: a command's quick pick that was just accepted may still be
  // closing, and its late hide would close a palette opened now.
  if (!(await center.isVisible())) await page.locator('.part.statusbar [id="status.notifications"] .statusbar-item-label').click();
  await center.waitFor({ state: 'visible' });
  const item = center
    .locator('.notification-list-item')
    .filter({ has: page.locator('.notification-list-item-message', { hasText: asRegExp(text) }) })
    .first();
  await item.waitFor({ timeout });
  const icon = (await item.locator('.notification-list-item-icon').getAttribute('class')) ?? '';
  if (!new RegExp(`\\bcodicon-${severity}\\b`).test(icon)) {
    const message = (await item.locator('.notification-list-item-message').textContent())?.trim();
    throw new Error(`notification "${message}" is not of severity ${severity} (icon: "${icon}")`);
  }
  await item.locator('.action-label.codicon-notifications-clear').click();
  await item.waitFor({ state: 'detached' });
  await center.locator('.notifications-center-header .action-label.codicon-notifications-hide').click();
  await center.waitFor({ state: 'hidden' });
}

/**
 * Content of a webview (panel or view): VS Code nests it as iframe.webview > iframe#active-frame.
 * `index` picks among several open webviews (default: the most recently created).
 */
export function webviewFrame(page, { index } = {}) {
  const outer = page.locator('iframe.webview.ready');
  const chosen = index === undefined ? outer.last() : outer.nth(index);
  return chosen.contentFrame().locator('iframe#active-frame').contentFrame();
}

/**
 * Saves docs/screenshots/<name>.png and returns its path. By default first parks the mouse over
 * the bottom-right corner of the editor area so no hover tooltip or row highlight is captured.
 * With `minBytes`, fails unless the picture is larger than that (a blank page is small).
 */
export async function screenshot(page, name, { parkMouse = true, minBytes } = {}) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (parkMouse) {
    const vp = page.viewportSize() ?? { width: 1280, height: 800 };
    await page.mouse.move(vp.width - 40, vp.height - 60);
    await page.waitForTimeout(300);
  }
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  if (minBytes !== undefined) assert.ok(fs.statSync(file).size > minBytes, `${file} looks empty`);
  return file;
}

/**
 * For an afterEach hook: when the current test failed, saves a screenshot of the page to
 * .test-artifacts/ui/<test title>.png (git-ignored) and says where.
 * @param {import('mocha').Context} ctx  the hook's `this`
 */
export async function screenshotOnFailure(ctx, page) {
  const test = ctx.currentTest;
  if (!page || !test || test.state !== 'failed') return;
  await failureScreenshot(page, test.fullTitle());
}

/** Saves a screenshot of the page to .test-artifacts/ui/<title>.png (git-ignored) and says where. */
export async function failureScreenshot(page, title) {
  const dir = path.join(REPO_ROOT, '.test-artifacts', 'ui');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${title.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120)}.png`);
  try {
    await page.screenshot({ path: file });
    console.log(`      (screenshot of the failure: ${path.relative(REPO_ROOT, file)})`);
  } catch {
    /* page already gone */
  }
}

/** Opens the Settings editor on one setting; returns its text input and its row. */
export async function openSetting(page, id) {
  await runCommand(page, 'Preferences: Open User Settings');
  await page.locator('.settings-editor .suggest-input-container textarea').waitFor();
  await page.keyboard.type(id);
  const input = page.locator(`.settings-editor input[aria-label="${id}"]`);
  await input.waitFor();
  const row = page.locator('.settings-editor .setting-item-contents').filter({ has: page.locator(`input[aria-label="${id}"]`) });
  return { input, row };
}

/** A setting's default as package.json declares it. */
function settingDefault(id) {
  const { configuration } = createRequire(import.meta.url)('../../package.json').contributes;
  const properties = Object.assign({}, ...[configuration].flat().map((c) => c.properties));
  return properties[id].default;
}

/**
 * Sets a user text setting through the Settings editor, as a user would, and closes the editor once
 * it is written. With `expectUnset`, first checks that nothing set it already (a file before this
 * one that did not clean up).
 */
export async function setTextSetting(page, id, value, { expectUnset = false } = {}) {
  const { input, row } = await openSetting(page, id);
  if (expectUnset && /\bis-configured\b/.test((await row.getAttribute('class')) ?? '')) throw new Error(`${id} is set already: a test file before this one did not reset it`);
  await input.fill(value);
  await input.press('Enter');
  // The Settings editor writes after a short debounce; the "modified" bar shows it was written.
  await page
    .locator('.settings-editor .setting-item-contents.is-configured')
    .filter({ has: page.locator(`input[aria-label="${id}"]`) })
    .waitFor({ timeout: 10_000 });
  await runCommand(page, 'View: Close All Editors');
}

/** Puts a user text setting back to its default (typing the default is a reset there); closes the editor once it shows the setting unset. */
export async function resetTextSetting(page, id) {
  const { input } = await openSetting(page, id);
  await input.fill(settingDefault(id));
  await input.press('Enter');
  await page
    .locator('.settings-editor .setting-item-contents:not(.is-configured)')
    .filter({ has: page.locator(`input[aria-label="${id}"]`) })
    .waitFor();
  await runCommand(page, 'View: Close All Editors');
}
