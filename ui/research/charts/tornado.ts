/**
 * A tornado chart factory (d3 style): one horizontal bar per row, in the given order (sort by |S| before),
 * from a zero line, positive to the right and negative to the left. Sign is shown by side, by colour
 * (blue/vermillion, Okabe–Ito) and by the printed value, so it never rests on hue alone.
 *
 * @example tornado().width(560)(d3.select(svg), rows)
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { Selection } from 'd3-selection';
import { formatTick } from '../../format';
import { wrapLabel } from './grid-ticks';

export interface TornadoRow { readonly key: string; readonly label: string; readonly value: number }

type Sel = Selection<SVGSVGElement, unknown, null, undefined>;

export interface Tornado {
  (svg: Sel, rows: readonly TornadoRow[]): void;
  width(): number; width(v: number): Tornado;
  /** Height of one bar row in px. Default 22. */
  rowHeight(): number; rowHeight(v: number): Tornado;
}

export function tornado(): Tornado {
  let width = 560, rowHeight = 22;
  const chart = ((svg: Sel, rows: readonly TornadoRow[]) => {
    const labelW = Math.min(260, Math.max(110, width * 0.42));
    const m = { top: 8, right: 56, bottom: 24, left: labelW };
    // Labels wrap onto as many lines as the margin needs (about 6.6 px a character at 12 px): never cut.
    const maxChars = Math.max(8, Math.floor((labelW - 10) / 6.6));
    const lines = new Map(rows.map((r) => [r.key, wrapLabel(r.label, maxChars)] as const));
    const mostLines = Math.max(1, ...[...lines.values()].map((l) => l.length));
    const rh = Math.max(rowHeight, mostLines * 14 + 8);
    const height = m.top + m.bottom + rh * Math.max(1, rows.length);
    const iw = Math.max(10, width - m.left - m.right);
    const maxAbs = Math.max(1e-12, ...rows.map((r) => Math.abs(r.value)));
    const x = scaleLinear().domain([-maxAbs, maxAbs]).range([0, iw]).nice();
    const y = scaleBand<string>().domain(rows.map((r) => r.key)).range([0, rh * rows.length]).padding(0.18);
    svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('font-family', 'system-ui, sans-serif').attr('font-size', 12);
    const root = svg.selectAll<SVGGElement, null>('g.plot').data([null]).join('g').attr('class', 'plot').attr('transform', `translate(${m.left},${m.top})`);
    const bars = root.selectAll<SVGGElement, TornadoRow>('g.bar').data(rows, (r) => r.key).join('g').attr('class', 'bar').attr('data-key', (r) => r.key);
    bars.selectAll('rect').data((r) => [r]).join('rect')
      .attr('x', (r) => x(Math.min(0, r.value))).attr('width', (r) => Math.abs(x(r.value) - x(0)))
      .attr('y', (r) => y(r.key)!).attr('height', y.bandwidth()).attr('fill', (r) => (r.value >= 0 ? '#0072B2' : '#D55E00'));
    bars.selectAll('text.label').data((r) => [r]).join('text').attr('class', 'label').attr('x', -8)
      .attr('y', (r) => y(r.key)! + y.bandwidth() / 2 + 4 - ((lines.get(r.key)!.length - 1) * 14) / 2)
      .attr('text-anchor', 'end').attr('fill', 'currentColor')
      .selectAll('tspan').data((r) => lines.get(r.key)!).join('tspan').attr('x', -8).attr('dy', (_l, i) => (i === 0 ? 0 : 14)).text((l) => l);
    bars.selectAll('text.value').data((r) => [r]).join('text').attr('class', 'value')
      .attr('x', (r) => x(r.value) + (r.value >= 0 ? 4 : -4)).attr('y', (r) => y(r.key)! + y.bandwidth() / 2 + 4)
      .attr('text-anchor', (r) => (r.value >= 0 ? 'start' : 'end')).attr('fill', 'currentColor')
      .text((r) => `${r.value >= 0 ? '+' : '−'}${formatTick(Number(Math.abs(r.value).toPrecision(2)))}`);
    bars.selectAll('title').data((r) => [r]).join('title').text((r) => `${r.label}: S = ${formatTick(Number(r.value.toPrecision(4)))}`);
    root.selectAll('line.zero').data([0]).join('line').attr('class', 'zero').attr('x1', x(0)).attr('x2', x(0)).attr('y1', -4)
      .attr('y2', rh * rows.length + 4).attr('stroke', 'currentColor');
    root.selectAll('text.axis').data([{ v: x.domain()[0]!, a: 'start' }, { v: 0, a: 'middle' }, { v: x.domain()[1]!, a: 'end' }]).join('text')
      .attr('class', 'axis').attr('x', (t) => x(t.v)).attr('y', rh * rows.length + 18).attr('text-anchor', (t) => t.a).attr('fill', 'currentColor')
      .text((t) => formatTick(Number(t.v.toPrecision(2))));
  }) as Tornado;
  chart.width = ((v?: number) => (v === undefined ? width : ((width = v), chart))) as Tornado['width'];
  chart.rowHeight = ((v?: number) => (v === undefined ? rowHeight : ((rowHeight = v), chart))) as Tornado['rowHeight'];
  return chart;
}
