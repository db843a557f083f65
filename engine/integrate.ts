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

/** ODEX via the odex package (engine/odex.ts), here as before so that `engine/integrate` keeps exporting it. */
export { odexIntegrator } from './odex';
