/**
 * Parameter sweeps: a grid of one or two variables (dose, dosing clock time, or any model parameter) → scalar
 * metrics (peak blockade, hours of blockade inside a sleep window, rebound peak, AUC…) per grid point.
 * Also the metric vocabulary shared with `sensitivity.ts`.
 */
import { describeBounds, withinBounds } from './model/bounds';
import { intervalsAbove, trapezoid, windowIntervals, type ClockWindow } from './metrics';
import type { PreparedModel } from './model/load';
import { column, type SimulationResult } from './result';
import { simulate, type SimulationRequest } from './simulate';
import { formatNumber, csvField } from './csv';
import { LIMITS, quote } from './limits';
import { checkSweepCells } from './input-limits';

/** Scalar metrics of one output column, over the metric span (see `MetricOptions.fromH`). */
export type MetricKind = 'max' | 'min' | 'tmax' | 'auc' | 'peak_rise' | 'hours_above' | 'hours_above_in_window' | 'auc_in_window';
export const METRIC_KINDS: readonly MetricKind[] = ['max', 'min', 'tmax', 'auc', 'peak_rise', 'hours_above', 'hours_above_in_window', 'auc_in_window'];

/**
 * One metric: `kind` of output `column`, with a `threshold` for `hours_above*`.
 * Text form (CLI): `KIND:COLUMN[:THRESHOLD]`, e.g. `max:mu_blockade`, `hours_above_in_window:mu_blockade:0.5`.
 */
export interface MetricSpec {
  readonly kind: MetricKind;
  readonly column: string;
  readonly threshold?: number;
}

/** Where metrics are computed. */
export interface MetricOptions {
  /** Daily clock window of the `*_in_window` metrics, e.g. a sleep window 23:00–07:00. */
  readonly window?: ClockWindow;
  /** Start of the metric span, hours since time 0 (default 0; e.g. the last day of a 14-day run: 312). */
  readonly fromH?: number;
}

/** Parses `KIND:COLUMN[:THRESHOLD]`. @throws RangeError naming `field` and what was expected. */
export function parseMetric(text: string, field = 'metric'): MetricSpec {
  const parts = text.split(':');
  const kind = parts[0] as MetricKind;
  if (!METRIC_KINDS.includes(kind)) throw new RangeError(`${field}: expected KIND:COLUMN[:THRESHOLD] with KIND one of ${METRIC_KINDS.join(', ')}, got ${quote(text)}`);
  const needsThreshold = kind === 'hours_above' || kind === 'hours_above_in_window';
  if (parts.length !== (needsThreshold ? 3 : 2) || !parts[1]) {
    throw new RangeError(`${field}: expected ${needsThreshold ? `${kind}:COLUMN:THRESHOLD` : `${kind}:COLUMN`}, got ${quote(text)}`);
  }
  if (!needsThreshold) return { kind, column: parts[1] };
  const thr = Number(parts[2]);
  if (parts[2]!.trim() === '' || !Number.isFinite(thr)) throw new RangeError(`${field}: expected a number as threshold in ${quote(text)}`);
  return { kind, column: parts[1], threshold: thr };
}

/** CSV column name of a metric, carrying its unit: `mu_blockade_max`, `mu_blockade_hours_above_0.5_in_window`. */
export function metricName(m: MetricSpec): string {
  switch (m.kind) {
    case 'tmax': return `${m.column}_tmax_h`;
    case 'hours_above': return `${m.column}_hours_above_${m.threshold}`;
    case 'hours_above_in_window': return `${m.column}_hours_above_${m.threshold}_in_window`;
    default: return `${m.column}_${m.kind}`;
  }
}

/** Checks metrics against a result's columns and the options. @throws RangeError naming the metric. */
export function checkMetrics(result: SimulationResult, metrics: readonly MetricSpec[], opts: MetricOptions): void {
  for (const m of metrics) {
    if (!result.columns.some((c) => c.name === m.column)) {
      throw new RangeError(`metric ${m.kind}:${m.column}: no column ${quote(m.column)}; columns: ${result.columns.map((c) => c.name).join(', ')}`);
    }
    if (m.kind.endsWith('_in_window') && !opts.window) throw new RangeError(`metric ${m.kind}:${m.column}: needs a clock window (--window HH:MM-HH:MM)`);
  }
  const end = result.timeH[result.timeH.length - 1]!;
  if (opts.fromH !== undefined && !(opts.fromH >= 0 && opts.fromH < end)) throw new RangeError(`metrics from: expected a time in [0, ${end}) h, got ${opts.fromH}`);
}

/**
 * Evaluates metrics on a result, over [fromH, end], on the output grid with linear interpolation (as
 * `computeMetrics`): `max`/`min` and `tmax` (hours since time 0) over grid points in the span; `auc`
 * trapezoidal; `peak_rise` = max − the value at time 0 (0 if it never rises; the rebound of a relative
 * level); `hours_above` = time above the threshold; `*_in_window` restricted to the daily clock window.
 */
export function evaluateMetrics(result: SimulationResult, metrics: readonly MetricSpec[], opts: MetricOptions = {}): number[] {
  checkMetrics(result, metrics, opts);
  const t = result.timeH;
  const end = t[t.length - 1]!;
  const from = opts.fromH ?? 0;
  const win = opts.window ? windowIntervals(opts.window, result.meta.startClockH, end).map(([a, b]) => [Math.max(a, from), b] as [number, number]).filter(([a, b]) => b > a) : [];
  return metrics.map((m) => {
    const y = column(result, m.column);
    let iMax = -1, iMin = -1;
    for (let i = 0; i < t.length; i++) {
      if (t[i]! < from) continue;
      if (iMax < 0 || y[i]! > y[iMax]!) iMax = i;
      if (iMin < 0 || y[i]! < y[iMin]!) iMin = i;
    }
    switch (m.kind) {
      case 'max': return y[iMax]!;
      case 'min': return y[iMin]!;
      case 'tmax': return t[iMax]!;
      case 'auc': return trapezoid(t, y, from, end);
      case 'peak_rise': return Math.max(0, y[iMax]! - y[0]!);
      case 'auc_in_window': return win.reduce((s, [a, b]) => s + trapezoid(t, y, a, b), 0);
      case 'hours_above':
      case 'hours_above_in_window': {
        const above = intervalsAbove(t, y, m.threshold!).map(([a, b]) => [Math.max(a, from), b] as [number, number]).filter(([a, b]) => b > a);
        if (m.kind === 'hours_above') return above.reduce((s, [a, b]) => s + b - a, 0);
        let s = 0;
        for (const [a0, a1] of above) for (const [b0, b1] of win) s += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
        return s;
      }
    }
  });
}

/**
 * A swept variable: `dose` (mg; sets `amtMg` of every dosing record), `at` (clock time of time 0 = the first
 * dose, hours of the day), or the name of a model parameter (in its unit).
 */
export interface SweepAxis {
  readonly name: string;
  readonly values: readonly number[];
}

/** A sweep: a base request, one or two axes (the grid is their product, first axis outermost), metrics. */
export interface SweepRequest extends MetricOptions {
  readonly base: SimulationRequest;
  readonly axes: readonly SweepAxis[];
  readonly metrics: readonly MetricSpec[];
}

/** Largest grid of one sweep: `LIMITS.sweepCells`. */
export const MAX_SWEEP_POINTS = LIMITS.sweepCells;

/** CSV column of an axis: `dose_mg`, `at_clock_h`, or the parameter name. */
export function axisColumn(name: string): string {
  return name === 'dose' ? 'dose_mg' : name === 'at' ? 'at_clock_h' : name;
}

/** Checks the axes against the model. @throws RangeError naming the axis. */
export function checkAxes(model: PreparedModel, axes: readonly SweepAxis[]): void {
  if (!Array.isArray(axes as unknown)) throw new RangeError('sweep.axes: expected a list of {name, values}');
  if (axes.length < 1 || axes.length > 2) throw new RangeError(`sweep: expected 1 or 2 swept variables, got ${axes.length}`);
  if (axes.length === 2 && axes[0]!.name === axes[1]!.name) throw new RangeError(`sweep: ${axes[0]!.name} is swept twice`);
  for (const a of axes) {
    if (typeof (a as unknown as SweepAxis | undefined)?.name !== 'string') throw new RangeError(`sweep: expected each swept variable as {name, values}, got ${quote(a)}`);
    if (!Array.isArray(a.values as unknown)) throw new RangeError(`sweep ${a.name}.values: expected a list of numbers, got ${quote(a.values)}`);
  }
  checkSweepCells(axes.map((a) => a.values.length));
  for (const a of axes) {
    const where = `sweep ${a.name}`;
    if (a.values.length < 1) throw new RangeError(`${where}: expected at least one value`);
    if (!a.values.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new RangeError(`${where}: expected finite numbers`);
    if (a.name === 'dose') {
      if (a.values.some((v) => v < 0)) throw new RangeError(`${where}: expected doses >= 0 mg`);
    } else if (a.name === 'at') {
      if (a.values.some((v) => v < 0 || v >= 24)) throw new RangeError(`${where}: expected clock times in [0, 24) h`);
    } else {
      const p = model.spec.parameters.find((x) => x.name === a.name);
      if (!p) throw new RangeError(`${where}: expected dose, at or a parameter of model "${model.spec.id}" (${model.spec.parameters.map((x) => x.name).join(', ')})`);
      const bad = a.values.find((v) => !withinBounds(p, v));
      if (bad !== undefined) throw new RangeError(`${where}: ${bad} is outside the parameter's physical bounds (${describeBounds(p)} ${p.unit})`);
    }
  }
}

/** The grid points (one value per axis), first axis outermost. */
export function sweepPoints(axes: readonly SweepAxis[]): number[][] {
  let pts: number[][] = [[]];
  for (const a of axes) pts = pts.flatMap((p) => a.values.map((v) => [...p, v]));
  return pts;
}

/** The simulation request of one grid point. */
export function pointRequest(base: SimulationRequest, axes: readonly SweepAxis[], point: readonly number[]): SimulationRequest {
  let req: SimulationRequest = base;
  axes.forEach((a, i) => {
    const v = point[i]!;
    if (a.name === 'dose') req = { ...req, events: req.events.map((e) => ({ ...e, amtMg: v })) };
    else if (a.name === 'at') req = { ...req, startClockH: v };
    else req = { ...req, params: { ...req.params, [a.name]: v } };
  });
  return req;
}

/** Result of a sweep: one row per grid point, axis values then metric values. */
export interface SweepResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly number[])[];
  /** Grid points whose simulation failed (their metrics are NaN), with the diagnostics. */
  readonly diagnostics: readonly string[];
}

/**
 * Runs grid points [from, to) of a sweep (default: all). A pool may split the points and concatenate the rows.
 * @throws RangeError for bad axes or metrics, before the first simulation.
 */
export function runSweep(model: PreparedModel, req: SweepRequest, from = 0, to?: number): SweepResult {
  checkAxes(model, req.axes);
  const pts = sweepPoints(req.axes);
  const end = to ?? pts.length;
  const rows: number[][] = [];
  const diagnostics: string[] = [];
  for (let i = from; i < end; i++) {
    const point = pts[i]!;
    const r = simulate(model, pointRequest(req.base, req.axes, point));
    const values = evaluateMetrics(r, req.metrics, req);
    if (!r.meta.ok) diagnostics.push(`${req.axes.map((a, k) => `${a.name}=${point[k]}`).join(', ')}: ${r.meta.diagnostics.join('; ')}`);
    rows.push([...point, ...(r.meta.ok ? values : values.map(() => NaN))]);
  }
  return { columns: [...req.axes.map((a) => axisColumn(a.name)), ...req.metrics.map(metricName)], rows, diagnostics };
}

/** A sweep as RFC 4180 CSV: swept variables then metrics, one row per grid point, CRLF line ends. */
export function sweepToCsv(result: SweepResult): string {
  const lines = [result.columns.map(csvField).join(',')];
  for (const row of result.rows) lines.push(row.map(formatNumber).join(','));
  return lines.join('\r\n') + '\r\n';
}
