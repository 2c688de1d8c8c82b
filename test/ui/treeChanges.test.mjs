// A tree that never breaks (issue 23, item 1). Signed in to a simulator, with Imunify and keys of
// it expanded, every kind of change a user makes: some landing while a list under the changed
// branch is still being fetched (a key's servers read slowly, as over a slow link) — Find… showing
// another key, Update Key twice, Create Key with its reveal — and the plain ones: Update Key setting
// and clearing a note, Remove Server, Remove Key, Refresh, collapse/expand, and with IP Licenses and
// a type group open Register, Change and Remove IP License. After each, every open branch is still
// expanded and lists its rows, and VS Code never said "Element with id … is already registered": not
// in a notification, not in the logs of the server (extension host included).
//
// Before the fix, the Find… case failed every time with VS Code's notification "Element with id
// im/<key>/<server> is already registered" (the key's servers, fetched while Imunify re-rendered,
// were registered under a record the extension host had replaced); Create Key sometimes left the
// slow key collapsed and empty.
//
// A code-server of its own (its log folder is read) with cln-explorer.vsix installed (npm run package).
import assert from 'node:assert/strict';
import {
  acceptQuickInput,
  activityBarItem,
  answerInput,
  expandRow,
  loadSimulator,
  loggedDuplicateElements,
  notificationMessages,
  pickQuickItem,
  quickInput,
  rowsUnder,
  runCommand,
  treeRow,
  useOwnWorkbench,
  viewPane,
} from './helpers.mjs';

const ALREADY = /already registered/i;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the tree after every kind of change (branches expanded)', function () {
  this.timeout(300_000);
  let sim;
  const wb = useOwnWorkbench({
    prefix: 'cln-ui-tree-changes-',
    simulator: async () => (sim = await loadSimulator().startSimulator({ seed: 23 })),
    // Tall enough that every row of the open branches is rendered (the tree renders only what is in view).
    viewport: { width: 1280, height: 2400 },
  });

  /**
   * The branch `parent` is expanded and lists rows (all matching `row` when given, and `expect`
   * among them), and nothing said "already registered". Waits for the rows as a user would.
   */
  async function branchIntact(page, parent, { row, expect, absent, what, wait = 0 }) {
    let last;
    await page.waitForTimeout(wait);
    for (const deadline = Date.now() + 20_000; ;) {
      last = await rowsUnder(page, parent);
      const ok =
        last?.expanded &&
        last.rows.length > 0 &&
        (!row || last.rows.every((r) => row.test(r))) &&
        (!expect || last.rows.some((r) => expect.test(r))) &&
        (!absent || !last.rows.some((r) => absent.test(r)));
      if (ok) break;
      if (Date.now() > deadline) break;
      await page.waitForTimeout(250);
    }
    // A late duplicate shows up after the rows: give the workbench a moment to report one.
    await page.waitForTimeout(1500);
    const all = await notificationMessages(page);
    const notified = all.filter((m) => ALREADY.test(m));
    const logged = loggedDuplicateElements(wb.server);
    assert.deepEqual(notified, [], `after ${what}: VS Code notified a duplicate tree element`);
    assert.deepEqual(logged, [], `after ${what}: the logs report a duplicate tree element`);
    assert.ok(last?.expanded, `after ${what}: ${parent} is still expanded (rows: ${JSON.stringify(last)})`);
    assert.ok(last.rows.length > 0, `after ${what}: ${parent} still lists its rows`);
    if (row)
      assert.ok(
        last.rows.every((r) => row.test(r)),
        `after ${what}: the rows under ${parent} are ${row} (${JSON.stringify(last.rows)})`,
      );
    if (expect)
      assert.ok(
        last.rows.some((r) => expect.test(r)),
        `after ${what}: a row ${expect} under ${parent} (${JSON.stringify(last.rows)})`,
      );
    if (absent) assert.ok(!last.rows.some((r) => absent.test(r)), `after ${what}: no row ${absent} under ${parent} (${JSON.stringify(last.rows)})`);
    return last.rows;
  }

  async function collapse(page, label) {
    const row = treeRow(page, label).first();
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
    await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'false', await row.elementHandle());
  }

  const IMUNIFY = /^Imunify\b/;
  const firstQuickItem = (page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  const KEY_ROW = /.+/;
  let openKey;
  let slowKey;
  let findNote;
  let openKeyLabel;
  let loadingKey;

  it('signs in and opens Imunify and one of its keys', async () => {
    const { page } = wb;
    await activityBarItem(page, 'CloudLinux Network').click();
    await viewPane(page, 'Licenses').waitFor();
    await runCommand(page, 'CLN: Sign In');
    await answerInput(page, sim.credentials.login, { prompt: /CLN login/ });
    await answerInput(page, sim.credentials.secretKey, { prompt: /secret key/ });
    await expandRow(page, IMUNIFY);
    const keys = await branchIntact(page, IMUNIFY, { row: KEY_ROW, what: 'opening Imunify' });
    // A key open too: its servers are fetched again after each change, under the family's.
    const withServers = keys.filter((k) => /\b[1-9]\d* \/ \d+ servers/.test(k)).map((k) => new RegExp(`^${escape(k.split(/ \d+ \/ /)[0])}(\\s|,|$)`));
    assert.ok(withServers.length >= 2, `two keys with servers under Imunify (${JSON.stringify(keys)})`);
    [openKey, loadingKey, slowKey] = withServers;
    assert.ok(slowKey, `three keys with servers under Imunify (${JSON.stringify(keys)})`);
    findNote = keys.find((k) => !withServers.some((re) => re.test(k)) && !/^Imunify|^ImunifyAV/.test(k))?.split(/ \d[\d,]*( \/ [\d,]+)? servers?\b| unlimited| limit /)[0];
    openKeyLabel = keys.find((k) => openKey.test(k)).split(/ \d+ \/ /)[0];
    await expandRow(page, openKey);
    await branchIntact(page, openKey, { what: 'opening a key' });
  });

  it('Find… shows a key while another key’s servers are still loading: both keep their rows, no "already registered"', async () => {
    const { page } = wb;
    assert.ok(findNote, 'a key with a note to find');
    // A key opened for the first time whose servers take a while (as over a slow link); Find reveals another key meanwhile.
    sim.faults.set('im.srv.list', { kind: 'latency', ms: 8000, times: 1 });
    await treeRow(page, slowKey).first().locator('.monaco-tl-twistie').click();
    await runCommand(page, 'CLN: Find a License, Key or Server…');
    await answerInput(page, findNote, { prompt: /Find in the CLN Account/ });
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /^Find "/ }).waitFor();
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: findNote }).first().click();
    await treeRow(page, new RegExp(`^${escape(findNote)}`))
      .and(page.locator('[aria-selected="true"]'))
      .first()
      .waitFor();
    const what = 'Find… while a key loads';
    await branchIntact(page, slowKey, { what, wait: 8000 });
    await branchIntact(page, IMUNIFY, { row: KEY_ROW, what });
    await branchIntact(page, openKey, { what });
  });

  /** Update Key on the first key the picker offers, its limit as it is, its note set to `note`. */
  async function updateFirstKeyNote(page, note) {
    await runCommand(page, 'CLN: Update Key');
    await quickInput(page);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Key to update' }).waitFor();
    await firstQuickItem(page).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Server limit' }).waitFor();
    await acceptQuickInput(page); // the limit as it is
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Note' }).waitFor();
    await answerInput(page, note, { prompt: /Note/ });
  }

  it('Update Key lands while an open key’s servers are still loading, twice: every branch keeps its rows', async () => {
    const { page } = wb;
    await expandRow(page, loadingKey);
    await branchIntact(page, loadingKey, { what: 'opening a second key' });
    for (const round of [1, 2]) {
      // After the first change the open keys' servers are read again, one of them slowly (as over a
      // slow link); the second change lands while that read is under way.
      sim.faults.set('im.srv.list', { kind: 'latency', ms: 6000, times: 1 });
      await updateFirstKeyNote(page, `round ${round} first`);
      await updateFirstKeyNote(page, `round ${round} second`);
      const what = `two Update Keys, the second while a key loads (round ${round})`;
      await branchIntact(page, IMUNIFY, { row: KEY_ROW, expect: new RegExp(`round ${round} second`), what });
      for (const key of [openKey, loadingKey]) await branchIntact(page, key, { what, wait: 8000 });
    }
  });

  /** Create Key: Imunify, the first product, limit 5, a note; the new key is revealed in the tree. */
  async function createImunifyKey(page, note) {
    await runCommand(page, 'CLN: Create Key');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Product family' }).waitFor();
    await pickQuickItem(page, 'Imunify');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Product' }).waitFor();
    await firstQuickItem(page).click();
    await answerInput(page, '5', { prompt: /Server limit/ });
    await answerInput(page, note, { prompt: /Note/ });
  }

  it('Create Key reveals the new key while the open keys’ servers are read again: every branch keeps its rows', async () => {
    const { page } = wb;
    for (const round of [1, 2]) {
      sim.faults.set('im.srv.list', { kind: 'latency', ms: 3000, times: 2 });
      await createImunifyKey(page, `created ${round}`);
      const what = `Create Key (round ${round})`;
      await branchIntact(page, IMUNIFY, { row: KEY_ROW, expect: new RegExp(`created ${round}`), what, wait: 1000 });
      for (const key of [openKey, loadingKey]) await branchIntact(page, key, { what, wait: 4000 });
    }
  });

  for (const [what, note] of [
    ['Update Key setting a note', 'tree-test note'],
    ['Update Key clearing the note', ''],
    ['Update Key setting a note again', 'tree-test again'],
  ]) {
    it(`${what}: Imunify keeps its rows`, async () => {
      const { page } = wb;
      await runCommand(page, 'CLN: Update Key');
      await quickInput(page);
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Key to update' }).waitFor();
      await firstQuickItem(page).click(); // the first key (not the one open)
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Server limit' }).waitFor();
      await acceptQuickInput(page); // the limit as it is
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Note' }).waitFor();
      await answerInput(page, note, { prompt: /Note/ });
      await branchIntact(page, IMUNIFY, { row: KEY_ROW, expect: note ? new RegExp(note) : undefined, what });
      await branchIntact(page, openKey, { what });
    });
  }

  const dialog = (page) => page.locator('.monaco-dialog-box');
  async function confirmModal(page, button) {
    await dialog(page).waitFor();
    await dialog(page)
      .locator('.monaco-button', { hasText: new RegExp(`^${button}$`) })
      .click();
    await dialog(page).waitFor({ state: 'detached' });
  }

  it('Remove Server (a server of the open key): the key keeps its other rows', async () => {
    const { page } = wb;
    const before = (await rowsUnder(page, openKey)).rows;
    await runCommand(page, 'CLN: Remove Server');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /^Key$/ }).waitFor();
    await answerInput(page, openKeyLabel);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Servers to remove' }).waitFor();
    await firstQuickItem(page).locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-checkbox').first().click();
    await acceptQuickInput(page);
    await confirmModal(page, 'Remove');
    const gone = before[0].split(' ')[0];
    await branchIntact(page, openKey, { absent: new RegExp(`^${escape(gone)}(\\s|,|$)`), what: 'Remove Server' });
    await branchIntact(page, IMUNIFY, { row: KEY_ROW, what: 'Remove Server' });
  });

  it('Remove Key (the key made above): Imunify keeps its other keys, the open ones still open', async () => {
    const { page } = wb;
    await runCommand(page, 'CLN: Remove Key');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Key to remove' }).waitFor();
    await answerInput(page, 'created 2');
    await confirmModal(page, 'Remove');
    await branchIntact(page, IMUNIFY, { row: KEY_ROW, absent: /^created 2/, what: 'Remove Key' });
    for (const key of [openKey, loadingKey]) await branchIntact(page, key, { what: 'Remove Key' });
  });

  it('Refresh (the whole view, from the palette) and collapse/expand: the open branches come back with their rows', async () => {
    const { page } = wb;
    await runCommand(page, 'CLN: Refresh');
    await branchIntact(page, IMUNIFY, { row: KEY_ROW, what: 'Refresh' });
    for (const key of [openKey, loadingKey]) await branchIntact(page, key, { what: 'Refresh' });
    await collapse(page, IMUNIFY);
    await expandRow(page, IMUNIFY);
    await branchIntact(page, IMUNIFY, { row: KEY_ROW, what: 'collapse and expand' });
    for (const key of [openKey, loadingKey]) await branchIntact(page, key, { what: 'collapse and expand' });
  });

  const IP = '198.51.100.7';
  const IP_LICENSES = /^IP Licenses/;
  // A type with one license in this account: its group fits on screen beside the new one.
  const TYPE = 'Imunify360 up to 5 users';
  const GROUP = new RegExp(`^${TYPE}\\b`);

  it('Register IP License with IP Licenses and its group open: the group lists the new license', async () => {
    const { page } = wb;
    await collapse(page, IMUNIFY);
    await expandRow(page, IP_LICENSES);
    await expandRow(page, GROUP);
    await runCommand(page, 'CLN: Register IP License');
    await answerInput(page, IP, { prompt: 'IP address' });
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'License type' }).waitFor();
    await pickQuickItem(page, TYPE);
    await branchIntact(page, GROUP, { expect: new RegExp(`^${escape(IP)}(\\s|,|$)`), what: 'Register IP License' });
    await branchIntact(page, IP_LICENSES, { what: 'Register IP License' });
  });

  const MOVED = '198.51.100.8';

  it('Change License IP (the license just registered): the group lists it at its new IP', async () => {
    const { page } = wb;
    await runCommand(page, 'CLN: Change License IP');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Change License IP' }).waitFor();
    await pickQuickItem(page, /Licenses of this account/);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Licenses to move' }).waitFor();
    await page.locator('.quick-input-widget .quick-input-box input').fill(IP);
    await firstQuickItem(page).locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-checkbox').first().click();
    await acceptQuickInput(page);
    await answerInput(page, MOVED, { prompt: /New IP address/ });
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Run or dry run' }).waitFor();
    await pickQuickItem(page, 'Preview, then change');
    await confirmModal(page, 'Move');
    await branchIntact(page, GROUP, { expect: new RegExp(`^${escape(MOVED)}(\\s|,|$)`), absent: new RegExp(`^${escape(IP)}(\\s|,|$)`), what: 'Change License IP' });
    await branchIntact(page, IP_LICENSES, { what: 'Change License IP' });
  });

  it('Remove IP License: the group keeps its other licenses', async () => {
    const { page } = wb;
    await runCommand(page, 'CLN: Remove IP License');
    await answerInput(page, MOVED, { prompt: 'IP address' });
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'License to remove' }).waitFor();
    await pickQuickItem(page, TYPE);
    await confirmModal(page, 'Remove');
    await branchIntact(page, GROUP, { absent: new RegExp(`^${escape(MOVED)}(\\s|,|$)`), what: 'Remove IP License' });
    await branchIntact(page, IP_LICENSES, { what: 'Remove IP License' });
  });
});
