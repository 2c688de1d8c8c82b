// Secrets never leak: signed in to a simulator with a known secret key, every command of
// package.json runs (from the palette and on every tree node its menus apply to, answering every
// question so it goes as far as it can, also with CLN failing), then everything the extension
// showed or wrote is searched for the secret key and for tokens: the output channel, notices and
// prompts, tree items, the status bar, settings (inspect and settings.json), the clipboard, the
// AWP report's HTML, messages and export, and every file under the user-data directory.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/features/testApi';
import { AWP_PRODUCTS } from '../../src/cln/catalog';
import { yearMonthOf } from '../../src/cln/dates';
import { contextValueOf } from '../../src/explorer/kinds';
import type { ExplorerNode, TreeNode } from '../../src/explorer/nodes';
import type { AwpReportPanel } from '../../src/features/awpReport/panel';
import { Simulator, startSimulator } from '../../src/sim';
import { AutoPrompter } from './autoPrompter';
import { filesUnder, getApi, signInTo, signOutAndReset, userDataDirOfProcess, waitForOutput, watchPosts } from './helpers';

const SECRET = 'SecurityTestSecret0123456789abcdefXYZ';
const LOGIN = 'security-reseller';
const SPECIAL = ['cln.signIn', 'cln.signOut', 'cln.useDemoData'];
const ACCOUNT = {
  ipLicenses: 8,
  kcareKeys: 3,
  kcareServersPerKey: 2,
  imunifyKeys: 3,
  imunifyServersPerKey: 2,
  elsKeysPerCode: 1,
  elsServersPerKey: 1,
  backups: 2,
  groups: 2,
  serversPerGroup: 2,
  awpEntriesPerMonth: 3,
};

interface Contribution {
  command: string;
}
interface MenuEntry {
  command: string;
  when?: string;
}

const manifest = () => vscode.extensions.getExtension('cln-explorer.cln-explorer')!.packageJSON;

/** Context-menu rules per command: the viewItem patterns of its `when` clauses. */
function menuPatterns(): Map<string, RegExp[]> {
  const patterns = new Map<string, RegExp[]>();
  const menus = manifest().contributes?.menus ?? {};
  // The context menu and the submenus it opens (Copy); a submenu's own entry names no command.
  const submenus = ((manifest().contributes?.submenus ?? []) as { id: string }[]).map((submenu) => submenu.id);
  for (const entry of [...(menus['view/item/context'] ?? []), ...submenus.flatMap((id) => menus[id] ?? [])] as MenuEntry[]) {
    const match = /viewItem =~ \/(.+?)\/(\s|$)/.exec(entry.when ?? '');
    if (match && entry.command) patterns.set(entry.command, [...(patterns.get(entry.command) ?? []), new RegExp(match[1].replace(/\\\\/g, '\\'))]);
  }
  return patterns;
}

/** Everything a user could see or find, as (where, text) pairs. */
class Capture {
  readonly texts: { where: string; text: string }[] = [];
  add(where: string, text: string | undefined): void {
    if (text) this.texts.push({ where, text });
  }

  /** Where the secret key, a token or a token's digest appears. */
  leaks(digests: ReadonlySet<string>): string[] {
    const found: string[] = [];
    for (const { where, text } of this.texts) {
      if (text.includes(SECRET)) found.push(`${where}: the secret key`);
      if (/[^\s|]+\|\d{9,11}\|[0-9a-f]{40}/i.test(text)) found.push(`${where}: a token`);
      if (/token=(?!<redacted>)[^&\s"']+/.test(text)) found.push(`${where}: an unredacted token= argument`);
      for (const hex of text.match(/[0-9a-f]{40}/gi) ?? []) if (digests.has(hex.toLowerCase())) found.push(`${where}: a token digest`);
    }
    return found;
  }
}

describe('security: no secret or token in anything the extension shows or writes', function () {
  this.timeout(180_000);
  let api: TestApi;
  let sim: Simulator;
  let original: TestApi['ui']['prompter'];
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cln-security-'));
  const prompter = new AutoPrompter(exportDir);
  const capture = new Capture();
  const started = Math.floor(Date.now() / 1000);
  const ran: string[] = [];

  const run = async (command: string, ...args: unknown[]) => {
    ran.push(command);
    prompter.startCommand();
    await vscode.commands.executeCommand(command, ...args);
  };

  /** Every node of both views, expanded as a user would, with what each tree item shows. */
  async function walk(): Promise<ExplorerNode[]> {
    const nodes: ExplorerNode[] = [];
    for (const view of ['licenses', 'groups'] as const) {
      const provider = api[view];
      const visit = async (parent: TreeNode | undefined, depth: number): Promise<void> => {
        for (const node of ((await provider.getChildren(parent)) ?? []) as TreeNode[]) {
          const item = await provider.getTreeItem(node);
          const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
          capture.add(`tree item (${node.kind})`, [typeof item.label === 'string' ? item.label : item.label?.label, item.description, tooltip].join(' | '));
          if (node.kind === 'message' || node.kind === 'loadMore') continue;
          nodes.push(node);
          if (depth < 4) await visit(node, depth + 1);
        }
      };
      await visit(undefined, 0);
    }
    return nodes;
  }

  before(async () => {
    api = await getApi();
    original = api.ui.prompter;
    sim = await startSimulator({ size: ACCOUNT, seed: 11, login: LOGIN, secretKey: SECRET });
    const signIn = await signInTo(sim, { login: LOGIN, secretKey: SECRET });
    capture.add('sign-in notices', signIn.notices.map((n) => n.message).join('\n'));
    assert.strictEqual(api.session.state.kind, 'signedIn');
    api.ui.prompter = prompter;
  });

  after(async () => {
    api.ui.prompter = original;
    await signOutAndReset();
    await sim?.close();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  it('runs every command of package.json from the palette', async () => {
    for (const { command } of manifest().contributes.commands as Contribution[]) if (!SPECIAL.includes(command)) await run(command);
  });

  it('runs every command on every tree node its context menu offers it for', async () => {
    const patterns = menuPatterns();
    const nodes = await walk();
    const seen = new Set<string>();
    for (const [command, rules] of patterns) {
      for (const node of nodes) {
        const contextValue = contextValueOf(node);
        // One node per command and kind of node is enough; the rest repeat the same path.
        if (seen.has(`${command} ${node.kind}`) || !rules.some((rule) => rule.test(contextValue))) continue;
        seen.add(`${command} ${node.kind}`);
        await run(command, node, [node]);
      }
    }
    await run('cln.copyValue', nodes[0]);
    capture.add('clipboard', await vscode.env.clipboard.readText());
    assert.ok(seen.size >= 10, `only ${seen.size} command/node pairs ran`);
  });

  it('runs the commands again while CLN fails in every way', async () => {
    for (const kind of ['http500', 'html', 'truncated', 'empty'] as const) {
      sim.faults.set('*', { kind });
      api.session.account?.clearCache();
      for (const command of ['cln.refresh', 'cln.showStatus', 'cln.registerIpLicense', 'cln.createKey', 'cln.checkIp']) await run(command);
      await walk();
    }
    sim.faults.clear();
  });

  it('opens the AWP report, exports and copies', async () => {
    const report = await vscode.commands.executeCommand<AwpReportPanel>('cln.openAwpReport');
    assert.ok(report, 'cln.openAwpReport resolved to nothing');
    const posted = watchPosts(report.panel.webview);
    await report.ready;
    // Commands run above may have exported too (Export Activity as CSV): count what this export adds.
    const filesBefore = filesUnder(exportDir).length;
    const query = { month: yearMonthOf(new Date()), products: [...AWP_PRODUCTS] };
    await report.handleMessage({ type: 'load', query });
    await report.handleMessage({ type: 'export', query, view: { filter: '', sort: { column: 'primaryDomain', descending: false } } });
    await report.handleMessage({ type: 'copy', text: 'copied from the report' });
    capture.add('AWP report HTML', report.panel.webview.html);
    assert.strictEqual(filesUnder(exportDir).length, filesBefore + 1, 'the export wrote its file');
    capture.add('AWP report messages', JSON.stringify(posted));
    capture.add('clipboard after the report', await vscode.env.clipboard.readText());
    report.panel.dispose();
  });

  it('ends with a failed authorization, the demo and signing out', async () => {
    sim.faults.set('*', { kind: 'auth' });
    api.session.account?.clearCache();
    await run('cln.refresh');
    await walk();
    sim.faults.clear();
    await signInTo(sim, { login: LOGIN, secretKey: SECRET });
    api.ui.prompter = prompter;
    await run('cln.useDemoData');
    await walk();
    await run('cln.signOut');
    await run('cln.signOut');
  });

  it('finds neither the secret key nor a token anywhere', async () => {
    const output = await waitForOutput((line) => /token=<redacted>/.test(line), 'a request line');
    capture.add('output channel (the file VS Code writes for it)', output.join('\n'));
    capture.add('notices, prompts and items shown', prompter.shown.join('\n'));
    capture.add('status bar', `${api.status.text}\n${api.status.tooltip}`);
    // View as JSON ran on every kind of row above: its documents and their URIs.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'cln-json'))
      capture.add(`JSON document ${document.uri.path}`, `${document.uri.toString()}\n${document.getText()}`);
    const config = vscode.workspace.getConfiguration('cln');
    for (const key of [manifest().contributes.configuration].flat().flatMap((section: { properties: Record<string, unknown> }) => Object.keys(section.properties))) {
      capture.add(`setting ${key}`, JSON.stringify(config.inspect(key.replace(/^cln\./, ''))));
    }
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    capture.add('settings.json', vscode.window.activeTextEditor?.document.getText());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    for (const file of filesUnder(exportDir)) capture.add(`exported ${path.basename(file)}`, fs.readFileSync(file, 'utf8'));
    const dataDir = userDataDirOfProcess();
    for (const file of dataDir ? filesUnder(dataDir) : []) {
      if (fs.statSync(file).size < 50_000_000) capture.add(`file ${path.relative(dataDir!, file)}`, fs.readFileSync(file).toString('latin1'));
    }

    // Every token the extension can have made during this test: one digest per second.
    const digests = new Set<string>();
    for (let t = started - 5; t <= Math.floor(Date.now() / 1000) + 5; t++)
      digests.add(
        createHash('sha1')
          .update(SECRET + t)
          .digest('hex'),
      );

    // The search itself finds what it looks for.
    const control = new Capture();
    control.add('control', `${SECRET} ${LOGIN}|${started}|${[...digests][5]} ?token=abc`);
    assert.strictEqual(control.leaks(digests).length, 4, 'the leak search missed a planted secret, token, digest or token= argument');

    const leaks = capture.leaks(digests);
    console.log(
      `      searched ${capture.texts.length} texts (${dataDir ? `user data at ${dataDir}` : 'user-data directory not found'}) after ${ran.length} command runs; ` +
        `${output.length} output lines, ${prompter.notices.length} notices`,
    );
    assert.ok(dataDir, 'could not find the user-data directory to search the files VS Code keeps for the extension');
    assert.deepStrictEqual(leaks, []);
  });
});
