// "Resume an Interrupted Bulk Run" is in the palette only while there is a run to resume: the
// journal holds a bulk run whose process is gone (a crash, a closed window). The run is written
// into the extension's storage before the window opens, as a crash leaves it; dismissing the offer
// at start settles it, and Resume leaves the palette.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, UI_TEST_SETTINGS, startCodeServer, tempDir, workbenchUrl } from '../../scripts/lib/code-server.mjs';
import { quickInput, useWorkbench } from './helpers.mjs';

const RESUME = 'CLN: Resume an Interrupted Bulk Run';

/** Whether the palette lists `title` (typed in full, so only an exact entry counts). */
async function inPalette(page, title) {
  await page.keyboard.press('F1');
  const widget = await quickInput(page);
  await widget.locator('.quick-input-box input').fill(`>${title}`);
  await page.waitForTimeout(500);
  const count = await widget.locator('.quick-input-list .monaco-list-row .label-name', { hasText: new RegExp(`^${title}$`) }).count();
  await page.keyboard.press('Escape');
  return count > 0;
}

describe('Resume in the palette (UI)', function () {
  this.timeout(240_000);
  let server;
  let folder;
  before(async () => {
    folder = tempDir('cln-ui-resume-');
    server = await startCodeServer({ folder, settings: UI_TEST_SETTINGS });
    // What a window closed mid-run leaves in the journal: the plan, and no end (its process is gone).
    const journal = path.join(server.userDataDir, 'User', 'globalStorage', 'cln-explorer.cln-explorer', 'activity.jsonl');
    fs.mkdirSync(path.dirname(journal), { recursive: true });
    const run = {
      rec: 'run',
      id: 'run-cut-off-1',
      time: new Date(Date.now() - 3_600_000).toISOString(),
      login: 'reseller',
      title: 'Removing 2 servers',
      command: 'cln.removeServer',
      pid: 2 ** 22 + 54321,
      items: [
        { target: 'KernelCare server AAAAAAAAAAAAAAAA', action: 'kcare.srv.remove', args: { server_id: 'AAAAAAAAAAAAAAAA' } },
        { target: 'KernelCare server BBBBBBBBBBBBBBBB', action: 'kcare.srv.remove', args: { server_id: 'BBBBBBBBBBBBBBBB' } },
      ],
    };
    fs.writeFileSync(journal, `${JSON.stringify(run)}\n`);
  });
  after(async () => {
    await server?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });
  const wb = useWorkbench({ url: () => workbenchUrl(server, { folder, extensionDevelopmentPath: REPO_ROOT }) });

  it('offers Resume while a run is cut off, and not once the run is dismissed', async () => {
    const { page } = wb;
    // The offer made at start, in the notification center (it keeps every notification of the window).
    const center = page.locator('.notifications-center');
    const bell = page.locator('.part.statusbar [id="status.notifications"] .statusbar-item-label');
    const hideCenter = () => center.locator('.notifications-center-header .action-label.codicon-notifications-hide').click();
    // The offer is made once the session is restored: its toast, then the notification center.
    await page.locator('.notifications-toasts .notification-toast', { hasText: /A bulk run was cut off/ }).waitFor({ timeout: 60_000 });
    await bell.click();
    const offer = center
      .locator('.notification-list-item')
      .filter({ hasText: /A bulk run was cut off: "Removing 2 servers"/ })
      .first();
    await offer.waitFor({ timeout: 60_000 });
    await hideCenter();
    assert.equal(await inPalette(page, RESUME), true, 'Resume is offered with a run to resume');
    await bell.click();
    await offer.getByRole('button', { name: 'Dismiss' }).click();
    await page.waitForTimeout(1500);
    if (await center.isVisible()) await hideCenter();
    assert.equal(await inPalette(page, RESUME), false, 'Resume is not offered once nothing is left to resume');
  });
});
