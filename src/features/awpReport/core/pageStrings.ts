/**
 * The text of the report pages. A page script has no text of its own: the extension builds
 * these objects with l10n.t (so they follow VS Code's display language) and puts them in the
 * page shell (`data-strings` on #app, see awpReportHtml.ts); the page reads them before it
 * builds anything. `{0}`, `{1}` … are filled in by the page (`format` in client/dom.ts).
 * Singular and plural are separate messages.
 */
import * as l10n from '@vscode/l10n';
import type { AwpColumn } from './awpData';
import type { CleanupColumn, ResultState } from '../../cleanup/core/protocol';
import type { FindingKind } from '../../cleanup/core/findings';

/** Shared by both pages' tables. */
function tableStrings() {
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

export function awpPageStrings() {
  const columns: Record<AwpColumn, string> = {
    product: l10n.t('Product'),
    primaryDomain: l10n.t('Primary domain'),
    username: l10n.t('Username'),
    cdnLimitType: l10n.t('CDN limit type'),
  };
  return {
    ...tableStrings(),
    columns,
    previousMonth: l10n.t('Previous month'),
    nextMonth: l10n.t('Next month'),
    filterPlaceholder: l10n.t('Domain or username'),
    refreshTitle: l10n.t('Fetch the current month again'),
    exportTitle: l10n.t('Save the rows shown (filtered and sorted) as CSV'),
    chooseProduct: l10n.t('Choose at least one product.'),
    month: l10n.t('Month'),
    monthHint: l10n.t('Year and month of the billing period'),
    products: l10n.t('Products'),
    premium: l10n.t('Premium'),
    cdn: l10n.t('CDN'),
    heading: l10n.t('AccelerateWP Billing'),
    headingMonth: l10n.t('AccelerateWP Billing — {0}'),
    totals: l10n.t('Totals'),
    trend: l10n.t('Twelve-month trend'),
    entities: l10n.t('Billable entities'),
    tableCaption: l10n.t('Billable AccelerateWP entities, {0}'),
    matchFilter: l10n.t('of {0} match the filter'),
    billableOne: l10n.t('billable entity'),
    billableMany: l10n.t('billable entities'),
    cdnTiers: l10n.t('CDN entities per limit type'),
    noLimitType: l10n.t('{0} no limit type'),
    noEntities: l10n.t('No billable entities'),
    noPremiumSites: l10n.t('CLN lists no AccelerateWP Premium sites for {0}.'),
    noCdnSites: l10n.t('CLN lists no AccelerateWP CDN sites for {0}.'),
    noSites: l10n.t('CLN lists no AccelerateWP Premium or CDN sites for {0}.'),
    showPreviousMonth: l10n.t('Show Previous Month'),
    noMatching: l10n.t('No matching entities'),
    noMatchText: l10n.t('No domain or username in {0} contains “{1}”.'),
    clearFilter: l10n.t('Clear Filter'),
    loadingTrend: l10n.t('Loading the trend…'),
    trendFailed: l10n.t('The trend could not be loaded: {0}'),
    signIn: l10n.t('Sign In'),
    useDemo: l10n.t('Explore Demo Data'),
    showLog: l10n.t('Show Log'),
    notSignedIn: l10n.t('Not signed in'),
    reportFailed: l10n.t('The report could not be loaded'),
    refreshing: l10n.t('Refreshing…'),
    loadingMonth: l10n.t('Loading {0}…'),
    exportedOne: l10n.t('Exported {0} row to {1}.'),
    exportedMany: l10n.t('Exported {0} rows to {1}.'),
    copied: l10n.t('Copied {0}'),
    chartLabel: l10n.t('Billable entities per month. {0}.'),
    actions: l10n.t('Actions'),
    copy: l10n.t('Copy'),
    copyDomain: l10n.t('Copy domain'),
    copyNamed: l10n.t('Copy {0}'),
  };
}
export type AwpPageStrings = ReturnType<typeof awpPageStrings>;

export function cleanupPageStrings() {
  const columns: Record<CleanupColumn, string> = {
    kind: l10n.t('Finding'),
    product: l10n.t('Product'),
    target: l10n.t('What'),
    key: l10n.t('Key'),
    created: l10n.t('Created'),
    lastCheckin: l10n.t('Last check-in'),
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
    savingsUnpriced: l10n.t('Removing all {0} proposed items would save about {1} a month ({2} items have no price in cln.cleanup.prices).'),
    noPrices: l10n.t('{0} items proposed for removal. Add prices per product to the cln.cleanup.prices setting to see what removing them saves a month.'),
    removeCount: l10n.t('Remove {0}…'),
    nothingToRemove: l10n.t('Nothing to remove'),
    previewOne: l10n.t('Preview: {0} call to CLN'),
    previewMany: l10n.t('Preview: {0} calls to CLN'),
    sentOnceTyped: l10n.t('Each is sent once, in this order. You will be asked to type {0} to confirm.'),
    sentOnce: l10n.t('Each is sent once, in this order. You will be asked to confirm.'),
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
