/**
 * CloudLinux OS keys (CLN API v2): create, update (limit, note) and remove keys, remove
 * servers. The family's rows, loaders and the "needs CLN API v2" row are in the explorer
 * (kinds.ts, loaders.ts); the changes go through the account service, journaled.
 */
import type { Feature } from '../../ui/feature';
import { createClKey, removeClKey, removeClServer, updateClKey } from './commands';

export const cloudlinux: Feature = () => ({
  commands: {
    'cln.createClKey': createClKey,
    'cln.updateClKey': updateClKey,
    'cln.removeClKey': removeClKey,
    'cln.removeClServer': removeClServer,
  },
});
