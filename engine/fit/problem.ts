/**
 * A fitting problem: a model, groups of observations each with its dosing scenario, and the parameters to
 * estimate. Turns a vector of (transformed) parameters into predictions and weighted residuals, and gives the
 * finite-difference Jacobian with steps chosen from the integrator's tolerance.
 *
 * Parameters are estimated within their physical bounds (engine/model/bounds.ts), not their typical `range`:
 * those whose every admissible value is > 0 on the log scale (x = ln θ), the others on their own scale
 * (`estimationBounds`). The typical range is where the random starts are drawn (`FitProblem.startLower/Upper`).
 */
import { parameterBounds as physicalBounds } from '../model/bounds';
import { modelCompiler, type ModelCompiler } from '../model/compile';
import type { PreparedModel } from '../model/load';
import type { ParameterSpec } from '../model/types';
import { createRunner, DEFAULT_SOLVER, planRun, resolveParameters, runInputs, type RunPlan, type Runner, type SimulationRequest } from '../simulate';
import type { Observation } from './observations';
import { windowMetric } from './window-metric';

/** Error model: `additive` (residual = (pred − obs) / sd) or `proportional` (residual = (ln pred − ln obs) / sd_log). */
export type ErrorModel = 'additive' | 'proportional';

/** One group: a name and the dosing scenario its observations were made under (`endH`/`stepH` are ignored). */
export interface FitGroup {
  readonly name: string;
  readonly request: SimulationRequest;
}

/** Default grid step inside the window of a summary row (`max:COLUMN` etc.), hours: 1.2 min. */
export const DEFAULT_METRIC_STEP_H = 0.02;

/** What to fit. Plain data: it crosses to a worker unchanged. */
export interface FitProblemSpec {
  readonly groups: readonly FitGroup[];
  readonly observations: readonly Observation[];
  /** Names of the parameters to estimate. */
  readonly estimate: readonly string[];
  /** Default `additive`. */
  readonly error?: ErrorModel;
  /** Grid step inside summary windows, hours (default `DEFAULT_METRIC_STEP_H`). */
  readonly metricStepH?: number;
}

/**
 * How far inside an open (exclusive) bound the estimation box ends: relative 1e-9 (on the log scale, ln θ moves
 * by 1e-9), so the estimate never takes the excluded value itself.
 */
const OPEN_MARGIN = 1e-9;

/** Where and on which scale a parameter is estimated: its physical bounds, and `log` when every admissible value is > 0. */
export interface EstimationBounds {
  /** The physical bounds (−∞/∞ where a side is open-ended). */
  readonly lower: number;
  readonly upper: number;
  /** True where the bound itself is excluded (e.g. `> 0`). */
  readonly lowerOpen: boolean;
  readonly upperOpen: boolean;
  readonly scale: 'log' | 'linear';
}

/**
 * The physical bounds a parameter is estimated within, and its scale: `log` when its lower bound is > 0 or an
 * excluded 0 (a clearance, a `(0, 1]` fraction), `linear` otherwise (a `[0, 1]` fraction that may be 0, a
 * lag `≥ 0`, an unbounded parameter).
 */
export function estimationBounds(p: ParameterSpec): EstimationBounds {
  const b = physicalBounds(p);
  const lower = b.minimum ?? b.exclusiveMinimum ?? -Infinity;
  const upper = b.maximum ?? b.exclusiveMaximum ?? Infinity;
  const lowerOpen = b.minimum === undefined && b.exclusiveMinimum !== undefined;
  const upperOpen = b.maximum === undefined && b.exclusiveMaximum !== undefined;
  const scale = lower > 0 || (lower === 0 && lowerOpen) ? 'log' : 'linear';
  return { lower, upper, lowerOpen, upperOpen, scale };
}

/**
 * True when a parameter can be estimated: not a fixed constant (a typical range that is a single value, e.g. a
 * molar mass) and physical bounds wider than a point.
 */
export function isEstimable(p: ParameterSpec): boolean {
  const b = estimationBounds(p);
  return !(p.range && p.range[0] === p.range[1]) && b.upper > b.lower;
}

/** An estimated parameter: its bounds and scale. */
export interface FitParameter {
  readonly name: string;
  readonly unit: string;
  /** Index in the model's parameters. */
  readonly index: number;
  /** Physical bounds (`estimationBounds`). */
  readonly lower: number;
  readonly upper: number;
  readonly lowerOpen: boolean;
  readonly upperOpen: boolean;
  /** `log`: estimated as ln θ (every admissible value > 0); `linear` otherwise. */
  readonly scale: 'log' | 'linear';
  /** The typical range (where random starts are drawn), if the model gives one. */
  readonly range?: readonly [number, number];
}

interface GroupPlan {
  readonly name: string;
  readonly plan: RunPlan;
  readonly runner: Runner;
  readonly base: Float64Array;
  /** Sample times' values per needed output column: outputs[k][i]. */
  readonly outputIndex: readonly number[];
}

/** Where one observation's prediction comes from. */
interface ObsPlan {
  readonly group: number;
  /** Slot in the group's `outputIndex`. */
  readonly slot: number;
  /** Sample index range [from, to] (a value at one time: from = to). */
  readonly from: number;
  readonly to: number;
  readonly weight: number;
  readonly censoredAt?: number;
}

/** Predictions and weighted residuals at one parameter vector. */
export interface Evaluation {
  readonly predictions: Float64Array;
  readonly residuals: Float64Array;
}

/** A prepared fitting problem (in this thread). */
export interface FitProblem {
  readonly model: PreparedModel;
  readonly spec: FitProblemSpec;
  readonly error: ErrorModel;
  readonly parameters: readonly FitParameter[];
  /** Transformed physical bounds (ln of the bounds for log-scale parameters; just inside an open bound). */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /**
   * Transformed box of the random starts: the typical range within the bounds; without a range, a factor 10 (log
   * scale) or ±max(1, |start|) around the start, within the bounds.
   */
  readonly startLower: Float64Array;
  readonly startUpper: Float64Array;
  /** The start: the parameters' values in the first group's scenario, transformed. */
  readonly x0: Float64Array;
  /** The same values untransformed. */
  readonly startValues: Float64Array;
  /** Finite-difference steps, on the transformed scale, for forward and central differences. */
  readonly forwardStep: number;
  readonly centralStep: number;
  toValue(k: number, x: number): number;
  fromValue(k: number, v: number): number;
  evaluate(x: ArrayLike<number>): Evaluation | null;
  /** Model evaluations so far (one per group and parameter vector). */
  readonly evaluations: number;
  /** Jacobian columns of the residuals at x (forward or central differences), within the bounds. */
  jacobian(x: Float64Array, r: Float64Array, central: boolean, fixed?: readonly boolean[]): Float64Array[];
}

/** Width of a linear-scale parameter's typical range, else of its bounds, else 1 (the scale of its Jacobian step). */
function rangeWidth(p: FitParameter): number {
  if (p.range && p.range[1] > p.range[0]) return p.range[1] - p.range[0];
  return Number.isFinite(p.upper - p.lower) ? p.upper - p.lower : 1;
}

/** Weight (the sd of the residual's numerator) of an observation under an error model. */
function weightOf(o: Observation, error: ErrorModel, where: string): number {
  const ref = o.lloq !== undefined && o.value < o.lloq ? o.lloq : o.value;
  if (error === 'additive') {
    if (o.sd !== undefined) return o.sd;
    if (o.cv !== undefined) {
      if (ref === 0) throw new RangeError(`${where}, column cv: a cv weights a value ≠ 0 (sd = cv × |value|); give sd instead`);
      return o.cv * Math.abs(ref);
    }
    return 1;
  }
  if (!(ref > 0)) throw new RangeError(`${where}, column value: expected a value > 0 with --error proportional (log residuals), got ${o.value}`);
  if (o.cv !== undefined) return Math.sqrt(Math.log(1 + o.cv * o.cv));
  if (o.sd !== undefined) return Math.sqrt(Math.log(1 + (o.sd / ref) ** 2));
  return 1;
}

/**
 * Prepares a problem: checks the names (estimated parameters, output columns), resolves each group's scenario
 * and plans the sample times (every observation time, and a grid inside every summary window).
 * @throws RangeError naming what is wrong (a parameter, an observation's line and column).
 */
export function prepareFitProblem(model: PreparedModel, spec: FitProblemSpec, source = 'observations'): FitProblem {
  const error = spec.error ?? 'additive';
  if (error !== 'additive' && error !== 'proportional') throw new RangeError(`error: expected additive or proportional, got ${JSON.stringify(error)}`);
  const ps = model.spec.parameters;
  if (spec.estimate.length === 0) throw new RangeError('estimate: expected at least one parameter to estimate');
  const parameters: FitParameter[] = spec.estimate.map((name) => {
    const index = ps.findIndex((p) => p.name === name);
    if (index < 0) throw new RangeError(`estimate ${name}: model "${model.spec.id}" has no such parameter; valid: ${ps.map((p) => p.name).join(', ')}`);
    if (spec.estimate.indexOf(name) !== spec.estimate.lastIndexOf(name)) throw new RangeError(`estimate ${name}: named twice`);
    const p = ps[index]!;
    if (p.range && p.range[0] === p.range[1]) {
      throw new RangeError(`estimate ${name}: its range [${p.range[0]}, ${p.range[1]}] ${p.unit} is a single value (a fixed constant); it cannot be estimated`);
    }
    const b = estimationBounds(p);
    if (!(b.upper > b.lower)) throw new RangeError(`estimate ${name}: its bounds [${b.lower}, ${b.upper}] ${p.unit} are a single value; it cannot be estimated`);
    return { name, unit: p.unit, index, ...b, ...(p.range ? { range: p.range } : {}) };
  });
  const toValue = (k: number, x: number) => (parameters[k]!.scale === 'log' ? Math.exp(x) : x);
  const fromValue = (k: number, v: number) => (parameters[k]!.scale === 'log' ? Math.log(v) : v);
  // Transformed bounds, just inside an open side (an open 0 on the log scale is −∞: any positive value).
  const inward = (k: number, v: number, open: boolean, dir: 1 | -1) => {
    if (!Number.isFinite(v)) return v;
    if (parameters[k]!.scale === 'log') return v > 0 ? Math.log(v) + (open ? dir * OPEN_MARGIN : 0) : -Infinity;
    return open ? v + dir * OPEN_MARGIN * Math.max(1, Math.abs(v)) : v;
  };
  const lower = Float64Array.from(parameters, (p, k) => inward(k, p.lower, p.lowerOpen, 1));
  const upper = Float64Array.from(parameters, (p, k) => inward(k, p.upper, p.upperOpen, -1));
  if (spec.groups.length === 0) throw new RangeError('groups: expected at least one group with its scenario');
  const metricStepH = spec.metricStepH ?? DEFAULT_METRIC_STEP_H;
  if (!(metricStepH > 0)) throw new RangeError(`metricStepH: expected a step > 0 h, got ${metricStepH}`);

  const outNames = model.spec.outputs.map((o) => o.name);
  const groupIndex = new Map(spec.groups.map((g, i) => [g.name, i]));
  const where = (o: Observation) => `${source} line ${o.line}`;
  // Sample times per group.
  const times: number[][] = spec.groups.map(() => []);
  for (const o of spec.observations) {
    const gi = groupIndex.get(o.group);
    if (gi === undefined) throw new RangeError(`${where(o)}, column group: no scenario for group ${JSON.stringify(o.group)}`);
    if (!outNames.includes(o.column)) {
      throw new RangeError(`${where(o)}, column output: model "${model.spec.id}" has no output ${JSON.stringify(o.column)}; outputs: ${outNames.join(', ')}`);
    }
    const list = times[gi]!;
    if (o.metric === undefined) list.push(o.timeH);
    else {
      const n = Math.max(2, Math.ceil((o.timeH - o.fromH) / metricStepH - 1e-9));
      for (let i = 0; i <= n; i++) list.push(i === n ? o.timeH : o.fromH + ((o.timeH - o.fromH) * i) / n);
    }
  }
  const sampleTimes = times.map((list) => {
    const sorted = [...list].sort((a, b) => a - b);
    const out: number[] = [];
    for (const t of sorted) if (out.length === 0 || t - out[out.length - 1]! > 1e-9) out.push(t);
    return Float64Array.from(out);
  });
  const indexOf = (gi: number, t: number) => {
    const s = sampleTimes[gi]!;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (s[mid]! < t - 1e-9) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const needed: number[][] = spec.groups.map(() => []);
  const obsPlans: ObsPlan[] = spec.observations.map((o) => {
    const gi = groupIndex.get(o.group)!;
    const j = outNames.indexOf(o.column);
    if (!needed[gi]!.includes(j)) needed[gi]!.push(j);
    const censored = o.lloq !== undefined && o.value < o.lloq;
    return {
      group: gi, slot: needed[gi]!.indexOf(j),
      from: indexOf(gi, o.metric === undefined ? o.timeH : o.fromH), to: indexOf(gi, o.timeH),
      weight: weightOf(o, error, where(o)), ...(censored ? { censoredAt: o.lloq! } : {}),
    };
  });

  let evaluation: 'closures' | 'generated' = 'closures';
  let rtol: number = DEFAULT_SOLVER.rtol;
  const groups: (GroupPlan | null)[] = spec.groups.map((g, gi) => {
    const t = sampleTimes[gi]!;
    if (t.length === 0) return null; // a scenario nobody observed
    const endH = Math.max(t[t.length - 1]!, 1e-6);
    let plan: RunPlan;
    try {
      plan = planRun(model, { ...g.request, endH, stepH: endH });
    } catch (err) {
      throw new RangeError(`group ${JSON.stringify(g.name)}: ${(err as Error).message}`);
    }
    evaluation = plan.evaluation;
    rtol = plan.settings.rtol;
    plan = { ...plan, timeH: t, endH: t[t.length - 1]! };
    const { values } = resolveParameters(model, g.request.params, g.request.presets);
    return {
      name: g.name, plan, runner: createRunner(plan), base: Float64Array.from(ps, (p) => values[p.name]!),
      outputIndex: needed[gi]!,
    };
  });
  const compilerFor: ModelCompiler = modelCompiler(model, { evaluation });
  const first = groups.find((g) => g !== null)!;
  const startValues = Float64Array.from(parameters, (p) => first.base[p.index]!);
  const x0 = Float64Array.from(parameters, (p, k) => fromValue(k, startValues[k]!));
  // The random starts' box: the typical range (clipped into the bounds), else a neighbourhood of the start.
  const clip = (k: number, v: number) => Math.min(upper[k]!, Math.max(lower[k]!, v));
  const startLower = Float64Array.from(parameters, (p, k) => {
    if (p.range && (p.scale === 'linear' || p.range[0] > 0)) return clip(k, fromValue(k, p.range[0]));
    return clip(k, p.scale === 'log' ? x0[k]! - Math.LN10 : x0[k]! - Math.max(1, Math.abs(x0[k]!)));
  });
  const startUpper = Float64Array.from(parameters, (p, k) => {
    if (p.range && (p.scale === 'linear' || p.range[1] > 0)) return clip(k, fromValue(k, p.range[1]));
    return clip(k, p.scale === 'log' ? x0[k]! + Math.LN10 : x0[k]! + Math.max(1, Math.abs(x0[k]!)));
  });

  // Buffers: outputs per group and needed column.
  const columns = groups.map((g) => (g ? g.outputIndex.map(() => new Float64Array(g.plan.timeH.length)) : []));
  const nObs = spec.observations.length;
  let evaluations = 0;
  const values = new Float64Array(ps.length);
  const evaluate = (x: ArrayLike<number>): Evaluation | null => {
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      if (!g) continue;
      values.set(g.base);
      parameters.forEach((p, k) => { values[p.index] = toValue(k, x[k]!); });
      let compiled;
      try {
        compiled = compilerFor.compileValues(values);
      } catch {
        return null;
      }
      const cols = columns[gi]!;
      const idx = g.outputIndex;
      evaluations++;
      const { diagnostics } = g.runner(compiled, runInputs(g.plan, compiled), (row, out) => {
        for (let s = 0; s < idx.length; s++) cols[s]![row] = out[idx[s]!]!;
      });
      if (diagnostics.length) return null;
    }
    const predictions = new Float64Array(nObs);
    const residuals = new Float64Array(nObs);
    for (let i = 0; i < nObs; i++) {
      const o = spec.observations[i]!;
      const op = obsPlans[i]!;
      const y = columns[op.group]![op.slot]!;
      const pred = o.metric === undefined ? y[op.from]! : windowMetric(o.metric, groups[op.group]!.plan.timeH, y, op.from, op.to, o.threshold);
      predictions[i] = pred;
      const target = op.censoredAt ?? o.value;
      let num: number;
      if (error === 'additive') num = pred - target;
      else num = Math.log(Math.max(pred, 1e-300)) - Math.log(target);
      // A censored row (value below lloq) costs nothing while the prediction is below the limit too.
      if (op.censoredAt !== undefined && num < 0) num = 0;
      residuals[i] = num / op.weight;
    }
    return { predictions, residuals };
  };

  // Steps from the integrator's accuracy: outputs carry a relative error of order ε ≈ 10 rtol; the forward
  // difference's error is ~h + ε/h (best h = √ε), the central one's ~h² + ε/h (best h = ∛ε). On the log scale
  // a step h is a relative change of θ by h.
  const eps = Math.max(10 * rtol, 1e-15);
  const forwardStep = Math.sqrt(eps);
  const centralStep = Math.cbrt(eps);
  const jacobian = (x: Float64Array, r: Float64Array, central: boolean, fixed?: readonly boolean[]): Float64Array[] =>
    parameters.map((p, k) => {
      const col = new Float64Array(nObs);
      if (fixed?.[k]) return col;
      const scale = p.scale === 'log' ? 1 : Math.max(Math.abs(x[k]!), 1e-3 * rangeWidth(p));
      const h = (central ? centralStep : forwardStep) * scale;
      const at = (v: number) => { const xs = Float64Array.from(x); xs[k] = v; return evaluate(xs)?.residuals ?? null; };
      const up = x[k]! + h <= upper[k]!;
      const down = x[k]! - h >= lower[k]!;
      let rp: Float64Array | null = null;
      let rm: Float64Array | null = null;
      let span: number;
      if (central && up && down) { rp = at(x[k]! + h); rm = at(x[k]! - h); span = 2 * h; }
      else if (up) { rp = at(x[k]! + h); rm = r; span = h; }
      else { rp = r; rm = at(x[k]! - h); span = h; }
      if (!rp || !rm) return col.fill(NaN);
      for (let i = 0; i < nObs; i++) col[i] = (rp[i]! - rm[i]!) / span;
      return col;
    });

  return {
    model, spec, error, parameters, lower, upper, startLower, startUpper, x0, startValues, forwardStep, centralStep, toValue, fromValue, evaluate, jacobian,
    get evaluations() { return evaluations; },
  };
}
