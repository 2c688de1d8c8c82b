/**
 * Prices of the clean-up in the user's words: the products of an account by name (the setting
 * `cln.cleanup.prices` keeps them under internal keys such as `ip:16` and `im:360_1`, which the
 * user never types), a finding's own monthly price, and the price a user typed, checked.
 * No `vscode` here; the webview imports findingPrice too.
 */
import * as l10n from '@vscode/l10n';
import { ELS_CODES, IMUNIFY_CODES, ipTypeName, nameOf } from '../../../cln/catalog';
import { priceOf, type Finding } from '../../../services/cleanupFindings';
import { SETTINGS } from '../../../services/settings';

/** One product a price can be set for: the setting's key and the product's name. */
export interface PricedProduct {
  key: string;
  name: string;
}

/** The bounds of a price (services/settings.ts: cln.cleanup.prices). */
export const PRICE_MIN: number = SETTINGS['cleanup.prices'].min;
export const PRICE_MAX: number = SETTINGS['cleanup.prices'].max;

/**
 * What a finding's removal saves a month: its product's price (or its family's, "ip", "im", as
 * monthlyCost reads them). Undefined for information-only findings and for products without a price.
 */
export function findingPrice(f: Finding, prices: Record<string, number>): number | undefined {
  if (!f.removal) return undefined;
  return priceOf(prices, f.priceKey) ?? priceOf(prices, f.product);
}

/** The name of a price key, as the report and the tree say it ("IP license: CloudLinux OS", "Imunify360 up to 30 users"). */
export function priceKeyName(key: string): string | undefined {
  const colon = key.indexOf(':');
  const family = colon < 0 ? key : key.slice(0, colon);
  const code = colon < 0 ? undefined : key.slice(colon + 1);
  switch (family) {
    case 'ip':
      return code === undefined ? l10n.t('IP licenses of any type without a price of its own') : /^\d+$/.test(code) ? l10n.t('IP license: {0}', ipTypeName(Number(code))) : undefined;
    case 'kcare':
      return code === undefined ? 'KernelCare' : undefined;
    case 'im':
      return code === undefined ? l10n.t('Imunify servers of any edition without a price of its own') : (nameOf(IMUNIFY_CODES, code) ?? `Imunify ${code}`);
    case 'els':
      return code === undefined ? 'ELS' : (nameOf(ELS_CODES, code) ?? `ELS ${code}`);
    case 'feature':
      return code === '4600' ? l10n.t('Imunify Email, per server (without a price: 10 % of the Imunify360 price)') : code && /^\d+$/.test(code) ? l10n.t('feature {0}, per server', code) : undefined;
    default:
      return undefined;
  }
}

/**
 * The products a price can be set for, each once, in this order: those of the account (`owned`:
 * keys), those of the report's findings (a kind of finding the names above do not know keeps the
 * finding's product name), then any the setting prices already (so a price can be changed or cleared).
 */
export function pricedProducts(owned: readonly string[], findings: readonly Finding[], prices: Record<string, number>): PricedProduct[] {
  const out = new Map<string, PricedProduct>();
  const add = (key: string, fallback?: string) => {
    if (out.has(key)) return;
    const name = priceKeyName(key) ?? fallback;
    if (name) out.set(key, { key, name });
  };
  for (const key of owned) add(key);
  for (const f of findings) if (f.removal) add(f.priceKey, f.productName);
  for (const key of Object.keys(prices)) add(key, key);
  return [...out.values()];
}

/** The keys of an account's products that the clean-up can price, from its lists: IP license types, KernelCare, Imunify editions. */
export function ownedPriceKeys(ipTypes: readonly number[], kcareKeys: number, imunifyCodes: readonly string[]): string[] {
  const keys: string[] = [];
  if (kcareKeys > 0) keys.push('kcare');
  const codes = new Set(imunifyCodes);
  for (const { code } of IMUNIFY_CODES) if (codes.has(code)) keys.push(`im:${code}`);
  for (const code of [...codes].sort()) if (!nameOf(IMUNIFY_CODES, code)) keys.push(`im:${code}`);
  if ([...codes].some((code) => code.startsWith('360'))) keys.push('feature:4600'); // Imunify Email is priced on Imunify360 servers
  for (const type of [...new Set(ipTypes)].sort((a, b) => a - b)) keys.push(`ip:${type}`);
  return keys;
}

/** A price as the user typed it: a number (dot for decimals), or null for "no price"; otherwise why not. */
export function parsePrice(text: string): { price: number | null } | { error: string } {
  const value = text.trim();
  if (value === '') return { price: null };
  if (!/^\d{1,7}(\.\d{1,4})?$/.test(value)) return { error: l10n.t('Enter the monthly price as a number such as 12 or 12.50 (a dot for decimals, no currency sign), or leave it empty for no price.') };
  const price = Number(value);
  if (price < PRICE_MIN || price > PRICE_MAX) return { error: l10n.t('Enter a price from {0} to {1}.', PRICE_MIN, PRICE_MAX.toLocaleString('en')) };
  return { price };
}

/** `prices` with `key` set to `price` (null: removed); the other entries as they were. */
export function withPrice(prices: Record<string, unknown>, key: string, price: number | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(prices)) if (k !== key) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  if (price !== null) Object.defineProperty(out, key, { value: price, enumerable: true, writable: true, configurable: true });
  return out;
}

/** A price for the user: "12.50". */
export function formatPrice(price: number): string {
  return price.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
}
