/**
 * Reconciling the account with an inventory a reseller already keeps: a CSV,
 * a plain list of IPs, or an Ansible hosts file (INI or YAML). Parsing is left
 * to well-kept libraries (papaparse, ini, js-yaml). No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { isIP } from 'net';
import * as ini from 'ini';
import * as yaml from 'js-yaml';
import Papa from 'papaparse';
import { IP_LICENSE_TYPES, ipTypeName } from '../../cln/catalog';
import type { IpLicense } from '../../cln/types';
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

export function detectFormat(fileName: string, text: string): InventoryFormat {
  const name = fileName.toLowerCase();
  if (/\.ya?ml$/.test(name)) return 'ansible-yaml';
  if (/\.csv$/.test(name)) return 'csv';
  if (/\.(ini|cfg)$/.test(name) || /^\s*\[[^\]]+\]\s*$/m.test(text)) return 'ansible-ini';
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length > 0 && lines.every((l) => l.split(/[\s,;]+/).every((t) => !t || isIP(t)))) return 'ips';
  if (/^\s*(all|[\w-]+)\s*:\s*$/m.test(text)) return 'ansible-yaml';
  return 'csv';
}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

export function readCsv(text: string): CsvTable {
  const result = Papa.parse<string[]>(text.trim(), { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = result.data;
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
      skipped.push(l10n.t('{0}: "{1}" is not an IP address', line, ip));
      return;
    }
    const hostname = mapping.hostname === undefined ? undefined : row[mapping.hostname]?.trim() || undefined;
    const product = mapping.product === undefined ? undefined : row[mapping.product]?.trim() || undefined;
    hosts.push({ ip, ...(hostname ? { hostname } : {}), ...(product ? { product } : {}) });
  });
  return { hosts, skipped };
}

export function fromIpList(text: string): ParsedInventory {
  const hosts: InventoryHost[] = [];
  const skipped: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*$/, '').trim();
    for (const token of content.split(/[\s,;]+/).filter(Boolean)) {
      if (isIP(token)) hosts.push({ ip: token });
      else skipped.push(l10n.t('line {0}: "{1}" is not an IP address', i + 1, token));
    }
  });
  return { hosts, skipped };
}

/** An Ansible INI inventory: `[group]` sections of `host ansible_host=IP var=value` lines; `:vars` and `:children` sections hold no hosts. */
export function fromAnsibleIni(text: string): ParsedInventory {
  const parsed = ini.parse(text) as Record<string, unknown>;
  const hosts: InventoryHost[] = [];
  const skipped: string[] = [];
  const addLine = (key: string, value: unknown) => {
    const line = value === true ? key : `${key}=${String(value)}`;
    const [host, ...pairs] = line.trim().split(/\s+/);
    const vars = Object.fromEntries(pairs.map((p) => p.split('=')).filter((kv) => kv.length >= 2).map(([k, ...v]) => [k, v.join('=').replace(/^["']|["']$/g, '')]));
    addAnsibleHost(host, vars, hosts, skipped);
  };
  for (const [name, value] of Object.entries(parsed)) {
    if (value !== null && typeof value === 'object') {
      if (/:(vars|children)$/.test(name)) continue;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) addLine(key, v);
    } else addLine(name, value); // hosts above the first section
  }
  return { hosts, skipped };
}

/** An Ansible YAML inventory: `hosts:` mappings (host → variables) anywhere under groups and `children:`. */
export function fromAnsibleYaml(text: string): ParsedInventory {
  const doc = yaml.load(text);
  const hosts: InventoryHost[] = [];
  const skipped: string[] = [];
  const walk = (group: unknown) => {
    if (group === null || typeof group !== 'object') return;
    const g = group as { hosts?: unknown; children?: unknown };
    if (g.hosts && typeof g.hosts === 'object') {
      for (const [host, vars] of Object.entries(g.hosts as Record<string, unknown>)) addAnsibleHost(host, (vars && typeof vars === 'object' ? vars : {}) as Record<string, unknown>, hosts, skipped);
    }
    if (g.children && typeof g.children === 'object') for (const child of Object.values(g.children as Record<string, unknown>)) walk(child);
  };
  if (doc && typeof doc === 'object') for (const group of Object.values(doc as Record<string, unknown>)) walk(group);
  return { hosts, skipped };
}

function addAnsibleHost(host: string, vars: Record<string, unknown>, hosts: InventoryHost[], skipped: string[]): void {
  const address = typeof vars.ansible_host === 'string' ? vars.ansible_host : isIP(host) ? host : undefined;
  if (!address || !isIP(address)) {
    skipped.push(l10n.t('{0}: no IP address (set ansible_host)', host));
    return;
  }
  const product = vars[ANSIBLE_PRODUCT_VAR];
  hosts.push({ ip: address, ...(address !== host ? { hostname: host } : {}), ...(product !== undefined && product !== null ? { product: String(product) } : {}) });
}

/** The license type a product names: a type number, or a type's name in any case. */
export function productType(product: string): number | undefined {
  const text = product.trim();
  if (/^\d+$/.test(text)) return Number(text);
  return IP_LICENSE_TYPES.find((t) => t.name.toLowerCase() === text.toLowerCase())?.code;
}

export interface WrongProduct {
  host: InventoryHost;
  expected: number;
  actual: number[];
}

export interface Reconciliation {
  /** IPs CLN licenses that the inventory does not list: paying for servers you may not have. */
  onlyInCln: { ip: string; types: number[] }[];
  /** Inventory hosts CLN has no license for: unlicensed. */
  onlyInInventory: InventoryHost[];
  wrongProduct: WrongProduct[];
  /** Hosts whose product names no license type. */
  unknownProducts: InventoryHost[];
  /** IPs the inventory lists more than once (the first counts). */
  duplicates: string[];
}

export function reconcile(inventory: readonly InventoryHost[], licenses: readonly IpLicense[]): Reconciliation {
  const byIp = new Map<string, InventoryHost>();
  const duplicates: string[] = [];
  for (const host of inventory) {
    if (byIp.has(host.ip)) duplicates.push(host.ip);
    else byIp.set(host.ip, host);
  }
  const held = new Map<string, number[]>();
  for (const l of licenses) held.set(l.ip, [...(held.get(l.ip) ?? []), l.type]);
  const result: Reconciliation = { onlyInCln: [], onlyInInventory: [], wrongProduct: [], unknownProducts: [], duplicates };
  for (const [ip, types] of [...held].sort(([a], [b]) => (a < b ? -1 : 1))) if (!byIp.has(ip)) result.onlyInCln.push({ ip, types: types.sort((a, b) => a - b) });
  for (const host of byIp.values()) {
    const types = held.get(host.ip);
    if (!types) {
      result.onlyInInventory.push(host);
      continue;
    }
    if (host.product === undefined) continue;
    const expected = productType(host.product);
    if (expected === undefined) result.unknownProducts.push(host);
    else if (!types.includes(expected)) result.wrongProduct.push({ host, expected, actual: types });
  }
  return result;
}

/** A desired-state file of IP licenses only (nothing pruned), for a selection of a reconciliation. */
export function licensesFile(entries: readonly IpEntry[], schema?: string): string {
  const lines = entries.map((e, i) => `      ${JSON.stringify(e).replace(/^\{/, '{ ').replace(/\}$/, ' }').replace(/":/g, '": ').replace(/,"/g, ', "')}${i < entries.length - 1 ? ',' : ''}`);
  return ['{', ...(schema ? [`  "$schema": ${JSON.stringify(schema)},`] : []), '  "version": 1,', '  "ipLicenses": {', '    "prune": false,', '    "licenses": [', ...lines, '    ]', '  }', '}', ''].join('\n');
}

export function describeTypes(types: readonly number[]): string {
  return types.map(ipTypeName).join(', ');
}
