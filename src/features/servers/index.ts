/** Servers of keys: remove, move Imunify servers to another key. */
import type { Feature } from '../../ui/feature';
import { convertServer, removeServer } from './commands';

// The plural ids are the same commands under the title that fits a multi-selection (package.json's listMultiSelection clauses).
export const servers: Feature = () => ({
  commands: {
    'cln.removeServer': removeServer,
    'cln.convertServer': convertServer,
    'cln.removeServers': removeServer,
  },
});
