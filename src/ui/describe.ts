import { ELS_CODES, IMUNIFY_CODES, nameOf } from '../cln/catalog';

/** How a node is named in questions, confirmations and reports: its kind's entry says (explorer/kinds.ts). */
export { describeNode, FAMILY_NAMES } from '../explorer/kinds';

export { count, listNames } from '../services/wording';

/** The product a code stands for: "Imunify360 single user", or the code itself when not in the catalog. */
export function productCodeName(family: 'im' | 'els', code: string): string {
  return nameOf(family === 'im' ? IMUNIFY_CODES : ELS_CODES, code) ?? code;
}
