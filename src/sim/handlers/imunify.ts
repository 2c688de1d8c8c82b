/**
 * Imunify keys and servers. The live key list sends `limit`, `servers` and `type` as
 * JSON integers and a nullable `note` (cloudlinux-go model.go); the reference shows
 * strings (`"limit": "2"`, `"servers": "0"`) and no note when there is none.
 */
import { IMUNIFY_CODES } from '../../cln/catalog';
import { changedInPlace, whereEquals } from '../lookup';
import { imunifyKeyString } from '../names';
import type { SimImunifyKey, SimState } from '../state';
import { changed, clnDate, dropFromGroups, fail, Handlers, ok, removeWhere } from './context';

type ImunifyId = 'im.key.create' | 'im.key.update' | 'im.key.remove' | 'im.key.list' | 'im.srv.list' | 'im.srv.remove' | 'im.srv.convert';

const serverCount = (state: SimState, key: string) => state.imunifyServers.reduce((n, s) => (s.key === key ? n + 1 : n), 0);

/** The IP license type of the same product, which the live list sends as `type`. */
const TYPE_OF_CODE: Record<string, number> = { AVP: 40, '360_1': 41, '360_30': 42, '360_250': 43, '360_UN': 49 };

function keyJson(state: SimState, k: SimImunifyKey, counts?: Map<string, number>) {
  const servers = k.reportedServers ?? counts?.get(k.key) ?? serverCount(state, k.key);
  if (state.dialect === 'real') return { key: k.key, type: TYPE_OF_CODE[k.code] ?? 0, code: k.code, limit: k.limit, servers, note: k.note };
  const json: Record<string, unknown> = { key: k.key, limit: String(k.limit), code: k.code, servers: String(servers) };
  if (k.note !== null) json.note = k.note;
  return json;
}

export const imunify: Handlers<ImunifyId> = {
  'im.key.create': ({ state, args, rng }) => {
    if (!IMUNIFY_CODES.some((c) => c.code === args.code)) return fail(`Unknown Imunify product code: ${args.code}`);
    let key = imunifyKeyString(rng);
    while (state.imunifyKeys.some((k) => k.key === key)) key = imunifyKeyString(rng);
    const created: SimImunifyKey = { key, code: args.code, limit: args.limit, note: args.note ?? null, reportedServers: null };
    state.imunifyKeys.push(created);
    // The reference's create answer has no "servers" field; cloudlinux-go reads key, limit (text) and code.
    return changed({ key: created.key, limit: String(created.limit), code: created.code, ...(created.note !== null ? { note: created.note } : {}) });
  },

  'im.key.update': ({ state, args }) => {
    const key = state.imunifyKeys.find((k) => k.key === args.key);
    if (!key) return fail('Key not found');
    const before = JSON.stringify(key);
    if (args.limit !== undefined) key.limit = args.limit;
    if (args.note !== undefined) key.note = args.note;
    if (args.servers !== undefined) key.reportedServers = args.servers;
    return ok(keyJson(state, key), { changed: JSON.stringify(key) !== before });
  },

  'im.key.remove': ({ state, args }) => {
    if (removeWhere(state.imunifyKeys, (k) => k.key === args.key).length === 0) return fail('Key not found');
    const servers = removeWhere(state.imunifyServers, (s) => s.key === args.key);
    dropFromGroups(
      state,
      servers.map((s) => s.id),
    );
    return changed(servers.map((s) => ({ id: s.id, key: s.key })));
  },

  'im.key.list': ({ state }) => {
    const counts = new Map<string, number>();
    for (const s of state.imunifyServers) counts.set(s.key, (counts.get(s.key) ?? 0) + 1);
    return ok(state.imunifyKeys.map((k) => keyJson(state, k, counts)));
  },

  'im.srv.list': ({ state, args }) => {
    if (!state.imunifyKeys.some((k) => k.key === args.key)) return fail('Key not found');
    return ok(whereEquals(state.imunifyServers, 'key', args.key).map((s) => ({ id: s.id, ip: s.ip, key: s.key, last_checkin: clnDate(s.lastCheckin) })));
  },

  'im.srv.remove': ({ state, args }) => {
    const [server] = removeWhere(state.imunifyServers, (s) => s.id === args.id);
    if (!server) return fail('Server not found');
    dropFromGroups(state, [server.id]);
    return changed({ id: server.id, key: server.key });
  },

  'im.srv.convert': ({ state, args }) => {
    const server = state.imunifyServers.find((s) => s.id === args.id);
    if (!server) return fail('Server not found');
    const target = state.imunifyKeys.find((k) => k.key === args.key);
    if (!target) return fail('Key not found');
    if (server.key === target.key) return ok({ id: server.id, key: server.key });
    if (target.limit > 0 && serverCount(state, target.key) >= target.limit) return fail(`Key ${target.key} has reached its limit of ${target.limit} servers`);
    server.key = target.key;
    changedInPlace(state.imunifyServers);
    return changed({ id: server.id, key: server.key });
  },
};
