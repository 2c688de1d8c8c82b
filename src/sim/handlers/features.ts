/**
 * Add-on features of CLN API v2 (REST-PDF p.30–31, EMAIL-DOC): the catalog, the
 * account's settings (a dictionary, partial PATCH), an Imunify key's and server's
 * settings (JSON body with `permissions`), and the IP license type names.
 * What a PATCH answers is not published: the simulator answers the level's
 * settings after the change. The key call's field name is inferred (`key`).
 */
import type { SimFeatureState, SimState } from '../state';
import { Handlers, ok, Reply, v2fail } from './context';

type FeatureId = 'features.list' | 'features.account' | 'features.account.set' | 'imunify.server.features.set' | 'imunify.key.features.set' | 'ipl.types';

/** Applies a partial settings dictionary to one level; unknown feature ids are refused before anything changes. */
function apply(state: SimState, level: Record<string, SimFeatureState>, settings: Record<string, string>): { reply?: Reply; changed: boolean } {
  const unknown = Object.keys(settings).filter((id) => !state.features.some((f) => String(f.id) === id));
  if (unknown.length > 0) return { reply: v2fail(400, `Unknown feature id: ${unknown.join(', ')}`), changed: false };
  let changedAny = false;
  for (const [id, raw] of Object.entries(settings)) {
    const value = raw.toUpperCase() as SimFeatureState;
    if (level[id] !== value) changedAny = true;
    level[id] = value;
  }
  return { changed: changedAny };
}

export const features: Handlers<FeatureId> = {
  'features.list': ({ state }) => ok(state.features.map((f) => ({ feature_id: f.id, applicable_product_ids: f.productIds }))),

  'features.account': ({ state }) => ok({ ...state.accountFeatures }),

  'features.account.set': ({ state, args }) => {
    const result = apply(state, state.accountFeatures, args.settings);
    return result.reply ?? ok({ ...state.accountFeatures }, { changed: result.changed });
  },

  'imunify.server.features.set': ({ state, args }) => {
    if (!state.imunifyServers.some((s) => s.id === args.id)) return v2fail(404, `Server ${String(args.id)} not found`);
    const level = (state.serverFeatures[args.id] ??= {});
    const result = apply(state, level, args.permissions);
    return result.reply ?? ok({ id: args.id, permissions: { ...level } }, { changed: result.changed });
  },

  'imunify.key.features.set': ({ state, args }) => {
    if (!state.imunifyKeys.some((k) => k.key === args.key)) return v2fail(404, `Key ${String(args.key)} not found`);
    const level = (state.keyFeatures[args.key] ??= {});
    const result = apply(state, level, args.permissions);
    return result.reply ?? ok({ key: args.key, permissions: { ...level } }, { changed: result.changed });
  },

  'ipl.types': ({ state }) => ok(Object.fromEntries(state.ipTypeNames.map((t) => [t.name, t.type]))),
};
