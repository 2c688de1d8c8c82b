// Find Unused Licenses as a person uses it, in a 1280 px window: demo data, the palette command and
// its N question, every finding kind counted in the report, columns that break only between words
// (measured in the DOM), a price set by product name from the report's own button and the cost
// column, its sort and total following it, a removal confirmed once in the preview, the cards
// following the removal, and the report in the dark, light and high-contrast themes with a header
// that holds its text (docs/screenshots/cleanup-report.png, -light.png, -hc.png).
import assert from 'node:assert/strict';
import { answerInput, dismissQuickInput, inputMessage, notification, pickQuickItem, runCommand, screenshot, startDemo, useWorkbench, webviewFrame } from './helpers.mjs';

const KINDS = ['neverUsed', 'silent', 'duplicate', 'paidTwice', 'keyEmpty', 'keyOverLimit', 'noCheckin'];

/** Words (runs without spaces) of these cells that the browser laid out over more than one line (runs in the page). */
function brokenWords(_root, selector) {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, globalThis.NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(`${cell.className}: ${match[0]}`);
      }
    }
  }
  return broken;
}

/** Header buttons whose text does not fit them, or that stick out of their header cell; and whether the page scrolls sideways. */
function headerOverflow() {
  const out = [];
  for (const th of document.querySelectorAll('table.findings thead th')) {
    const b = th.querySelector('button');
    if (!b) continue;
    const cell = th.getBoundingClientRect();
    const box = b.getBoundingClientRect();
    if (b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1 || box.top < cell.top - 0.5 || box.bottom > cell.bottom + 0.5 || box.right > cell.right + 0.5)
      out.push(b.textContent.trim());
  }
  for (const card of document.querySelectorAll('.kind-card')) if (card.scrollHeight > card.clientHeight + 1 || card.scrollWidth > card.clientWidth + 1) out.push(`card ${card.dataset.kind}`);
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) out.push('the page scrolls sideways');
  const table = document.querySelector('table.findings');
  if (table.getBoundingClientRect().right > table.parentElement.getBoundingClientRect().right + 1)
    out.push(`the table sticks out of its frame: ${[...table.querySelectorAll('thead th')].map((th) => `${th.className} ${Math.round(th.getBoundingClientRect().width)}`).join(', ')}`);
  return out;
}

async function setTheme(page, name) {
  await runCommand(page, 'Preferences: Color Theme');
  // The list is long (and drawn only where it is scrolled to): filter it first.
  await page.locator('.quick-input-widget .quick-input-box input').fill(name);
  await pickQuickItem(page, name);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

describe('Find Unused Licenses (UI)', function () {
  this.timeout(240_000);
  const wb = useWorkbench({
    viewport: { width: 1280, height: 800 },
    beforeClose: async (page) => {
      // Leave the shared code-server as it was: the default theme, no price.
      await setTheme(page, 'Dark Modern').catch(() => {});
      await runCommand(page, 'CLN: Set License Prices…');
      await pickQuickItem(page, 'KernelCare');
      await answerInput(page, '', { prompt: 'Monthly Price: KernelCare' });
      await dismissQuickInput(page);
    },
  });
  const frame = () => webviewFrame(wb.page);
  const cardValue = async (kind) => Number((await frame().locator(`.kind-card[data-kind="${kind}"] .value`).textContent()).replace(/,/g, ''));
  const showKind = async (kind) => {
    await frame().locator(`.kind-card[data-kind="${kind}"]`).click();
    await frame().locator(`.kind-card.active[data-kind="${kind}"]`).waitFor();
  };
  const showAll = async () => {
    const active = frame().locator('.kind-card.active');
    if (await active.count()) await active.click();
    await active.waitFor({ state: 'detached' });
  };
  /** What, Key and Created/Last check-in of every row shown, in every kind: no word or IP split over lines. */
  const checkColumns = async () => {
    for (const kind of KINDS) {
      await showKind(kind);
      assert.deepEqual(await frame().locator('body').evaluate(brokenWords, 'table.findings tbody td.target, table.findings tbody td.key, table.findings tbody td.date'), [], `${kind}: words broken`);
      await showAll();
    }
  };

  it('asks N, then shows every finding kind of the demo account with its evidence', async () => {
    const { page } = wb;
    // The palette lists the command once the demo is on (it is hidden while signed out).
    await startDemo(page);
    await runCommand(page, 'CLN: Find Unused Licenses');
    await answerInput(page, '30', { prompt: 'Find Unused Licenses' });
    await frame()
      .locator('.status', { hasText: /findings in [\d.]+ s/ })
      .waitFor({ timeout: 60_000 });
    for (const kind of KINDS) assert.ok((await cardValue(kind)) > 0, kind);
    assert.ok((await frame().locator('table.findings tbody tr').count()) > 10);
    assert.match(await frame().locator('table.findings tbody tr td.evidence').first().textContent(), /\w+/);
  });

  it('at 1280 px What, Key and the dates never break inside a word or an IP; Evidence takes the rest; the header holds its text', async () => {
    // The measure can fail: the same cell laid out as the report used to (break-all) is caught.
    const body = frame().locator('body');
    await body.evaluate((page) => {
      const probe = document.createElement('div');
      probe.className = 'probe';
      probe.style.cssText = 'width: 90px; word-break: break-all; font-family: monospace';
      probe.textContent = 'Imunify server S3Sj8SQEw0qkU3ad (195.58.242.191)';
      page.append(probe);
    });
    const caught = await body.evaluate(brokenWords, '.probe');
    await body.evaluate(() => document.querySelector('.probe')?.remove());
    assert.ok(caught.length > 0, 'the measure sees a word broken over two lines');
    await checkColumns();
    const widths = await frame()
      .locator('table.findings thead th')
      .evaluateAll((cells) => Object.fromEntries(cells.map((c) => [c.className, c.getBoundingClientRect().width])));
    // Evidence takes what is left: What is as wide as its longest word (a whole IPv6 address) or 17 characters, no wider.
    const layout = await frame()
      .locator('body')
      .evaluate(() => {
        const width = (el) => el.getBoundingClientRect().width;
        const words = [...document.querySelectorAll('table.findings tbody td.target .word')].map(width);
        const ch = document.createElement('span');
        ch.className = 'word';
        ch.textContent = 'x'.repeat(17);
        document.querySelector('table.findings tbody td.target').append(ch);
        const seventeen = width(ch);
        ch.remove();
        return {
          target: width(document.querySelector('th.col-target')),
          wanted: Math.max(seventeen, ...words),
          evidence: width(document.querySelector('th.col-evidence')),
        };
      });
    assert.ok(layout.target <= layout.wanted + 12, `What takes no more than it needs: ${JSON.stringify(layout)}`);
    assert.ok(layout.evidence >= 140, `Evidence has room: ${JSON.stringify(layout)}`);
    assert.deepEqual(await frame().locator('body').evaluate(headerOverflow), [], 'dark: header overflow');
  });

  it('sets a price by product name from the report (a bad number refused), and the cost column, its sort and total follow', async () => {
    const { page } = wb;
    await showKind('duplicate');
    assert.ok((await frame().locator('td.cost.unpriced', { hasText: 'no price' }).count()) > 0, 'rows without a price say so');
    await frame().locator('.cost').getByRole('button', { name: 'Set prices…' }).click();
    await pickQuickItem(page, 'KernelCare');
    await answerInput(page, 'abc', { prompt: 'Monthly Price: KernelCare' });
    // Refused as typed: the input stays open with the reason.
    await page.locator('.quick-input-widget .quick-input-message', { hasText: /^Enter the monthly price as a number such as 12 or 12\.50/ }).waitFor();
    assert.match(await inputMessage(page), /^Enter the monthly price/);
    await answerInput(page, '7.5');
    // The editor asks again for the next product, showing the new price; Escape ends it.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '7.50 a month' }).waitFor();
    await dismissQuickInput(page);

    const kcRows = frame().locator('table.findings tbody tr', { has: frame().locator('td.product-name', { hasText: /^KernelCare$/ }) });
    await kcRows
      .locator('td.cost', { hasText: /^7\.50$/ })
      .first()
      .waitFor();
    const kc = await kcRows.count();
    assert.ok(kc > 0);
    assert.equal(await kcRows.locator('td.cost', { hasText: /^7\.50$/ }).count(), kc, 'every KernelCare row costs 7.50');
    assert.equal((await frame().locator('tfoot td.cost').textContent()).trim(), (7.5 * kc).toFixed(2), 'the total adds them up');
    // Sorted by cost, either way, the priced rows come first and the unpriced last.
    const header = frame().getByRole('button', { name: /^Cost \/ month/ });
    for (const order of ['ascending', 'descending']) {
      await header.click();
      await frame().locator(`th.col-cost[aria-sort="${order}"]`).waitFor();
      const costs = await frame().locator('table.findings tbody td.cost').allTextContents();
      const firstUnpriced = costs.findIndex((c) => /no price/.test(c));
      assert.equal(firstUnpriced, kc, `${order}: ${costs.join(' | ')}`);
    }
    await showAll();
  });

  it('removes two rows asking once (the preview and its button), and the cards follow without reopening', async () => {
    const { page } = wb;
    const before = await cardValue('duplicate');
    await showKind('duplicate');
    const boxes = frame().locator('table.findings tbody input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await frame()
      .getByRole('button', { name: /^Remove 2 selected/ })
      .click();
    const calls = frame().locator('.preview .calls li');
    await calls.first().waitFor();
    assert.equal(await calls.count(), 2);
    for (const call of await calls.allTextContents()) assert.match(call, /^remove server \S+ from (KernelCare|Imunify) key \S+…\S+$/);
    await frame().getByRole('button', { name: 'Remove 2…' }).click();
    await frame().locator('td.result.done').nth(1).waitFor({ timeout: 60_000 });
    assert.equal(await frame().locator('td.result.done').count(), 2);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no second question');
    await notification(page, /Removed 2 of 2/)
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(await cardValue('duplicate'), before - 2, 'the card counts what is left');
    assert.match(await frame().locator('.removed-so-far').textContent(), /^Removed from this report so far: 2 items/);
    await showAll();
  });

  it('above the threshold the number of items is typed in the preview itself; its button waits for it', async () => {
    const { page } = wb;
    await showKind('neverUsed');
    await frame().getByRole('checkbox', { name: 'Select every removable finding shown' }).check();
    await frame()
      .getByRole('button', { name: /^Remove [\d,]+ selected/ })
      .click();
    const go = frame()
      .locator('.preview')
      .getByRole('button', { name: /^Remove [\d,]+…$/ });
    await go.waitFor();
    const n = Number((await go.textContent()).replace(/\D/g, ''));
    assert.ok(n > 10, `${n} items, above the default threshold of 10`);
    assert.equal(await frame().locator('.preview .calls li').count(), n);
    const typed = frame().getByLabel('Number of items to remove');
    assert.equal(await go.isDisabled(), true, 'the button waits for the number');
    await typed.fill(String(n - 1));
    assert.equal(await go.isDisabled(), true, 'a wrong number does not do');
    await typed.fill(String(n));
    assert.equal(await go.isEnabled(), true, 'the right number lets it go');
    // Not this time: Cancel closes the preview and nothing is sent.
    await frame().locator('.preview').getByRole('button', { name: 'Cancel' }).click();
    await frame().locator('.preview').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0);
    await frame().getByRole('checkbox', { name: 'Select every removable finding shown' }).uncheck();
    await showAll();
  });

  const look = async (name) => {
    const { page } = wb;
    await notification(page, /./)
      .first()
      .waitFor({ state: 'hidden', timeout: 15_000 })
      .catch(() => {});
    await frame().locator('h1').click();
    await screenshot(page, name, { minBytes: 20_000, parkMouse: false });
  };

  it('looks right in the default dark theme (docs/screenshots/cleanup-report.png)', async () => {
    await look('cleanup-report');
  });

  it('in the light theme the columns and the header hold (docs/screenshots/cleanup-report-light.png)', async () => {
    await setTheme(wb.page, 'Light Modern');
    await frame().locator('body.vscode-light').waitFor();
    await checkColumns();
    assert.deepEqual(await frame().locator('body').evaluate(headerOverflow), [], 'light: header overflow');
    await look('cleanup-report-light');
  });

  it('in high contrast the header does not overflow (docs/screenshots/cleanup-report-hc.png)', async () => {
    await setTheme(wb.page, 'Dark High Contrast');
    await frame().locator('body.vscode-high-contrast').waitFor();
    assert.deepEqual(await frame().locator('body').evaluate(headerOverflow), [], 'high contrast: header overflow');
    await checkColumns();
    await look('cleanup-report-hc');
  });
});
