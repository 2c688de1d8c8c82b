/**
 * Messages between the clean-up report panel and its webview, and the table
 * logic both sides share (sorting, filtering). No `vscode` and no DOM here.
 */
import type { Finding, FindingKind, Scanned } from '../../../services/cleanupFindings';
import { findingPrice } from './prices';

export const CLEANUP_VIEW_TYPE = 'cln.cleanupReport';

/** What happened to a finding's removal. */
export type ResultState = 'queued' | 'done' | 'unchanged' | 'refused' | 'failed' | 'unknown' | 'notSent';

export interface ItemResult {
  state: ResultState;
  message?: string;
}

export type CleanupColumn = 'kind' | 'product' | 'target' | 'key' | 'created' | 'lastCheckin' | 'cost' | 'evidence' | 'result';
export const CLEANUP_COLUMNS: readonly CleanupColumn[] = ['kind', 'product', 'target', 'key', 'created', 'lastCheckin', 'cost', 'evidence', 'result'];

export interface CleanupView {
  filter: string;
  /** Kinds shown; empty = all. */
  kinds: FindingKind[];
  sort: { column: CleanupColumn; descending: boolean };
}

export const DEFAULT_CLEANUP_VIEW: CleanupView = { filter: '', kinds: [], sort: { column: 'kind', descending: false } };

export type ToExtension =
  | { type: 'ready' }
  /** Sweep again (re-reading from CLN when `refresh`). */
  | { type: 'rescan'; refresh: boolean }
  /** Show exactly what removing these findings would send. */
  | { type: 'preview'; ids: string[] }
  /** Go ahead with a preview the extension made; above the threshold, with the number the user typed in it. */
  | { type: 'remove'; previewId: string; typed?: string }
  | { type: 'export'; ids: string[] }
  | { type: 'cancel' }
  /** Open the price editor (CLN: Set License Prices…). */
  | { type: 'editPrices' };

export type ToWebview =
  | { type: 'start'; days: number; prices: Record<string, number>; threshold: number }
  | { type: 'findings'; findings: Finding[] }
  | { type: 'progress'; done: number; planned: number }
  | { type: 'done'; scanned: Scanned; notes: string[]; ms: number }
  | { type: 'problem'; message: string; signedOut: boolean }
  | { type: 'preview'; previewId: string; calls: string[]; infoOnly: number; threshold: number }
  /** The prices changed (the price editor, or the settings): costs and totals are worked out again. */
  | { type: 'prices'; prices: Record<string, number> }
  | { type: 'results'; results: Record<string, ItemResult> }
  | { type: 'removing'; running: boolean }
  | { type: 'exported'; rows: number; fileName: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const ids = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined);

/** Checks a message from the webview; anything malformed is dropped. */
export function readToExtension(value: unknown): ToExtension | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'cancel':
    case 'editPrices':
      return { type: value.type };
    case 'rescan':
      return { type: 'rescan', refresh: value.refresh === true };
    case 'preview':
    case 'export': {
      const list = ids(value.ids);
      return list && { type: value.type, ids: list };
    }
    case 'remove':
      if (typeof value.previewId !== 'string') return undefined;
      return typeof value.typed === 'string' ? { type: 'remove', previewId: value.previewId, typed: value.typed } : { type: 'remove', previewId: value.previewId };
    default:
      return undefined;
  }
}

const KIND_ORDER: Record<FindingKind, number> = { neverUsed: 0, silent: 1, duplicate: 2, paidTwice: 3, addonOnUnused: 4, keyEmpty: 5, keyOverLimit: 6, noCheckin: 7 };

function cell(f: Finding, column: CleanupColumn, results: ReadonlyMap<string, ItemResult>, prices: Record<string, number>): string | number | undefined {
  switch (column) {
    case 'kind':
      return KIND_ORDER[f.kind];
    case 'product':
      return f.productName;
    case 'target':
      return f.target;
    case 'key':
      return f.key ?? '';
    case 'created':
      return f.created ?? '';
    case 'lastCheckin':
      return f.lastCheckin ?? '';
    case 'cost':
      return findingPrice(f, prices);
    case 'evidence':
      return f.evidence;
    case 'result':
      return results.get(f.id)?.state ?? '';
  }
}

/** The rows shown: kinds and words filtered, then sorted (stable, by target second; rows without a price last either way). */
export function viewFindings(findings: readonly Finding[], view: CleanupView, results: ReadonlyMap<string, ItemResult> = new Map(), prices: Record<string, number> = {}): Finding[] {
  const words = view.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const kinds = new Set(view.kinds);
  const rows = findings.filter((f) => {
    if (kinds.size > 0 && !kinds.has(f.kind)) return false;
    if (words.length === 0) return true;
    const hay = `${f.target} ${f.productName} ${f.evidence} ${f.related ?? ''} ${f.ip ?? ''} ${f.key ?? ''} ${results.get(f.id)?.state ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const { column, descending } = view.sort;
  const sign = descending ? -1 : 1;
  return rows.sort((a, b) => {
    const x = cell(a, column, results, prices);
    const y = cell(b, column, results, prices);
    if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0) || a.target.localeCompare(b.target);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * order || a.target.localeCompare(b.target);
  });
}
