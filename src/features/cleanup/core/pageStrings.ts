/**
 * The text of the unused-licenses report page, built with l10n.t and handed to the page in its
 * shell (see src/ui/webviewPage.ts and the AccelerateWP page's pageStrings.ts).
 * Singular and plural are separate messages.
 */
import * as l10n from '@vscode/l10n';
import type { CleanupColumn, ResultState } from './protocol';
import type { FindingKind } from '../../../services/cleanupFindings';
import { tableStrings } from '../../../services/wording';

export function cleanupPageStrings() {
  const columns: Record<CleanupColumn, string> = {
    kind: l10n.t('Finding'),
    product: l10n.t('Product'),
    target: l10n.t('What'),
    key: l10n.t('Key'),
    created: l10n.t('Created'),
    lastCheckin: l10n.t('Last check-in'),
    cost: l10n.t('Cost / month'),
    evidence: l10n.t('Evidence'),
    result: l10n.t('Result'),
  };
  const kinds: Record<FindingKind, string> = {
    neverUsed: l10n.t('Never used'),
    silent: l10n.t('Silent'),
    duplicate: l10n.t('Duplicate registrations'),
    paidTwice: l10n.t('Paid twice'),
    keyEmpty: l10n.t('Keys without servers'),
    keyOverLimit: l10n.t('Keys over their limit'),
    noCheckin: l10n.t('No check-in reported'),
    addonOnUnused: l10n.t('Paid add-ons on unused servers'),
  };
  const results: Record<ResultState, string> = {
    queued: l10n.t('queued'),
    done: l10n.t('removed'),
    unchanged: l10n.t('unchanged'),
    refused: l10n.t('refused'),
    failed: l10n.t('not sent'),
    unknown: l10n.t('outcome unknown'),
    notSent: l10n.t('not sent (cancelled)'),
  };
  return {
    ...tableStrings(),
    columns,
    kinds,
    results,
    title: l10n.t('Unused Licenses'),
    cards: l10n.t('Findings per kind (click to show only that kind)'),
    filterPlaceholder: l10n.t('IP, server, key, evidence…'),
    removeSelected: l10n.t('Remove selected…'),
    removeSelectedCount: l10n.t('Remove {0} selected…'),
    removeTitle: l10n.t('Preview exactly what would be removed'),
    exportTitle: l10n.t('Save the findings shown (filtered and sorted) as CSV'),
    rescan: l10n.t('Rescan'),
    rescanTitle: l10n.t('Read everything from CLN again'),
    stop: l10n.t('Stop'),
    stopTitle: l10n.t('Stop the sweep'),
    selectAll: l10n.t('Select every removable finding shown'),
    findings: l10n.t('Findings'),
    looking: l10n.t('Looking…'),
    noMatch: l10n.t('No finding matches the filter.'),
    nothingFound: l10n.t('Nothing found: every license and server checked in recently.'),
    selected: l10n.t('{0} selected'),
    selectNamed: l10n.t('Select {0}'),
    infoOnlyTitle: l10n.t('Information only: nothing is proposed for removal'),
    info: l10n.t('info'),
    withRelated: l10n.t('with {0}'),
    keyShortened: l10n.t('License key (shortened)'),
    showEveryKind: l10n.t('Show every kind'),
    showOnly: l10n.t('Show only {0}'),
    informationOnly: l10n.t('information only'),
    perMonth: l10n.t('{0} / month'),
    perMonthUnpriced: l10n.t('{0} / month (+{1} unpriced)'),
    savings: l10n.t('Removing all {0} proposed items would save about {1} a month.'),
    savingsUnpriced: l10n.t('Removing all {0} proposed items would save about {1} a month ({2} items have no price yet).'),
    noPrices: l10n.t('{0} items proposed for removal. Set the monthly price of each product to see what removing them saves.'),
    removedSoFarOne: l10n.t('Removed from this report so far: {0} item.'),
    removedSoFar: l10n.t('Removed from this report so far: {0} items.'),
    removedSoFarSavedOne: l10n.t('Removed from this report so far: {0} item, about {1} a month.'),
    removedSoFarSaved: l10n.t('Removed from this report so far: {0} items, about {1} a month.'),
    setPrices: l10n.t('Set prices…'),
    setPricesTitle: l10n.t('Set the monthly price of each product by name (CLN: Set License Prices…); saved in the cln.cleanup.prices setting'),
    noPrice: l10n.t('no price'),
    noPriceTitle: l10n.t('{0} has no monthly price: set one with Set prices…'),
    setPrice: l10n.t('Set…'),
    setPriceOf: l10n.t('Set the monthly price of {0}'),
    costInfoOnly: l10n.t('Information only: removing nothing saves nothing'),
    total: l10n.t('Total of the {0} rows shown'),
    totalUnpriced: l10n.t('{0} rows without a price are not in it.'),
    removeCount: l10n.t('Remove {0}…'),
    nothingToRemove: l10n.t('Nothing to remove'),
    previewOne: l10n.t('Preview: {0} call to CLN'),
    previewMany: l10n.t('Preview: {0} calls to CLN'),
    sentOnceTyped: l10n.t('Each is sent once, in this order. Type {0} (the number of items) below to confirm.'),
    sentOnce: l10n.t('Each is sent once, in this order, when you press the button below.'),
    typeToConfirm: l10n.t('Number of items to remove'),
    infoNotPart: l10n.t('{0} information-only findings are not part of it.'),
    onlyInfo: l10n.t('The selected findings are information only or already removed.'),
    subtitle: l10n.t('Licenses and servers with no check-in for more than {0} days, unused licenses created before then, duplicates and licenses paid twice.'),
    lookingForUnused: l10n.t('Looking for unused licenses…'),
    soFar: l10n.t('{0} findings so far.'),
    lookingSoFar: l10n.t('Looking… {0} findings so far.'),
    progress: l10n.t('Looking… read {0} of {1} lists; {2} findings so far.'),
    done: l10n.t('{0} findings in {1} s: {2} IP licenses, {3} KernelCare, {4} Imunify and {5} ELS servers checked.'),
    exported: l10n.t('Exported {0} findings to {1}.'),
  };
}
export type CleanupPageStrings = ReturnType<typeof cleanupPageStrings>;
