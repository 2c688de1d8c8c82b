// The change tools' confirmation, as the user sees it. A chat agent is stood in for by a small
// extension (test/ui/fixtures/tool-caller) that calls vscode.lm.invokeTool without a chat, as any
// extension may. VS Code 1.100 then asks the tool's confirmation in a workbench modal dialog
// (LanguageModelToolsService.invokeTool → dialogService.confirm). The extension-host tier cannot
// see it: in a window running extension tests the workbench's DialogService answers every
// confirm() with "confirmed" without showing it (skipDialogs). This window runs no extension
// tests, so the dialog is real and this test clicks it.
// Saves docs/screenshots/lm-tool-confirm.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startCodeServerWithVsix, workbenchUrl } from '../../scripts/lib/code-server.mjs';
import { answerInput, expectNotification, runCommand, screenshot, treeRow, useWorkbench } from './helpers.mjs';

const FIXTURE = path.join(REPO_ROOT, 'test', 'ui', 'fixtures', 'tool-caller');
const IP = '198.51.100.77';
const ACCOUNT = 'CLN account demo-reseller \\(demo data\\)';

/**
 * A window with the installed CLN Explorer and the stand-in agent as the extension under development
 * (code-server loads one development extension per window). Run on its own, this file installs
 * cln-explorer.vsix (npm run package) into a code-server of its own.
 */
async function workbenchWithAgent(cleanups) {
  let shared = process.env.CLN_UI_URL;
  if (!shared) {
    const vsix = path.join(REPO_ROOT, 'cln-explorer.vsix');
    if (!fs.existsSync(vsix)) throw new Error('Run `npm run package` first: this test installs cln-explorer.vsix.');
    const { server, folder } = await startCodeServerWithVsix(vsix, { prefix: 'cln-ui-lm-', cleanups });
    shared = workbenchUrl(server, { folder });
  }
  const url = new URL(shared);
  url.searchParams.set('payload', JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${url.port}${FIXTURE}`]]));
  return url.toString();
}

describe('language-model tools: confirmation of changes', function () {
  this.timeout(240_000);
  const cleanups = [];
  const wb = useWorkbench({ url: () => workbenchWithAgent(cleanups), demo: true });

  after(async () => {
    while (cleanups.length)
      await cleanups
        .pop()()
        .catch(() => {});
  });

  /** What a chat agent does: call a tool with an input. */
  async function callTool(name, input) {
    await runCommand(wb.page, 'CLN Test: Invoke Language-Model Tool');
    await answerInput(wb.page, name, { prompt: 'Tool name' });
    await answerInput(wb.page, JSON.stringify(input), { prompt: 'Tool input' });
  }

  async function confirmation() {
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    return { dialog, text: await dialog.innerText() };
  }

  const primary = (dialog) =>
    dialog
      .locator('.dialog-buttons .monaco-button')
      .filter({ hasNotText: /^\s*Cancel\s*$/ })
      .first();
  const cancel = (dialog) => dialog.locator('.dialog-buttons .monaco-button', { hasText: /^\s*Cancel\s*$/ });

  async function lookupSays(pattern) {
    await callTool('cln_lookup', { query: IP });
    await expectNotification(wb.page, pattern, { timeout: 60_000 });
  }

  it('register: the dialog names the license and the account; the license exists only after Yes', async () => {
    await lookupSays(new RegExp(`^Tool result: What ${ACCOUNT} holds for IP ${IP.replace(/\./g, '\\.')}:\\s*- IP licenses: none`));
    await callTool('cln_registerIpLicense', { ip: IP, type: 16 });
    const { dialog, text } = await confirmation();
    assert.match(text, new RegExp(`Register a KernelCare license for ${IP.replace(/\./g, '\\.')}\\?`));
    assert.match(text, new RegExp(`${ACCOUNT} gets a new KernelCare IP license \\(type 16\\)`));
    await screenshot(wb.page, 'lm-tool-confirm');
    await primary(dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectNotification(wb.page, new RegExp(`^Tool result: Registered IP license ${IP.replace(/\./g, '\\.')} \\(KernelCare\\) in ${ACCOUNT}\\.$`), { timeout: 60_000 });
    await lookupSays(new RegExp(`IP licenses \\(1\\):\\s*- KernelCare \\(type 16\\)`));
  });

  it('remove: Cancel in the dialog ends the call and removes nothing; confirming removes the license', async () => {
    await callTool('cln_removeIpLicense', { ip: IP, type: 16 });
    let { dialog, text } = await confirmation();
    assert.match(text, new RegExp(`Remove the KernelCare license of ${IP.replace(/\./g, '\\.')}\\?`));
    assert.match(text, /stops being licensed for KernelCare \(type 16\)\. This cannot be undone/);
    await cancel(dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectNotification(wb.page, /^Tool call ended: /, { severity: 'warning', timeout: 60_000 });
    await lookupSays(new RegExp(`IP licenses \\(1\\):\\s*- KernelCare \\(type 16\\)`));

    await callTool('cln_removeIpLicense', { ip: IP, type: 16 });
    ({ dialog, text } = await confirmation());
    await primary(dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectNotification(wb.page, new RegExp(`^Tool result: Removed the KernelCare license of ${IP.replace(/\./g, '\\.')} from ${ACCOUNT}\\.$`), { timeout: 60_000 });
    await lookupSays(/- IP licenses: none/);
    // The activity journal has the two changes made, and nothing of the declined one.
    await runCommand(wb.page, 'CLN: Show Activity');
    // One row per change, each with its verb ("Registered …", "Removed …"), marked as made through a chat tool.
    const rows = treeRow(wb.page, new RegExp(`^(Registered|Removed) .*${IP.replace(/\./g, '\\.')}.*\\(via a chat tool\\)`));
    await rows.first().waitFor({ timeout: 30_000 });
    assert.equal(await rows.count(), 2);
  });
});
