/** Loads keys and servers of the account as the same nodes the tree shows, for pickers and counts. */
import type { AccountService, ReadOptions } from '../../services/account';
import type { KeyNode, ServerNode } from '../../views/model';

export type KeyFamily = 'kcare' | 'im' | 'els';

export async function loadKeys(account: AccountService, family: KeyFamily, options: ReadOptions = {}): Promise<KeyNode[]> {
  switch (family) {
    case 'kcare':
      return (await account.read('kcare.key.list', {}, options)).map((key) => ({ kind: 'kcareKey', key }));
    case 'im':
      return (await account.read('im.key.list', {}, options)).map((key) => ({ kind: 'imKey', key }));
    case 'els':
      return (await account.elsKeys(options)).map((key) => ({ kind: 'elsKey', key }));
  }
}

/** The servers registered with one key. */
export async function loadServers(account: AccountService, node: KeyNode, options: ReadOptions = {}): Promise<ServerNode[]> {
  switch (node.kind) {
    case 'kcareKey':
      return (await account.read('kcare.key.servers', { key: node.key.key }, options)).map((server) => ({ kind: 'kcareServer', server }));
    case 'imKey':
      return (await account.read('im.srv.list', { key: node.key.key }, options)).map((server) => ({ kind: 'imServer', server }));
    case 'elsKey':
      return ((await account.elsServersByKey(node.key.code, options)).get(node.key.key) ?? []).map((server) => ({ kind: 'elsServer', server }));
  }
}

export function familyOfKey(node: KeyNode): KeyFamily {
  return node.kind === 'kcareKey' ? 'kcare' : node.kind === 'imKey' ? 'im' : 'els';
}

/** Every server of the given families, key by key (reads are bounded by the account's limiter). */
export async function loadAllServers(account: AccountService, families: readonly KeyFamily[], options: ReadOptions = {}): Promise<ServerNode[]> {
  const keys = (await Promise.all(families.map((family) => loadKeys(account, family, options)))).flat();
  return (await Promise.all(keys.map((key) => loadServers(account, key, options)))).flat();
}
