import * as vscode from 'vscode';
import { IMUNIFY_IP_TYPES, IP_LICENSE_TYPES, ipTypeName } from '../cln/catalog';
import type { IpLicense } from '../cln/types';
import type { AccountService } from '../services/account';
import {
  callText,
  checkMoves,
  describeMove,
  licenseName,
  parseTransferRows,
  runMoves,
  stepsOf,
  summarizeMoves,
  type Checked,
  type Move,
  type MoveOutcome,
  type RowProblem,
} from '../services/transfer';
import { requireAccount } from './common/account';
import { runBulk } from './common/bulk';
import { count, listNames } from './common/describe';
import { askIp } from './common/inputs';
import { confirmOrStop, showLogAction, stop, tell, type NoticeActions } from './common/notify';
import { askYesNo } from './common/pickers';
import { withProgress } from './common/progress';
import { nodesOf, splitTargets } from './common/targets';
import { ELS_QUESTION, isCloudLinuxType } from './ipTypes';
import type { CommandContext } from '../ui/registerCommand';

export interface TransferResult {
  dryRun: boolean;
  /** The calls the preview showed, in order. */
  calls: string[];
  outcomes: MoveOutcome[];
  /** Rows or licenses not sent, with the reason. */
  untouched: string[];
}

const isImunifyType = (type: number) => IMUNIFY_IP_TYPES.includes(type);

/**
 * Change License IP: register each license's type on the new IP, then remove
 * the old license. From license rows (one or many), or from the palette: the
 * account's licenses, a pasted list or a CSV file of `old_ip,new_ip[,type]`.
 */
export async function changeLicenseIp(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<TransferResult> {
  const account = requireAccount(context);
  const { matching, skipped } = splitTargets(nodesOf(clicked, selected), 'ipLicense');
  let wanted: Wanted[];
  let problems: RowProblem[] = [];
  if (matching.length > 0) {
    wanted = await askNewIps(context, matching.map((node) => node.license));
  } else {
    const source = await context.ui.prompter.pick(
      [
        { label: '$(list-selection) Licenses of this account…', description: 'pick them, then a new IP each', source: 'pick' as const },
        { label: '$(clippy) Paste rows…', description: 'old_ip,new_ip[,type] — one per line', source: 'paste' as const },
        { label: '$(file) Read a CSV file…', description: 'old_ip,new_ip[,type] rows', source: 'file' as const },
      ],
      { title: 'Change License IP', placeHolder: 'Which licenses move to a new IP' },
    );
    if (source.source === 'pick') {
      wanted = await askNewIps(context, await pickLicenses(context, account, () => true, 'Licenses to move'));
    } else {
      const text = source.source === 'paste' ? await askRows(context) : await readRowsFile(context);
      const parsed = parseTransferRows(text);
      problems = parsed.problems;
      if (parsed.rows.length === 0) throw stop(context, problems.length ? `No row can be used, nothing was sent: ${problemText(problems[0])}` : 'No rows were given; nothing was sent.');
      wanted = parsed.rows.map((row) => ({ oldIp: row.oldIp, newIp: row.newIp, oldType: row.type, label: `line ${row.line} (${row.oldIp} → ${row.newIp})` }));
    }
  }
  return transfer(context, account, 'cln.changeLicenseIp', { verb: 'Moved', wanted, problems, skipped });
}

/**
 * Change License Product: for IP license types ipl/convert.json cannot move
 * (KernelCare → KernelCare Plus, CloudLinux OS → CloudLinux OS Shared Pro):
 * register the new type on the same IP, then remove the old one.
 */
export async function changeLicenseProduct(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<TransferResult> {
  const account = requireAccount(context);
  const { matching, skipped } = splitTargets(nodesOf(clicked, selected), 'ipLicense');
  const convertible = (type: number) => !isImunifyType(type);
  const imunify = matching.filter((node) => isImunifyType(node.license.type));
  if (matching.length > 0 && imunify.length === matching.length) {
    throw stop(context, `Imunify licenses change product with Convert IP License (one call, nothing held twice); ${licenseName(imunify[0].license.ip, imunify[0].license.type)} was not changed.`);
  }
  const licenses = matching.length > 0 ? matching.filter((node) => convertible(node.license.type)).map((node) => node.license) : await pickLicenses(context, account, convertible, 'Licenses to change');
  const notImunify = [...skipped, ...imunify.map((node) => `${licenseName(node.license.ip, node.license.type)} (Imunify: use Convert IP License)`)];
  const current = new Set(licenses.map((l) => l.type));
  const items = IP_LICENSE_TYPES.filter((t) => !isImunifyType(t.code) && !(current.size === 1 && current.has(t.code))).map((t) => ({ label: t.name, description: `type ${t.code}`, type: t.code }));
  const { type: newType } = await context.ui.prompter.pick(items, {
    title: 'New license type',
    placeHolder: licenses.length === 1 ? `Replaces ${licenseName(licenses[0].ip, licenses[0].type)}` : `Replaces each of the ${licenses.length} licenses`,
  });
  const wanted = licenses.filter((l) => l.type !== newType).map((l) => ({ oldIp: l.ip, newIp: l.ip, oldType: l.type, newType }));
  if (wanted.length === 0) throw stop(context, `The selected licenses are ${ipTypeName(newType)} already; nothing was sent.`);
  return transfer(context, account, 'cln.changeLicenseProduct', { verb: 'Changed', wanted, problems: [], skipped: notImunify });
}

type Wanted = Parameters<typeof checkMoves>[1][number];

function problemText(problem: RowProblem): string {
  return `line ${problem.line} (${problem.text}): ${problem.problem}`;
}

async function transfer(context: CommandContext, account: AccountService, command: string, input: { verb: string; wanted: Wanted[]; problems: RowProblem[]; skipped: string[] }): Promise<TransferResult> {
  const checked: Checked = await withProgress('Checking the new licenses with CLN…', (signal) => checkMoves(account, input.wanted, signal));
  const untouched = [...input.problems.map((p) => `${problemText(p)} — not read`), ...checked.refused.map((r) => `${r.what} — ${r.reason}`), ...input.skipped.map((s) => `${s} — not an IP license`)];
  if (checked.moves.length === 0) {
    const first = untouched[0] ?? 'nothing to change';
    throw stop(context, `Nothing was sent: ${first}${untouched.length > 1 ? ` (and ${untouched.length - 1} more; see the CLN output)` : ''}.`);
  }
  const moves = await askEls(context, checked.moves);
  const calls = moves.flatMap((move) => stepsOf(move).map(callText));
  const preview = [
    ...moves.map((move, i) => `${i + 1}. ${describeMove(move)}\n   ${stepsOf(move).map(callText).join('\n   ')}`),
    ...(untouched.length ? ['Not sent:', ...untouched.map((u) => `   ${u}`)] : []),
  ].join('\n');
  context.log.info(`${command}: the calls to send, in order (each removal only after its registration succeeds):\n${preview}`);
  const mode = await context.ui.prompter.pick(
    [
      { label: 'Preview, then change', description: `${calls.length} calls, registrations before removals`, dry: false },
      { label: 'Dry run', description: 'show the calls, send nothing', dry: true },
    ],
    { title: 'Run or dry run', placeHolder: `${count(moves.length, 'license')} to ${command === 'cln.changeLicenseIp' ? 'move' : 'change'}` },
  );
  if (mode.dry) {
    tell(context, 'info', `Dry run: nothing was sent. ${count(calls.length, 'call')} would be sent: ${listNames(calls, 4)}${untouched.length ? `; ${untouched.length} not sent` : ''}.`, showLogAction(context));
    return { dryRun: true, calls, outcomes: [], untouched };
  }
  await confirmOrStop(context, {
    message: moves.length === 1 ? `${command === 'cln.changeLicenseIp' ? 'Move' : 'Change'} ${describeMove(moves[0])}?` : `${command === 'cln.changeLicenseIp' ? 'Move' : 'Change'} ${count(moves.length, 'IP license')}?`,
    detail: `Each new license is registered first; the old one is removed only after that succeeds. These calls are sent, in order:\n${calls.slice(0, 12).join('\n')}${calls.length > 12 ? `\n…and ${calls.length - 12} more (see the CLN output)` : ''}${untouched.length ? `\nNot sent: ${listNames(untouched, 3)}` : ''}`,
    action: command === 'cln.changeLicenseIp' ? 'Move' : 'Change',
  });
  const state = context.session.state;
  const journal = context.session.journal && state.kind !== 'signedOut' ? { journal: context.session.journal, login: state.login, title: `${command === 'cln.changeLicenseIp' ? 'Change License IP' : 'Change License Product'}: ${count(moves.length, 'license')}`, command } : undefined;
  const outcomes = await withProgress(
    moves.length === 1 ? `${describeMove(moves[0])}…` : `Changing ${count(moves.length, 'license')}…`,
    (signal, progress) => runMoves(account, moves, { journal, signal: moves.length > 1 ? signal : undefined, onMove: (i, move) => progress(`${i + 1} of ${moves.length}: ${describeMove(move)}`) }),
    moves.length > 1,
  );
  report(context, command, input.verb, outcomes, checked, input.problems, input.skipped);
  return { dryRun: false, calls, outcomes, untouched };
}

function report(context: CommandContext, command: string, verb: string, outcomes: MoveOutcome[], checked: Checked, problems: RowProblem[], skipped: string[]): void {
  const refused = [...problems.map((p) => ({ what: `line ${p.line} (${p.text})`, reason: p.problem })), ...checked.refused, ...skipped.map((s) => ({ what: s, reason: 'not an IP license' }))];
  const summary = summarizeMoves(verb, outcomes, refused);
  context.log.info(`${command}: ${summary.log}`);
  const actions: NoticeActions = {};
  if (summary.finishing.length > 0) {
    const label = summary.finishing.length === 1 ? `Remove ${licenseName(summary.finishing[0].oldIp, summary.finishing[0].oldType)}` : `Remove the ${summary.finishing.length} Old Licenses`;
    actions[label] = () => removeOld(context, summary.finishing);
  }
  if (outcomes.some((o) => o.kind === 'unknown')) actions['Refresh'] = () => vscode.commands.executeCommand('cln.refresh');
  if (summary.level !== 'info' || outcomes.length + refused.length > 1) Object.assign(actions, showLogAction(context));
  tell(context, summary.level, summary.message, actions);
}

/** The finishing step: remove the old licenses still held next to their replacements. */
function removeOld(context: CommandContext, moves: Move[]): Promise<unknown> {
  const account = requireAccount(context);
  return runBulk(context, {
    commandId: 'cln.removeIpLicense',
    verb: { base: 'remove', doing: 'Removing', done: 'Removed' },
    noun: { one: 'IP license', many: 'IP licenses' },
    items: moves,
    describe: (move) => licenseName(move.oldIp, move.oldType),
    planned: (move) => ({ action: 'ipl.remove', args: { ip: move.oldIp, type: move.oldType } }),
    run: async (move) => ((await account.change('ipl.remove', { ip: move.oldIp, type: move.oldType })) ? undefined : 'CLN found no such license owned by this account (it answered "false")'),
  }).catch((error) => tell(context, 'error', error instanceof Error ? error.message : String(error)));
}

/** CloudLinux types carry the CL6 (ELS) permission; CLN's list does not report it, so ask once. */
async function askEls(context: CommandContext, moves: Move[]): Promise<Move[]> {
  if (!moves.some((m) => isCloudLinuxType(m.newType))) return moves;
  const allowed = await askYesNo(context, {
    title: ELS_QUESTION,
    placeHolder: 'For the new CloudLinux licenses (CLN does not report the old licenses’ setting): may these servers register CloudLinux OS 6 (ELS)?',
    defaultValue: false,
    yesDetail: 'The new licenses may also be used by a CloudLinux OS 6 server.',
  });
  return moves.map((m) => (isCloudLinuxType(m.newType) ? { ...m, elsAllowed: allowed } : m));
}

/** A new IP for each old IP among the licenses (all types of one IP move together). */
async function askNewIps(context: CommandContext, licenses: readonly IpLicense[]): Promise<Wanted[]> {
  const byIp = new Map<string, number[]>();
  for (const l of licenses) byIp.set(l.ip, [...(byIp.get(l.ip) ?? []), l.type]);
  const wanted: Wanted[] = [];
  let n = 0;
  for (const [oldIp, types] of byIp) {
    n++;
    const newIp = await askIp(context.ui.prompter, {
      title: byIp.size === 1 ? 'New IP address' : `New IP address (${n} of ${byIp.size})`,
      prompt: `The address ${oldIp}'s ${types.map(ipTypeName).join(', ')} license${types.length === 1 ? '' : 's'} move${types.length === 1 ? 's' : ''} to`,
    });
    if (newIp === oldIp) throw stop(context, `${newIp} is the license's current IP; nothing was sent.`);
    for (const type of types) wanted.push({ oldIp, newIp, oldType: type });
  }
  return wanted;
}

async function pickLicenses(context: CommandContext, account: AccountService, applies: (type: number) => boolean, title: string): Promise<IpLicense[]> {
  const items = account.read('ipl.list', {}).then((licenses) => {
    const fitting = licenses.filter((l) => applies(l.type));
    if (fitting.length === 0) throw stop(context, 'This account has no IP license this command applies to.');
    return fitting.map((license) => ({ label: license.ip, description: ipTypeName(license.type), license }));
  });
  const picked = await context.ui.prompter.pickMany(items, { title, placeHolder: 'One or more IP licenses of this account', matchOnDescription: true });
  if (picked.length === 0) throw stop(context, 'No license was picked; nothing was sent.');
  return picked.map((p) => p.license);
}

async function askRows(context: CommandContext): Promise<string> {
  return context.ui.prompter.input({
    title: 'Rows: old_ip,new_ip[,type]',
    prompt: 'One move per row, rows separated by new lines or " | " — e.g. 203.0.113.14,198.51.100.9,KernelCare. Without a type, every license of the old IP moves.',
    placeHolder: '203.0.113.14,198.51.100.9 | 203.0.113.15,198.51.100.10,16',
    validateInput: (text) => {
      const { rows, problems } = parseTransferRows(text.replace(/\s\|\s/g, '\n'));
      if (rows.length === 0) return problems.length ? problemText(problems[0]) : 'Enter at least one row: old_ip,new_ip[,type]';
      return problems.length ? { message: `${count(problems.length, 'row')} will not be sent: ${problemText(problems[0])}`, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  }).then((text) => text.replace(/\s\|\s/g, '\n'));
}

const MAX_FILE_BYTES = 1_000_000;

async function readRowsFile(context: CommandContext): Promise<string> {
  const uri = await context.ui.prompter.openFile({ title: 'CSV of old_ip,new_ip[,type] rows', openLabel: 'Read Rows', filters: { 'CSV or text': ['csv', 'txt'], 'All files': ['*'] } });
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES) throw stop(context, `${uri.fsPath} is ${Math.round(stat.size / 1024)} KB; a list of moves is at most 1 MB. Nothing was sent.`);
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}
