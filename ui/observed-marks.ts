/**
 * Observed points on the Simulator's charts (issue #14): the observations imported in the Research tab's fit card,
 * matched to a chart by output column, drawn over the plot with their error bars (± sd, or cv × value), named in
 * a <title> each, listed under the chart and counted in its text summary. The drawing is in
 * ui/observed-draw.ts, fetched only once a chart has points (d3-shape's symbols stay off the first screen). Every style is an SVG presentation
 * attribute, so the chart's SVG/PNG export carries them.
 */
import type { ObservationSet } from '../engine/fit';
import type { ChartConfig } from './chart-config';
import { formatSignificant } from './format';
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

/** Three significant digits in the page's language (4,5 in Spanish). */
const fmt = (v: number) => formatSignificant(v, 3);

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
