/**
 * The desired-state engine, bundled apart (dist/desired.js) and loaded on first
 * use: the file format, export, planning, applying, and inventory reconciling.
 * No `vscode` here.
 */
import type { AccountService } from '../account';
import { applyChange } from './apply';
import { exportAccount } from './export';
import { parseDesired } from './parse';
import { makePlan, Plan } from './plan';
import { readSnapshot } from './snapshot';

export { applyChange, exportAccount, makePlan, parseDesired, readSnapshot };
export { keyRef } from './format';
export { diffPlans } from './stale';
export * as inventory from './inventory';

export interface PlanRun {
  plan: Plan;
  /** Requests the planning sent (0 when everything came from the cache). */
  requests: number;
}

/** Parses the text and plans it against the account. `force` reads CLN afresh instead of the cache. */
export async function planText(account: AccountService, text: string, options: { force?: boolean; signal?: AbortSignal } = {}): Promise<PlanRun> {
  const before = account.requestsIssued;
  const parsed = parseDesired(text);
  const extraElsCodes = parsed.els.entries.map((e) => e.value.code.trim());
  const snapshot = await readSnapshot(account, { ...options, extraElsCodes });
  const availability = new Map<string, ReturnType<AccountService['read']>>();
  const plan = await makePlan({
    parsed,
    snapshot,
    availability: (ip) => {
      if (!availability.has(ip)) availability.set(ip, account.read('ipl.availability', { ip }, { signal: options.signal }));
      return availability.get(ip) as Promise<import('../../cln/types').IpAvailability>;
    },
  });
  return { plan, requests: account.requestsIssued - before };
}
