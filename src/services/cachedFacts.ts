/**
 * What the account holds for an IP address or a key string, from the cache
 * only: nothing here sends a request. The hover and "Check in CLN" read it. No `vscode` here.
 */
import { isIP } from 'net';
import type { Session } from './session';

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
      for (const l of value)
        if (l.ip === token) facts.licenses.push({ type: l.type, registered: l.registered, lastCheckin: info.get(l.type)?.lastCheckin ?? null, serverInfo: info.get(l.type)?.serverInfo ?? null });
    }
    for (const { value } of account.cached('kcare.key.servers'))
      for (const s of value) if (s.ip === token) facts.servers.push({ family: 'KernelCare', id: s.serverId, key: s.key, lastCheckin: s.lastCheckin, hostname: null });
    for (const { value } of account.cached('im.srv.list'))
      for (const s of value) if (s.ip === token) facts.servers.push({ family: 'Imunify', id: s.id, key: s.key, lastCheckin: s.lastCheckin, hostname: null });
    for (const { value } of account.cached('els.srv.list'))
      for (const s of value) if (s.ip === token) facts.servers.push({ family: 'ELS', id: s.id, key: s.key, lastCheckin: null, hostname: s.hostname });
    for (const { key, value } of account.cached('group.servers.list')) if (value.some((s) => s.ip === token)) facts.groups.push(key.slice(key.indexOf('name=') + 5));
  } else {
    for (const { value } of account.cached('kcare.key.list')) for (const k of value) if (k.key === token) facts.key = { family: 'KernelCare', limit: k.limit, note: k.note };
    for (const { value } of account.cached('im.key.list')) for (const k of value) if (k.key === token) facts.key = { family: 'Imunify', limit: k.limit, note: k.note, code: k.code };
    for (const { value } of account.cached('els.key.list')) for (const k of value) if (k.key === token) facts.key = { family: 'ELS', limit: k.limit, note: k.note, code: k.code };
    if (!facts.key) return undefined;
    for (const { value } of account.cached('kcare.key.servers'))
      for (const s of value) if (s.key === token) facts.servers.push({ family: 'KernelCare', id: s.serverId, key: s.key, lastCheckin: s.lastCheckin, hostname: null });
    for (const { value } of account.cached('im.srv.list'))
      for (const s of value) if (s.key === token) facts.servers.push({ family: 'Imunify', id: s.id, key: s.key, lastCheckin: s.lastCheckin, hostname: null });
  }
  return facts;
}
