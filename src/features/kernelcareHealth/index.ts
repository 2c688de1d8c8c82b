/** Check KernelCare Servers through the Nagios endpoints, and the API token they need. */
import type { Feature } from '../../ui/feature';
import { checkKernelCareHealth, manageApiToken } from './commands';

// The plural ids are the same commands under the title that fits a multi-selection (package.json's listMultiSelection clauses).
export const kernelcareHealth: Feature = () => ({
  commands: {
    'cln.checkKernelCareHealth': checkKernelCareHealth,
    'cln.manageApiToken': manageApiToken,
  },
});
