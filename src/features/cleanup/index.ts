/** The clean-up: `CLN: Find Unused Licenses` (asking N, the report, the sweep: panel.ts) and `CLN: Set License Prices…` (prices.ts). */
import type { Feature } from '../../ui/feature';
import { currentReportFindings, disposeReport, findUnusedLicenses } from './panel';
import { setLicensePrices } from './prices';

export const cleanup: Feature = ({ context, extensionUri }) => ({
  commands: {
    'cln.findUnusedLicenses': (_context, days) => findUnusedLicenses({ context, extensionUri }, days),
    'cln.setLicensePrices': () => setLicensePrices(context, currentReportFindings()),
  },
  disposables: [{ dispose: () => disposeReport() }],
});
