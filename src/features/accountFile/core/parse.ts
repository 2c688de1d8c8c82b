/**
 * Reads a desired-state file's text into typed entries, each with where it is
 * in the text (for diagnostics, CodeLens and decorations). Entries that do not
 * have the shape the schema asks for are reported and left out of planning,
 * and counted: a section with `"prune": true` and any error removes nothing
 * (plan.ts), since an entry left out could name an object prune would remove.
 * Unknown fields are errors (a misspelt "type" or "State" is not ignored), and
 * so are numbers written as text ("type": "1").
 */
import * as l10n from '@vscode/l10n';
import { createScanner, findNodeAtLocation, getNodeValue, Node, parseTree, ParseError, printParseErrorCode, SyntaxKind } from 'jsonc-parser';
import { formatLimit, MAX_DESIRED_DEPTH, MAX_DESIRED_FILE_CHARS } from '../../../cln/limits';
import { CL_PRODUCTS } from '../../../cln/validate';
import type { AddonState, ClKeyEntry, GroupEntry, IpEntry, KcareEntry, ProductKeyEntry } from './format';

export type Severity = 'error' | 'warning' | 'info';

export interface Span {
  offset: number;
  length: number;
}

export interface Problem extends Span {
  severity: Severity;
  message: string;
}

export interface Located<T> extends Span {
  value: T;
  /** Position in the section's list. */
  index: number;
}

export interface ParsedSection<T> {
  present: boolean;
  prune: boolean;
  /** The `prune` property, or the section itself: where removals of unlisted objects are shown. */
  anchor?: Span;
  entries: Located<T>[];
  /** Errors found reading the section (its fields and its entries'). */
  errors: number;
}

export interface ParsedDesired {
  problems: Problem[];
  /** JSON syntax errors: the parser's recovery may have dropped or merged entries anywhere. */
  syntaxErrors: number;
  /** The file names keys by reference: `"keyReferences": true`, or any key entry with a `ref`. */
  keyReferences: boolean;
  ipLicenses: ParsedSection<IpEntry>;
  kernelcare: ParsedSection<KcareEntry>;
  imunify: ParsedSection<ProductKeyEntry>;
  els: ParsedSection<ProductKeyEntry>;
  serverGroups: ParsedSection<GroupEntry>;
  cloudlinux: ParsedSection<ClKeyEntry>;
  /** The add-ons' account level: one entry per feature id, its state in upper case. */
  addons: ParsedSection<AddonEntry>;
}

export interface AddonEntry {
  /** The feature id as written (trimmed): 4600 is Imunify Email; other ids are kept as they are. */
  feature: string;
  state: AddonState;
}

export const SECTIONS = {
  ipLicenses: 'licenses',
  kernelcare: 'keys',
  imunify: 'keys',
  els: 'keys',
  serverGroups: 'groups',
  cloudlinux: 'keys',
} as const;
export type SectionName = keyof typeof SECTIONS;

/** The fields of an entry of each section, and of a server group's member object. */
const ENTRY_FIELDS: Record<SectionName, readonly string[]> = {
  ipLicenses: ['ip', 'type', 'els', 'state'],
  kernelcare: ['key', 'ref', 'limit', 'note', 'cidr', 'state'],
  imunify: ['key', 'ref', 'code', 'limit', 'note', 'state'],
  els: ['key', 'ref', 'code', 'limit', 'note', 'state'],
  serverGroups: ['name', 'description', 'members'],
  cloudlinux: ['key', 'ref', 'product', 'limit', 'note', 'state'],
};
const MEMBER_FIELDS = ['id', 'hostname', 'ip'];
const TOP_FIELDS = ['$schema', 'version', 'keyReferences', ...Object.keys(SECTIONS), 'addons'];
const KEY_SECTIONS = ['kernelcare', 'imunify', 'els', 'cloudlinux'] as const;
const ADDON_STATES: readonly AddonState[] = ['ENABLED', 'DISABLED', 'UNSET'];

const span = (node: Node): Span => ({ offset: node.offset, length: node.length });

type Check<T> = (value: Record<string, unknown>, at: (prop: string) => Span, problem: (message: string, prop?: string, severity?: Severity) => void) => T | undefined;

export function parseDesired(text: string): ParsedDesired {
  const problems: Problem[] = [];
  const empty = <T>(): ParsedSection<T> => ({ present: false, prune: false, entries: [], errors: 0 });
  const result: ParsedDesired = {
    problems,
    syntaxErrors: 0,
    keyReferences: false,
    ipLicenses: empty(),
    kernelcare: empty(),
    imunify: empty(),
    els: empty(),
    serverGroups: empty(),
    cloudlinux: empty(),
    addons: empty(),
  };
  // Past a limit nothing is read, so nothing is planned: one problem names the limit.
  const limit = beyondLimits(text);
  if (limit) {
    problems.push(limit);
    return result;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  for (const error of errors.slice(0, 20)) {
    problems.push({ severity: 'error', message: l10n.t('Not valid JSON: {0}.', describeParseError(printParseErrorCode(error.error))), offset: error.offset, length: Math.max(1, error.length) });
  }
  result.syntaxErrors = errors.length;
  if (!root) return result;
  if (root.type !== 'object') {
    problems.push({ severity: 'error', message: l10n.t('A desired-state file is a JSON object with sections such as "ipLicenses" and "kernelcare".'), ...span(root) });
    return result;
  }
  const twice = checkFields(root, TOP_FIELDS, problems, (name) => l10n.t('Unknown field "{0}": the file has only {1}. A misspelt section is not read at all.', name, TOP_FIELDS.join(', ')));
  const flag = findNodeAtLocation(root, ['keyReferences']);
  if (flag && flag.type !== 'boolean') problems.push({ severity: 'error', message: l10n.t('"keyReferences" is true or false.'), ...span(flag) });
  result.keyReferences = (flag !== undefined && getNodeValue(flag) === true) || KEY_SECTIONS.some((name) => namesByRef(findNodeAtLocation(root, [name, SECTIONS[name]])));
  result.ipLicenses = section(root, 'ipLicenses', problems, checkIpEntry);
  result.kernelcare = section(root, 'kernelcare', problems, checkKcareEntry);
  result.imunify = section(root, 'imunify', problems, checkProductKeyEntry('Imunify'));
  result.els = section(root, 'els', problems, checkProductKeyEntry('ELS'));
  result.serverGroups = section(root, 'serverGroups', problems, checkGroupEntry);
  result.cloudlinux = section(root, 'cloudlinux', problems, checkClKeyEntry);
  result.addons = addonsSection(root, problems);
  // A section written twice: which one JSON keeps is in doubt, so it counts as an error of the section.
  for (const name of twice) if (name in SECTIONS) result[name as SectionName].errors++;
  if (twice.has('addons')) result.addons.errors++;
  return result;
}

/**
 * A file larger than MAX_DESIRED_FILE_CHARS, or nested deeper than
 * MAX_DESIRED_DEPTH (parseTree recurses once per level: ten thousand "[" would
 * overflow the stack), found by one pass of the scanner.
 */
function beyondLimits(text: string): Problem | undefined {
  if (text.length > MAX_DESIRED_FILE_CHARS) {
    return { severity: 'error', message: l10n.t('The file has more than {0} characters; CLN Explorer plans files of at most {0}.', formatLimit(MAX_DESIRED_FILE_CHARS)), offset: 0, length: 1 };
  }
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_DESIRED_DEPTH)
        return {
          severity: 'error',
          message: l10n.t('The file nests more than {0} levels deep; CLN Explorer plans files nested at most {0} levels.', formatLimit(MAX_DESIRED_DEPTH)),
          offset: scanner.getTokenOffset(),
          length: 1,
        };
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Any entry of a key list that has a `ref`, whatever else is wrong with it. */
function namesByRef(list: Node | undefined): boolean {
  return list?.type === 'array' && (list.children ?? []).some((item) => item.type === 'object' && findNodeAtLocation(item, ['ref']) !== undefined);
}

/**
 * Reports each property of `node` not in `allowed` (with `unknown`'s message)
 * and each written more than once (JSON keeps the last: which one the writer
 * meant is in doubt). Returns the names written more than once.
 */
function checkFields(node: Node, allowed: readonly string[], problems: Problem[], unknown: (name: string) => string): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const property of node.children ?? []) {
    const keyNode = property.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    const name = keyNode.value;
    if (!allowed.includes(name)) problems.push({ severity: 'error', message: unknown(name), ...span(keyNode) });
    if (seen.has(name)) {
      twice.add(name);
      problems.push({ severity: 'error', message: l10n.t('"{0}" is written more than once here. JSON keeps only the last one, so which value is meant is in doubt.', name), ...span(keyNode) });
    }
    seen.add(name);
  }
  return twice;
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function section<T>(root: Node, name: SectionName, problems: Problem[], check: Check<T>): ParsedSection<T> {
  const node = findNodeAtLocation(root, [name]);
  const first = problems.length;
  const errors = () => problems.slice(first).filter((p) => p.severity === 'error').length;
  if (!node) return { present: false, prune: false, entries: [], errors: 0 };
  if (node.type !== 'object') {
    problems.push({ severity: 'error', message: l10n.t('"{0}" is an object: { "prune": false, "{1}": [ … ] }.', name, SECTIONS[name]), ...span(node) });
    return { present: false, prune: false, entries: [], errors: errors() };
  }
  checkFields(node, ['prune', SECTIONS[name]], problems, (field) => l10n.t('Unknown field "{0}": "{1}" has only "prune" and "{2}".', field, name, SECTIONS[name]));
  const pruneNode = findNodeAtLocation(node, ['prune']);
  const prune = pruneNode ? getNodeValue(pruneNode) : false;
  if (pruneNode && typeof prune !== 'boolean') problems.push({ severity: 'error', message: l10n.t('"prune" is true or false.'), ...span(pruneNode) });
  const anchorNode = pruneNode?.parent ?? node.parent ?? node;
  const list = findNodeAtLocation(node, [SECTIONS[name]]);
  const entries: Located<T>[] = [];
  if (list && list.type !== 'array') problems.push({ severity: 'error', message: l10n.t('"{0}" is a list.', SECTIONS[name]), ...span(list) });
  if (!list && prune === true) {
    problems.push({
      severity: 'error',
      message: l10n.t(
        '"prune" is true but "{0}" has no "{1}" list. Prune removes what the list does not name, so without a list it removes nothing; to remove them all, write "{1}": [].',
        name,
        SECTIONS[name],
      ),
      ...span(anchorNode),
    });
  }
  for (const [index, item] of (list?.type === 'array' ? (list.children ?? []) : []).entries()) {
    if (item.type !== 'object') {
      problems.push({ severity: 'error', message: l10n.t('Each entry of "{0}" is an object.', SECTIONS[name]), ...span(item) });
      continue;
    }
    const value = getNodeValue(item) as Record<string, unknown>;
    const at = (prop: string) => {
      const propNode = findNodeAtLocation(item, [prop]);
      return propNode ? span(propNode) : span(item);
    };
    let bad = false;
    const problem = (message: string, prop?: string, severity: Severity = 'error') => {
      if (severity === 'error') bad = true;
      problems.push({ severity, message, ...(prop ? at(prop) : span(item)) });
    };
    const fields = ENTRY_FIELDS[name];
    const before = problems.length;
    checkFields(item, fields, problems, (field) =>
      l10n.t('Unknown field "{0}": an entry of "{1}" has only {2}. It may be a misspelling, so the entry is not applied.', field, SECTIONS[name], fields.join(', ')),
    );
    if (name === 'serverGroups') {
      const members = findNodeAtLocation(item, ['members']);
      for (const member of members?.type === 'array' ? (members.children ?? []) : []) {
        if (member.type === 'object')
          checkFields(member, MEMBER_FIELDS, problems, (field) =>
            l10n.t('Unknown field "{0}": a member has only {1}. It may be a misspelling, so the group is not applied.', field, MEMBER_FIELDS.join(', ')),
          );
      }
    }
    if (problems.length > before) bad = true;
    const checked = check(value, at, problem);
    if (checked !== undefined && !bad) entries.push({ value: checked, index, ...span(item) });
  }
  return { present: true, prune: prune === true, anchor: span(anchorNode), entries, errors: errors() };
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
/** A number written as text ("1"): an error with its own message, never a silent mismatch. */
const isDigitText = (value: unknown): value is string => typeof value === 'string' && /^\s*\d+\s*$/.test(value);

/** A ref as Export writes it, in any case, spaces around it ignored. */
const REF_TEXT = /^sha256:[0-9a-f]{16}$/i;

function checkState(value: Record<string, unknown>, problem: (message: string, prop?: string) => void): void {
  if (value.state !== undefined && value.state !== 'present' && value.state !== 'absent') problem(l10n.t('"state" is "present" (the default) or "absent" (remove it from CLN).'), l10n.t('state'));
}

function checkNoteAndLimit(value: Record<string, unknown>, problem: (message: string, prop?: string) => void): void {
  if (isDigitText(value.limit)) problem(l10n.t('"limit" is a number, not text: write {0}, not "{1}".', Number(value.limit), value.limit), l10n.t('limit'));
  else if (value.limit !== undefined && !isWhole(value.limit)) problem(l10n.t('"limit" is a whole number of servers, 0 or more (0 means unlimited).'), l10n.t('limit'));
  if (value.note !== undefined && value.note !== null && typeof value.note !== 'string') problem(l10n.t('"note" is text.'), l10n.t('note'));
}

function checkIdentity(value: Record<string, unknown>, problem: (message: string, prop?: string) => void): void {
  if (value.key !== undefined && (typeof value.key !== 'string' || !value.key.trim())) problem(l10n.t('"key" is the key string.'), l10n.t('key'));
  if (value.ref !== undefined && (typeof value.ref !== 'string' || !REF_TEXT.test(value.ref.trim())))
    problem(l10n.t('"ref" is a key reference as Export writes it: "sha256:" and 16 hex digits.'), l10n.t('ref'));
  if (value.key !== undefined && value.ref !== undefined) problem(l10n.t('Name the key by "key" or by "ref", not both.'), l10n.t('ref'));
}

const checkIpEntry: Check<IpEntry> = (value, _at, problem) => {
  if (typeof value.ip !== 'string') problem(l10n.t('Each IP license has an "ip".'));
  if (value.type === undefined) problem(l10n.t('Each IP license has a "type" (a number, e.g. 1 for CloudLinux OS).'));
  else if (isDigitText(value.type)) problem(l10n.t('"type" is a number, not text: write {0}, not "{1}".', Number(value.type), value.type), l10n.t('type'));
  else if (!isWhole(value.type)) problem(l10n.t('"type" is a license type number, e.g. 1 for CloudLinux OS.'), l10n.t('type'));
  if (value.els !== undefined && typeof value.els !== 'boolean') problem(l10n.t('"els" is true or false.'), l10n.t('els'));
  checkState(value, problem);
  return value as unknown as IpEntry;
};

const checkKcareEntry: Check<KcareEntry> = (value, _at, problem) => {
  checkIdentity(value, problem);
  checkNoteAndLimit(value, problem);
  if (value.cidr !== undefined && (!Array.isArray(value.cidr) || value.cidr.some((c) => typeof c !== 'string'))) problem(l10n.t('"cidr" is a list of ranges such as "192.0.2.0/24".'), l10n.t('cidr'));
  checkState(value, problem);
  return withRef(value) as KcareEntry;
};

const checkProductKeyEntry =
  (family: string): Check<ProductKeyEntry> =>
  (value, _at, problem) => {
    checkIdentity(value, problem);
    if (typeof value.code !== 'string' || !value.code.trim()) problem(l10n.t('Each {0} key has a product "code".', family));
    checkNoteAndLimit(value, problem);
    checkState(value, problem);
    return withRef(value) as unknown as ProductKeyEntry;
  };

const checkClKeyEntry: Check<ClKeyEntry> = (value, _at, problem) => {
  checkIdentity(value, problem);
  const product = typeof value.product === 'string' ? value.product.trim().toUpperCase() : undefined;
  if (value.product === undefined) problem(l10n.t('Each CloudLinux OS key has a "product": {0}.', CL_PRODUCTS.join(', ')));
  else if (!product || !(CL_PRODUCTS as readonly string[]).includes(product))
    problem(l10n.t('"product" is one of {0} (in any case); "{1}" is not a CloudLinux OS product.', CL_PRODUCTS.join(', '), String(value.product)), l10n.t('product'));
  checkNoteAndLimit(value, problem);
  checkState(value, problem);
  return { ...withRef(value), ...(product ? { product } : {}) } as unknown as ClKeyEntry;
};

/**
 * `"addons": { "account": { "4600": "ENABLED" } }`: the account level of each add-on, by feature id.
 * Key and server levels are not in the file: API v2 can set them but not read them back, so Plan
 * could not compare them. An id not written is left as CLN holds it (there is no prune here).
 */
function addonsSection(root: Node, problems: Problem[]): ParsedSection<AddonEntry> {
  const node = findNodeAtLocation(root, ['addons']);
  const first = problems.length;
  const errors = () => problems.slice(first).filter((p) => p.severity === 'error').length;
  if (!node) return { present: false, prune: false, entries: [], errors: 0 };
  if (node.type !== 'object') {
    problems.push({ severity: 'error', message: l10n.t('"addons" is an object: { "account": { "4600": "ENABLED" } }.'), ...span(node) });
    return { present: false, prune: false, entries: [], errors: errors() };
  }
  checkFields(node, ['account'], problems, (field) => l10n.t('Unknown field "{0}": "addons" has only "account". Key and server levels are not in the file: API v2 cannot read them back.', field));
  const account = findNodeAtLocation(node, ['account']);
  const entries: Located<AddonEntry>[] = [];
  if (account && account.type !== 'object') problems.push({ severity: 'error', message: l10n.t('"account" is an object of feature ids and states: { "4600": "ENABLED" }.'), ...span(account) });
  if (account?.type === 'object') {
    const ids = (account.children ?? []).map((p) => p.children?.[0]?.value).filter((v): v is string => typeof v === 'string');
    const twice = checkFields(account, ids, problems, () => '');
    for (const [index, property] of (account.children ?? []).entries()) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || typeof keyNode.value !== 'string' || twice.has(keyNode.value)) continue;
      const feature = keyNode.value.trim();
      if (!/^\d+$/.test(feature)) {
        problems.push({ severity: 'error', message: l10n.t('"{0}" is not a feature id: add-ons are named by their number, e.g. "4600" for Imunify Email.', keyNode.value), ...span(keyNode) });
        continue;
      }
      const state = valueNode?.type === 'string' ? String(valueNode.value).trim().toUpperCase() : undefined;
      if (!state || !(ADDON_STATES as readonly string[]).includes(state)) {
        problems.push({ severity: 'error', message: l10n.t('The state of add-on {0} is "ENABLED", "DISABLED" or "UNSET".', feature), ...span(valueNode ?? keyNode) });
        continue;
      }
      entries.push({ value: { feature, state: state as AddonState }, index, ...span(property) });
    }
  }
  return { present: true, prune: false, anchor: span(node.parent ?? node), entries, errors: errors() };
}

/** The entry with its `ref` as Export writes it: trimmed, lower case (refs compare case-insensitively). */
function withRef(value: Record<string, unknown>): Record<string, unknown> {
  return typeof value.ref === 'string' ? { ...value, ref: value.ref.trim().toLowerCase() } : value;
}

const checkGroupEntry: Check<GroupEntry> = (value, _at, problem) => {
  if (typeof value.name !== 'string' || !value.name.trim()) problem(l10n.t('Each server group has a "name".'));
  if (value.description !== undefined && value.description !== null && typeof value.description !== 'string') problem(l10n.t('"description" is text.'), l10n.t('description'));
  if (value.members !== undefined) {
    const ok = Array.isArray(value.members) && value.members.every((m) => typeof m === 'string' || (m !== null && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string'));
    if (!ok) problem(l10n.t('"members" is a list of server ids, or of objects with an "id".'), l10n.t('members'));
  }
  return value as unknown as GroupEntry;
};
