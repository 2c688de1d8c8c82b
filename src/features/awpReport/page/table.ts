/** The entries table: sortable header buttons with aria-sort, one page of rows at a time so large months stay quick. */
import type { AwpEntry } from '../../../cln/types';
import { AWP_COLUMNS, MISSING, productLabel, type AwpColumn, type AwpSort } from '../core/awpData';
import type { AwpPageStrings } from '../core/pageStrings';
import { button, format, formatCount, h } from '../../../ui/page/dom';

export const PAGE_SIZE = 100;

export interface TableHandlers {
  onSort(column: AwpColumn): void;
  onPage(page: number): void;
  onCopy(domain: string): void;
}

export class ReportTable {
  readonly element: HTMLElement;
  private readonly caption = h('caption', { class: 'visually-hidden' });
  private readonly headers = new Map<AwpColumn, { cell: HTMLTableCellElement; arrow: HTMLElement }>();
  private readonly body = h('tbody');
  private readonly range = h('span', { class: 'range' });
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private page = 0;

  constructor(
    private readonly S: AwpPageStrings,
    handlers: TableHandlers,
  ) {
    const headerRow = h('tr');
    for (const column of AWP_COLUMNS) {
      const arrow = h('span', { class: 'sort-arrow', 'aria-hidden': 'true' });
      const cell = h(
        'th',
        { scope: 'col', class: `col-${column}` },
        button(S.columns[column], () => handlers.onSort(column), { class: 'sort' }),
      );
      cell.firstElementChild!.append(arrow);
      this.headers.set(column, { cell, arrow });
      headerRow.append(cell);
    }
    headerRow.append(h('th', { scope: 'col', class: 'col-actions' }, h('span', { class: 'visually-hidden' }, S.actions)));
    this.body.addEventListener('click', (event) => {
      const copy = (event.target as Element).closest<HTMLButtonElement>('button[data-domain]');
      if (copy) handlers.onCopy(copy.dataset.domain!);
    });
    this.previous = button(S.previous, () => handlers.onPage(this.page - 1), { class: 'secondary' });
    this.next = button(S.next, () => handlers.onPage(this.page + 1), { class: 'secondary' });
    this.element = h(
      'div',
      { class: 'table-block' },
      h('div', { class: 'table-scroll' }, h('table', { class: 'entries' }, this.caption, h('thead', {}, headerRow), this.body)),
      h('nav', { class: 'pager', 'aria-label': S.pages }, this.range, this.previous, this.next),
    );
  }

  /** Shows page `page` (clamped) of `rows`; returns the page shown. */
  render(rows: readonly AwpEntry[], sort: AwpSort, page: number, caption: string): number {
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    this.page = Math.min(Math.max(0, page), pages - 1);
    this.caption.textContent = caption;
    for (const [column, { cell, arrow }] of this.headers) {
      const active = column === sort.column;
      cell.setAttribute('aria-sort', active ? (sort.descending ? 'descending' : 'ascending') : 'none');
      arrow.textContent = active ? (sort.descending ? ' ▼' : ' ▲') : '';
    }
    const first = this.page * PAGE_SIZE;
    const shown = rows.slice(first, first + PAGE_SIZE);
    this.body.replaceChildren(...shown.map((entry) => row(this.S, entry)));
    this.range.textContent = rows.length === 0 ? '' : format(this.S.rowsRange, formatCount(first + 1), formatCount(first + shown.length), formatCount(rows.length));
    this.previous.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
    this.element.querySelector('.pager')!.toggleAttribute('hidden', pages <= 1);
    return this.page;
  }
}

function row(S: AwpPageStrings, entry: AwpEntry): HTMLTableRowElement {
  const missing = (value: string | null) => (value === null ? h('span', { class: 'missing', title: S.notProvided }, MISSING) : value);
  return h(
    'tr',
    {},
    h('td', { class: `product series-${entry.product}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), productLabel(entry.product)),
    h('td', { class: 'domain' }, entry.primaryDomain),
    h('td', {}, missing(entry.username)),
    h('td', {}, missing(entry.cdnLimitType)),
    h(
      'td',
      { class: 'col-actions' },
      h('button', { type: 'button', class: 'icon-button', 'data-domain': entry.primaryDomain, 'aria-label': format(S.copyNamed, entry.primaryDomain), title: S.copyDomain }, S.copy),
    ),
  );
}
