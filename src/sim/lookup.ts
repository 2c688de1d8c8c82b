/**
 * The items of a state list whose field equals a value, without scanning the list: the large
 * account has 40,000 KernelCare servers and 10,000 IP licenses, and a handler that filtered them
 * for each of thousands of requests (a key's patch levels, a batch of 100 IPs) made the simulator,
 * not the client, the bottleneck of the benchmark, on the same cores as the client.
 *
 * The state is plain arrays that handlers and tests change directly, so the index is checked on
 * every use, as far as that stays cheap: it is rebuilt when the list is another array or has
 * another length (every create and remove, by a handler or a test), when an item it names is no
 * longer at its place or no longer has the value (a splice that swapped it, a field set in place),
 * and when it knows no item with the value (a value given in place since, a new key's). What the
 * check cannot see, short of reading the whole list again, is an item taking a value other items
 * already had, with the list's length unchanged (set in place, or swapped in for an item of another
 * value by one splice); the one handler that does (Imunify's
 * server move, `im.srv.convert`) says so with `changedInPlace`, and every create or remove changes
 * the length. Hits come in list order, as a filter gives them.
 */

interface Index {
  /** The list's items when indexed. */
  items: readonly unknown[];
  /** Positions in the list by field value, ascending. */
  at: Map<unknown, number[]>;
}

const indexes = new WeakMap<readonly object[], Map<PropertyKey, Index>>();

function build<T extends object>(list: readonly T[], field: keyof T): Index {
  const at = new Map<unknown, number[]>();
  list.forEach((item, i) => {
    const positions = at.get(item[field]);
    if (positions) positions.push(i);
    else at.set(item[field], [i]);
  });
  return { items: list.slice(), at };
}

/** The positions of the items whose field is `value`, from an index that still holds for them. */
function positionsOf<T extends object>(list: readonly T[], field: keyof T, value: unknown): readonly number[] {
  let byField = indexes.get(list);
  if (!byField) indexes.set(list, (byField = new Map()));
  let index = byField.get(field);
  if (index && index.items.length === list.length) {
    const positions = index.at.get(value);
    const items = index.items;
    if (positions?.every((i) => list[i] === items[i] && list[i][field] === value)) return positions;
  }
  index = build(list, field);
  byField.set(field, index);
  return index.at.get(value) ?? [];
}

/** `list.filter((item) => item[field] === value)`. */
export function whereEquals<T extends object, F extends keyof T>(list: readonly T[], field: F, value: T[F]): T[] {
  // NaN equals nothing under ===, itself in a Map.
  return value === value ? positionsOf(list, field, value).map((i) => list[i]) : [];
}

/** `list.some((item) => item[field] === value)`. */
export function someEquals<T extends object, F extends keyof T>(list: readonly T[], field: F, value: T[F]): boolean {
  return value === value && positionsOf(list, field, value).length > 0;
}

/** `list.filter((item) => values.has(item[field]))`, for a handful of values out of a long list. */
export function whereIn<T extends object, F extends keyof T>(list: readonly T[], field: F, values: Iterable<T[F]>): T[] {
  const positions: number[] = [];
  for (const value of new Set(values)) positions.push(...positionsOf(list, field, value));
  return positions.sort((a, b) => a - b).map((i) => list[i]);
}

/** Forgets the indexes of `list`: a handler that sets an indexed field of an item in place (a server moved to another key) says so here. */
export function changedInPlace(list: readonly object[]): void {
  indexes.delete(list);
}
