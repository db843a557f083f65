/**
 * Steady states of dosing records (docs/dosing.md): the state a regimen repeated for ever has reached, in closed
 * form for a linear model (engine/linear-steady-state.ts), else by repeated intervals with Aitken's
 * extrapolation. Used by engine/records.ts for records with `ss` 1 or 2.
 */
import type { CompiledModel } from './model/compile';
import type { IntervalIntegrator, Piece, RunInput } from './records';
import { linearInfusionSteadyState, linearPeriodicSteadyState } from './linear-steady-state';

/** How a steady state was found: by integrating intervals until the state repeats, or in closed form. */
export type SteadyStateMethod = 'repeated-intervals' | 'linear-closed-form';

/** How steady states are computed: repeated dosing intervals until the state repeats to this tolerance. */
export const STEADY_STATE = {
  /**
   * Relative tolerance on the state at the dose time (with each state's absolute tolerance), or a tenth of the
   * integrator's relative tolerance when that is larger (a population's loose tolerances).
   */
  rtol: 1e-10,
  /** Largest number of dosing intervals integrated for one steady state. */
  maxIntervals: 2000,
  /**
   * The interval integrated again and again for a constant infusion to steady state (ii 0), hours. Any length
   * gives the same steady state; a day keeps the count small for the half-lives of hours to days seen here.
   */
  constantInfusionIntervalH: 24,
} as const;

/** What the steady states of a run took. */
export interface SteadyStateReport {
  /**
   * `linear-closed-form` when every record's steady state was solved in closed form (a linear model,
   * engine/linear-steady-state.ts), else `repeated-intervals` (each record says which it used).
   */
  readonly method: SteadyStateMethod;
  /** The tolerance of the repeated intervals (when used). */
  readonly rtol: number;
  /**
   * Per steady-state record, in processing order: its time, its method, the intervals integrated (0 in closed
   * form) and their length (the record's `ii`, or `STEADY_STATE.constantInfusionIntervalH` for a constant
   * infusion, when `constantInfusion`).
   */
  readonly records: readonly {
    readonly timeH: number; readonly method: SteadyStateMethod; readonly intervals: number; readonly intervalH: number; readonly constantInfusion?: true;
  }[];
}

/** A steady state found (or not: `diagnostic`). */
export interface SteadyStateFound {
  readonly trough: Float64Array;
  /** The number of earlier doses whose inputs reach past the record's time (periodic doses only). */
  readonly previous: number;
  readonly intervals: number;
  readonly method: SteadyStateMethod;
  readonly diagnostic?: string;
}

/**
 * The state just before a dose at `t` of a regimen given every `iiH` hours for ever, from a reset: the dosing
 * interval [t − ii, t] is integrated again and again, each time with the inputs every earlier dose makes in it,
 * until the state at its end repeats to `rtol`. The convergence is geometric; once its ratio q
 * is steady, the remaining change (Δ·q/(1 − q)) is added at once (Aitken's extrapolation), and the check
 * continues from there, so that slowly equilibrating states do not take thousands of intervals.
 * @returns the state, the number of earlier doses whose inputs reach past `t`, and the intervals integrated.
 */
export function periodicSteadyState(pieces: readonly Piece[], iiH: number, t: number, compiled: CompiledModel, atol: readonly number[],
  integrateInterval: IntervalIntegrator, readStates: readonly boolean[] | undefined, rtol: number, linear = false): SteadyStateFound {
  const reach = Math.max(0, ...pieces.map((p) => (p.rate === undefined ? p.atH : p.endH!)));
  const previous = Math.floor(reach / iiH);
  const from = t - iiH;
  // The inputs in [t − ii, t) of the doses at t − ii, t − 2ii, …, t − (previous + 1)·ii.
  const raw: { timeH: number; state: number; amount: number; rate?: number; end?: boolean }[] = [];
  for (let m = 1; m <= previous + 1; m++) {
    const t0 = t - m * iiH;
    for (const p of pieces) {
      if (p.rate === undefined) {
        const at = t0 + p.atH;
        if (at >= from && at < t) raw.push({ timeH: at, state: p.state, amount: p.amount });
      } else {
        const a = Math.max(t0 + p.atH, from);
        const b = Math.min(t0 + p.endH!, t);
        if (b > a) { raw.push({ timeH: a, state: p.state, amount: 0, rate: p.rate }); if (b < t) raw.push({ timeH: b, state: p.state, amount: 0, rate: p.rate, end: true }); }
      }
    }
  }
  raw.sort((a, b) => a.timeH - b.timeH);
  const inputs: RunInput[] = [];
  const rates = new Float64Array(compiled.n);
  for (const r of raw) {
    if (r.rate === undefined) { inputs.push({ timeH: r.timeH, state: r.state, amount: r.amount }); continue; }
    rates[r.state]! += r.end ? -r.rate : r.rate;
    inputs.push({ timeH: r.timeH, state: -1, amount: 0, op: { kind: 'rates', rates: rates.some((v) => Math.abs(v) > 1e-300) ? Float64Array.from(rates) : undefined } });
  }
  const closed = linear ? linearPeriodicSteadyState(inputs, from, t, compiled, readStates) : undefined;
  if (closed) return { trough: closed, previous, intervals: 0, method: 'linear-closed-form' };
  const found = iterate(inputs, from, t, compiled, atol, integrateInterval, readStates, rtol, `dosing intervals of ${iiH} h`);
  return { ...found, previous };
}

/**
 * The state a constant zero-order input (`rates`, amount/h per state) running for ever has reached, from a
 * reset (NONMEM's constant infusion to steady state: AMT 0, RATE > 0, SS 1 or 2, II 0): intervals of
 * `STEADY_STATE.constantInfusionIntervalH` hours under the input are integrated until the state repeats, with
 * the same test and extrapolation as `periodicSteadyState`.
 */
export function infusionSteadyState(rates: Float64Array, t: number, compiled: CompiledModel, atol: readonly number[],
  integrateInterval: IntervalIntegrator, readStates: readonly boolean[] | undefined, rtol: number, linear = false): SteadyStateFound {
  const closed = linear ? linearInfusionSteadyState(rates, compiled, readStates) : undefined;
  if (closed) return { trough: closed, previous: 0, intervals: 0, method: 'linear-closed-form' };
  const L = STEADY_STATE.constantInfusionIntervalH;
  const inputs: RunInput[] = [{ timeH: t - L, state: -1, amount: 0, op: { kind: 'rates', rates } }];
  return { ...iterate(inputs, t - L, t, compiled, atol, integrateInterval, readStates, rtol, `intervals of ${L} h of a constant infusion`), previous: 0 };
}

/** Integrates [from, t] with `inputs` from the initial state again and again until the state at t repeats. */
function iterate(inputs: readonly RunInput[], from: number, t: number, compiled: CompiledModel, atol: readonly number[],
  integrateInterval: IntervalIntegrator, readStates: readonly boolean[] | undefined, rtol: number, what: string): Omit<SteadyStateFound, 'previous'> {
  const method = 'repeated-intervals' as const;
  const y = Float64Array.from(compiled.y0);
  let prevDelta = Float64Array.from(y).fill(NaN);
  let prevRatio = NaN;
  const delta = new Float64Array(compiled.n);
  for (let k = 1; k <= STEADY_STATE.maxIntervals; k++) {
    const before = Float64Array.from(y);
    const failed = integrateInterval(compiled, inputs, y, from, t);
    if (failed) return { trough: y, intervals: k, method, diagnostic: `steady state at ${t} h: ${failed}` };
    let err = 0;
    let num = 0;
    let den = 0;
    for (let i = 0; i < y.length; i++) {
      delta[i] = y[i]! - before[i]!;
      if (readStates?.[i] === false) { delta[i] = 0; continue; }
      err = Math.max(err, Math.abs(delta[i]!) / (atol[i]! + rtol * Math.abs(y[i]!)));
      if (Number.isFinite(prevDelta[i]!)) { num += delta[i]! * prevDelta[i]!; den += prevDelta[i]! * prevDelta[i]!; }
    }
    const ratio = den > 0 ? num / den : NaN; // least-squares q of delta ≈ q · previous delta
    const q = Number.isFinite(ratio) ? Math.min(Math.max(ratio, 0), 0.999999) : 0;
    if (err * (1 + q / (1 - q)) <= 1) return { trough: y, intervals: k, method };
    if (q > 0.5 && Math.abs(ratio - prevRatio) < 1e-3 * ratio) {
      for (let i = 0; i < y.length; i++) y[i]! += delta[i]! * q / (1 - q);
      prevDelta = Float64Array.from(y).fill(NaN);
      prevRatio = NaN;
      continue;
    }
    prevDelta = Float64Array.from(delta);
    prevRatio = ratio;
  }
  return {
    trough: y, intervals: STEADY_STATE.maxIntervals, method,
    diagnostic: `steady state at ${t} h: the state still changed after ${STEADY_STATE.maxIntervals} ${what} (relative tolerance ${rtol})`,
  };
}
