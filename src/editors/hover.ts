/**
 * Hover on an IP address or a key in any open file: what the account holds for
 * it, from the cache only — typing and hovering never send a request. The
 * "Check in CLN" link asks CLN once. `cln.hover.enabled` turns it off.
 */
import { isIP } from 'net';
import * as vscode from 'vscode';
import { ipTypeName } from '../cln/catalog';
import type { Session } from '../services/session';

export interface HoverFacts {
  licenses: { type: number; registered: boolean; lastCheckin: Date | null; serverInfo: string | null }[];
  servers: { family: string; id: string; key: string; lastCheckin: Date | null; hostname: string | null }[];
  groups: string[];
  key?: { family: string; limit: number; note: string | null; code?: string };
}

/** Everything the cache holds about an IP or a key string. */
export function factsFromCache(session: Session, token: string): HoverFacts | undefined {
  const account = session.account;
  if (!account) return undefined;
  const facts: HoverFacts = { licenses: [], servers: [], groups: [] };
  if (isIP(token)) {
    const info = new Map<number, { lastCheckin: Date | null; serverInfo: string | null }>();
    for (const { value } of account.cached('ipl.server')) for (const s of value) if (s.ip === token) info.set(s.type, { lastCheckin: s.lastCheckin, serverInfo: s.serverInfo });
    for (const { value } of account.cached('ipl.list')) {
      for (const l of value) if (l.ip === token) facts.licenses.push({ type: l.type, registered: l.registered, lastCheckin: info.get(l.type)?.lastCheckin ?? null, serverInfo: info.get(l.type)?.serverInfo ?? null });
    }
    for (const { value } of account.cached('kcare.key.servers')) for (const s of value) if (s.ip === token) facts.servers.push({ family: 'KernelCare', id: s.serverId, key: s.key, lastCheckin: s.lastCheckin, hostname: null });
    for (const { value } of account.cached('im.srv.list')) for (const s of value) if (s.ip === token) facts.servers.push({ family: 'Imunify', id: s.id, key: s.key, lastCheckin: s.lastCheckin, hostname: null });
    for (const { value } of account.cached('els.srv.list')) for (const s of value) if (s.ip === token) facts.servers.push({ family: 'ELS', id: s.id, key: s.key, lastCheckin: null, hostname: s.hostname });
    for (const { key, value } of account.cached('group.servers.list')) if (value.some((s) => s.ip === token)) facts.groups.push(key.slice(key.indexOf('name=') + 5));
  } else {
    for (const { value } of account.cached('kcare.key.list')) for (const k of value) if (k.key === token) facts.key = { family: 'KernelCare', limit: k.limit, note: k.note };
    for (const { value } of account.cached('im.key.list')) for (const k of value) if (k.key === token) facts.key = { family: 'Imunify', limit: k.limit, note: k.note, code: k.code };
    for (const { value } of account.cached('els.key.list')) for (const k of value) if (k.key === token) facts.key = { family: 'ELS', limit: k.limit, note: k.note, code: k.code };
    if (!facts.key) return undefined;
    for (const { value } of account.cached('kcare.key.servers')) for (const s of value) if (s.key === token) facts.servers.push({ family: 'KernelCare', id: s.serverId, key: s.key, lastCheckin: s.lastCheckin, hostname: null });
    for (const { value } of account.cached('im.srv.list')) for (const s of value) if (s.key === token) facts.servers.push({ family: 'Imunify', id: s.id, key: s.key, lastCheckin: s.lastCheckin, hostname: null });
  }
  return facts;
}

const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'never');
const escape = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');

export function hoverMarkdown(token: string, facts: HoverFacts): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['cln.checkInCln'] };
  const check = `[Check in CLN](command:cln.checkInCln?${encodeURIComponent(JSON.stringify([token]))} "Ask CLN now (one request)")`;
  if (facts.key) {
    const { family, limit, note, code } = facts.key;
    md.appendMarkdown(`**${family} key**${code ? ` · ${escape(code)}` : ''} · limit ${limit === 0 ? 'unlimited' : limit}${note ? ` · ${escape(note)}` : ''}\n\n`);
    md.appendMarkdown(`${facts.servers.length} server${facts.servers.length === 1 ? '' : 's'} known from the cache\n\n`);
    if (family !== 'ELS') md.appendMarkdown(check);
    return md;
  }
  md.appendMarkdown(`**${escape(token)}** in CLN (from the cache)\n\n`);
  if (facts.licenses.length === 0 && facts.servers.length === 0) md.appendMarkdown('No IP license or server with this address in what CLN Explorer has read so far.\n\n');
  for (const l of facts.licenses) {
    md.appendMarkdown(`- $(key) ${escape(ipTypeName(l.type))} (type ${l.type}) · ${l.registered ? 'registered' : 'not registered yet'}${l.lastCheckin ? ` · last check-in ${when(l.lastCheckin)}` : ''}${l.serverInfo ? ` · ${escape(l.serverInfo)}` : ''}\n`);
  }
  for (const s of facts.servers) md.appendMarkdown(`- $(server) ${s.family} server ${escape(s.id)}${s.hostname ? ` (${escape(s.hostname)})` : ''} · last check-in ${when(s.lastCheckin)}\n`);
  if (facts.groups.length) md.appendMarkdown(`- $(folder) groups: ${facts.groups.map(escape).join(', ')}\n`);
  md.appendMarkdown(`\n${check}`);
  return md;
}

/** The hover for a token (an IP or a key string), from the cache only; undefined when the account holds nothing for a key. */
export function accountHover(session: Session, token: string, range: vscode.Range): vscode.Hover | undefined {
  const facts = factsFromCache(session, token);
  return facts ? new vscode.Hover(hoverMarkdown(token, facts), range) : undefined;
}

/** An IP (trailing punctuation and a :port dropped) or a key-like token of 16+ characters. */
export function tokenAt(text: string): string | undefined {
  const trimmed = text.replace(/^[.:-]+|[.:-]+$/g, '');
  if (isIP(trimmed)) return trimmed;
  const withoutPort = trimmed.replace(/:\d+$/, '');
  if (isIP(withoutPort)) return withoutPort;
  return /^[A-Za-z0-9_-]{16,}$/.test(trimmed) ? trimmed : undefined;
}
