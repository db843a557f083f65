/**
 * A bounded Levenberg–Marquardt solver for small nonlinear least-squares problems: minimise ½‖r(x)‖² over a box
 * lower ≤ x ≤ upper. Marquardt's scaling (the diagonal of JᵀJ), Nielsen's update of the damping from the gain
 * ratio, and bounds by projection with an active set: a parameter at a bound whose gradient pushes it outward is
 * held there for the step, the others move, and the step is clipped to the box.
 *
 * It knows nothing of models: engine/fit/problem.ts supplies the residuals and the Jacobian.
 */
import { choleskySolve, normalEquations } from './linalg';

/** Why the solver stopped. */
/**
 * Why the solver stopped: a tolerance met (`gradient`, `objective`, `step`), the iteration limit, no step lowering the
 * objective even at very large damping (`no-progress`: not converged), the start could not be evaluated, or cancelled.
 */
export type StopReason = 'gradient' | 'objective' | 'step' | 'max-iterations' | 'no-progress' | 'failed-start' | 'cancelled';

/** Tolerances and limits. */
export interface LmOptions {
  /** Stop when the largest |component| of the projected gradient Jᵀr is below `gtol` × ‖r‖² (default 1e-8). */
  readonly gtol?: number;
  /** Stop when an accepted step lowers the objective by less than `ftol` × the objective (default 1e-10). */
  readonly ftol?: number;
  /** Stop when an accepted step changes x by less than `xtol` × (‖x‖ + xtol) (default 1e-10). */
  readonly xtol?: number;
  /** Iteration limit (default 200). */
  readonly maxIterations?: number;
}

/** What the solver needs: residuals (null when the model could not be evaluated there) and their Jacobian. */
export interface LmFunctions {
  residuals(x: Float64Array): Float64Array | null;
  /** Columns ∂r/∂x_j at x, given r(x). */
  jacobian(x: Float64Array, r: Float64Array): Float64Array[];
  /** Called after every iteration; return false to stop (reason `cancelled`). */
  onIteration?(iteration: number, cost: number): boolean | void;
}

/** The solver's result. */
export interface LmResult {
  readonly x: Float64Array;
  readonly residuals: Float64Array;
  /** ‖r‖², the weighted sum of squares. */
  readonly ssr: number;
  readonly iterations: number;
  /** Largest |component| of the projected gradient Jᵀr at the end. */
  readonly gradientNorm: number;
  readonly reason: StopReason;
  /** True when a tolerance (gradient, objective or step) was met. */
  readonly converged: boolean;
}

function sumSq(r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return s;
}

/** Gradient components of fixed parameters are zero; a parameter at a bound with an outward gradient is fixed. */
function activeFree(x: Float64Array, g: readonly number[], lower: ArrayLike<number>, upper: ArrayLike<number>, fixed?: readonly boolean[]): boolean[] {
  return Array.from(x, (xi, i) => {
    if (fixed?.[i]) return false;
    const eps = 1e-12 * Math.max(1, Math.abs(xi));
    if (xi <= lower[i]! + eps && g[i]! > 0) return false;
    if (xi >= upper[i]! - eps && g[i]! < 0) return false;
    return true;
  });
}

/**
 * Minimises ½‖r(x)‖² from `x0` within [lower, upper] (x0 is clipped into the box first).
 * @param fixed parameters held at their start values (e.g. the profiled one of a profile likelihood).
 */
export function levenbergMarquardt(fns: LmFunctions, x0: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>,
  opts: LmOptions = {}, fixed?: readonly boolean[]): LmResult {
  const gtol = opts.gtol ?? 1e-8;
  const ftol = opts.ftol ?? 1e-10;
  const xtol = opts.xtol ?? 1e-10;
  const maxIterations = opts.maxIterations ?? 200;
  const p = x0.length;
  const clip = (v: number, i: number) => Math.min(upper[i]!, Math.max(lower[i]!, v));
  let x = Float64Array.from(x0, clip);
  let r = fns.residuals(x);
  if (!r || !Array.from(r).every(Number.isFinite)) {
    return { x, residuals: r ?? new Float64Array(0), ssr: Infinity, iterations: 0, gradientNorm: NaN, reason: 'failed-start', converged: false };
  }
  let ssr = sumSq(r);
  let jac = fns.jacobian(x, r);
  let { a, g } = normalEquations(jac, r);
  let lambda = -1;
  let nu = 2;
  let iterations = 0;
  let reason: StopReason = 'max-iterations';
  const projectedNorm = (free: boolean[]) => Math.max(0, ...g.map((gi, i) => (free[i] ? Math.abs(gi) : 0)));
  let free = activeFree(x, g, lower, upper, fixed);
  // The gradient test is relative to the size of the objective (scale-free in the weights), plus a floor.
  const gradOk = () => projectedNorm(free) <= gtol * Math.max(ssr, 1e-20);
  if (gradOk()) {
    return { x, residuals: r, ssr, iterations: 0, gradientNorm: projectedNorm(free), reason: 'gradient', converged: true };
  }
  while (iterations < maxIterations) {
    iterations++;
    const idx = free.flatMap((f, i) => (f ? [i] : []));
    if (idx.length === 0) { reason = 'gradient'; break; }
    const diag = idx.map((i) => Math.max(a[i]![i]!, 1e-300));
    if (lambda < 0) lambda = 1e-3 * Math.max(...diag);
    let accepted = false;
    // Inner loop: raise the damping until a step lowers the objective (or the damping is hopeless).
    for (let tries = 0; tries < 60; tries++) {
      const m = idx.map((i, u) => idx.map((j, v) => a[i]![j]! + (u === v ? lambda * diag[u]! : 0)));
      const step = choleskySolve(m, idx.map((i) => -g[i]!));
      if (!step) { lambda *= nu; nu *= 2; continue; }
      const xNew = Float64Array.from(x);
      idx.forEach((i, u) => { xNew[i] = clip(x[i]! + step[u]!, i); });
      const dx = Array.from(xNew, (v, i) => v - x[i]!);
      let stepNorm = 0;
      let xNorm = 0;
      for (let i = 0; i < p; i++) { stepNorm += dx[i]! * dx[i]!; xNorm += x[i]! * x[i]!; }
      stepNorm = Math.sqrt(stepNorm);
      xNorm = Math.sqrt(xNorm);
      if (stepNorm <= xtol * (xNorm + xtol)) { reason = 'step'; break; }
      // Predicted reduction of ½‖r‖² by the linear model: −(gᵀdx + ½ dxᵀ A dx).
      let gd = 0;
      let dad = 0;
      for (let i = 0; i < p; i++) {
        gd += g[i]! * dx[i]!;
        for (let j = 0; j < p; j++) dad += dx[i]! * a[i]![j]! * dx[j]!;
      }
      const predicted = -(gd + 0.5 * dad);
      const rNew = fns.residuals(xNew);
      const ssrNew = rNew && Array.from(rNew).every(Number.isFinite) ? sumSq(rNew) : Infinity;
      const actual = 0.5 * (ssr - ssrNew);
      const rho = predicted > 0 ? actual / predicted : -1;
      if (rho > 0 && ssrNew < ssr) {
        const small = ssr - ssrNew <= ftol * ssr;
        x = xNew;
        r = rNew!;
        ssr = ssrNew;
        lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
        nu = 2;
        accepted = true;
        if (small) reason = 'objective';
        break;
      }
      lambda *= nu;
      nu *= 2;
      if (!Number.isFinite(lambda) || lambda > 1e300) break;
    }
    if (reason === 'step') break;
    if (!accepted) { reason = 'no-progress'; break; }
    jac = fns.jacobian(x, r);
    ({ a, g } = normalEquations(jac, r));
    free = activeFree(x, g, lower, upper, fixed);
    if (fns.onIteration && fns.onIteration(iterations, ssr) === false) { reason = 'cancelled'; break; }
    if (reason === 'objective') break;
    if (gradOk()) { reason = 'gradient'; break; }
  }
  return {
    x, residuals: r, ssr, iterations, gradientNorm: projectedNorm(free), reason,
    converged: reason === 'gradient' || reason === 'objective' || reason === 'step',
  };
}
