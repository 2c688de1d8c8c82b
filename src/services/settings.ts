/**
 * THE table of the extension's settings (`cln.*`, contributed in package.json): each one's default,
 * its bounds and who may set it. No `vscode`: the adapters read a raw value (src/ui/settings.ts) and
 * pass it through `clampSetting`, so whatever a settings file holds (0, -1, NaN as a string, 1e400,
 * an object where a number belongs) becomes a value the engines can run with. A unit test holds the
 * manifest's `minimum`/`maximum`, `scope` and the restricted list to this table, so they cannot drift.
 *
 * Scopes: `user` settings decide where the account's credentials go, how the account's requests
 * are made and what the clean-up proposes and how it confirms. They are `"scope": "application"` in
 * the manifest (VS Code ignores them in a workspace's or folder's settings.json, trusted or not) and
 * in `capabilities.untrustedWorkspaces.restrictedConfigurations`, and the adapter reads them from the
 * user settings only (`inspect().globalValue`), so neither a workspace nor another extension's
 * `configurationDefaults` can set them. `window` settings only change how the views show things.
 */

export type SettingScope = 'user' | 'window';

interface Common {
  scope: SettingScope;
}

export interface NumberSpec extends Common {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  /** Whole numbers only: a fraction is rounded down (then bounded). */
  integer?: boolean;
  /** A value above `min` but below this counts as this (`min` itself keeps its meaning, e.g. 0 = off). */
  floor?: number;
}

export interface StringSpec extends Common {
  kind: 'string';
  default: string;
}

export interface BooleanSpec extends Common {
  kind: 'boolean';
  default: boolean;
}

/** An object of numbers by name (`cln.cleanup.prices`): each value bounded, anything else dropped. */
export interface NumberMapSpec extends Common {
  kind: 'numberMap';
  default: Record<string, number>;
  min: number;
  max: number;
  /** At most this many entries are read (in the order the settings file has them). */
  maxEntries: number;
}

/** `cln.accounts`: entries keyed by login; `settingsFor` (services/accounts.ts) reads one entry. */
export interface AccountsSpec extends Common {
  kind: 'accounts';
  default: Record<string, unknown>;
}

export type SettingSpec = NumberSpec | StringSpec | BooleanSpec | NumberMapSpec | AccountsSpec;

/** The longest delay a timer can wait: Node and browsers fire a longer one (past 2³¹−1 ms) at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const SETTINGS = {
  apiUrl: { kind: 'string', default: 'https://cln.cloudlinux.com/api', scope: 'user' },
  accounts: { kind: 'accounts', default: {}, scope: 'user' },
  /** Seconds. */
  requestTimeout: { kind: 'number', default: 30, min: 1, max: 600, scope: 'user' },
  maxConcurrentRequests: { kind: 'number', default: 6, min: 1, max: 32, integer: true, scope: 'user' },
  maxResponseMB: { kind: 'number', default: 64, min: 1, max: 1024, scope: 'user' },
  /** Seconds; 0 turns polling off, anything else is at least `floor`. */
  statusRefreshInterval: { kind: 'number', default: 300, min: 0, max: 86_400, floor: 1, scope: 'user' },
  staleCheckinDays: { kind: 'number', default: 7, min: 1, max: 3650, integer: true, scope: 'window' },
  pageSize: { kind: 'number', default: 200, min: 20, max: 5000, integer: true, scope: 'window' },
  'hover.enabled': { kind: 'boolean', default: true, scope: 'window' },
  'cleanup.unusedDays': { kind: 'number', default: 30, min: 1, max: 9999, integer: true, scope: 'user' },
  'cleanup.prices': { kind: 'numberMap', default: {}, min: 0, max: 1_000_000, maxEntries: 500, scope: 'user' },
  'cleanup.confirmThreshold': { kind: 'number', default: 10, min: 0, max: 100, integer: true, scope: 'user' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

type ValueOf<S> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'string' }
    ? string
    : S extends { kind: 'boolean' }
      ? boolean
      : S extends { kind: 'numberMap' }
        ? Record<string, number>
        : Record<string, unknown>;

export type SettingValue<K extends SettingKey> = ValueOf<(typeof SETTINGS)[K]>;

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** The settings a workspace may not set (read from the user settings only). */
export const USER_ONLY_SETTINGS: readonly SettingKey[] = SETTING_KEYS.filter((key) => SETTINGS[key].scope === 'user');

export function isUserOnly(key: SettingKey): boolean {
  return SETTINGS[key].scope === 'user';
}

/** `raw` as a number within `spec`'s bounds, or undefined when it is no number at all (NaN, a string, an object). */
export function boundNumber(spec: Pick<NumberSpec, 'min' | 'max' | 'integer' | 'floor'>, raw: unknown): number | undefined {
  if (typeof raw !== 'number' || Number.isNaN(raw)) return undefined;
  let value = spec.integer ? Math.floor(raw) : raw;
  value = Math.min(spec.max, Math.max(spec.min, value));
  if (spec.floor !== undefined && value > spec.min && value < spec.floor) value = spec.floor;
  return value;
}

/**
 * The value the extension uses for `key` when the settings hold `raw` (undefined: not set): numbers
 * bounded (a fraction of a whole-number setting rounded down), a value of the wrong type replaced by
 * the default, prices without a number dropped.
 */
export function clampSetting<K extends SettingKey>(key: K, raw: unknown): SettingValue<K> {
  const spec: SettingSpec = SETTINGS[key];
  return clampTo(spec, raw) as SettingValue<K>;
}

function clampTo(spec: SettingSpec, raw: unknown): unknown {
  switch (spec.kind) {
    case 'number':
      return boundNumber(spec, raw) ?? spec.default;
    case 'string':
      return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : spec.default;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : spec.default;
    case 'numberMap': {
      if (!isPlainObject(raw)) return { ...spec.default };
      const out: Record<string, number> = {};
      for (const [name, value] of Object.entries(raw).slice(0, spec.maxEntries)) {
        const bounded = typeof value === 'number' && Number.isFinite(value) ? boundNumber(spec, value) : undefined;
        if (bounded !== undefined) Object.defineProperty(out, name, { value: bounded, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'accounts':
      return isPlainObject(raw) ? raw : { ...spec.default };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A delay for `setTimeout` that waits as asked: at least 0, at most MAX_TIMER_MS (NaN: `fallback`). */
export function timerDelay(ms: number, fallback: number): number {
  if (typeof ms !== 'number' || Number.isNaN(ms)) return fallback;
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}
