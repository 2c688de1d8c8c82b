/** CloudLinux Backups of Imunify360 servers (older reference revision). Sizes in GB, multiples of 10. */
import type { SimBackup } from '../state';
import { changed, fail, Handlers, ok, removeWhere } from './context';

type BackupId = 'ab.list' | 'ab.im.create' | 'ab.resize' | 'ab.remove';

const json = (b: SimBackup) => ({ serverId: b.serverId, size: b.size, backupId: b.backupId, datacenter: b.datacenter });

export const backups: Handlers<BackupId> = {
  'ab.list': ({ state }) => ok(state.backups.map(json)),

  'ab.im.create': ({ state, args }) => {
    if (!state.imunifyServers.some((s) => s.id === args.server_id)) return fail(`Imunify360 server ${args.server_id} not found`);
    if (!state.datacenters.includes(args.datacenter)) return fail(`Unknown datacenter ${args.datacenter} (use ${state.datacenters.join(', ')})`);
    const backupId = state.backups.reduce((max, b) => Math.max(max, b.backupId), 22) + 1;
    const backup: SimBackup = { backupId, serverId: args.server_id, size: args.size, datacenter: args.datacenter };
    state.backups.push(backup);
    return changed(json(backup));
  },

  'ab.resize': ({ state, args }) => {
    const backup = state.backups.find((b) => b.backupId === args.backup_id);
    if (!backup) return fail(`Backup ${args.backup_id} not found`);
    const size = backup.size + args.delta;
    if (size <= 0) return fail(`Backup size must stay above 0 GB (${backup.size} GB ${args.delta} GB = ${size} GB)`);
    if (size % 10 !== 0) return fail('Backup size must be a multiple of 10 GB');
    backup.size = size;
    return changed(json(backup));
  },

  'ab.remove': ({ state, args }) => {
    const [backup] = removeWhere(state.backups, (b) => b.backupId === args.backup_id);
    return backup ? changed(json(backup)) : fail(`Backup ${args.backup_id} not found`);
  },
};
