/**
 * Hostile strings for the security tests, added only when a test asks (`hostile: true`): the demo
 * account looks like a real one and never has them.
 */
import { yearMonthOf } from '../cln/dates';
import type { SimAwpEntry, SimState } from './state';

export const HOSTILE_DOMAIN = '<img src=x onerror=alert(1)>.example';

/** Puts an AccelerateWP row whose domain is HTML into the clock's month (in place of one row, so the count stays). */
export function addHostileEntries(state: SimState, nowMs: number): void {
  const month = yearMonthOf(new Date(nowMs));
  const entries = (state.awp[month] ??= []);
  const hostile: SimAwpEntry = { product: 'AWP_PREMIUM', primary_domain: HOSTILE_DOMAIN, username: 'mallory' };
  if (entries.length > 0) entries[Math.floor(entries.length / 2)] = hostile;
  else entries.push(hostile);
}
