/**
 * Fitting: seeded multi-start Levenberg–Marquardt on a `FitProblem`, then the statistics at the best optimum
 * (standard errors and 95% confidence intervals from the Jacobian, the correlation matrix, identifiability
 * warnings) and the profile of the objective over one parameter.
 *
 * The starts are independent (`runStart`), so a pool can run them on worker threads and `summarizeFit` the
 * results; `fitModel` runs them in this thread.
 */
import { describeBounds, rangeNote } from '../model/bounds';
import type { PreparedModel } from '../model/load';
import { Xoshiro128 } from '../random';
import { studentTQuantile } from './distributions';
import { levenbergMarquardt, type LmOptions, type StopReason } from './lm';
import { normalEquations, symmetricInverse } from './linalg';
import { prepareFitProblem, type ErrorModel, type FitProblem, type FitProblemSpec } from './problem';

/** How the residual variance is treated. */
export type SigmaMode = 'estimated' | 'known';

/** Options of a fit. */
export interface FitOptions {
  /** Number of starts: the model's values, then seeded random points in the bounds (default 4). */
  readonly starts?: number;
  /** Seed of the random starts (default 1). */
  readonly seed?: number;
  /**
   * `estimated` (default): the sd/cv columns are relative weights and the residual variance s² = SSR/(n − p)
   * scales the covariance (SciPy `curve_fit`'s default), with Student-t intervals on n − p degrees of freedom.
   * `known`: the sd/cv are the measurement errors; covariance (JᵀJ)⁻¹ and normal intervals.
   */
  readonly sigma?: SigmaMode;
  readonly lm?: LmOptions;
}

/** The outcome of one start. */
export interface StartResult {
  readonly start: number;
  /** Start and end, transformed scale. */
  readonly x0: readonly number[];
  readonly x: readonly number[];
  readonly ssr: number;
  readonly iterations: number;
  readonly gradientNorm: number;
  readonly reason: StopReason | EvaluateReason;
  readonly converged: boolean;
  readonly evaluations: number;
}

/** One estimated parameter. */
export interface FitEstimate {
  readonly name: string;
  readonly unit: string;
  readonly scale: 'log' | 'linear';
  /** Value at the first start (the model's, or the first group's scenario's). */
  readonly start: number;
  readonly estimate: number;
  /** Standard error on the parameter's own scale (delta method for log-scale parameters); null when not estimable. */
  readonly se: number | null;
  /** Standard error on the estimation scale (of ln θ for log-scale parameters). */
  readonly seTransformed: number | null;
  /** 95% confidence interval (from the transformed scale: asymmetric for log-scale parameters). */
  readonly ci95: readonly [number, number] | null;
  /** The physical bounds it was estimated within (−∞/∞ where open-ended; the bound itself excluded where `bounds` says so). */
  readonly lower: number;
  readonly upper: number;
  /** The bounds in words (`> 0`, `in [0, 1]`, …). */
  readonly bounds: string;
  /** True when the estimate lies at (or, for an open bound, just inside) a physical bound. */
  readonly atBound: boolean;
  /** The typical range, if any; an estimate outside it (within the bounds) comes with a note in `FitResult.notes`. */
  readonly range?: readonly [number, number];
  readonly outsideRange: boolean;
}

/** One observation's fit. */
export interface FitResidual {
  readonly line: number;
  readonly group: string;
  readonly subject?: string;
  readonly timeH: number;
  readonly output: string;
  readonly observed: number;
  readonly predicted: number;
  /** Weighted residual: (pred − obs)/sd, or (ln pred − ln obs)/sd_log with `proportional` error. */
  readonly residual: number;
  readonly censored: boolean;
  readonly source?: string;
}

/** The result of a fit. */
export interface FitResult {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly error: ErrorModel;
  readonly sigma: SigmaMode;
  /** Observations, estimated parameters, degrees of freedom n − p. */
  readonly n: number;
  readonly p: number;
  readonly df: number;
  /** The objective: the weighted sum of squared residuals. */
  readonly objective: number;
  /** √(objective / df): the residual standard error (1 when the weights are right). */
  readonly residualSe: number | null;
  /** The quantile used for the intervals (t with df degrees of freedom, or the normal). */
  readonly quantile: number | null;
  readonly estimates: readonly FitEstimate[];
  /** The fitted values by name. */
  readonly values: Readonly<Record<string, number>>;
  /** Correlation of the estimates (transformed scale); null entries where not estimable. */
  readonly correlation: readonly (readonly (number | null)[])[];
  /** Condition number of the information matrix JᵀJ scaled to a unit diagonal. */
  readonly conditionNumber: number;
  readonly residuals: readonly FitResidual[];
  readonly convergence: {
    readonly iterations: number;
    readonly gradientNorm: number;
    readonly reason: StopReason | EvaluateReason;
    readonly converged: boolean;
    /** Model evaluations (one per group and parameter vector), over all starts and the final Jacobian. */
    readonly evaluations: number;
    readonly bestStart: number;
    readonly starts: readonly { readonly start: number; readonly objective: number; readonly iterations: number; readonly reason: StopReason | EvaluateReason }[];
  };
  /** Identifiability and convergence warnings, one sentence each. */
  readonly warnings: readonly string[];
  /**
   * Estimates outside their typical range but within their physical bounds, in the words the CLI uses for such a
   * value (`rangeNote`): not a warning, the value is valid.
   */
  readonly notes: readonly string[];
}

/**
 * The start points: the problem's own, then `count − 1` seeded uniform draws (on the estimation scale) in the
 * typical range of each parameter (`FitProblem.startLower/Upper`); the fit itself may leave the range for any
 * value within the physical bounds.
 */
export function startPoints(problem: FitProblem, count: number, seed: number): Float64Array[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`starts: expected a whole number >= 1, got ${count}`);
  const out = [Float64Array.from(problem.x0, (v, k) => Math.min(problem.upper[k]!, Math.max(problem.lower[k]!, v)))];
  for (let s = 1; s < count; s++) {
    const rng = Xoshiro128.forSubject(seed, s);
    out.push(Float64Array.from(problem.x0, (_, k) => {
      const lo = problem.startLower[k]!;
      const hi = problem.startUpper[k]!;
      return lo + rng.nextDouble() * (hi - lo);
    }));
  }
  return out;
}

/** The reason of an `evaluateAt` result: no fitting was done. */
export type EvaluateReason = 'evaluated';

/**
 * No fitting: the objective at x (transformed), as a start that did not move (reason `evaluated`), so that
 * `summarizeFit` reports the predictions and residuals of every observation at given parameter values
 * (`ldn-sim fit --evaluate`: e.g. the must-hold figures of a calibration checked at its fitted values).
 */
export function evaluateAt(problem: FitProblem, x: ArrayLike<number>): StartResult {
  const before = problem.evaluations;
  const ev = problem.evaluate(x);
  const ssr = ev ? ev.residuals.reduce((s, r) => s + r * r, 0) : Infinity;
  return {
    start: 0, x0: Array.from(x), x: Array.from(x), ssr, iterations: 0, gradientNorm: NaN, reason: 'evaluated',
    converged: ev !== null, evaluations: problem.evaluations - before,
  };
}

/** Runs one start (forward-difference Jacobians while iterating). */
export function runStart(problem: FitProblem, start: number, x0: ArrayLike<number>, lm: LmOptions = {},
  onIteration?: (iteration: number, ssr: number) => boolean | void, fixed?: readonly boolean[]): StartResult {
  const before = problem.evaluations;
  const res = levenbergMarquardt({
    residuals: (x) => problem.evaluate(x)?.residuals ?? null,
    jacobian: (x, r) => problem.jacobian(x, r, false, fixed),
    ...(onIteration ? { onIteration } : {}),
  }, x0, problem.lower, problem.upper, lm, fixed);
  return {
    start, x0: Array.from(x0), x: Array.from(res.x), ssr: res.ssr, iterations: res.iterations, gradientNorm: res.gradientNorm,
    reason: res.reason, converged: res.converged, evaluations: problem.evaluations - before,
  };
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** The statistics at the best of the starts. */
export function summarizeFit(problem: FitProblem, starts: readonly StartResult[], opts: FitOptions = {}): FitResult {
  const sigma = opts.sigma ?? 'estimated';
  const finite = starts.filter((s) => Number.isFinite(s.ssr));
  if (finite.length === 0) {
    throw new RangeError('fit: the model could not be evaluated at any start (the integrator failed or an output was not finite); check the scenario and the bounds');
  }
  const best = finite.reduce((a, b) => (b.ssr < a.ssr ? b : a));
  const x = Float64Array.from(best.x);
  const before = problem.evaluations;
  const ev = problem.evaluate(x)!;
  const jac = problem.jacobian(x, ev.residuals, true);
  const { observations } = problem.spec;
  const n = observations.length;
  const p = problem.parameters.length;
  const df = n - p;
  const ssr = ev.residuals.reduce((s, r) => s + r * r, 0);
  const warnings: string[] = [];
  const notes: string[] = [];
  const { a } = normalEquations(jac, ev.residuals);
  const d = a.map((row, i) => Math.sqrt(row[i]!));
  const scaled = a.map((row, i) => row.map((v, j) => (d[i]! > 0 && d[j]! > 0 ? v / (d[i]! * d[j]!) : i === j ? 1 : 0)));
  const inv = symmetricInverse(scaled, 1e-14);
  const conditionNumber = d.some((v) => !(v > 0)) ? Infinity : inv.condition;
  const s2 = sigma === 'known' ? 1 : df > 0 ? ssr / df : NaN;
  const estimable = Number.isFinite(s2) && conditionNumber < 1e12 && jac.every((c) => c.every(Number.isFinite));
  const quantile = sigma === 'known' ? studentTQuantile(0.975, Infinity) : df > 0 ? studentTQuantile(0.975, df) : null;
  const cov = estimable ? inv.inverse.map((row, i) => row.map((v, j) => (s2 * v) / (d[i]! * d[j]!))) : null;

  problem.parameters.forEach((q, k) => {
    if (!d[k]! || !(d[k]! > 0)) warnings.push(`${q.name}: the observations do not depend on it (zero sensitivity); it is not identifiable from these data`);
  });
  if (sigma === 'estimated' && df <= 0) {
    warnings.push(`${n} observation(s) for ${p} parameter(s): no degrees of freedom left to estimate the residual variance; no standard errors (give sd/cv and use sigma known, or add observations)`);
  }
  if (conditionNumber >= 1e8) {
    warnings.push(`the information matrix is near-singular (condition number ${conditionNumber === Infinity ? '∞' : conditionNumber.toExponential(1)}): ` +
      'some combination of the parameters is not identifiable from these data' + (estimable ? '' : '; no standard errors'));
  }
  const correlation = problem.parameters.map((_, i) => problem.parameters.map((__, j) => {
    if (!cov) return null;
    const c = cov[i]![j]! / Math.sqrt(cov[i]![i]! * cov[j]![j]!);
    return Number.isFinite(c) ? c : null;
  }));
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const c = correlation[i]![j];
      if (c !== null && c !== undefined && Math.abs(c) > 0.95) {
        warnings.push(`${problem.parameters[i]!.name} and ${problem.parameters[j]!.name} are correlated (${fmt(c)}): the data determine a combination of them better than either`);
      }
    }
  }
  const values: Record<string, number> = {};
  const estimates: FitEstimate[] = problem.parameters.map((q, k) => {
    const xk = x[k]!;
    const value = problem.toValue(k, xk);
    values[q.name] = value;
    const tol = 1e-6 * Math.max(1, Math.abs(xk));
    const atBound = xk <= problem.lower[k]! + tol || xk >= problem.upper[k]! - tol;
    const spec = problem.model.spec.parameters[q.index]!;
    if (atBound) warnings.push(`${q.name} = ${fmt(value)} ${q.unit} is at its physical bound (${describeBounds(spec)}): the data push it beyond the values it can take; its interval is not reliable`);
    const note = rangeNote(spec, Number(value.toPrecision(6)));
    if (note) notes.push(note);
    const seT = cov && cov[k]![k]! >= 0 ? Math.sqrt(cov[k]![k]!) : null;
    const se = seT === null ? null : q.scale === 'log' ? value * seT : seT;
    const ci95: [number, number] | null = seT === null || quantile === null ? null
      : [problem.toValue(k, xk - quantile * seT), problem.toValue(k, xk + quantile * seT)];
    return {
      name: q.name, unit: q.unit, scale: q.scale, start: problem.startValues[k]!, estimate: value,
      se, seTransformed: seT, ci95, lower: q.lower, upper: q.upper, bounds: describeBounds(spec), atBound,
      ...(q.range ? { range: q.range } : {}), outsideRange: note !== undefined,
    };
  });
  if (!best.converged) warnings.push(`the best start stopped without meeting a tolerance (${best.reason}); the estimates may not be at the optimum`);
  const spread = finite.filter((s) => s.ssr > best.ssr * (1 + 1e-3) + 1e-12);
  if (spread.length) warnings.push(`${spread.length} of ${starts.length} starts ended at a worse local optimum or stalled (objective up to ${fmt(Math.max(...spread.map((s) => s.ssr)))} vs ${fmt(best.ssr)})`);

  const residuals: FitResidual[] = observations.map((o, i) => ({
    line: o.line, group: o.group, ...(o.subject !== undefined ? { subject: o.subject } : {}), timeH: o.timeH, output: o.output,
    observed: o.value, predicted: ev.predictions[i]!, residual: ev.residuals[i]!, censored: o.lloq !== undefined && o.value < o.lloq,
    ...(o.source !== undefined ? { source: o.source } : {}),
  }));
  const evaluations = starts.reduce((s, r) => s + r.evaluations, 0) + (problem.evaluations - before);
  return {
    modelId: problem.model.spec.id, modelVersion: problem.model.spec.version, error: problem.error, sigma, n, p, df, objective: ssr,
    residualSe: df > 0 ? Math.sqrt(ssr / df) : null, quantile, estimates, values, correlation, conditionNumber, residuals,
    convergence: {
      iterations: best.iterations, gradientNorm: best.gradientNorm, reason: best.reason, converged: best.converged, evaluations,
      bestStart: best.start, starts: starts.map((s) => ({ start: s.start, objective: s.ssr, iterations: s.iterations, reason: s.reason })),
    },
    warnings,
    notes,
  };
}

/** Fits in this thread: every start in turn, then the statistics. `onProgress(done, total)` may return false to cancel. */
export function fitModel(model: PreparedModel, spec: FitProblemSpec, opts: FitOptions = {}, source?: string,
  onProgress?: (start: number, iteration: number, ssr: number) => boolean | void): { problem: FitProblem; result: FitResult } {
  const problem = prepareFitProblem(model, spec, source);
  const points = startPoints(problem, opts.starts ?? 4, opts.seed ?? 1);
  const starts: StartResult[] = [];
  for (let s = 0; s < points.length; s++) {
    const r = runStart(problem, s, points[s]!, opts.lm, onProgress ? (it, ssr) => onProgress(s, it, ssr) : undefined);
    starts.push(r);
    if (r.reason === 'cancelled') throw new FitCancelled();
  }
  return { problem, result: summarizeFit(problem, starts, opts) };
}

/** Thrown when a progress callback cancels a fit. */
export class FitCancelled extends Error {
  constructor() {
    super('the fit was cancelled');
    this.name = 'FitCancelled';
  }
}

/** The profile of the objective over one parameter. */
export interface FitProfile {
  readonly name: string;
  readonly unit: string;
  /** Each fixed value and the objective with the other parameters refitted. */
  readonly points: readonly { readonly value: number; readonly objective: number }[];
  /** Objective at the optimum and the threshold that bounds the likelihood-based 95% interval. */
  readonly objective: number;
  readonly threshold: number;
  /** Where the profile crosses the threshold (linear interpolation); null where it does not within the points. */
  readonly interval: readonly [number | null, number | null];
}

/**
 * Profiles parameter `name`: fixes it at `points` values around the estimate (±3 standard errors on the
 * transformed scale, or across its bounds), refits the others from the neighbouring solution, and returns the
 * objective. The 95% interval is where the objective stays below the threshold: SSR̂ · (1 + F(1, n − p) / (n − p))
 * with an estimated variance (F(1, ν) = t²(ν)), SSR̂ + 3.84 (χ²₁) with known sd.
 */
export function profileParameter(problem: FitProblem, fit: FitResult, name: string, points = 21, lm: LmOptions = {}): FitProfile {
  const k = problem.parameters.findIndex((q) => q.name === name);
  if (k < 0) throw new RangeError(`profile ${name}: not an estimated parameter; estimated: ${problem.parameters.map((q) => q.name).join(', ')}`);
  if (!(Number.isInteger(points) && points >= 3)) throw new RangeError(`profile: expected a whole number of points >= 3, got ${points}`);
  const xHat = Float64Array.from(fit.estimates, (e, i) => problem.fromValue(i, e.estimate));
  const est = fit.estimates[k]!;
  const lo = problem.lower[k]!;
  const hi = problem.upper[k]!;
  const q = fit.quantile ?? 1.96;
  const width = est.seTransformed !== null && est.seTransformed > 0 ? 1.5 * q * est.seTransformed
    : Number.isFinite(hi - lo) ? (hi - lo) / 2 : problem.parameters[k]!.scale === 'log' ? Math.LN10 : Math.max(1, Math.abs(xHat[k]!));
  const a = Math.max(lo, xHat[k]! - width);
  const b = Math.min(hi, xHat[k]! + width);
  const grid = Array.from({ length: points }, (_, i) => a + ((b - a) * i) / (points - 1));
  const fixed = problem.parameters.map((_, i) => i === k);
  const objective = fit.objective;
  const byIndex = new Map<number, number>();
  // Walk outward from the estimate so that each refit starts from its neighbour's solution.
  const centre = grid.reduce((best, v, i) => (Math.abs(v - xHat[k]!) < Math.abs(grid[best]! - xHat[k]!) ? i : best), 0);
  for (const dir of [-1, 1]) {
    let from = Float64Array.from(xHat);
    for (let i = dir < 0 ? centre : centre + 1; i >= 0 && i < points; i += dir) {
      const x0 = Float64Array.from(from);
      x0[k] = grid[i]!;
      const r = refitWithFixed(problem, x0, lm, fixed);
      byIndex.set(i, r.ssr);
      if (Number.isFinite(r.ssr)) from = Float64Array.from(r.x);
    }
  }
  const threshold = fit.sigma === 'known' ? objective + 3.841458820694124
    : fit.df > 0 ? objective * (1 + (studentTQuantile(0.975, fit.df) ** 2) / fit.df) : NaN;
  const pts = grid.map((x, i) => ({ value: problem.toValue(k, x), objective: byIndex.get(i)! }));
  const crossing = (from: number, step: number): number | null => {
    for (let i = from; i + step >= 0 && i + step < points; i += step) {
      const u = pts[i]!;
      const v = pts[i + step]!;
      if (u.objective <= threshold && v.objective > threshold) {
        const xu = grid[i]!; const xv = grid[i + step]!;
        return problem.toValue(k, xu + ((threshold - u.objective) / (v.objective - u.objective)) * (xv - xu));
      }
    }
    return null;
  };
  return { name, unit: problem.parameters[k]!.unit, points: pts, objective, threshold, interval: [crossing(centre, -1), crossing(centre, 1)] };
}

/** Refits the free parameters from x0 (all fixed: just the objective at x0). */
function refitWithFixed(problem: FitProblem, x0: Float64Array, lm: LmOptions, fixed: boolean[]): StartResult {
  if (fixed.every(Boolean)) {
    const ev = problem.evaluate(x0);
    const ssr = ev ? ev.residuals.reduce((s, r) => s + r * r, 0) : Infinity;
    return { start: 0, x0: Array.from(x0), x: Array.from(x0), ssr, iterations: 0, gradientNorm: 0, reason: 'gradient', converged: true, evaluations: 1 };
  }
  return runStart(problem, 0, x0, lm, undefined, fixed);
}
