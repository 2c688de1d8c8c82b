/**
 * Find anything, anywhere: searches the whole account for a text (IP,
 * hostname, key, server id, note), not only what the trees loaded. Reads go
 * through the AccountService (cached, under its limiter): the lists first,
 * then every key's and group's servers, then IP licenses' server details.
 * Matches are reported as each request returns, with the path that reveals
 * them in their tree. At most `maxConcurrent` reads wait at a time, so
 * cancelling stops the search within one round. No `vscode` here.
 */
import { appendTo } from '../../../cln/collections';
import * as l10n from '@vscode/l10n';
import { setMaxListeners } from 'node:events';
import { ClnError, isV2Unavailable } from '../../../cln/errors';
import { ELS_CODES, ipTypeName } from '../../../cln/catalog';
import type { AccountService } from '../../../services/accountService';
import { searchableTexts } from '../../../explorer/kinds';
import { matchesFilter } from '../../../explorer/filter';
import { ipLicenseNodes, loadClKeys, loadKeys, loadServers } from '../../../explorer/loaders';
import type { ExplorerNode, KeyNode, NodeOf, ViewName } from '../../../explorer/nodes';

export interface Found {
  node: ExplorerNode;
  /** The view that shows it and the nodes from its top level down to it (for TreeModel.locate). */
  view: ViewName;
  path: ExplorerNode[];
}

export interface FindOptions {
  signal?: AbortSignal;
  /** Told about every match as the request holding it returns. */
  onFound: (found: Found[]) => void;
}

const family = (name: 'ip' | 'kcare' | 'im' | 'els'): ExplorerNode => ({ kind: 'family', family: name });

/** Searches the account; resolves when everything was searched (rejects with 'cancelled' when stopped). */
export async function findEverywhere(account: AccountService, needle: string, options: FindOptions): Promise<void> {
  const { signal } = options;
  // As the tree filter matches (a case-insensitive part of a node's texts), without keeping a lowered text per
  // node: each of the account's nodes is looked at once here, and 60,000 WeakMap entries cost more than the match.
  const lowered = needle.toLowerCase();
  const matches = (node: ExplorerNode) => searchableTexts(node).some((part) => typeof part === 'string' && part.toLowerCase().includes(lowered));
  // Every read waiting at once listens to the one signal (a dozen in the first round).
  if (signal) setMaxListeners(0, signal);
  const read = { signal };
  const report = (found: Found[]) => {
    if (!signal?.aborted && found.length > 0) options.onFound(found);
  };
  const check = () => {
    if (signal?.aborted) throw new ClnError('cancelled', l10n.t('Cancelled.'));
  };
  const keyPath = (key: KeyNode): ExplorerNode[] => (key.kind === 'elsKey' ? [family('els'), { kind: 'elsCode', code: key.key.code }, key] : [family(key.kind === 'kcareKey' ? 'kcare' : 'im'), key]);

  // Round 1: the lists (licenses, keys, groups), side by side; each reports its own matches as it returns.
  const licensesRead = account.read('ipl.list', {}, read).then((licenses) => {
    const nodes = ipLicenseNodes(account, licenses, {});
    report(nodes.filter((node) => matches(node)).map(licenseFound));
    return nodes;
  });
  const keysOf = (f: 'kcare' | 'im' | 'els') =>
    loadKeys(account, f, read).then((keys) => {
      report(keys.filter((key) => matches(key)).map((key) => ({ node: key, view: 'licenses' as const, path: keyPath(key) })));
      return keys.map((key) => () => keyServers(key));
    });
  const keyServers = async (key: KeyNode) => {
    const servers = await loadServers(account, key, read);
    report(servers.filter((server) => matches(server)).map((server) => ({ node: server, view: 'licenses' as const, path: [...keyPath(key), server] })));
  };
  const groupsRead = account.read('group.list', {}, read).then((groups) => {
    const nodes = groups.map((group): NodeOf<'group'> => ({ kind: 'group', group }));
    report(nodes.filter((node) => matches(node)).map((node) => ({ node, view: 'groups' as const, path: [node] })));
    return nodes.map((group) => async () => {
      const servers = await account.read('group.servers.list', { name: group.group.name }, read);
      const found = servers.map((server): NodeOf<'groupServer'> => ({ kind: 'groupServer', groupName: group.group.name, server }));
      report(found.filter((node) => matches(node)).map((node) => ({ node, view: 'groups' as const, path: [group, node] })));
    });
  });

  // Round 2 on: every key's servers (ELS per product code), then every group's, in that order. Each family's
  // reads start as soon as its own list is in (KernelCare's do not wait for the ELS lists or for decoding the
  // IP licenses). Twice the request bound wait at a time, so a freed slot always has a read ready, and
  // cancelling stops the search within two rounds.
  const queues = [keysOf('kcare'), keysOf('im'), keysOf('els'), groupsRead];
  let queue = 0;
  let next = 0;
  const take = async (): Promise<(() => Promise<void>) | undefined> => {
    while (queue < queues.length) {
      const at = queue;
      const tasks = await queues[at];
      if (queue !== at) continue;
      if (next < tasks.length) return tasks[next++];
      queue++;
      next = 0;
    }
    return undefined;
  };
  const worker = async () => {
    for (let task = await take(); task; task = await take()) {
      check();
      await task();
    }
  };
  const bound = 2 * Math.max(1, account.maxConcurrent);
  // CloudLinux OS keys (API v2) side by side with the rest: their lists are few (one per product).
  const [licenses] = await Promise.all([licensesRead, ...queues, ...Array.from({ length: bound }, worker), findCloudLinux(account, needle, read, report)]);
  check();

  // Last: the server details of IP licenses (their server info text), batch by batch.
  const reported = new Set(licenses.filter((node) => matches(node)));
  const byIp = new Map<string, NodeOf<'ipLicense'>[]>();
  for (const node of licenses) appendTo(byIp, node.license.ip, node);
  await account.ipServerInfo([...byIp.keys()], {
    signal,
    onInfo: (ip, info) => {
      const found: Found[] = [];
      for (const node of byIp.get(ip) ?? []) {
        node.info = info.find((entry) => entry.type === node.license.type) ?? (info.length === 1 ? info[0] : undefined);
        if (!reported.has(node) && matches(node)) found.push(licenseFound(node));
      }
      report(found);
    },
  });
}

/**
 * CloudLinux OS keys, their servers and the sub-accounts' servers (API v2), each list read once
 * (cached with the tree's). Where v2 is not there (404, 403, an HTML page), nothing is searched
 * there and the rest of Find goes on: the tree's row says why.
 */
async function findCloudLinux(account: AccountService, needle: string, read: { signal?: AbortSignal }, report: (found: Found[]) => void): Promise<void> {
  const cl: ExplorerNode = { kind: 'family', family: 'cl' };
  const quiet = async <T>(load: Promise<T>): Promise<T | undefined> => {
    try {
      return await load;
    } catch (error) {
      if (isV2Unavailable(error)) return undefined;
      throw error;
    }
  };
  // The sub-accounts' servers do not wait for the keys; each product's server list is read side by side (one request each, under the account's limit).
  const subsRead = quiet(account.clSubAccountServers(read));
  subsRead.catch(() => undefined); // awaited below; handled here too in case the keys' read throws first
  const keys = await quiet(loadClKeys(account, read));
  if (keys) {
    const path = (key: NodeOf<'clKey'>): ExplorerNode[] => [cl, { kind: 'clProduct', product: key.key.product }, key];
    report(keys.filter((key) => matchesFilter(key, needle)).map((key) => ({ node: key, view: 'licenses' as const, path: path(key) })));
    const byKey = new Map(keys.map((key) => [key.key.key, key]));
    await Promise.all(
      [...new Set(keys.map((key) => key.key.product))].map(async (product) => {
        const servers = await quiet(account.clServersByKey(product, read));
        for (const [key, list] of servers ?? []) {
          const parent = byKey.get(key);
          if (!parent) continue;
          const nodes = list.map((server): NodeOf<'clServer'> => ({ kind: 'clServer', server, product }));
          report(nodes.filter((node) => matchesFilter(node, needle)).map((node) => ({ node, view: 'licenses' as const, path: [...path(parent), node] })));
        }
      }),
    );
  }
  const subs = await subsRead;
  const subFamily: ExplorerNode = { kind: 'family', family: 'clSub' };
  for (const server of subs ?? []) {
    const node: NodeOf<'clSubServer'> = { kind: 'clSubServer', server };
    if (matchesFilter(node, needle)) report([{ node, view: 'licenses', path: [subFamily, { kind: 'clSubAccount', login: server.login, email: server.email }, node] }]);
  }
}

function licenseFound(node: NodeOf<'ipLicense'>): Found {
  return { node, view: 'licenses', path: [family('ip'), { kind: 'ipType', type: node.license.type }, node] };
}

/** Where a result is: "KernelCare › K-abc", "IP Licenses › CloudLinux OS", "Server Groups › web". */
export function whereFound(found: Found): string {
  const names = found.path.slice(0, -1).map((step) => {
    switch (step.kind) {
      case 'family':
        return { ip: l10n.t('IP Licenses'), kcare: 'KernelCare', im: 'Imunify', els: 'ELS', backups: 'Backups', cl: 'CloudLinux OS', clSub: l10n.t('Sub-account Servers') }[step.family];
      case 'ipType':
        return ipTypeName(step.type);
      case 'elsCode':
        return ELS_CODES.find((c) => c.code === step.code)?.name ?? step.code;
      case 'kcareKey':
      case 'imKey':
      case 'elsKey':
        return step.key.key;
      case 'group':
        return step.group.name;
      default:
        return '';
    }
  });
  return [found.view === 'groups' ? l10n.t('Server Groups') : undefined, ...names].filter(Boolean).join(' › ');
}
