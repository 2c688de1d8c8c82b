// View as JSON in a real VS Code: the command on rows of several kinds opens a read-only `cln-json:`
// document whose JSON is the simulator's object; it follows the tree (details filling in, a refresh
// after a change in CLN, a change made through the extension, a removed row), and never holds the
// secret key or a token.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ipTypeName } from '../../src/cln/catalog';
import type { ExplorerNode } from '../../src/explorer/nodes';
import type { ExplorerSurface } from '../../src/ui/surfaces';
import type { SimDate, Simulator } from '../../src/sim';
import { childrenOf, findChild, findKey, getApi, leaveSim, script, signedInToNewSim, waitFor } from './helpers';

const SIZE = {
  ipLicenses: 30,
  kcareKeys: 3,
  kcareServersPerKey: 2,
  imunifyKeys: 2,
  imunifyServersPerKey: 2,
  elsKeysPerCode: 1,
  elsServersPerKey: 1,
  backups: 2,
  groups: 2,
  serversPerGroup: 2,
  awpEntriesPerMonth: 1,
};
const iso = (date: SimDate | null) => (date ? new Date(date.ms).toISOString() : null);

async function viewAsJson(node: ExplorerNode): Promise<vscode.TextDocument> {
  const document = await vscode.commands.executeCommand<vscode.TextDocument>('cln.viewAsJson', node, [node]);
  assert.ok(document, 'View as JSON opened no document');
  return document;
}

const parsed = (document: vscode.TextDocument) => JSON.parse(document.getText());

describe('View as JSON', function () {
  this.timeout(60_000);
  let sim: Simulator;

  before(async () => {
    sim = await signedInToNewSim({ size: SIZE, seed: 7 });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await leaveSim(sim);
  });

  it('opens an IP license as the simulator holds it, as JSON under cln-json:/<login>/ipLicense/…, and fills in its server info', async () => {
    const held = sim.state.ipLicenses.find((l) => l.registered && l.serverInfo && l.lastCheckin)!;
    const typeNode = await findChild(ipTypeName(held.type), await findChild('IP Licenses'));
    const row = (await childrenOf(typeNode)).find((n) => n.kind === 'ipLicense' && n.license.ip === held.ip) as ExplorerNode;
    const document = await viewAsJson(row);
    assert.strictEqual(document.uri.scheme, 'cln-json');
    assert.strictEqual(document.uri.path, `/${sim.credentials.login}/ipLicense/${held.ip} ${ipTypeName(held.type)}.json`);
    assert.strictEqual(document.languageId, 'json');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString(), 'shown in the editor');
    // The server info arrives in batches after the rows; the document follows the row.
    await waitFor(() => 'serverInfo' in parsed(document), 'the server info in the document', 15_000);
    assert.deepStrictEqual(parsed(document), {
      ip: held.ip,
      type: held.type,
      registered: held.registered,
      created: iso(held.created),
      serverInfo: held.serverInfo,
      lastCheckin: iso(held.lastCheckin),
    });
  });

  it('matches the simulator for a KernelCare key, an Imunify server, an ELS key, a backup, a group and its member', async () => {
    const kcareHeld = sim.state.kcareKeys[0];
    const kcareKey = await findKey(kcareHeld.key, await findChild('KernelCare'));
    const keyDocument = await viewAsJson(kcareKey as ExplorerNode);
    assert.deepStrictEqual(parsed(keyDocument), { key: kcareHeld.key, enabled: kcareHeld.enabled, created: iso(kcareHeld.created), limit: kcareHeld.limit, note: kcareHeld.note });
    assert.ok(!keyDocument.uri.toString().includes(kcareHeld.key), 'the key string is not in the URI');
    assert.match(keyDocument.uri.path, new RegExp(`^/${sim.credentials.login}/kcareKey/.+ [0-9a-f]{16}\\.json$`));

    const imKeys = await childrenOf(await findChild('Imunify'));
    const imKey = imKeys.find((k) => k.kind === 'imKey' && sim.state.imunifyServers.some((s) => s.key === k.key.key))!;
    const imServer = (await childrenOf(imKey))[0] as ExplorerNode;
    assert.strictEqual(imServer.kind, 'imServer');
    const imHeld = sim.state.imunifyServers.find((s) => imServer.kind === 'imServer' && s.id === imServer.server.id)!;
    assert.deepStrictEqual(parsed(await viewAsJson(imServer)), { id: imHeld.id, key: imHeld.key, ip: imHeld.ip, lastCheckin: iso(imHeld.lastCheckin) });

    const [elsCode] = await childrenOf(await findChild('ELS'));
    const elsKey = (await childrenOf(elsCode))[0] as ExplorerNode;
    const elsHeld = sim.state.elsKeys.find((k) => elsKey.kind === 'elsKey' && k.key === elsKey.key.key)!;
    const elsJson = parsed(await viewAsJson(elsKey));
    assert.deepStrictEqual([elsJson.key, elsJson.code, elsJson.limit], [elsHeld.key, elsHeld.code, elsHeld.limit]);

    const backup = (await childrenOf(await findChild('Backups')))[0] as ExplorerNode;
    const backupHeld = sim.state.backups.find((b) => backup.kind === 'backup' && b.backupId === backup.backup.backupId)!;
    assert.deepStrictEqual(parsed(await viewAsJson(backup)), { ...backupHeld });

    const groupHeld = sim.state.groups.find((g) => g.serverIds.length > 0)!;
    const group = await findChild(groupHeld.name, undefined, 'groups');
    assert.deepStrictEqual(parsed(await viewAsJson(group as ExplorerNode)), { name: groupHeld.name, description: groupHeld.description });
    const member = (await childrenOf(group, 'groups'))[0] as ExplorerNode;
    const memberJson = parsed(await viewAsJson(member));
    assert.strictEqual(memberJson.group, groupHeld.name);
    assert.ok(groupHeld.serverIds.includes(memberJson.id), `${memberJson.id} is a member of ${groupHeld.name}`);
  });

  it('a folder lists its rows: KernelCare holds every key of the account', async () => {
    const json = parsed(await viewAsJson((await findChild('KernelCare')) as ExplorerNode));
    assert.deepStrictEqual(json.map((k: { key: string }) => k.key).sort(), sim.state.kcareKeys.map((k) => k.key).sort());
  });

  it('reads the row again when the tree refreshes after a change in CLN', async () => {
    const held = sim.state.kcareKeys[1];
    const document = await viewAsJson((await findKey(held.key, await findChild('KernelCare'))) as ExplorerNode);
    assert.strictEqual(parsed(document).note, held.note);
    // Changed elsewhere (CLN's web interface): the tree shows it after a refresh, and so does the document.
    held.note = 'changed in CLN';
    held.limit = 77;
    await vscode.commands.executeCommand('cln.refresh', await findChild('KernelCare'));
    await waitFor(() => parsed(document).note === 'changed in CLN', 'the refreshed note in the document', 10_000);
    assert.strictEqual(parsed(document).limit, 77);
  });

  it('follows a change made through the extension: a license registered under an open type folder appears in it', async () => {
    const typeNode = await findChild('KernelCare', await findChild('IP Licenses'));
    const document = await viewAsJson(typeNode as ExplorerNode);
    const before = parsed(document).length;
    assert.ok(!parsed(document).some((l: { ip: string }) => l.ip === '198.51.100.9'));
    await script([{ input: '198.51.100.9' }, { pick: 'KernelCare' }]);
    await vscode.commands.executeCommand('cln.registerIpLicense');
    await waitFor(() => parsed(document).some((l: { ip: string }) => l.ip === '198.51.100.9'), 'the new license in the folder document', 10_000);
    assert.strictEqual(parsed(document).length, before + 1);
  });

  it('keeps the last read text of a removed row and says it is gone', async () => {
    const typeNode = await findChild('KernelCare', await findChild('IP Licenses'));
    const row = (await childrenOf(typeNode)).find((n) => n.kind === 'ipLicense' && n.license.ip === '198.51.100.9') as ExplorerNode;
    const document = await viewAsJson(row);
    const text = document.getText();
    const prompter = await script([{ confirm: true }]);
    await vscode.commands.executeCommand('cln.removeIpLicense', row, [row]);
    assert.ok(!sim.state.ipLicenses.some((l) => l.ip === '198.51.100.9'), 'removed in the simulator');
    await waitFor(() => prompter.notices.some((n) => /198\.51\.100\.9 \(KernelCare\) is no longer in the account/.test(n.message)), 'the notice that the row is gone', 10_000);
    assert.strictEqual(document.getText(), text);
  });

  it('says nothing about a document whose tab was closed when its row goes', async () => {
    const typeNode = await findChild('KernelCare', await findChild('IP Licenses'));
    const row = (await childrenOf(typeNode)).find((n) => n.kind === 'ipLicense') as ExplorerNode;
    const document = await viewAsJson(row);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.ok(
      !vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === document.uri.toString())),
      'the tab is closed',
    );
    const prompter = await script([{ confirm: true }]);
    await vscode.commands.executeCommand('cln.removeIpLicense', row, [row]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepStrictEqual(
      prompter.notices.filter((n) => /no longer in the account/.test(n.message)),
      [],
    );
  });

  it('from the palette with a row selected: that row, without a question', async () => {
    const api = await getApi();
    const held = sim.state.kcareKeys[0];
    const family = (await findChild('KernelCare')) as ExplorerNode;
    const key = (await findKey(held.key, family)) as ExplorerNode;
    // Selected as Find or a command selects what it found or made.
    await (api.explorer as unknown as ExplorerSurface).reveal('licenses', [family, key]);
    await waitFor(() => api.explorer.selection.length === 1, 'the key selected in the Licenses view');
    const prompter = await script([]);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('cln.viewAsJson');
    assert.deepStrictEqual(prompter.asked, [], 'no question with a selection');
    assert.strictEqual(parsed(document!).key, held.key);
  });

  it('from the palette without a selection: a pick among the rows the views have loaded', async () => {
    const api = await getApi();
    // Escape in a focused tree clears its selection (list.clear), as a user would.
    for (const view of ['cln.licenses', 'cln.groups', 'cln.allServers']) {
      await vscode.commands.executeCommand(`${view}.focus`);
      await vscode.commands.executeCommand('list.clear');
    }
    await waitFor(() => api.explorer.selection.length === 0, 'no selection in the views');
    const held = sim.state.kcareKeys[2];
    held.note = 'web farm';
    await vscode.commands.executeCommand('cln.refresh', await findChild('KernelCare'));
    await childrenOf(await findChild('KernelCare'));
    const prompter = await script([{ pick: 'web farm' }]);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('cln.viewAsJson');
    assert.strictEqual(prompter.asked[0]?.title, 'View as JSON');
    const offered = prompter.asked[0].offered ?? [];
    assert.ok(
      ['IP Licenses', 'KernelCare', 'Imunify', 'ELS', 'Backups', 'web farm'].every((label) => offered.includes(label)),
      offered.slice(0, 20).join(' | '),
    );
    assert.ok(document && document.uri.scheme === 'cln-json');
    assert.strictEqual(parsed(document).key, held.key);
  });

  it('never holds the secret key or a token', async () => {
    const documents = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'cln-json');
    assert.ok(documents.length >= 8, `${documents.length} documents open`);
    for (const document of documents) {
      for (const text of [document.getText(), document.uri.toString()]) {
        assert.ok(!text.includes(sim.credentials.secretKey), `${document.uri.path} holds the secret key`);
        assert.ok(!/token=|[0-9a-f]{40}/i.test(text), `${document.uri.path} holds a token`);
      }
    }
  });
});
