/**
 * Where a thing lives in the trees: the path of rows from the top of a view
 * down to it, as tests on the nodes each level shows. Commands name what they
 * made or found (a license, a key, a server); the views walk the path and
 * select the row. No `vscode` here.
 */
import type { KeyFamily } from './loaders';
import type { ExplorerNode, Family, ViewName } from './nodes';
import { serverIdOf } from './nodes';

export type RevealTarget =
  | { kind: 'ipLicense'; ip: string; type: number }
  | { kind: 'key'; family: KeyFamily; key: string; code?: string }
  | { kind: 'server'; family: KeyFamily; key: string; code?: string; id: string }
  | { kind: 'backup'; backupId: number }
  | { kind: 'group'; name: string };

export type RevealStep = (node: ExplorerNode) => boolean;

export interface RevealPath {
  view: ViewName;
  steps: RevealStep[];
}

const isFamily =
  (family: Family): RevealStep =>
  (node) =>
    node.kind === 'family' && node.family === family;

function keySteps(family: KeyFamily, key: string, code: string | undefined): RevealStep[] {
  const isKey: RevealStep = (node) => (node.kind === 'kcareKey' || node.kind === 'imKey' || node.kind === 'elsKey') && node.key.key === key;
  if (family !== 'els') return [isFamily(family), isKey];
  // ELS keys sit under their product code; without the code, any code folder holding the key.
  return [isFamily('els'), (node) => node.kind === 'elsCode' && (code === undefined || node.code === code), isKey];
}

export function revealPath(target: RevealTarget): RevealPath {
  switch (target.kind) {
    case 'ipLicense':
      return {
        view: 'licenses',
        steps: [
          isFamily('ip'),
          (node) => node.kind === 'ipType' && node.type === target.type,
          (node) => node.kind === 'ipLicense' && node.license.ip === target.ip && node.license.type === target.type,
        ],
      };
    case 'key':
      return { view: 'licenses', steps: keySteps(target.family, target.key, target.code) };
    case 'server':
      return {
        view: 'licenses',
        steps: [
          ...keySteps(target.family, target.key, target.code),
          (node) => (node.kind === 'kcareServer' || node.kind === 'imServer' || node.kind === 'elsServer') && serverIdOf(node) === target.id,
        ],
      };
    case 'backup':
      return { view: 'licenses', steps: [isFamily('backups'), (node) => node.kind === 'backup' && node.backup.backupId === target.backupId] };
    case 'group':
      return { view: 'groups', steps: [(node) => node.kind === 'group' && node.group.name === target.name] };
  }
}
