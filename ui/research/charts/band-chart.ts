/**
 * A band chart factory (d3-shape style): a shaded band between two curves (5th–95th percentile), a median line
 * and an optional reference line (the typical subject), over time read as clock time. Knows nothing of model
 * columns; every style is an SVG presentation attribute (strict CSP, exports as it looks).
 *
 * @example bandChart().width(480).valueScale(100)(d3.select(svg), { x, lo, mid, hi, ref })
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { formatTick } from '../../format';
import { scaleLinear } from 'd3-scale';
import type { Selection } from 'd3-selection';
import { area, line } from 'd3-shape';
import { clockTicks } from '../../charts/clock-ticks';

/** The data of one band chart: arrays over the same time grid (hours since time 0). */
export interface BandData {
  readonly x: ArrayLike<number>;
  readonly lo: ArrayLike<number>;
  readonly mid: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
  /** A reference curve on the same grid (e.g. the typical subject), drawn dashed. */
  readonly ref?: ArrayLike<number> | null;
}

type Sel = Selection<SVGSVGElement, unknown, null, undefined>;

export interface BandChart {
  (svg: Sel, data: BandData): void;
  width(): number; width(v: number): BandChart;
  height(): number; height(v: number): BandChart;
  /** Multiplies values for display (100 for fractions shown as %). Default 1. */
  valueScale(): number; valueScale(v: number): BandChart;
  /** Clock time of time 0 (hours of the day), for the axis labels. Default 0. */
  startClockH(): number; startClockH(v: number): BandChart;
  color(): string; color(v: string): BandChart;
}

export function bandChart(): BandChart {
  let width = 480, height = 200, k = 1, start = 0, color = '#0072B2';
  const margin = { top: 10, right: 12, bottom: 30, left: 52 };
  const chart = ((svg: Sel, d: BandData) => {
    const iw = Math.max(10, width - margin.left - margin.right);
    const ih = Math.max(10, height - margin.top - margin.bottom);
    const n = d.x.length;
    const idx = Array.from({ length: n }, (_, i) => i);
    let lo = 0, hi = 0;
    for (const arr of [d.lo, d.mid, d.hi, d.ref ?? []]) for (let i = 0; i < arr.length; i++) {
      const v = arr[i]! * k;
      if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    const xEnd = n ? d.x[n - 1]! : 1;
    const x = scaleLinear().domain([0, Number.isFinite(xEnd) && xEnd > 0 ? xEnd : 1]).range([0, iw]);
    const y = scaleLinear().domain([lo, hi > lo ? hi * 1.05 : lo + 1]).range([ih, 0]).nice(4);
    svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('font-family', 'system-ui, sans-serif').attr('font-size', 12);
    const root = svg.selectAll<SVGGElement, null>('g.plot').data([null]).join('g').attr('class', 'plot')
      .attr('transform', `translate(${margin.left},${margin.top})`);
    const layer = (name: string) => root.selectAll<SVGGElement, null>(`g.${name}`).data([null]).join('g').attr('class', name);
    const gGrid = layer('grid'), gBand = layer('band'), gLines = layer('lines'), gX = layer('x-axis'), gY = layer('y-axis');
    gGrid.selectAll('line').data(y.ticks(4)).join('line').attr('x1', 0).attr('x2', iw).attr('y1', (v) => y(v)).attr('y2', (v) => y(v))
      .attr('stroke', '#d5d9e0');
    // A failed or diverging run leaves NaN (or ±Infinity) in its columns: the path breaks there instead of
    // writing "NaN" into its `d` attribute.
    const finite = (arr: ArrayLike<number>, i: number) => Number.isFinite(d.x[i]!) && Number.isFinite(arr[i]! * k);
    const band = area<number>().defined((i) => finite(d.lo, i) && finite(d.hi, i))
      .x((i) => x(d.x[i]!)).y0((i) => y(d.lo[i]! * k)).y1((i) => y(d.hi[i]! * k));
    gBand.selectAll('path').data([idx]).join('path').attr('class', 'band').attr('d', (v) => band(v) ?? '')
      .attr('fill', color).attr('fill-opacity', 0.22).attr('stroke', color).attr('stroke-opacity', 0.5).attr('stroke-width', 0.8);
    const curve = (arr: ArrayLike<number>) => line<number>().defined((i) => finite(arr, i)).x((i) => x(d.x[i]!)).y((i) => y(arr[i]! * k))(idx) ?? '';
    const lines = [{ key: 'median', d: curve(d.mid), dash: '', w: 2.5, c: color }, ...(d.ref ? [{ key: 'typical', d: curve(d.ref), dash: '5 4', w: 1.6, c: 'currentColor' }] : [])];
    gLines.selectAll('path').data(lines, (l) => (l as { key: string }).key).join('path').attr('class', (l) => l.key).attr('data-key', (l) => l.key)
      .attr('d', (l) => l.d).attr('fill', 'none').attr('stroke', (l) => l.c).attr('stroke-width', (l) => l.w)
      .attr('stroke-dasharray', (l) => l.dash || null);
    const ticks = clockTicks().startClockH(start).maxTicks(Math.max(3, Math.floor(iw / 70)))(x.domain()[1]!);
    gX.attr('transform', `translate(0,${ih})`)
      .call(axisBottom(x).tickValues(ticks.map((t) => t.timeH)).tickFormat((_, i) => ticks[i]!.label) as never);
    gY.call(axisLeft(y).ticks(4).tickFormat((v) => formatTick(+v)) as never);
  }) as BandChart;
  chart.width = ((v?: number) => (v === undefined ? width : ((width = v), chart))) as BandChart['width'];
  chart.height = ((v?: number) => (v === undefined ? height : ((height = v), chart))) as BandChart['height'];
  chart.valueScale = ((v?: number) => (v === undefined ? k : ((k = v), chart))) as BandChart['valueScale'];
  chart.startClockH = ((v?: number) => (v === undefined ? start : ((start = v), chart))) as BandChart['startClockH'];
  chart.color = ((v?: string) => (v === undefined ? color : ((color = v), chart))) as BandChart['color'];
  return chart;
}
