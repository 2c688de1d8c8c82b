/**
 * The text of the AccelerateWP billing page. A page script has no text of its own: the extension
 * builds this object with l10n.t (so it follows VS Code's display language) and puts it in the
 * page shell (`data-strings` on #app, see src/ui/webviewPage.ts); the page reads it before it
 * builds anything. `{0}`, `{1}` … are filled in by the page (`format` in src/ui/page/dom.ts).
 * Singular and plural are separate messages.
 */
import * as l10n from '@vscode/l10n';
import type { AwpColumn } from './awpData';
import { tableStrings } from '../../../services/wording';

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
