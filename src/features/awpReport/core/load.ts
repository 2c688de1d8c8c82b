/** Which CLN reads the billing report makes. No `vscode` here. */
import { monthsEndingAt } from '../../../cln/dates';
import type { AwpEntry } from '../../../cln/types';
import type { AccountService } from '../../../services/accountService';
import { trendPoints, type TrendPoint } from './awpData';
import type { AwpQuery } from './protocol';

export const TREND_MONTHS = 12;

/**
 * The month's billable entities. `refresh` refetches only the current month:
 * past months come from the account cache. Started before the trend, so the
 * trend's read of the same month joins this request instead of repeating it.
 */
export function readMonth(account: AccountService, query: AwpQuery, currentMonth: string, refresh: boolean): Promise<AwpEntry[]> {
  return account.read('awp.billing', { products: query.products, yearMonth: query.month }, { force: refresh && query.month === currentMonth });
}

/** Billable counts for the twelve months ending at the query's month, fetched under the account's concurrency bound. */
export async function readTrend(account: AccountService, query: AwpQuery): Promise<TrendPoint[]> {
  const months = monthsEndingAt(query.month, TREND_MONTHS);
  const byMonth = await account.awpMonths(months, query.products);
  return trendPoints(months, byMonth, query.products);
}
