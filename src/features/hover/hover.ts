/**
 * Hover on an IP address or a key in any open file: what the account holds for
 * it, from the cache only — typing and hovering never send a request. The
 * "Check in CLN" link asks CLN once. `cln.hover.enabled` turns it off.
 */
import { isIP } from 'net';
import * as vscode from 'vscode';
import { ipTypeName } from '../../cln/catalog';
import { factsFromCache, HoverFacts } from '../../services/cachedFacts';
import type { Session } from '../../services/session';

const when = (date: Date | null) => (date ? vscode.l10n.t('{0} UTC', date.toISOString().slice(0, 16).replace('T', ' ')) : vscode.l10n.t('never'));
const escape = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');

export function hoverMarkdown(token: string, facts: HoverFacts): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['cln.checkInCln'] };
  const check = `[${vscode.l10n.t('Check in CLN')}](command:cln.checkInCln?${encodeURIComponent(JSON.stringify([token]))} "${vscode.l10n.t('Ask CLN now (one request)').replace(/"/g, "'")}")`;
  if (facts.key) {
    const { family, limit, note, code } = facts.key;
    const title = `**${vscode.l10n.t('{0} key', family)}**`;
    md.appendMarkdown(`${title}${code ? ` · ${escape(code)}` : ''} · ${limit === 0 ? vscode.l10n.t('limit unlimited') : vscode.l10n.t('limit {0}', limit)}${note ? ` · ${escape(note)}` : ''}\n\n`);
    md.appendMarkdown(`${facts.servers.length === 1 ? vscode.l10n.t('1 server known from the cache') : vscode.l10n.t('{0} servers known from the cache', facts.servers.length)}\n\n`);
    if (family !== 'ELS') md.appendMarkdown(check);
    return md;
  }
  md.appendMarkdown(`${vscode.l10n.t('{0} in CLN (from the cache)', `**${escape(token)}**`)}\n\n`);
  if (facts.licenses.length === 0 && facts.servers.length === 0) md.appendMarkdown(`${vscode.l10n.t('No IP license or server with this address in what CLN Explorer has read so far.')}\n\n`);
  for (const l of facts.licenses) {
    const parts = [
      vscode.l10n.t('{0} (type {1})', escape(ipTypeName(l.type)), l.type),
      // CLN's `registered`: a server has registered with the license (the row says "in use" / "no server yet").
      l.registered ? vscode.l10n.t('in use') : vscode.l10n.t('no server yet'),
      ...(l.lastCheckin ? [vscode.l10n.t('last check-in {0}', when(l.lastCheckin))] : []),
      ...(l.serverInfo ? [escape(l.serverInfo)] : []),
    ];
    md.appendMarkdown(`- $(key) ${parts.join(' · ')}\n`);
  }
  for (const s of facts.servers) {
    const server = s.hostname ? vscode.l10n.t('{0} server {1} ({2})', s.family, escape(s.id), escape(s.hostname)) : vscode.l10n.t('{0} server {1}', s.family, escape(s.id));
    md.appendMarkdown(`- $(server) ${server} · ${vscode.l10n.t('last check-in {0}', when(s.lastCheckin))}\n`);
  }
  if (facts.groups.length) md.appendMarkdown(`- $(folder) ${vscode.l10n.t('groups: {0}', facts.groups.map(escape).join(', '))}\n`);
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
