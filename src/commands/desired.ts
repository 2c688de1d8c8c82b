/**
 * The account as a file: Export Account as File, Plan, Apply, Show Plan, and
 * Compare with Inventory. Bundled into dist/desired.js with the engine and
 * loaded on first use (src/desiredLoader.ts registers the ids).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { ipTypeName, IP_LICENSE_TYPES } from '../cln/catalog';
import { isDesiredFile, PlanDisplay, planUri } from '../ui/desiredFiles';
import * as engine from '../services/desired';
import type { Plan, PlannedChange } from '../services/desired';
import type { InventoryHost, Reconciliation } from '../services/desired/inventory';
import { requireAccount } from './common/account';
import type { BulkReport, runBulk } from './common/bulk';
import { count, listNames } from './common/describe';
import { confirmOrStop, stop, tell } from './common/notify';
import { withProgress } from './common/progress';
import type { CommandContext } from '../ui/registerCommand';

export interface PlanResult {
  uri: string;
  summary: string;
  changes: string[];
  problems: { severity: string; message: string; line: number }[];
}

export interface ApplyResult {
  report: BulkReport;
  stale: boolean;
  /** The plan after Apply: what is left. */
  after: PlanResult;
}

/**
 * What the lazily loaded commands take from the extension's own bundle: the
 * plan display, and runBulk itself — a copy bundled here would journal its
 * runs under its own AsyncLocalStorage, which AccountService.change (in the
 * main bundle) cannot see.
 */
export interface DesiredHost {
  files: PlanDisplay;
  runBulk: typeof runBulk;
}

/** The commands of desired-state files, by id. */
export const DESIRED_COMMANDS: Record<string, (context: CommandContext, host: DesiredHost, ...args: unknown[]) => Promise<unknown>> = {
  'cln.exportAccount': (c) => exportAccount(c),
  'cln.plan': (c, host, uri) => planCommand(c, host.files, uri),
  'cln.apply': (c, host, uri) => applyCommand(c, host, uri),
  'cln.showPlan': (c, _host, uri) => showPlan(c, uri),
  'cln.compareInventory': (c, _host, uri) => compareInventory(c, uri),
};

// ---- Export -----------------------------------------------------------------------------

type KeyChoice = QuickPickItem & { references: boolean };

async function exportAccount(context: CommandContext): Promise<{ uri: string; licenses: number; keys: number; keyReferences: boolean }> {
  const account = requireAccount(context);
  const choice = await context.ui.prompter.pick<KeyChoice>(
    [
      { label: '$(lock) Key references', description: 'recommended', detail: 'Names each key by "ref": a short SHA-256 of the key that Plan matches but that does not reveal it. Safe to keep in git.', references: true },
      { label: '$(key) Key strings', detail: 'Writes every KernelCare, Imunify and ELS key. Keys are credentials: anyone with the file can register servers with them.', references: false },
    ],
    { title: 'Keys in the exported file', placeHolder: 'KernelCare, Imunify and ELS keys are credentials. How should the file name them?' },
  );
  const snapshot = await withProgress('Reading the account to export…', (signal) => engine.readSnapshot(account, { signal }));
  const text = engine.exportAccount(snapshot, { keyReferences: choice.references });
  const document = await openUntitled(`cln-account-${slug(context.session.state.kind === 'signedOut' ? 'account' : context.session.state.login)}.cln.json`, text);
  const keys = snapshot.kcareKeys.length + snapshot.imunifyKeys.length + snapshot.elsKeys.length;
  const what = `${count(snapshot.ipLicenses.length, 'IP license')}, ${count(keys, 'key')} and ${count(snapshot.groups.length, 'server group')}`;
  if (choice.references) tell(context, 'info', `Exported ${what}, keys as references. Edit the file, then run CLN: Plan to see what would change.`);
  else tell(context, 'warning', `Exported ${what}. The file holds ${count(keys, 'key string')}: keys are credentials — keep the file out of shared or public places.`);
  return { uri: document.uri.toString(), licenses: snapshot.ipLicenses.length, keys, keyReferences: choice.references };
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40) || 'account';
}

/** A new untitled editor whose name (and Save As default) is `name` in the workspace folder. */
async function openUntitled(name: string, text: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const taken = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  let uri = vscode.Uri.from({ scheme: 'untitled', path: path.posix.join(folder.split(path.sep).join('/'), name) });
  for (let n = 2; taken.has(uri.toString()); n++) uri = uri.with({ path: uri.path.replace(/(-\d+)?\.cln\.json$/, `-${n}.cln.json`) });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

// ---- Plan ---------------------------------------------------------------------------------

async function documentFrom(context: CommandContext, arg: unknown): Promise<vscode.TextDocument> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const document = vscode.window.activeTextEditor?.document;
  if (document && (isDesiredFile(document) || document.languageId === 'json')) return document;
  throw stop(context, 'Open a desired-state file (*.cln.json) first, or create one with CLN: Export Account as File.');
}

function resultOf(document: vscode.TextDocument, plan: Plan): PlanResult {
  return {
    uri: document.uri.toString(),
    summary: plan.summary,
    changes: plan.changes.map((c) => `${c.op === 'create' ? '+' : c.op === 'update' ? '~' : '−'} ${c.title}`),
    problems: plan.problems.map((p) => ({ severity: p.severity, message: p.message, line: document.positionAt(p.offset).line + 1 })),
  };
}

async function planCommand(context: CommandContext, files: PlanDisplay, arg: unknown): Promise<PlanResult> {
  const account = requireAccount(context);
  const document = await documentFrom(context, arg);
  const name = path.posix.basename(document.uri.path);
  const { plan } = await withProgress(`Planning ${name}…`, (signal) => engine.planText(account, document.getText(), { signal }));
  files.show(document, plan);
  const errors = plan.problems.filter((p) => p.severity === 'error').length;
  const changes = plan.changes.length;
  const cannot = errors ? `; ${count(errors, 'entry', 'entries')} cannot be applied (see Problems)` : '';
  context.log.info(`cln.plan: ${name}: ${plan.summary}${cannot}\n${plan.changes.map((c) => `  ${c.op}: ${c.title}`).join('\n')}`);
  const message = changes === 0 ? `${name}: CLN matches the file (${plan.summary})${cannot}.` : `${name}: ${plan.summary} — ${count(changes, 'change')} would make CLN match the file${cannot}.`;
  tell(context, errors ? 'warning' : 'info', message, {
    'Show Plan': () => showPlan(context, document.uri),
    ...(changes ? { Apply: () => vscode.commands.executeCommand('cln.apply', document.uri) } : {}),
  });
  return resultOf(document, plan);
}

async function showPlan(context: CommandContext, arg: unknown): Promise<void> {
  const document = await documentFrom(context, arg);
  const view = await vscode.workspace.openTextDocument(planUri(document.uri));
  await vscode.window.showTextDocument(view, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}

// ---- Apply --------------------------------------------------------------------------------

async function applyCommand(context: CommandContext, { files, runBulk }: DesiredHost, arg: unknown): Promise<ApplyResult> {
  const account = requireAccount(context);
  const document = await documentFrom(context, arg);
  const name = path.posix.basename(document.uri.path);
  const previous = files.currentPlan(document);
  // Always from CLN afresh: a plan made from the cache, or minutes ago, may no longer hold.
  const { plan } = await withProgress(`Checking CLN before applying ${name}…`, (signal) => engine.planText(account, document.getText(), { force: true, signal }));
  files.show(document, plan);
  const errors = plan.problems.filter((p) => p.severity === 'error').length;
  const leftOut = errors ? `\n\n${count(errors, 'entry', 'entries')} cannot be applied and ${errors === 1 ? 'is' : 'are'} left out (see Problems).` : '';
  const diff = previous ? engine.diffPlans(previous.plan, plan) : { added: [], dropped: [] };
  const stale = diff.added.length + diff.dropped.length > 0;
  if (plan.changes.length === 0) {
    throw stop(context, stale ? `CLN changed since the plan was made and now matches ${name}: nothing to apply.` : `Nothing to apply: CLN already matches ${name}.`);
  }
  if (stale) {
    const lines = [...diff.added.map((c) => `now also: ${c.title}`), ...diff.dropped.map((c) => `no longer: ${c.title}`)];
    await confirmOrStop(context, {
      message: `CLN changed since the plan was made. The plan is now ${plan.summary} (was ${previous!.plan.summary}). Apply the new plan?`,
      detail: `${listLines(lines, 8)}\n\nThe new plan:\n${listLines(plan.changes.map(changeLine), 12)}${leftOut}`,
      action: 'Apply the New Plan',
    });
  } else {
    await confirmOrStop(context, {
      message: `Apply ${count(plan.changes.length, 'change')} to CLN (${plan.summary})?`,
      detail: `${listLines(plan.changes.map(changeLine), 15)}${leftOut}`,
      action: 'Apply',
    });
  }
  const version = document.version;
  const created: { section: 'kernelcare' | 'imunify' | 'els'; index: number; key: string }[] = [];
  const report = await runBulk<PlannedChange>(context, {
    commandId: 'cln.apply',
    verb: { base: 'apply', doing: 'Applying', done: 'Applied' },
    noun: { one: 'change', many: 'changes' },
    items: plan.changes,
    describe: (change) => change.title,
    planned: (change) => engine.plannedCall(change.change) ?? {},
    run: async (change) => {
      const outcome = await engine.applyChange(account, change.change);
      if (outcome.createdKey && change.entry) created.push({ ...change.entry, key: outcome.createdKey });
      return outcome.notice;
    },
  });
  if (created.length) await writeBackKeys(context, document, version, created);
  const after = await engine.planText(account, document.getText());
  files.show(document, after.plan);
  const left = after.plan.changes.length;
  context.log.info(`cln.apply: after applying, ${name} plans ${after.plan.summary}${left ? `:\n${after.plan.changes.map((c) => `  left: ${c.title}`).join('\n')}` : ' — CLN matches the file.'}`);
  if (left) tell(context, 'warning', `After Apply, ${count(left, 'change')} ${left === 1 ? 'is' : 'are'} still left for ${name} (${after.plan.summary}).`, { 'Show Plan': () => showPlan(context, document.uri) });
  return { report, stale, after: resultOf(document, after.plan) };
}

const changeLine = (c: PlannedChange) => `${c.op === 'create' ? '+' : c.op === 'update' ? '~' : '−'} ${c.title}`;

function listLines(lines: readonly string[], max: number): string {
  return lines.length <= max ? lines.join('\n') : `${lines.slice(0, max).join('\n')}\n… and ${lines.length - max} more`;
}

/** New keys go into their entries, so the next plan finds them in CLN instead of creating them again. */
async function writeBackKeys(context: CommandContext, document: vscode.TextDocument, version: number, created: { section: 'kernelcare' | 'imunify' | 'els'; index: number; key: string }[]): Promise<void> {
  if (document.isClosed || document.version !== version) {
    tell(context, 'warning', `${path.posix.basename(document.uri.path)} changed while applying, so the ${count(created.length, 'key')} Apply created ${created.length === 1 ? 'was' : 'were'} not written into it: add ${created.length === 1 ? 'it' : 'them'} (see the CLN Explorer tree) before planning again.`);
    return;
  }
  const text = engine.withCreatedKeys(document.getText(), created);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  await vscode.workspace.applyEdit(edit);
}

// ---- Compare with inventory --------------------------------------------------------------

type ColumnItem = QuickPickItem & { index: number | undefined };
type ListItem = QuickPickItem & { list: 'onlyInCln' | 'onlyInInventory' | 'wrongProduct' };
type EntryItem = QuickPickItem & { ip: string; present?: number; absent: number[] };

export interface CompareResult {
  format: string;
  onlyInCln: string[];
  onlyInInventory: string[];
  wrongProduct: string[];
  skipped: string[];
  /** The desired-state file made from the selection. */
  file?: string;
}

async function compareInventory(context: CommandContext, arg: unknown): Promise<CompareResult> {
  const account = requireAccount(context);
  const uri = arg instanceof vscode.Uri ? arg : await pickInventoryFile(context);
  const inventoryDoc = await vscode.workspace.openTextDocument(uri);
  const inv = engine.inventory;
  const text = inventoryDoc.getText();
  const format = inv.detectFormat(uri.path, text);
  let parsed: { hosts: InventoryHost[]; skipped: string[] };
  try {
    parsed =
      format === 'csv' ? inv.fromCsv(inv.readCsv(text), await askColumns(context, inv.readCsv(text).header, inv.guessMapping(inv.readCsv(text).header)))
      : format === 'ips' ? inv.fromIpList(text)
      : format === 'ansible-ini' ? inv.fromAnsibleIni(text)
      : inv.fromAnsibleYaml(text);
  } catch (error) {
    if (error instanceof Error && error.name === 'UserCancelledError') throw error;
    throw stop(context, `Could not read ${path.posix.basename(uri.path)} as ${FORMAT_NAMES[format]}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed.hosts.length === 0) throw stop(context, `${path.posix.basename(uri.path)} lists no IP addresses (read as ${FORMAT_NAMES[format]}${parsed.skipped.length ? `; skipped ${listNames(parsed.skipped, 3)}` : ''}).`);
  const licenses = await withProgress('Reading the IP licenses…', (signal) => account.read('ipl.list', {}, { signal }));
  const r = inv.reconcile(parsed.hosts, licenses);
  const result: CompareResult = {
    format,
    onlyInCln: r.onlyInCln.map((x) => x.ip),
    onlyInInventory: r.onlyInInventory.map((h) => h.ip),
    wrongProduct: r.wrongProduct.map((w) => w.host.ip),
    skipped: parsed.skipped,
  };
  logReconciliation(context, uri, r, parsed.skipped);
  const lists: ListItem[] = [
    { label: `$(credit-card) In CLN, not in the inventory (${r.onlyInCln.length})`, detail: 'Licenses you pay for on servers the inventory does not list.', list: 'onlyInCln' },
    { label: `$(server) In the inventory, not in CLN (${r.onlyInInventory.length})`, detail: 'Servers without a CLN IP license.', list: 'onlyInInventory' },
    { label: `$(warning) Wrong product (${r.wrongProduct.length})`, detail: 'Licensed, but not with the product the inventory expects.', list: 'wrongProduct' },
  ];
  const total = r.onlyInCln.length + r.onlyInInventory.length + r.wrongProduct.length;
  if (total === 0) {
    tell(context, 'info', `CLN matches ${path.posix.basename(uri.path)}: ${count(parsed.hosts.length, 'host')} compared${r.unknownProducts.length ? `; ${count(r.unknownProducts.length, 'unknown product')} (see the log)` : ''}.`);
    return result;
  }
  const chosen = await context.ui.prompter.pick(lists, { title: `CLN compared with ${path.posix.basename(uri.path)}`, placeHolder: 'Pick a list to review; the selection becomes a desired-state file to plan and apply' });
  const entries = await entryItems(context, chosen.list, r);
  if (entries.length === 0) throw stop(context, 'That list is empty.');
  const selected = await context.ui.prompter.pickMany(entries, { title: 'Entries for the desired-state file', placeHolder: 'Uncheck what should stay as it is', canPickMany: true });
  const desired = selected.flatMap((item) => [
    ...(item.present !== undefined ? [{ ip: item.ip, type: item.present }] : []),
    ...item.absent.map((type) => ({ ip: item.ip, type, state: 'absent' as const })),
  ]);
  const document = await openUntitled(`${slug(path.posix.basename(uri.path).replace(/\.[^.]*$/, ''))}-reconcile.cln.json`, inv.licensesFile(desired));
  result.file = document.uri.toString();
  tell(context, 'info', `Wrote ${count(desired.length, 'entry', 'entries')} for ${count(selected.length, 'IP')} to ${path.posix.basename(document.uri.path)}. Run CLN: Plan on it, then CLN: Apply.`, {
    Plan: () => vscode.commands.executeCommand('cln.plan', document.uri),
  });
  return result;
}

const FORMAT_NAMES: Record<string, string> = { csv: 'CSV', ips: 'a list of IPs', 'ansible-ini': 'an Ansible INI inventory', 'ansible-yaml': 'an Ansible YAML inventory' };

type FileItem = QuickPickItem & { uri?: vscode.Uri; how?: 'type' | 'browse' };

/** An open file, a typed path, or the file dialog. */
async function pickInventoryFile(context: CommandContext): Promise<vscode.Uri> {
  const open = vscode.workspace.textDocuments.filter((d) => (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') && !isDesiredFile(d) && !d.uri.path.endsWith('.git'));
  const items: FileItem[] = [
    ...open.map((d) => ({ label: `$(file) ${path.posix.basename(d.uri.path)}`, description: d.uri.scheme === 'file' ? vscode.workspace.asRelativePath(d.uri) : 'unsaved', uri: d.uri })),
    { label: '$(edit) Type a path…', how: 'type' as const },
    { label: '$(folder-opened) Choose a file…', how: 'browse' as const },
  ];
  const picked = await context.ui.prompter.pick(items, { title: 'Inventory to compare with CLN', placeHolder: 'A CSV, a list of IPs, or an Ansible hosts file (INI or YAML)' });
  if (picked.uri) return picked.uri;
  if (picked.how === 'type') {
    const typed = await context.ui.prompter.input({
      title: 'Inventory file',
      prompt: 'The path of a CSV, a list of IPs, or an Ansible hosts file',
      validateInput: (value) => (fs.existsSync(value.trim()) && fs.statSync(value.trim()).isFile() ? undefined : 'No file at this path.'),
    });
    return vscode.Uri.file(typed.trim());
  }
  const chosen = await vscode.window.showOpenDialog({ title: 'Inventory to compare with CLN', openLabel: 'Compare', canSelectMany: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  if (!chosen?.length) throw stop(context, 'No inventory file chosen.');
  return chosen[0];
}

async function askColumns(context: CommandContext, header: readonly string[], guess: { ip?: number; hostname?: number; product?: number }) {
  const columns = (preferred: number | undefined, optional: boolean): ColumnItem[] => {
    const items: ColumnItem[] = header.map((h, index) => ({ label: h || `Column ${index + 1}`, description: index === preferred ? 'best guess' : `column ${index + 1}`, index }));
    if (preferred !== undefined) items.unshift(...items.splice(preferred, 1));
    return optional ? [...items, { label: '(none)', description: 'the inventory has no such column', index: undefined }] : items;
  };
  const ip = (await context.ui.prompter.pick(columns(guess.ip, false), { title: 'CSV column: IP address', placeHolder: 'The column that holds each server\'s IP' })).index!;
  const hostname = (await context.ui.prompter.pick(columns(guess.hostname, true), { title: 'CSV column: hostname', placeHolder: 'Shown next to each IP (optional)' })).index;
  const product = (await context.ui.prompter.pick(columns(guess.product, true), { title: 'CSV column: expected product', placeHolder: 'A license type name (e.g. CloudLinux OS) or number (optional)' })).index;
  return { ip, hostname, product };
}

async function entryItems(context: CommandContext, list: ListItem['list'], r: Reconciliation): Promise<EntryItem[]> {
  if (list === 'onlyInCln') {
    return r.onlyInCln.map((x) => ({ label: x.ip, description: x.types.map(ipTypeName).join(', '), detail: 'will be removed from CLN', picked: true, ip: x.ip, absent: x.types }));
  }
  if (list === 'wrongProduct') {
    return r.wrongProduct.map((w) => ({
      label: w.host.ip,
      description: `${w.host.hostname ? `${w.host.hostname} · ` : ''}${w.actual.map(ipTypeName).join(', ')} → ${ipTypeName(w.expected)}`,
      picked: true,
      ip: w.host.ip,
      present: w.expected,
      absent: w.actual,
    }));
  }
  const needType = r.onlyInInventory.filter((h) => h.product === undefined || engine.inventory.productType(h.product) === undefined);
  const fallback = needType.length ? await pickType(context, needType.length) : undefined;
  return r.onlyInInventory.map((h) => {
    const type = (h.product !== undefined ? engine.inventory.productType(h.product) : undefined) ?? fallback!;
    return { label: h.ip, description: `${h.hostname ? `${h.hostname} · ` : ''}register as ${ipTypeName(type)}`, picked: true, ip: h.ip, present: type, absent: [] };
  });
}

async function pickType(context: CommandContext, hosts: number): Promise<number> {
  const items = IP_LICENSE_TYPES.map((t) => ({ label: t.name, description: `type ${t.code}`, type: t.code }));
  return (await context.ui.prompter.pick(items, { title: 'License type', placeHolder: `${count(hosts, 'host')} in the inventory name${hosts === 1 ? 's' : ''} no product: register ${hosts === 1 ? 'it' : 'them'} as` })).type;
}

function logReconciliation(context: CommandContext, uri: vscode.Uri, r: Reconciliation, skipped: string[]): void {
  const lines = [
    `cln.compareInventory: ${uri.path}`,
    `  In CLN, not in the inventory (${r.onlyInCln.length}):`,
    ...r.onlyInCln.map((x) => `    ${x.ip} — ${x.types.map(ipTypeName).join(', ')}`),
    `  In the inventory, not in CLN (${r.onlyInInventory.length}):`,
    ...r.onlyInInventory.map((h) => `    ${h.ip}${h.hostname ? ` (${h.hostname})` : ''}${h.product ? ` — expects ${h.product}` : ''}`),
    `  Wrong product (${r.wrongProduct.length}):`,
    ...r.wrongProduct.map((w) => `    ${w.host.ip}${w.host.hostname ? ` (${w.host.hostname})` : ''} — CLN: ${w.actual.map(ipTypeName).join(', ')}; inventory: ${ipTypeName(w.expected)}`),
    ...(r.unknownProducts.length ? [`  Products that name no license type (${r.unknownProducts.length}):`, ...r.unknownProducts.map((h) => `    ${h.ip}: "${h.product}"`)] : []),
    ...(r.duplicates.length ? [`  Listed more than once: ${r.duplicates.join(', ')}`] : []),
    ...(skipped.length ? [`  Skipped (${skipped.length}):`, ...skipped.map((s) => `    ${s}`)] : []),
  ];
  context.log.info(lines.join('\n'));
}

