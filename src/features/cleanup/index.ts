/** The clean-up: `CLN: Find Unused Licenses` (asking N, the report, the sweep: panel.ts). */
import type { Feature } from '../../ui/feature';
import { disposeReport, findUnusedLicenses } from './panel';

export const cleanup: Feature = ({ context, extensionUri }) => ({
  commands: { 'cln.findUnusedLicenses': (_context, days) => findUnusedLicenses({ context, extensionUri }, days) },
  disposables: [{ dispose: () => disposeReport() }],
});
