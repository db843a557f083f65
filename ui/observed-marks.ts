/**
 * Observed points on the Simulator's charts (issue #14): the observations imported in the Research tab's fit card,
 * matched to a chart by output column, drawn over the plot with their error bars (± sd, or cv × value), named in
 * a <title> each, listed under the chart and counted in its text summary. The drawing is in
 * ui/observed-draw.ts, fetched only once a chart has points (d3-shape's symbols stay off the first screen). Every style is an SVG presentation
 * attribute, so the chart's SVG/PNG export carries them. The matching of observations to a chart is in
 * ui/observed-marks-for.ts, fetched by the app once observations arrive (not on the first screen).
 */
import type { ObservationSet } from '../engine/fit';
import { CHART_STRINGS as STRINGS } from './chart-strings';

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
