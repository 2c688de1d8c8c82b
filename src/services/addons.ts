/**
 * CLN's add-on features (API v2's "features"): what each setting means, which one applies to an
 * Imunify key or server, what it costs, and what a change at a level would change. Pure functions
 * over what was read; no request and no `vscode` here. The tree's rows, the clean-up sweep, the
 * account file and the Change Imunify Email command all read it.
 *
 * What is documented (docs.cloudlinux.com dashboard page, Imunify Email docs): feature 4600 is
 * Imunify Email; it is set at account, key and server level, each with "depends on lower level";
 * enabling at the account installs it on every Imunify360 server, at a key on that key's servers;
 * disabling at a level removes it there; since 1 June 2024 it costs 10 % of the Imunify360 license.
 * What is inferred, and said so where it is shown: that the API's `UNSET` is "depends on lower
 * level", and that a server whose own setting is `UNSET` (no level below it) does not have it.
 */
import * as l10n from '@vscode/l10n';
import type { AccountService } from './accountService';
import { priceOf } from './cleanupFindings';
import { listNames } from './wording';

/** Imunify Email's feature id in CLN. */
export const IMUNIFY_EMAIL = 4600;

/** Imunify Email's price: a tenth of the Imunify360 license of the server (subscription customers, since 1 June 2024). */
export const IMUNIFY_EMAIL_SHARE = 0.1;

/** The price-list entry (cln.cleanup.prices) that, when set, is Imunify Email's monthly price per server outright. */
export const IMUNIFY_EMAIL_PRICE_KEY = `feature:${IMUNIFY_EMAIL}`;

/** The three words CLN uses for a setting. */
export const FEATURE_STATES = ['ENABLED', 'DISABLED', 'UNSET'] as const;
export type FeatureState = (typeof FEATURE_STATES)[number];

/**
 * A level's setting as read: one of CLN's three words; another word CLN used (kept as it said it,
 * never guessed); or undefined: not known (not read, or the read failed).
 */
export type Setting = FeatureState | { other: string } | undefined;

export type Level = 'account' | 'key' | 'server';

/** The level whose setting decides; 'none': no level enables it (every level "depends on lower level"). */
export type Source = Level | 'none';

/** What applies to a key or a server. */
export type Effective =
  /** Decided: on or off, and by which level. */
  | { kind: 'decided'; on: boolean; from: Source }
  /** A key whose account and own setting both leave it to each server. */
  | { kind: 'perServer' }
  /** Not known: a level that matters could not be read, or CLN used a word we do not know there. */
  | { kind: 'unknown'; level: Level; word?: string }
  /** Imunify Email is an Imunify360 add-on: ImunifyAV+ does not take it. */
  | { kind: 'notApplicable' };

/** A setting from CLN's answer: a dictionary value, whatever its type. */
export function settingOf(raw: unknown): Setting {
  if (raw === undefined || raw === null) return undefined;
  const word = String(raw).trim();
  const upper = word.toUpperCase();
  return (FEATURE_STATES as readonly string[]).includes(upper) ? (upper as FeatureState) : { other: word };
}

/** The account's Imunify Email setting as the cache holds it ('unread' when it holds none), without a request. */
export function cachedAccountEmail(account: AccountService | undefined): Setting | 'unread' {
  const cached = account?.cached('features.account')[0]?.value;
  if (!cached) return 'unread';
  return settingOf(cached.find((s) => s.feature === IMUNIFY_EMAIL)?.state ?? 'UNSET');
}

/** A feature's name: Imunify Email for 4600; any other id as "feature 1101", never hidden. */
export function featureName(id: number | string): string {
  return Number(id) === IMUNIFY_EMAIL ? 'Imunify Email' : l10n.t('feature {0}', String(id));
}

/** A setting in words: "on", "off", "depends on lower level", "not known", or CLN's own word. */
export function settingText(setting: Setting): string {
  if (setting === undefined) return l10n.t('not known');
  if (typeof setting === 'object') return l10n.t('"{0}" (CLN\'s word)', setting.other);
  switch (setting) {
    case 'ENABLED':
      return l10n.t('on');
    case 'DISABLED':
      return l10n.t('off');
    case 'UNSET':
      return l10n.t('depends on lower level');
  }
}

/** Imunify Email applies to Imunify360 keys and servers; an ImunifyAV+ key (AVP) does not take it. */
export function emailAppliesTo(code: string): boolean {
  return code.toUpperCase() !== 'AVP';
}

/**
 * What applies at one level given the level above: the account's setting decides when it is on or
 * off; `UNSET` hands the decision down. The last level (a server) hands it to no one: off.
 */
function decide(setting: Setting, level: Level): Effective | 'down' {
  if (setting === undefined) return { kind: 'unknown', level };
  if (typeof setting === 'object') return { kind: 'unknown', level, word: setting.other };
  if (setting === 'ENABLED') return { kind: 'decided', on: true, from: level };
  if (setting === 'DISABLED') return { kind: 'decided', on: false, from: level };
  return 'down';
}

/** What applies to a key: the account's setting, else the key's, else each server decides. */
export function effectiveForKey(code: string, account: Setting, key: Setting): Effective {
  if (!emailAppliesTo(code)) return { kind: 'notApplicable' };
  const fromAccount = decide(account, 'account');
  if (fromAccount !== 'down') return fromAccount;
  const fromKey = decide(key, 'key');
  return fromKey === 'down' ? { kind: 'perServer' } : fromKey;
}

/** What applies to a server: the account's setting, else its key's, else its own; all "depends on lower level": off. */
export function effectiveForServer(code: string, account: Setting, key: Setting, server: Setting): Effective {
  const above = effectiveForKey(code, account, key);
  if (above.kind !== 'perServer') return above;
  const own = decide(server, 'server');
  return own === 'down' ? { kind: 'decided', on: false, from: 'none' } : own;
}

/** A row's line: "Imunify Email: on, from the account". */
export function effectiveText(effective: Effective): string {
  switch (effective.kind) {
    case 'decided':
      if (effective.from === 'none') return l10n.t('Imunify Email: off, not enabled at any level');
      if (effective.on)
        return effective.from === 'account'
          ? l10n.t('Imunify Email: on, from the account')
          : effective.from === 'key'
            ? l10n.t('Imunify Email: on, from the key')
            : l10n.t('Imunify Email: on, from the server');
      return effective.from === 'account'
        ? l10n.t('Imunify Email: off, from the account')
        : effective.from === 'key'
          ? l10n.t('Imunify Email: off, from the key')
          : l10n.t('Imunify Email: off, from the server');
    case 'perServer':
      return l10n.t('Imunify Email: set per server');
    case 'notApplicable':
      return l10n.t('Imunify Email: not for ImunifyAV+');
    case 'unknown':
      if (effective.word !== undefined) return l10n.t('Imunify Email: not known (CLN said "{0}" for the {1})', effective.word, levelName(effective.level));
      if (effective.level === 'account') return l10n.t('Imunify Email: not known (the account setting could not be read)');
      return l10n.t("Imunify Email: depends on key and server settings, which CLN's API does not show");
  }
}

/** How a row's tooltip explains the states (the inference said as such). */
export function effectiveNote(): string {
  return l10n.t(
    'A level set to "depends on lower level" (UNSET in the API) leaves the decision to the level below; a server left so at every level does not have Imunify Email. CLN documents the three levels; that UNSET means "depends on lower level" is inferred. The API reads the account setting only: key and server settings are set, not shown.',
  );
}

export function levelName(level: Level): string {
  return level === 'account' ? l10n.t('account') : level === 'key' ? l10n.t('key') : l10n.t('server');
}

// ---- Cost

/** Imunify Email's monthly price for one server of an Imunify key of this product, and the price-list entry it comes from. */
export function emailPrice(code: string, prices: Readonly<Record<string, number>>): { perServer: number; from: string } | undefined {
  const own = priceOf(prices, IMUNIFY_EMAIL_PRICE_KEY);
  if (own !== undefined) return { perServer: own, from: IMUNIFY_EMAIL_PRICE_KEY };
  const exact = priceOf(prices, `im:${code}`);
  if (exact !== undefined) return { perServer: exact * IMUNIFY_EMAIL_SHARE, from: `im:${code}` };
  const fallback = priceOf(prices, 'im');
  return fallback === undefined ? undefined : { perServer: fallback * IMUNIFY_EMAIL_SHARE, from: 'im' };
}

/** Amounts as the clean-up report writes them (no currency: the price list has none). */
export function money(amount: number): string {
  return amount.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

// ---- What a change changes

/** Imunify Email's settings across the account, as read: the account's, each Imunify key's and each of its servers'. */
export interface EmailLayout {
  account: Setting;
  keys: readonly EmailKey[];
}

export interface EmailKey {
  key: string;
  /** The Imunify product code (360_1, AVP …). */
  code: string;
  setting: Setting;
  servers: readonly EmailServer[];
}

export interface EmailServer {
  id: string;
  ip: string | null;
  setting: Setting;
}

export type EmailTarget = { level: 'account' } | { level: 'key'; key: string } | { level: 'server'; key: string; id: string };

export interface EmailChange {
  target: EmailTarget;
  to: FeatureState;
}

export interface ServerRef {
  id: string;
  ip: string | null;
  key: string;
  code: string;
}

export interface EmailPreview {
  /** The setting at the level before the change. */
  before: Setting;
  turnsOn: ServerRef[];
  turnsOff: ServerRef[];
  /** Servers the change reaches whose state stays as it is. */
  unchanged: number;
  /** On after the change; whether they were on before is not known (their key or server setting is not shown). */
  onAfter: ServerRef[];
  /** Off after the change; whether they were on before is not known. */
  offAfter: ServerRef[];
  /** Servers whose state after the change is not known either. */
  unknown: ServerRef[];
  /** ImunifyAV+ servers the change does not reach. */
  notApplicable: number;
  /**
   * The monthly difference of the servers turning on and off that have a price (`unpriced` have none);
   * `upTo`: what the servers on (or off) after the change add (or save) at most, those already on (or off) adding nothing.
   */
  monthly: { delta: number; priced: number; unpriced: number; from: string[]; upTo: number };
  /** Set when nothing changes because a level above decides: that level and what it says. */
  decidedAbove?: { level: Level; on: boolean };
}

/** The layout with the change made. */
export function withChange(layout: EmailLayout, change: EmailChange): EmailLayout {
  const { target, to } = change;
  if (target.level === 'account') return { ...layout, account: to };
  return {
    ...layout,
    keys: layout.keys.map((key) => {
      if (key.key !== target.key) return key;
      if (target.level === 'key') return { ...key, setting: to };
      return { ...key, servers: key.servers.map((server) => (server.id === target.id ? { ...server, setting: to } : server)) };
    }),
  };
}

/** The setting at the changed level, as read. */
export function settingAt(layout: EmailLayout, target: EmailTarget): Setting {
  if (target.level === 'account') return layout.account;
  const key = layout.keys.find((k) => k.key === target.key);
  if (target.level === 'key') return key?.setting;
  return key?.servers.find((s) => s.id === target.id)?.setting;
}

/** Which servers a change at a level turns on or off, and what that costs a month (`prices`: cln.cleanup.prices). */
export function previewChange(layout: EmailLayout, change: EmailChange, prices: Readonly<Record<string, number>>): EmailPreview {
  const after = withChange(layout, change);
  const preview: EmailPreview = {
    before: settingAt(layout, change.target),
    turnsOn: [],
    turnsOff: [],
    onAfter: [],
    offAfter: [],
    unchanged: 0,
    unknown: [],
    notApplicable: 0,
    monthly: { delta: 0, priced: 0, unpriced: 0, from: [], upTo: 0 },
  };
  const from = new Set<string>();
  for (const [i, key] of layout.keys.entries()) {
    const target = change.target;
    if (target.level !== 'account' && target.key !== key.key) continue;
    const changedKey = after.keys[i];
    for (const [j, server] of key.servers.entries()) {
      if (target.level === 'server' && target.id !== server.id) continue;
      const ref: ServerRef = { id: server.id, ip: server.ip, key: key.key, code: key.code };
      if (!emailAppliesTo(key.code)) {
        preview.notApplicable++;
        continue;
      }
      const was = effectiveForServer(key.code, layout.account, key.setting, server.setting);
      const will = effectiveForServer(key.code, after.account, changedKey.setting, changedKey.servers[j].setting);
      if (will.kind !== 'decided') {
        preview.unknown.push(ref);
        continue;
      }
      if (was.kind === 'decided' && was.on === will.on) {
        preview.unchanged++;
        continue;
      }
      if (was.kind === 'decided') (will.on ? preview.turnsOn : preview.turnsOff).push(ref);
      else (will.on ? preview.onAfter : preview.offAfter).push(ref);
      const price = emailPrice(key.code, prices);
      if (price) {
        const amount = will.on ? price.perServer : -price.perServer;
        if (was.kind === 'decided') preview.monthly.delta += amount;
        else preview.monthly.upTo += amount;
        preview.monthly.priced++;
        from.add(price.from);
      } else preview.monthly.unpriced++;
    }
  }
  preview.monthly.from = [...from].sort();
  if (!moves(preview) && change.target.level !== 'account') {
    const above = decidingAbove(after, change.target);
    if (above) preview.decidedAbove = above;
  }
  return preview;
}

/** Whether any server may go on or off. */
function moves(preview: EmailPreview): boolean {
  return preview.turnsOn.length + preview.turnsOff.length + preview.onAfter.length + preview.offAfter.length > 0;
}

/** The level above `target` that decides, if one does (the account on or off; for a server, its key). */
function decidingAbove(layout: EmailLayout, target: EmailTarget): { level: Level; on: boolean } | undefined {
  if (layout.account === 'ENABLED' || layout.account === 'DISABLED') return { level: 'account', on: layout.account === 'ENABLED' };
  if (target.level !== 'server') return undefined;
  const key = layout.keys.find((k) => k.key === target.key)?.setting;
  return key === 'ENABLED' || key === 'DISABLED' ? { level: 'key', on: key === 'ENABLED' } : undefined;
}

/** "1 server", "3 servers". */
export function serversText(n: number): string {
  return n === 1 ? l10n.t('1 server') : l10n.t('{0} servers', n.toLocaleString('en-US'));
}

/** The preview in sentences, for a confirmation: which servers go on or off, and the monthly difference. */
export function previewLines(preview: EmailPreview, describeServer: (server: ServerRef) => string = serverWords): string[] {
  const lines: string[] = [];
  const names = (list: ServerRef[]) => listNames(list.map(describeServer), 10);
  if (preview.turnsOn.length) lines.push(l10n.t('Imunify Email turns on for {0}: {1}.', serversText(preview.turnsOn.length), names(preview.turnsOn)));
  if (preview.turnsOff.length) lines.push(l10n.t('Imunify Email turns off for {0}: {1}.', serversText(preview.turnsOff.length), names(preview.turnsOff)));
  if (preview.onAfter.length) lines.push(l10n.t('Imunify Email will be on for {0}: {1}.', serversText(preview.onAfter.length), names(preview.onAfter)));
  if (preview.offAfter.length) lines.push(l10n.t('Imunify Email will be off for {0}: {1}.', serversText(preview.offAfter.length), names(preview.offAfter)));
  if (preview.onAfter.length || preview.offAfter.length) lines.push(l10n.t("Which of them have it now is not known: CLN's API does not show key and server settings, only the account's."));
  if (!moves(preview) && !preview.unknown.length) {
    if (preview.decidedAbove)
      lines.push(
        preview.decidedAbove.on
          ? l10n.t('No server changes now: the {0} setting (on) decides. The new setting matters once that is "depends on lower level".', levelName(preview.decidedAbove.level))
          : l10n.t('No server changes now: the {0} setting (off) decides. The new setting matters once that is "depends on lower level".', levelName(preview.decidedAbove.level)),
      );
    else lines.push(l10n.t('No server changes.'));
  }
  if (preview.unchanged && moves(preview)) lines.push(l10n.t('Other servers it reaches stay as they are: {0}.', serversText(preview.unchanged)));
  if (preview.unknown.length) lines.push(l10n.t("The effect is not known for {0}: they depend on key or server settings CLN's API does not show.", serversText(preview.unknown.length)));
  if (preview.notApplicable) lines.push(l10n.t('ImunifyAV+ servers are not affected (Imunify Email is an Imunify360 add-on): {0}.', serversText(preview.notApplicable)));
  lines.push(costLine(preview));
  lines.push(l10n.t('CLN applies a change on the servers within 24 hours.'));
  return lines;
}

/** The monthly cost of a preview in a sentence. */
export function costLine(preview: EmailPreview): string {
  const { delta, priced, unpriced, upTo } = preview.monthly;
  if (priced === 0 && unpriced === 0) return preview.unknown.length ? l10n.t('Cost: not known, as the effect is not known.') : l10n.t('Cost: no change.');
  if (priced === 0) return l10n.t('Cost: not known. Add the Imunify360 prices (im:<code> or im) to the cln.cleanup.prices setting; Imunify Email costs 10 % of the license.');
  const basis = preview.monthly.from.includes(IMUNIFY_EMAIL_PRICE_KEY) ? l10n.t('{0} in cln.cleanup.prices', IMUNIFY_EMAIL_PRICE_KEY) : l10n.t('10 % of the Imunify360 price in cln.cleanup.prices');
  const parts: string[] = [];
  if (delta !== 0 || upTo === 0) parts.push(delta >= 0 ? l10n.t('about {0} more a month', money(delta)) : l10n.t('about {0} less a month', money(-delta)));
  if (upTo !== 0)
    parts.push(
      upTo > 0
        ? l10n.t('up to {0} more a month (servers that have it already cost nothing more)', money(upTo))
        : l10n.t('up to {0} less a month (servers that do not have it save nothing)', money(-upTo)),
    );
  const amount = parts.join('; ');
  return unpriced ? l10n.t('Cost: {0} ({1}); no price for {2}.', amount, basis, serversText(unpriced)) : l10n.t('Cost: {0} ({1}).', amount, basis);
}

function serverWords(server: ServerRef): string {
  return server.ip ? `${server.ip} (${server.id})` : server.id;
}
