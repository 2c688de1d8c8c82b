/** Change License IP and Change License Product: a license moved as a register-then-remove pair, journaled. */
import type { Feature } from '../../ui/feature';
import { changeLicenseIp, changeLicenseProduct } from './commands';

// The plural ids are the same commands under the title that fits a multi-selection (package.json's listMultiSelection clauses).
export const transfer: Feature = () => ({
  commands: {
    'cln.changeLicenseIp': changeLicenseIp,
    'cln.changeLicenseProduct': changeLicenseProduct,
  },
});
