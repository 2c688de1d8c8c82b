// CloudLinux Backup reached its end of life on 1 October 2023. The Backups family shows only while the
// account still holds backups, marked retired; a backup offers Remove, and nothing offers Create or Resize.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/explorer/nodes';
import type { AccountSize, Simulator } from '../../src/sim';
import { childLabels, childrenOf, findChild, findKey, itemOf, leaveSim, script, signedInToNewSim, tooltipOf, waitFor } from './helpers';

const SIZE: Partial<AccountSize> = {
  ipLicenses: 4,
  kcareKeys: 1,
  kcareServersPerKey: 1,
  imunifyKeys: 1,
  imunifyServersPerKey: 2,
  elsKeysPerCode: 0,
  groups: 1,
  serversPerGroup: 1,
  awpEntriesPerMonth: 1,
};

interface MenuEntry {
  command?: string;
  when?: string;
  group?: string;
}

const contributes = () => vscode.extensions.getExtension('cln-explorer.cln-explorer')!.packageJSON.contributes;

/** The commands a row's context menu (and its inline actions) offer, by its contextValue: the `viewItem =~` and `listMultiSelection` parts of each `when`. */
function menuOf(contextValue: string, multiSelection = false): string[] {
  const offered: string[] = [];
  for (const entry of contributes().menus['view/item/context'] as MenuEntry[]) {
    const when = entry.when ?? '';
    const pattern = /viewItem =~ \/(.+?)\/(\s|$)/.exec(when);
    if (!entry.command || !pattern || !new RegExp(pattern[1].replace(/\\\\/g, '\\')).test(contextValue)) continue;
    if (/!listMultiSelection/.test(when) ? multiSelection : /(^|[^!])listMultiSelection/.test(when) && !multiSelection) continue;
    offered.push(entry.command);
  }
  return offered;
}

function paletteWhen(command: string): string | undefined {
  return (contributes().menus.commandPalette as MenuEntry[]).find((entry) => entry.command === command)?.when;
}

describe('Backups, retired', function () {
  this.timeout(60_000);

  describe('an account without backups', () => {
    let sim: Simulator;
    before(async () => {
      sim = await signedInToNewSim({ seed: 41, size: { ...SIZE, backups: 0 } });
    });
    after(() => leaveSim(sim));

    it('shows no Backups family', async () => {
      await vscode.commands.executeCommand('cln.refresh');
      assert.deepStrictEqual(await childLabels(), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS']);
    });
  });

  describe('an account that still holds backups', () => {
    let sim: Simulator;
    before(async () => {
      sim = await signedInToNewSim({ seed: 42, size: { ...SIZE, backups: 2 } });
    });
    after(() => leaveSim(sim));

    it('shows the Backups family marked retired, with the end of life in its tooltip', async () => {
      await vscode.commands.executeCommand('cln.refresh');
      assert.deepStrictEqual(await childLabels(), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS', 'Backups']);
      const item = await itemOf(await findChild('Backups'));
      assert.match(String(item.description), /^retired · 2 backups$/);
      assert.match(tooltipOf(item), /CloudLinux Backup reached its end of life on 1 October 2023/);
      assert.deepStrictEqual(
        await childLabels(await findChild('Backups')),
        sim.state.backups.map((b) => `Backup ${b.backupId}`),
      );
    });

    it('offers Remove on a backup, and Create or Resize nowhere: not on the family, a backup, an Imunify server or in the palette', async () => {
      const family = await findChild('Backups');
      const backup = (await childrenOf(family))[0];
      const imServer = (await childrenOf(await findKey(sim.state.imunifyKeys[0].key, await findChild('Imunify'))))[0];
      const menus = { family: menuOf((await itemOf(family)).contextValue!), backup: menuOf((await itemOf(backup)).contextValue!), imServer: menuOf((await itemOf(imServer)).contextValue!) };
      assert.ok(menus.backup.includes('cln.removeBackup'), `a backup offers: ${menus.backup.join(', ')}`);
      assert.ok(menuOf((await itemOf(backup)).contextValue!, true).includes('cln.removeBackups'), 'and Remove for a selection');
      for (const [row, commands] of Object.entries(menus)) {
        assert.ok(!commands.includes('cln.createBackup') && !commands.includes('cln.resizeBackup'), `${row} offers: ${commands.join(', ')}`);
      }
      assert.strictEqual(paletteWhen('cln.createBackup'), 'false');
      assert.strictEqual(paletteWhen('cln.resizeBackup'), 'false');
      assert.strictEqual(paletteWhen('cln.removeBackup'), 'cln.state != signedOut');
    });

    it('removing the last backups takes the family away', async () => {
      const backups = (await childrenOf(await findChild('Backups'))) as TreeNode[];
      const prompter = await script([{ confirm: true }]);
      await vscode.commands.executeCommand('cln.removeBackups', backups[0], backups);
      assert.strictEqual(prompter.remaining, 0);
      assert.strictEqual(sim.state.backups.length, 0);
      await waitFor(async () => !(await childLabels()).includes('Backups'), 'the Backups family to go');
      assert.deepStrictEqual(await childLabels(), ['IP Licenses', 'CloudLinux OS', 'Sub-account Servers', 'KernelCare', 'Imunify', 'ELS']);
    });
  });
});
