/**
 * Input checks shared by the client (before any request), the simulator and the
 * input boxes (`validateInput`). Each returns a problem to show, or undefined.
 */
import * as l10n from '@vscode/l10n';
import { isIP } from 'net';
import { isYearMonth } from './dates';

export type Problem = string | undefined;

export function checkIp(value: string): Problem {
  const text = value.trim();
  if (!text) return l10n.t('Enter an IPv4 or IPv6 address.');
  return isIP(text) ? undefined : l10n.t('"{0}" is not a valid IPv4 or IPv6 address.', text);
}

export const MAX_IPS_PER_SERVER_CALL = 100;

export function checkIpList(values: readonly string[], max = MAX_IPS_PER_SERVER_CALL): Problem {
  if (values.length === 0) return l10n.t('Enter at least one IP address.');
  if (values.length > max) return l10n.t('At most {0} IP addresses per request (got {1}).', max, values.length);
  for (const ip of values) {
    const problem = checkIp(ip);
    if (problem) return problem;
  }
  return undefined;
}

/** Splits a pasted list of IPs or CIDRs on spaces, commas, semicolons and newlines. */
export function splitList(text: string): string[] {
  return text.split(/[\s,;]+/).filter((part) => part.length > 0);
}

export function checkCidr(value: string): Problem {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return l10n.t('"{0}" is not in CIDR form (address/prefix, e.g. 192.0.2.0/24).', value);
  const family = isIP(m[1]);
  if (!family) return l10n.t('"{0}" in "{1}" is not a valid IP address.', m[1], value);
  const prefix = Number(m[2]);
  const max = family === 4 ? 32 : 128;
  if (prefix > max) return l10n.t('The prefix /{0} in "{1}" is larger than /{2}.', prefix, value, max);
  return undefined;
}

export function checkCidrList(text: string): Problem {
  const parts = splitList(text);
  if (parts.length === 0) return l10n.t('Enter at least one IP range in CIDR form, e.g. 192.0.2.0/24.');
  for (const part of parts) {
    const problem = checkCidr(part);
    if (problem) return problem;
  }
  return undefined;
}

export function checkLimit(value: number): Problem {
  if (!Number.isInteger(value) || value < 0) return l10n.t('The limit is a whole number of servers, 0 or more (0 means unlimited).');
  if (value > 1_000_000) return l10n.t('The limit is too large.');
  return undefined;
}

/** Parses what a user typed into a limit box; NaN when it is not a whole number. */
export function parseWholeNumber(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

export const MAX_KCARE_NOTE = 100;

export function checkNote(value: string, max = MAX_KCARE_NOTE): Problem {
  return value.length > max ? l10n.t('The note may have at most {0} characters (it has {1}).', max, value.length) : undefined;
}

export function checkMonitoringKey(value: string): Problem {
  return /^[A-Za-z0-9]{16,32}$/.test(value) ? undefined : l10n.t('A monitoring key has 16 to 32 letters (a–z, A–Z) and digits.');
}

/** The static API security token of the CLN profile: one token of printable text, placed in a URL path. */
export function checkApiToken(value: string): Problem {
  if (!value || !value.trim()) return l10n.t('Enter the API security token from your CLN profile.');
  if (/[\s\u0000-\u001f/?#%\\]/.test(value)) return l10n.t('The API security token is one word: no spaces, slashes, "?", "#" or "%".');
  if (value.length > 200) return l10n.t('The API security token is too long.');
  return undefined;
}

/** What a user typed as an IP license type: a whole number, 1 or more. */
export function checkIpTypeText(text: string): Problem {
  const value = text.trim();
  if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) return l10n.t('An IP license type is a whole number, 1 or more (e.g. 44).');
  return undefined;
}

export function checkBackupSize(value: number): Problem {
  if (!Number.isInteger(value) || value <= 0 || value % 10 !== 0) return l10n.t('The backup size is in GB, a positive multiple of 10 (10, 20, 30, …).');
  return undefined;
}

export function checkBackupDelta(value: number): Problem {
  if (!Number.isInteger(value) || value === 0 || value % 10 !== 0) {
    return l10n.t('The change is in GB, a non-zero multiple of 10; negative to shrink (e.g. 20 or -10).');
  }
  return undefined;
}

export function checkYearMonth(value: string): Problem {
  return isYearMonth(value) ? undefined : l10n.t('"{0}" is not a month in yyyy-MM form, e.g. 2026-03.', value);
}

/** Keys, codes, ids, names: one token of printable text without spaces. */
export function checkIdentifier(value: string, what: string): Problem {
  if (!value || !value.trim()) return l10n.t('Enter the {0}.', what);
  if (/[\s\u0000-\u001f]/.test(value)) return l10n.t('The {0} must not contain spaces or control characters.', what);
  if (value.length > 200) return l10n.t('The {0} is too long.', what);
  return undefined;
}

export function checkName(value: string, what: string): Problem {
  if (!value || !value.trim()) return l10n.t('Enter the {0}.', what);
  if (/[\u0000-\u001f]/.test(value)) return l10n.t('The {0} must not contain control characters.', what);
  if (value.length > 200) return l10n.t('The {0} may have at most 200 characters.', what);
  return undefined;
}

/** The CloudLinux OS products of API v2 (REST-PDF): CL Legacy, Shared Pro, Solo, Admin. */
export const CL_PRODUCTS = ['CL', 'CLP', 'CLS', 'CLADMIN'] as const;

export function checkClProduct(value: string): Problem {
  return (CL_PRODUCTS as readonly string[]).includes(value.toUpperCase())
    ? undefined
    : l10n.t('"{0}" is not a CloudLinux OS product: use CL (Legacy), CLP (Shared Pro), CLS (Solo) or CLADMIN (Admin).', value.slice(0, 40));
}

/** `{"4600": "ENABLED"}`: at least one feature, ids whole numbers, states ENABLED, DISABLED or UNSET (any case). */
export function checkFeatureSettings(value: Readonly<Record<string, string>>): Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return l10n.t('expected feature settings (feature id to ENABLED, DISABLED or UNSET)');
  const ids = Object.keys(value);
  if (ids.length === 0) return l10n.t('Choose at least one feature to change.');
  if (ids.length > 1000) return l10n.t('Too many features in one change.');
  for (const id of ids) {
    if (!/^\d{1,10}$/.test(id)) return l10n.t('"{0}" is not a feature id (a whole number, e.g. 4600).', id.slice(0, 40));
    const state = value[id];
    if (typeof state !== 'string' || !/^(enabled|disabled|unset)$/i.test(state.trim())) return l10n.t('Feature {0} can be ENABLED, DISABLED or UNSET, not "{1}".', id, String(state).slice(0, 40));
  }
  return undefined;
}

/** The states in upper case, as CLN writes them. */
export function normalFeatureSettings(value: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).map(([id, state]) => [id, state.trim().toUpperCase()]));
}
