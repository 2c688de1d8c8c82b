// Attack (issue 19 item 5): license keys are credentials, at rest too. A session lists every key
// in the views (shown, so the workbench renders the rows and keeps their ids), filters by a key
// string, creates a key, checks it (CLN echoes the key in its answer), opens it as JSON, removes
// keys (one twice, so CLN refuses) — then everything VS Code keeps on disk for this session (every
// file under the user-data folder: the output channel's file, the extension's storage and
// journal, VS Code's own logs and state), every tree item id the extension handed the workbench
// and every `cln-json:` document URI are searched for each key string the account ever held.
// A key string may show only where a person asked for it (tooltip, Copy Key, View as JSON).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/features/testApi';
import type { ExplorerNode, TreeNode } from '../../src/explorer/nodes';
import { fingerprint } from '../../src/services/journal';
import type { Simulator } from '../../src/sim';
import { SMALL_ACCOUNT } from './commandHelpers';
import { filesUnder, getApi, leaveSim, script, signedInToNewSim, userDataDirOfProcess, waitFor, waitForOutput } from './helpers';

/** The user-data folder of this VS Code: from the command line of this process or an ancestor (Linux), else above the journal. */
function userDataDir(journalFile: string): string {
  const found = userDataDirOfProcess();
  if (found) return path.resolve(found);
  // The journal is in the extension's global storage: <user data>/User/globalStorage/<extension>/activity.jsonl.
  let dir = journalFile;
  while (path.basename(dir) !== 'User' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  assert.strictEqual(path.basename(dir), 'User', `cannot find the user-data folder above ${journalFile}`);
  return path.dirname(dir);
}

/** Every row a view has, loaded as the view loads it (folders, keys, servers). */
async function walk(provider: vscode.TreeDataProvider<unknown>, parent?: unknown, out: unknown[] = []): Promise<unknown[]> {
  for (const child of (await provider.getChildren(parent)) ?? []) {
    out.push(child);
    const item = await provider.getTreeItem(child);
    if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(provider, child, out);
  }
  return out;
}

const isKeyRow = (node: unknown): node is Extract<ExplorerNode, { kind: 'kcareKey' | 'imKey' | 'elsKey' }> =>
  typeof node === 'object' && node !== null && ['kcareKey', 'imKey', 'elsKey'].includes((node as TreeNode).kind);

describe('attack: key strings at rest (issue 19 item 5)', function () {
  this.timeout(240_000);
  let api: TestApi;
  let sim: Simulator;
  let original: TestApi['ui']['prompter'];
  /** Every key string the account held during the session, and where it came from. */
  const keys = new Map<string, string>();
  const remember = () => {
    for (const k of sim.state.kcareKeys) keys.set(k.key, 'KernelCare key');
    for (const k of sim.state.imunifyKeys) keys.set(k.key, 'Imunify key');
    for (const k of sim.state.elsKeys) keys.set(k.key, 'ELS key');
  };
  const found = (text: string) => [...keys].filter(([key]) => text.includes(key)).map(([key, what]) => `${what} ${key}`);

  before(async () => {
    sim = await signedInToNewSim({ size: SMALL_ACCOUNT, seed: 1905 });
    api = await getApi();
    original = api.ui.prompter;
    remember();
  });
  after(async () => {
    api.ui.prompter = original;
    await vscode.commands.executeCommand('cln.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await leaveSim(sim);
  });

  it('a session that lists, creates, checks, views and removes keys leaves no key string on disk, in a tree id or a document URI', async () => {
    // Shown, so the workbench renders the rows (and may keep their ids with the view's state).
    await vscode.commands.executeCommand('cln.licenses.focus');
    const rows = await walk(api.licenses);
    const keyRows = rows.filter(isKeyRow);
    assert.ok(keyRows.length >= 3, `the Licenses view lists the keys (${keyRows.length} key rows)`);
    await walk(api.allServers);
    await walk(api.groups);

    // A filter typed as a key string: the workbench expands the key that matches.
    const kcare = sim.state.kcareKeys[0];
    await script([{ input: kcare.key }]);
    await vscode.commands.executeCommand('cln.filter');
    await vscode.commands.executeCommand('cln.clearFilter');

    // Create a KernelCare key: the notification may show it (the user just made it), nothing else.
    let prompter = await script([{ pick: 'KernelCare' }, { input: '2' }, { input: 'at rest' }]);
    const created = await vscode.commands.executeCommand<{ key: string }>('cln.createKey');
    assert.ok(created?.key && sim.state.kcareKeys.some((k) => k.key === created.key), 'the key was created');
    remember();
    assert.ok(
      prompter.notices.some((n) => n.message.includes(created.key)),
      'the notification names the new key (the user asked for it)',
    );
    const createdRow = (await walk(api.licenses)).filter(isKeyRow).find((node) => node.key.key === created.key);
    assert.ok(createdRow, 'the new key shows in the view');

    // Its KernelCare check (a key in the request path; CLN names the key in its answer).
    await script([]);
    await vscode.commands.executeCommand('cln.checkKernelCareHealth', createdRow);

    // View as JSON shows the key: asked for. Its document URI must not carry it.
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('cln.viewAsJson', createdRow);
    assert.ok(document, 'View as JSON opened a document');
    await waitFor(() => document.getText().includes(created.key), 'the JSON document to show the key', 10_000);

    // Remove an Imunify key from its row, then again (CLN refuses: no such key), and the new key.
    const imunify = (await walk(api.licenses)).filter(isKeyRow).find((node) => node.kind === 'imKey')!;
    await script([{ confirm: true }]);
    await vscode.commands.executeCommand('cln.removeKey', imunify, [imunify]);
    assert.ok(!sim.state.imunifyKeys.some((k) => k.key === imunify.key.key), 'the Imunify key was removed');
    prompter = await script([{ confirm: true }]);
    await vscode.commands.executeCommand('cln.removeKey', imunify, [imunify]);
    assert.ok(
      prompter.notices.some((n) => n.level === 'error' || n.level === 'warning'),
      `CLN refused the second removal: ${JSON.stringify(prompter.notices)}`,
    );
    await script([{ confirm: true }]);
    await vscode.commands.executeCommand('cln.removeKey', createdRow, [createdRow]);
    assert.ok(!sim.state.kcareKeys.some((k) => k.key === created.key), 'the new key was removed');

    // What the views hand the workbench after all that: every row's id.
    const ids: string[] = [];
    for (const provider of [api.licenses, api.allServers, api.groups]) {
      const own: string[] = [];
      for (const node of await walk(provider)) own.push(String((await provider.getTreeItem(node)).id ?? ''));
      assert.ok(own.length > 5 && own.every(Boolean), 'every row has an id');
      assert.strictEqual(new Set(own).size, own.length, 'no two rows of a view share an id');
      ids.push(...own);
    }

    // VS Code writes the output channel and its state asynchronously: wait for the last request's line.
    const output = await waitForOutput((line) => line.includes('/kcare/key/delete.json'), 'the last removal', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const dataDir = userDataDir(api.journal.file);
    const leaks: string[] = [];
    const files = filesUnder(dataDir).filter((file) => fs.statSync(file).size < 50_000_000);
    assert.ok(
      files.some((file) => /-CLN\.log$/.test(file)),
      `the output channel's file is among the files searched (${files.length})`,
    );
    for (const file of files) for (const leak of found(fs.readFileSync(file).toString('latin1'))) leaks.push(`file ${path.relative(dataDir, file)}: ${leak}`);
    for (const id of ids) for (const leak of found(id)) leaks.push(`tree item id "${id}": ${leak}`);
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'cln-json'))
      for (const leak of found(doc.uri.toString())) leaks.push(`document URI ${doc.uri.toString()}: ${leak}`);

    // The search finds what it looks for: the JSON document (asked for) names the key.
    assert.deepStrictEqual(found(document.getText()), [`KernelCare key ${created.key}`], 'the search finds a key string where one is shown');
    console.log(`      searched ${files.length} files under ${dataDir}, ${ids.length} tree ids, for ${keys.size} key strings`);
    assert.deepStrictEqual([...new Set(leaks)], []);

    // The log still says what happened, naming keys by fingerprint.
    const print = fingerprint(created.key);
    assert.ok(
      output.some((line) => line.includes(`Created KernelCare key ${print}`)),
      'the log records the new key by its fingerprint',
    );
    assert.ok(
      output.some((line) => line.includes(`/kcare/key/delete.json?key=${print}`)),
      'the log records the removal request, the key fingerprinted',
    );
  });
});
