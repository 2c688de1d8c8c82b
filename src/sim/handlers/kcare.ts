/** KernelCare keys and servers. */
import { isIP } from 'net';
import { kcareKeyString } from '../names';
import { someEquals, whereEquals } from '../lookup';
import type { SimKcareKey } from '../state';
import { changed, clnDate, dropFromGroups, fail, Handlers, nowDate, ok, removeWhere } from './context';

type KcareId = 'kcare.key.create' | 'kcare.key.delete' | 'kcare.key.list' | 'kcare.key.servers' | 'kcare.key.setCidr' | 'kcare.srv.remove';

const keyJson = (k: SimKcareKey) => ({ key: k.key, enabled: k.enabled, created: clnDate(k.created), limit: k.limit, note: k.note });

/** set_cidr codes: 0 all set, 1 a bad address, 2 a bad prefix. */
export function cidrCode(text: string): { code: 0 | 1 | 2; ranges: string[] } {
  const ranges = text.split(/[\s,;]+/).filter(Boolean);
  if (ranges.length === 0) return { code: 1, ranges };
  for (const range of ranges) {
    const [address, prefix, ...rest] = range.split('/');
    const family = isIP(address);
    if (!family) return { code: 1, ranges };
    if (prefix === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return { code: 2, ranges };
  }
  return { code: 0, ranges };
}

export const kcare: Handlers<KcareId> = {
  'kcare.key.create': ({ state, args, rng, now }) => {
    let key = kcareKeyString(rng);
    while (state.kcareKeys.some((k) => k.key === key)) key = kcareKeyString(rng);
    state.kcareKeys.push({ key, enabled: true, created: nowDate(now(), 180), limit: args.limit, note: args.note ?? null, cidr: [] });
    return changed(key);
  },

  'kcare.key.delete': ({ state, args }) => {
    if (removeWhere(state.kcareKeys, (k) => k.key === args.key).length === 0) return ok(false);
    const servers = removeWhere(state.kcareServers, (s) => s.key === args.key);
    dropFromGroups(
      state,
      servers.map((s) => s.serverId),
    );
    return changed(true);
  },

  'kcare.key.list': ({ state }) => ok(state.kcareKeys.map(keyJson)),

  'kcare.key.servers': ({ state, args }) => {
    if (!someEquals(state.kcareKeys, 'key', args.key)) return fail('Key not found');
    return ok(whereEquals(state.kcareServers, 'key', args.key).map((s) => ({ server_id: s.serverId, ip: s.ip, created: clnDate(s.created), last_checkin: clnDate(s.lastCheckin) })));
  },

  'kcare.key.setCidr': ({ state, args }) => {
    const key = state.kcareKeys.find((k) => k.key === args.key);
    if (!key) return fail('Key not found');
    const { code, ranges } = cidrCode(String(args.cidr));
    if (code !== 0) return ok({ code });
    key.cidr = ranges;
    return changed({ code });
  },

  'kcare.srv.remove': ({ state, args }) => {
    const [server] = removeWhere(state.kcareServers, (s) => s.serverId === args.server_id);
    if (!server) return ok(null, { message: 'Server not found' });
    dropFromGroups(state, [server.serverId]);
    return changed({ server_id: server.serverId, key: server.key });
  },
};
