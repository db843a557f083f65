import { formatTick } from '../format';
/**
 * The lines a time chart draws for a result and an optional pinned result, and the helpers of its log axis. Pure
 * (no DOM), so the rules are tested directly: every line at full opacity, the two scenarios told apart by width and
 * form (a pinned line is a hollow rail, the current one a solid line over it), never by fading one of them.
 */
import type { SimulationResult } from '../../engine/result';
import type { ChartConfig } from '../chart-config';
import type { ChartSeries } from './time-chart';

/** Width of the current scenario's lines (px). */
export const CURRENT_WIDTH_PX = 2.6;
/** Outer width of a pinned scenario's rail (px). */
export const PINNED_WIDTH_PX = 5.5;
/** Width of the rail's hollow core (px), drawn in the surface colour. */
export const PINNED_CORE_PX = 2;

/** What {@link chartSeries} draws from. */
export interface ChartSeriesInput {
  readonly result: SimulationResult | null;
  /** The values shown for each column of `result` (they differ from the result's during a tween). */
  readonly shown: ReadonlyMap<string, Float64Array>;
  readonly pinned: SimulationResult | null;
  /** The pinned result's times on this chart's axis (shifted by the clock difference), or null. */
  readonly pinnedX: ArrayLike<number> | null;
  /** Draw on a log axis: values become log10(value × scale). */
  readonly log: boolean;
}

/** The series to draw, pinned rails first (under), then the current lines. */
export function chartSeries(cfg: ChartConfig, input: ChartSeriesInput): ChartSeries[] {
  const { result: r, shown, pinned, pinnedX, log } = input;
  const k = cfg.scale ?? 1;
  const ys = (v: Float64Array) => (log ? logValues(v, k) : v);
  const out: ChartSeries[] = [];
  if (pinned && pinnedX) {
    for (const s of cfg.series) {
      const c = pinned.columns.find((col) => col.name === s.column);
      if (!c) continue;
      const y = ys(c.values);
      out.push({ key: `pin:${s.column}`, x: pinnedX, y, color: s.color, dash: s.dash, width: PINNED_WIDTH_PX });
      out.push({ key: `pin-core:${s.column}`, x: pinnedX, y, color: '#ffffff', dash: s.dash, width: PINNED_CORE_PX, className: 'core' });
    }
  }
  if (r) {
    for (const s of cfg.series) {
      const y = shown.get(s.column);
      if (y && y.length === r.timeH.length) out.push({ key: s.column, x: r.timeH, y: ys(y), color: s.color, dash: s.dash, width: CURRENT_WIDTH_PX });
    }
  }
  return out;
}

/** log10 of each value × k; values ≤ 0 become NaN (a gap: zero has no place on a log axis). */
export function logValues(v: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) { const x = v[i]! * k; out[i] = x > 0 ? Math.log10(x) : NaN; }
  return out;
}

/**
 * A log axis (in log10 units) spanning whole decades: from the highest value's decade down to the lowest value's,
 * but at most 4 decades (a curve decaying towards zero would otherwise stretch it without end) and at least 2.
 */
export function logDomain(series: readonly { readonly y: ArrayLike<number> }[]): [number, number] {
  let hi = -Infinity;
  let lo = Infinity;
  for (const s of series) for (let i = 0; i < s.y.length; i++) { const v = s.y[i]!; if (Number.isFinite(v)) { if (v > hi) hi = v; if (v < lo) lo = v; } }
  if (!(hi >= lo)) return [-1, 1];
  const top = Math.ceil(hi);
  const bottom = Math.max(Math.floor(lo), top - 4);
  return [Math.min(bottom, top - 2), top];
}

/** A log-axis tick label from log10 of the value: 10^v without floating-point noise (0.01, 0.1, 1, 10, 31.6). */
export function formatPower(v: number): string {
  return formatTick(Number((10 ** v).toPrecision(Number.isInteger(v) ? 1 : 3)));
}
