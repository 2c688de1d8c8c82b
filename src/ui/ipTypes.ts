/** IP license types as the IP commands offer and name them. */
import * as vscode from 'vscode';
import { ipTypeName } from '../cln/catalog';

/** CloudLinux OS types carry the "allow CL6 (ELS) registration" option. */
export function isCloudLinuxType(type: number): boolean {
  return ipTypeName(type).startsWith('CloudLinux');
}

export const ELS_QUESTION = () => vscode.l10n.t('Allow CL6 (ELS) registration?');

export function typeList(types: readonly number[]): string {
  return types.map(ipTypeName).join(', ');
}
