/**
 * Hover on an IP address or a key in any open file: what the account holds for
 * it, from the cache only — typing and hovering never send a request. The
 * "Check in CLN" link asks CLN once. `cln.hover.enabled` turns it off.
 */
import { isIP } from 'net';
import * as vscode from 'vscode';
import { ipTypeName } from '../cln/catalog';
import { factsFromCache, HoverFacts } from '../services/accountFacts';
import type { Session } from '../services/session';

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

/** The hover for a word under the pointer, when it is an IP or a key the cache knows. */
export function hoverAt(session: Session, text: string, range: vscode.Range): vscode.Hover | undefined {
  const token = tokenAt(text);
  return token ? accountHover(session, token, range) : undefined;
}

/** An IP (trailing punctuation and a :port dropped) or a key-like token of 16+ characters. */
export function tokenAt(text: string): string | undefined {
  const trimmed = text.replace(/^[.:-]+|[.:-]+$/g, '');
  if (isIP(trimmed)) return trimmed;
  const withoutPort = trimmed.replace(/:\d+$/, '');
  if (isIP(withoutPort)) return withoutPort;
  return /^[A-Za-z0-9_-]{16,}$/.test(trimmed) ? trimmed : undefined;
}
