/** Server groups: create, add and remove servers. */
import type { Feature } from '../../ui/feature';
import { addServersToGroup, createGroup, removeServersFromGroup } from './commands';

// The plural ids are the same commands under the title that fits a multi-selection (package.json's listMultiSelection clauses).
export const groups: Feature = () => ({
  commands: {
    'cln.createGroup': createGroup,
    'cln.addServersToGroup': addServersToGroup,
    'cln.removeServersFromGroup': removeServersFromGroup,
    'cln.addServerToGroup': addServersToGroup,
    'cln.removeServerFromGroup': removeServersFromGroup,
  },
});
