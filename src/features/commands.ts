/** The account commands' handlers, by id; `index.ts` registers them. */
import { addServersToGroup, createGroup, removeServersFromGroup } from './groups/commands';
import { createBackup, removeBackup, resizeBackup } from './backups/commands';
import { checkIp, convertIpLicense, updateIpLicense } from './ipLicenses/changes';
import { registerIpLicense } from './ipLicenses/register';
import { removeIpLicense } from './ipLicenses/remove';
import { checkKernelCareHealth, manageApiToken } from './kernelcareHealth/commands';
import { createKey } from './keys/create';
import { changeLicenseIp, changeLicenseProduct } from './transfer/commands';
import { setKeyCidr } from './keys/cidr';
import { removeKey } from './keys/remove';
import { updateKey } from './keys/update';
import type { CommandHandler } from '../ui/registerCommand';
import { convertServer, removeServer } from './servers/commands';
import { signIn, signOut, switchAccount, useDemoData } from './accounts/commands';


/** Each account command, by id. Handlers take (clickedNode, selectedNodes) from the tree, or nothing from the palette. */
export const ACCOUNT_COMMANDS: Record<string, CommandHandler> = {
  'cln.registerIpLicense': registerIpLicense,
  'cln.convertIpLicense': convertIpLicense,
  'cln.removeIpLicense': removeIpLicense,
  'cln.updateIpLicense': updateIpLicense,
  'cln.checkIp': checkIp,
  'cln.changeLicenseIp': changeLicenseIp,
  'cln.changeLicenseProduct': changeLicenseProduct,
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

