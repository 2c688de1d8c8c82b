/**
 * Reconciling the account with an inventory a reseller already keeps: a CSV,
 * a plain list of IPs, or an Ansible hosts file (INI or YAML). Parsing is left
 * to well-kept libraries (papaparse, js-yaml; Ansible's INI dialect is read
 * here, since it is not the INI the `ini` package reads). Every reader is bounded
 * (cln/limits.ts): past a limit it throws an InventoryLimitError naming it, and
 * within the limits it takes time linear in the file — a YAML alias is read
 * once, however often it is used. Addresses are compared in canonical form
 * (cln/address.ts), as the plan compares them. No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { isIP } from 'net';
import * as yaml from 'js-yaml';
import Papa from 'papaparse';
import { canonicalIp } from '../../../cln/address';
import { formatBytes } from '../../../cln/body';
import { IP_LICENSE_TYPES, ipTypeName } from '../../../cln/catalog';
import { formatLimit, MAX_CSV_COLUMNS, MAX_INVENTORY_BYTES, MAX_INVENTORY_HOSTS, MAX_YAML_ALIASES, MAX_YAML_DEPTH, quoted } from '../../../cln/limits';
import type { IpLicense } from '../../../cln/types';
import { listNames } from '../../../services/wording';
import type { IpEntry } from './format';

export interface InventoryHost {
  ip: string;
  hostname?: string;
  /** The product as the inventory writes it, e.g. "CloudLinux OS" or "1". */
  product?: string;
}

export interface ParsedInventory {
  hosts: InventoryHost[];
  /** Lines or hosts that could not be used, said for the user. */
  skipped: string[];
}

export type InventoryFormat = 'csv' | 'ips' | 'ansible-ini' | 'ansible-yaml';

/** The host variable an Ansible inventory names the expected product with. */
export const ANSIBLE_PRODUCT_VAR = 'cln_product';

/** An inventory past one of the limits in cln/limits.ts; the message names the limit. */
export class InventoryLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryLimitError';
  }
}

/** The problem with an inventory of this many bytes, or undefined when it is small enough to read. */
export function inventorySizeProblem(bytes: number): string | undefined {
  return bytes > MAX_INVENTORY_BYTES ? l10n.t('The inventory is larger than {0}; CLN Explorer reads inventories of at most {0}.', formatBytes(MAX_INVENTORY_BYTES)) : undefined;
}

/** Throws an InventoryLimitError when the text is larger than MAX_INVENTORY_BYTES. */
export function checkInventorySize(text: string): void {
  // Cheap first: a UTF-8 byte is at most one UTF-16 unit, and each unit at most 3 bytes.
  if (text.length * 3 <= MAX_INVENTORY_BYTES) return;
  const problem = inventorySizeProblem(text.length > MAX_INVENTORY_BYTES ? text.length : Buffer.byteLength(text, 'utf8'));
  if (problem) throw new InventoryLimitError(problem);
}

/** Counts hosts (usable or not) as a reader meets them; past MAX_INVENTORY_HOSTS, an InventoryLimitError. */
function hostBudget(): () => void {
  let hosts = 0;
  return () => {
    if (++hosts > MAX_INVENTORY_HOSTS) throw new InventoryLimitError(l10n.t('The inventory has more than {0} hosts; CLN Explorer reads at most {0}.', formatLimit(MAX_INVENTORY_HOSTS)));
  };
}

export function detectFormat(fileName: string, text: string): InventoryFormat {
  const name = fileName.toLowerCase();
  if (/\.ya?ml$/.test(name)) return 'ansible-yaml';
  if (/\.csv$/.test(name)) return 'csv';
  // Line by line: a pattern with ^…$ over the whole text backtracks across lines (quadratic).
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (/\.(ini|cfg)$/.test(name) || lines.some((l) => /^\[[^\]]+\]$/.test(l))) return 'ansible-ini';
  const content = lines.filter((l) => l && !l.startsWith('#'));
  if (content.length > 0 && content.every((l) => l.split(/[\s,;]+/).every((t) => !t || isIP(t)))) return 'ips';
  if (lines.some((l) => /^[\w-]+\s*:$/.test(l))) return 'ansible-yaml';
  return 'csv';
}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** The header and rows of a CSV: at most MAX_CSV_COLUMNS columns and MAX_INVENTORY_HOSTS rows, else an InventoryLimitError. */
export function readCsv(text: string): CsvTable {
  checkInventorySize(text);
  const data: string[][] = [];
  const count = hostBudget();
  let error: InventoryLimitError | undefined;
  Papa.parse<string[]>(text.trim(), {
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      try {
        if (data.length === 0 && result.data.length > MAX_CSV_COLUMNS) {
          throw new InventoryLimitError(l10n.t('The CSV has more than {0} columns; CLN Explorer reads at most {0}.', formatLimit(MAX_CSV_COLUMNS)));
        }
        if (data.length > 0) count();
        data.push(result.data);
      } catch (limit) {
        error = limit as InventoryLimitError;
        parser.abort();
      }
    },
  });
  if (error) throw error;
  const [header = [], ...rows] = data;
  return { header: header.map((h) => h.trim()), rows };
}

export interface CsvMapping {
  ip: number;
  hostname?: number;
  product?: number;
}

/** A first guess at which columns hold what, from the header's words. */
export function guessMapping(header: readonly string[]): Partial<CsvMapping> {
  const find = (pattern: RegExp) => {
    const index = header.findIndex((h) => pattern.test(h));
    return index < 0 ? undefined : index;
  };
  return { ip: find(/\bip\b|address/i), hostname: find(/host|server|name/i), product: find(/product|licen[cs]e|type|plan/i) };
}

export function fromCsv(table: CsvTable, mapping: CsvMapping): ParsedInventory {
  const hosts: InventoryHost[] = [];
  const skipped: string[] = [];
  table.rows.forEach((row, i) => {
    const ip = (row[mapping.ip] ?? '').trim();
    const line = `row ${i + 2}`;
    if (!isIP(ip)) {
      skipped.push(l10n.t('{0}: "{1}" is not an IP address', line, quoted(ip)));
      return;
    }
    const hostname = mapping.hostname === undefined ? undefined : row[mapping.hostname]?.trim() || undefined;
    const product = mapping.product === undefined ? undefined : row[mapping.product]?.trim() || undefined;
    hosts.push({ ip, ...(hostname ? { hostname } : {}), ...(product ? { product } : {}) });
  });
  return { hosts, skipped };
}

export function fromIpList(text: string): ParsedInventory {
  checkInventorySize(text);
  const hosts: InventoryHost[] = [];
  const skipped: string[] = [];
  const count = hostBudget();
  text.split(/\r?\n/).forEach((line, i) => {
    const comment = line.indexOf('#');
    const content = (comment < 0 ? line : line.slice(0, comment)).trim();
    for (const token of content.split(/[\s,;]+/).filter(Boolean)) {
      count();
      if (isIP(token)) hosts.push({ ip: token });
      else skipped.push(l10n.t('line {0}: "{1}" is not an IP address', i + 1, quoted(token)));
    }
  });
  return { hosts, skipped };
}

/**
 * An Ansible INI inventory, read as Ansible reads it (its `ini` inventory
 * plugin), not as a generic INI file: `[group]` sections of host lines
 * `host ansible_host=IP var=value`, split like a shell line (quotes group,
 * `#` starts a comment); lines starting with `#` or `;` are comments;
 * `[group:vars]` and `[group:children]` sections hold no hosts. A host named
 * in several groups is one host (its later variables win). One pass over the
 * text, no exceptions thrown per line: the time is the file's length.
 */
export function fromAnsibleIni(text: string): ParsedInventory {
  checkInventorySize(text);
  const skipped: string[] = [];
  const count = hostBudget();
  const byName = new Map<string, Record<string, string>>();
  // Said once for all of them: a file of a million such lines makes one message, not a million.
  const unclosedLines: string[] = [];
  let unclosedCount = 0;
  let inHosts = true;
  // Lines found by indexOf, not split(/\r?\n/): a file of short lines then costs no array of them.
  for (let start = 0, lineNo = 1; start <= text.length; lineNo++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = line.startsWith('[') ? /^\[([^\]]*)\]$/.exec(line) : null;
    if (section) {
      inHosts = !/:(vars|children)$/.test(section[1].trim());
      continue;
    }
    if (!inHosts) continue;
    const { words, unclosed } = shellWords(line);
    if (words.length === 0) continue;
    if (unclosed) {
      if (++unclosedCount <= 5) unclosedLines.push(String(lineNo));
      continue;
    }
    const [host, ...pairs] = words;
    let vars = byName.get(host);
    if (!vars) {
      count();
      vars = {};
    }
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq > 0) vars[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    byName.set(host, vars);
  }
  if (unclosedCount === 1) skipped.push(l10n.t('line {0}: a quote is not closed', unclosedLines[0]));
  else if (unclosedCount > 1) skipped.push(l10n.t('lines {0}: a quote is not closed', listNames(unclosedLines, unclosedLines.length, unclosedCount)));
  const hosts: InventoryHost[] = [];
  for (const [host, vars] of byName) addAnsibleHost(host, vars, hosts, skipped);
  return { hosts, skipped };
}

/** A host line's words, as a POSIX shell splits them: quotes group and are removed, `\\` escapes, `#` outside quotes ends the line (Python's `shlex`, which Ansible uses). */
function shellWords(line: string): { words: string[]; unclosed: boolean } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '#') {
      break;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { words, unclosed: quote !== '' };
}

/**
 * An Ansible YAML inventory: `hosts:` mappings (host → variables) anywhere under
 * groups and `children:`. An alias is the very object it names, so a group or a
 * hosts mapping used many times (a "billion laughs" file), or one that contains
 * itself, is read once: the work is the file's size, not its expansion.
 */
export function fromAnsibleYaml(text: string): ParsedInventory {
  checkInventorySize(text);
  let doc: unknown;
  try {
    doc = yaml.load(text, { maxDepth: MAX_YAML_DEPTH, maxAliases: MAX_YAML_ALIASES });
  } catch (error) {
    // js-yaml's message carries a snippet of the file over several lines: its first line says what and where.
    if (error instanceof yaml.YAMLException) throw new Error(error.message.split('\n')[0], { cause: error });
    throw error;
  }
  const hosts: InventoryHost[] = [];
  const skipped: string[] = [];
  const count = hostBudget();
  const seen = new Set<object>();
  const firstTime = (value: unknown): value is Record<string, unknown> => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return false;
    seen.add(value);
    return true;
  };
  // Groups to read; the depth is the YAML's, at most MAX_YAML_DEPTH, but a list keeps it off the stack anyway.
  const groups: unknown[] = doc && typeof doc === 'object' ? Object.values(doc as Record<string, unknown>).reverse() : [];
  while (groups.length > 0) {
    const group = groups.pop();
    if (!firstTime(group)) continue;
    const g = group as { hosts?: unknown; children?: unknown };
    if (firstTime(g.hosts)) {
      for (const [host, vars] of Object.entries(g.hosts)) {
        count();
        addAnsibleHost(host, (vars && typeof vars === 'object' ? vars : {}) as Record<string, unknown>, hosts, skipped);
      }
    }
    if (firstTime(g.children)) {
      const children = Object.values(g.children);
      for (let i = children.length - 1; i >= 0; i--) groups.push(children[i]);
    }
  }
  return { hosts, skipped };
}

function addAnsibleHost(host: string, vars: Record<string, unknown>, hosts: InventoryHost[], skipped: string[]): void {
  const address = typeof vars.ansible_host === 'string' ? vars.ansible_host : isIP(host) ? host : undefined;
  if (!address || !isIP(address)) {
    skipped.push(l10n.t('{0}: no IP address (set ansible_host)', quoted(host)));
    return;
  }
  const product = vars[ANSIBLE_PRODUCT_VAR];
  hosts.push({ ip: address, ...(address !== host ? { hostname: host } : {}), ...(product !== undefined && product !== null ? { product: String(product) } : {}) });
}

/** The license type a product names: a type number, or a type's name in any case. */
export function productType(product: string): number | undefined {
  const text = product.trim();
  if (/^\d+$/.test(text)) return Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
  return IP_LICENSE_TYPES.find((t) => t.name.toLowerCase() === text.toLowerCase())?.code;
}

export interface WrongProduct {
  host: InventoryHost;
  /** The address as CLN spells it: the licenses a change removes are named so. */
  ip: string;
  expected: number;
  actual: number[];
}

export interface Reconciliation {
  /** IPs CLN licenses that the inventory does not list: paying for servers you may not have. As CLN spells them. */
  onlyInCln: { ip: string; types: number[] }[];
  /** Inventory hosts CLN has no license for: unlicensed. Addresses in canonical form. */
  onlyInInventory: InventoryHost[];
  wrongProduct: WrongProduct[];
  /** Hosts whose product names no license type. */
  unknownProducts: InventoryHost[];
  /** IPs the inventory lists more than once, in any spelling (the first counts). */
  duplicates: string[];
}

/** What an address is compared by: its canonical form (cln/address.ts), as the plan compares addresses. */
const addressKey = (ip: string): string => canonicalIp(ip) ?? ip.trim();

export function reconcile(inventory: readonly InventoryHost[], licenses: readonly IpLicense[]): Reconciliation {
  const byIp = new Map<string, InventoryHost>();
  const duplicates: string[] = [];
  for (const host of inventory) {
    const ip = addressKey(host.ip);
    if (byIp.has(ip)) duplicates.push(ip);
    else byIp.set(ip, { ...host, ip });
  }
  const held = new Map<string, { ip: string; types: number[] }>();
  for (const l of licenses) {
    const key = addressKey(l.ip);
    const entry = held.get(key);
    if (entry) entry.types.push(l.type);
    else held.set(key, { ip: l.ip, types: [l.type] });
  }
  const result: Reconciliation = { onlyInCln: [], onlyInInventory: [], wrongProduct: [], unknownProducts: [], duplicates };
  for (const [key, { ip, types }] of [...held].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!byIp.has(key)) result.onlyInCln.push({ ip, types: types.sort((a, b) => a - b) });
  for (const [key, host] of byIp) {
    const entry = held.get(key);
    if (!entry) {
      result.onlyInInventory.push(host);
      continue;
    }
    if (host.product === undefined) continue;
    const expected = productType(host.product);
    if (expected === undefined) result.unknownProducts.push(host);
    else if (!entry.types.includes(expected)) result.wrongProduct.push({ host, ip: entry.ip, expected, actual: entry.types });
  }
  return result;
}

export type ReviewList = 'onlyInCln' | 'onlyInInventory' | 'wrongProduct';

/** One entry of a reconciliation's list as Compare with Inventory offers it: checked, it goes into the desired-state file. */
export interface ReviewItem {
  label: string;
  description: string;
  detail?: string;
  /** Whether the pick list starts with it checked: never when it removes a license. */
  picked: boolean;
  ip: string;
  /** The type the file registers (or keeps) on the address. */
  present?: number;
  /** The types the file removes from the address. */
  absent: number[];
}

/** Inventory hosts CLN has no license for whose product names no type: the command asks what to register them as. */
export function hostsWithoutType(r: Reconciliation): InventoryHost[] {
  return r.onlyInInventory.filter((h) => h.product === undefined || productType(h.product) === undefined);
}

/**
 * The entries of one list, for the pick list the desired-state file is made
 * from. Nothing that removes a license starts checked: a removal is only ever
 * what a person chose. `fallbackType` is the type for hosts of hostsWithoutType.
 */
export function reviewItems(list: ReviewList, r: Reconciliation, fallbackType?: number): ReviewItem[] {
  const items: Omit<ReviewItem, 'picked'>[] =
    list === 'onlyInCln'
      ? r.onlyInCln.map((x) => ({ label: x.ip, description: describeTypes(x.types), detail: l10n.t('check to remove it from CLN'), ip: x.ip, absent: x.types }))
      : list === 'wrongProduct'
        ? r.wrongProduct.map((w) => ({
            label: w.ip,
            description: `${w.host.hostname ? `${w.host.hostname} · ` : ''}${describeTypes(w.actual)} → ${ipTypeName(w.expected)}`,
            detail: l10n.t('check to remove {0} from CLN and register {1}', describeTypes(w.actual), ipTypeName(w.expected)),
            ip: w.ip,
            present: w.expected,
            absent: w.actual,
          }))
        : r.onlyInInventory.flatMap((h) => {
            const type = (h.product !== undefined ? productType(h.product) : undefined) ?? fallbackType;
            if (type === undefined) return [];
            return [
              {
                label: h.ip,
                description: h.hostname ? l10n.t('{0} · register as {1}', h.hostname, ipTypeName(type)) : l10n.t('register as {0}', ipTypeName(type)),
                ip: h.ip,
                present: type,
                absent: [],
              },
            ];
          });
  return items.map((item) => ({ ...item, picked: item.absent.length === 0 }));
}

/** A desired-state file of IP licenses only (nothing pruned), for a selection of a reconciliation. */
export function licensesFile(entries: readonly IpEntry[], schema?: string): string {
  const lines = entries.map((e, i) => `      ${JSON.stringify(e).replace(/^\{/, '{ ').replace(/\}$/, ' }').replace(/":/g, '": ').replace(/,"/g, ', "')}${i < entries.length - 1 ? ',' : ''}`);
  return [
    '{',
    ...(schema ? [`  "$schema": ${JSON.stringify(schema)},`] : []),
    '  "version": 1,',
    '  "ipLicenses": {',
    '    "prune": false,',
    '    "licenses": [',
    ...lines,
    '    ]',
    '  }',
    '}',
    '',
  ].join('\n');
}

export function describeTypes(types: readonly number[]): string {
  return types.map(ipTypeName).join(', ');
}
