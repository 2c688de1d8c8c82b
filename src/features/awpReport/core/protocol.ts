/**
 * Messages between the AccelerateWP billing report panel (extension side) and
 * its webview. Imported by both sides, so no `vscode` and no DOM here.
 */
import { AWP_PRODUCTS, type AwpProduct } from '../../../cln/catalog';
import { isYearMonth } from '../../../cln/dates';
import type { AwpEntry } from '../../../cln/types';
import { AWP_COLUMNS, type AwpView, type TrendPoint } from './awpData';

export const AWP_REPORT_VIEW_TYPE = 'cln.awpReport';

/** What is asked of CLN: one month, some products. */
export interface AwpQuery {
  month: string;
  products: AwpProduct[];
}

/** Buttons a problem state offers; each maps to a message back to the extension. */
export type ProblemAction = 'signIn' | 'useDemo' | 'retry' | 'showLog';

export type ToExtension =
  /** The webview's script started; `query` is what it showed before a hide or reload. */
  | { type: 'ready'; query?: AwpQuery }
  /** Show this month. `refresh` refetches the current month (past months stay cached). */
  | { type: 'load'; query: AwpQuery; refresh?: boolean }
  | { type: 'export'; query: AwpQuery; view: AwpView }
  | { type: 'copy'; text: string }
  | { type: 'action'; action: Exclude<ProblemAction, 'retry'> };

export type ToWebview =
  | { type: 'loading'; query: AwpQuery; currentMonth: string }
  | { type: 'report'; query: AwpQuery; entries: AwpEntry[] }
  | { type: 'trend'; query: AwpQuery; points: TrendPoint[] }
  | { type: 'trendFailed'; query: AwpQuery; message: string }
  | { type: 'problem'; query?: AwpQuery; kind: 'signedOut' | 'error'; message: string; actions: ProblemAction[] }
  | { type: 'exported'; rows: number; fileName: string }
  | { type: 'copied'; text: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A query from an untrusted source (a message, saved webview state), or undefined if it is not one. */
export function readQuery(value: unknown): AwpQuery | undefined {
  if (!isRecord(value) || typeof value.month !== 'string' || !isYearMonth(value.month) || !Array.isArray(value.products)) return undefined;
  const products = AWP_PRODUCTS.filter((p) => (value.products as unknown[]).includes(p));
  return products.length > 0 ? { month: value.month, products } : undefined;
}

export function readView(value: unknown): AwpView | undefined {
  if (!isRecord(value) || typeof value.filter !== 'string' || !isRecord(value.sort)) return undefined;
  const { column, descending } = value.sort;
  if (!AWP_COLUMNS.includes(column as never) || typeof descending !== 'boolean') return undefined;
  return { filter: value.filter, sort: { column: column as AwpView['sort']['column'], descending } };
}

/** Checks a message from the webview; anything malformed is dropped. */
export function readToExtension(value: unknown): ToExtension | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready', query: readQuery(value.query) };
    case 'load': {
      const query = readQuery(value.query);
      return query && { type: 'load', query, refresh: value.refresh === true };
    }
    case 'export': {
      const query = readQuery(value.query);
      const view = readView(value.view);
      return query && view && { type: 'export', query, view };
    }
    case 'copy':
      return typeof value.text === 'string' && value.text.length > 0 ? { type: 'copy', text: value.text } : undefined;
    case 'action':
      return value.action === 'signIn' || value.action === 'useDemo' || value.action === 'showLog' ? { type: 'action', action: value.action } : undefined;
    default:
      return undefined;
  }
}
