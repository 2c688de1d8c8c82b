import { ELS_CODES, IMUNIFY_CODES, ipTypeName, nameOf } from '../../cln/catalog';
import type { ExplorerNode, Family } from '../../views/model';

export const FAMILY_NAMES: Record<Family, string> = {
  ip: 'IP Licenses',
  kcare: 'KernelCare',
  im: 'Imunify',
  els: 'ELS',
  backups: 'Backups',
};

/** How a node is named in questions, confirmations and reports. */
export function describeNode(node: ExplorerNode): string {
  switch (node.kind) {
    case 'ipLicense':
      return `${node.license.ip} (${ipTypeName(node.license.type)})`;
    case 'kcareKey':
      return `KernelCare key ${node.key.key}`;
    case 'imKey':
      return `Imunify key ${node.key.key}`;
    case 'elsKey':
      return `ELS key ${node.key.key}`;
    case 'kcareServer':
      return `KernelCare server ${withAddress(node.server.serverId, node.server.ip)}`;
    case 'imServer':
      return `Imunify server ${withAddress(node.server.id, node.server.ip)}`;
    case 'elsServer':
      return `ELS server ${withAddress(node.server.id, node.server.hostname ?? node.server.ip)}`;
    case 'groupServer':
      return `server ${withAddress(node.server.id, node.server.hostname ?? node.server.ip)} in group "${node.groupName}"`;
    case 'backup':
      return `backup #${node.backup.backupId} (${node.backup.size} GB, server ${node.backup.serverId})`;
    case 'group':
      return `group "${node.group.name}"`;
    case 'family':
      return `the ${FAMILY_NAMES[node.family]} folder`;
    case 'ipType':
      return `the ${ipTypeName(node.type)} folder`;
    case 'elsCode':
      return `the ELS ${node.code} folder`;
  }
}

function withAddress(id: string, address: string | null): string {
  return address && address !== id ? `${id} (${address})` : id;
}

/** "1 server", "3 servers". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "a, b, c and 4 more": names without flooding a notification. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** The product a code stands for: "Imunify360 single user", or the code itself when not in the catalog. */
export function productCodeName(family: 'im' | 'els', code: string): string {
  return nameOf(family === 'im' ? IMUNIFY_CODES : ELS_CODES, code) ?? code;
}
