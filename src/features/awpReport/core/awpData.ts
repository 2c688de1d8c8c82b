/**
 * The AccelerateWP billing report's data logic: filter, sort, counts, trend
 * points and CSV. Pure, shared by the extension (export) and the webview
 * (table), so both sides always agree on what "the current view" is.
 */
import { AWP_PRODUCT_NAMES, AWP_PRODUCTS, type AwpProduct } from '../../../cln/catalog';
import { yearMonthOf } from '../../../cln/dates';
import type { AwpEntry } from '../../../cln/types';

export const AWP_COLUMNS = ['product', 'primaryDomain', 'username', 'cdnLimitType'] as const;
export type AwpColumn = (typeof AWP_COLUMNS)[number];

export const COLUMN_LABELS: Record<AwpColumn, string> = {
  product: 'Product',
  primaryDomain: 'Primary domain',
  username: 'Username',
  cdnLimitType: 'CDN limit type',
};

/** How a missing username or CDN limit type is shown in the table. */
export const MISSING = '—';

export interface AwpSort {
  column: AwpColumn;
  descending: boolean;
}

/** What the user narrowed the month's entries to: the rows the table shows and the CSV holds. */
export interface AwpView {
  filter: string;
  sort: AwpSort;
}

export const DEFAULT_VIEW: AwpView = { filter: '', sort: { column: 'primaryDomain', descending: false } };

export function productLabel(product: string): string {
  return AWP_PRODUCT_NAMES[product as AwpProduct] ?? product;
}

/** The month `delta` months after (or before) a `yyyy-MM` month. */
export function shiftMonth(month: string, delta: number): string {
  const [year, number] = month.split('-').map(Number);
  return yearMonthOf(new Date(Date.UTC(year, number - 1 + delta, 1)));
}

/** "May 2024" (`long`) or "May" (`short`), whatever the viewer's time zone. */
export function monthLabel(month: string, style: 'long' | 'short' = 'long'): string {
  const [year, number] = month.split('-').map(Number);
  const format = style === 'long' ? { month: 'long', year: 'numeric' } : { month: 'short' };
  return new Intl.DateTimeFormat('en', { ...format, timeZone: 'UTC' } as Intl.DateTimeFormatOptions).format(new Date(Date.UTC(year, number - 1, 1)));
}

/** Every whitespace-separated term must occur (case-insensitively) in the domain or the username. */
export function filterEntries(entries: readonly AwpEntry[], filter: string): AwpEntry[] {
  const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...entries];
  return entries.filter((entry) => {
    const haystack = `${entry.primaryDomain}\n${entry.username ?? ''}`.toLowerCase();
    return terms.every((term) => haystack.includes(term));
  });
}

let collatorInstance: Intl.Collator | undefined;
/** Created on first sort: building a Collator costs about a millisecond of extension activation. */
const collator = () => (collatorInstance ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' }));
const SIZE_UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'];

/** "50 GB" → bytes, so tiers sort by size rather than by text ("1 TB" after "500 GB"). */
function tierBytes(tier: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGTP]B)\s*$/i.exec(tier);
  return m ? Number(m[1]) * 1024 ** (SIZE_UNITS.indexOf(m[2].toUpperCase()) + 1) : undefined;
}

export function compareTiers(a: string, b: string): number {
  const sizeA = tierBytes(a);
  const sizeB = tierBytes(b);
  if (sizeA !== undefined && sizeB !== undefined && sizeA !== sizeB) return sizeA - sizeB;
  if ((sizeA === undefined) !== (sizeB === undefined)) return sizeA === undefined ? 1 : -1;
  return collator().compare(a, b);
}

function compareColumn(column: AwpColumn, a: AwpEntry, b: AwpEntry): number {
  switch (column) {
    case 'product':
      return collator().compare(productLabel(a.product), productLabel(b.product));
    case 'cdnLimitType':
      return compareTiers(a.cdnLimitType ?? '', b.cdnLimitType ?? '');
    default:
      return collator().compare(a[column] ?? '', b[column] ?? '');
  }
}

const TIE_BREAK: readonly AwpColumn[] = ['primaryDomain', 'username', 'product'];

/** Missing values sort last in either direction; ties fall back to domain, then username, then product. */
export function sortEntries(entries: readonly AwpEntry[], sort: AwpSort): AwpEntry[] {
  const sign = sort.descending ? -1 : 1;
  const tieBreak = TIE_BREAK.filter((c) => c !== sort.column);
  return [...entries].sort((a, b) => {
    const missingA = a[sort.column] === null;
    const missingB = b[sort.column] === null;
    if (missingA !== missingB) return missingA ? 1 : -1;
    const primary = missingA ? 0 : sign * compareColumn(sort.column, a, b);
    if (primary !== 0) return primary;
    for (const column of tieBreak) {
      const order = compareColumn(column, a, b);
      if (order !== 0) return order;
    }
    return 0;
  });
}

export function viewRows(entries: readonly AwpEntry[], view: AwpView): AwpEntry[] {
  return sortEntries(filterEntries(entries, view.filter), view.sort);
}

export interface AwpCounts {
  total: number;
  /** The catalog's products first (even at zero), then any other product CLN sent. */
  products: { product: string; label: string; count: number }[];
  /** CDN entries per limit type, smallest tier first; `null` for entries without one. */
  cdnTiers: { tier: string | null; count: number }[];
}

export function countEntries(entries: readonly AwpEntry[], products: readonly string[] = AWP_PRODUCTS): AwpCounts {
  const perProduct = new Map<string, number>(products.map((p) => [p, 0]));
  const perTier = new Map<string | null, number>();
  for (const entry of entries) {
    perProduct.set(entry.product, (perProduct.get(entry.product) ?? 0) + 1);
    if (entry.product === 'AWP_CDN') perTier.set(entry.cdnLimitType, (perTier.get(entry.cdnLimitType) ?? 0) + 1);
  }
  return {
    total: entries.length,
    products: [...perProduct].map(([product, count]) => ({ product, label: productLabel(product), count })),
    cdnTiers: [...perTier].map(([tier, count]) => ({ tier, count })).sort((a, b) => (a.tier === null ? 1 : b.tier === null ? -1 : compareTiers(a.tier, b.tier))),
  };
}

export interface TrendPoint {
  month: string;
  counts: Partial<Record<AwpProduct, number>>;
}

/** Billable entities per month and product, in the order of `months`. */
export function trendPoints(months: readonly string[], byMonth: ReadonlyMap<string, readonly AwpEntry[]>, products: readonly AwpProduct[]): TrendPoint[] {
  return months.map((month) => {
    const entries = byMonth.get(month) ?? [];
    const counts: Partial<Record<AwpProduct, number>> = {};
    for (const product of products) counts[product] = entries.filter((e) => e.product === product).length;
    return { month, counts };
  });
}

/**
 * One CSV field. A text starting with = + - @ (or a tab or CR) is prefixed with
 * a quote so spreadsheets show it instead of running it as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180: a header, CRLF line ends, product codes as CLN sends them, empty cells for missing values. */
export function toCsv(rows: readonly AwpEntry[]): string {
  const lines = [AWP_COLUMNS.map((c) => COLUMN_LABELS[c])];
  for (const row of rows) lines.push([row.product, row.primaryDomain, row.username ?? '', row.cdnLimitType ?? '']);
  return lines.map((cells) => cells.map(csvCell).join(',') + '\r\n').join('');
}

export function csvFileName(month: string, products: readonly AwpProduct[]): string {
  const which = products.length === 1 ? `-${products[0] === 'AWP_CDN' ? 'cdn' : 'premium'}` : '';
  return `awp-billing-${month}${which}.csv`;
}
