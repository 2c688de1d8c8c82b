/** Server groups over KernelCare and Imunify servers. */
import type { SimState } from '../state';
import { changed, fail, Handlers, ok, removeWhere } from './context';

type GroupId = 'group.create' | 'group.list' | 'group.servers.list' | 'group.servers.put' | 'group.servers.remove';

export interface GroupServerJson {
  id: string;
  hostName: string;
  ip: string | null;
  type: 'KERNELCARE' | 'IMUNIFY';
}

/**
 * The servers with these ids, by id: one pass over the KernelCare and Imunify servers testing a set
 * of the few ids asked (a group's, a request's), not a map of every server of the account built per
 * request (60,000 entries for each of the large account's 200 groups). Imunify wins a shared id.
 */
export function serverLookup(state: SimState, ids: readonly string[]): (id: string) => GroupServerJson | undefined {
  const wanted = new Set(ids);
  const byId = new Map<string, GroupServerJson>();
  for (const s of state.kcareServers) if (wanted.has(s.serverId)) byId.set(s.serverId, { id: s.serverId, hostName: s.hostname, ip: s.ip, type: 'KERNELCARE' });
  for (const s of state.imunifyServers) if (wanted.has(s.id)) byId.set(s.id, { id: s.id, hostName: s.hostname, ip: s.ip, type: 'IMUNIFY' });
  return (id) => byId.get(id);
}

function resolve(state: SimState, ids: readonly string[]): GroupServerJson[] | string {
  const lookup = serverLookup(state, ids);
  const unknown = ids.filter((id) => !lookup(id));
  if (unknown.length) return `Servers not found: ${unknown.join(', ')}`;
  return [...new Set(ids)].map((id) => lookup(id)!);
}

export const groups: Handlers<GroupId> = {
  'group.create': ({ state, args }) => {
    if (state.groups.some((g) => g.name === args.name)) return fail('Group already exists');
    const group = { name: args.name, description: args.description ?? null, serverIds: [] };
    state.groups.push(group);
    return changed({ name: group.name, description: group.description });
  },

  'group.list': ({ state }) => ok(state.groups.map((g) => ({ name: g.name, description: g.description }))),

  'group.servers.list': ({ state, args }) => {
    const group = state.groups.find((g) => g.name === args.name);
    if (!group) return fail('Group not found');
    const lookup = serverLookup(state, group.serverIds);
    return ok(group.serverIds.map(lookup).filter((s): s is GroupServerJson => s !== undefined));
  },

  /** Answers every requested server (all are in the group afterwards). */
  'group.servers.put': ({ state, args }) => {
    const group = state.groups.find((g) => g.name === args.name);
    if (!group) return fail('Group not found');
    const servers = resolve(state, args.server_ids);
    if (typeof servers === 'string') return fail(servers);
    const fresh = servers.filter((s) => !group.serverIds.includes(s.id));
    group.serverIds.push(...fresh.map((s) => s.id));
    return ok(servers, { changed: fresh.length > 0 });
  },

  /** Answers the servers that were in the group and are not any more. */
  'group.servers.remove': ({ state, args }) => {
    const group = state.groups.find((g) => g.name === args.name);
    if (!group) return fail('Group not found');
    const servers = resolve(state, args.server_ids);
    if (typeof servers === 'string') return fail(servers);
    const removed = servers.filter((s) => group.serverIds.includes(s.id));
    removeWhere(group.serverIds, (id) => removed.some((s) => s.id === id));
    return ok(removed, { changed: removed.length > 0 });
  },
};
