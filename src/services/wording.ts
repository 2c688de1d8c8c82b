/** Words for counts and lists that every layer uses, from the bulk runner to the commands. No `vscode` here. */
import * as l10n from '@vscode/l10n';

/** "1 server", "3 servers" (English plurals: adapters word counts whole with l10n.t, as bulk.ts's NOUNS do). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "a, b, c and 4 more": names without flooding a notification. `total`: how many there are, when only the first are kept. */
export function listNames(names: readonly string[], max = 5, total = names.length): string {
  if (total <= max) return names.join(', ');
  return l10n.t('{0} and {1} more', names.slice(0, max).join(', '), total - max);
}

/** How loud a notice is. */
export type NoticeLevel = 'info' | 'warning' | 'error';

/** The words of a report page's table and its controls, shared by both report pages (their pageStrings.ts). */
export function tableStrings() {
  return {
    previous: l10n.t('Previous'),
    next: l10n.t('Next'),
    pages: l10n.t('Pages'),
    rowsRange: l10n.t('Rows {0}–{1} of {2}'),
    notProvided: l10n.t('Not provided by CLN'),
    filter: l10n.t('Filter'),
    controls: l10n.t('Report controls'),
    exportCsv: l10n.t('Export CSV…'),
    refresh: l10n.t('Refresh'),
    retry: l10n.t('Retry'),
    cancel: l10n.t('Cancel'),
  };
}
