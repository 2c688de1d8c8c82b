/** Small collection helpers every layer may use. No `vscode` here. */

/**
 * Adds `value` to the list `map` keeps under `key`, starting the list when there is none. In place:
 * grouping n items is linear, where copying the list for each item (`[...(map.get(k) ?? []), v]`) is
 * quadratic in the size of a group.
 */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
