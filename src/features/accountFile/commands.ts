/**
 * The account as a file: Export Account as File, Plan, Apply, Show Plan, and
 * Compare with Inventory, over the engine in `core/` (`index.ts` hands them to
 * the feature table).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { ipTypeName, IP_LICENSE_TYPES } from '../../cln/catalog';
import { isDesiredFile, PlanDisplay, planUri } from './filePattern';
import * as engine from './core';
import type { Plan, PlannedChange } from './core';
import type { InventoryHost, Reconciliation, ReviewItem, ReviewList } from './core/inventory';
import { requireAccount } from '../../ui/requireAccount';
import { runBulk, type BulkReport } from '../../ui/bulk';
import { listNames } from '../../ui/describe';
import { stop, tell } from '../../ui/notify';
import { UserCancelledError } from '../../ui/prompter';
import { withProgress } from '../../ui/progress';
import type { CommandContext } from '../../ui/registerCommand';
import { clnSetting } from '../../ui/settings';

export interface PlanResult {
  uri: string;
  summary: string;
  changes: string[];
  problems: { severity: string; message: string; line: number }[];
  /** Why a section's "prune": true removes nothing this time, one sentence each. */
  held: string[];
}

export interface ApplyResult {
  report: BulkReport;
  stale: boolean;
  /** The plan after Apply: what is left. */
  after: PlanResult;
}

/** The commands of desired-state files, by id; `files` shows plans in the editors (problems, CodeLens, the plan view). */
export const DESIRED_COMMANDS: Record<string, (context: CommandContext, files: PlanDisplay, ...args: unknown[]) => Promise<unknown>> = {
  'cln.exportAccount': (c) => exportAccount(c),
  'cln.plan': (c, files, uri) => planCommand(c, files, uri),
  'cln.apply': (c, files, uri) => applyCommand(c, files, uri),
  'cln.showPlan': (c, _files, uri) => showPlan(c, uri),
  'cln.compareInventory': (c, _files, uri) => compareInventory(c, uri),
};

// ---- Export -----------------------------------------------------------------------------

type KeyChoice = QuickPickItem & { references: boolean };

async function exportAccount(context: CommandContext): Promise<{ uri: string; licenses: number; keys: number; keyReferences: boolean }> {
  const account = requireAccount(context);
  const choice = await context.ui.prompter.pick<KeyChoice>(
    [
      {
        label: `$(lock) ${vscode.l10n.t('Key references')}`,
        description: vscode.l10n.t('recommended'),
        detail: vscode.l10n.t('Names each key by "ref": a short SHA-256 of the key that Plan matches but that does not reveal it. Safe to keep in git.'),
        references: true,
      },
      {
        label: `$(key) ${vscode.l10n.t('Key strings')}`,
        detail: vscode.l10n.t('Writes every KernelCare, Imunify, ELS and CloudLinux OS key. Keys are credentials: anyone with the file can register servers with them.'),
        references: false,
      },
    ],
    { title: vscode.l10n.t('Keys in the exported file'), placeHolder: vscode.l10n.t('KernelCare, Imunify and ELS keys are credentials. How should the file name them?') },
  );
  const snapshot = await withProgress(vscode.l10n.t('Reading the account to export…'), (signal) => engine.readSnapshot(account, { signal }));
  const text = engine.exportAccount(snapshot, { keyReferences: choice.references });
  const document = await openUntitled(`cln-account-${slug(context.session.state.kind === 'signedOut' ? 'account' : context.session.state.login)}.cln.json`, text);
  const keys = snapshot.kcareKeys.length + snapshot.imunifyKeys.length + snapshot.elsKeys.length + (snapshot.v2?.clKeys.length ?? 0);
  const what = vscode.l10n.t(
    '{0}, {1} and {2}',
    ipLicenses(snapshot.ipLicenses.length),
    keyCount(keys),
    snapshot.groups.length === 1 ? vscode.l10n.t('1 server group') : vscode.l10n.t('{0} server groups', snapshot.groups.length),
  );
  if (choice.references) tell(context, 'info', vscode.l10n.t('Exported {0}, keys as references. Edit the file, then run CLN: Plan to see what would change.', what));
  else
    tell(
      context,
      'warning',
      keys === 1
        ? vscode.l10n.t('Exported {0}. The file holds 1 key string: keys are credentials — keep the file out of shared or public places.', what)
        : vscode.l10n.t('Exported {0}. The file holds {1} key strings: keys are credentials — keep the file out of shared or public places.', what, keys),
    );
  if (snapshot.v2Unavailable)
    tell(
      context,
      'info',
      vscode.l10n.t(
        'The file has no "cloudlinux" or "addons" section: CLN did not answer API v2 for this account ({0}). Export again when it does to include CloudLinux OS keys and add-ons.',
        snapshot.v2Unavailable,
      ),
    );
  return { uri: document.uri.toString(), licenses: snapshot.ipLicenses.length, keys, keyReferences: choice.references };
}

const ipLicenses = (n: number) => (n === 1 ? vscode.l10n.t('1 IP license') : vscode.l10n.t('{0} IP licenses', n));
const keyCount = (n: number) => (n === 1 ? vscode.l10n.t('1 key') : vscode.l10n.t('{0} keys', n));
const changeCount = (n: number) => (n === 1 ? vscode.l10n.t('1 change') : vscode.l10n.t('{0} changes', n));
const entryCount = (n: number) => (n === 1 ? vscode.l10n.t('1 entry') : vscode.l10n.t('{0} entries', n));
const hostCount = (n: number) => (n === 1 ? vscode.l10n.t('1 host') : vscode.l10n.t('{0} hosts', n));

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
  throw stop(context, vscode.l10n.t('Open a desired-state file (*.cln.json) first, or create one with CLN: Export Account as File.'));
}

function resultOf(document: vscode.TextDocument, plan: Plan): PlanResult {
  return {
    uri: document.uri.toString(),
    summary: plan.summary,
    changes: plan.changes.map((c) => `${c.op === 'create' ? '+' : c.op === 'update' ? '~' : '−'} ${c.title}`),
    problems: plan.problems.map((p) => ({ severity: p.severity, message: p.message, line: document.positionAt(p.offset).line + 1 })),
    held: plan.held.map((h) => h.reason),
  };
}

async function planCommand(context: CommandContext, files: PlanDisplay, arg: unknown): Promise<PlanResult> {
  const account = requireAccount(context);
  const document = await documentFrom(context, arg);
  const name = path.posix.basename(document.uri.path);
  const { plan } = await withProgress(vscode.l10n.t('Planning {0}…', name), (signal) => engine.planText(account, document.getText(), { signal, prices: clnSetting('cleanup.prices') }));
  files.show(document, plan);
  const errors = plan.problems.filter((p) => p.severity === 'error').length;
  const changes = plan.changes.length;
  const cannot =
    (errors ? (errors === 1 ? vscode.l10n.t('; 1 entry cannot be applied (see Problems)') : vscode.l10n.t('; {0} entries cannot be applied (see Problems)', errors)) : '') +
    (plan.held.length ? vscode.l10n.t('; nothing unlisted is removed from {0} while it has errors', listNames(plan.held.map((h) => `"${h.section}"`))) : '');
  context.log.info(`cln.plan: ${name}: ${plan.summary}${cannot}\n${plan.changes.map((c) => `  ${c.op}: ${c.title}`).join('\n')}`);
  const message =
    changes === 0
      ? vscode.l10n.t('{0}: CLN matches the file ({1}){2}.', name, plan.summary, cannot)
      : changes === 1
        ? vscode.l10n.t('{0}: {1} — 1 change would make CLN match the file{2}.', name, plan.summary, cannot)
        : vscode.l10n.t('{0}: {1} — {2} changes would make CLN match the file{3}.', name, plan.summary, changes, cannot);
  tell(context, errors || plan.held.length ? 'warning' : 'info', message, {
    [vscode.l10n.t('Show Plan')]: () => showPlan(context, document.uri),
    ...(changes ? { [vscode.l10n.t('Apply')]: () => vscode.commands.executeCommand('cln.apply', document.uri) } : {}),
  });
  return resultOf(document, plan);
}

async function showPlan(context: CommandContext, arg: unknown): Promise<void> {
  const document = await documentFrom(context, arg);
  const view = await vscode.workspace.openTextDocument(planUri(document.uri));
  await vscode.window.showTextDocument(view, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}

// ---- Apply --------------------------------------------------------------------------------

async function applyCommand(context: CommandContext, files: PlanDisplay, arg: unknown): Promise<ApplyResult> {
  const account = requireAccount(context);
  const document = await documentFrom(context, arg);
  const name = path.posix.basename(document.uri.path);
  const previous = files.currentPlan(document);
  // Always from CLN afresh: a plan made from the cache, or minutes ago, may no longer hold.
  const { plan } = await withProgress(vscode.l10n.t('Checking CLN before applying {0}…', name), (signal) =>
    engine.planText(account, document.getText(), { force: true, signal, prices: clnSetting('cleanup.prices') }),
  );
  files.show(document, plan);
  const errors = plan.problems.filter((p) => p.severity === 'error').length;
  const leftOut = errors
    ? `\n\n${errors === 1 ? vscode.l10n.t('1 entry cannot be applied and is left out (see Problems).') : vscode.l10n.t('{0} entries cannot be applied and are left out (see Problems).', errors)}`
    : '';
  const diff = previous ? engine.diffPlans(previous.plan, plan) : { added: [], dropped: [] };
  const stale = diff.added.length + diff.dropped.length > 0;
  if (plan.changes.length === 0) {
    if (plan.held.length) {
      tell(context, 'warning', vscode.l10n.t('Nothing to apply from {0}. {1}', name, plan.held.map((h) => h.reason).join(' ')), {
        [vscode.l10n.t('Show Plan')]: () => showPlan(context, document.uri),
      });
      throw new UserCancelledError();
    }
    throw stop(context, stale ? vscode.l10n.t('CLN changed since the plan was made and now matches {0}: nothing to apply.', name) : vscode.l10n.t('Nothing to apply: CLN already matches {0}.', name));
  }
  await confirmApply(context, document, plan, stale ? { was: previous!.plan, diff } : undefined, leftOut);
  const version = document.version;
  const created: { section: 'kernelcare' | 'imunify' | 'els' | 'cloudlinux'; index: number; key: string }[] = [];
  const report = await runBulk<PlannedChange>(context, {
    commandId: 'cln.apply',
    verb: { base: vscode.l10n.t('apply {0}'), doing: vscode.l10n.t('Applying {0}'), done: vscode.l10n.t('Applied {0}') },
    noun: { one: vscode.l10n.t('change'), many: vscode.l10n.t('changes'), count: changeCount },
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
  if (left) {
    const message =
      left === 1
        ? vscode.l10n.t('After Apply, 1 change is still left for {0} ({1}).', name, after.plan.summary)
        : vscode.l10n.t('After Apply, {0} changes are still left for {1} ({2}).', left, name, after.plan.summary);
    tell(context, 'warning', message, { [vscode.l10n.t('Show Plan')]: () => showPlan(context, document.uri) });
  }
  return { report, stale, after: resultOf(document, after.plan) };
}

const changeLine = (c: PlannedChange) => `${c.op === 'create' ? '+' : c.op === 'update' ? '~' : '−'} ${c.title}`;

/** Lines of changes the Apply dialog lists; past them, "Show All" opens the plan, which lists every one. */
const DIALOG_LINES = 20;

/** `cln.cleanup.confirmThreshold` (a user setting, bounded): more removals than this are confirmed by typing their number, as the clean-up report does. */
const removalThreshold = (): number => clnSetting('cleanup.confirmThreshold');

/**
 * Apply's question before anything is sent: the number of removals first, then
 * every removal and every other change — in the dialog, or past its room in
 * the plan ("Show All" opens it and ends Apply with nothing sent). More
 * removals than `cln.cleanup.confirmThreshold` are confirmed by typing their
 * number, with the plan open beside the box. Sections whose prune is held back
 * are named. Anything but going ahead ends Apply with nothing sent.
 */
async function confirmApply(
  context: CommandContext,
  document: vscode.TextDocument,
  plan: Plan,
  stale: { was: Plan; diff: { added: PlannedChange[]; dropped: PlannedChange[] } } | undefined,
  leftOut: string,
): Promise<void> {
  const removals = plan.changes.filter((c) => c.op === 'remove');
  const others = plan.changes.filter((c) => c.op !== 'remove');
  const n = removals.length;
  const total = plan.changes.length;
  const held = plan.held.map((h) => h.reason);
  const staleText = stale ? vscode.l10n.t('CLN changed since the plan was made: the plan is now {0} (was {1}).', plan.summary, stale.was.summary) : '';

  if (n > removalThreshold()) {
    await showPlan(context, document.uri);
    await context.ui.prompter.input({
      title: stale ? staleText : vscode.l10n.t('Apply {0} changes to CLN ({1})', total, plan.summary),
      prompt:
        others.length === 0
          ? vscode.l10n.t('{0} removals from CLN, each listed in the plan beside. Removed licenses and keys must be registered or created again to come back. Type {0} to confirm.', n)
          : vscode.l10n.t(
              '{0} removals from CLN and {1} other changes, each listed in the plan beside. Removed licenses and keys must be registered or created again to come back. Type {0} to confirm.',
              n,
              others.length,
            ),
      placeHolder: String(n),
      validateInput: (value) => (value.trim() === String(n) ? undefined : vscode.l10n.t('Type {0} (the number of removals) to confirm.', n)),
    });
    return;
  }

  const head = n === 0 ? '' : n === 1 ? vscode.l10n.t('1 removal from CLN.') : vscode.l10n.t('{0} removals from CLN.', n);
  const question = stale
    ? n === 0
      ? vscode.l10n.t('CLN changed since the plan was made. The plan is now {0} (was {1}). Apply the new plan?', plan.summary, stale.was.summary)
      : vscode.l10n.t('{0} Apply the new plan?', staleText)
    : n === 0
      ? total === 1
        ? vscode.l10n.t('Apply 1 change to CLN ({0})?', plan.summary)
        : vscode.l10n.t('Apply {0} changes to CLN ({1})?', total, plan.summary)
      : total === 1
        ? vscode.l10n.t('Apply 1 change ({0})?', plan.summary)
        : vscode.l10n.t('Apply {0} changes ({1})?', total, plan.summary);

  // Removals first; past the dialog's room, the rest are in the plan.
  const shown = Math.min(total, DIALOG_LINES);
  const blocks: string[] = [];
  if (stale) {
    const lines = [...stale.diff.added.map((c) => vscode.l10n.t('now also: {0}', c.title)), ...stale.diff.dropped.map((c) => vscode.l10n.t('no longer: {0}', c.title))];
    blocks.push(listLines(lines, 8));
  }
  if (n) blocks.push([vscode.l10n.t('Removals ({0}):', n), ...removals.slice(0, shown).map(changeLine)].join('\n'));
  if (others.length && shown > n)
    blocks.push([n ? vscode.l10n.t('Other changes ({0}):', others.length) : vscode.l10n.t('Changes ({0}):', others.length), ...others.slice(0, shown - n).map(changeLine)].join('\n'));
  const hidden = total - shown;
  if (hidden > 0) blocks.push(vscode.l10n.t('… and {0} more: Show All opens the plan, which lists every change.', hidden));
  if (held.length) blocks.push(held.join('\n'));
  let showingAll = false;
  const ok = await context.ui.prompter.confirm({
    message: head ? `${head} ${question}` : question,
    detail: `${blocks.join('\n\n')}${leftOut}`,
    action: stale ? vscode.l10n.t('Apply the New Plan') : vscode.l10n.t('Apply'),
    ...(hidden > 0
      ? {
          also: {
            label: vscode.l10n.t('Show All'),
            run: () => {
              showingAll = true;
              return showPlan(context, document.uri);
            },
          },
        }
      : {}),
  });
  if (showingAll) {
    tell(context, 'info', vscode.l10n.t('Nothing applied yet: the plan lists all {0} changes. Run Apply again when you have read them.', total), {
      [vscode.l10n.t('Apply')]: () => vscode.commands.executeCommand('cln.apply', document.uri),
    });
  }
  if (!ok) throw new UserCancelledError();
}

function listLines(lines: readonly string[], max: number): string {
  return lines.length <= max ? lines.join('\n') : `${lines.slice(0, max).join('\n')}\n${vscode.l10n.t('… and {0} more', lines.length - max)}`;
}

/** New keys go into their entries, so the next plan finds them in CLN instead of creating them again. */
async function writeBackKeys(
  context: CommandContext,
  document: vscode.TextDocument,
  version: number,
  created: { section: 'kernelcare' | 'imunify' | 'els' | 'cloudlinux'; index: number; key: string }[],
): Promise<void> {
  if (document.isClosed || document.version !== version) {
    const file = path.posix.basename(document.uri.path);
    tell(
      context,
      'warning',
      created.length === 1
        ? vscode.l10n.t('{0} changed while applying, so the 1 key Apply created was not written into it: add it (see the CLN Explorer tree) before planning again.', file)
        : vscode.l10n.t('{0} changed while applying, so the {1} keys Apply created were not written into it: add them (see the CLN Explorer tree) before planning again.', file, created.length),
    );
    return;
  }
  const text = engine.withCreatedKeys(document.getText(), created);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  await vscode.workspace.applyEdit(edit);
}

// ---- Compare with inventory --------------------------------------------------------------

type ColumnItem = QuickPickItem & { index: number | undefined };
type ListItem = QuickPickItem & { list: ReviewList };

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
  const inv = engine.inventory;
  // A file too large to read is refused before an editor loads it.
  const tooLarge = uri.scheme === 'file' ? inv.inventorySizeProblem((await vscode.workspace.fs.stat(uri)).size) : undefined;
  if (tooLarge) throw stop(context, vscode.l10n.t('Could not read {0}: {1}', path.posix.basename(uri.path), tooLarge));
  const inventoryDoc = await vscode.workspace.openTextDocument(uri);
  const text = inventoryDoc.getText();
  try {
    inv.checkInventorySize(text);
  } catch (error) {
    throw stop(context, vscode.l10n.t('Could not read {0}: {1}', path.posix.basename(uri.path), error instanceof Error ? error.message : String(error)));
  }
  const format = inv.detectFormat(uri.path, text);
  let parsed: { hosts: InventoryHost[]; skipped: string[] };
  try {
    if (format === 'csv') {
      const table = inv.readCsv(text);
      parsed = inv.fromCsv(table, await askColumns(context, table.header, inv.guessMapping(table.header)));
    } else parsed = format === 'ips' ? inv.fromIpList(text) : format === 'ansible-ini' ? inv.fromAnsibleIni(text) : inv.fromAnsibleYaml(text);
  } catch (error) {
    if (error instanceof Error && error.name === 'UserCancelledError') throw error;
    throw stop(context, vscode.l10n.t('Could not read {0} as {1}: {2}', path.posix.basename(uri.path), FORMAT_NAMES()[format], error instanceof Error ? error.message : String(error)));
  }
  if (parsed.hosts.length === 0) {
    const file = path.posix.basename(uri.path);
    throw stop(
      context,
      parsed.skipped.length
        ? vscode.l10n.t('{0} lists no IP addresses (read as {1}; skipped {2}).', file, FORMAT_NAMES()[format], listNames(parsed.skipped, 3))
        : vscode.l10n.t('{0} lists no IP addresses (read as {1}).', file, FORMAT_NAMES()[format]),
    );
  }
  const licenses = await withProgress(vscode.l10n.t('Reading the IP licenses…'), (signal) => account.read('ipl.list', {}, { signal }));
  const r = inv.reconcile(parsed.hosts, licenses);
  const result: CompareResult = {
    format,
    onlyInCln: r.onlyInCln.map((x) => x.ip),
    onlyInInventory: r.onlyInInventory.map((h) => h.ip),
    wrongProduct: r.wrongProduct.map((w) => w.ip),
    skipped: parsed.skipped,
  };
  logReconciliation(context, uri, r, parsed.skipped);
  const lists: ListItem[] = [
    {
      label: `$(credit-card) ${vscode.l10n.t('In CLN, not in the inventory ({0})', r.onlyInCln.length)}`,
      detail: vscode.l10n.t('Licenses you pay for on servers the inventory does not list.'),
      list: 'onlyInCln',
    },
    { label: `$(server) ${vscode.l10n.t('In the inventory, not in CLN ({0})', r.onlyInInventory.length)}`, detail: vscode.l10n.t('Servers without a CLN IP license.'), list: 'onlyInInventory' },
    { label: `$(warning) ${vscode.l10n.t('Wrong product ({0})', r.wrongProduct.length)}`, detail: vscode.l10n.t('Licensed, but not with the product the inventory expects.'), list: 'wrongProduct' },
  ];
  const total = r.onlyInCln.length + r.onlyInInventory.length + r.wrongProduct.length;
  if (total === 0) {
    const unknown =
      r.unknownProducts.length === 0
        ? ''
        : r.unknownProducts.length === 1
          ? vscode.l10n.t('; 1 unknown product (see the log)')
          : vscode.l10n.t('; {0} unknown products (see the log)', r.unknownProducts.length);
    tell(context, 'info', vscode.l10n.t('CLN matches {0}: {1} compared{2}.', path.posix.basename(uri.path), hostCount(parsed.hosts.length), unknown));
    return result;
  }
  const chosen = await context.ui.prompter.pick(lists, {
    title: vscode.l10n.t('CLN compared with {0}', path.posix.basename(uri.path)),
    placeHolder: vscode.l10n.t('Pick a list to review; the selection becomes a desired-state file to plan and apply'),
  });
  const entries = await entryItems(context, chosen.list, r);
  if (entries.length === 0) throw stop(context, vscode.l10n.t('That list is empty.'));
  const removes = entries.some((item) => item.absent.length > 0);
  const selected = await context.ui.prompter.pickMany(entries, {
    title: vscode.l10n.t('Entries for the desired-state file'),
    placeHolder: removes ? vscode.l10n.t('Check what the file should change; nothing that removes a license is checked for you') : vscode.l10n.t('Uncheck what should stay as it is'),
    canPickMany: true,
  });
  if (selected.length === 0) throw stop(context, vscode.l10n.t('Nothing was checked, so no desired-state file was written.'));
  const desired = selected.flatMap((item) => [
    ...(item.present !== undefined ? [{ ip: item.ip, type: item.present }] : []),
    ...item.absent.map((type) => ({ ip: item.ip, type, state: 'absent' as const })),
  ]);
  const document = await openUntitled(`${slug(path.posix.basename(uri.path).replace(/\.[^.]*$/, ''))}-reconcile.cln.json`, inv.licensesFile(desired));
  result.file = document.uri.toString();
  const ips = selected.length === 1 ? vscode.l10n.t('1 IP') : vscode.l10n.t('{0} IPs', selected.length);
  tell(context, 'info', vscode.l10n.t('Wrote {0} for {1} to {2}. Run CLN: Plan on it, then CLN: Apply.', entryCount(desired.length), ips, path.posix.basename(document.uri.path)), {
    [vscode.l10n.t('Plan')]: () => vscode.commands.executeCommand('cln.plan', document.uri),
  });
  return result;
}

const FORMAT_NAMES = (): Record<string, string> => ({
  csv: 'CSV',
  ips: vscode.l10n.t('a list of IPs'),
  'ansible-ini': vscode.l10n.t('an Ansible INI inventory'),
  'ansible-yaml': vscode.l10n.t('an Ansible YAML inventory'),
});

type FileItem = QuickPickItem & { uri?: vscode.Uri; how?: 'type' | 'browse' };

/** An open file, a typed path, or the file dialog. */
async function pickInventoryFile(context: CommandContext): Promise<vscode.Uri> {
  const open = vscode.workspace.textDocuments.filter((d) => (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') && !isDesiredFile(d) && !d.uri.path.endsWith('.git'));
  const items: FileItem[] = [
    ...open.map((d) => ({ label: `$(file) ${path.posix.basename(d.uri.path)}`, description: d.uri.scheme === 'file' ? vscode.workspace.asRelativePath(d.uri) : vscode.l10n.t('unsaved'), uri: d.uri })),
    { label: `$(edit) ${vscode.l10n.t('Type a path…')}`, how: 'type' as const },
    { label: `$(folder-opened) ${vscode.l10n.t('Choose a file…')}`, how: 'browse' as const },
  ];
  const picked = await context.ui.prompter.pick(items, {
    title: vscode.l10n.t('Inventory to compare with CLN'),
    placeHolder: vscode.l10n.t('A CSV, a list of IPs, or an Ansible hosts file (INI or YAML)'),
  });
  if (picked.uri) return picked.uri;
  if (picked.how === 'type') {
    const typed = await context.ui.prompter.input({
      title: vscode.l10n.t('Inventory file'),
      prompt: vscode.l10n.t('The path of a CSV, a list of IPs, or an Ansible hosts file'),
      validateInput: (value) => (fs.existsSync(value.trim()) && fs.statSync(value.trim()).isFile() ? undefined : vscode.l10n.t('No file at this path.')),
    });
    return vscode.Uri.file(typed.trim());
  }
  const chosen = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Inventory to compare with CLN'),
    openLabel: vscode.l10n.t('Compare'),
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  if (!chosen?.length) throw stop(context, vscode.l10n.t('No inventory file chosen.'));
  return chosen[0];
}

async function askColumns(context: CommandContext, header: readonly string[], guess: { ip?: number; hostname?: number; product?: number }) {
  const columns = (preferred: number | undefined, optional: boolean): ColumnItem[] => {
    const items: ColumnItem[] = header.map((h, index) => ({
      label: h || vscode.l10n.t('Column {0}', index + 1),
      description: index === preferred ? vscode.l10n.t('best guess') : vscode.l10n.t('column {0}', index + 1),
      index,
    }));
    if (preferred !== undefined) items.unshift(...items.splice(preferred, 1));
    return optional ? [...items, { label: vscode.l10n.t('(none)'), description: vscode.l10n.t('the inventory has no such column'), index: undefined }] : items;
  };
  const ip = (await context.ui.prompter.pick(columns(guess.ip, false), { title: vscode.l10n.t('CSV column: IP address'), placeHolder: vscode.l10n.t("The column that holds each server's IP") }))
    .index!;
  const hostname = (await context.ui.prompter.pick(columns(guess.hostname, true), { title: vscode.l10n.t('CSV column: hostname'), placeHolder: vscode.l10n.t('Shown next to each IP (optional)') }))
    .index;
  const product = (
    await context.ui.prompter.pick(columns(guess.product, true), {
      title: vscode.l10n.t('CSV column: expected product'),
      placeHolder: vscode.l10n.t('A license type name (e.g. CloudLinux OS) or number (optional)'),
    })
  ).index;
  return { ip, hostname, product };
}

/** The list's entries as engine.inventory.reviewItems words them (nothing that removes starts checked), after asking a type for hosts that name none. */
async function entryItems(context: CommandContext, list: ReviewList, r: Reconciliation): Promise<ReviewItem[]> {
  const needType = list === 'onlyInInventory' ? engine.inventory.hostsWithoutType(r) : [];
  const fallback = needType.length ? await pickType(context, needType.length) : undefined;
  return engine.inventory.reviewItems(list, r, fallback);
}

async function pickType(context: CommandContext, hosts: number): Promise<number> {
  const items = IP_LICENSE_TYPES.map((t) => ({ label: t.name, description: vscode.l10n.t('type {0}', t.code), type: t.code }));
  const placeHolder = hosts === 1 ? vscode.l10n.t('1 host in the inventory names no product: register it as') : vscode.l10n.t('{0} hosts in the inventory name no product: register them as', hosts);
  return (await context.ui.prompter.pick(items, { title: vscode.l10n.t('License type'), placeHolder })).type;
}

function logReconciliation(context: CommandContext, uri: vscode.Uri, r: Reconciliation, skipped: string[]): void {
  const lines = [
    `cln.compareInventory: ${uri.path}`,
    `  In CLN, not in the inventory (${r.onlyInCln.length}):`,
    ...r.onlyInCln.map((x) => `    ${x.ip} — ${x.types.map(ipTypeName).join(', ')}`),
    `  In the inventory, not in CLN (${r.onlyInInventory.length}):`,
    ...r.onlyInInventory.map((h) => `    ${h.ip}${h.hostname ? ` (${h.hostname})` : ''}${h.product ? ` — expects ${h.product}` : ''}`),
    `  Wrong product (${r.wrongProduct.length}):`,
    ...r.wrongProduct.map((w) => `    ${w.ip}${w.host.hostname ? ` (${w.host.hostname})` : ''} — CLN: ${w.actual.map(ipTypeName).join(', ')}; inventory: ${ipTypeName(w.expected)}`),
    ...(r.unknownProducts.length ? [`  Products that name no license type (${r.unknownProducts.length}):`, ...r.unknownProducts.map((h) => `    ${h.ip}: "${h.product}"`)] : []),
    ...(r.duplicates.length ? [`  Listed more than once: ${r.duplicates.join(', ')}`] : []),
    ...(skipped.length ? [`  Skipped (${skipped.length}):`, ...skipped.map((s) => `    ${s}`)] : []),
  ];
  context.log.info(lines.join('\n'));
}
