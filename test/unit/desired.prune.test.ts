/**
 * "Apply never removes on a doubt", as properties over random accounts and random
 * account files that name the same objects in random spellings (IPv6 in any case,
 * with or without leading zeros and "::", IPv4 inside IPv6, spaces around; refs in
 * any case; key strings and group members with spaces), some entries spoilt the
 * way a careless edit spoils them, and now and then a JSON syntax error.
 *
 * The oracle knows which account object each entry was written from; it never asks
 * the code under test what an entry names. A removal (or a conversion, which ends a
 * license of one type, or a member taken out of a group) is allowed only for an
 * object a valid entry marks "absent", or — in a section with "prune": true that has
 * no spoilt entry, no error in the plan and a file that is valid JSON — for an
 * object no entry names in any spelling. And in such a section every unnamed object
 * does go, so the property is not met by pruning nothing.
 */
import * as assert from 'node:assert/strict';
import { isIP, SocketAddress } from 'node:net';
import fc from 'fast-check';
import { createScanner, findNodeAtLocation, parseTree, ParseError, SyntaxKind } from 'jsonc-parser';
import { canonicalIp } from '../../src/cln/address';
import { keyRef, makePlan, parseDesired } from '../../src/features/accountFile/core';
import type { Plan, Snapshot } from '../../src/features/accountFile/core';
import type { IpAvailability } from '../../src/cln/types';

type GenValue = fc.GeneratorValue;
type Address = { v: 4; bytes: number[] } | { v: 6; groups: number[] };

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((bytes): Address => ({ v: 4, bytes }));
const group = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(0xffff) }, { weight: 1, arbitrary: fc.nat(0xf) });
const v6 = fc
  .oneof(
    { weight: 4, arbitrary: fc.array(group, { minLength: 8, maxLength: 8 }) },
    // IPv4-mapped (::ffff:a.b.c.d).
    { weight: 1, arbitrary: fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([a, b]) => [0, 0, 0, 0, 0, 0xffff, a, b]) },
  )
  .map((groups): Address => ({ v: 6, groups }));
const address = fc.oneof(v4, v6);
const identity = (a: Address) => (a.v === 4 ? a.bytes.join('.') : a.groups.join(':'));

/** The address in one of its many spellings; `spaces` adds white space around it. */
function spell(g: GenValue, a: Address, spaces: boolean): string {
  let text: string;
  if (a.v === 4) text = a.bytes.join('.');
  else {
    const dotted = g(fc.boolean);
    const hex = (dotted ? a.groups.slice(0, 6) : a.groups).map((n) => {
      const digits = '0'.repeat(g(fc.nat, 4 - n.toString(16).length)) + n.toString(16);
      return g(fc.boolean) ? digits.toUpperCase() : digits;
    });
    const parts = dotted ? [...hex, [a.groups[6] >> 8, a.groups[6] & 255, a.groups[7] >> 8, a.groups[7] & 255].join('.')] : hex;
    // "::" over any run of zero groups (one or more), or none.
    const runs: [number, number][] = [];
    for (let i = 0; i < hex.length; i++) for (let j = i; j < hex.length && parseInt(hex[j], 16) === 0; j++) runs.push([i, j + 1]);
    const run = runs.length && g(fc.boolean) ? runs[g(fc.nat, runs.length - 1)] : undefined;
    text = run ? `${parts.slice(0, run[0]).join(':')}::${parts.slice(run[1]).join(':')}` : parts.join(':');
  }
  assert.ok(isIP(text), `the generator spells addresses: ${text}`);
  return spaces ? `${g(fc.constantFrom, '', ' ', '\t', '  ')}${text}${g(fc.constantFrom, '', ' ', '\n')}` : text;
}

/** The same address, by an implementation other than canonicalIp's (inet_pton/inet_ntop). */
const socketForm = (text: string) => new SocketAddress({ address: text.trim(), family: isIP(text.trim()) === 6 ? 'ipv6' : 'ipv4' }).address;

const IP_TYPES = [1, 16, 41, 42, 43];
const pad = (g: GenValue) => g(fc.constantFrom, '', ' ', '  ');
const spellRef = (g: GenValue, ref: string) => `${pad(g)}${g(fc.boolean) ? ref.toUpperCase() : g(fc.boolean) ? `SHA256:${ref.slice(7)}` : ref}${pad(g)}`;

interface AccountObject {
  id: string;
  section: 'ipLicenses' | 'kernelcare' | 'imunify' | 'els' | 'serverGroups';
}
interface License extends AccountObject {
  address: Address;
  type: number;
  /** How CLN spells it: what a removal sends back. */
  cln: string;
}
interface Key extends AccountObject {
  key: string;
  code?: string;
  limit: number;
  note: string | null;
}
interface Group extends AccountObject {
  name: string;
  members: string[];
}

interface WrittenSection {
  prune: boolean;
  spoilt: boolean;
  entries: unknown[];
  /** Ids of objects any entry was written from, valid or spoilt. */
  named: Set<string>;
  /** Ids of objects a valid entry marks "absent". */
  absent: Set<string>;
  /** Groups: ids of the members each validly listed group names (any spelling), by group id. */
  members?: Map<string, Set<string>>;
}

type Choice = 'omit' | 'present' | 'absent' | 'spoilt' | 'twice';
/** What the file does with one object. A careful section (half of them) spoils nothing and names nothing twice. */
const choice = (g: GenValue, careful: boolean): Choice =>
  g(fc.constantFrom, ...((careful ? ['omit', 'omit', 'present', 'present', 'present', 'absent'] : ['omit', 'omit', 'present', 'present', 'present', 'absent', 'spoilt', 'twice']) as Choice[]));

function shuffle<T>(g: GenValue, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = g(fc.nat, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function writeLicenses(g: GenValue, licenses: License[], others: Address[]): WrittenSection {
  const out: WrittenSection = { prune: g(fc.boolean), spoilt: false, entries: [], named: new Set(), absent: new Set() };
  const careful = g(fc.boolean);
  /** Licenses the file lets go (marked absent, or unnamed under prune): another Imunify type on their address converts them. */
  const leaving: License[] = [];
  for (const l of licenses) {
    const how = choice(g, careful);
    if (how === 'omit' || how === 'absent') leaving.push(l);
    if (how === 'omit') continue;
    out.named.add(l.id);
    const entry = (absent: boolean) => ({ ip: spell(g, l.address, g(fc.boolean)), type: l.type, ...(absent ? { state: 'absent' } : {}) });
    if (how === 'present' || how === 'absent' || how === 'twice') {
      const first = how === 'absent' || (how === 'twice' && g(fc.boolean));
      out.entries.push(entry(first));
      if (first) out.absent.add(l.id);
      if (how === 'twice') {
        const second = g(fc.boolean);
        out.entries.push(entry(second));
        if (second) out.absent.add(l.id);
      }
      continue;
    }
    out.spoilt = true;
    const ip = spell(g, l.address, g(fc.boolean));
    const state = g(fc.boolean) ? { state: 'absent' } : {};
    out.entries.push(
      g(
        fc.constantFrom,
        ...[
          { ip, type: String(l.type), ...state },
          { ip: `${ip}x`, type: l.type, ...state },
          { ip, typ: l.type, ...state },
          { ip, type: l.type, State: 'absent' },
          { ip, type: l.type, state: 'Absent' },
          { ip, type: l.type, els: 'yes', ...state },
          { ip, type: l.type, comment: 'web1', ...state },
          ip,
        ],
      ),
    );
  }
  // Entries for licenses the account does not hold: new addresses, or other types on its own.
  for (let n = g(fc.nat, 4); n > 0; n--) {
    // Often another Imunify type on an address that holds one: a conversion when the old type goes.
    const imunify = leaving.filter((l) => [41, 42, 43].includes(l.type));
    const from = imunify.length && g(fc.boolean) ? imunify[g(fc.nat, imunify.length - 1)] : undefined;
    const a = from ? from.address : others[g(fc.nat, others.length - 1)];
    const type = from ? g(fc.constantFrom, 41, 42, 43) : g(fc.constantFrom, ...IP_TYPES);
    if (licenses.some((l) => identity(l.address) === identity(a) && l.type === type)) continue;
    out.entries.push({ ip: spell(g, a, g(fc.boolean)), type, ...(g(fc.boolean) ? {} : { state: 'absent' }) });
  }
  out.entries = shuffle(g, out.entries);
  return out;
}

function writeKeys(g: GenValue, keys: Key[], kind: 'kernelcare' | 'product'): WrittenSection {
  const out: WrittenSection = { prune: g(fc.boolean), spoilt: false, entries: [], named: new Set(), absent: new Set() };
  const careful = g(fc.boolean);
  const code = (k: Key) => (kind === 'product' ? { code: k.code } : {});
  const name = (k: Key) => (g(fc.boolean) ? { ref: spellRef(g, keyRef(k.key)) } : { key: `${pad(g)}${k.key}${pad(g)}` });
  for (const k of keys) {
    const how = choice(g, careful);
    if (how === 'omit') continue;
    out.named.add(k.id);
    const entry = (absent: boolean) => ({ ...name(k), ...code(k), ...(g(fc.boolean) ? { limit: k.limit } : {}), ...(absent ? { state: 'absent' } : {}) });
    if (how === 'present' || how === 'absent' || how === 'twice') {
      const first = how === 'absent' || (how === 'twice' && g(fc.boolean));
      out.entries.push(entry(first));
      if (first) out.absent.add(k.id);
      if (how === 'twice') {
        const second = g(fc.boolean);
        out.entries.push(entry(second));
        if (second) out.absent.add(k.id);
      }
      continue;
    }
    out.spoilt = true;
    const ref = keyRef(k.key);
    const state = g(fc.boolean) ? { state: 'absent' } : {};
    out.entries.push(
      g(
        fc.constantFrom,
        ...[
          { ref: ref.slice(0, -1), ...code(k), ...state },
          { ref: `sha1:${ref.slice(7)}`, ...code(k), ...state },
          // A ref one digit off names no key: an error while it says "present".
          { ref: ref.slice(0, -1) + (ref.endsWith('0') ? '1' : '0'), ...code(k) },
          { ...name(k), ...code(k), limit: String(k.limit), ...state },
          { ...name(k), ...code(k), notes: 'x', ...state },
          { ...name(k), ...code(k), state: 'gone' },
          { key: k.key, ref, ...code(k), ...state },
          { ...name(k), ...code(k), limit: -1, ...state },
        ],
      ),
    );
  }
  for (let n = g(fc.nat, 2); n > 0; n--) {
    if (g(fc.boolean)) out.entries.push({ ...(kind === 'product' ? { code: 'AVP' } : {}), limit: g(fc.nat, 5) });
    // A key already gone: "absent" and in no account.
    else out.entries.push({ ref: keyRef(`gone-${g(fc.nat, 1000)}`), ...(kind === 'product' ? { code: 'AVP' } : {}), state: 'absent' });
  }
  out.entries = shuffle(g, out.entries);
  return out;
}

function writeGroups(g: GenValue, groups: Group[], servers: string[]): WrittenSection {
  const out: WrittenSection = { prune: g(fc.boolean), spoilt: false, entries: [], named: new Set(), absent: new Set(), members: new Map() };
  const careful = g(fc.boolean);
  const member = (id: string) => (g(fc.boolean) ? `${pad(g)}${id}${pad(g)}` : { id: `${pad(g)}${id}${pad(g)}`, ...(g(fc.boolean) ? { hostname: 'h' } : {}) });
  for (const grp of groups) {
    const how = choice(g, careful);
    if (how === 'omit' || how === 'absent') continue;
    out.named.add(grp.id);
    const listed = servers.filter(() => g(fc.boolean));
    const entry = () => ({ name: `${pad(g)}${grp.name}${pad(g)}`, members: listed.map(member) });
    if (how === 'present' || how === 'twice') {
      // Without "members" an entry leaves the group's members alone.
      const withMembers = how === 'twice' || g(fc.boolean);
      out.entries.push(withMembers ? entry() : { name: grp.name });
      if (withMembers) out.members!.set(grp.id, new Set(listed));
      if (how === 'twice') out.entries.push(entry());
      continue;
    }
    out.spoilt = true;
    out.entries.push(
      g(
        fc.constantFrom,
        ...[
          { name: grp.name, members: [...listed.map(member), { id: 'x', hostnam: 'h' }] },
          { name: grp.name, members: listed.join(',') },
          { name: grp.name, member: listed },
          { name: grp.name, members: [...listed, 7] },
        ],
      ),
    );
  }
  if (g(fc.boolean)) out.entries.push({ name: 'new-group', members: [servers[0]] });
  out.entries = shuffle(g, out.entries);
  return out;
}

interface Scenario {
  text: string;
  snapshot: Snapshot;
  licenses: License[];
  keys: Key[];
  groups: Group[];
  written: Record<AccountObject['section'], WrittenSection | undefined>;
  refused: Set<string>;
  broken: boolean;
}

function scenario(g: GenValue): Scenario {
  const pool = g(() => fc.uniqueArray(address, { minLength: 2, maxLength: 10, selector: identity }));
  const held = pool.slice(0, Math.max(1, g(fc.nat, pool.length - 1)));
  const licenses: License[] = [];
  for (const a of held) {
    const cln = spell(g, a, false);
    for (const type of IP_TYPES.filter(() => g(fc.boolean))) licenses.push({ id: `ip:${identity(a)}#${type}`, section: 'ipLicenses', address: a, type, cln });
  }
  const keyOf = (prefix: string, i: number) => `${prefix}${i}${g(fc.stringMatching, /^[A-Za-z0-9]{12}$/)}`;
  const keys: Key[] = [
    ...Array.from({ length: g(fc.nat, 4) }, (_, i): Key => ({ id: `kc:${i}`, section: 'kernelcare', key: keyOf('kc', i), limit: g(fc.nat, 5), note: null })),
    ...Array.from({ length: g(fc.nat, 4) }, (_, i): Key => ({ id: `im:${i}`, section: 'imunify', key: keyOf('im', i), code: g(fc.constantFrom, 'AVP', '360_1'), limit: g(fc.nat, 5), note: null })),
    ...Array.from({ length: g(fc.nat, 3) }, (_, i): Key => ({ id: `els:${i}`, section: 'els', key: keyOf('els', i), code: g(fc.constantFrom, 'CELS', 'OELS'), limit: g(fc.nat, 5), note: null })),
  ];
  const servers = ['srv-1', 'srv-2', 'srv-3', 'srv-4', 'srv-5'];
  const groups: Group[] = Array.from({ length: g(fc.nat, 3) }, (_, i) => ({ id: `grp:${i}`, section: 'serverGroups', name: `group-${i}`, members: servers.filter(() => g(fc.boolean)) }));

  const written: Scenario['written'] = {
    ipLicenses: g(fc.boolean) ? writeLicenses(g, licenses, pool) : undefined,
    kernelcare: g(fc.boolean)
      ? writeKeys(
          g,
          keys.filter((k) => k.section === 'kernelcare'),
          'kernelcare',
        )
      : undefined,
    imunify: g(fc.boolean)
      ? writeKeys(
          g,
          keys.filter((k) => k.section === 'imunify'),
          'product',
        )
      : undefined,
    els: g(fc.boolean)
      ? writeKeys(
          g,
          keys.filter((k) => k.section === 'els'),
          'product',
        )
      : undefined,
    serverGroups: g(fc.boolean) ? writeGroups(g, groups, servers) : undefined,
  };
  const lists = { ipLicenses: 'licenses', kernelcare: 'keys', imunify: 'keys', els: 'keys', serverGroups: 'groups' } as const;
  const file: Record<string, unknown> = { version: 1, ...(g(fc.boolean) ? { keyReferences: true } : {}) };
  for (const [name, section] of Object.entries(written)) if (section) file[name] = { prune: section.prune, [lists[name as keyof typeof lists]]: section.entries };
  let text = JSON.stringify(file, null, g(fc.constantFrom, 0, 2));
  // Now and then a JSON syntax error: one brace, bracket, comma or colon gone (outside strings).
  const broken = g(fc.nat, 9) === 0;
  if (broken) {
    const spots: number[] = [];
    const scanner = createScanner(text);
    const punctuation = [SyntaxKind.CloseBraceToken, SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken, SyntaxKind.ColonToken];
    for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan())
      if (punctuation.includes(token) && scanner.getTokenOffset() < text.length - 1) spots.push(scanner.getTokenOffset());
    const at = spots[g(fc.nat, spots.length - 1)];
    text = text.slice(0, at) + text.slice(at + 1);
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    assert.ok(errors.length > 0, 'the generator breaks the JSON');
  }
  const snapshot: Snapshot = {
    ipLicenses: shuffle(g, licenses).map((l) => ({ ip: l.cln, type: l.type, registered: true, created: null })),
    kcareKeys: keys.filter((k) => k.section === 'kernelcare').map((k) => ({ key: k.key, enabled: true, created: null, limit: k.limit, note: k.note })),
    imunifyKeys: keys.filter((k) => k.section === 'imunify').map((k) => ({ key: k.key, code: k.code!, limit: k.limit, servers: null, note: k.note, type: null })),
    elsKeys: keys.filter((k) => k.section === 'els').map((k) => ({ key: k.key, code: k.code!, limit: k.limit, note: k.note })),
    groups: groups.map((grp) => ({ name: grp.name, description: null, members: grp.members.map((id) => ({ id, hostname: null, ip: null, type: null })) })),
  };
  // CLN refuses registration on some addresses (the IP is taken elsewhere): an error in the plan.
  const refused = new Set(pool.filter(() => g(fc.nat, 4) === 0).map((a) => socketForm(spell(g, a, false))));
  return { text, snapshot, licenses, keys, groups, written, refused, broken };
}

async function planOf(s: Scenario): Promise<Plan> {
  return makePlan({
    parsed: parseDesired(s.text),
    snapshot: s.snapshot,
    availability: async (ip): Promise<IpAvailability> => (s.refused.has(socketForm(ip)) ? { available: [], owned: [] } : { available: IP_TYPES, owned: [] }),
  });
}

/** Errors the plan reports inside a section of the text, by the test's own reading of where the section is. */
function errorsIn(s: Scenario, plan: Plan, name: string): number {
  const errors: ParseError[] = [];
  const root = parseTree(s.text, errors);
  const node = root && findNodeAtLocation(root, [name]);
  if (!node) return 0;
  return plan.problems.filter((p) => p.severity === 'error' && p.offset >= node.offset && p.offset < node.offset + node.length).length;
}

describe('desired state: no removal on a doubt (property)', () => {
  it('removes only what a valid entry marks absent, or what an error-free pruned section does not name in any spelling — and all of that', async () => {
    // What the runs went through: each kind of case must come up, or the property proves little.
    const seen = { pruned: 0, absentRemoved: 0, held: 0, heldForCln: 0, converted: 0, membersRemoved: 0, registered: 0, broken: 0, respelt: 0 };
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const s = scenario(g);
        const plan = await planOf(s);
        try {
          check(s, plan);
        } catch (error) {
          throw new Error(`${(error as Error).message}\nThe file:\n${s.text}\nThe account: ${JSON.stringify(s.snapshot)}\nThe plan: ${plan.changes.map((c) => c.title).join('; ')}`, { cause: error });
        }
        const anchors = new Set(plan.held.map((h) => h.at?.offset));
        const pruneAt = new Set(Object.values(parseDesired(s.text)).flatMap((v) => (v && typeof v === 'object' && 'anchor' in v && v.anchor ? [v.anchor.offset] : [])));
        for (const c of plan.changes) {
          if (c.op === 'remove') seen[c.at && pruneAt.has(c.at.offset) ? 'pruned' : 'absentRemoved']++;
          if (c.change.kind === 'ipConvert') seen.converted++;
          if (c.change.kind === 'groupRemove') seen.membersRemoved++;
          if (c.change.kind === 'ipRegister') seen.registered++;
        }
        if (plan.held.length) seen.held++;
        if (plan.held.some((h) => h.section === 'ipLicenses') && s.written.ipLicenses && !s.written.ipLicenses.spoilt && !s.broken && anchors.size) seen.heldForCln++;
        if (s.broken) seen.broken++;
        if (s.snapshot.ipLicenses.some((l) => l.ip !== canonicalIp(l.ip))) seen.respelt++;
      }),
      { numRuns: 400, endOnFailure: true },
    );
    for (const [what, count] of Object.entries(seen)) assert.ok(count >= 3, `the runs met "${what}" ${count} times: ${JSON.stringify(seen)}`);
  });
});

function check(s: Scenario, plan: Plan): void {
  const mayPrune = (name: AccountObject['section']) => {
    const w = s.written[name];
    return !!w && w.prune && !w.spoilt && !s.broken && errorsIn(s, plan, name) === 0;
  };
  const allowed = (o: AccountObject) => {
    const w = s.written[o.section];
    // A file that is not valid JSON removes nothing: its parser's recovery may read a broken entry as another.
    return !!w && !s.broken && (w.absent.has(o.id) || (mayPrune(o.section) && !w.named.has(o.id)));
  };
  const gone = new Set<string>();
  const licenseBy = (ip: string, type: number) => s.licenses.find((l) => l.cln === ip && l.type === type);
  for (const { change, title } of plan.changes) {
    if (change.kind === 'ipRemove' || change.kind === 'ipConvert') {
      const type = change.kind === 'ipRemove' ? change.type : change.from;
      const l = licenseBy(change.ip, type);
      assert.ok(l, `"${title}" sends ${change.ip} as CLN spells it, for a license the account holds`);
      assert.ok(allowed(l), `"${title}": ${l.id} is neither marked absent nor unnamed in an error-free pruned section`);
      gone.add(l.id);
    } else if (change.kind === 'kcareDelete' || change.kind === 'imRemove' || change.kind === 'elsRemove') {
      const k = s.keys.find((x) => x.key === change.key);
      assert.ok(k, `"${title}" names a key of the account`);
      assert.ok(allowed(k), `"${title}": ${k.id} is neither marked absent nor unnamed in an error-free pruned section`);
      gone.add(k.id);
    } else if (change.kind === 'groupRemove') {
      const grp = s.groups.find((x) => x.name === change.name)!;
      assert.ok(mayPrune('serverGroups'), `"${title}": members leave only a pruned, error-free section`);
      for (const id of change.ids) {
        assert.ok(grp.members.includes(id) && !s.written.serverGroups!.members!.get(grp.id)?.has(id), `"${title}": ${id} is a member no entry of the group names`);
        gone.add(`${grp.id}/${id}`);
      }
    } else if (change.kind === 'ipRegister') {
      const held = s.licenses.find((l) => socketForm(l.cln) === socketForm(change.ip) && l.type === change.type);
      assert.equal(held, undefined, `"${title}": the account already holds it, in another spelling`);
    }
  }
  // Prune is held back exactly when a pruned section is in doubt, and the plan says why.
  for (const name of ['ipLicenses', 'kernelcare', 'imunify', 'els', 'serverGroups'] as const) {
    const w = s.written[name];
    const held = plan.held.some((h) => h.section === name);
    if (!s.broken) assert.equal(held, !!w && w.prune && !mayPrune(name), `${name}: prune is held back exactly when the section is pruned and in doubt`);
    if (held)
      assert.ok(
        plan.problems.some((p) => p.severity === 'warning' && p.message.includes(`"${name}"`)),
        `${name}: the plan says why in Problems`,
      );
  }
  // An error-free pruned section removes every object it does not name.
  for (const name of ['ipLicenses', 'kernelcare', 'imunify', 'els'] as const) {
    const w = s.written[name];
    if (!mayPrune(name)) continue;
    const objects: AccountObject[] = name === 'ipLicenses' ? s.licenses : s.keys.filter((k) => k.section === name);
    for (const o of objects) if (!w!.named.has(o.id)) assert.ok(gone.has(o.id), `${o.id} is not named by the pruned ${name}: it goes`);
  }
  if (mayPrune('serverGroups')) {
    for (const grp of s.groups) {
      const names = s.written.serverGroups!.members!.get(grp.id);
      if (!names) continue;
      for (const id of grp.members) if (!names.has(id)) assert.ok(gone.has(`${grp.id}/${id}`), `${id} leaves ${grp.name}`);
    }
  }
}

describe('canonicalIp (src/cln/address.ts)', () => {
  it('gives two spellings one text exactly when they are the same address', () => {
    fc.assert(
      fc.property(fc.gen(), address, address, (g, a, b) => {
        const x = spell(g, a, true);
        const y = spell(g, g(fc.boolean) ? a : b, true);
        const same = socketForm(x) === socketForm(y);
        assert.equal(canonicalIp(x) === canonicalIp(y), same, `${JSON.stringify(x)} / ${JSON.stringify(y)}`);
        const c = canonicalIp(x)!;
        assert.equal(canonicalIp(c), c, 'canonical text is its own canonical text');
        assert.equal(isIP(c), a.v);
        assert.equal(c, c.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  it('writes RFC 5952 text, trims, and refuses what is not an address', () => {
    assert.equal(canonicalIp(' 2001:DB8:0:0::1 '), '2001:db8::1');
    assert.equal(canonicalIp('2001:0db8:0000:0000:0000:0000:0000:0001'), '2001:db8::1');
    assert.equal(canonicalIp('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1', 'the first of two equal runs');
    assert.equal(canonicalIp('2001:db8::1:0:0:0:1'), '2001:db8:0:1::1', 'the longest run');
    assert.equal(canonicalIp('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1', 'one zero group is not compressed');
    assert.equal(canonicalIp('::FFFF:10.0.0.1'), '::ffff:a00:1');
    assert.equal(canonicalIp('fe80::0001%eth0'), 'fe80::1%eth0');
    assert.equal(canonicalIp('\t192.0.2.1\n'), '192.0.2.1');
    for (const bad of ['', ' ', '192.0.2', '010.0.0.1', '192.0.2.256', '2001:db8::1::1', '10.0.0.1x', 'example.com', '[::1]', '::1/128']) assert.equal(canonicalIp(bad), undefined, bad);
  });
});
