/**
 * The plan: the changes that make CLN hold what a desired-state file says,
 * what each entry of the file amounts to ("in CLN", "limit 2 → 5"), and the
 * entries that cannot be applied. Planning only reads. No `vscode` here.
 *
 * Never a removal on a doubt: objects are compared in one spelling (IPs by
 * canonicalIp, refs in lower case, text trimmed), and a section with
 * `"prune": true` removes nothing it does not list while it has any error
 * (or the file is not valid JSON): an entry that could not be read, or that
 * names nothing in the account, may name an object prune would remove. Its
 * removals are held back, and the plan says why (`held`, a problem on
 * "prune" and its CodeLens). Entries marked "absent" still go.
 */
import { appendTo } from '../../../cln/collections';
import * as l10n from '@vscode/l10n';
import { ELS_CODES, IMUNIFY_CODES, IMUNIFY_IP_TYPES, IP_LICENSE_TYPES, ipTypeName } from '../../../cln/catalog';
import type { ClKey, ClServer, ElsKey, ImunifyKey, IpAvailability, KcareKey } from '../../../cln/types';
import { featureName, IMUNIFY_EMAIL, settingText } from '../../../services/addons';
import { canonicalIp } from '../../../cln/address';
import { checkCidr, checkIp, checkNote } from '../../../cln/validate';
import { keyRef } from './format';
import type { ClKeyEntry, GroupEntry, IpEntry, KcareEntry, KeyIdentity, ProductKeyEntry } from './format';
import type { AddonEntry, Located, ParsedDesired, ParsedSection, Problem, SectionName, Span } from './parse';
import type { Snapshot } from './snapshot';

export type Change =
  | { kind: 'ipRegister'; ip: string; type: number; els?: boolean }
  | { kind: 'ipRemove'; ip: string; type: number }
  | { kind: 'ipConvert'; ip: string; from: number; to: number }
  | { kind: 'kcareCreate'; limit: number; note?: string; cidr?: string[] }
  | { kind: 'kcareDelete'; key: string }
  | { kind: 'imCreate'; code: string; limit: number; note?: string }
  | { kind: 'imUpdate'; key: string; limit: number; note: string }
  | { kind: 'imRemove'; key: string }
  | { kind: 'elsCreate'; code: string; limit: number; note?: string }
  | { kind: 'elsUpdate'; key: string; limit: number; note: string }
  | { kind: 'elsRemove'; key: string }
  | { kind: 'groupCreate'; name: string; description?: string; members: string[] }
  | { kind: 'groupAdd'; name: string; ids: string[] }
  | { kind: 'groupRemove'; name: string; ids: string[] }
  | { kind: 'clCreate'; product: string; limit: number; note?: string }
  | { kind: 'clUpdate'; key: string; limit: number; note: string }
  | { kind: 'clRemove'; key: string }
  | { kind: 'addonSet'; feature: string; state: 'ENABLED' | 'DISABLED' | 'UNSET' };

export type Operation = 'create' | 'update' | 'remove';

export interface PlannedChange {
  /** The same change always has the same id: plans are compared by it. */
  id: string;
  op: Operation;
  /** For people and logs, secrets left out: "register 192.0.2.7 as CloudLinux OS". */
  title: string;
  change: Change;
  /** The entry of the file the change comes from (for removals of unlisted objects: the section's `prune`). */
  at?: Span;
  /** Where a created key is written back: the entry's section and index. */
  entry?: { section: 'kernelcare' | 'imunify' | 'els' | 'cloudlinux'; index: number };
  /** 0 first: changes that need an earlier removal on the same IP run after it. */
  order: number;
}

export type StatusKind = 'same' | 'create' | 'update' | 'remove' | 'problem' | 'info';

/** What one entry (or a section's `prune`) amounts to, for CodeLens and decorations. */
export interface EntryStatus extends Span {
  kind: StatusKind;
  text: string;
}

export interface Plan {
  changes: PlannedChange[];
  problems: Problem[];
  statuses: EntryStatus[];
  counts: { create: number; update: number; remove: number };
  /** "+12 ~2 −3" */
  summary: string;
  /** Sections whose `"prune": true` removes nothing this time, and why (a sentence). */
  held: HeldPrune[];
}

export interface HeldPrune {
  section: SectionName;
  /** The section's `prune`. */
  at?: Span;
  reason: string;
}

export interface PlanInputs {
  parsed: ParsedDesired;
  snapshot: Snapshot;
  /** `ipl.availability` for an IP; asked only for licenses to register. */
  availability(ip: string): Promise<IpAvailability>;
  /** A CloudLinux OS product's servers by key (API v2); asked only for keys to remove, to name the servers they take. */
  clServers?(product: string): Promise<Map<string, ClServer[]>>;
  /** What turning Imunify Email (4600) to `state` at the account level costs a month, in a sentence; undefined when no price is known. */
  emailCost?(state: 'ENABLED' | 'DISABLED' | 'UNSET'): Promise<string | undefined>;
}

const knownType = (type: number) => IP_LICENSE_TYPES.some((t) => t.code === type);
const noteText = (note: string | null | undefined) => note ?? '';
const limitText = (limit: number) => (limit === 0 ? l10n.t('unlimited') : String(limit));
const keyLabel = (key: string) => `${keyRef(key).slice(7, 15)}…`;

export async function makePlan({ parsed, snapshot, availability, clServers, emailCost }: PlanInputs): Promise<Plan> {
  const changes: PlannedChange[] = [];
  const problems: Problem[] = [...parsed.problems];
  const statuses: EntryStatus[] = [];
  const held: HeldPrune[] = [];

  /**
   * Plans one section into a sink of its own. With "prune": true and any error
   * (reading the file, or planning the section), plans it again without prune:
   * its entries still apply, nothing unlisted is removed.
   */
  const section = async <T>(name: SectionName, parsedSection: ParsedSection<T>, plan: (section: ParsedSection<T>, sink: Sink) => void | Promise<void>) => {
    let out = collector();
    if (parsed.syntaxErrors > 0) {
      // Not valid JSON: the parser's recovery may have dropped an entry, or read a broken one as another. No removal at all.
      await plan({ ...parsedSection, prune: false }, out.sink);
      const held = l10n.t('Nothing is removed from "{0}" while the file is not valid JSON: a broken entry may read as another, or hide one. Fix the JSON, then plan again.', name);
      if (out.withhold(l10n.t('held back: the file is not valid JSON')) || parsedSection.prune) {
        holdBack(name, parsedSection, out.sink, held, l10n.t('prune held back: the file is not valid JSON'));
      }
      out.flush(changes, problems, statuses);
      return;
    }
    if (parsedSection.prune && parsedSection.errors === 0) {
      await plan(parsedSection, out.sink);
      if (out.errors() === 0) {
        out.flush(changes, problems, statuses);
        return;
      }
    }
    if (!parsedSection.prune) {
      await plan(parsedSection, out.sink);
      out.flush(changes, problems, statuses);
      return;
    }
    out = collector();
    await plan({ ...parsedSection, prune: false }, out.sink);
    const errors = parsedSection.errors + out.errors();
    holdBack(
      name,
      parsedSection,
      out.sink,
      errors === 1
        ? l10n.t('Nothing unlisted is removed from "{0}" while it has an error (see Problems): the entry may name an object prune would remove. Fix it, then plan again.', name)
        : l10n.t(
            'Nothing unlisted is removed from "{0}" while it has {1} errors (see Problems): an entry with an error may name an object prune would remove. Fix them, then plan again.',
            name,
            errors,
          ),
      errors === 1 ? l10n.t('prune held back: 1 error in this section') : l10n.t('prune held back: {0} errors in this section', errors),
    );
    out.flush(changes, problems, statuses);
  };
  const holdBack = (name: SectionName, parsedSection: ParsedSection<unknown>, sink: Sink, reason: string, lens: string) => {
    held.push({ section: name, at: parsedSection.anchor, reason });
    if (parsedSection.anchor) {
      sink.problem(parsedSection.anchor, reason, 'warning');
      sink.status(parsedSection.anchor, 'problem', lens);
    }
  };

  await section('ipLicenses', parsed.ipLicenses, (s, sink) => planIpLicenses(s, snapshot, availability, sink));
  await section('kernelcare', parsed.kernelcare, (s, sink) => planKcare(s, snapshot.kcareKeys, sink));
  await section('imunify', parsed.imunify, (s, sink) => planProductKeys('imunify', s, snapshot.imunifyKeys, sink));
  await section('els', parsed.els, (s, sink) => planProductKeys('els', s, snapshot.elsKeys, sink));
  await section('serverGroups', parsed.serverGroups, (s, sink) => planGroups(s, snapshot, sink));
  await section('cloudlinux', parsed.cloudlinux, (s, sink) => planCloudLinux(s, snapshot, clServers, sink));
  // Add-ons have no prune: an id the file does not write stays as CLN holds it.
  const addons = collector();
  await planAddons(parsed.addons, snapshot, emailCost, addons.sink);
  addons.flush(changes, problems, statuses);

  changes.sort((a, b) => a.order - b.order);
  const counts = { create: 0, update: 0, remove: 0 };
  for (const change of changes) counts[change.op]++;
  return { changes, problems, statuses, counts, summary: summarize(counts), held };
}

/** A sink that keeps what a section's planning says until it is kept (flush) or dropped. */
function collector() {
  const changes: PlannedChange[] = [];
  const problems: Problem[] = [];
  const statuses: EntryStatus[] = [];
  const sink: Sink = {
    add: (change) => changes.push({ order: 0, ...change }),
    problem: (at, message, severity = 'error') => problems.push({ ...at, severity, message }),
    status: (at, kind, text) => statuses.push({ ...at, kind, text }),
  };
  const removes = (c: PlannedChange) => c.op === 'remove' || c.change.kind === 'ipConvert' || c.change.kind === 'groupRemove';
  return {
    sink,
    errors: () => problems.filter((p) => p.severity === 'error').length,
    /** Drops every change that removes something (a conversion ends a license of one type too); their entries say `text`. How many. */
    withhold(text: string): number {
      const dropped = changes.filter(removes);
      for (const change of dropped) {
        const at = change.at;
        if (!at) continue;
        for (const s of statuses) if (s.offset === at.offset && s.length === at.length && (s.kind === 'remove' || s.kind === 'update')) Object.assign(s, { kind: 'problem', text });
      }
      changes.splice(0, changes.length, ...changes.filter((c) => !removes(c)));
      return dropped.length;
    },
    flush(intoChanges: PlannedChange[], intoProblems: Problem[], intoStatuses: EntryStatus[]) {
      intoChanges.push(...changes);
      intoProblems.push(...problems);
      intoStatuses.push(...statuses);
    },
  };
}

export function summarize(counts: { create: number; update: number; remove: number }): string {
  return `+${counts.create} ~${counts.update} −${counts.remove}`;
}

interface Sink {
  add(change: Omit<PlannedChange, 'order'> & { order?: number }): void;
  problem(at: Span, message: string, severity?: Problem['severity']): void;
  status(at: Span, kind: StatusKind, text: string): void;
}

async function planIpLicenses(section: ParsedSection<IpEntry>, snapshot: Snapshot, availability: PlanInputs['availability'], sink: Sink): Promise<void> {
  /** CLN's licenses by canonical address, each type with the spelling CLN gave (what a removal sends back). */
  const spellings = new Map<string, Map<number, string>>();
  for (const l of snapshot.ipLicenses) {
    const ip = canonicalIp(l.ip) ?? l.ip;
    const types = spellings.get(ip) ?? new Map<number, string>();
    if (!types.has(l.type)) types.set(l.type, l.ip);
    spellings.set(ip, types);
  }
  const current = new Map([...spellings].map(([ip, types]) => [ip, [...types.keys()]]));
  const asCln = (ip: string, type: number) => spellings.get(ip)?.get(type) ?? ip;
  const heldTypes = new Set(snapshot.ipLicenses.map((l) => l.type));
  const wanted = new Map<string, number[]>();
  const absent = new Map<string, number[]>();
  const seen = new Set<string>();
  const valid: Located<IpEntry>[] = [];
  for (const written of section.entries) {
    const ip = canonicalIp(written.value.ip);
    if (ip === undefined) {
      sink.problem(written, checkIp(written.value.ip) ?? l10n.t('"{0}" is not a valid IPv4 or IPv6 address.', written.value.ip));
      sink.status(written, 'problem', l10n.t('cannot be applied'));
      continue;
    }
    // From here on the entry's address is the canonical one: "2001:DB8::1" and " 2001:db8:0::1 " are the same license.
    const entry = { ...written, value: { ...written.value, ip } };
    const { type } = entry.value;
    const id = `${ip}#${type}`;
    if (seen.has(id)) {
      sink.problem(entry, l10n.t('{0} is listed with type {1} more than once; only the first entry counts.', ip, type));
      sink.status(entry, 'problem', l10n.t('duplicate'));
      continue;
    }
    seen.add(id);
    // A type the account holds is CLN's own: never a warning (an unedited export must plan clean).
    if (!knownType(type) && !current.get(ip)?.includes(type) && !heldTypes.has(type))
      sink.problem(entry, l10n.t('Type {0} is not in the list of license types CLN Explorer knows; CLN decides whether it accepts it.', type), 'warning');
    const into = entry.value.state === 'absent' ? absent : wanted;
    appendTo(into, ip, type);
    valid.push(entry);
  }

  /** Current licenses that go: listed as absent, or unlisted under prune. */
  const leaving = new Map<string, number[]>();
  for (const [ip, types] of current) {
    const going = types.filter((t) => (absent.get(ip) ?? []).includes(t) || (section.prune && !(wanted.get(ip) ?? []).includes(t)));
    if (going.length) leaving.set(ip, going);
  }

  const registrations: { entry: Located<IpEntry>; convertFrom?: number }[] = [];
  const converted = new Set<string>();
  const absentEntries: Located<IpEntry>[] = [];
  for (const entry of valid) {
    const { ip, type, els } = entry.value;
    const has = (current.get(ip) ?? []).includes(type);
    if (entry.value.state === 'absent') {
      absentEntries.push(entry);
      continue;
    }
    if (has) {
      sink.status(entry, 'same', l10n.t('in CLN'));
      if (els !== undefined)
        sink.problem(
          entry,
          l10n.t(
            'CLN does not report the ELS permission of a license it holds, so Plan cannot tell whether it differs; "els" is applied when a license is registered. Change it with CLN: Update IP License.',
          ),
          'info',
        );
      continue;
    }
    // An Imunify license of another Imunify type on the same IP that goes anyway: convert it instead.
    const from = IMUNIFY_IP_TYPES.includes(type) ? (leaving.get(ip) ?? []).find((t) => IMUNIFY_IP_TYPES.includes(t) && !converted.has(`${ip}#${t}`)) : undefined;
    if (from !== undefined) converted.add(`${ip}#${from}`);
    registrations.push({ entry, convertFrom: from });
  }

  for (const entry of absentEntries) {
    const { ip, type } = entry.value;
    if (converted.has(`${ip}#${type}`)) sink.status(entry, 'update', l10n.t('will be converted'));
    else if ((current.get(ip) ?? []).includes(type)) {
      const cln = asCln(ip, type);
      sink.add({ id: `ipRemove:${cln}#${type}`, op: 'remove', title: l10n.t('remove {0} ({1})', cln, ipTypeName(type)), change: { kind: 'ipRemove', ip: cln, type }, at: entry, order: 1 });
      sink.status(entry, 'remove', l10n.t('will be removed'));
    } else sink.status(entry, 'same', l10n.t('not in CLN'));
  }

  // Removals run after creates and updates, unless a registration waits for them.
  const prunedAt = section.anchor;
  const pruned: string[] = [];
  for (const [ip, types] of leaving) {
    for (const type of types) {
      if (converted.has(`${ip}#${type}`) || (absent.get(ip) ?? []).includes(type)) continue;
      const cln = asCln(ip, type);
      sink.add({ id: `ipRemove:${cln}#${type}`, op: 'remove', title: l10n.t('remove {0} ({1})', cln, ipTypeName(type)), change: { kind: 'ipRemove', ip: cln, type }, at: prunedAt, order: 1 });
      pruned.push(`${cln} (${ipTypeName(type)})`);
    }
  }
  if (prunedAt && section.prune)
    sink.status(prunedAt, pruned.length ? 'remove' : 'same', pruned.length ? l10n.t('will remove {0} not listed: {1}', pruned.length, listNames(pruned)) : l10n.t('prune: nothing unlisted in CLN'));

  const toCheck = registrations.filter((r) => r.convertFrom === undefined);
  const answers = await boundedAll(
    toCheck.map((r) => r.entry.value.ip),
    (ip) => availability(ip).catch((error: unknown) => error as Error),
  );
  for (const { entry, convertFrom } of registrations) {
    const { ip, type, els } = entry.value;
    if (convertFrom !== undefined) {
      const cln = asCln(ip, convertFrom);
      sink.add({
        id: `ipConvert:${cln}#${convertFrom}>${type}`,
        op: 'update',
        title: l10n.t('convert {0} from {1} to {2}', cln, ipTypeName(convertFrom), ipTypeName(type)),
        change: { kind: 'ipConvert', ip: cln, from: convertFrom, to: type },
        at: entry,
      });
      sink.status(entry, 'update', l10n.t('will be converted from {0}', ipTypeName(convertFrom)));
      continue;
    }
    const answer = answers.get(ip);
    const freed = (leaving.get(ip) ?? []).length > 0;
    if (answer && !(answer instanceof Error) && !answer.available.includes(type) && !answer.owned.includes(type) && !freed) {
      const offered = answer.available.length ? l10n.t('it offers {0}', answer.available.map((t) => `${t} (${ipTypeName(t)})`).join(', ')) : l10n.t('it offers no type for it');
      sink.problem(entry, l10n.t('CLN does not offer {0} (type {1}) for {2}: {3}. The IP may already hold a license of that family, in this or another account.', ipTypeName(type), type, ip, offered));
      sink.status(entry, 'problem', l10n.t('CLN refuses this type for this IP'));
      continue;
    }
    if (answer instanceof Error) sink.problem(entry, l10n.t('Could not check which types CLN offers for {0}: {1}', ip, answer.message), 'warning');
    const withEls = els === undefined ? {} : { els };
    sink.add({
      id: `ipRegister:${ip}#${type}`,
      op: 'create',
      title: els ? l10n.t('register {0} as {1} (ELS allowed)', ip, ipTypeName(type)) : l10n.t('register {0} as {1}', ip, ipTypeName(type)),
      change: { kind: 'ipRegister', ip, type, ...withEls },
      at: entry,
      order: freed ? 2 : 0,
    });
    sink.status(entry, 'create', l10n.t('will be registered'));
  }
}

interface KeyMatch<K> {
  found?: K;
  label: string;
}

function matchKey<K extends { key: string }>(identity: KeyIdentity, keys: readonly K[], refs: Map<string, K>): KeyMatch<K> {
  const key = identity.key?.trim();
  if (key !== undefined) return { found: keys.find((k) => k.key === key), label: keyLabel(key) };
  if (identity.ref !== undefined) return { found: refs.get(identity.ref), label: `${identity.ref.slice(7, 15)}…` };
  return { label: l10n.t('new key') };
}

function planKcare(section: ParsedSection<KcareEntry>, keys: readonly KcareKey[], sink: Sink): void {
  const refs = new Map(keys.map((k) => [keyRef(k.key), k]));
  const listed = new Set<string>();
  for (const entry of section.entries) {
    const e = entry.value;
    if (e.cidr)
      for (const range of e.cidr) {
        const bad = checkCidr(range);
        if (bad) sink.problem(entry, bad);
      }
    if (e.note && checkNote(e.note)) sink.problem(entry, checkNote(e.note)!);
    if (e.key === undefined && e.ref === undefined) {
      if (e.state === 'absent') {
        sink.problem(entry, l10n.t('Name the key to remove by "key" or "ref".'));
        continue;
      }
      if (e.limit === undefined) {
        sink.problem(entry, l10n.t('A new KernelCare key needs a "limit" (0 for unlimited).'));
        sink.status(entry, 'problem', l10n.t('cannot be created'));
        continue;
      }
      if (e.cidr?.some((c) => checkCidr(c))) continue;
      const note = e.note || undefined;
      sink.add({
        id: `kcareCreate:${entry.index}:${e.limit}:${note ?? ''}:${(e.cidr ?? []).join(',')}`,
        op: 'create',
        title: l10n.t(
          'create a KernelCare key ({0})',
          [l10n.t('limit {0}', limitText(e.limit)), ...(note ? [l10n.t('note "{0}"', note)] : []), ...(e.cidr?.length ? [l10n.t('ranges {0}', e.cidr.join(', '))] : [])].join(', '),
        ),
        change: { kind: 'kcareCreate', limit: e.limit, ...(note ? { note } : {}), ...(e.cidr?.length ? { cidr: e.cidr } : {}) },
        at: entry,
        entry: { section: 'kernelcare', index: entry.index },
      });
      sink.status(entry, 'create', l10n.t('will be created'));
      continue;
    }
    const { found, label } = matchKey(e, keys, refs);
    if (found && listed.has(found.key)) {
      sink.problem(entry, l10n.t('KernelCare key {0} is listed more than once; only the first entry counts.', label));
      sink.status(entry, 'problem', l10n.t('duplicate'));
      continue;
    }
    if (!found) {
      if (e.state === 'absent') sink.status(entry, 'same', l10n.t('not in CLN'));
      else {
        sink.problem(entry, l10n.t('This account has no KernelCare key {0}. To create a new key, leave out "key" and "ref".', label));
        sink.status(entry, 'problem', l10n.t('not in this account'));
      }
      continue;
    }
    listed.add(found.key);
    if (e.state === 'absent') {
      sink.add({
        id: `kcareDelete:${found.key}`,
        op: 'remove',
        title: found.note ? l10n.t('remove KernelCare key {0} ("{1}")', keyLabel(found.key), found.note) : l10n.t('remove KernelCare key {0}', keyLabel(found.key)),
        change: { kind: 'kcareDelete', key: found.key },
        at: entry,
        order: 1,
      });
      sink.status(entry, 'remove', l10n.t('will be removed'));
      continue;
    }
    const differs = [
      ...(e.limit !== undefined && e.limit !== found.limit ? [l10n.t('limit {0} → {1}', limitText(found.limit), limitText(e.limit))] : []),
      ...(e.note !== undefined && noteText(e.note) !== noteText(found.note) ? [l10n.t('note')] : []),
    ];
    if (differs.length) {
      sink.problem(
        entry,
        found.note
          ? l10n.t('CLN has no way to change a KernelCare key ({0}): remove it and create a new one instead. CLN holds limit {1}, note "{2}".', differs.join(', '), limitText(found.limit), found.note)
          : l10n.t('CLN has no way to change a KernelCare key ({0}): remove it and create a new one instead. CLN holds limit {1}.', differs.join(', '), limitText(found.limit)),
      );
      sink.status(entry, 'problem', l10n.t('{0}: CLN cannot change this', differs.join(', ')));
      continue;
    }
    if (e.cidr !== undefined)
      sink.problem(
        entry,
        l10n.t('CLN does not report the IP ranges of a key it holds, so Plan cannot tell whether they differ; "cidr" is applied when the key is created. Change them with CLN: Set Key IP Ranges.'),
        'info',
      );
    sink.status(entry, 'same', l10n.t('in CLN'));
  }
  pruneKeys(section, keys, listed, sink, (k) => ({
    id: `kcareDelete:${k.key}`,
    op: 'remove',
    title: k.note ? l10n.t('remove KernelCare key {0} ("{1}")', keyLabel(k.key), k.note) : l10n.t('remove KernelCare key {0}', keyLabel(k.key)),
    change: { kind: 'kcareDelete', key: k.key },
  }));
}

function planProductKeys(family: 'imunify' | 'els', section: ParsedSection<ProductKeyEntry>, keys: readonly (ImunifyKey | ElsKey)[], sink: Sink): void {
  const name = family === 'imunify' ? 'Imunify' : 'ELS';
  const catalog = family === 'imunify' ? IMUNIFY_CODES : ELS_CODES;
  const refs = new Map(keys.map((k) => [keyRef(k.key), k]));
  const listed = new Set<string>();
  const describe = (k: ImunifyKey | ElsKey) => (k.note ? l10n.t('{0} key {1} ({2}, "{3}")', name, keyLabel(k.key), k.code, k.note) : l10n.t('{0} key {1} ({2})', name, keyLabel(k.key), k.code));
  for (const entry of section.entries) {
    const e = entry.value;
    const code = e.code.trim();
    if (!catalog.some((c) => c.code === code)) sink.problem(entry, l10n.t('"{0}" is not in the known list of {1} product codes; CLN decides whether it accepts it.', code, name), 'warning');
    if (e.key === undefined && e.ref === undefined) {
      if (e.state === 'absent') {
        sink.problem(entry, l10n.t('Name the key to remove by "key" or "ref".'));
        continue;
      }
      if (e.limit === undefined) {
        sink.problem(entry, l10n.t('A new {0} key needs a "limit" (0 for unlimited).', name));
        sink.status(entry, 'problem', l10n.t('cannot be created'));
        continue;
      }
      const note = e.note || undefined;
      const change: Change = family === 'imunify' ? { kind: 'imCreate', code, limit: e.limit, ...(note ? { note } : {}) } : { kind: 'elsCreate', code, limit: e.limit, ...(note ? { note } : {}) };
      sink.add({
        id: `${change.kind}:${entry.index}:${code}:${e.limit}:${note ?? ''}`,
        op: 'create',
        title: note
          ? l10n.t('create an {0} key for {1} (limit {2}, note "{3}")', name, code, limitText(e.limit), note)
          : l10n.t('create an {0} key for {1} (limit {2})', name, code, limitText(e.limit)),
        change,
        at: entry,
        entry: { section: family, index: entry.index },
      });
      sink.status(entry, 'create', l10n.t('will be created'));
      continue;
    }
    const { found, label } = matchKey(e, keys, refs);
    if (found && listed.has(found.key)) {
      sink.problem(entry, l10n.t('{0} key {1} is listed more than once; only the first entry counts.', name, label));
      sink.status(entry, 'problem', l10n.t('duplicate'));
      continue;
    }
    if (!found) {
      if (e.state === 'absent') sink.status(entry, 'same', l10n.t('not in CLN'));
      else {
        sink.problem(entry, l10n.t('This account has no {0} key {1}. To create a new key, leave out "key" and "ref".', name, label));
        sink.status(entry, 'problem', l10n.t('not in this account'));
      }
      continue;
    }
    listed.add(found.key);
    if (e.state === 'absent') {
      sink.add({
        id: `${family}Remove:${found.key}`,
        op: 'remove',
        title: l10n.t('remove {0}', describe(found)),
        change: family === 'imunify' ? { kind: 'imRemove', key: found.key } : { kind: 'elsRemove', key: found.key },
        at: entry,
        order: 1,
      });
      sink.status(entry, 'remove', l10n.t('will be removed'));
      continue;
    }
    if (code !== found.code) {
      sink.problem(entry, l10n.t("CLN cannot change a key's product code (it holds {0}): remove the key and create a new one instead.", found.code));
      sink.status(entry, 'problem', l10n.t('code {0} → {1}: CLN cannot change this', found.code, code));
      continue;
    }
    const limit = e.limit ?? found.limit;
    const note = e.note === undefined ? noteText(found.note) : noteText(e.note);
    const differs = [
      ...(limit !== found.limit ? [`limit ${limitText(found.limit)} → ${limitText(limit)}`] : []),
      ...(note !== noteText(found.note) ? [note ? `note → "${note}"` : l10n.t('note removed')] : []),
    ];
    if (differs.length === 0) {
      sink.status(entry, 'same', l10n.t('in CLN'));
      continue;
    }
    const kind = family === 'imunify' ? 'imUpdate' : 'elsUpdate';
    sink.add({
      id: `${kind}:${found.key}:${limit}:${note}`,
      op: 'update',
      title: l10n.t('update {0}: {1}', describe(found), differs.join(', ')),
      change: { kind, key: found.key, limit, note },
      at: entry,
    });
    sink.status(entry, 'update', differs.join(', '));
  }
  pruneKeys(section, keys, listed, sink, (k) => ({
    id: `${family}Remove:${k.key}`,
    op: 'remove',
    title: l10n.t('remove {0}', describe(k)),
    change: family === 'imunify' ? { kind: 'imRemove', key: k.key } : { kind: 'elsRemove', key: k.key },
  }));
}

function pruneKeys<K extends { key: string }>(section: ParsedSection<unknown>, keys: readonly K[], listed: Set<string>, sink: Sink, removal: (k: K) => Omit<PlannedChange, 'order' | 'at'>): void {
  if (!section.prune || !section.anchor) return;
  const going = keys.filter((k) => !listed.has(k.key));
  for (const k of going) sink.add({ ...removal(k), at: section.anchor, order: 1 });
  sink.status(
    section.anchor,
    going.length ? 'remove' : 'same',
    going.length ? l10n.t('will remove {0} not listed: {1}', going.length, listNames(going.map((k) => removal(k).title.replace(/^remove /, '')))) : l10n.t('prune: nothing unlisted in CLN'),
  );
}

function planGroups(section: ParsedSection<GroupEntry>, snapshot: Snapshot, sink: Sink): void {
  const byName = new Map(snapshot.groups.map((g) => [g.name, g]));
  const seen = new Set<string>();
  for (const entry of section.entries) {
    const e = entry.value;
    const name = e.name.trim();
    if (seen.has(name)) {
      sink.problem(entry, l10n.t('Server group "{0}" is listed more than once; only the first entry counts.', name));
      sink.status(entry, 'problem', l10n.t('duplicate'));
      continue;
    }
    seen.add(name);
    const ids = (e.members ?? []).map((m) => (typeof m === 'string' ? m : m.id).trim());
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (dupes.length) sink.problem(entry, l10n.t('Listed more than once in "{0}": {1}.', name, listNames([...new Set(dupes)])), 'warning');
    const unique = [...new Set(ids)];
    const group = byName.get(name);
    if (!group) {
      const description = e.description || undefined;
      sink.add({
        id: `groupCreate:${name}:${unique.join(',')}`,
        op: 'create',
        title: !unique.length
          ? l10n.t('create server group "{0}"', name)
          : unique.length === 1
            ? l10n.t('create server group "{0}" with 1 server', name)
            : l10n.t('create server group "{0}" with {1} servers', name, unique.length),
        change: { kind: 'groupCreate', name, ...(description ? { description } : {}), members: unique },
        at: entry,
      });
      sink.status(entry, 'create', l10n.t('will be created'));
      continue;
    }
    if (e.description !== undefined && noteText(e.description) !== noteText(group.description)) {
      sink.problem(entry, l10n.t(`CLN has no way to change a server group's description (it holds "{0}").`, noteText(group.description)), 'warning');
    }
    const has = new Set(group.members.map((m) => m.id));
    const adding = e.members === undefined ? [] : unique.filter((id) => !has.has(id));
    const removing = e.members === undefined || !section.prune ? [] : group.members.map((m) => m.id).filter((id) => !unique.includes(id));
    const texts: string[] = [];
    if (adding.length) {
      sink.add({
        id: `groupAdd:${name}:${adding.join(',')}`,
        op: 'update',
        title: l10n.t('add {0} to server group "{1}"', listNames(adding), name),
        change: { kind: 'groupAdd', name, ids: adding },
        at: entry,
      });
      texts.push(`+${adding.length} server${adding.length === 1 ? '' : 's'}`);
    }
    if (removing.length) {
      sink.add({
        id: `groupRemove:${name}:${removing.join(',')}`,
        op: 'update',
        title: l10n.t('remove {0} from server group "{1}"', listNames(removing), name),
        change: { kind: 'groupRemove', name, ids: removing },
        at: entry,
        order: 1,
      });
      texts.push(`−${removing.length} server${removing.length === 1 ? '' : 's'}`);
    }
    sink.status(entry, texts.length ? 'update' : 'same', texts.length ? texts.join(', ') : l10n.t('in CLN'));
  }
  if (section.prune && section.anchor) {
    const unlisted = snapshot.groups.filter((g) => !seen.has(g.name));
    if (unlisted.length)
      sink.problem(
        section.anchor,
        unlisted.length === 1
          ? l10n.t('CLN has no way to delete a server group: {0} stays. "prune" removes unlisted members from the groups listed.', listNames(unlisted.map((g) => `"${g.name}"`)))
          : l10n.t('CLN has no way to delete a server group: {0} stay. "prune" removes unlisted members from the groups listed.', listNames(unlisted.map((g) => `"${g.name}"`))),
        'info',
      );
  }
}

/** Where v2 does not answer this account, a v2 section cannot be planned: an error on the section (so prune holds). */
function v2Missing(name: string, section: ParsedSection<unknown>, snapshot: Snapshot, sink: Sink): boolean {
  if (snapshot.v2) return false;
  if (section.present && section.anchor)
    sink.problem(
      section.anchor,
      l10n.t('CLN did not answer API v2 for this account ({0}), so "{1}" cannot be planned and nothing in it is applied.', snapshot.v2Unavailable ?? l10n.t('no answer'), name),
    );
  return true;
}

async function planCloudLinux(section: ParsedSection<ClKeyEntry>, snapshot: Snapshot, clServers: PlanInputs['clServers'], sink: Sink): Promise<void> {
  if (v2Missing('cloudlinux', section, snapshot, sink)) return;
  const keys = snapshot.v2?.clKeys ?? [];
  const refs = new Map(keys.map((k) => [keyRef(k.key), k]));
  const listed = new Set<string>();
  const describe = (k: ClKey) => (k.note ? l10n.t('CloudLinux OS key {0} ({1}, "{2}")', keyLabel(k.key), k.product, k.note) : l10n.t('CloudLinux OS key {0} ({1})', keyLabel(k.key), k.product));
  const removals: { key: ClKey; at: Span; entry: boolean }[] = [];
  for (const entry of section.entries) {
    const e = entry.value;
    const product = e.product;
    if (e.note && checkNote(e.note)) {
      sink.problem(entry, checkNote(e.note)!);
      continue;
    }
    if (e.key === undefined && e.ref === undefined) {
      if (e.state === 'absent') {
        sink.problem(entry, l10n.t('Name the key to remove by "key" or "ref".'));
        continue;
      }
      if (e.limit === undefined) {
        sink.problem(entry, l10n.t('A new CloudLinux OS key needs a "limit" (0 for unlimited).'));
        sink.status(entry, 'problem', l10n.t('cannot be created'));
        continue;
      }
      const note = e.note || undefined;
      sink.add({
        id: `clCreate:${entry.index}:${product}:${e.limit}:${note ?? ''}`,
        op: 'create',
        title: note
          ? l10n.t('create a CloudLinux OS key for {0} (limit {1}, note "{2}")', product, limitText(e.limit), note)
          : l10n.t('create a CloudLinux OS key for {0} (limit {1})', product, limitText(e.limit)),
        change: { kind: 'clCreate', product, limit: e.limit, ...(note ? { note } : {}) },
        at: entry,
        entry: { section: 'cloudlinux', index: entry.index },
      });
      sink.status(entry, 'create', l10n.t('will be created'));
      continue;
    }
    const { found, label } = matchKey(e, keys, refs);
    if (found && listed.has(found.key)) {
      sink.problem(entry, l10n.t('CloudLinux OS key {0} is listed more than once; only the first entry counts.', label));
      sink.status(entry, 'problem', l10n.t('duplicate'));
      continue;
    }
    if (!found) {
      if (e.state === 'absent') sink.status(entry, 'same', l10n.t('not in CLN'));
      else {
        sink.problem(entry, l10n.t('This account has no CloudLinux OS key {0}. To create a new key, leave out "key" and "ref".', label));
        sink.status(entry, 'problem', l10n.t('not in this account'));
      }
      continue;
    }
    listed.add(found.key);
    if (e.state === 'absent') {
      removals.push({ key: found, at: entry, entry: true });
      continue;
    }
    if (product !== found.product) {
      sink.problem(entry, l10n.t("CLN cannot change a key's product (it holds {0}): remove the key and create a new one instead.", found.product));
      sink.status(entry, 'problem', l10n.t('product {0} → {1}: CLN cannot change this', found.product, product));
      continue;
    }
    const limit = e.limit ?? found.limit;
    const note = e.note === undefined ? noteText(found.note) : noteText(e.note);
    const differs = [
      ...(limit !== found.limit ? [l10n.t('limit {0} → {1}', limitText(found.limit), limitText(limit))] : []),
      ...(note !== noteText(found.note) ? [note ? l10n.t('note → "{0}"', note) : l10n.t('note removed')] : []),
    ];
    if (differs.length === 0) {
      sink.status(entry, 'same', l10n.t('in CLN'));
      continue;
    }
    sink.add({
      id: `clUpdate:${found.key}:${limit}:${note}`,
      op: 'update',
      title: l10n.t('update {0}: {1}', describe(found), differs.join(', ')),
      change: { kind: 'clUpdate', key: found.key, limit, note },
      at: entry,
    });
    sink.status(entry, 'update', differs.join(', '));
  }
  if (section.prune && section.anchor) for (const k of keys) if (!listed.has(k.key)) removals.push({ key: k, at: section.anchor, entry: false });
  // A removal names the servers it takes: read per product, only for products with a key to remove.
  const products = [...new Set(removals.map((r) => r.key.product))];
  const servers = new Map<string, Map<string, ClServer[]> | Error>();
  await Promise.all(
    products.map(async (product) =>
      servers.set(product, clServers ? await clServers(product).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))) : new Error(l10n.t('not asked'))),
    ),
  );
  const pruned: string[] = [];
  for (const { key, at, entry } of removals) {
    const byKey = servers.get(key.product);
    if (byKey instanceof Error || byKey === undefined) {
      sink.problem(at, l10n.t('Could not read the servers of {0}, so its removal is not planned: {1}', describe(key), byKey?.message ?? ''));
      if (entry) sink.status(at, 'problem', l10n.t('cannot be removed'));
      continue;
    }
    const taken = (byKey.get(key.key) ?? []).map((s) => s.hostname || s.ip || `#${s.id}`);
    const title =
      taken.length === 0
        ? l10n.t('remove {0} (no servers registered with it)', describe(key))
        : taken.length === 1
          ? l10n.t('remove {0} and the server registered with it: {1}', describe(key), taken[0])
          : l10n.t('remove {0} and the {1} servers registered with it: {2}', describe(key), taken.length, listNames(taken, 10));
    sink.add({ id: `clRemove:${key.key}`, op: 'remove', title, change: { kind: 'clRemove', key: key.key }, at, order: 1 });
    if (entry)
      sink.status(at, 'remove', taken.length ? (taken.length === 1 ? l10n.t('will be removed with its server') : l10n.t('will be removed with {0} servers', taken.length)) : l10n.t('will be removed'));
    else pruned.push(describe(key));
  }
  if (section.prune && section.anchor)
    sink.status(
      section.anchor,
      pruned.length ? 'remove' : 'same',
      pruned.length ? l10n.t('will remove {0} not listed: {1}', pruned.length, listNames(pruned)) : l10n.t('prune: nothing unlisted in CLN'),
    );
}

async function planAddons(section: ParsedSection<AddonEntry>, snapshot: Snapshot, emailCost: PlanInputs['emailCost'], sink: Sink): Promise<void> {
  if (v2Missing('addons', section, snapshot, sink)) return;
  const held = snapshot.v2?.addons ?? new Map();
  for (const entry of section.entries) {
    const { feature, state } = entry.value;
    // A feature CLN lists no setting for depends on the lower levels: UNSET.
    const current = held.get(Number(feature)) ?? 'UNSET';
    if (current === state) {
      sink.status(entry, 'same', l10n.t('in CLN'));
      continue;
    }
    const change = l10n.t('{0}: {1} → {2}', featureName(feature), settingText(current), settingText(state));
    const cost = Number(feature) === IMUNIFY_EMAIL && emailCost ? await emailCost(state).catch(() => undefined) : undefined;
    sink.add({
      id: `addonSet:${feature}:${state}`,
      op: 'update',
      title: cost ? l10n.t('account level, {0}. {1}', change, cost) : l10n.t('account level, {0}', change),
      change: { kind: 'addonSet', feature, state },
      at: entry,
    });
    sink.status(entry, 'update', change);
  }
}

function listNames(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Asks `fn` once per distinct value, at most 6 at a time (the account's limiter bounds the requests anyway). */
async function boundedAll<T>(values: readonly string[], fn: (value: string) => Promise<T>): Promise<Map<string, T>> {
  const unique = [...new Set(values)];
  const answers = new Map<string, T>();
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const value = unique[next++];
      answers.set(value, await fn(value));
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, unique.length) }, worker));
  return answers;
}
