// Smoke test of what a person sees: the packaged extension installed in code-server puts a
// "CloudLinux Network" container in the activity bar with the Licenses and Server Groups views.
import assert from 'node:assert/strict';
import { activityBarItem, runCommand, screenshot, useWorkbench, viewPane } from './helpers.mjs';

describe('workbench', function () {
  this.timeout(120_000);
  // The first test waits for the activity-bar icon itself: that it appears is what it checks.
  const wb = useWorkbench({ waitForExtension: false });

  it('opens the CloudLinux Network container from its activity-bar icon', async () => {
    const { page } = wb;
    const icon = activityBarItem(page, 'CloudLinux Network');
    await icon.waitFor({ state: 'visible', timeout: 60_000 });
    await icon.click();
    await page.locator('.part.sidebar .composite.title h2', { hasText: /^CloudLinux Network$/i }).waitFor();
    for (const name of ['Licenses', 'Server Groups']) {
      const pane = viewPane(page, name);
      await pane.waitFor({ state: 'visible' });
      assert.equal(await pane.count(), 1, `one "${name}" view`);
    }
    // Give the views a moment to paint their content before the picture.
    await page.waitForTimeout(500);
    await screenshot(page, 'workbench', { minBytes: 10_000 });
  });

  it('shows the container again with "View: Show CloudLinux Network" from the palette', async () => {
    const { page } = wb;
    await runCommand(page, 'View: Show Explorer');
    await viewPane(page, 'Licenses').waitFor({ state: 'hidden' });
    await runCommand(page, 'View: Show CloudLinux Network');
    await viewPane(page, 'Licenses').waitFor({ state: 'visible' });
    await viewPane(page, 'Server Groups').waitFor({ state: 'visible' });
  });
});
