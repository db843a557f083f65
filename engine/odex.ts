/**
 * The odex integrator (`solver.method: 'odex'`), in a file of its own so that the simulation worker loads the
 * odex package only when a request names it (engine/features.ts).
 */
import { Solver, Outcome } from 'odex';
import type { Integrator } from './integrate';

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
