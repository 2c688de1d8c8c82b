/**
 * Two-step license changes CLN has no single call for: moving an IP license to
 * a new IP (Change License IP) and swapping an IP license for another type on
 * the same IP (Change License Product). Always register the new license first
 * and remove the old one only after that registration is known done, so a
 * failure never leaves the server without a license. No `vscode` here: row
 * parsing, checking the new IP, the call list, running and classifying.
 */
import * as l10n from '@vscode/l10n';
import { IP_LICENSE_TYPES, ipTypeName } from '../../../cln/catalog';
import { endpointOf } from '../../../cln/endpoints';
import { isClnError } from '../../../cln/errors';
import { checkIp } from '../../../cln/validate';
import { outcomeOfError, type AccountService } from '../../../services/accountService';
import { withChangeContext, type Journal, type PlannedItem } from '../../../services/journal';

/** One license to move: the old IP and type, the new IP and type. */
export interface Move {
  oldIp: string;
  oldType: number;
  newIp: string;
  newType: number;
  /** CloudLinux types: whether the new license allows CL6 (ELS) registration. */
  elsAllowed?: boolean;
}

/** A row of a pasted list or CSV: `old_ip,new_ip[,type]`; without a type, every license of the old IP moves. */
export interface TransferRow {
  line: number;
  oldIp: string;
  newIp: string;
  type?: number;
}

export interface RowProblem {
  line: number;
  text: string;
  problem: string;
}

/** An IP license type by code ("16") or by catalog name ("KernelCare Plus"), any case. */
export function parseIpType(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value) > 0 ? Number(value) : undefined;
  return IP_LICENSE_TYPES.find((t) => t.name.toLowerCase() === value.toLowerCase())?.code;
}

/** Cells of one line: split on commas, semicolons or tabs when there are any, else on spaces; simple "quotes" removed. */
function cellsOf(line: string): string[] {
  const unquote = (cell: string) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/""/g, '"')
      .trim();
  if (/[,;\t]/.test(line)) return line.split(/[,;\t]/).map(unquote);
  const words = line.trim().split(/\s+/);
  return words.length > 2 ? [words[0], words[1], words.slice(2).join(' ')].map(unquote) : words.map(unquote);
}

/**
 * Parses `old_ip,new_ip[,type]` rows. Blank lines and `#` comments are skipped,
 * and so is a header line (`old_ip,new_ip,type`). Every other line is a row or
 * a problem naming its line; nothing is guessed.
 */
export function parseTransferRows(text: string): { rows: TransferRow[]; problems: RowProblem[] } {
  const rows: TransferRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  /** Old IPs some row already moves (any type): a Set, so each row is checked in constant time. */
  const movedIps = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((raw, i): void => {
    const line = i + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;
    const cells = cellsOf(content);
    while (cells.length > 2 && cells[cells.length - 1] === '') cells.pop();
    if (rows.length === 0 && problems.length === 0 && checkIp(cells[0]) && /ip/i.test(cells[0])) return; // header
    const problem = (message: string): void => void problems.push({ line, text: content, problem: message });
    if (cells.length < 2 || cells.length > 3)
      return problem(cells.length === 1 ? l10n.t('expected old_ip,new_ip[,type], found 1 value') : l10n.t('expected old_ip,new_ip[,type], found {0} values', cells.length));
    const [oldIp, newIp, typeText] = cells;
    const bad = checkIp(oldIp) ?? checkIp(newIp);
    if (bad) return problem(bad);
    if (oldIp === newIp) return problem(l10n.t('the old and new IP are the same ({0})', oldIp));
    let type: number | undefined;
    if (typeText !== undefined && typeText !== '') {
      type = parseIpType(typeText);
      if (type === undefined) return problem(l10n.t('"{0}" is not an IP license type (a number such as 16, or a name such as KernelCare)', typeText));
    }
    const id = `${oldIp}|${type ?? '*'}`;
    if (seen.has(id) || seen.has(`${oldIp}|*`) || (type === undefined && movedIps.has(oldIp))) {
      return problem(type === undefined ? l10n.t('{0} is already moved by an earlier line', oldIp) : l10n.t('{0} ({1}) is already moved by an earlier line', oldIp, ipTypeName(type)));
    }
    seen.add(id);
    movedIps.add(oldIp);
    rows.push({ line, oldIp, newIp, type });
  });
  return { rows, problems };
}

export const licenseName = (ip: string, type: number) => `${ip} (${ipTypeName(type)})`;

/** "203.0.113.14 (KernelCare) → 198.51.100.9" or "203.0.113.14: KernelCare → KernelCare Plus". */
export function describeMove(move: Move): string {
  return move.oldIp === move.newIp ? `${move.oldIp}: ${ipTypeName(move.oldType)} → ${ipTypeName(move.newType)}` : `${licenseName(move.oldIp, move.oldType)} → ${move.newIp}`;
}

export interface Step {
  action: 'ipl.register' | 'ipl.remove';
  args: { ip: string; type: number; els_allowed?: boolean };
  /** What the journal calls its target. */
  target: string;
}

/** The two calls of a move, in the order they are sent: register the new license, then remove the old one. */
export function stepsOf(move: Move): [Step, Step] {
  return [
    {
      action: 'ipl.register',
      args: { ip: move.newIp, type: move.newType, ...(move.elsAllowed === undefined ? {} : { els_allowed: move.elsAllowed }) },
      target: l10n.t('IP license {0}, in place of {1}', licenseName(move.newIp, move.newType), licenseName(move.oldIp, move.oldType)),
    },
    {
      action: 'ipl.remove',
      args: { ip: move.oldIp, type: move.oldType },
      target: l10n.t('IP license {0}, replaced by {1}', licenseName(move.oldIp, move.oldType), licenseName(move.newIp, move.newType)),
    },
  ];
}

/** A call exactly as it will be sent (without the token): "GET /ipl/register.json?ip=198.51.100.9&type=16". */
export function callText(step: Step): string {
  const endpoint = endpointOf(step.action);
  const query = Object.entries(step.args).map(([name, value]) => `${name}=${typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value)}`);
  return `${endpoint.method} ${endpoint.path}?${query.join('&')}`;
}

/**
 * A step in words, as the confirmation and the dry run say it: "Register 198.51.100.9 as KernelCare",
 * "Remove the KernelCare license of 203.0.113.14". The call itself (callText) goes to the log only.
 */
export function stepText(step: Step): string {
  const { ip, type, els_allowed } = step.args;
  if (step.action === 'ipl.remove') return l10n.t('Remove the {0} license of {1}', ipTypeName(type), ip);
  if (els_allowed === true) return l10n.t('Register {0} as {1}, allowing CloudLinux OS 6 (ELS)', ip, ipTypeName(type));
  return l10n.t('Register {0} as {1}', ip, ipTypeName(type));
}

/** The journal's plan of a run: two items per move, the removal `after` its registration. */
export function plannedItems(moves: readonly Move[]): PlannedItem[] {
  return moves.flatMap((move, i) => {
    const [register, remove] = stepsOf(move);
    return [
      { target: register.target, action: register.action, args: register.args },
      { target: remove.target, action: remove.action, args: remove.args, after: 2 * i },
    ];
  });
}

/** A move that will not be sent, and why. */
export interface Refusal {
  what: string;
  reason: string;
}

export interface Checked {
  moves: Move[];
  refused: Refusal[];
}

/**
 * Turns rows into moves against what CLN says now: the old license must be in
 * this account (ipl.list, re-read), and the new type available for the new IP
 * (ipl.availability; ipl.check names who holds what). Reads only.
 */
export async function checkMoves(
  account: AccountService,
  wanted: readonly { oldIp: string; newIp: string; oldType?: number; newType?: number; label?: string }[],
  signal?: AbortSignal,
): Promise<Checked> {
  const licenses = await account.read('ipl.list', {}, { force: true, signal });
  const moves: Move[] = [];
  const refused: Refusal[] = [];
  for (const row of wanted) {
    const held = licenses.filter((l) => l.ip === row.oldIp && (row.oldType === undefined || l.type === row.oldType)).map((l) => l.type);
    if (held.length === 0) {
      refused.push({
        what: row.label ?? (row.oldType === undefined ? row.oldIp : licenseName(row.oldIp, row.oldType)),
        reason: row.oldType === undefined ? l10n.t('this account holds no IP license for {0}', row.oldIp) : l10n.t('this account holds no {0} license for {1}', ipTypeName(row.oldType), row.oldIp),
      });
      continue;
    }
    for (const oldType of held) moves.push({ oldIp: row.oldIp, oldType, newIp: row.newIp, newType: row.newType ?? oldType });
  }
  const ips = [...new Set(moves.map((m) => m.newIp))];
  const answers = new Map<string, { available: number[]; owned: number[]; registered: number[] }>();
  for (const ip of ips) {
    const [availability, registered] = await Promise.all([account.read('ipl.availability', { ip }, { force: true, signal }), account.read('ipl.check', { ip }, { force: true, signal })]);
    answers.set(ip, { ...availability, registered });
  }
  const taken = new Set<string>();
  const ok: Move[] = [];
  for (const move of moves) {
    const answer = answers.get(move.newIp)!;
    const id = `${move.newIp}|${move.newType}`;
    const what = describeMove(move);
    if (move.oldIp === move.newIp && move.oldType === move.newType) refused.push({ what, reason: l10n.t('the new license is the old one') });
    else if (answer.owned.includes(move.newType))
      refused.push({ what, reason: l10n.t('this account already holds {0}; remove the old license with Remove IP License if it is no longer needed', licenseName(move.newIp, move.newType)) });
    else if (taken.has(id)) refused.push({ what, reason: l10n.t('an earlier row already registers {0}', licenseName(move.newIp, move.newType)) });
    else if (!answer.available.includes(move.newType) && !(move.oldIp === move.newIp && answer.registered.every((t) => answer.owned.includes(t)))) {
      // On its own IP the account's old license may be what hides the new type (one family); the registration then says.
      const others = answer.registered.filter((t) => !answer.owned.includes(t));
      refused.push({
        what,
        reason: others.length
          ? l10n.t('CLN does not offer {0} for {1} (it is registered there for {2} by another customer)', ipTypeName(move.newType), move.newIp, others.map(ipTypeName).join(', '))
          : l10n.t('CLN does not offer {0} for {1}', ipTypeName(move.newType), move.newIp),
      });
    } else {
      taken.add(id);
      ok.push(move);
    }
  }
  return { moves: ok, refused };
}

/** What became of one move. */
export type MoveOutcome =
  | { kind: 'completed'; move: Move; note?: string }
  /** Both licenses are held: the old one must still be removed (the finishing step). */
  | { kind: 'bothHeld'; move: Move; reason: string }
  /** Nothing was changed: the registration was refused, failed, or a re-read shows it did not happen. */
  | { kind: 'notRegistered'; move: Move; reason: string }
  /** Even a re-read could not tell what happened. */
  | { kind: 'unknown'; move: Move; reason: string }
  | { kind: 'notAttempted'; move: Move };

export type RowGroup = 'completed' | 'attention' | 'untouched';

export function groupOf(outcome: MoveOutcome): RowGroup {
  return outcome.kind === 'completed' ? 'completed' : outcome.kind === 'bothHeld' || outcome.kind === 'unknown' ? 'attention' : 'untouched';
}

/** "you now hold both; remove 203.0.113.14 (KernelCare) to stop paying for it" */
export function finishingStep(move: Move): string {
  return `remove ${licenseName(move.oldIp, move.oldType)}`;
}

/** One line per move: what happened and, where something is left, what finishes it. */
export function describeOutcome(outcome: MoveOutcome): string {
  const { move } = outcome;
  const what = describeMove(move);
  switch (outcome.kind) {
    case 'completed':
      return `${what}: done${outcome.note ? ` (${outcome.note})` : ''}`;
    case 'bothHeld':
      return l10n.t(
        '{0}: {1} is registered but {2} was not removed ({3}); you now hold both; {4} to stop paying for it',
        what,
        licenseName(move.newIp, move.newType),
        licenseName(move.oldIp, move.oldType),
        outcome.reason,
        finishingStep(move),
      );
    case 'notRegistered':
      return l10n.t('{0}: not registered, nothing removed — {1}', what, outcome.reason);
    case 'unknown':
      return l10n.t('{0}: outcome unknown — {1}; refresh the Licenses view to see what CLN holds', what, outcome.reason);
    case 'notAttempted':
      return l10n.t('{0}: not attempted', what);
  }
}

const errorText = (error: unknown) => (isClnError(error) || error instanceof Error ? error.message : String(error));

async function holds(account: AccountService, ip: string, type: number): Promise<boolean> {
  return (await account.read('ipl.list', {}, { force: true })).some((l) => l.ip === ip && l.type === type);
}

/** Runs one move: register; only when that is known done, remove. Never retries; an unknown outcome is settled by a re-read. */
export async function runMove(account: AccountService, move: Move, journal: { run?: string; item?: number } = {}): Promise<{ outcome: MoveOutcome; stop: boolean }> {
  const [register, remove] = stepsOf(move);
  const item = journal.item ?? 0;
  try {
    await withChangeContext({ run: journal.run, item, target: register.target }, () => account.change('ipl.register', register.args));
  } catch (error) {
    const [outcome, message] = outcomeOfError(error);
    const stop = isClnError(error) && (error.kind === 'auth' || error.kind === 'network');
    if (outcome !== 'unknown') return { outcome: { kind: 'notRegistered', move, reason: message }, stop };
    try {
      return (await holds(account, move.newIp, move.newType))
        ? { outcome: { kind: 'bothHeld', move, reason: l10n.t("the registration's answer was lost ({0}), but a re-read shows it was registered", message) }, stop }
        : { outcome: { kind: 'notRegistered', move, reason: l10n.t("the registration's answer was lost ({0}); a re-read shows it was not registered", message) }, stop };
    } catch (reread) {
      return {
        outcome: { kind: 'unknown', move, reason: l10n.t("the registration's answer was lost ({0}) and re-reading the licenses failed ({1}); nothing was removed", message, errorText(reread)) },
        stop: true,
      };
    }
  }
  try {
    const removed = await withChangeContext({ run: journal.run, item: item + 1, target: remove.target }, () => account.change('ipl.remove', { ip: move.oldIp, type: move.oldType }));
    return { outcome: removed ? { kind: 'completed', move } : { kind: 'completed', move, note: l10n.t('CLN held no {0} any more', licenseName(move.oldIp, move.oldType)) }, stop: false };
  } catch (error) {
    const [outcome, message] = outcomeOfError(error);
    const stop = isClnError(error) && (error.kind === 'auth' || error.kind === 'network');
    if (outcome !== 'unknown') return { outcome: { kind: 'bothHeld', move, reason: message }, stop };
    try {
      return (await holds(account, move.oldIp, move.oldType))
        ? { outcome: { kind: 'bothHeld', move, reason: l10n.t("the removal's answer was lost ({0}) and a re-read shows the old license is still there", message) }, stop }
        : { outcome: { kind: 'completed', move, note: l10n.t("the removal's answer was lost; a re-read shows it is gone") }, stop };
    } catch (reread) {
      return {
        outcome: {
          kind: 'unknown',
          move,
          reason: l10n.t("{0} is registered; the removal's answer was lost ({1}) and re-reading failed ({2})", licenseName(move.newIp, move.newType), message, errorText(reread)),
        },
        stop: true,
      };
    }
  }
}

export interface RunOptions {
  /** The activity journal and the login to record the run's plan with. */
  journal?: { journal: Journal; login: string; title: string; done?: string; command: string };
  /** Aborting stops before the next move; the one in flight finishes both its steps or stops as above. */
  signal?: AbortSignal;
  onMove?: (index: number, move: Move) => void;
}

/** Every move in turn, as one journaled bulk run (two planned items per move). */
export async function runMoves(account: AccountService, moves: readonly Move[], options: RunOptions = {}): Promise<MoveOutcome[]> {
  const j = options.journal;
  const run = j ? await j.journal.startRun({ login: j.login, title: j.title, done: j.done, command: j.command, items: plannedItems(moves) }) : undefined;
  const outcomes: MoveOutcome[] = [];
  let stopped = false;
  try {
    for (const [index, move] of moves.entries()) {
      if (stopped || options.signal?.aborted) {
        outcomes.push({ kind: 'notAttempted', move });
        continue;
      }
      options.onMove?.(index, move);
      const { outcome, stop } = await runMove(account, move, { run, item: 2 * index });
      outcomes.push(outcome);
      stopped = stop;
    }
  } finally {
    if (run && j)
      await j.journal
        .endRun(
          run,
          outcomes.some((o) => o.kind === 'notAttempted'),
        )
        .catch(() => undefined);
  }
  return outcomes;
}

export interface TransferSummary {
  level: 'info' | 'warning' | 'error';
  message: string;
  log: string;
  /** Moves whose old license is still held next to the new one: what the finishing button removes. */
  finishing: Move[];
}

/** "Changed 2 of 3 rows; 1 needs attention: …; 1 untouched: …" */
export function summarizeMoves(verb: string, outcomes: readonly MoveOutcome[], refused: readonly Refusal[] = []): TransferSummary {
  const by = (group: RowGroup) => outcomes.filter((o) => groupOf(o) === group);
  const completed = by('completed');
  const attention = by('attention');
  const untouched = by('untouched');
  const finishing = outcomes.filter((o): o is Extract<MoveOutcome, { kind: 'bothHeld' }> => o.kind === 'bothHeld').map((o) => o.move);
  const total = outcomes.length + refused.length;
  let message: string;
  if (total === 1 && outcomes.length === 1) {
    const only = outcomes[0];
    message =
      only.kind === 'completed'
        ? (verb === 'Changed' ? l10n.t('Changed {0}.', describeMove(only.move)) : l10n.t('Moved {0}.', describeMove(only.move))) + (only.note ? ` (${only.note}.)` : '')
        : only.kind === 'bothHeld'
          ? l10n.t(
              '{0} is registered, but {1} could not be removed: {2}. You now hold both; {3} to stop paying for it.',
              licenseName(only.move.newIp, only.move.newType),
              licenseName(only.move.oldIp, only.move.oldType),
              only.reason,
              finishingStep(only.move),
            )
          : only.kind === 'notRegistered'
            ? l10n.t('{0} was not registered, so nothing was removed; {1} stays. {2}', licenseName(only.move.newIp, only.move.newType), licenseName(only.move.oldIp, only.move.oldType), only.reason)
            : only.kind === 'unknown'
              ? l10n.t('Outcome unknown: {0}. Refresh the Licenses view to see what CLN holds.', only.reason)
              : l10n.t('Nothing was changed: {0} was not attempted.', describeMove(only.move));
  } else {
    // One clause per group, joined as a list; singular and plural are separate messages. `verb` names the command ('Moved' or 'Changed').
    const done =
      verb === 'Changed'
        ? total === 1
          ? l10n.t('Changed {0} of {1} license', completed.length, total)
          : l10n.t('Changed {0} of {1} licenses', completed.length, total)
        : total === 1
          ? l10n.t('Moved {0} of {1} license', completed.length, total)
          : l10n.t('Moved {0} of {1} licenses', completed.length, total);
    const parts = [done];
    if (attention.length) {
      const oldOnes = `${finishing
        .map((m) => licenseName(m.oldIp, m.oldType))
        .slice(0, 3)
        .join(', ')}${finishing.length > 3 ? '…' : ''}`;
      const need = attention.length === 1 ? l10n.t('{0} needs attention', attention.length) : l10n.t('{0} need attention', attention.length);
      const both = !finishing.length
        ? ''
        : finishing.length === 1
          ? l10n.t('you now hold both of 1: remove {0} to stop paying for it', oldOnes)
          : l10n.t('you now hold both of {0}: remove {1} to stop paying for them', finishing.length, oldOnes);
      parts.push(both ? `${need}; ${both}` : need);
    }
    const untouchedCount = untouched.length + refused.length;
    if (untouchedCount) {
      const first = untouched.find((o) => o.kind === 'notRegistered') as Extract<MoveOutcome, { kind: 'notRegistered' }> | undefined;
      const why = first ? ` — ${describeMove(first.move)}: ${first.reason}` : refused.length ? ` — ${refused[0].what}: ${refused[0].reason}` : '';
      parts.push(l10n.t('{0} untouched', untouchedCount) + why);
    }
    message = parts.join('; ') + '.';
  }
  const level = attention.length ? 'warning' : completed.length === 0 ? (total === 0 ? 'info' : 'error') : untouched.length + refused.length ? 'warning' : 'info';
  const lines = [...outcomes.map((o) => `  ${groupOf(o)}: ${describeOutcome(o)}`), ...refused.map((r) => l10n.t('  untouched: {0} — not sent: {1}', r.what, r.reason))];
  return { level, message, log: `${verb} ${completed.length} of ${total}; ${attention.length} need attention; ${untouched.length + refused.length} untouched\n${lines.join('\n')}`, finishing };
}
