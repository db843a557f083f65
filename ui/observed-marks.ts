/**
 * Observed points on the Simulator's charts (issue #14): the observations imported in the Research tab's fit card,
 * matched to a chart by output column, drawn over the plot with their error bars (± sd, or cv × value), named in
 * a <title> each, listed under the chart and counted in its text summary. Every style is an SVG presentation
 * attribute, so the chart's SVG/PNG export carries them.
 */
import type { LinearScale } from './charts/linear-scale';
import { select } from 'd3-selection';
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3-shape';
import type { ObservationSet } from '../engine/fit';
import type { ChartConfig } from './chart-config';
import { STRINGS } from './strings';

/** What the fit card publishes when its observations change (`ldn-observations-change`, bubbles, composed). */
export interface ObservationsChangeDetail {
  /** The model the observations were checked against; the Simulator shows them only for the same model. */
  readonly modelId: string;
  /** The observations, or null when they were cleared or could not be used. */
  readonly set: ObservationSet | null;
}

/** One observed point on a chart, in model units. */
export interface ObservedMark {
  readonly id: string;
  readonly timeH: number;
  readonly value: number;
  /** Half-width of the error bar (sd, or cv × value; 0: none). */
  readonly err: number;
  readonly censored: boolean;
  readonly group: string;
  /** Index of the group among the observations' groups (its marker shape). */
  readonly groupIndex: number;
  /** The series colour of its column on this chart. */
  readonly color: string;
  /** Plain words (group, value ± error, time): the tooltip, the list under the chart and the summary. */
  readonly label: string;
}

const SHAPES: readonly SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond];

const fmt = (v: number) => Number(v.toPrecision(3)).toString();

/**
 * The observations of a chart: single-time rows (not summaries such as `max:`) whose output column is one of the
 * chart's series, with values and errors shown in the chart's unit (× `scale`, e.g. % for fractions).
 */
export function observedMarksFor(set: ObservationSet | null, cfg: ChartConfig): ObservedMark[] {
  if (!set) return [];
  // The same array while nothing changed (the app re-renders on every cursor move); the labels follow the language.
  const lang = STRINGS.observed.heading(0);
  let byChart = CACHE.get(set);
  if (!byChart || byChart.lang !== lang) CACHE.set(set, (byChart = { lang, marks: new Map() }));
  let marks = byChart.marks.get(cfg);
  if (!marks) byChart.marks.set(cfg, (marks = computeMarks(set, cfg)));
  return marks;
}

const CACHE = new WeakMap<ObservationSet, { lang: string; marks: Map<ChartConfig, ObservedMark[]> }>();

function computeMarks(set: ObservationSet, cfg: ChartConfig): ObservedMark[] {
  const k = cfg.scale ?? 1;
  const unit = cfg.unit === '%' ? '%' : ` ${cfg.unit}`;
  const groups = set.groups.map((g) => g.name);
  return set.observations.flatMap((o) => {
    const s = cfg.series.find((x) => x.column === o.column);
    if (!s || o.metric !== undefined) return [];
    const err = o.sd ?? (o.cv !== undefined ? o.cv * Math.abs(o.value) : 0);
    const censored = o.lloq !== undefined && o.value < o.lloq;
    return [{
      id: `obs-${o.line}`, timeH: o.timeH, value: o.value, err, censored, group: o.group, groupIndex: Math.max(0, groups.indexOf(o.group)), color: s.color,
      label: STRINGS.observed.item(o.group, s.label ?? o.column, `${fmt(o.value * k)}${err > 0 ? ` ± ${fmt(err * k)}` : ''}${unit}`, fmt(o.timeH), censored),
    }];
  });
}

/** The text summary's sentence for a chart's observed points ('' when there are none). */
export function observedSummary(marks: readonly ObservedMark[]): string {
  if (!marks.length) return '';
  return STRINGS.observed.summary(marks.length, [...new Set(marks.map((m) => m.group))].join(', '));
}

/** The y domain (model units) that holds both the curves' values and the points with their error bars. */
export function domainWithMarks(ys: readonly ArrayLike<number>[], marks: readonly ObservedMark[], baseline: number | null): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const y of ys) for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i]!)) { lo = Math.min(lo, y[i]!); hi = Math.max(hi, y[i]!); }
  for (const m of marks) { lo = Math.min(lo, m.value - m.err); hi = Math.max(hi, m.value + m.err); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  const [a, b] = baseline === null ? [Math.min(0, lo), hi] : [Math.min(lo, baseline), Math.max(hi, baseline)];
  const pad = (b - a) * 0.06 || Math.abs(b) * 0.1 || 1;
  return baseline === null ? [a, b + pad] : [a - pad, b + pad];
}

/**
 * Draws the points over a chart's plot (`toAxis`: a model value to the y scale's units, e.g. × 100 for %, or
 * log10 of it on a log axis) (a `g.observed` layer, translated by the plot margin): a vertical error bar
 * and a marker per point, the marker's shape by group and its colour that of the column's line, hollow when
 * censored, ringed when focused in the list under the chart. Points outside the x domain are left out.
 */
export function drawObservedMarks(svg: SVGSVGElement, margin: { left: number; top: number }, x: LinearScale, yScale: LinearScale,
  toAxis: (v: number) => number, marks: readonly ObservedMark[], focus: string | null): void {
  const [x0, x1] = x.domain() as [number, number];
  const y = (v: number) => yScale(toAxis(v));
  const shown = marks.filter((m) => m.timeH >= x0 && m.timeH <= x1 && Number.isFinite(y(m.value)));
  // Redrawn only when the points, the scales or the focus changed (the chart redraws on every cursor move).
  const node = svg as SVGSVGElement & { __observedSig?: string };
  const sig = `${shown.map((m) => m.id + m.label).join('|')}#${x.domain()}${x.range()}${yScale.domain()}${yScale.range()}${toAxis(1)}${margin.left},${margin.top}#${focus}`;
  if (node.__observedSig === sig) return;
  node.__observedSig = sig;
  const g = select(svg).selectAll<SVGGElement, null>('g.observed').data(shown.length ? [null] : []).join('g')
    .attr('class', 'observed').attr('transform', `translate(${margin.left},${margin.top})`);
  const items = g.selectAll<SVGGElement, ObservedMark>('g.point').data(shown, (d) => d.id).join('g').attr('class', 'point')
    .attr('data-observed', (d) => d.id);
  items.each((d, i, nodes) => {
    const node = select(nodes[i]!);
    node.selectAll('*').remove();
    node.append('title').text(d.label);
    const cx = x(d.timeH);
    const cy = y(d.value);
    if (d.err > 0) {
      // On a log axis the lower end of a bar reaching 0 or below is drawn to the point's own level.
      const [lo, hi] = [y(d.value - d.err), y(d.value + d.err)].map((v) => (Number.isFinite(v) ? v : cy));
      node.append('line').attr('class', 'errorbar').attr('x1', cx).attr('x2', cx).attr('y1', lo!).attr('y2', hi!).attr('stroke', '#1b1f24').attr('stroke-width', 1.4);
      for (const yy of [lo!, hi!]) node.append('line').attr('x1', cx - 4).attr('x2', cx + 4).attr('y1', yy).attr('y2', yy).attr('stroke', '#1b1f24').attr('stroke-width', 1.4);
    }
    const on = focus === d.id;
    node.append('path').attr('class', 'marker').attr('transform', `translate(${cx},${cy})`)
      .attr('d', symbol(SHAPES[d.groupIndex % SHAPES.length]!, on ? 110 : 56)() ?? '')
      .attr('fill', d.censored ? '#ffffff' : d.color).attr('stroke', '#1b1f24').attr('stroke-width', on ? 2.5 : 1.5);
  });
}
