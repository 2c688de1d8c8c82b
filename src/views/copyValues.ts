/** The values a node offers to copy, the one shown as its label first. No `vscode` here. */
import type { TreeNode } from './nodes';

export interface CopyableValue {
  label: string;
  value: string;
}

export function copyableValues(node: TreeNode): CopyableValue[] {
  const values = (...pairs: [string, string | null | undefined][]) =>
    pairs.filter((pair): pair is [string, string] => Boolean(pair[1])).map(([label, value]) => ({ label, value }));
  switch (node.kind) {
    case 'ipLicense':
      return values(['IP', node.license.ip], ['Server', node.info?.serverInfo]);
    case 'kcareKey':
    case 'imKey':
    case 'elsKey':
      return values(['Key', node.key.key], ['Note', node.key.note]);
    case 'kcareServer':
      return values(['IP', node.server.ip], ['Server id', node.server.serverId], ['Key', node.server.key]);
    case 'imServer':
      return values(['IP', node.server.ip], ['Server id', node.server.id], ['Key', node.server.key]);
    case 'elsServer':
      return values(['Hostname', node.server.hostname], ['IP', node.server.ip], ['Server id', node.server.id], ['Key', node.server.key]);
    case 'groupServer':
      return values(['Hostname', node.server.hostname], ['IP', node.server.ip], ['Server id', node.server.id]);
    case 'backup':
      return values(['Backup id', String(node.backup.backupId)], ['Server id', node.backup.serverId]);
    case 'group':
      return values(['Group name', node.group.name]);
    case 'message':
      return values(['Message', node.text]);
    default:
      return [];
  }
}
