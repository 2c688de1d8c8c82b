/**
 * What the clean-up sweep finds, and pure helpers over findings, shared by the
 * sweep, the report panel and the report's webview (so no Node or VS Code module here).
 */
export type FindingKind = 'neverUsed' | 'silent' | 'duplicate' | 'paidTwice' | 'keyEmpty' | 'keyOverLimit' | 'noCheckin' | 'addonOnUnused';
export type Product = 'ip' | 'kcare' | 'im' | 'els' | 'cl';

/** How many keys and licenses or servers a sweep looked at, per product. */
export type Scanned = Record<Product, { keys: number; items: number }>;

export const KIND_LABELS: Record<FindingKind, string> = {
  neverUsed: 'Never used',
  silent: 'Silent',
  duplicate: 'Duplicate registrations',
  paidTwice: 'Paid twice',
  keyEmpty: 'Keys without servers',
  keyOverLimit: 'Keys over their limit',
  noCheckin: 'No check-in reported',
  addonOnUnused: 'Paid add-ons on unused servers',
};

/** Kinds in report order. Key kinds, `noCheckin` and `addonOnUnused` (settled by removing the server, or turning the add-on off) are information only. */
export const FINDING_KINDS: readonly FindingKind[] = ['neverUsed', 'silent', 'duplicate', 'paidTwice', 'addonOnUnused', 'keyEmpty', 'keyOverLimit', 'noCheckin'];

/** One call that removes what a finding found. */
export interface Removal {
  /** The endpoint (ids of src/cln/endpoints.ts; spelled out so the webview bundle needs no client code). */
  action: 'ipl.remove' | 'kcare.srv.remove' | 'im.srv.remove' | 'els.srv.remove';
  args: Record<string, string | number>;
  /** Where its current state is re-read when resuming (fingerprinted in the journal). */
  where?: Record<string, string>;
  /** Exactly what happens: "remove IP license 203.0.113.7 (KernelCare)". */
  call: string;
}

export interface Finding {
  /** Stable across sweeps: kind and what it is about. */
  id: string;
  kind: FindingKind;
  product: Product;
  /** "KernelCare", "Imunify360 single user", "CloudLinux OS" … */
  productName: string;
  /** The price-list entry it costs: "ip:16", "kcare", "im:360_1", "els:CELS". */
  priceKey: string;
  /** What it is about, in words. */
  target: string;
  ip: string | null;
  key: string | null;
  /** ISO dates, or null when CLN gives none. */
  created: string | null;
  lastCheckin: string | null;
  /** Why it is a finding, in a sentence. */
  evidence: string;
  /** What it duplicates or is paid twice with. */
  related: string | null;
  /** Absent: information only, nothing proposed. */
  removal?: Removal;
}

/** A price from the price list: the list's own entry for `key` when it is a finite number (never one of Object's properties), else undefined. */
export function priceOf(prices: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = Object.prototype.hasOwnProperty.call(prices, key) ? prices[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Monthly cost of the findings that propose a removal, from a price list per `priceKey` (also "ip", "im", "els" as fallbacks). */
export function monthlyCost(findings: readonly Finding[], prices: Record<string, number>): { total: number; priced: number; unpriced: number } {
  let total = 0;
  let priced = 0;
  let unpriced = 0;
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.removal) continue;
    const call = removalKey(f.removal);
    if (seen.has(call)) continue;
    seen.add(call);
    const price = priceOf(prices, f.priceKey) ?? priceOf(prices, f.product);
    if (price !== undefined) {
      total += price;
      priced++;
    } else unpriced++;
  }
  return { total, priced, unpriced };
}

/** One key per distinct call, so a target found twice (silent and duplicate) is removed once. */
export function removalKey(removal: Removal): string {
  return `${removal.action}?${Object.entries(removal.args)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&')}`;
}

/** Distinct removals of the selected findings, in the order given, with the findings each settles. */
export function removalPlan(findings: readonly Finding[]): { removal: Removal; findings: Finding[] }[] {
  const plan = new Map<string, { removal: Removal; findings: Finding[] }>();
  for (const f of findings) {
    if (!f.removal) continue;
    const k = removalKey(f.removal);
    const entry = plan.get(k);
    if (entry) entry.findings.push(f);
    else plan.set(k, { removal: f.removal, findings: [f] });
  }
  return [...plan.values()];
}
