import { Solver, Outcome } from 'odex';
import type { Dopri5Dense, Dopri5Interpolate, Dopri5Stages } from './dopri5';

/** dy/dt = f(t, y), written into `dydt`. */
export type Rhs = (tH: number, y: ArrayLike<number>, dydt: Float64Array) => void;

/** Options of one integration segment. */
export interface SegmentOptions {
  readonly rtol: number;
  /** Absolute tolerance per state. */
  readonly atol: readonly number[];
  readonly maxSteps: number;
  /**
   * Indices of states that must stay ≥ 0 (`StateSpec.nonNegative`): an integrator that can projects each
   * accepted step's negative values onto 0; the caller projects samples and segment ends in any case.
   */
  readonly nonNegative?: readonly number[];
}

/** What happened in one segment. */
export interface SegmentResult {
  /** State at the segment's end (or where the integrator stopped). */
  readonly y: Float64Array;
  /**
   * `ok`; `max-steps` when the step limit was hit, or `step-too-small` when the step shrank to rounding level
   * (the model may be stiff there, or produce non-finite values): later samples are missing.
   */
  readonly outcome: 'ok' | 'max-steps' | 'step-too-small';
  /** Time reached, hours. */
  readonly reachedH: number;
  readonly steps: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly evaluations: number;
}

/**
 * Model-specific code an integrator may run instead of calling `rhs` (a model compiled to generated code brings
 * it; engine/model/compile.ts). It must give the same numbers as `rhs`: it only saves the calls and loops.
 */
export interface ModelKernels {
  /** One dopri5 step's stages and error norm, with the right-hand side written out (engine/dopri5-kernel.ts). */
  readonly dopri5Stages?: Dopri5Stages;
  /** dopri5's dense-output coefficients and interpolation, written out for the model's state count. */
  readonly dopri5Dense?: Dopri5Dense;
  readonly dopri5Interpolate?: Dopri5Interpolate;
}

/**
 * Our integrator interface (odex's shape): integrate from `t0H` to `t1H` and report the state at each of
 * `sampleH` (sorted, inside [t0H, t1H]) through `onSample`. A stiff method can be swapped in behind it.
 * `kernels` are optional faster code for `rhs`; an integrator that has no use for them ignores them.
 */
export interface Integrator {
  solve(n: number, rhs: Rhs, t0H: number, y0: ArrayLike<number>, t1H: number, sampleH: ArrayLike<number>,
    onSample: (index: number, y: Float64Array) => void, opts: SegmentOptions, kernels?: ModelKernels): SegmentResult;
}

/**
 * ODEX (Hairer & Wanner's extrapolation method, via odex) with dense output: samples are interpolated at the
 * exact grid times rather than by accumulating `t += dt` (odex's `grid()` can drop the last point).
 */
export const odexIntegrator: Integrator = {
  solve(n, rhs, t0H, y0, t1H, sampleH, onSample, opts) {
    const solver = new Solver(n);
    solver.denseOutput = true;
    solver.relativeTolerance = opts.rtol;
    solver.absoluteTolerance = [...opts.atol];
    solver.maxSteps = opts.maxSteps;
    const dydt = new Float64Array(n);
    // odex copies the returned values at once, so one array serves every call (Array.from on a typed array
    // was the single most expensive line of a run in a profile).
    const out = new Array<number>(n).fill(0);
    const f = (t: number, y: number[]): number[] => {
      rhs(t, y, dydt);
      for (let i = 0; i < n; i++) out[i] = dydt[i]!;
      return out;
    };
    const ySample = new Float64Array(n);
    let next = 0; // index into sampleH of the next time to report
    const total = sampleH.length;
    let reachedH = t0H;
    let last = Float64Array.from(y0);
    const observer = (_nr: number, xOld: number, x: number, y: number[], dense?: (c: number, x: number) => number) => {
      reachedH = x;
      last = Float64Array.from(y);
      while (next < total && sampleH[next]! <= x) {
        const ts = sampleH[next]!;
        if (ts === x || !dense || ts < xOld) {
          for (let i = 0; i < n; i++) ySample[i] = y[i]!;
        } else {
          for (let i = 0; i < n; i++) ySample[i] = dense(i, ts);
        }
        onSample(next, ySample);
        next++;
      }
    };
    if (t1H <= t0H) {
      // A zero-length segment (two events at one time): only report the start.
      observer(1, t0H, t0H, Array.from(y0));
      return { y: Float64Array.from(y0), outcome: 'ok', reachedH: t0H, steps: 0, accepted: 0, rejected: 0, evaluations: 0 };
    }
    const res = solver.solve(f, t0H, Array.from(y0), t1H, observer);
    if (res.outcome === Outcome.MaxStepsExceeded) {
      return { y: last, outcome: 'max-steps', reachedH, steps: res.nStep, accepted: res.nAccept, rejected: res.nReject, evaluations: res.nEval };
    }
    // odex ends at t1H up to rounding (x + h may differ from xEnd in the last ulp): report any sample left at
    // the very end from the final state.
    const yEnd = Float64Array.from(res.y);
    while (next < total && sampleH[next]! <= t1H) {
      onSample(next, yEnd);
      next++;
    }
    return { y: yEnd, outcome: 'ok', reachedH: t1H, steps: res.nStep, accepted: res.nAccept, rejected: res.nReject, evaluations: res.nEval };
  },
};
