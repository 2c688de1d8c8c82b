// Show Problems Only as a user meets it in the demo (issue 23, item 2): KernelCare does not list its
// keys one by one while their servers are unread, but one "N keys not checked — Check Their Servers"
// row; clicking it reads them under a progress notification, then the branch lists the keys that
// are problems, each saying why ("N / L servers", "N silent"), and the row is gone.
import assert from 'node:assert/strict';
import { activityBarItem, rowsUnder as shared, runCommand, treeRow, useWorkbench, viewPane } from './helpers.mjs';

/** The rows one level under the Licenses row matching `parent`, as rendered: their aria-labels and texts. */
async function rowsUnder(page, parent) {
  const found = await shared(page, parent);
  return found && found.rows.map((label, i) => ({ label, text: found.texts[i] }));
}

describe('Show Problems Only: keys not checked behind one row (issue 23)', function () {
  this.timeout(240_000);
  // Tall enough that every row of the branch is rendered (the tree renders only what is in view).
  const wb = useWorkbench({ demo: true, viewport: { width: 1280, height: 2000 } });

  after(async () => {
    // The UI tier shares one code-server: leave the view as it was.
    await runCommand(wb.page, 'CLN: Show All Items').catch(() => {});
  });

  it('collapses the KernelCare keys behind "N keys not checked — Check Their Servers"; the click leaves only the problem keys', async () => {
    const { page } = wb;
    await activityBarItem(page, 'CloudLinux Network').click();
    await viewPane(page, 'Licenses').waitFor();
    await runCommand(page, 'CLN: Show Problems Only');
    const kernelcare = treeRow(page, /^KernelCare/).first();
    await kernelcare.waitFor();
    const check = treeRow(page, /keys not checked/).first();
    // The family row renders again as its count arrives: expand it until its rows show.
    for (const deadline = Date.now() + 30_000; !(await check.isVisible()); await page.waitForTimeout(500)) {
      if (Date.now() > deadline) assert.fail('KernelCare never showed a "keys not checked" row');
      if ((await kernelcare.getAttribute('aria-expanded')) === 'false') await kernelcare.locator('.monaco-tl-twistie').click();
    }
    // Let the branch settle (its paced re-renders) before the click, as a reading user does.
    await page.waitForTimeout(1000);
    const before = await rowsUnder(page, /^KernelCare/);
    assert.equal(before.length, 1, `one row under KernelCare, not the keys: ${JSON.stringify(before)}`);
    const keys = Number(/(\d+) keys not checked/.exec(before[0].label)?.[1]);
    assert.ok(keys >= 40, `the demo's KernelCare keys (${keys})`);

    await check.click();
    // The row goes once their servers are read; the problem keys take its place.
    await check.waitFor({ state: 'detached', timeout: 60_000 });
    let after;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await page.waitForTimeout(250)) {
      after = await rowsUnder(page, /^KernelCare/);
      if (after?.length > 0 && after.every((r) => /\d+ \/ \d+ servers?|0 servers|\d+ silent/.test(r.text))) break;
    }
    assert.ok(after.length > 0 && after.length < keys, `some keys, not all (${after?.length} of ${keys})`);
    for (const row of after) assert.match(row.text, /\d+ \/ \d+ servers?|0 servers|\d+ silent/, `each key says why it is a problem: ${row.text}`);
    assert.ok(!after.some((r) => /not checked/.test(r.label)), 'the row is gone');
  });
});
