// Shared helpers for extension-host tests of the views, the session and the status bar:
// the extension's API, a simulator the extension talks to, signing in through the real
// Sign In command, and finding tree nodes by label as a user would.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/features/testApi';
import type { ExplorerTree } from '../../src/features/tree/explorerTree';
import type { TreeNode } from '../../src/explorer/nodes';
import { Simulator, SimulatorOptions, startSimulator } from '../../src/sim';
import { Answer, ScriptedPrompter } from './scriptedPrompter';

export const EXTENSION_ID = 'cln-explorer.cln-explorer';

export async function getApi(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

/** A simulator on loopback; close it in `after`. */
export function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator(options);
}

const cln = () => vscode.workspace.getConfiguration('cln');

/** Sets (or with `undefined` resets) a cln.* user setting. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await cln().update(key, value, vscode.ConfigurationTarget.Global);
}

/** Installs a ScriptedPrompter with these answers and returns it. */
export async function script(answers: Answer[], noticeReplies?: Record<string, string>): Promise<ScriptedPrompter> {
  const prompter = new ScriptedPrompter(answers, noticeReplies);
  (await getApi()).ui.prompter = prompter;
  return prompter;
}

/** Points the extension at `sim` and signs in through `cln.signIn`, answering its questions. */
export async function signInTo(sim: Simulator, credentials = sim.credentials): Promise<ScriptedPrompter> {
  await setSetting('apiUrl', sim.url);
  const prompter = await script([{ input: credentials.login }, { input: credentials.secretKey }]);
  await vscode.commands.executeCommand('cln.signIn');
  return prompter;
}

/** Signs out (forgetting stored credentials) and resets the settings tests change. */
export async function signOutAndReset(): Promise<void> {
  const api = await getApi();
  await api.session.signOutAll();
  for (const key of ['apiUrl', 'accounts', 'pageSize', 'staleCheckinDays', 'statusRefreshInterval', 'requestTimeout']) await setSetting(key, undefined);
}

/**
 * Shows the file Explorer in the side bar instead of CLN's container. A visible tree is loaded by
 * the workbench itself (it re-expands what an earlier suite revealed, after every refresh), and
 * those requests would land in a suite's request counts at a moment no test controls. Hidden, the
 * workbench only queues the refreshes; a test that needs the view visible shows it itself.
 */
export async function hideClnViews(): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.explorer');
}

/** A new simulator the extension is signed in to (from a signed-out start), for a suite's `before`. */
export async function signedInToNewSim(options: SimulatorOptions = {}): Promise<Simulator> {
  await hideClnViews();
  const sim = await startSim(options);
  await signOutAndReset();
  await signInTo(sim);
  return sim;
}

/** The `after` of signedInToNewSim: signs out, resets the settings and closes the simulator. */
export async function leaveSim(sim: Simulator | undefined): Promise<void> {
  await signOutAndReset();
  await sim?.close();
}

export type TreeName = 'licenses' | 'groups' | 'allServers';

export async function tree(name: TreeName = 'licenses'): Promise<ExplorerTree> {
  return (await getApi())[name] as ExplorerTree;
}

/** The children of `parent` (the top level when undefined), loading them as the view would. */
export async function childrenOf(parent?: TreeNode, name: TreeName = 'licenses'): Promise<TreeNode[]> {
  return ((await (await tree(name)).getChildren(parent)) ?? []) as TreeNode[];
}

export async function itemOf(node: TreeNode, name: TreeName = 'licenses'): Promise<vscode.TreeItem> {
  return (await tree(name)).getTreeItem(node) as vscode.TreeItem;
}

export function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** A tooltip's text without Markdown escapes. */
export function tooltipOf(item: vscode.TreeItem): string {
  const tooltip = item.tooltip;
  const text = typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  return text.replace(/\\(.)/g, '$1');
}

/** The child of `parent` whose label is (or matches) `label`; fails listing what is there. */
export async function findChild(label: string | RegExp, parent?: TreeNode, name: TreeName = 'licenses'): Promise<TreeNode> {
  const children = await childrenOf(parent, name);
  const labels: string[] = [];
  for (const child of children) {
    const text = labelOf(await itemOf(child, name));
    labels.push(text);
    if (typeof label === 'string' ? text === label : label.test(text)) return child;
  }
  assert.fail(`no child ${label} under ${parent ? parent.kind : 'the top level'}; there are: ${labels.slice(0, 30).join(' | ')}`);
}

/** The key row for `key` under `parent` (rows are labelled by note or product, so keys are found by their data). */
export async function findKey(key: string, parent?: TreeNode, name: TreeName = 'licenses'): Promise<TreeNode> {
  const children = await childrenOf(parent, name);
  const found = children.find((child) => 'key' in child && typeof child.key === 'object' && child.key.key === key);
  return found ?? assert.fail(`no key ${key} under ${parent ? parent.kind : 'the top level'}; there are ${children.length} rows`);
}

/** Labels of the children of `parent`. */
export async function childLabels(parent?: TreeNode, name: TreeName = 'licenses'): Promise<string[]> {
  const children = await childrenOf(parent, name);
  return Promise.all(children.map(async (child) => labelOf(await itemOf(child, name))));
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The files behind the CLN output channel. VS Code's extension host writes every output channel
 * to a file (logs/…/exthostN/output_logging_…/N-CLN.log) and keeps it open, so this process's open
 * files name it (/proc, as the security suite already relies on).
 */
export function outputChannelFiles(): string[] {
  const fdDir = '/proc/self/fd';
  const files = new Set<string>();
  for (const fd of fs.readdirSync(fdDir)) {
    try {
      const target = fs.readlinkSync(path.join(fdDir, fd));
      if (/[\\/]output_logging_[^\\/]+[\\/]\d+-CLN\.log$/.test(target)) files.add(target);
    } catch {
      /* closed meanwhile */
    }
  }
  return [...files];
}

/** Every line the CLN output channel holds, as a user sees it in the Output view. */
export function outputLines(): string[] {
  const files = outputChannelFiles();
  assert.ok(files.length > 0, 'cannot find the file VS Code writes for the CLN output channel');
  return files.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n')).filter((line) => line !== '');
}

/** Waits until the output channel has a line that passes `test` (VS Code writes it asynchronously); returns all lines. */
export async function waitForOutput(test: (line: string) => boolean, what: string, timeoutMs = 5000): Promise<string[]> {
  await waitFor(() => outputLines().some(test), `${what} in the CLN output channel`, timeoutMs);
  return outputLines();
}

/**
 * What the extension posts to a webview, seen where the page receives it: the webview's own
 * postMessage, wrapped so that every message still reaches the page.
 */
export function watchPosts<T = unknown>(webview: vscode.Webview): T[] {
  const seen: T[] = [];
  const post = webview.postMessage.bind(webview);
  webview.postMessage = (message: T) => {
    seen.push(message);
    return post(message);
  };
  return seen;
}

export type { Answer };

/** The user-data directory of this VS Code: from the command lines of this process and its ancestors (Linux). */
export function userDataDirOfProcess(): string | undefined {
  const fromArgs = (args: string[]) => {
    const at = args.indexOf('--user-data-dir');
    return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--user-data-dir='))?.split('=')[1];
  };
  let pid = process.pid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    try {
      const found = fromArgs(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
      if (found) return found;
      pid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Every file below `dir` (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}
