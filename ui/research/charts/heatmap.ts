/**
 * A heatmap factory (d3 style): one rect per cell of an x × y grid, a colour-blind-safe sequential scale
 * (viridis: monotone in lightness, readable in grey) with a legend, and a highlighted active cell. Cells carry
 * `data-i`/`data-j` and a `<title>`; the owner handles hover and keyboard and calls `.active([i, j])`.
 *
 * @example heatmap().width(560).xLabel((v) => `${v}`)(d3.select(svg), grid)
 */
import { scaleBand, scaleSequential } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import type { Selection } from 'd3-selection';
import { gridTicks } from './grid-ticks';

export interface HeatmapData {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** `values[j * xs.length + i]` is the value at (xs[i], ys[j]); NaN draws a hatched grey cell. */
  readonly values: readonly number[];
}

type Sel = Selection<SVGSVGElement, unknown, null, undefined>;

export interface Heatmap {
  (svg: Sel, data: HeatmapData): void;
  width(): number; width(v: number): Heatmap;
  height(): number; height(v: number): Heatmap;
  xLabel(): (v: number) => string; xLabel(f: (v: number) => string): Heatmap;
  yLabel(): (v: number) => string; yLabel(f: (v: number) => string): Heatmap;
  value(): (v: number) => string; value(f: (v: number) => string): Heatmap;
  xTitle(): string; xTitle(v: string): Heatmap;
  yTitle(): string; yTitle(v: string): Heatmap;
  /** The x (y) values are hours of the day: ticks on whole hours. Default false. */
  xClock(): boolean; xClock(v: boolean): Heatmap;
  yClock(): boolean; yClock(v: boolean): Heatmap;
  /** The highlighted cell [i, j], or null. */
  active(): [number, number] | null; active(v: [number, number] | null): Heatmap;
}

export function heatmap(): Heatmap {
  let width = 560, height = 320;
  let xLabel = (v: number) => `${v}`, yLabel = (v: number) => `${v}`, value = (v: number) => `${v}`;
  let xTitle = '', yTitle = '';
  let active: [number, number] | null = null;
  let xClock = false, yClock = false;
  const chart = ((svg: Sel, d: HeatmapData) => {
    const m = { top: 10, right: 12, bottom: 78, left: 64 };
    const iw = Math.max(10, width - m.left - m.right), ih = Math.max(10, height - m.top - m.bottom);
    const x = scaleBand<number>().domain(d.xs.map((_, i) => i)).range([0, iw]).padding(0.04);
    const y = scaleBand<number>().domain(d.ys.map((_, j) => j)).range([ih, 0]).padding(0.04);
    const finite = d.values.filter(Number.isFinite);
    const lo = finite.length ? Math.min(...finite) : 0, hi = finite.length ? Math.max(...finite) : 1;
    const color = scaleSequential(interpolateViridis).domain([lo, hi > lo ? hi : lo + 1]);
    svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('font-family', 'system-ui, sans-serif').attr('font-size', 12);
    const root = svg.selectAll<SVGGElement, null>('g.plot').data([null]).join('g').attr('class', 'plot').attr('transform', `translate(${m.left},${m.top})`);
    const cells = d.values.map((v, k) => ({ v, i: k % d.xs.length, j: Math.floor(k / d.xs.length) }));
    root.selectAll<SVGRectElement, (typeof cells)[number]>('rect.cell').data(cells).join('rect').attr('class', 'cell')
      .attr('data-i', (c) => c.i).attr('data-j', (c) => c.j)
      .attr('x', (c) => x(c.i)!).attr('y', (c) => y(c.j)!).attr('width', x.bandwidth()).attr('height', y.bandwidth())
      .attr('fill', (c) => (Number.isFinite(c.v) ? color(c.v) : '#9ca3af'))
      .attr('stroke', (c) => (active && active[0] === c.i && active[1] === c.j ? '#D55E00' : 'none')).attr('stroke-width', 3)
      .selectAll('title').data((c) => [c]).join('title')
      .text((c) => `${yTitle ? `${yTitle} ${yLabel(d.ys[c.j]!)}, ` : ''}${xTitle} ${xLabel(d.xs[c.i]!)}: ${value(c.v)}`);
    // Labels at nice values (whole hours on a clock axis), placed where the grid's spacing puts them.
    const xAt = (pos: number) => (x(0) ?? 0) + x.bandwidth() / 2 + pos * x.step();
    const yAt = (pos: number) => (y(0) ?? 0) + y.bandwidth() / 2 - pos * y.step();
    const xt = gridTicks(d.xs, Math.max(2, Math.floor(iw / 64)), xClock);
    const yt = d.ys.length > 1 || yTitle ? gridTicks(d.ys, Math.max(2, Math.floor(ih / 22)), yClock) : [];
    root.selectAll('text.xt').data(xt).join('text').attr('class', 'xt')
      .attr('x', (t) => xAt(t.pos)).attr('y', ih + 15).attr('text-anchor', 'middle').attr('fill', 'currentColor').text((t) => xLabel(t.value));
    root.selectAll('text.yt').data(yt).join('text').attr('class', 'yt')
      .attr('x', -6).attr('y', (t) => yAt(t.pos) + 4).attr('text-anchor', 'end').attr('fill', 'currentColor').text((t) => yLabel(t.value));
    root.selectAll('text.xtitle').data([xTitle]).join('text').attr('class', 'xtitle').attr('x', iw / 2).attr('y', ih + 32)
      .attr('text-anchor', 'middle').attr('font-weight', 600).attr('fill', 'currentColor').text((t) => t);
    root.selectAll('text.ytitle').data(yTitle ? [yTitle] : []).join('text').attr('class', 'ytitle')
      .attr('transform', `translate(${-50},${ih / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-weight', 600).attr('fill', 'currentColor').text((t) => t);
    // Legend: a gradient bar with its minimum and maximum.
    const lw = Math.min(260, iw), ly = ih + 44;
    const defs = svg.selectAll('defs').data([null]).join('defs');
    const gid = `hm-grad-${Math.random().toString(36).slice(2, 8)}`;
    const grad = defs.selectAll('linearGradient').data([null]).join('linearGradient').attr('id', gid);
    const stops = Array.from({ length: 11 }, (_, s) => s / 10);
    grad.selectAll('stop').data(stops).join('stop').attr('offset', (s) => `${s * 100}%`).attr('stop-color', (s) => interpolateViridis(s));
    const legend = root.selectAll<SVGGElement, null>('g.legend').data([null]).join('g').attr('class', 'legend').attr('transform', `translate(0,${ly})`);
    legend.selectAll('rect').data([null]).join('rect').attr('width', lw).attr('height', 10).attr('fill', `url(#${gid})`).attr('stroke', '#6b7280');
    legend.selectAll('text').data([{ t: value(lo), x: 0, a: 'start' }, { t: value(hi), x: lw, a: 'end' }]).join('text')
      .attr('x', (t) => t.x).attr('y', 24).attr('text-anchor', (t) => t.a).attr('fill', 'currentColor').text((t) => t.t);
  }) as Heatmap;
  const acc = <T>(get: () => T, set: (v: T) => void) => ((v?: T) => (v === undefined ? get() : (set(v), chart)));
  chart.width = acc(() => width, (v) => { width = v; }) as Heatmap['width'];
  chart.height = acc(() => height, (v) => { height = v; }) as Heatmap['height'];
  chart.xLabel = acc(() => xLabel, (v) => { xLabel = v; }) as Heatmap['xLabel'];
  chart.yLabel = acc(() => yLabel, (v) => { yLabel = v; }) as Heatmap['yLabel'];
  chart.value = acc(() => value, (v) => { value = v; }) as Heatmap['value'];
  chart.xTitle = acc(() => xTitle, (v) => { xTitle = v; }) as Heatmap['xTitle'];
  chart.yTitle = acc(() => yTitle, (v) => { yTitle = v; }) as Heatmap['yTitle'];
  chart.xClock = acc(() => xClock, (v) => { xClock = v; }) as Heatmap['xClock'];
  chart.yClock = acc(() => yClock, (v) => { yClock = v; }) as Heatmap['yClock'];
  chart.active = ((v?: [number, number] | null) => (v === undefined ? active : ((active = v), chart))) as Heatmap['active'];
  return chart;
}
