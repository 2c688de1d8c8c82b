/** The twelve-month trend: grouped SVG bars per product, drawn with DOM calls, colored by theme variables (see awpReport.css). */
import type { AwpProduct } from '../../../cln/catalog';
import { monthLabel, productLabel, type TrendPoint } from '../core/awpData';
import type { AwpPageStrings } from '../core/pageStrings';
import { format, formatCount, h, svg } from '../../../ui/page/dom';

const HEIGHT = 190;
const MARGIN = { top: 16, right: 8, bottom: 36, left: 44 };

/** A round axis maximum (1, 2 or 5 times a power of ten) with `ticks` even steps. */
function axisMax(max: number, ticks: number): number {
  if (max <= 0) return ticks;
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return Math.max(ticks, step * ticks);
}

export interface TrendChartOptions {
  points: readonly TrendPoint[];
  products: readonly AwpProduct[];
  selected: string;
  width: number;
  onSelect: (month: string) => void;
}

export function trendChart(S: AwpPageStrings, { points, products, selected, width, onSelect }: TrendChartOptions): SVGSVGElement {
  const plotWidth = Math.max(120, width - MARGIN.left - MARGIN.right);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const ticks = 4;
  const max = axisMax(Math.max(0, ...points.flatMap((p) => products.map((product) => p.counts[product] ?? 0))), ticks);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.min(22, (slot * 0.72) / products.length);

  const summary = points.map((p) => `${monthLabel(p.month)}: ${products.map((product) => `${formatCount(p.counts[product] ?? 0)} ${productLabel(product)}`).join(', ')}`);
  const chart = svg('svg', {
    class: 'trend-chart',
    width: plotWidth + MARGIN.left + MARGIN.right,
    height: HEIGHT,
    viewBox: `0 0 ${plotWidth + MARGIN.left + MARGIN.right} ${HEIGHT}`,
    role: 'img',
    'aria-label': format(S.chartLabel, summary.join('. ')),
  });

  for (let i = 0; i <= ticks; i++) {
    const value = (max / ticks) * i;
    chart.append(
      svg('line', { class: 'grid', x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: y(value), y2: y(value) }),
      svg('text', { class: 'axis', x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatCount(value)),
    );
  }

  points.forEach((point, index) => {
    const left = MARGIN.left + index * slot;
    const group = svg('g', { class: point.month === selected ? 'month selected' : 'month' }, svg('title', {}, summary[index]));
    group.append(svg('rect', { class: 'slot', x: left + 1, y: MARGIN.top - 8, width: slot - 2, height: plotHeight + 8 + MARGIN.bottom - 2, rx: 3 }));
    const barsLeft = left + (slot - barWidth * products.length) / 2;
    products.forEach((product, p) => {
      const count = point.counts[product] ?? 0;
      const x = barsLeft + p * barWidth;
      group.append(svg('rect', { class: `bar series-${product}`, x: x + 1, y: y(count), width: Math.max(1, barWidth - 2), height: Math.max(0, y(0) - y(count)), rx: 1.5 }));
      if (barWidth >= 14 && count > 0) group.append(svg('text', { class: 'value', x: x + barWidth / 2, y: y(count) - 3, 'text-anchor': 'middle' }, formatCount(count)));
    });
    const [year, month] = point.month.split('-');
    group.append(svg('text', { class: 'axis', x: left + slot / 2, y: HEIGHT - MARGIN.bottom + 15, 'text-anchor': 'middle' }, monthLabel(point.month, 'short')));
    if (index === 0 || month === '01') group.append(svg('text', { class: 'axis year', x: left + slot / 2, y: HEIGHT - MARGIN.bottom + 29, 'text-anchor': 'middle' }, year));
    // A shortcut for the mouse; the month picker is the keyboard's way to the same place.
    group.addEventListener('click', () => onSelect(point.month));
    chart.append(group);
  });
  return chart;
}

export function chartLegend(products: readonly AwpProduct[]): HTMLElement {
  return h('ul', { class: 'legend', 'aria-hidden': 'true' }, ...products.map((product) => h('li', {}, h('span', { class: `swatch series-${product}` }), productLabel(product))));
}
