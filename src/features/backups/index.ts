/**
 * Backups: CloudLinux Backup reached its end of life on 1 October 2023. Remove is offered; Create and
 * Resize (which would add cost) stay registered for callers that name them, but no menu or the palette offers them.
 */
import type { Feature } from '../../ui/feature';
import { createBackup, removeBackup, resizeBackup } from './commands';

// The plural ids are the same commands under the title that fits a multi-selection (package.json's listMultiSelection clauses).
export const backups: Feature = () => ({
  commands: {
    'cln.createBackup': createBackup,
    'cln.resizeBackup': resizeBackup,
    'cln.removeBackup': removeBackup,
    'cln.removeBackups': removeBackup,
  },
});
