/** KernelCare, Imunify and ELS keys: create, update, set IP ranges, remove. */
import type { Feature } from '../../ui/feature';
import { createKey } from './create';
import { updateKey } from './update';
import { setKeyCidr } from './cidr';
import { removeKey } from './remove';

// The plural ids are the same commands under the title that fits a multi-selection (package.json's listMultiSelection clauses).
export const keys: Feature = () => ({
  commands: {
    'cln.createKey': createKey,
    'cln.updateKey': updateKey,
    'cln.removeKey': removeKey,
    'cln.setKeyCidr': setKeyCidr,
    'cln.removeKeys': removeKey,
  },
});
