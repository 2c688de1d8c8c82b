/**
 * CloudLinux OS keys and servers of CLN API v2 (REST-PDF p.3–8): query parameters,
 * answers as published (`product_type` in lower case, `usage_limit`, `description`,
 * numeric server ids, no check-in). Removing a key removes its servers.
 */
import { clKeyString } from '../names';
import type { SimClKey, SimState } from '../state';
import { changed, Handlers, ok, removeWhere, v2fail } from './context';

type ClId = 'cl.key.list' | 'cl.key.create' | 'cl.key.update' | 'cl.key.remove' | 'cl.srv.list' | 'cl.srv.remove' | 'cl.sub.servers';

const keyJson = (k: SimClKey) => ({ key: k.key, product_type: k.product.toLowerCase(), usage_limit: k.limit, description: k.note });

const productOf = (value: unknown) => String(value).toUpperCase();

function findKey(state: SimState, key: unknown): SimClKey | undefined {
  return state.clKeys.find((k) => k.key === key);
}

export const cl: Handlers<ClId> = {
  'cl.key.list': ({ state, args }) => ok(state.clKeys.filter((k) => k.product === productOf(args.productType)).map(keyJson)),

  'cl.key.create': ({ state, args, rng }) => {
    let key = clKeyString(rng);
    while (findKey(state, key)) key = clKeyString(rng);
    const created: SimClKey = { key, product: productOf(args.productType), limit: args.limit, note: args.note ?? null };
    state.clKeys.push(created);
    return changed(keyJson(created));
  },

  'cl.key.update': ({ state, args }) => {
    const key = findKey(state, args.key);
    if (!key) return v2fail(404, `Key ${String(args.key)} not found`);
    const before = JSON.stringify(key);
    key.limit = args.limit;
    if (args.note !== undefined) key.note = args.note;
    return ok(keyJson(key), { changed: JSON.stringify(key) !== before });
  },

  'cl.key.remove': ({ state, args }) => {
    if (removeWhere(state.clKeys, (k) => k.key === args.key).length === 0) return v2fail(404, `Key ${String(args.key)} not found`);
    removeWhere(state.clServers, (s) => s.key === args.key);
    return changed({ key: args.key });
  },

  'cl.srv.list': ({ state, args }) => {
    const product = productOf(args.productType);
    const keys = new Set(state.clKeys.filter((k) => k.product === product).map((k) => k.key));
    return ok(state.clServers.filter((s) => keys.has(s.key)).map((s) => ({ id: s.id, key: s.key, ip: s.ip ?? '', hostname: s.hostname })));
  },

  'cl.srv.remove': ({ state, args }) => {
    const [server] = removeWhere(state.clServers, (s) => s.id === args.id);
    if (!server) return v2fail(404, `Server ${String(args.id)} not found`);
    return changed({ id: server.id, key: server.key, ip: server.ip ?? '', hostname: server.hostname });
  },

  'cl.sub.servers': ({ state }) =>
    ok(
      state.subAccountServers.map((s) => ({
        sub_account_login: s.login,
        sub_account_email: s.email,
        server_id: s.id,
        server_key: s.key,
        version: s.version,
        ip: s.ip,
      })),
    ),
};
