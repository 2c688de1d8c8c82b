/** IP licenses: register (one or a pasted list), convert, update, check, remove. */
import type { Feature } from '../../ui/feature';
import { registerIpLicense } from './register';
import { removeIpLicense } from './remove';
import { checkIp, convertIpLicense, updateIpLicense } from './changes';

// The plural ids are the same commands under the title that fits a multi-selection (package.json's listMultiSelection clauses).
export const ipLicenses: Feature = () => ({
  commands: {
    'cln.registerIpLicense': registerIpLicense,
    'cln.convertIpLicense': convertIpLicense,
    'cln.removeIpLicense': removeIpLicense,
    'cln.updateIpLicense': updateIpLicense,
    'cln.checkIp': checkIp,
    'cln.removeIpLicenses': removeIpLicense,
  },
});
