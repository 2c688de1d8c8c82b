/** Backups (retired by CloudLinux): create, resize, remove. */
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
