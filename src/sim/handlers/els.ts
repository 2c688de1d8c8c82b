/** ELS keys and servers, listed per product code (`code`, or `productType` as in the reference's examples). */
import { ELS_CODES } from '../../cln/catalog';
import { elsKeyString } from '../names';
import type { SimElsKey, SimElsServer } from '../state';
import { changed, fail, Handlers, ok, removeWhere } from './context';

type ElsId = 'els.key.create' | 'els.key.update' | 'els.key.remove' | 'els.key.list' | 'els.srv.list' | 'els.srv.remove';

/** `usageLimit` as a string; `description` as stored: text, a number or null. */
const keyJson = (k: SimElsKey) => ({ key: k.key, productCode: k.code, usageLimit: String(k.limit), description: k.description });
const serverJson = (s: SimElsServer) => ({ id: s.id, key: s.key, ip: s.ip, hostname: s.hostname });

export const els: Handlers<ElsId> = {
  'els.key.create': ({ state, args, rng }) => {
    if (!ELS_CODES.some((c) => c.code === args.code)) return fail(`Unknown ELS product code: ${args.code}`);
    let key = elsKeyString(rng, args.code);
    while (state.elsKeys.some((k) => k.key === key)) key = elsKeyString(rng, args.code);
    const created: SimElsKey = { key, code: args.code, limit: args.limit, description: args.note ?? null };
    state.elsKeys.push(created);
    return changed(keyJson(created));
  },

  'els.key.update': ({ state, args }) => {
    const key = state.elsKeys.find((k) => k.key === args.key);
    if (!key) return fail('Key not found');
    const before = JSON.stringify(key);
    key.limit = args.limit;
    if (args.note !== undefined) key.description = args.note;
    return ok(keyJson(key), { changed: JSON.stringify(key) !== before });
  },

  'els.key.remove': ({ state, args }) => {
    if (removeWhere(state.elsKeys, (k) => k.key === args.key).length === 0) return fail('Key not found');
    return changed(removeWhere(state.elsServers, (s) => s.key === args.key).map((s) => ({ id: s.id, key: s.key })));
  },

  'els.key.list': ({ state, args }) => ok(state.elsKeys.filter((k) => k.code === args.code).map(keyJson)),

  'els.srv.list': ({ state, args }) => {
    const keys = new Set(state.elsKeys.filter((k) => k.code === args.code).map((k) => k.key));
    return ok(state.elsServers.filter((s) => keys.has(s.key)).map(serverJson));
  },

  'els.srv.remove': ({ state, args }) => {
    const [server] = removeWhere(state.elsServers, (s) => s.id === args.id);
    return server ? changed(serverJson(server)) : fail('Server not found');
  },
};
