import type { Integrator, ModelKernels, Rhs, SegmentResult } from './integrate';
import {
  A21, A31, A32, A41, A42, A43, A51, A52, A53, A54, A61, A62, A63, A64, A65, A71, A73, A74, A75, A76,
  C2, C3, C4, C5, D1, D3, D4, D5, D6, D7, E1, E3, E4, E5, E6, E7,
} from './dopri5-coefficients';

/** The work arrays of dopri5, by state count, reused across segments. */
export interface Dopri5Work {
  readonly k1: Float64Array; readonly k2: Float64Array; readonly k3: Float64Array; readonly k4: Float64Array;
  readonly k5: Float64Array; readonly k6: Float64Array; readonly k7: Float64Array;
  readonly yt: Float64Array; readonly ynew: Float64Array;
  readonly r1: Float64Array; readonly r2: Float64Array; readonly r3: Float64Array; readonly r4: Float64Array;
  readonly r5: Float64Array; readonly ys: Float64Array;
  /**
   * The step's numbers for `Dopri5Stages`: [t, h, tph, rtol] in, the error norm out at `ERR`; and the
   * fraction of the step at a sample for `Dopri5Interpolate` (`THETA`). Doubles passed to
   * or returned from a function V8 does not inline are boxed as new heap numbers: four per step were a tenth of
   * a population's time in garbage collection.
   */
  readonly scalars: Float64Array;
}

/** Indexes into `Dopri5Work.scalars`. */
export const T = 0, H = 1, TPH = 2, RTOL = 3, ERR = 4, THETA = 5;

/**
 * The stages of one dopri5 step from (t, y) with step h, the first stage (`w.k1`, f(t, y)) given: writes `w.k3`
 * to `w.k7` (what the error, the dense output and the next step need; `w.k2` only if the code needs it for
 * itself) and the new state `w.ynew`, evaluated at `tph` (t + h, or the segment end on its last step), and
 * the error norm: the RMS over states of (5th − 4th order difference) / (atol + rtol·max(|y|, |ynew|)).
 * t, h, tph and rtol are read from `w.scalars`, and the error norm written there (`T`, `H`, `TPH`, `RTOL`, `ERR`).
 * `genericDopri5Stages` calls `rhs` six times; a model compiled to generated code brings its own, with the
 * right-hand side written out in each stage (engine/dopri5-kernel.ts), which does the same operations.
 */
export type Dopri5Stages = (y: Float64Array, w: Dopri5Work, atol: readonly number[], rhs: Rhs) => void;

/**
 * Hairer's dense-output coefficients of an accepted step (`w.r1` … `w.r5`) from y, `w.ynew`, the stages and h
 * (`w.scalars[H]`): the state anywhere inside the step is then a 4th-degree polynomial (`Dopri5Interpolate`).
 */
export type Dopri5Dense = (y: Float64Array, w: Dopri5Work) => void;

/** The state at fraction θ = `w.scalars[THETA]` of the step into `w.ys`, from the dense-output coefficients. */
export type Dopri5Interpolate = (w: Dopri5Work) => void;

/** `Dopri5Dense` for any state count. */
export function genericDopri5Dense(y: Float64Array, w: Dopri5Work): void {
  const n = y.length;
  const { k1, k3, k4, k5, k6, k7, ynew, r1, r2, r3, r4, r5, scalars } = w;
  const h = scalars[H]!;
  for (let i = 0; i < n; i++) {
    const ydiff = ynew[i]! - y[i]!;
    const bspl = h * k1[i]! - ydiff;
    r1[i] = y[i]!;
    r2[i] = ydiff;
    r3[i] = bspl;
    r4[i] = ydiff - h * k7[i]! - bspl;
    r5[i] = h * (D1 * k1[i]! + D3 * k3[i]! + D4 * k4[i]! + D5 * k5[i]! + D6 * k6[i]! + D7 * k7[i]!);
  }
}

/** `Dopri5Interpolate` for any state count. */
export function genericDopri5Interpolate(w: Dopri5Work): void {
  const { r1, r2, r3, r4, r5, ys, scalars } = w;
  const n = ys.length;
  const th = scalars[THETA]!;
  const th1 = 1 - th;
  for (let i = 0; i < n; i++) ys[i] = r1[i]! + th * (r2[i]! + th1 * (r3[i]! + th * (r4[i]! + th1 * r5[i]!)));
}

/** `Dopri5Stages` for any `rhs`: the tableau's loops over the states. */
export function genericDopri5Stages(y: Float64Array, w: Dopri5Work, atol: readonly number[], rhs: Rhs): void {
  const n = y.length;
  const { k1, k2, k3, k4, k5, k6, k7, yt, ynew, scalars } = w;
  const t = scalars[T]!, h = scalars[H]!, tph = scalars[TPH]!, rtol = scalars[RTOL]!;
  for (let i = 0; i < n; i++) yt[i] = y[i]! + h * (A21 * k1[i]!);
  rhs(t + C2 * h, yt, k2);
  for (let i = 0; i < n; i++) yt[i] = y[i]! + h * (A31 * k1[i]! + A32 * k2[i]!);
  rhs(t + C3 * h, yt, k3);
  for (let i = 0; i < n; i++) yt[i] = y[i]! + h * (A41 * k1[i]! + A42 * k2[i]! + A43 * k3[i]!);
  rhs(t + C4 * h, yt, k4);
  for (let i = 0; i < n; i++) yt[i] = y[i]! + h * (A51 * k1[i]! + A52 * k2[i]! + A53 * k3[i]! + A54 * k4[i]!);
  rhs(t + C5 * h, yt, k5);
  for (let i = 0; i < n; i++) yt[i] = y[i]! + h * (A61 * k1[i]! + A62 * k2[i]! + A63 * k3[i]! + A64 * k4[i]! + A65 * k5[i]!);
  rhs(tph, yt, k6);
  for (let i = 0; i < n; i++) ynew[i] = y[i]! + h * (A71 * k1[i]! + A73 * k3[i]! + A74 * k4[i]! + A75 * k5[i]! + A76 * k6[i]!);
  rhs(tph, ynew, k7);
  let err = 0;
  for (let i = 0; i < n; i++) {
    const e = h * (E1 * k1[i]! + E3 * k3[i]! + E4 * k4[i]! + E5 * k5[i]! + E6 * k6[i]! + E7 * k7[i]!);
    const sk = atol[i]! + rtol * Math.max(Math.abs(y[i]!), Math.abs(ynew[i]!));
    const q = e / sk;
    err += q * q;
  }
  scalars[ERR] = Math.sqrt(err / n);
}

/**
 * Dormand–Prince 5(4) with Hairer's step-size control (PI, β = 0.04) and 4th-order dense output
 * (Hairer, Nørsett & Wanner, *Solving ODEs I*, 2nd ed., §II.5 and §II.6; the coefficients of DOPRI5's
 * `contd5`). Allocation-free inside a segment: it exists for the population engine, where thousands of
 * non-stiff runs at moderate tolerances (rtol ~1e-6) must be cheap; `odexIntegrator` remains the default for
 * single runs at tight tolerances. With `kernels` (generated per model, engine/dopri5-kernel.ts) a step's
 * stages run as one straight-line function instead of six calls of `rhs` and their loops, and the dense output
 * without loops: the same numbers, about a third less time per population subject.
 *
 * It is an explicit method: on a stiff model it needs many small steps and may hit `maxSteps`, which is then
 * reported (`outcome: 'max-steps'`) like odex's, never a silently truncated curve.
 */
export const dopri5Integrator: Integrator = {
  solve(n, rhs, t0H, y0, t1H, sampleH, onSample, opts, kernels?: ModelKernels): SegmentResult {
    const y = new Float64Array(y0); // not Float64Array.from: its iterator protocol cost 1.7 µs per segment, twice this
    const total = sampleH.length;
    let next = 0;
    // Samples at (or before) the start get the start state.
    while (next < total && sampleH[next]! <= t0H) { onSample(next, y); next++; }
    if (t1H <= t0H) return { y, outcome: 'ok', reachedH: t0H, steps: 0, accepted: 0, rejected: 0, evaluations: 0 };

    const { rtol, atol, maxSteps } = opts;
    const w = workspace(n);
    const { k1, k2, yt, ynew, k7, ys, scalars } = w;
    const stages = kernels?.dopri5Stages ?? genericDopri5Stages;
    const denseCoefficients = kernels?.dopri5Dense ?? genericDopri5Dense;
    const interpolate = kernels?.dopri5Interpolate ?? genericDopri5Interpolate;
    let evaluations = 0;
    let t = t0H;
    rhs(t, y, k1); evaluations++;

    // Initial step (Hairer's HINIT).
    const span = t1H - t0H;
    let h: number;
    {
      let dnf = 0, dny = 0;
      for (let i = 0; i < n; i++) {
        const sk = atol[i]! + rtol * Math.abs(y[i]!);
        const a = k1[i]! / sk, b = y[i]! / sk;
        dnf += a * a; dny += b * b;
      }
      h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
      h = Math.min(h, span);
      for (let i = 0; i < n; i++) yt[i] = y[i]! + h * k1[i]!;
      rhs(t + h, yt, k2); evaluations++;
      let der2 = 0;
      for (let i = 0; i < n; i++) {
        const sk = atol[i]! + rtol * Math.abs(y[i]!);
        const d = (k2[i]! - k1[i]!) / sk;
        der2 += d * d;
      }
      der2 = Math.sqrt(der2) / h;
      const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
      const h1 = der12 <= 1e-15 ? Math.max(1e-6, Math.abs(h) * 1e-3) : (0.01 / der12) ** 0.2;
      h = Math.min(100 * Math.abs(h), h1, span);
    }

    // Hairer's PI control divides by facold^β, facold = max(err, 1e-4) of the last accepted step. Powers are
    // taken as exp(x·log err) from one log per step: Math.pow cost ~45 ns, two per step were 8% of a population.
    let facoldBeta = FACOLD_MIN_BETA;
    let steps = 0, accepted = 0, rejected = 0;
    let lastRejected = false;
    const uround = 2.3e-16;
    while (t < t1H) {
      if (steps >= maxSteps) {
        return { y, outcome: 'max-steps', reachedH: t, steps, accepted, rejected, evaluations };
      }
      if (0.1 * Math.abs(h) <= Math.abs(t) * uround) {
        return { y, outcome: 'max-steps', reachedH: t, steps, accepted, rejected, evaluations };
      }
      const last = t + 1.01 * h >= t1H;
      if (last) h = t1H - t;
      steps++;
      const tph = last ? t1H : t + h;
      scalars[T] = t; scalars[H] = h; scalars[TPH] = tph; scalars[RTOL] = rtol;
      stages(y, w, atol, rhs);
      const err = scalars[ERR]!;
      evaluations += 6;
      if (!Number.isFinite(err)) {
        // Non-finite states: let the caller see them (simulate() reports non-finite values).
        for (let i = 0; i < n; i++) y[i] = ynew[i]!;
        return { y, outcome: 'ok', reachedH: tph, steps, accepted, rejected, evaluations };
      }
      const logErr = Math.log(err);
      const fac11 = Math.exp(EXPO1 * logErr);
      let fac = fac11 / facoldBeta;
      fac = Math.max(FACC2, Math.min(FACC1, fac / SAFE));
      let hnew = h / fac;
      if (err <= 1) {
        accepted++;
        facoldBeta = err > 1e-4 ? Math.exp(BETA * logErr) : FACOLD_MIN_BETA;
        let dense = false; // dense output coefficients for [t, t + h], made for the first sample inside the step
        while (next < total && sampleH[next]! <= tph) {
          const ts = sampleH[next]!;
          // One call of onSample for both cases: a call site first reached after V8 optimised this function
          // (the dense branch, on some models) cost a deoptimisation and a recompile.
          let at = ynew;
          if (ts !== tph) {
            if (!dense) {
              denseCoefficients(y, w); // h is still scalars[H]
              dense = true;
            }
            scalars[THETA] = (ts - t) / h;
            interpolate(w);
            at = ys;
          }
          onSample(next, at);
          next++;
        }
        for (let i = 0; i < n; i++) { y[i] = ynew[i]!; k1[i] = k7[i]!; } // FSAL
        // Non-negative states: project the accepted step's result (its error is already within the tolerances).
        if (opts.nonNegative) for (const i of opts.nonNegative) if (y[i]! < 0) y[i] = 0;
        t = tph;
        if (lastRejected) hnew = Math.min(Math.abs(hnew), Math.abs(h));
        lastRejected = false;
        h = hnew;
      } else {
        rejected++;
        hnew = h / Math.min(FACC1, fac11 / SAFE);
        lastRejected = true;
        h = hnew;
      }
    }
    return { y, outcome: 'ok', reachedH: t, steps, accepted, rejected, evaluations };
  },
};

/** Work arrays by state count, reused across segments (a population run has tens of thousands of segments). */
const workspaces = new Map<number, Dopri5Work>();
function workspace(n: number): Dopri5Work {
  let w = workspaces.get(n);
  if (!w) {
    const a = () => new Float64Array(n);
    w = { k1: a(), k2: a(), k3: a(), k4: a(), k5: a(), k6: a(), k7: a(), yt: a(), ynew: a(), r1: a(), r2: a(), r3: a(), r4: a(), r5: a(), ys: a(), scalars: new Float64Array(6) };
    workspaces.set(n, w);
  }
  return w;
}

// Step-size control (Hairer's defaults): safety 0.9, step ratio in [0.2, 10], PI exponent β = 0.04.
const SAFE = 0.9, BETA = 0.04, EXPO1 = 0.2 - BETA * 0.75, FACC1 = 1 / 0.2, FACC2 = 1 / 10;
const FACOLD_MIN_BETA = Math.exp(BETA * Math.log(1e-4));
