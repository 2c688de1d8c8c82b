import { appendTo } from '../../cln/collections';
import * as vscode from 'vscode';
import { IMUNIFY_IP_TYPES, IP_LICENSE_TYPES, ipTypeName } from '../../cln/catalog';
import type { IpLicense } from '../../cln/types';
import type { AccountService } from '../../services/accountService';
import {
  callText,
  checkMoves,
  describeMove,
  licenseName,
  parseTransferRows,
  runMoves,
  stepsOf,
  stepText,
  summarizeMoves,
  type Checked,
  type Move,
  type MoveOutcome,
  type RowProblem,
} from './core/transfer';
import { requireAccount } from '../../ui/requireAccount';
import { runBulk } from '../../ui/bulk';
import { listNames } from '../../ui/describe';
import { askChecked } from '../../ui/inputs';
import { canonicalIp } from '../../cln/address';
import { checkIp } from '../../cln/validate';
import { confirmOrStop, showLogAction, stop, tell, type NoticeActions } from '../../ui/notify';
import { askYesNo } from '../../ui/pickers';
import { withProgress } from '../../ui/progress';
import { nodesOf, splitTargets } from '../../ui/targets';
import { ELS_QUESTION, isCloudLinuxType } from '../../ui/ipTypes';
import type { CommandContext } from '../../ui/registerCommand';

export interface TransferResult {
  dryRun: boolean;
  /** The calls, in order, as the log lists them (the user reads them as steps in words). */
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
    wanted = await askNewIps(
      context,
      matching.map((node) => node.license),
    );
  } else {
    const source = await context.ui.prompter.pick(
      [
        { label: `$(list-selection) ${vscode.l10n.t('Licenses of this account…')}`, description: vscode.l10n.t('pick them, then a new IP each'), source: 'pick' as const },
        { label: `$(clippy) ${vscode.l10n.t('Paste rows…')}`, description: vscode.l10n.t('old_ip,new_ip[,type] — one per line'), source: 'paste' as const },
        { label: `$(file) ${vscode.l10n.t('Read a CSV file…')}`, description: vscode.l10n.t('old_ip,new_ip[,type] rows'), source: 'file' as const },
      ],
      { title: vscode.l10n.t('Change License IP'), placeHolder: vscode.l10n.t('Which licenses move to a new IP') },
    );
    if (source.source === 'pick') {
      wanted = await askNewIps(context, await pickLicenses(context, account, () => true, vscode.l10n.t('Licenses to move')));
    } else {
      const text = source.source === 'paste' ? await askRows(context) : await readRowsFile(context);
      const parsed = parseTransferRows(text);
      problems = parsed.problems;
      if (parsed.rows.length === 0)
        throw stop(context, problems.length ? vscode.l10n.t('No row can be used, nothing was sent: {0}', problemText(problems[0])) : vscode.l10n.t('No rows were given; nothing was sent.'));
      wanted = parsed.rows.map((row) => ({ oldIp: row.oldIp, newIp: row.newIp, oldType: row.type, label: vscode.l10n.t('line {0} ({1} → {2})', row.line, row.oldIp, row.newIp) }));
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
    throw stop(
      context,
      vscode.l10n.t('Imunify licenses change product with Convert IP License (one call, nothing held twice); {0} was not changed.', licenseName(imunify[0].license.ip, imunify[0].license.type)),
    );
  }
  const licenses =
    matching.length > 0
      ? matching.filter((node) => convertible(node.license.type)).map((node) => node.license)
      : await pickLicenses(context, account, convertible, vscode.l10n.t('Licenses to change'));
  const notImunify = [...skipped, ...imunify.map((node) => vscode.l10n.t('{0} (Imunify: use Convert IP License)', licenseName(node.license.ip, node.license.type)))];
  const current = new Set(licenses.map((l) => l.type));
  const items = IP_LICENSE_TYPES.filter((t) => !isImunifyType(t.code) && !(current.size === 1 && current.has(t.code))).map((t) => ({
    label: t.name,
    description: vscode.l10n.t('type {0}', t.code),
    type: t.code,
  }));
  const { type: newType } = await context.ui.prompter.pick(items, {
    title: vscode.l10n.t('New license type'),
    placeHolder: licenses.length === 1 ? vscode.l10n.t('Replaces {0}', licenseName(licenses[0].ip, licenses[0].type)) : vscode.l10n.t('Replaces each of the {0} licenses', licenses.length),
  });
  const wanted = licenses.filter((l) => l.type !== newType).map((l) => ({ oldIp: l.ip, newIp: l.ip, oldType: l.type, newType }));
  if (wanted.length === 0) throw stop(context, vscode.l10n.t('The selected licenses are {0} already; nothing was sent.', ipTypeName(newType)));
  return transfer(context, account, 'cln.changeLicenseProduct', { verb: 'Changed', wanted, problems: [], skipped: notImunify });
}

type Wanted = Parameters<typeof checkMoves>[1][number];

function problemText(problem: RowProblem): string {
  return vscode.l10n.t('line {0} ({1}): {2}', problem.line, problem.text, problem.problem);
}

async function transfer(
  context: CommandContext,
  account: AccountService,
  command: string,
  input: { verb: string; wanted: Wanted[]; problems: RowProblem[]; skipped: string[] },
): Promise<TransferResult> {
  const checked: Checked = await withProgress(vscode.l10n.t('Checking the new licenses with CLN…'), (signal) => checkMoves(account, input.wanted, signal));
  const untouched = [
    ...input.problems.map((p) => vscode.l10n.t('{0} — not read', problemText(p))),
    ...checked.refused.map((r) => vscode.l10n.t('{0} — {1}', r.what, r.reason)),
    ...input.skipped.map((s) => vscode.l10n.t('{0} — not an IP license', s)),
  ];
  if (checked.moves.length === 0) {
    const first = untouched[0] ?? vscode.l10n.t('nothing to change');
    throw stop(
      context,
      untouched.length > 1 ? vscode.l10n.t('Nothing was sent: {0} (and {1} more; see the CLN output).', first, untouched.length - 1) : vscode.l10n.t('Nothing was sent: {0}.', first),
    );
  }
  const moves = await askEls(context, checked.moves);
  const calls = moves.flatMap((move) => stepsOf(move).map(callText));
  // What the user reads: the steps in words (the calls themselves go to the log).
  const steps = moves.flatMap((move) => stepsOf(move).map(stepText));
  const preview = [
    ...moves.map((move, i) => `${i + 1}. ${describeMove(move)}\n   ${stepsOf(move).map(callText).join('\n   ')}`),
    ...(untouched.length ? [vscode.l10n.t('Not sent:'), ...untouched.map((u) => `   ${u}`)] : []),
  ].join('\n');
  context.log.info(`${command}: the calls to send, in order (each removal only after its registration succeeds):\n${preview}`);
  const mode = await context.ui.prompter.pick(
    [
      { label: vscode.l10n.t('Preview, then change'), description: vscode.l10n.t('{0} steps, registrations before removals', steps.length), dry: false },
      { label: vscode.l10n.t('Dry run'), description: vscode.l10n.t('show the steps, send nothing'), dry: true },
    ],
    {
      title: vscode.l10n.t('Run or dry run'),
      placeHolder:
        command === 'cln.changeLicenseIp'
          ? moves.length === 1
            ? vscode.l10n.t('1 license to move')
            : vscode.l10n.t('{0} licenses to move', moves.length)
          : moves.length === 1
            ? vscode.l10n.t('1 license to change')
            : vscode.l10n.t('{0} licenses to change', moves.length),
    },
  );
  if (mode.dry) {
    const notSent = untouched.length ? vscode.l10n.t('; {0} not sent', untouched.length) : '';
    tell(
      context,
      'info',
      steps.length === 1
        ? vscode.l10n.t('Dry run: nothing was sent. The 1 step would be: {0}{1}.', listNames(steps, 4), notSent)
        : vscode.l10n.t('Dry run: nothing was sent. The {0} steps would be: {1}{2}.', steps.length, listNames(steps, 4), notSent),
      showLogAction(context),
    );
    return { dryRun: true, calls, outcomes: [], untouched };
  }
  await confirmOrStop(context, {
    message:
      command === 'cln.changeLicenseIp'
        ? moves.length === 1
          ? vscode.l10n.t('Move {0}?', describeMove(moves[0]))
          : vscode.l10n.t('Move {0} IP licenses?', moves.length)
        : moves.length === 1
          ? vscode.l10n.t('Change {0}?', describeMove(moves[0]))
          : vscode.l10n.t('Change {0} IP licenses?', moves.length),
    detail: vscode.l10n.t(
      'Each new license is registered first; the old one is removed only after that succeeds. In this order:\n{0}',
      [
        ...steps.slice(0, 12).map((step, i) => vscode.l10n.t('{0}. {1}', i + 1, step)),
        ...(steps.length > 12 ? [vscode.l10n.t('…and {0} more (see the CLN output)', steps.length - 12)] : []),
        ...(untouched.length ? [vscode.l10n.t('Not sent: {0}', listNames(untouched, 3))] : []),
      ].join('\n'),
    ),
    action: command === 'cln.changeLicenseIp' ? vscode.l10n.t('Move') : vscode.l10n.t('Change'),
  });
  const state = context.session.state;
  const journal = context.session.journal && state.kind !== 'signedOut' ? { journal: context.session.journal, login: state.login, ...journalTitles(command, moves), command } : undefined;
  const outcomes = await withProgress(
    moves.length === 1 ? vscode.l10n.t('{0}…', describeMove(moves[0])) : vscode.l10n.t('Changing {0} licenses…', moves.length),
    (signal, progress) =>
      runMoves(account, moves, { journal, signal: moves.length > 1 ? signal : undefined, onMove: (i, move) => progress(vscode.l10n.t('{0} of {1}: {2}', i + 1, moves.length, describeMove(move))) }),
    moves.length > 1,
  );
  report(context, command, input.verb, outcomes, checked, input.problems, input.skipped);
  return { dryRun: false, calls, outcomes, untouched };
}

/** The run's row in the Activity view, one verb each: as started ("Changing …"), and once both steps of every move are done ("Changed …"). */
function journalTitles(command: string, moves: readonly Move[]): { title: string; done: string } {
  const n = moves.length;
  const [move] = moves;
  if (command === 'cln.changeLicenseIp')
    return n === 1
      ? { title: vscode.l10n.t('Changing the IP license {0}', describeMove(move)), done: vscode.l10n.t('Changed the IP license {0}', describeMove(move)) }
      : { title: vscode.l10n.t('Changing the IP of {0} licenses', n), done: vscode.l10n.t('Changed the IP of {0} licenses', n) };
  return n === 1
    ? { title: vscode.l10n.t('Changing the license of {0}', describeMove(move)), done: vscode.l10n.t('Changed the license of {0}', describeMove(move)) }
    : { title: vscode.l10n.t('Changing the product of {0} licenses', n), done: vscode.l10n.t('Changed the product of {0} licenses', n) };
}

function report(context: CommandContext, command: string, verb: string, outcomes: MoveOutcome[], checked: Checked, problems: RowProblem[], skipped: string[]): void {
  const refused = [
    ...problems.map((p) => ({ what: vscode.l10n.t('line {0} ({1})', p.line, p.text), reason: p.problem })),
    ...checked.refused,
    ...skipped.map((s) => ({ what: s, reason: vscode.l10n.t('not an IP license') })),
  ];
  const summary = summarizeMoves(verb, outcomes, refused);
  context.log.info(`${command}: ${summary.log}`);
  const actions: NoticeActions = {};
  if (summary.finishing.length > 0) {
    const label =
      summary.finishing.length === 1
        ? vscode.l10n.t('Remove {0}', licenseName(summary.finishing[0].oldIp, summary.finishing[0].oldType))
        : vscode.l10n.t('Remove the {0} Old Licenses', summary.finishing.length);
    actions[label] = () => removeOld(context, summary.finishing);
  }
  if (outcomes.some((o) => o.kind === 'unknown')) actions[vscode.l10n.t('Refresh')] = () => vscode.commands.executeCommand('cln.refresh');
  if (summary.level !== 'info' || outcomes.length + refused.length > 1) Object.assign(actions, showLogAction(context));
  tell(context, summary.level, summary.message, actions);
}

/** The finishing step: remove the old licenses still held next to their replacements. */
function removeOld(context: CommandContext, moves: Move[]): Promise<unknown> {
  const account = requireAccount(context);
  return runBulk(context, {
    commandId: 'cln.removeIpLicense',
    verb: { base: vscode.l10n.t('remove {0}'), doing: vscode.l10n.t('Removing {0}'), done: vscode.l10n.t('Removed {0}') },
    noun: { one: vscode.l10n.t('IP license'), many: vscode.l10n.t('IP licenses'), count: (n) => (n === 1 ? vscode.l10n.t('1 IP license') : vscode.l10n.t('{0} IP licenses', n)) },
    items: moves,
    describe: (move) => licenseName(move.oldIp, move.oldType),
    planned: (move) => ({ action: 'ipl.remove', args: { ip: move.oldIp, type: move.oldType } }),
    run: async (move) =>
      (await account.change('ipl.remove', { ip: move.oldIp, type: move.oldType })) ? undefined : vscode.l10n.t('CLN found no such license owned by this account (it answered "false")'),
  }).catch((error) => tell(context, 'error', error instanceof Error ? error.message : String(error)));
}

/** CloudLinux types carry the CL6 (ELS) permission; CLN's list does not report it, so ask once. */
async function askEls(context: CommandContext, moves: Move[]): Promise<Move[]> {
  if (!moves.some((m) => isCloudLinuxType(m.newType))) return moves;
  const allowed = await askYesNo(context, {
    title: ELS_QUESTION(),
    placeHolder: vscode.l10n.t('For the new CloudLinux licenses (CLN does not report the old licenses’ setting): may these servers register CloudLinux OS 6 (ELS)?'),
    defaultValue: false,
    yesDetail: vscode.l10n.t('The new licenses may also be used by a CloudLinux OS 6 server.'),
  });
  return moves.map((m) => (isCloudLinuxType(m.newType) ? { ...m, elsAllowed: allowed } : m));
}

/** A new IP for each old IP among the licenses (all types of one IP move together). */
async function askNewIps(context: CommandContext, licenses: readonly IpLicense[]): Promise<Wanted[]> {
  const byIp = new Map<string, number[]>();
  for (const l of licenses) appendTo(byIp, l.ip, l.type);
  const wanted: Wanted[] = [];
  let n = 0;
  for (const [oldIp, types] of byIp) {
    n++;
    // The same address (in any spelling) is refused as it is typed: the box stays open for the right one.
    const newIp = await askChecked(
      context.ui.prompter,
      {
        title: byIp.size === 1 ? vscode.l10n.t('New IP address') : vscode.l10n.t('New IP address ({0} of {1})', n, byIp.size),
        prompt:
          types.length === 1
            ? vscode.l10n.t("The address {0}'s {1} license moves to", oldIp, ipTypeName(types[0]))
            : vscode.l10n.t("The address {0}'s {1} licenses move to", oldIp, types.map(ipTypeName).join(', ')),
        placeHolder: vscode.l10n.t('e.g. 203.0.113.7 or 2001:db8::7'),
      },
      (value) => checkIp(value) ?? (canonicalIp(value) === (canonicalIp(oldIp) ?? oldIp) ? vscode.l10n.t('{0} is the current IP of this license; enter the address it moves to.', value) : undefined),
    );
    for (const type of types) wanted.push({ oldIp, newIp, oldType: type });
  }
  return wanted;
}

async function pickLicenses(context: CommandContext, account: AccountService, applies: (type: number) => boolean, title: string): Promise<IpLicense[]> {
  const items = account.read('ipl.list', {}).then((licenses) => {
    const fitting = licenses.filter((l) => applies(l.type));
    if (fitting.length === 0) throw stop(context, vscode.l10n.t('This account has no IP license this command applies to.'));
    return fitting.map((license) => ({ label: license.ip, description: ipTypeName(license.type), license }));
  });
  const picked = await context.ui.prompter.pickMany(items, { title, placeHolder: vscode.l10n.t('One or more IP licenses of this account'), matchOnDescription: true });
  if (picked.length === 0) throw stop(context, vscode.l10n.t('No license was picked; nothing was sent.'));
  return picked.map((p) => p.license);
}

async function askRows(context: CommandContext): Promise<string> {
  return context.ui.prompter
    .input({
      title: vscode.l10n.t('Rows: old_ip,new_ip[,type]'),
      prompt: vscode.l10n.t('One move per row, rows separated by new lines or " | " — e.g. 203.0.113.14,198.51.100.9,KernelCare. Without a type, every license of the old IP moves.'),
      placeHolder: '203.0.113.14,198.51.100.9 | 203.0.113.15,198.51.100.10,16',
      validateInput: (text) => {
        const { rows, problems } = parseTransferRows(text.replace(/\s\|\s/g, '\n'));
        if (rows.length === 0) return problems.length ? problemText(problems[0]) : vscode.l10n.t('Enter at least one row: old_ip,new_ip[,type]');
        return problems.length
          ? {
              message:
                problems.length === 1
                  ? vscode.l10n.t('1 row will not be sent: {0}', problemText(problems[0]))
                  : vscode.l10n.t('{0} rows will not be sent: {1}', problems.length, problemText(problems[0])),
              severity: vscode.InputBoxValidationSeverity.Warning,
            }
          : undefined;
      },
    })
    .then((text) => text.replace(/\s\|\s/g, '\n'));
}

const MAX_FILE_BYTES = 1_000_000;

async function readRowsFile(context: CommandContext): Promise<string> {
  const uri = await context.ui.prompter.openFile({
    title: vscode.l10n.t('CSV of old_ip,new_ip[,type] rows'),
    openLabel: vscode.l10n.t('Read Rows'),
    filters: { [vscode.l10n.t('CSV or text')]: ['csv', 'txt'], [vscode.l10n.t('All files')]: ['*'] },
  });
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES) throw stop(context, vscode.l10n.t('{0} is {1} KB; a list of moves is at most 1 MB. Nothing was sent.', uri.fsPath, Math.round(stat.size / 1024)));
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}
