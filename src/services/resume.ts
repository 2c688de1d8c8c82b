/**
 * Resuming a bulk run the journal shows was cut off. Every item's current state
 * is re-read first (forced reads, not the cache); then only items never sent
 * that are still needed (a thing to remove still present, a license to register
 * still absent) are sent. An item planned `after` another (the removal of a
 * two-step change) is sent only when a re-read shows the other's change in place. A change whose outcome is known is never
 * sent again; an unknown one is settled by what the re-read shows (gone: done;
 * still there: left for the user, never re-sent). No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import type { EndpointId } from '../cln/endpoints';
import { noticeOf, outcomeOfError, type AccountService } from './account';
import { matchesFingerprint, withChangeContext, type Journal, type PlannedItem, type RunSummary } from './journal';

/** Can the current state of this planned change be re-read, and the change re-sent? */
export function isResumable(item: PlannedItem): boolean {
  return !!item.action && item.action in PROBES && !!item.args && !Object.values(item.args).some((v) => typeof v === 'string' && v.includes('…'));
}

type Probe = (account: AccountService, item: PlannedItem) => Promise<boolean>;

/** Is the planned change still to be made? For a removal: is the thing still there. */
const PROBES: Partial<Record<EndpointId, Probe>> = {
  'ipl.register': async (account, { args }) => {
    const list = await account.read('ipl.list', {}, { force: true });
    return !list.some((l) => l.ip === args!.ip && l.type === args!.type);
  },
  'ipl.remove': async (account, { args }) => {
    const list = await account.read('ipl.list', {}, { force: true });
    return list.some((l) => l.ip === args!.ip && (args!.type === undefined || l.type === args!.type));
  },
  'kcare.srv.remove': async (account, { args, where }) => {
    const keys = await account.read('kcare.key.list', {}, { force: true });
    const candidates = keys.filter((k) => !where?.key || matchesFingerprint(k.key, String(where.key)));
    for (const key of candidates) {
      const servers = await account.read('kcare.key.servers', { key: key.key }, { force: true });
      if (servers.some((s) => s.serverId === args!.server_id)) return true;
    }
    return false;
  },
  'im.srv.remove': async (account, { args, where }) => {
    const keys = await account.read('im.key.list', {}, { force: true });
    const candidates = keys.filter((k) => !where?.key || matchesFingerprint(k.key, String(where.key)));
    for (const key of candidates) {
      const servers = await account.read('im.srv.list', { key: key.key }, { force: true });
      if (servers.some((s) => s.id === args!.id)) return true;
    }
    return false;
  },
  'els.srv.remove': async (account, { args, where }) => {
    const codes = where?.code ? [String(where.code)] : (await account.elsKeys({ force: true })).map((k) => k.code);
    for (const code of [...new Set(codes)]) {
      const servers = await account.read('els.srv.list', { code }, { force: true });
      if (servers.some((s) => s.id === args!.id)) return true;
    }
    return false;
  },
};

export type ResumeResult =
  | { index: number; target: string; result: 'sent'; outcome: 'done' | 'unchanged'; message?: string }
  | { index: number; target: string; result: 'sent'; outcome: 'refused' | 'failed' | 'unknown'; message: string }
  | { index: number; target: string; result: 'alreadyGone' }
  | { index: number; target: string; result: 'unknownConfirmedDone' }
  | { index: number; target: string; result: 'unknownStillPresent' }
  | { index: number; target: string; result: 'notResumable' }
  /** Planned after a change that a re-read does not show in place (e.g. a removal whose registration failed): not sent. */
  | { index: number; target: string; result: 'heldBack' }
  | { index: number; target: string; result: 'notAttempted' };

export interface ResumeOptions {
  signal?: AbortSignal;
  onItem?: (result: ResumeResult, done: number, total: number) => void;
}

/**
 * Resumes `summary`: re-reads, then sends what was never sent and is still
 * there, in a new journaled run. Settles the old run in the journal.
 */
export async function resumeRun(account: AccountService, journal: Journal, login: string, summary: RunSummary, options: ResumeOptions = {}): Promise<ResumeResult[]> {
  const open = summary.items.filter((i) => i.state === 'unsent' || i.state === 'unknown');
  const results: ResumeResult[] = [];
  const toSend: typeof open = [];
  for (const item of open) {
    const target = item.planned.target;
    if (!isResumable(item.planned)) {
      results.push({ index: item.index, target, result: 'notResumable' });
      continue;
    }
    const present = await PROBES[item.planned.action as EndpointId]!(account, item.planned);
    if (item.state === 'unknown') {
      if (!present && item.entry) await journal.complete(item.entry.id, 'done', l10n.t('confirmed when resuming: no longer present'));
      results.push({ index: item.index, target, result: present ? 'unknownStillPresent' : 'unknownConfirmedDone' });
    } else if (!present) {
      results.push({ index: item.index, target, result: 'alreadyGone' });
    } else if (item.planned.after !== undefined && !toSend.some((i) => i.index === item.planned.after) && !(await inPlace(account, summary, item.planned.after))) {
      results.push({ index: item.index, target, result: 'heldBack' });
    } else {
      toSend.push(item);
    }
  }
  await journal.settleRun(summary.run.id, 'resumed');
  if (toSend.length > 0) {
    // `after` points into the new run's plan when the change waited for is sent again in it; otherwise that change is in place.
    const items = toSend.map(({ planned }) => {
      const { after, ...rest } = planned;
      const position = after === undefined ? -1 : toSend.findIndex((i) => i.index === after);
      return position >= 0 ? { ...rest, after: position } : rest;
    });
    const run = await journal.startRun({ login, title: l10n.t('Resume of "{0}"', summary.run.title), command: summary.run.command, items });
    let cancelled = false;
    try {
      for (const [index, item] of toSend.entries()) {
        const target = item.planned.target;
        if (options.signal?.aborted) {
          cancelled = true;
          results.push({ index: item.index, target, result: 'notAttempted' });
          continue;
        }
        if (item.planned.after !== undefined && !(await inPlace(account, summary, item.planned.after))) {
          const held: ResumeResult = { index: item.index, target, result: 'heldBack' };
          results.push(held);
          options.onItem?.(held, results.length, open.length);
          continue;
        }
        let result: ResumeResult;
        try {
          const answer = await withChangeContext({ run, item: index, target }, () => account.change(item.planned.action as EndpointId, item.planned.args as never));
          const notice = noticeOf(answer);
          result = notice ? { index: item.index, target, result: 'sent', outcome: 'unchanged', message: notice } : { index: item.index, target, result: 'sent', outcome: 'done' };
        } catch (error) {
          const [outcome, message] = outcomeOfError(error);
          result = { index: item.index, target, result: 'sent', outcome: outcome === 'done' || outcome === 'unchanged' ? 'unknown' : outcome, message };
        }
        results.push(result);
        options.onItem?.(result, results.length, open.length);
      }
    } finally {
      await journal.endRun(run, cancelled);
    }
  }
  return results.sort((a, b) => a.index - b.index);
}

/** Does a re-read show the change of planned item `index` in place (e.g. the new license registered)? */
async function inPlace(account: AccountService, summary: RunSummary, index: number): Promise<boolean> {
  const before = summary.items.find((i) => i.index === index);
  if (!before || !isResumable(before.planned)) return false;
  return !(await PROBES[before.planned.action as EndpointId]!(account, before.planned));
}

/** "3 done, 1 outcome unknown, 8 never sent" */
export function describeRunState(summary: RunSummary): string {
  const c = summary.counts;
  const parts = [
    c.done && `${c.done} done`,
    c.unchanged && `${c.unchanged} unchanged`,
    c.refused && `${c.refused} refused`,
    c.failed && `${c.failed} failed`,
    c.unknown && l10n.t('{0} outcome unknown', c.unknown),
    c.unsent && l10n.t('{0} never sent', c.unsent),
  ].filter(Boolean);
  return parts.join(', ');
}
