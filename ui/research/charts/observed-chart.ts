/**
 * An observed-vs-model chart factory (d3 style): per series (a group of observations), a model curve and the
 * observed points with vertical error bars; censored points (below the quantification limit) are drawn hollow.
 * Series differ by colour, dash and marker shape, never by hue alone. Every style is an SVG presentation
 * attribute, so an SVG/PNG export looks as on screen. Knows nothing of model columns.
 *
 * @example observedChart().width(480).valueScale(100)(d3.select(svg), [{ name: '5mg', curve: { x, y }, points }])
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { formatTick } from '../../format';
import { scaleLinear } from 'd3-scale';
import { select, type Selection } from 'd3-selection';
import { line, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3-shape';
import { SERIES_COLORS, SERIES_DASHES } from '../../palette';

/** One point: time (h), value and the half-width of its error bar (0: none). */
export interface ObservedChartPoint { readonly timeH: number; readonly value: number; readonly err: number; readonly censored: boolean }

/** One series: a name, the model curve (may be empty) and the observed points. */
export interface ObservedSeries {
  readonly name: string;
  readonly curve: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> } | null;
  readonly points: readonly ObservedChartPoint[];
}

type Sel = Selection<SVGSVGElement, unknown, null, undefined>;

export interface ObservedChart {
  (svg: Sel, series: readonly ObservedSeries[]): void;
  width(): number; width(v: number): ObservedChart;
  height(): number; height(v: number): ObservedChart;
  /** Multiplies values for display (100 for fractions shown as %). Default 1. */
  valueScale(): number; valueScale(v: number): ObservedChart;
}

const SHAPES: readonly SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond];

export function observedChart(): ObservedChart {
  let width = 480, height = 220, k = 1;
  const margin = { top: 10, right: 12, bottom: 44, left: 56 };
  const chart = ((svg: Sel, series: readonly ObservedSeries[]) => {
    const iw = Math.max(10, width - margin.left - margin.right);
    const ih = Math.max(10, height - margin.top - margin.bottom);
    let xMax = 1, lo = 0, hi = 0;
    for (const s of series) {
      if (s.curve) for (let i = 0; i < s.curve.x.length; i++) {
        xMax = Math.max(xMax, s.curve.x[i]!);
        const v = s.curve.y[i]! * k;
        if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      }
      for (const p of s.points) { xMax = Math.max(xMax, p.timeH); hi = Math.max(hi, (p.value + p.err) * k); lo = Math.min(lo, (p.value - p.err) * k); }
    }
    const x = scaleLinear().domain([0, xMax]).range([0, iw]).nice(6);
    const y = scaleLinear().domain([lo, hi > lo ? hi * 1.05 : lo + 1]).range([ih, 0]).nice(4);
    svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('font-family', 'system-ui, sans-serif').attr('font-size', 12);
    const root = svg.selectAll<SVGGElement, null>('g.plot').data([null]).join('g').attr('class', 'plot')
      .attr('transform', `translate(${margin.left},${margin.top})`);
    const layer = (name: string) => root.selectAll<SVGGElement, null>(`g.${name}`).data([null]).join('g').attr('class', name);
    const gGrid = layer('grid'), gCurves = layer('curves'), gPoints = layer('points'), gX = layer('x-axis'), gY = layer('y-axis'), gKey = layer('key');
    gGrid.selectAll('line').data(y.ticks(4)).join('line').attr('x1', 0).attr('x2', iw).attr('y1', (v) => y(v)).attr('y2', (v) => y(v)).attr('stroke', '#d5d9e0');
    const color = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length]!;
    gCurves.selectAll('path').data(series.map((s, i) => ({ s, i })).filter((d) => d.s.curve))
      .join('path').attr('class', 'curve').attr('data-series', (d) => d.s.name)
      .attr('d', (d) => line<number>().x((j) => x(d.s.curve!.x[j]!)).y((j) => y(d.s.curve!.y[j]! * k))
        .defined((j) => Number.isFinite(d.s.curve!.y[j]!))(Array.from({ length: d.s.curve!.x.length }, (_, j) => j)) ?? '')
      .attr('fill', 'none').attr('stroke', (d) => color(d.i)).attr('stroke-width', 2)
      .attr('stroke-dasharray', (d) => SERIES_DASHES[d.i % SERIES_DASHES.length] || null);
    const groups = gPoints.selectAll<SVGGElement, { s: ObservedSeries; i: number }>('g.series').data(series.map((s, i) => ({ s, i })))
      .join('g').attr('class', 'series').attr('data-series', (d) => d.s.name);
    groups.each((d, idx, nodes) => {
      const sel = select(nodes[idx]!);
      sel.selectAll('line.errorbar').data(d.s.points.filter((p) => p.err > 0)).join('line').attr('class', 'errorbar')
        .attr('x1', (p) => x(p.timeH)).attr('x2', (p) => x(p.timeH)).attr('y1', (p) => y((p.value - p.err) * k)).attr('y2', (p) => y((p.value + p.err) * k))
        .attr('stroke', color(d.i)).attr('stroke-width', 1.4);
      sel.selectAll('path.point').data(d.s.points).join('path').attr('class', 'point')
        .attr('transform', (p) => `translate(${x(p.timeH)},${y(p.value * k)})`)
        .attr('d', symbol(SHAPES[d.i % SHAPES.length]!, 48)() ?? '')
        .attr('fill', (p) => (p.censored ? '#ffffff' : color(d.i))).attr('stroke', color(d.i)).attr('stroke-width', 1.5);
    });
    gX.attr('transform', `translate(0,${ih})`).call(axisBottom(x).ticks(Math.max(3, Math.floor(iw / 70))).tickFormat((v) => formatTick(+v)) as never);
    gX.selectAll('text.title').data([null]).join('text').attr('class', 'title').attr('x', iw / 2).attr('y', 32).attr('text-anchor', 'middle')
      .attr('fill', '#1b1f24').text('time (h)');
    gY.call(axisLeft(y).ticks(4).tickFormat((v) => formatTick(+v)) as never);
    // Key: marker and name per series, top right.
    const key = gKey.selectAll<SVGGElement, { s: ObservedSeries; i: number }>('g.entry').data(series.length > 1 ? series.map((s, i) => ({ s, i })) : [])
      .join('g').attr('class', 'entry').attr('transform', (d) => `translate(${iw - 90},${10 + 16 * d.i})`);
    key.selectAll('path').data((d) => [d]).join('path').attr('d', (d) => symbol(SHAPES[d.i % SHAPES.length]!, 40)() ?? '').attr('fill', (d) => color(d.i));
    key.selectAll('text').data((d) => [d]).join('text').attr('x', 9).attr('dy', '0.35em').attr('fill', '#1b1f24').text((d) => d.s.name);
  }) as ObservedChart;
  chart.width = ((v?: number) => (v === undefined ? width : ((width = v), chart))) as ObservedChart['width'];
  chart.height = ((v?: number) => (v === undefined ? height : ((height = v), chart))) as ObservedChart['height'];
  chart.valueScale = ((v?: number) => (v === undefined ? k : ((k = v), chart))) as ObservedChart['valueScale'];
  return chart;
}
