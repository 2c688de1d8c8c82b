/**
 * Reads a desired-state file's text into typed entries, each with where it is
 * in the text (for diagnostics, CodeLens and decorations). Entries that do not
 * have the shape the schema asks for are reported and left out of planning.
 */
import * as l10n from '@vscode/l10n';
import { createScanner, findNodeAtLocation, getNodeValue, Node, parseTree, ParseError, printParseErrorCode, SyntaxKind } from 'jsonc-parser';
import { formatLimit, MAX_DESIRED_DEPTH, MAX_DESIRED_FILE_CHARS } from '../../cln/limits';
import type { GroupEntry, IpEntry, KcareEntry, ProductKeyEntry } from './format';
import { KEY_REF_PATTERN } from './format';

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
}

export interface ParsedDesired {
  problems: Problem[];
  keyReferences: boolean;
  ipLicenses: ParsedSection<IpEntry>;
  kernelcare: ParsedSection<KcareEntry>;
  imunify: ParsedSection<ProductKeyEntry>;
  els: ParsedSection<ProductKeyEntry>;
  serverGroups: ParsedSection<GroupEntry>;
}

export const SECTIONS = {
  ipLicenses: 'licenses',
  kernelcare: 'keys',
  imunify: 'keys',
  els: 'keys',
  serverGroups: 'groups',
} as const;
export type SectionName = keyof typeof SECTIONS;

const span = (node: Node): Span => ({ offset: node.offset, length: node.length });

type Check<T> = (value: Record<string, unknown>, at: (prop: string) => Span, problem: (message: string, prop?: string, severity?: Severity) => void) => T | undefined;

export function parseDesired(text: string): ParsedDesired {
  const problems: Problem[] = [];
  const empty = <T>(): ParsedSection<T> => ({ present: false, prune: false, entries: [] });
  const result: ParsedDesired = { problems, keyReferences: false, ipLicenses: empty(), kernelcare: empty(), imunify: empty(), els: empty(), serverGroups: empty() };
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
  if (!root) return result;
  if (root.type !== 'object') {
    problems.push({ severity: 'error', message: l10n.t('A desired-state file is a JSON object with sections such as "ipLicenses" and "kernelcare".'), ...span(root) });
    return result;
  }
  result.keyReferences = getNodeValue(findNodeAtLocation(root, ['keyReferences']) ?? ({ type: 'null' } as Node)) === true;
  result.ipLicenses = section(root, 'ipLicenses', problems, checkIpEntry);
  result.kernelcare = section(root, 'kernelcare', problems, checkKcareEntry);
  result.imunify = section(root, 'imunify', problems, checkProductKeyEntry('Imunify'));
  result.els = section(root, 'els', problems, checkProductKeyEntry('ELS'));
  result.serverGroups = section(root, 'serverGroups', problems, checkGroupEntry);
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
      if (++depth > MAX_DESIRED_DEPTH) return { severity: 'error', message: l10n.t('The file nests more than {0} levels deep; CLN Explorer plans files nested at most {0} levels.', formatLimit(MAX_DESIRED_DEPTH)), offset: scanner.getTokenOffset(), length: 1 };
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function section<T>(root: Node, name: SectionName, problems: Problem[], check: Check<T>): ParsedSection<T> {
  const node = findNodeAtLocation(root, [name]);
  if (!node) return { present: false, prune: false, entries: [] };
  if (node.type !== 'object') {
    problems.push({ severity: 'error', message: l10n.t('"{0}" is an object: { "prune": false, "{1}": [ … ] }.', name, SECTIONS[name]), ...span(node) });
    return { present: false, prune: false, entries: [] };
  }
  const pruneNode = findNodeAtLocation(node, ['prune']);
  const prune = pruneNode ? getNodeValue(pruneNode) : false;
  if (pruneNode && typeof prune !== 'boolean') problems.push({ severity: 'error', message: l10n.t('"prune" is true or false.'), ...span(pruneNode) });
  const anchorNode = pruneNode?.parent ?? node.parent ?? node;
  const list = findNodeAtLocation(node, [SECTIONS[name]]);
  const entries: Located<T>[] = [];
  if (list && list.type !== 'array') problems.push({ severity: 'error', message: l10n.t('"{0}" is a list.', SECTIONS[name]), ...span(list) });
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
    const checked = check(value, at, problem);
    if (checked !== undefined && !bad) entries.push({ value: checked, index, ...span(item) });
  }
  return { present: true, prune: prune === true, anchor: span(anchorNode), entries };
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function checkState(value: Record<string, unknown>, problem: (message: string, prop?: string) => void): void {
  if (value.state !== undefined && value.state !== 'present' && value.state !== 'absent') problem(l10n.t('"state" is "present" (the default) or "absent" (remove it from CLN).'), l10n.t('state'));
}

function checkNoteAndLimit(value: Record<string, unknown>, problem: (message: string, prop?: string) => void): void {
  if (value.limit !== undefined && !isWhole(value.limit)) problem(l10n.t('"limit" is a whole number of servers, 0 or more (0 means unlimited).'), l10n.t('limit'));
  if (value.note !== undefined && value.note !== null && typeof value.note !== 'string') problem(l10n.t('"note" is text.'), l10n.t('note'));
}

function checkIdentity(value: Record<string, unknown>, problem: (message: string, prop?: string) => void): void {
  if (value.key !== undefined && (typeof value.key !== 'string' || !value.key.trim())) problem(l10n.t('"key" is the key string.'), l10n.t('key'));
  if (value.ref !== undefined && (typeof value.ref !== 'string' || !KEY_REF_PATTERN.test(value.ref))) problem(l10n.t('"ref" is a key reference as Export writes it: "sha256:" and 16 hex digits.'), l10n.t('ref'));
  if (value.key !== undefined && value.ref !== undefined) problem(l10n.t('Name the key by "key" or by "ref", not both.'), l10n.t('ref'));
}

const checkIpEntry: Check<IpEntry> = (value, _at, problem) => {
  if (typeof value.ip !== 'string') problem(l10n.t('Each IP license has an "ip".'));
  if (value.type === undefined) problem(l10n.t('Each IP license has a "type" (a number, e.g. 1 for CloudLinux OS).'));
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
  return value as KcareEntry;
};

const checkProductKeyEntry =
  (family: string): Check<ProductKeyEntry> =>
  (value, _at, problem) => {
    checkIdentity(value, problem);
    if (typeof value.code !== 'string' || !value.code.trim()) problem(l10n.t('Each {0} key has a product "code".', family));
    checkNoteAndLimit(value, problem);
    checkState(value, problem);
    return value as unknown as ProductKeyEntry;
  };

const checkGroupEntry: Check<GroupEntry> = (value, _at, problem) => {
  if (typeof value.name !== 'string' || !value.name.trim()) problem(l10n.t('Each server group has a "name".'));
  if (value.description !== undefined && value.description !== null && typeof value.description !== 'string') problem(l10n.t('"description" is text.'), l10n.t('description'));
  if (value.members !== undefined) {
    const ok = Array.isArray(value.members) && value.members.every((m) => typeof m === 'string' || (m !== null && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string'));
    if (!ok) problem(l10n.t('"members" is a list of server ids, or of objects with an "id".'), l10n.t('members'));
  }
  return value as unknown as GroupEntry;
};
