/** AccelerateWP billing: a BARE list (no envelope), as in the reference's example. */
import { Handlers, ok } from './context';

export const awp: Handlers<'awp.billing'> = {
  'awp.billing': ({ state, args }) => {
    const products = new Set<string>(args.products);
    const entries = (state.awp[args.yearMonth] ?? []).filter((e) => products.has(e.product));
    return { ...ok(entries), bare: true };
  },
};
