/**
 * View as JSON: what a node's read-only JSON document holds and where it
 * lives, without `vscode`. A row's object is the one CLN answered, decoded and
 * normalised as the client returns it (numbers are numbers, dates ISO strings,
 * absent values null); a folder holds its rows' objects. The API token and the
 * secret key are never part of a node, and the text passes through `redact`
 * as well. `editors/jsonView.ts` serves it under the `cln-json:` scheme.
 */
import { ELS_CODES, IMUNIFY_CODES, ipTypeName, nameOf } from '../../../cln/catalog';
import { keyId } from '../../../cln/keyPrint';
import { redact } from '../../../cln/redact';
import { FAMILIES } from '../../../explorer/kinds';
import type { ExplorerNode, ItemNode, NodeKind, NodeOf } from '../../../explorer/nodes';
import { serverIdOf } from '../../../explorer/nodes';
import { keyLabel } from '../../../explorer/wording';

/** The URI scheme of the documents. */
export const JSON_SCHEME = 'cln-json';

/** A JSON value as the document prints it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The items loaded under a node (all of them, unfiltered); undefined when its list is not loaded. */
export type ChildrenOf = (node: ExplorerNode) => readonly ExplorerNode[] | undefined;

/** What each folder's document calls the list of a kind of row it holds (the All Servers row mixes products). */
const SECTION_OF: Partial<Record<NodeKind, string>> = {
  ipLicense: 'ipLicenses',
  kcareServer: 'kernelcareServers',
  imServer: 'imunifyServers',
  elsServer: 'elsServers',
  groupServer: 'serverGroups',
};

/**
 * The node's object: a row's as CLN answered it (an IP license with its
 * `ipl/server.json` server info when loaded, a KernelCare server with its
 * `kcare/patchset.json` entry when CLN answered one), a folder's as the list
 * of its rows' objects (IP licenses of a type, keys of a product), an All
 * Servers row as its address and what each product holds there.
 */
export function nodeJson(node: ExplorerNode, childrenOf: ChildrenOf): Json {
  switch (node.kind) {
    case 'family':
    case 'ipType':
    case 'elsCode':
    case 'clProduct':
    case 'clSubAccount':
      return rowsUnder(node, childrenOf).map(itemJson);
    case 'host': {
      const out: { [key: string]: Json } = { ip: node.host.ip, hostname: node.host.hostname };
      for (const item of node.host.items) {
        const section = SECTION_OF[item.kind] ?? item.kind;
        const list = (out[section] ??= []) as Json[];
        list.push(itemJson(item));
      }
      return out;
    }
    default:
      return itemJson(node);
  }
}

/** The rows a folder holds, through folders of folders (IP Licenses → types → licenses, ELS → products → keys). */
function rowsUnder(node: ExplorerNode, childrenOf: ChildrenOf): ItemNode[] {
  const out: ItemNode[] = [];
  for (const child of childrenOf(node) ?? []) {
    if (child.kind === 'family' || child.kind === 'ipType' || child.kind === 'elsCode' || child.kind === 'host' || child.kind === 'clProduct' || child.kind === 'clSubAccount')
      out.push(...rowsUnder(child, childrenOf));
    else out.push(child);
  }
  return out;
}

function itemJson(node: ItemNode): Json {
  switch (node.kind) {
    case 'ipLicense':
      return normalise(node.info ? { ...node.license, serverInfo: node.info.serverInfo, lastCheckin: node.info.lastCheckin } : node.license);
    case 'kcareServer':
      return normalise(node.patch ? { ...node.server, patchset: node.patch } : node.server);
    case 'kcareKey':
    case 'imKey':
    case 'elsKey':
      return normalise(node.key);
    case 'imServer':
    case 'elsServer':
      return normalise(node.server);
    case 'backup':
      return normalise(node.backup);
    case 'group':
      return normalise(node.group);
    case 'groupServer':
      return normalise({ group: node.groupName, ...node.server });
    case 'clKey':
      return normalise(node.key);
    case 'clServer':
      return normalise({ ...node.server, product: node.product });
    case 'clSubServer':
      return normalise(node.server);
  }
}

/** Dates as ISO strings (an invalid date as null), undefined left out, everything else as it is. */
export function normalise(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = normalise(field);
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

/** The document's text: pretty-printed with two spaces, credentials redacted. */
export function jsonText(value: Json, secrets: readonly (string | undefined)[]): string {
  return `${redact(JSON.stringify(value, null, 2), secrets)}\n`;
}

/**
 * The document's path, readable: `/<account>/<kind>/<name>.json`, e.g.
 * `/demo/ipLicense/203.0.113.7 KernelCare.json`. Key strings are credentials
 * (VS Code keeps the URIs of open editors with the workspace's state), so a
 * key is named by its row label and its keyId (the id its tree row has),
 * never by the key itself: two keys never share a document. Slashes in names
 * are replaced.
 */
export function jsonPath(account: string, node: ExplorerNode): string {
  return `/${segment(account)}/${node.kind}/${nameOf_(node).map(segment).join('/')}.json`;
}

function nameOf_(node: ExplorerNode): string[] {
  switch (node.kind) {
    case 'family':
      return [FAMILIES[node.family].name];
    case 'host':
      return [node.host.ip ?? node.host.hostname ?? 'server'];
    case 'ipType':
      return [`${node.type} ${ipTypeName(node.type)}`];
    case 'elsCode':
      return [node.code || 'unknown'];
    case 'ipLicense':
      return [`${node.license.ip} ${ipTypeName(node.license.type)}`];
    case 'kcareKey':
      return [`${keyLabel(node.key.note, 'KernelCare', node.key.key)} ${keyId(node.key.key)}`];
    case 'imKey':
      return [`${keyLabel(node.key.note, nameOf(IMUNIFY_CODES, node.key.code) ?? 'Imunify', node.key.key)} ${keyId(node.key.key)}`];
    case 'elsKey':
      return [`${keyLabel(node.key.note, nameOf(ELS_CODES, node.key.code) ?? 'ELS', node.key.key)} ${keyId(node.key.key)}`];
    case 'kcareServer':
    case 'imServer':
    case 'elsServer':
      return [serverName(node)];
    case 'backup':
      return [`backup ${node.backup.backupId}`];
    case 'group':
      return [node.group.name];
    case 'groupServer':
      return [node.groupName, serverName(node)];
    case 'clProduct':
      return [node.product];
    case 'clSubAccount':
      return [node.login];
    case 'clKey':
      return [`${keyLabel(node.key.note, node.key.product, node.key.key)} ${keyId(node.key.key)}`];
    case 'clServer':
      return [`${node.server.hostname ?? node.server.ip ?? 'server'} ${node.server.id}`];
    case 'clSubServer':
      return [node.server.login, `${node.server.ip ?? 'server'} ${node.server.id}`];
  }
}

function serverName(node: NodeOf<'kcareServer' | 'imServer' | 'elsServer' | 'groupServer'>): string {
  const id = serverIdOf(node);
  const address = node.kind === 'elsServer' || node.kind === 'groupServer' ? (node.server.hostname ?? node.server.ip) : node.server.ip;
  return address && address !== id ? `${address} ${id}` : id;
}

/** A path segment: no slashes or backslashes, no leading dots, not empty, at most 80 characters. */
function segment(text: string): string {
  const clean = text.replace(/[/\\]/g, '_').replace(/^\.+/, '_').trim().slice(0, 80);
  return clean || '_';
}

/** The node kinds View as JSON applies to (all of them: the manifest's `when` clause lists these). */
export const JSON_KINDS = Object.keys({
  family: 0,
  host: 0,
  ipType: 0,
  elsCode: 0,
  ipLicense: 0,
  kcareKey: 0,
  kcareServer: 0,
  imKey: 0,
  imServer: 0,
  elsKey: 0,
  elsServer: 0,
  backup: 0,
  group: 0,
  groupServer: 0,
  clProduct: 0,
  clKey: 0,
  clServer: 0,
  clSubAccount: 0,
  clSubServer: 0,
} satisfies Record<NodeKind, 0>) as NodeKind[];
