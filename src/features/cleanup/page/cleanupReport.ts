/**
 * The clean-up report inside its webview: findings arrive in batches while
 * the sweep runs; counts and the cost estimate per kind (of what is not removed
 * yet), a sortable, filterable and paged table with a checkbox and a monthly
 * cost per row and their total, a preview of exactly the calls a removal sends
 * (its button is the one confirmation), and a result per row as the removal runs.
 */
import { FINDING_KINDS, monthlyCost, type Finding, type FindingKind } from '../../../services/cleanupFindings';
import { CLEANUP_COLUMNS, DEFAULT_CLEANUP_VIEW, viewFindings, type CleanupColumn, type CleanupView, type ItemResult, type ToExtension, type ToWebview } from '../core/protocol';
import type { CleanupPageStrings } from '../core/pageStrings';
import { findingPrice } from '../core/prices';
import { evidencePieces } from '../core/wrap';
import { button, format, formatCount, h, onPausedInput, pageStrings } from '../../../ui/page/dom';

declare function acquireVsCodeApi(): { postMessage(message: ToExtension): void; getState(): unknown; setState(state: unknown): void };
const host = acquireVsCodeApi();
const post = (message: ToExtension) => host.postMessage(message);
const S = pageStrings<CleanupPageStrings>();
const KIND_LABELS = S.kinds;

const PAGE_SIZE = 100;
let findings: Finding[] = [];
const results = new Map<string, ItemResult>();
const selected = new Set<string>();
let view: CleanupView = { ...DEFAULT_CLEANUP_VIEW, ...((host.getState() as { view?: CleanupView } | undefined)?.view ?? {}) };
let page = 0;
let days = 30;
let prices: Record<string, number> = {};
let running = true;
let removing = false;
let shown: Finding[] = [];
let renderQueued = false;

const money = (n: number) => n.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateCell = (iso: string | null) => (iso ? iso.slice(0, 10) : h('span', { class: 'missing', title: S.notProvided }, '—'));
const shortKey = (key: string | null) => (key ? (key.length > 10 ? `${key.slice(0, 4)}…${key.slice(-4)}` : key) : '');
const removed = (f: Finding) => results.get(f.id)?.state === 'done';
/** Text split at its spaces, each word (an id, an IP in brackets) kept whole on its line. */
const words = (text: string) => text.split(/(\s+)/).map((part) => (/^\s+$/.test(part) ? part : h('span', { class: 'word' }, part)));
/** Evidence wraps where it must (core/wrap.ts): a date in it ("2026-02-25") stays on one line, a kernel release breaks only at its dots. */
const evidenceText = (text: string) => evidencePieces(text).map((p) => (p === 'break' ? h('wbr') : 'whole' in p ? h('span', { class: 'word' }, p.whole) : p.text));
const editPrices = () => post({ type: 'editPrices' });
/** What, without the product the Product column names beside it ("IP license 192.0.2.1 (KernelCare)" → "IP license 192.0.2.1"). */
const targetText = (f: Finding) => (f.target.endsWith(` (${f.productName})`) ? f.target.slice(0, -(f.productName.length + 3)) : f.target);

// ---- layout --------------------------------------------------------------------------------

const app = document.getElementById('app')!;
const title = h('h1', {}, S.title);
const subtitle = h('p', { class: 'muted' });
const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const problem = h('div', { class: 'problem', role: 'alert', hidden: true });
const cards = h('div', { class: 'summary kinds', role: 'group', 'aria-label': S.cards });
const costText = h('span');
const removedText = h('span', { class: 'removed-so-far' });
const costLine = h('p', { class: 'cost' }, costText, ' ', removedText, ' ', button(S.setPrices, editPrices, { class: 'link-button', title: S.setPricesTitle }));
const notes = h('ul', { class: 'notes muted' });
const filterInput = h('input', { type: 'search', id: 'filter', placeholder: S.filterPlaceholder, spellcheck: 'false', autocomplete: 'off' });
filterInput.value = view.filter;
const removeButton = button(S.removeSelected, () => post({ type: 'preview', ids: [...selected] }), { title: S.removeTitle });
const exportButton = button(S.exportCsv, () => post({ type: 'export', ids: shown.map((f) => f.id) }), { class: 'secondary', title: S.exportTitle });
const rescanButton = button(S.rescan, () => post({ type: 'rescan', refresh: true }), { class: 'secondary', title: S.rescanTitle });
const cancelButton = button(S.stop, () => post({ type: 'cancel' }), { class: 'secondary', title: S.stopTitle });
const selectionInfo = h('span', { class: 'muted selection-info' });
onPausedInput(filterInput, (filter) => setView({ ...view, filter }));

const toolbar = h(
  'div',
  { class: 'toolbar', role: 'toolbar', 'aria-label': S.controls },
  h('div', { class: 'field grow' }, h('label', { for: 'filter' }, S.filter), filterInput),
  h('div', { class: 'actions' }, selectionInfo, removeButton, exportButton, rescanButton, cancelButton),
);

// Preview of a removal: every call, then the go-ahead.
const previewBox = h('section', { class: 'preview card', hidden: true, 'aria-labelledby': 'preview-title' });

// The table.
const headerRow = h('tr');
const selectAll = h('input', { type: 'checkbox', 'aria-label': S.selectAll });
selectAll.addEventListener('change', () => {
  for (const f of shown) {
    if (!f.removal || results.get(f.id)?.state === 'done') continue;
    if (selectAll.checked) selected.add(f.id);
    else selected.delete(f.id);
  }
  render();
});
headerRow.append(h('th', { scope: 'col', class: 'col-select' }, selectAll));
const headers = new Map<CleanupColumn, { cell: HTMLTableCellElement; arrow: HTMLElement }>();
for (const column of CLEANUP_COLUMNS) {
  const arrow = h('span', { class: 'sort-arrow', 'aria-hidden': 'true' });
  const sortButton = button(S.columns[column], () => setView({ ...view, sort: { column, descending: view.sort.column === column ? !view.sort.descending : false } }), { class: 'sort' });
  // Its words wrap at spaces only ("check-in" stays whole).
  sortButton.replaceChildren(...words(S.columns[column]), arrow);
  const cell = h('th', { scope: 'col', class: `col-${column}` }, sortButton);
  headers.set(column, { cell, arrow });
  headerRow.append(cell);
}
const body = h('tbody');
const totalCost = h('td', { class: 'cost' });
const totalNote = h('td', { colspan: 2, class: 'muted' });
const footer = h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: CLEANUP_COLUMNS.indexOf('cost') + 1, class: 'total-label' }), totalCost, totalNote));
body.addEventListener('change', (event) => {
  const box = (event.target as Element).closest<HTMLInputElement>('input[data-id]');
  if (!box) return;
  if (box.checked) selected.add(box.dataset.id!);
  else selected.delete(box.dataset.id!);
  updateSelection();
});
const findingsTable = h('table', { class: 'entries findings no-results' }, h('caption', { class: 'visually-hidden' }, S.findings), h('thead', {}, headerRow), body, footer);
const range = h('span', { class: 'range' });
const previous = button(S.previous, () => ((page -= 1), render()), { class: 'secondary' });
const next = button(S.next, () => ((page += 1), render()), { class: 'secondary' });
const pager = h('nav', { class: 'pager', 'aria-label': S.pages }, range, previous, next);
const table = h('div', { class: 'table-block' }, h('div', { class: 'table-scroll' }, findingsTable), pager);

app.replaceChildren(title, subtitle, status, problem, cards, costLine, notes, toolbar, previewBox, table);
app.removeAttribute('aria-busy');

// ---- rendering -----------------------------------------------------------------------------

function setView(next: CleanupView): void {
  view = next;
  page = 0;
  host.setState({ view });
  render();
}

/** Many batches arrive while sweeping: render once per frame. */
function queueRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function render(): void {
  renderCards();
  shown = viewFindings(findings, view, results, prices);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  page = Math.min(Math.max(0, page), pages - 1);
  for (const [column, { cell, arrow }] of headers) {
    const active = column === view.sort.column;
    cell.setAttribute('aria-sort', active ? (view.sort.descending ? 'descending' : 'ascending') : 'none');
    arrow.textContent = active ? (view.sort.descending ? ' ▼' : ' ▲') : '';
  }
  const first = page * PAGE_SIZE;
  const rows = shown.slice(first, first + PAGE_SIZE);
  body.replaceChildren(
    ...(rows.length ? rows.map(row) : [h('tr', {}, h('td', { colspan: CLEANUP_COLUMNS.length + 1, class: 'muted' }, running ? S.looking : findings.length ? S.noMatch : S.nothingFound))]),
  );
  renderTotal();
  findingsTable.classList.toggle('no-results', results.size === 0);
  totalNote.colSpan = results.size === 0 ? 1 : 2;
  range.textContent = shown.length ? format(S.rowsRange, formatCount(first + 1), formatCount(first + rows.length), formatCount(shown.length)) : '';
  previous.disabled = page === 0;
  next.disabled = page >= pages - 1;
  pager.toggleAttribute('hidden', pages <= 1);
  updateSelection();
}

function updateSelection(): void {
  const removable = shown.filter((f) => f.removal && results.get(f.id)?.state !== 'done');
  const chosen = [...selected].filter((id) => findings.some((f) => f.id === id && f.removal));
  selectionInfo.textContent = chosen.length ? format(S.selected, formatCount(chosen.length)) : '';
  removeButton.disabled = chosen.length === 0 || removing;
  removeButton.textContent = chosen.length ? format(S.removeSelectedCount, formatCount(chosen.length)) : S.removeSelected;
  selectAll.checked = removable.length > 0 && removable.every((f) => selected.has(f.id));
  selectAll.indeterminate = !selectAll.checked && removable.some((f) => selected.has(f.id));
  exportButton.disabled = findings.length === 0;
  rescanButton.disabled = running || removing;
  cancelButton.hidden = !running;
}

function row(f: Finding): HTMLTableRowElement {
  const result = results.get(f.id);
  const box = f.removal
    ? h('input', { type: 'checkbox', 'data-id': f.id, 'aria-label': format(S.selectNamed, f.target), checked: selected.has(f.id), disabled: result?.state === 'done' || removing })
    : h('span', { class: 'muted', title: S.infoOnlyTitle }, S.info);
  return h(
    'tr',
    { class: `kind-${f.kind}${result ? ` result-${result.state}` : ''}`, 'data-finding': f.id },
    h('td', { class: 'col-select' }, box),
    h('td', { class: 'kind' }, KIND_LABELS[f.kind]),
    h('td', { class: 'product-name' }, f.productName),
    h('td', { class: 'target' }, ...words(targetText(f)), f.related ? h('div', { class: 'muted related' }, format(S.withRelated, f.related)) : null),
    h('td', { class: 'key', title: f.key ? S.keyShortened : '' }, shortKey(f.key)),
    h('td', { class: 'date' }, dateCell(f.created)),
    h('td', { class: 'date' }, dateCell(f.lastCheckin)),
    costCell(f),
    h('td', { class: 'evidence' }, ...evidenceText(f.evidence)),
    h(
      'td',
      { class: `result ${result?.state ?? ''}`, title: result?.message ?? '' },
      result ? S.results[result.state] : '',
      result?.message && result.state !== 'done' ? h('div', { class: 'muted message' }, result.message) : null,
    ),
  );
}

function costCell(f: Finding): HTMLTableCellElement {
  if (!f.removal) return h('td', { class: 'cost muted', title: S.costInfoOnly }, '—');
  const price = findingPrice(f, prices);
  if (price !== undefined) return h('td', { class: 'cost' }, money(price));
  return h(
    'td',
    { class: 'cost unpriced', title: format(S.noPriceTitle, f.productName) },
    h('span', { class: 'muted' }, S.noPrice),
    ' ',
    button(S.setPrice, editPrices, { class: 'link-button', 'aria-label': format(S.setPriceOf, f.productName) }),
  );
}

/** The total of the rows shown (every page), each removal once; removed rows no longer cost anything. */
function renderTotal(): void {
  const open = shown.filter((f) => !removed(f));
  const cost = monthlyCost(open, prices);
  footer.hidden = open.length === 0;
  (footer.querySelector('.total-label') as HTMLElement).textContent = format(S.total, formatCount(shown.length));
  totalCost.textContent = money(cost.total);
  totalNote.replaceChildren(
    ...(cost.unpriced
      ? [format(cost.unpriced === 1 ? S.totalUnpricedOne : S.totalUnpriced, formatCount(cost.unpriced)), ' ', button(S.setPrices, editPrices, { class: 'link-button', title: S.setPricesTitle })]
      : []),
  );
}

/** A card's cost line: information only, its monthly cost (and how many have no price), or "no price yet" when prices are set but none for what it counts. */
function cardCost(info: boolean, cost: { total: number; priced: number; unpriced: number } | undefined): string {
  if (info) return S.informationOnly;
  if (!cost) return '';
  if (cost.priced) return cost.unpriced ? format(S.perMonthUnpriced, money(cost.total), cost.unpriced) : format(S.perMonth, money(cost.total));
  return cost.unpriced ? S.cardUnpriced : '';
}

function renderCards(): void {
  // The cards count what is still there: a removal from the report takes its rows off them at once.
  const byKind = new Map<FindingKind, Finding[]>(FINDING_KINDS.map((k) => [k, []]));
  for (const f of findings) if (!removed(f)) byKind.get(f.kind)!.push(f);
  const active = new Set(view.kinds);
  const priced = Object.keys(prices).length > 0;
  cards.replaceChildren(
    ...FINDING_KINDS.map((kind) => {
      const list = byKind.get(kind)!;
      const cost = priced ? monthlyCost(list, prices) : undefined;
      const info = kind === 'keyEmpty' || kind === 'keyOverLimit' || kind === 'noCheckin' || kind === 'addonOnUnused';
      const card = h(
        'button',
        {
          type: 'button',
          class: `card kind-card${active.has(kind) ? ' active' : ''}`,
          'aria-pressed': active.has(kind) ? 'true' : 'false',
          'data-kind': kind,
          title: active.has(kind) ? S.showEveryKind : format(S.showOnly, KIND_LABELS[kind]),
        },
        h('span', { class: 'value' }, formatCount(list.length)),
        h('span', { class: 'label' }, KIND_LABELS[kind]),
        h('span', { class: 'muted small' }, cardCost(info, cost)),
      );
      card.addEventListener('click', () => setView({ ...view, kinds: active.has(kind) ? [] : [kind] }));
      return card;
    }),
  );
  const remaining = findings.filter((f) => !removed(f));
  const all = priced ? monthlyCost(remaining, prices) : undefined;
  const proposals = new Set(remaining.filter((f) => f.removal).map((f) => `${f.removal!.action}|${JSON.stringify(f.removal!.args)}`)).size;
  const gone = findings.filter(removed);
  const goneCost = monthlyCost(gone, prices);
  const goneItems = goneCost.priced + goneCost.unpriced;
  removedText.textContent =
    gone.length === 0
      ? ''
      : goneCost.priced
        ? format(goneItems === 1 ? S.removedSoFarSavedOne : S.removedSoFarSaved, formatCount(goneItems), money(goneCost.total))
        : format(goneItems === 1 ? S.removedSoFarOne : S.removedSoFar, formatCount(goneItems));
  costText.textContent = all
    ? all.unpriced
      ? format(all.unpriced === 1 ? S.savingsUnpricedOne : S.savingsUnpriced, formatCount(proposals), money(all.total), formatCount(all.unpriced))
      : format(proposals === 1 ? S.savingsOne : S.savings, formatCount(proposals), money(all.total))
    : format(proposals === 1 ? S.noPricesOne : S.noPrices, formatCount(proposals));
}

function showPreview(previewId: string, calls: string[], infoOnly: number, threshold: number): void {
  const n = calls.length;
  const list = h('ol', { class: 'calls' }, ...calls.map((call) => h('li', {}, call)));
  // Above the threshold the number of items is typed here, and the button waits for it: still one confirmation.
  const typedInput = n > threshold ? h('input', { type: 'text', id: 'typed-count', inputmode: 'numeric', autocomplete: 'off', placeholder: String(n) }) : undefined;
  const go = button(format(S.removeCount, formatCount(n)), () => {
    if (typedInput && typedInput.value.trim() !== String(n)) return;
    previewBox.hidden = true;
    post(typedInput ? { type: 'remove', previewId, typed: typedInput.value.trim() } : { type: 'remove', previewId });
  });
  if (typedInput) {
    go.disabled = true;
    typedInput.addEventListener('input', () => (go.disabled = typedInput.value.trim() !== String(n)));
    typedInput.addEventListener('keydown', (event) => event.key === 'Enter' && !go.disabled && go.click());
  }
  const close = button(S.cancel, () => (previewBox.hidden = true), { class: 'secondary' });
  previewBox.replaceChildren(
    h('h2', { id: 'preview-title' }, n === 0 ? S.nothingToRemove : format(n === 1 ? S.previewOne : S.previewMany, formatCount(n))),
    n
      ? h('p', { class: 'muted' }, [n > threshold ? format(S.sentOnceTyped, n) : S.sentOnce, ...(infoOnly ? [format(S.infoNotPart, infoOnly)] : [])].join(' '))
      : h('p', { class: 'muted' }, S.onlyInfo),
    n ? list : '',
    typedInput ? h('div', { class: 'field typed' }, h('label', { for: 'typed-count' }, S.typeToConfirm), typedInput) : '',
    h('div', { class: 'actions' }, n ? go : null, close),
  );
  previewBox.hidden = false;
  (typedInput ?? (n ? go : close)).focus();
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      days = message.days;
      prices = message.prices;
      findings = [];
      results.clear();
      selected.clear();
      running = true;
      problem.hidden = true;
      notes.replaceChildren();
      subtitle.textContent = format(S.subtitle, days);
      status.textContent = S.lookingForUnused;
      render();
      return;
    case 'findings':
      findings.push(...message.findings);
      status.textContent = format(running ? S.lookingSoFar : S.soFar, formatCount(findings.length));
      queueRender();
      return;
    case 'progress':
      if (running) status.textContent = format(S.progress, formatCount(message.done), formatCount(message.planned), formatCount(findings.length));
      return;
    case 'done':
      running = false;
      status.textContent = format(
        S.done,
        formatCount(findings.length),
        (message.ms / 1000).toFixed(1),
        formatCount(message.scanned.ip.items),
        formatCount(message.scanned.kcare.items),
        formatCount(message.scanned.im.items),
        formatCount(message.scanned.els.items),
      );
      notes.replaceChildren(...message.notes.map((note) => h('li', {}, note)));
      render();
      return;
    case 'problem':
      running = false;
      problem.hidden = false;
      problem.replaceChildren(h('p', {}, message.message));
      status.textContent = '';
      render();
      return;
    case 'prices':
      prices = message.prices;
      render();
      return;
    case 'preview':
      showPreview(message.previewId, message.calls, message.infoOnly, message.threshold);
      return;
    case 'results':
      for (const [id, result] of Object.entries(message.results)) {
        results.set(id, result);
        if (result.state === 'done') selected.delete(id);
      }
      queueRender();
      return;
    case 'removing':
      removing = message.running;
      render();
      return;
    case 'exported':
      status.textContent = format(S.exported, formatCount(message.rows), message.fileName);
      return;
  }
});

post({ type: 'ready' });
