/**
 * The account file's engine: the file format, export, planning, applying, and
 * inventory reconciling.
 * No `vscode` here.
 */
import { applyEdits, modify } from 'jsonc-parser';
import type { AccountService } from '../../../services/accountService';
import { costLine, IMUNIFY_EMAIL, IMUNIFY_EMAIL_PRICE_KEY, previewChange } from '../../../services/addons';
import { mapBounded } from '../../../services/concurrency';
import { applyChange, plannedCall } from './apply';
import { exportAccount } from './export';
import { parseDesired, SECTIONS } from './parse';
import { makePlan, Plan } from './plan';
import { readSnapshot } from './snapshot';

export { applyChange, exportAccount, makePlan, parseDesired, plannedCall, readSnapshot };
export type { Plan, PlannedChange, EntryStatus, StatusKind } from './plan';
export type { Problem, Span } from './parse';
export type { Snapshot } from './snapshot';
import { keyRef } from './format';
export { keyRef };
export { diffPlans } from './stale';
export * as inventory from './inventory';

export interface PlanRun {
  plan: Plan;
}

/** Parses the text and plans it against the account. `force` reads CLN afresh instead of the cache. */
export async function planText(
  account: AccountService,
  text: string,
  options: { force?: boolean; signal?: AbortSignal; /** cln.cleanup.prices, for what an add-on change costs. */ prices?: Readonly<Record<string, number>> } = {},
): Promise<PlanRun> {
  const parsed = parseDesired(text);
  const extraElsCodes = parsed.els.entries.map((e) => e.value.code.trim());
  const snapshot = await readSnapshot(account, { ...options, extraElsCodes });
  const availability = new Map<string, ReturnType<AccountService['read']>>();
  const plan = await makePlan({
    parsed,
    snapshot,
    availability: (ip) => {
      if (!availability.has(ip)) availability.set(ip, account.read('ipl.availability', { ip }, { signal: options.signal }));
      return availability.get(ip) as Promise<import('../../../cln/types').IpAvailability>;
    },
    clServers: (product) => account.clServersByKey(product, { signal: options.signal }),
    emailCost: async (state) => {
      const prices = options.prices ?? {};
      // Without an Imunify price there is no cost to say: no server list is read for it.
      if (!Object.keys(prices).some((name) => name === IMUNIFY_EMAIL_PRICE_KEY || name === 'im' || name.startsWith('im:'))) return undefined;
      const read = { signal: options.signal };
      const keys = await mapBounded(snapshot.imunifyKeys, Math.max(1, account.maxConcurrent), async (key) => ({
        key: key.key,
        code: key.code,
        setting: undefined,
        servers: (await account.read('im.srv.list', { key: key.key }, read)).map((s) => ({ id: s.id, ip: s.ip, setting: undefined })),
      }));
      const account4600 = snapshot.v2?.addons.get(IMUNIFY_EMAIL) ?? 'UNSET';
      const preview = previewChange({ account: account4600, keys }, { target: { level: 'account' }, to: state }, prices);
      return preview.monthly.priced > 0 ? costLine(preview) : undefined;
    },
  });
  return { plan };
}

/**
 * The text after writing the keys Apply created into their entries: by
 * reference whenever the file names any key by reference (or says
 * "keyReferences": true), by key string only in a file of key strings.
 */
export function withCreatedKeys(text: string, created: readonly { section: 'kernelcare' | 'imunify' | 'els' | 'cloudlinux'; index: number; key: string }[]): string {
  const references = parseDesired(text).keyReferences;
  let result = text;
  for (const { section, index, key } of created) {
    const property = references ? 'ref' : 'key';
    const value = references ? keyRef(key) : key;
    result = applyEdits(result, modify(result, [section, SECTIONS[section], index, property], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  return result;
}
