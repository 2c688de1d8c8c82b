import * as l10n from '@vscode/l10n';
import { ELS_CODES, IMUNIFY_CODES, nameOf } from '../cln/catalog';

/** How a node is named in questions, confirmations and reports: its kind's entry says (explorer/kinds.ts). */
export { describeNode, FAMILY_NAMES } from '../explorer/kinds';

/** "1 server", "3 servers" (English plurals: adapters word counts whole with l10n.t, as bulk.ts's NOUNS do). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "a, b, c and 4 more": names without flooding a notification. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return l10n.t('{0} and {1} more', names.slice(0, max).join(', '), names.length - max);
}

/** The product a code stands for: "Imunify360 single user", or the code itself when not in the catalog. */
export function productCodeName(family: 'im' | 'els', code: string): string {
  return nameOf(family === 'im' ? IMUNIFY_CODES : ELS_CODES, code) ?? code;
}
