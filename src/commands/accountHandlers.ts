/**
 * The account commands' handlers, by id. A separate bundle (dist/accountCommands.js), loaded on the
 * first account command so activation stays small; `index.ts` registers the ids.
 */
import * as path from 'path';
import { addServersToGroup, createGroup, removeServersFromGroup } from './groups';
import { createBackup, removeBackup, resizeBackup } from './backups';
import { checkIp, convertIpLicense, updateIpLicense } from './ipChanges';
import { registerIpLicense } from './ipRegister';
import { removeIpLicense } from './ipRemove';
import { checkKernelCareHealth, manageApiToken } from './kernelcareHealth';
import { createKey } from './keyCreate';
import { setKeyCidr } from './keyCidr';
import { removeKey } from './keyRemove';
import { updateKey } from './keyUpdate';
import type { CommandHandler } from '../ui/registerCommand';
import { convertServer, removeServer } from './servers';
import { signIn, signOut, switchAccount, useDemoData } from './sessionHandlers';

/** Change License IP / Product are a separate bundle (dist/transfer.js), loaded on first use. */
function transfer(): typeof import('./licenseTransfer') {
  return require(path.join(__dirname, 'transfer.js')) as typeof import('./licenseTransfer');
}

/** Each account command, by id. Handlers take (clickedNode, selectedNodes) from the tree, or nothing from the palette. */
export const ACCOUNT_COMMANDS: Record<string, CommandHandler> = {
  'cln.registerIpLicense': registerIpLicense,
  'cln.convertIpLicense': convertIpLicense,
  'cln.removeIpLicense': removeIpLicense,
  'cln.updateIpLicense': updateIpLicense,
  'cln.checkIp': checkIp,
  'cln.changeLicenseIp': (context, ...args) => transfer().changeLicenseIp(context, ...args),
  'cln.changeLicenseProduct': (context, ...args) => transfer().changeLicenseProduct(context, ...args),
  'cln.createKey': createKey,
  'cln.updateKey': updateKey,
  'cln.removeKey': removeKey,
  'cln.setKeyCidr': setKeyCidr,
  'cln.removeServer': removeServer,
  'cln.convertServer': convertServer,
  'cln.checkKernelCareHealth': checkKernelCareHealth,
  'cln.manageApiToken': manageApiToken,
  'cln.signIn': signIn,
  'cln.signOut': signOut,
  'cln.switchAccount': switchAccount,
  'cln.useDemoData': useDemoData,
  'cln.createBackup': createBackup,
  'cln.resizeBackup': resizeBackup,
  'cln.removeBackup': removeBackup,
  'cln.createGroup': createGroup,
  'cln.addServersToGroup': addServersToGroup,
  'cln.removeServersFromGroup': removeServersFromGroup,
  // The same commands under the title that fits the selection: one row, or several (package.json's listMultiSelection clauses).
  'cln.addServerToGroup': addServersToGroup,
  'cln.removeServerFromGroup': removeServersFromGroup,
  'cln.removeIpLicenses': removeIpLicense,
  'cln.removeKeys': removeKey,
  'cln.removeServers': removeServer,
  'cln.removeBackups': removeBackup,
};

