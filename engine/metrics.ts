import { expand } from './dosing';
import type { SimulationResult } from './result';

/** A clock window such as 23:00–07:00 (it may wrap midnight), hours of the day. */
export interface ClockWindow {
  readonly startClockH: number;
  readonly endClockH: number;
}

/** Metrics of one output column. Times are hours since time 0; AUCs are in the column's unit × h. */
export interface ColumnMetrics {
  readonly unit: string;
  /** Largest value (Cmax for a concentration) and when it occurs. */
  readonly max: number;
  readonly tmaxH: number;
  readonly min: number;
  readonly tminH: number;
  /** Trapezoidal AUC over the whole span. */
  readonly auc: number;
  /** Trapezoidal AUC per dosing interval (from each dose time to the next, the last one to the end). */
  readonly aucPerInterval: readonly { readonly startH: number; readonly endH: number; readonly auc: number }[];
  /** Apparent terminal half-life from a log-linear fit after the last peak; null when the curve does not decay. */
  readonly terminalHalfLifeH: number | null;
  /** Value at time 0 (the baseline for relative outputs). */
  readonly baseline: number;
  /** Largest rise above the baseline (0 when it never rises) and when it occurs. */
  readonly peakRise: number;
  readonly peakRiseTimeH: number | null;
  /** With a threshold: hours above it over the whole span, and inside the clock window. */
  readonly threshold?: number;
  readonly hoursAbove?: number;
  readonly hoursAboveInWindow?: number;
  /** With a clock window: AUC inside the window. */
  readonly aucInWindow?: number;
}

/** Options for `computeMetrics`. */
export interface MetricsOptions {
  /** Threshold per column name, e.g. `{ mu_blockade: 0.5 }`. */
  readonly thresholds?: Readonly<Record<string, number>>;
  /** A daily clock window for the "in window" metrics, e.g. a sleep window 23:00–07:00. */
  readonly window?: ClockWindow;
}

/** Metrics of every column of a result. */
export interface ResultMetrics {
  readonly modelId: string;
  readonly spanH: number;
  readonly window?: ClockWindow;
  readonly columns: Readonly<Record<string, ColumnMetrics>>;
}

/** Trapezoidal integral of y over [a, b] on the grid t (linear interpolation inside grid cells). */
export function trapezoid(t: ArrayLike<number>, y: ArrayLike<number>, a = t[0]!, b = t[t.length - 1]!): number {
  let s = 0;
  for (let i = 0; i < t.length - 1; i++) {
    const t0 = t[i]!;
    const t1 = t[i + 1]!;
    const lo = Math.max(a, t0);
    const hi = Math.min(b, t1);
    if (hi <= lo) continue;
    const slope = (y[i + 1]! - y[i]!) / (t1 - t0);
    const ylo = y[i]! + slope * (lo - t0);
    const yhi = y[i]! + slope * (hi - t0);
    s += 0.5 * (ylo + yhi) * (hi - lo);
  }
  return s;
}

/**
 * The parts of each grid cell where the linearly interpolated curve is above `threshold`, as [start, end]
 * intervals in hours (merged when they touch).
 */
export function intervalsAbove(t: ArrayLike<number>, y: ArrayLike<number>, threshold: number): [number, number][] {
  const out: [number, number][] = [];
  const push = (a: number, b: number) => {
    if (b <= a) return;
    const last = out[out.length - 1];
    if (last && Math.abs(last[1] - a) < 1e-12) last[1] = b;
    else out.push([a, b]);
  };
  for (let i = 0; i < t.length - 1; i++) {
    const t0 = t[i]!; const t1 = t[i + 1]!;
    const y0 = y[i]! - threshold; const y1 = y[i + 1]! - threshold;
    if (y0 > 0 && y1 > 0) push(t0, t1);
    else if (y0 > 0 && y1 <= 0) push(t0, t0 + (t1 - t0) * (y0 / (y0 - y1)));
    else if (y0 <= 0 && y1 > 0) push(t0 + (t1 - t0) * (-y0 / (y1 - y0)), t1);
  }
  return out;
}

/** The daily clock window's occurrences within [0, endH], in hours since time 0. */
export function windowIntervals(window: ClockWindow, startClockH: number, endH: number): [number, number][] {
  const len = ((window.endClockH - window.startClockH) % 24 + 24) % 24 || 24;
  const first = ((window.startClockH - startClockH) % 24 + 24) % 24 - 24; // one day earlier: catches a wrap at 0
  const out: [number, number][] = [];
  for (let s = first; s < endH; s += 24) {
    const a = Math.max(0, s);
    const b = Math.min(endH, s + len);
    if (b > a) out.push([a, b]);
  }
  return out;
}

function overlap(a: readonly [number, number][], b: readonly [number, number][]): number {
  let s = 0;
  for (const [a0, a1] of a) for (const [b0, b1] of b) s += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  return s;
}

/**
 * Terminal half-life by the usual best-fit rule: log-linear regressions on the last 3, 4, … positive points
 * after the peak that follows the last dose; the fit with the best adjusted R² (ties within 1e-4 go to more
 * points) gives λz, and t½ = ln 2 / λz. Null when fewer than 3 points decay or the slope is not negative.
 */
export function terminalHalfLife(t: ArrayLike<number>, y: ArrayLike<number>, fromH = 0): number | null {
  let iMax = -1;
  for (let i = 0; i < t.length; i++) if (t[i]! >= fromH && (iMax < 0 || y[i]! > y[iMax]!)) iMax = i;
  if (iMax < 0) return null;
  const fits: { adjR2: number; slope: number }[] = [];
  let sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, n = 0;
  for (let i = t.length - 1; i > iMax; i--) {
    if (!(y[i]! > 0)) break;
    const x = t[i]!; const ly = Math.log(y[i]!);
    sx += x; sy += ly; sxx += x * x; sxy += x * ly; syy += ly * ly; n++;
    if (n < 3) continue;
    const vx = sxx - (sx * sx) / n;
    const vy = syy - (sy * sy) / n;
    const cxy = sxy - (sx * sy) / n;
    if (vx <= 0) continue;
    const slope = cxy / vx;
    const r2 = vy > 0 ? (cxy * cxy) / (vx * vy) : 1;
    if (slope < 0) fits.push({ adjR2: 1 - ((1 - r2) * (n - 1)) / (n - 2), slope });
  }
  if (fits.length === 0) return null;
  const bestR2 = Math.max(...fits.map((f) => f.adjR2));
  // fits are in order of increasing n: the last one within 1e-4 of the best uses the most points.
  const chosen = fits.filter((f) => f.adjR2 >= bestR2 - 1e-4).pop()!;
  return Math.LN2 / -chosen.slope;
}

/**
 * Computes the metrics of every column: Cmax/tmax, AUC (total and per dosing interval), apparent terminal
 * half-life, time above a threshold (overall and inside a clock window), AUC in the window, and the peak rise
 * above the time-0 baseline. All on the result's grid with linear interpolation; a finer grid gives finer
 * metrics.
 */
export function computeMetrics(result: SimulationResult, opts: MetricsOptions = {}): ResultMetrics {
  const t = result.timeH;
  const endH = t[t.length - 1]!;
  const doseTimes = [...new Set(expand(result.meta.events).map((d) => d.timeH).filter((x) => x < endH))].sort((a, b) => a - b);
  const bounds = doseTimes.length ? doseTimes : [0];
  const lastDose = bounds[bounds.length - 1]!;
  const win = opts.window ? windowIntervals(opts.window, result.meta.startClockH, endH) : null;
  for (const name of Object.keys(opts.thresholds ?? {})) {
    if (!result.columns.some((c) => c.name === name)) {
      throw new RangeError(`threshold ${name}: no such column; columns: ${result.columns.map((c) => c.name).join(', ')}`);
    }
  }
  const columns: Record<string, ColumnMetrics> = {};
  for (const c of result.columns) {
    const y = c.values;
    let iMax = 0; let iMin = 0; let iRise = 0;
    for (let i = 1; i < y.length; i++) {
      if (y[i]! > y[iMax]!) iMax = i;
      if (y[i]! < y[iMin]!) iMin = i;
      if (y[i]! > y[iRise]!) iRise = i;
    }
    const baseline = y[0]!;
    const rise = y[iRise]! - baseline;
    const m: Record<string, unknown> = {
      unit: c.unit,
      max: y[iMax]!, tmaxH: t[iMax]!, min: y[iMin]!, tminH: t[iMin]!,
      auc: trapezoid(t, y),
      aucPerInterval: bounds.map((s, i) => {
        const e = i + 1 < bounds.length ? bounds[i + 1]! : endH;
        return { startH: s, endH: e, auc: trapezoid(t, y, s, e) };
      }),
      terminalHalfLifeH: terminalHalfLife(t, y, lastDose),
      baseline,
      peakRise: rise > 0 ? rise : 0,
      peakRiseTimeH: rise > 0 ? t[iRise]! : null,
    };
    const thr = opts.thresholds?.[c.name];
    if (thr !== undefined) {
      const above = intervalsAbove(t, y, thr);
      m.threshold = thr;
      m.hoursAbove = above.reduce((s, [a, b]) => s + b - a, 0);
      if (win) m.hoursAboveInWindow = overlap(above, win);
    }
    if (win) m.aucInWindow = win.reduce((s, [a, b]) => s + trapezoid(t, y, a, b), 0);
    columns[c.name] = Object.freeze(m) as unknown as ColumnMetrics;
  }
  return Object.freeze({ modelId: result.meta.modelId, spanH: endH, ...(opts.window ? { window: opts.window } : {}), columns: Object.freeze(columns) });
}

