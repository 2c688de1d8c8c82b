// Attack suite, Compare with Inventory in the extension host (issue 19 item 7), as a user runs it:
// an inventory that spells an address CLN licenses differently must not make that license look
// unlisted (and so offered for removal), and the pick list the desired-state file is made from
// checks nothing that removes a license. What the pick list starts with checked is read from the
// items the command hands the prompter, as a person sees them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CompareResult } from '../../src/features/accountFile/commands';
import type { SimIpLicense } from '../../src/sim';
import { Harness, notices, useSignedInHarness } from './commandHelpers';
import type { Answer, ScriptedPrompter } from './scriptedPrompter';

const V6 = '2001:db8::a:1';
const V6_IN_FULL = '2001:0DB8:0000:0000:0000:0000:000A:0001';

/** Installs a scripted prompter that also records, for each multi-pick, which items started checked. */
function scriptRecordingChecks(h: Harness, answers: Answer[]): { prompter: ScriptedPrompter; checked: { label: string; picked: boolean }[][] } {
  const prompter = h.script(answers);
  const checked: { label: string; picked: boolean }[][] = [];
  const pickMany = prompter.pickMany.bind(prompter);
  prompter.pickMany = async <T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions & { title: string }) => {
    const list = await items;
    checked.push(list.map((item) => ({ label: item.label, picked: item.picked === true })));
    return pickMany(list, options);
  };
  return { prompter, checked };
}

describe('attack: Compare with Inventory', function () {
  this.timeout(90_000);
  let h: Harness;
  useSignedInHarness(29, (harness) => (h = harness));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cln-attack-inventory-'));
  after(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && !d.isClosed)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A license the account holds on an IPv6 address, and one IPv4 address with a single license. */
  function account(): { licenses: SimIpLicense[]; single: SimIpLicense } {
    const licenses = h.sim.state.ipLicenses;
    if (!licenses.some((l) => l.ip === V6))
      licenses.push({ ip: V6, type: 1, registered: true, created: { ms: Date.UTC(2025, 0, 6, 9, 0), offset: 0 }, elsAllowed: false, serverInfo: null, lastCheckin: null });
    const single = licenses.find((l) => !l.ip.includes(':') && licenses.filter((x) => x.ip === l.ip).length === 1);
    assert.ok(single, 'the seeded account has an IPv4 address with one license');
    return { licenses, single };
  }

  function writeCsv(name: string, rows: string[]): vscode.Uri {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, rows.join('\n') + '\n');
    return vscode.Uri.file(file);
  }

  it('an address the inventory spells in capitals and in full is matched; what is left for removal starts unchecked', async () => {
    const { licenses, single } = account();
    const rows = ['name,ip'];
    for (const ip of new Set(licenses.map((l) => l.ip))) if (ip !== single.ip) rows.push(`h,${ip === V6 ? V6_IN_FULL : ip}`);
    const { prompter, checked } = scriptRecordingChecks(h, [{ pick: 'ip' }, { pick: 'name' }, { pick: '(none)' }, { pick: /In CLN, not in the inventory/ }, { pickMany: [single.ip] }]);
    const result = await h.run<CompareResult>('cln.compareInventory', writeCsv('spellings.csv', rows));
    assert.ok(result, JSON.stringify(notices(prompter)));
    assert.deepStrictEqual(result.onlyInCln, [single.ip], `${V6} is in the inventory, spelled ${V6_IN_FULL}`);
    assert.deepStrictEqual(result.onlyInInventory, []);
    assert.deepStrictEqual(checked, [[{ label: single.ip, picked: false }]], 'a removal is never checked for the user');
    // The user checked it: the file removes that license, and only it.
    const made = JSON.parse(vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.file)!.getText());
    assert.deepStrictEqual(made.ipLicenses.licenses, [{ ip: single.ip, type: single.type, state: 'absent' }]);
    assert.strictEqual(h.changeRequests().length, 0, 'comparing changes nothing in CLN');
  });

  it('a wrong product, whose change removes the license CLN holds, starts unchecked', async () => {
    const { licenses, single } = account();
    const other = single.type === 16 ? 1 : 16;
    const rows = ['name,ip,product', ...[...new Set(licenses.map((l) => l.ip))].map((ip) => (ip === single.ip ? `w,${ip},${other}` : `h,${ip},`))];
    const { prompter, checked } = scriptRecordingChecks(h, [{ pick: 'ip' }, { pick: 'name' }, { pick: 'product' }, { pick: /Wrong product/ }, { pickMany: [] }]);
    const result = await h.run('cln.compareInventory', writeCsv('product.csv', rows));
    assert.deepStrictEqual(checked, [[{ label: single.ip, picked: false }]], 'a removal is never checked for the user');
    assert.strictEqual(result, undefined, 'nothing checked: the command stops');
    assert.match(notices(prompter).join('\n'), /Nothing was checked, so no desired-state file was written/);
  });
});
