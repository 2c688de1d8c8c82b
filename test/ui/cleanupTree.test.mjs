// Removing from the clean-up report while the tree shows what is removed (issue 23, items 1 and 3).
// Signed in to a simulator (seed 23), with IP Licenses, its CloudLinux OS Legacy group (type 1, the
// "ip/type-1" that went blank in the issue), KernelCare and one of its keys expanded, Find Unused
// Licenses; then, through the report's own checkboxes, its Remove button and the preview's button (the
// one confirmation): one IP license, then a bulk of two IP licenses of the open group and a server of
// the open KernelCare key. After each, in the rendered tree: every open branch is still expanded with
// all its other rows, the removed rows are gone, and VS Code never said "Element with id … is already
// registered" (not in a notification, not in a log); in the report: the cards, the total cost of the
// rows and the "removed so far" line follow. The report after removal is docs/screenshots/cleanup-removed.png.
//
// A code-server of its own (its log folder is read) with cln-explorer.vsix installed (npm run package).
import assert from 'node:assert/strict';
import {
  activityBarItem,
  answerInput,
  expandRow,
  loadSimulator,
  loggedDuplicateElements,
  notification,
  notificationMessages,
  rowsUnder,
  runCommand,
  screenshot,
  treeRow,
  useOwnWorkbench,
  viewPane,
  webviewFrame,
} from './helpers.mjs';

const ALREADY = /already registered/i;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const startsWith = (text) => new RegExp(`^${escape(text)}(\\s|,|$)`);

// The simulator's account with seed 23: findings the sweep makes there (N = 30 days).
const SINGLE = '159.112.230.231'; // a CloudLinux OS Legacy license never used
const BULK_IPS = ['31.243.236.39', '78.16.228.40']; // two more of the same type, never used
const KC_KEY_NOTE = 'shared hosting 5'; // KernelCare key l7rb…1YHk
const KC_SERVER = { id: 'zS1oFcyHmZ06yPMG', ip: '78.115.146.109' }; // a silent server of that key
const PRICES = { 'ip:1': 12, kcare: 3 };

const IP_LICENSES = /^IP Licenses\b/;
const LEGACY = /^CloudLinux OS Legacy\b/;
// The product family (its keys), not the IP licenses of type KernelCare.
const KERNELCARE = /^KernelCare [\d,]+ keys?\b/;
const KC_KEY = new RegExp(`^${escape(KC_KEY_NOTE)}\\b`);

describe('removing from the clean-up report with the affected branches expanded (UI)', function () {
  this.timeout(300_000);
  let sim;
  const wb = useOwnWorkbench({
    prefix: 'cln-ui-cleanup-tree-',
    simulator: async () => (sim = await loadSimulator().startSimulator({ seed: 23 })),
    settings: () => ({ 'cln.cleanup.prices': PRICES }),
    // Tall enough that every row of the open branches is rendered (the tree renders only what is in view).
    viewport: { width: 1280, height: 4200 },
  });
  const frame = () => webviewFrame(wb.page);

  /** The first word of each row (an IP license's IP, a server's id or IP): what a removal takes away. */
  const heads = (rows) => rows.map((r) => r.split(/[\s,]/)[0]);

  /**
   * The branch `parent` is still expanded and lists exactly `expected` (first words, in any order)
   * once the tree has settled, and nothing said "already registered".
   */
  async function branchShows(page, parent, expected, what) {
    const want = [...expected].sort();
    let last;
    for (const deadline = Date.now() + 20_000; ;) {
      last = await rowsUnder(page, parent);
      if (last?.expanded && JSON.stringify(heads(last.rows).sort()) === JSON.stringify(want)) break;
      if (Date.now() > deadline) break;
      await page.waitForTimeout(250);
    }
    // A late duplicate shows up after the rows: give the workbench a moment to report one.
    await page.waitForTimeout(1500);
    assert.deepEqual(
      (await notificationMessages(page)).filter((m) => ALREADY.test(m)),
      [],
      `after ${what}: VS Code notified a duplicate tree element`,
    );
    assert.deepEqual(loggedDuplicateElements(wb.server), [], `after ${what}: the logs report a duplicate tree element`);
    assert.ok(last?.expanded, `after ${what}: ${parent} is still expanded (${JSON.stringify(last)})`);
    last = await rowsUnder(page, parent);
    assert.deepEqual(heads(last.rows).sort(), want, `after ${what}: the rows under ${parent}`);
  }

  const cardValue = async (kind) => Number((await frame().locator(`.kind-card[data-kind="${kind}"] .value`).textContent()).replace(/,/g, ''));
  const total = async () => Number((await frame().locator('tfoot td.cost').textContent()).replace(/,/g, ''));
  /** Types into the report's filter and waits until the table shows what it matches (every row when empty). */
  const filter = async (text) => {
    await frame().locator('#filter').fill(text);
    await frame()
      .locator('body')
      .evaluate(
        (_body, words) =>
          new Promise((resolve) => {
            const settled = () => {
              const rows = [...document.querySelectorAll('table.findings tbody tr[data-finding]')];
              // Without a filter the first page is full: this account has more than 100 findings.
              return words ? rows.length > 0 && rows.every((r) => r.textContent.toLowerCase().includes(words.toLowerCase())) : rows.length === 100;
            };
            const poll = () => (settled() ? resolve() : setTimeout(poll, 100));
            poll();
          }),
        text,
      );
  };
  /** Ticks the row of this finding (its What starts with `target`) in the table, found with the filter. */
  async function select(target) {
    await filter(target.split(' ').at(-1));
    const row = frame().locator('table.findings tbody tr', { has: frame().locator('td.target', { hasText: new RegExp(`^${escape(target)}`) }) });
    assert.equal(await row.count(), 1, `one row for ${target}`);
    await row.locator('input[type="checkbox"]').check();
  }
  /** Remove N selected → the preview lists the calls → its Remove N… button: one confirmation; waits for every result. */
  async function removeSelected(page, calls) {
    await frame()
      .getByRole('button', { name: new RegExp(`^Remove ${calls.length} selected`) })
      .click();
    const listed = frame().locator('.preview .calls li');
    await listed.first().waitFor();
    assert.deepEqual((await listed.allTextContents()).sort(), [...calls].sort());
    await frame()
      .locator('.preview')
      .getByRole('button', { name: `Remove ${calls.length}…` })
      .click();
    await notification(page, new RegExp(`Removed ${calls.length} of ${calls.length}\\b`))
      .first()
      .waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no second question');
  }

  const before = {};

  it('signs in, opens IP Licenses with its CloudLinux OS Legacy group and KernelCare with a key, and runs Find Unused Licenses', async () => {
    const { page } = wb;
    await activityBarItem(page, 'CloudLinux Network').click();
    await viewPane(page, 'Licenses').waitFor();
    await runCommand(page, 'CLN: Sign In');
    await answerInput(page, sim.credentials.login, { prompt: /CLN login/ });
    await answerInput(page, sim.credentials.secretKey, { prompt: /secret key/ });
    // Room for every row of the open branches: the Server Groups view below is collapsed.
    const groups = viewPane(page, 'Server Groups');
    if ((await groups.getAttribute('aria-expanded')) === 'true') await groups.click();
    for (const branch of [KERNELCARE, KC_KEY, IP_LICENSES, LEGACY]) await expandRow(page, branch);
    for (const [name, branch] of Object.entries({ ipLicenses: IP_LICENSES, legacy: LEGACY, kernelcare: KERNELCARE, key: KC_KEY })) {
      await page.waitForFunction(
        ([source]) => {
          const re = new RegExp(source);
          const row = [...document.querySelectorAll('.part.sidebar .monaco-list-row[role="treeitem"]')].find((r) => re.test(r.getAttribute('aria-label') ?? ''));
          const next = row && [...row.parentElement.children].find((r) => Number(r.dataset.index) === Number(row.dataset.index) + 1);
          return next && Number(next.getAttribute('aria-level')) > Number(row.getAttribute('aria-level')) && !/loading/i.test(next.getAttribute('aria-label') ?? '');
        },
        [branch.source],
        { timeout: 30_000 },
      );
      if (branch === IP_LICENSES) {
        // The type folders the built-in catalog does not name read "Type N" until CLN's names arrive (beside the details): what follows compares against the named rows.
        for (const deadline = Date.now() + 30_000; (await rowsUnder(page, branch)).rows.some((row) => /^Type \d+\b/.test(row));) {
          assert.ok(Date.now() < deadline, `the type folders under IP Licenses are named (${JSON.stringify((await rowsUnder(page, branch)).rows)})`);
          await page.waitForTimeout(200);
        }
      }
      before[name] = heads((await rowsUnder(page, branch)).rows);
    }
    for (const ip of [SINGLE, ...BULK_IPS]) assert.ok(before.legacy.includes(ip), `${ip} is listed under CloudLinux OS Legacy (${before.legacy.length} rows)`);
    assert.ok(before.key.includes(KC_SERVER.id) || before.key.includes(KC_SERVER.ip), `the server is listed under its key (${JSON.stringify(before.key)})`);

    await runCommand(page, 'CLN: Find Unused Licenses');
    await answerInput(page, '30', { prompt: 'Find Unused Licenses' });
    await frame()
      .locator('.status', { hasText: /findings in [\d.]+ s/ })
      .waitFor({ timeout: 60_000 });
    // Each card says what it costs: a month's price, information only, or that none of its items has a price yet.
    const costOf = async (kind) => (await frame().locator(`.kind-card[data-kind="${kind}"] .small`).textContent()).trim();
    assert.match(await costOf('neverUsed'), /^[\d,]+\.\d\d \/ month \(\+\d+ unpriced\)$/);
    assert.equal(await costOf('paidTwice'), 'no price yet', 'the licenses paid twice here are of types without a price');
    assert.equal(await costOf('keyEmpty'), 'information only');
  });

  it('removes one IP license of the open group: the group keeps its other licenses, the cards and the total follow', async () => {
    const { page } = wb;
    const unused = await cardValue('neverUsed');
    await filter('');
    const cost = await total();
    await select(`IP license ${SINGLE}`);
    // The IP licenses are read again slowly after the removal (as over a slow link), while the tree renders.
    sim.faults.set('ipl.list', { kind: 'latency', ms: 3000, times: 1 });
    await removeSelected(page, [`remove IP license ${SINGLE} (CloudLinux OS Legacy)`]);
    await branchShows(
      page,
      LEGACY,
      before.legacy.filter((ip) => ip !== SINGLE),
      'removing one IP license from the report',
    );
    await branchShows(page, IP_LICENSES, before.ipLicenses, 'removing one IP license from the report');
    await branchShows(page, KC_KEY, before.key, 'removing one IP license from the report');
    assert.equal(await cardValue('neverUsed'), unused - 1, 'the Never used card counts one less');
    await filter('');
    assert.equal(await total(), cost - PRICES['ip:1'], 'the total no longer counts the license');
    assert.match(await frame().locator('.removed-so-far').textContent(), /^Removed from this report so far: 1 item\b.*12\.00/);
  });

  it('removes two IP licenses and a KernelCare server in one go: both open branches keep their other rows, the cards and the total follow', async () => {
    const { page } = wb;
    const unused = await cardValue('neverUsed');
    const silent = await cardValue('silent');
    await filter('');
    const cost = await total();
    for (const ip of BULK_IPS) await select(`IP license ${ip}`);
    await select(`KernelCare server ${KC_SERVER.id}`);
    // After each removal the IP licenses and the key's servers are read again slowly (as over a slow
    // link): the next removal lands while the open branches are still being fetched.
    sim.faults.set('ipl.list', { kind: 'latency', ms: 3000, times: 2 });
    sim.faults.set('kcare.key.servers', { kind: 'latency', ms: 3000, times: 2 });
    await removeSelected(page, [...BULK_IPS.map((ip) => `remove IP license ${ip} (CloudLinux OS Legacy)`), `remove server ${KC_SERVER.id} from KernelCare key l7rb…1YHk`]);
    const what = 'removing two IP licenses and a KernelCare server from the report';
    await branchShows(
      page,
      LEGACY,
      before.legacy.filter((ip) => ip !== SINGLE && !BULK_IPS.includes(ip)),
      what,
    );
    await branchShows(
      page,
      KC_KEY,
      before.key.filter((s) => s !== KC_SERVER.id && s !== KC_SERVER.ip),
      what,
    );
    await branchShows(page, IP_LICENSES, before.ipLicenses, what);
    await branchShows(page, KERNELCARE, before.kernelcare, what);
    assert.equal(await cardValue('neverUsed'), unused - 2, 'the Never used card counts two less');
    assert.equal(await cardValue('silent'), silent - 1, 'the Silent card counts one less');
    await filter('');
    assert.equal(await total(), cost - 2 * PRICES['ip:1'] - PRICES.kcare, 'the total no longer counts them');
    assert.match(await frame().locator('.removed-so-far').textContent(), /^Removed from this report so far: 4 items\b.*39\.00/);
  });

  it('shows the report after the removals (docs/screenshots/cleanup-removed.png)', async () => {
    const { page } = wb;
    await page.setViewportSize({ width: 1280, height: 800 });
    await notification(page, /./)
      .first()
      .waitFor({ state: 'hidden', timeout: 15_000 })
      .catch(() => {});
    // Sorted by Result, the removed rows first, as a user looks for what was done.
    await filter('');
    const result = frame().getByRole('button', { name: /^Result/ });
    await result.click();
    await result.click();
    await frame().locator('th.col-result[aria-sort="descending"]').waitFor();
    assert.deepEqual(
      await frame()
        .locator('table.findings tbody tr')
        .evaluateAll((rows) => rows.slice(0, 4).map((r) => r.querySelector('td.result').textContent.trim())),
      ['removed', 'removed', 'removed', 'removed'],
    );
    const layout = await frame()
      .locator('body')
      .evaluate(() => {
        const out = [];
        const table = document.querySelector('table.findings');
        const frameBox = table.parentElement.getBoundingClientRect();
        if (table.getBoundingClientRect().right > frameBox.right + 1)
          out.push(
            `the table sticks out of its frame (${Math.round(frameBox.width)} px): ${[...table.querySelectorAll('thead th')].map((th) => `${th.className} ${Math.round(th.getBoundingClientRect().width)}`).join(', ')}`,
          );
        if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) out.push('the page scrolls sideways');
        return out;
      });
    assert.deepEqual(layout, [], 'the report with its Result column fits its 1280 px window beside the tree');
    // In view: the saving and "removed so far" line, the filter and the first rows, beside the tree.
    await frame().locator('h1').click();
    await frame()
      .locator('p.cost')
      .evaluate((line) => line.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'cleanup-removed', { minBytes: 20_000, parkMouse: false });
  });
});
