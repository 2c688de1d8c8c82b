/**
 * The AccelerateWP billing report inside its webview. Asks the extension for a
 * month by message, shows what comes back, and keeps month, products, filter,
 * sort and page in the webview state so they survive hiding and reloads.
 */
import { AWP_PRODUCTS, type AwpProduct } from '../../../cln/catalog';
import type { AwpEntry } from '../../../cln/types';
import { countEntries, DEFAULT_VIEW, MISSING, monthLabel, shiftMonth, viewRows, type AwpColumn, type AwpView, type TrendPoint } from '../core/awpData';
import { readQuery, readView, type AwpQuery, type ProblemAction, type ToExtension, type ToWebview } from '../core/protocol';
import { chartLegend, trendChart } from './chart';
import type { AwpPageStrings } from '../core/pageStrings';
import { button, format, formatCount, h, onPausedInput, pageStrings } from '../../../ui/page/dom';
import { ReportTable } from './table';

declare function acquireVsCodeApi(): { postMessage(message: ToExtension): void; getState(): unknown; setState(state: unknown): void };
const host = acquireVsCodeApi();
const S = pageStrings<AwpPageStrings>();

interface Saved {
  query?: AwpQuery;
  view: AwpView;
  page: number;
}

function restore(): Saved {
  const state = (host.getState() ?? {}) as Record<string, unknown>;
  return { query: readQuery(state.query), view: readView(state.view) ?? DEFAULT_VIEW, page: typeof state.page === 'number' ? state.page : 0 };
}

const saved = restore();
let query = saved.query;
let view = saved.view;
let page = saved.page;
let currentMonth = '';
let entries: AwpEntry[] | undefined;
let trend: { points: readonly TrendPoint[] } | { failed: string } | undefined;

const save = () => host.setState({ query, view, page } satisfies Saved);
const post = (message: ToExtension) => host.postMessage(message);

// ---- controls ------------------------------------------------------------------------------

const monthInput = h('input', { type: 'month', id: 'month', required: true, 'aria-describedby': 'month-hint' });
const previousMonth = button('‹', () => query && requestMonth(shiftMonth(query.month, -1)), { class: 'secondary narrow', 'aria-label': S.previousMonth, title: S.previousMonth });
const nextMonth = button('›', () => query && requestMonth(shiftMonth(query.month, 1)), { class: 'secondary narrow', 'aria-label': S.nextMonth, title: S.nextMonth });
const productBoxes = new Map<AwpProduct, HTMLInputElement>(AWP_PRODUCTS.map((p) => [p, h('input', { type: 'checkbox', id: `product-${p}`, value: p })]));
const filterInput = h('input', { type: 'search', id: 'filter', placeholder: S.filterPlaceholder, spellcheck: 'false', autocomplete: 'off' });
const refreshButton = button(S.refresh, () => query && post({ type: 'load', query, refresh: true }), { class: 'secondary', title: S.refreshTitle });
const exportButton = button(S.exportCsv, () => query && post({ type: 'export', query, view }), { title: S.exportTitle });

monthInput.addEventListener('change', () => {
  if (/^\d{4}-\d{2}$/.test(monthInput.value)) requestMonth(monthInput.value);
});
for (const box of productBoxes.values()) {
  box.addEventListener('change', () => {
    const products = AWP_PRODUCTS.filter((p) => productBoxes.get(p)!.checked);
    if (products.length === 0) {
      box.checked = true;
      announce(S.chooseProduct);
      return;
    }
    if (query) requestQuery({ ...query, products });
  });
}
onPausedInput(filterInput, (filter) => setView({ ...view, filter }));

const toolbar = h(
  'div',
  { class: 'toolbar', role: 'toolbar', 'aria-label': S.controls, hidden: true },
  h(
    'div',
    { class: 'field' },
    h('label', { for: 'month' }, S.month),
    h('div', { class: 'month-picker' }, previousMonth, monthInput, nextMonth),
    h('span', { id: 'month-hint', class: 'visually-hidden' }, S.monthHint),
  ),
  h(
    'div',
    { class: 'field', role: 'group', 'aria-labelledby': 'products-label' },
    h('span', { id: 'products-label', class: 'field-label' }, S.products),
    h('div', { class: 'checks' }, ...[...productBoxes].map(([product, box]) => h('label', { class: 'check', for: box.id }, box, product === 'AWP_PREMIUM' ? S.premium : S.cdn))),
  ),
  h('div', { class: 'field grow' }, h('label', { for: 'filter' }, S.filter), filterInput),
  h('div', { class: 'actions' }, refreshButton, exportButton),
);

// ---- report sections -----------------------------------------------------------------------

const heading = h('h1', {}, S.heading);
const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const problem = h('section', { class: 'problem', hidden: true, 'aria-live': 'polite' });
const summary = h('section', { class: 'summary', 'aria-label': S.totals });
const chartBox = h('div', { class: 'chart-box' });
const trendSection = h('section', { class: 'trend', 'aria-labelledby': 'trend-title' }, h('h2', { id: 'trend-title' }, S.trend), chartBox);
const tableState = h('div', { class: 'table-state', hidden: true });
const table = new ReportTable(S, {
  onSort: (column: AwpColumn) => setView({ ...view, sort: { column, descending: view.sort.column === column ? !view.sort.descending : false } }),
  onPage: (next) => {
    page = next;
    renderRows();
    save();
  },
  onCopy: (domain) => post({ type: 'copy', text: domain }),
});
const report = h('div', { class: 'report', hidden: true }, summary, trendSection, h('section', { class: 'entries-section', 'aria-label': S.entities }, tableState, table.element));

const app = document.getElementById('app')!;
app.replaceChildren(h('header', {}, heading), toolbar, problem, report, status);

// ---- behaviour -----------------------------------------------------------------------------

function requestMonth(month: string): void {
  if (!query || month === query.month) return;
  requestQuery({ ...query, month: month > currentMonth ? currentMonth : month });
}

function requestQuery(next: AwpQuery): void {
  page = 0;
  query = next;
  save();
  post({ type: 'load', query: next });
}

function setView(next: AwpView): void {
  view = next;
  page = 0;
  save();
  renderRows();
}

function announce(text: string): void {
  status.textContent = text;
}

function showQuery(next: AwpQuery): void {
  query = next;
  monthInput.value = next.month;
  monthInput.max = currentMonth;
  nextMonth.disabled = next.month >= currentMonth;
  for (const [product, box] of productBoxes) box.checked = next.products.includes(product);
  filterInput.value = view.filter;
  heading.textContent = format(S.headingMonth, monthLabel(next.month));
  save();
}

function renderRows(): void {
  if (!query || !entries) return;
  const rows = viewRows(entries, view);
  renderSummary(rows);
  exportButton.disabled = rows.length === 0;
  const empty = entries.length === 0 ? emptyMonth() : rows.length === 0 ? noMatch() : undefined;
  tableState.replaceChildren(...(empty ? [empty] : []));
  tableState.hidden = !empty;
  table.element.hidden = Boolean(empty);
  page = table.render(rows, view.sort, page, format(S.tableCaption, monthLabel(query.month)));
}

function renderSummary(rows: readonly AwpEntry[]): void {
  const counts = countEntries(rows, query!.products);
  const filtered = view.filter.trim() !== '';
  const total = h(
    'div',
    { class: 'card total' },
    h('span', { class: 'value' }, formatCount(counts.total)),
    h('span', { class: 'label' }, filtered ? format(S.matchFilter, formatCount(entries!.length)) : counts.total === 1 ? S.billableOne : S.billableMany),
  );
  const cards = counts.products.map(({ product, label, count }) =>
    h(
      'div',
      { class: `card series-${product}` },
      h('span', { class: 'value' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), formatCount(count)),
      h('span', { class: 'label' }, label),
      product === 'AWP_CDN' && counts.cdnTiers.length > 0
        ? h(
            'ul',
            { class: 'tiers', 'aria-label': S.cdnTiers },
            ...counts.cdnTiers.map(({ tier, count: n }) => h('li', {}, h('span', {}, tier ?? format(S.noLimitType, MISSING)), h('span', { class: 'tier-count' }, formatCount(n)))),
          )
        : null,
    ),
  );
  summary.replaceChildren(total, ...cards);
}

function emptyMonth(): HTMLElement {
  const month = monthLabel(query!.month);
  const text = query!.products.length === 1 ? (query!.products[0] === 'AWP_CDN' ? S.noCdnSites : S.noPremiumSites) : S.noSites;
  return stateBox(S.noEntities, format(text, month), [
    button(S.showPreviousMonth, () => requestMonth(shiftMonth(query!.month, -1))),
    button(S.refresh, () => post({ type: 'load', query: query!, refresh: true }), { class: 'secondary' }),
  ]);
}

function noMatch(): HTMLElement {
  return stateBox(S.noMatching, format(S.noMatchText, monthLabel(query!.month), view.filter.trim()), [
    button(S.clearFilter, () => {
      filterInput.value = '';
      setView({ ...view, filter: '' });
      filterInput.focus();
    }),
  ]);
}

function stateBox(title: string, message: string, actions: HTMLElement[]): HTMLElement {
  return h('div', { class: 'state-box' }, h('h2', {}, title), h('p', {}, message), h('div', { class: 'actions' }, ...actions));
}

function renderTrend(): void {
  if (!query) return;
  if (!trend) {
    chartBox.replaceChildren(h('p', { class: 'muted' }, S.loadingTrend));
  } else if ('failed' in trend) {
    chartBox.replaceChildren(
      h(
        'div',
        { class: 'inline-error' },
        h('p', {}, format(S.trendFailed, trend.failed)),
        button(S.retry, () => post({ type: 'load', query: query! }), { class: 'secondary' }),
      ),
    );
  } else {
    const width = Math.floor(chartBox.clientWidth) || 600;
    chartBox.replaceChildren(trendChart(S, { points: trend.points, products: query.products, selected: query.month, width, onSelect: requestMonth }), chartLegend(query.products));
  }
}

let chartWidth = 0;
new ResizeObserver(() => {
  const width = Math.floor(chartBox.clientWidth);
  if (width !== chartWidth && trend && 'points' in trend) requestAnimationFrame(renderTrend);
  chartWidth = width;
}).observe(chartBox);

const ACTION_LABELS: Record<ProblemAction, string> = { signIn: S.signIn, useDemo: S.useDemo, retry: S.retry, showLog: S.showLog };

function renderProblem(message: Extract<ToWebview, { type: 'problem' }>): void {
  const signedOut = message.kind === 'signedOut';
  toolbar.hidden = signedOut;
  report.hidden = true;
  exportButton.disabled = true;
  const actions = message.actions.map((action, i) =>
    button(ACTION_LABELS[action], () => (action === 'retry' ? query && post({ type: 'load', query }) : post({ type: 'action', action })), { class: i === 0 ? undefined : 'secondary' }),
  );
  problem.replaceChildren(stateBox(signedOut ? S.notSignedIn : S.reportFailed, message.message, actions));
  problem.classList.toggle('error', !signedOut);
  problem.hidden = false;
  app.setAttribute('aria-busy', 'false');
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'loading': {
      const sameQuery = query?.month === message.query.month && query.products.join() === message.query.products.join() && entries !== undefined;
      currentMonth = message.currentMonth;
      showQuery(message.query);
      toolbar.hidden = false;
      problem.hidden = true;
      report.hidden = false;
      app.setAttribute('aria-busy', 'true');
      if (sameQuery) {
        announce(S.refreshing);
      } else {
        entries = undefined;
        exportButton.disabled = true;
        summary.replaceChildren();
        table.element.hidden = true;
        tableState.hidden = false;
        tableState.replaceChildren(h('p', { class: 'muted' }, format(S.loadingMonth, monthLabel(message.query.month))));
      }
      trend = undefined;
      renderTrend();
      return;
    }
    case 'report':
      entries = message.entries;
      app.setAttribute('aria-busy', 'false');
      if (status.textContent === S.refreshing) announce('');
      renderRows();
      return;
    case 'trend':
      trend = { points: message.points };
      renderTrend();
      return;
    case 'trendFailed':
      trend = { failed: message.message };
      renderTrend();
      return;
    case 'problem':
      if (message.query) showQuery(message.query);
      renderProblem(message);
      return;
    case 'exported':
      announce(format(message.rows === 1 ? S.exportedOne : S.exportedMany, formatCount(message.rows), message.fileName));
      return;
    case 'copied':
      announce(format(S.copied, message.text));
      return;
  }
});

post({ type: 'ready', query });
