/**
 * The items of a state list whose field equals a value, without scanning the list: the large
 * account has 40,000 KernelCare servers and 10,000 IP licenses, and a handler that filtered them
 * for each of thousands of requests (a key's servers, its patch levels, a batch of 100 IPs) made the
 * simulator, not the client, the bottleneck of the benchmark, on the same cores as the client.
 *
 * The index is checked against the list on every use, so it never answers differently from a
 * filter: the state is plain arrays that handlers and tests change directly (push, splice, a whole
 * new array, a field set in place). The check compares each item and its field with what was
 * indexed (references, no hashing); any difference rebuilds the index. Hits come in list order.
 */

interface Index {
  /** The list's items when indexed, and each one's field then. */
  items: readonly unknown[];
  values: unknown[];
  /** Positions in the list by field value, ascending. */
  at: Map<unknown, number[]>;
}

const indexes = new WeakMap<readonly object[], Map<PropertyKey, Index>>();

function indexOf<T extends object>(list: readonly T[], field: keyof T): Index {
  let byField = indexes.get(list);
  if (!byField) indexes.set(list, (byField = new Map()));
  const index = byField.get(field);
  if (index && unchanged(index, list, field)) return index;
  const values = list.map((item) => item[field]);
  const at = new Map<unknown, number[]>();
  values.forEach((value, i) => {
    const positions = at.get(value);
    if (positions) positions.push(i);
    else at.set(value, [i]);
  });
  const built: Index = { items: list.slice(), values, at };
  byField.set(field, built);
  return built;
}

function unchanged<T extends object>(index: Index, list: readonly T[], field: keyof T): boolean {
  const { items, values } = index;
  if (items.length !== list.length) return false;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item !== items[i] || item[field] !== values[i]) return false;
  }
  return true;
}

/** `list.filter((item) => item[field] === value)`. */
export function whereEquals<T extends object, F extends keyof T>(list: readonly T[], field: F, value: T[F]): T[] {
  // NaN equals nothing under ===, itself in a Map.
  const positions = value === value ? indexOf(list, field).at.get(value) : undefined;
  return positions ? positions.map((i) => list[i]) : [];
}

/** `list.some((item) => item[field] === value)`. */
export function someEquals<T extends object, F extends keyof T>(list: readonly T[], field: F, value: T[F]): boolean {
  return value === value && indexOf(list, field).at.has(value);
}

/** `list.filter((item) => values.has(item[field]))`, for a handful of values out of a long list. */
export function whereIn<T extends object, F extends keyof T>(list: readonly T[], field: F, values: Iterable<T[F]>): T[] {
  const { at } = indexOf(list, field);
  const positions: number[] = [];
  for (const value of new Set(values)) for (const i of at.get(value) ?? []) positions.push(i);
  return positions.sort((a, b) => a - b).map((i) => list[i]);
}
