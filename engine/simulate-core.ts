/**
 * Simulation without the optional features (engine/features.ts): what the simulation worker imports, loading
 * the features a request needs first (engine/feature-loaders.ts). Everyone else imports `engine/simulate.ts`,
 * the same API with every feature registered.
 */
import { expand, validateEvent, type DoseEvent } from './dosing';
import type { Integrator } from './integrate';
import { LIMITS, checkEvents, checkGrid, checkSolver, quote } from './limits';
import { DEFAULT_INTEGRATOR, feature, integratorByName } from './features';
import { compileModel, type CompiledModel } from './model/compile';
import { symbolsOf, type Expr } from './expr/ast';
import type { RunInput, SteadyStateReport } from './records';
import { usesRecordFields } from './record-fields';
import type { PreparedModel } from './model/load';
import type { Column, SimulationResult, SolverSettings, SolverStats } from './result';
import { describeBounds, rangeNote, withinBounds } from './model/bounds';

/** Solver settings a request may override. */
export interface SolverOptions {
  /** Relative tolerance. Default 1e-9. */
  readonly rtol?: number;
  /**
   * Absolute tolerance, in each state's unit. When given, it applies to every state; when not, each state's own
   * `atol` from the model applies, else 1e-12.
   */
  readonly atol?: number;
  /** Step limit per segment between dose times. Default 100000. */
  readonly maxSteps?: number;
  /** Integration method: `dop853` (default), `dopri5` or `odex` (the last two are optional engine features, engine/features.ts). */
  readonly method?: string;
}

/** What to simulate. Plain data: it crosses to a worker unchanged. */
export interface SimulationRequest {
  /** Parameter values overriding the defaults (and presets), by name. */
  readonly params?: Readonly<Record<string, number>>;
  /** Preset option per preset group, e.g. `{ hepatic: 'compensated-cirrhosis' }`. */
  readonly presets?: Readonly<Record<string, string>>;
  /** Dosing records; time 0 is the start of the simulation. */
  readonly events: readonly DoseEvent[];
  /** Simulated span, hours (> 0). */
  readonly endH: number;
  /** Output grid step, hours (> 0). The grid includes 0 and `endH`, and the time of every `evid` 2 record up to `endH`. */
  readonly stepH: number;
  /** Clock time at time 0, hours of the day (0–24). Default 0. Only used for `clock_h` and metrics. */
  readonly startClockH?: number;
  readonly solver?: SolverOptions;
  /**
   * How model expressions are evaluated: `closures` (default; allowed under any Content-Security-Policy) or
   * `generated` (JS made with `new Function`, ~3× faster; needs `'unsafe-eval'` where a CSP is set). Same numbers.
   */
  readonly evaluation?: 'closures' | 'generated';
  /**
   * How steady states (`ss` records) are found: `auto` (default) solves them in closed form when the model is
   * linear (engine/linear-steady-state.ts) and by repeated intervals otherwise; `repeated-intervals` always
   * iterates. `meta.steadyState` reports which was used.
   */
  readonly steadyStateMethod?: 'auto' | 'repeated-intervals';
}

/** Default solver settings: tight enough that the accuracy tests pass to 1e-6 of the peak with margin. */
export const DEFAULT_SOLVER = { rtol: 1e-9, atol: 1e-12, maxSteps: 100000 } as const;
/** Largest output grid accepted (rows), so that a typo in `stepH` cannot exhaust memory: `LIMITS.outputRows`. */
export const MAX_ROWS = LIMITS.outputRows;

/**
 * Resolves every parameter's value: defaults, then the selected presets, then explicit overrides. An override
 * outside the parameter's typical `range` but within its `bounds` is used, with a one-line note in `notes`.
 * @throws RangeError naming an unknown parameter or preset (listing the valid ones) or a value outside the
 * parameter's bounds.
 */
export function resolveParameters(model: PreparedModel, params: Readonly<Record<string, number>> = {},
  presets: Readonly<Record<string, string>> = {}): { values: Record<string, number>; presets: Record<string, string>; notes: string[] } {
  const { spec } = model;
  const values: Record<string, number> = {};
  for (const p of spec.parameters) values[p.name] = p.value;
  const chosen: Record<string, string> = {};
  const notes: string[] = [];
  const groups = spec.presets ?? [];
  for (const name of Object.keys(presets)) {
    if (!groups.some((g) => g.name === name)) {
      throw new RangeError(`preset ${name}: model "${spec.id}" has no such preset group${groups.length ? ` (groups: ${groups.map((g) => g.name).join(', ')})` : ''}`);
    }
  }
  for (const g of groups) {
    const pick = presets[g.name] ?? g.default;
    const opt = g.options.find((o) => o.name === pick);
    if (!opt) throw new RangeError(`${g.name}: expected one of ${g.options.map((o) => o.name).join(', ')}, got ${quote(pick)}`);
    chosen[g.name] = pick;
    Object.assign(values, opt.parameters);
  }
  for (const [name, v] of Object.entries(params)) {
    const p = spec.parameters.find((x) => x.name === name);
    if (!p) throw new RangeError(`parameter ${name}: model "${spec.id}" has no such parameter; valid: ${spec.parameters.map((x) => x.name).join(', ')}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`parameter ${name}: expected a finite number (${p.unit}), got ${String(v)}`);
    if (!withinBounds(p, v)) {
      throw new RangeError(`parameter ${name}: expected a value ${describeBounds(p)} ${p.unit} (its physical bounds), got ${v}`);
    }
    const note = rangeNote(p, v);
    if (note) notes.push(note);
    values[name] = v;
  }
  return { values, presets: chosen, notes };
}

let defaultEvaluation: 'closures' | 'generated' = 'closures';

/**
 * Sets how expressions are evaluated when a request does not say (`SimulationRequest.evaluation`). The
 * environment decides, not the scenario: the command line (Node, no CSP) sets `generated`; a page or worker
 * that may run under a strict Content-Security-Policy keeps the default, `closures`. Results are bit-identical.
 */
export function setDefaultEvaluation(evaluation: 'closures' | 'generated'): void {
  defaultEvaluation = evaluation;
}

// Compiled models for the last few parameter sets of each model: while a student drags the dose slider only
// the events change, so recompiling (and the garbage it leaves) would be wasted work. A compiled model holds
// no state between calls, so sharing it between runs is safe.
const compiledCache = new WeakMap<PreparedModel, Map<string, CompiledModel>>();
const CACHE_SIZE = 8;

function compiledFor(model: PreparedModel, params: Readonly<Record<string, number>>, evaluation: 'closures' | 'generated'): CompiledModel {
  let byParams = compiledCache.get(model);
  if (!byParams) { byParams = new Map(); compiledCache.set(model, byParams); }
  const key = `${evaluation}:${model.spec.parameters.map((p) => params[p.name]).join(',')}`;
  let c = byParams.get(key);
  if (c) {
    byParams.delete(key); // most recently used goes last
  } else {
    c = compileModel(model, params, { evaluation });
    if (byParams.size >= CACHE_SIZE) byParams.delete(byParams.keys().next().value!);
  }
  byParams.set(key, c);
  return c;
}

/** The output grid: `i × stepH` for i = 0…N (index-based, no accumulated rounding), with `endH` as last point. */
export function outputGrid(endH: number, stepH: number): Float64Array {
  if (!(Number.isFinite(endH) && endH > 0)) throw new RangeError(`hours: expected a simulated span > 0 h, got ${endH}`);
  if (!(Number.isFinite(stepH) && stepH > 0)) throw new RangeError(`step: expected an output step > 0, got ${stepH}`);
  checkGrid(endH, stepH, 'step');
  const ratio = endH / stepH;
  let n = Math.floor(ratio + 1e-9);
  const exact = Math.abs(ratio - Math.round(ratio)) <= 1e-9 * Math.max(1, ratio);
  if (exact) n = Math.round(ratio);
  const grid = new Float64Array(exact ? n + 1 : n + 2);
  for (let i = 0; i <= n; i++) grid[i] = i * stepH;
  grid[grid.length - 1] = endH;
  return grid;
}

/**
 * The parameter-independent part of a run, validated: the grid, the solver settings, the expanded doses and
 * the outputs kept. Internal: shared by `simulate` and the population engine, which plans once per chunk and
 * then runs every subject with `integrateRun`. Not part of the supported API.
 * @internal
 */
export interface RunPlan {
  readonly timeH: Float64Array;
  readonly endH: number;
  readonly startClockH: number;
  /** The request's parameters resolved (defaults, presets, overrides). */
  readonly params: Record<string, number>;
  readonly presets: Record<string, string>;
  /** Notes on overrides outside their typical range (`resolveParameters`). */
  readonly notes: readonly string[];
  readonly evaluation: 'closures' | 'generated';
  readonly integrator: Integrator;
  readonly settings: SolverSettings;
  /** Every single dose of the events, sorted by time. */
  readonly doses: readonly { readonly timeH: number; readonly drug: string; readonly amtMg: number }[];
  /** The request's records, validated (`runInputs` builds them when they use NONMEM's fields). */
  readonly events: readonly DoseEvent[];
  /** Per state: whether any equation reads it (a running total is read by none: it has no steady state). */
  readonly readStates?: readonly boolean[];
  /** Per model output: whether it is reported (its `requiresDrug` is given). */
  readonly keep: readonly boolean[];
  /** Indices of the states declared `nonNegative`. */
  readonly nonNegative: readonly number[];
  /** Steady states in closed form: the model is linear and the request does not ask for repeated intervals. */
  readonly linear: boolean;
}

/**
 * Validates a request and resolves everything that does not depend on the compiled model, in the order
 * `simulate` always checked it (so the first error named is the same).
 * @internal
 */
export function planRun(model: PreparedModel, req: SimulationRequest, integratorOverride?: Integrator): RunPlan {
  const { spec } = model;
  if (!Array.isArray(req.events)) throw new RangeError('events: expected an array of dosing records');
  checkEvents(req.events);
  req.events.forEach((e, i) => validateEvent(e, `events[${i}]`));
  const drugs = [...new Set(spec.doses.map((d) => d.drug))];
  req.events.forEach((e, i) => {
    if (!drugs.includes(e.drug)) throw new RangeError(`events[${i}].drug: model "${spec.id}" has no drug ${quote(e.drug)}; expected one of ${drugs.join(', ')}`);
  });
  // Records with NONMEM's fields (cmt, rate, evid 2 rows…) are the records feature's; bolus doses need none of it.
  const records = usesRecordFields(req.events) ? feature('records') : undefined;
  records?.checkRecordsForModel(model, req.events);
  const startClockH = req.startClockH ?? 0;
  if (!(Number.isFinite(startClockH) && startClockH >= 0 && startClockH < 24)) throw new RangeError(`at: expected a clock time in [0, 24) h, got ${startClockH}`);
  // The grid, with a row at every evid 2 record (NONMEM's other-type event: an output time).
  const grid = outputGrid(req.endH, req.stepH);
  const timeH = records ? records.withRecordTimes(grid, req.events) : grid;
  const { values: params, presets, notes } = resolveParameters(model, req.params, req.presets);
  const evaluation = req.evaluation ?? defaultEvaluation;
  if (evaluation !== 'closures' && evaluation !== 'generated') throw new RangeError(`evaluation: expected "closures" or "generated", got ${quote(evaluation)}`);

  const rtol = req.solver?.rtol ?? DEFAULT_SOLVER.rtol;
  const atolDefault = req.solver?.atol ?? DEFAULT_SOLVER.atol;
  const maxSteps = req.solver?.maxSteps ?? DEFAULT_SOLVER.maxSteps;
  if (!(rtol > 0 && rtol < 1)) throw new RangeError(`solver.rtol: expected a number in (0, 1), got ${rtol}`);
  if (!(atolDefault > 0)) throw new RangeError(`solver.atol: expected a number > 0, got ${atolDefault}`);
  if (!(Number.isInteger(maxSteps) && maxSteps > 0)) throw new RangeError(`solver.maxSteps: expected a whole number > 0, got ${maxSteps}`);
  checkSolver(rtol, maxSteps);
  const method = req.solver?.method ?? DEFAULT_INTEGRATOR;
  const integrator = integratorOverride ?? integratorByName(method);
  // An explicit request atol applies to every state (e.g. a population run at loose tolerances); otherwise a
  // state's own atol from the model, else the engine default.
  const explicitAtol = req.solver?.atol;
  const settings: SolverSettings = {
    method: integratorOverride ? 'custom' : method, rtol, maxSteps,
    atol: spec.states.map((s) => explicitAtol ?? s.atol ?? atolDefault),
  };
  const givenDrugs = new Set(req.events.filter((e) => e.evid === undefined || e.evid === 1 || e.evid === 4).map((e) => e.drug));
  const keep = spec.outputs.map((o) => o.requiresDrug === undefined || [o.requiresDrug].flat().some((d) => givenDrugs.has(d)));
  const nonNegative = spec.states.flatMap((s, i) => (s.nonNegative ? [i] : []));
  const ssMethod = req.steadyStateMethod ?? 'auto';
  if (ssMethod !== 'auto' && ssMethod !== 'repeated-intervals') throw new RangeError(`steadyStateMethod: expected "auto" or "repeated-intervals", got ${quote(ssMethod)}`);
  const linear = ssMethod === 'auto' && usesRecordFields(req.events) && linearModel(model);
  return {
    timeH, endH: timeH[timeH.length - 1]!, startClockH, params, presets, notes, evaluation, integrator, settings, doses: expand(req.events),
    events: req.events, readStates: readStates(model), keep, nonNegative, linear,
  };
}

/**
 * A run's inputs to states at times (after lag and bioavailability; with NONMEM's fields also rate changes,
 * resets and steady states, engine/records.ts), and the integration segments' bounds.
 */
export interface RunInputs {
  readonly inputs: readonly RunInput[];
  readonly cuts: readonly number[];
  /**
   * True when the inputs depend on more than the dose entries' states, fractions and lags (steady states, dosed
   * states, zero-order inputs): a population builds them for every subject.
   */
  readonly perSubject?: boolean;
  /** The steady states' method and intervals (records with `ss`). */
  readonly steadyState?: SteadyStateReport;
  /** Problems building the inputs (a steady state not reached): the run is not ok. */
  readonly diagnostics?: readonly string[];
}

/**
 * Every dose entry of every dose, shifted by its lag (doses after the end change nothing), and the segment
 * bounds: 0, every input time and the end.
 * @internal
 */
export function runInputs(plan: RunPlan, compiled: CompiledModel): RunInputs {
  const { endH } = plan;
  if (usesRecordFields(plan.events)) {
    const records = feature('records');
    const ssRtol = Math.max(records.steadyStateRtol, plan.settings.rtol / 10);
    return { ...records.buildInputs(plan.events, compiled, endH, plan.settings.atol, intervalIntegrator(plan), plan.readStates, undefined, ssRtol, plan.linear), perSubject: true };
  }
  const inputs: { timeH: number; state: number; amount: number }[] = [];
  for (const d of plan.doses) {
    for (const entry of compiled.doses) {
      if (entry.drug !== d.drug) continue;
      const at = d.timeH + entry.lagH;
      if (at <= endH) inputs.push({ timeH: at, state: entry.state, amount: d.amtMg * entry.fraction });
    }
  }
  inputs.sort((a, b) => a.timeH - b.timeH);
  const cuts = [...new Set([0, ...inputs.map((x) => x.timeH), endH])].sort((a, b) => a - b);
  return { inputs, cuts };
}

/** Receives the outputs (one slot per model output) at grid row `row`; `out` is reused between calls. */
export type RowSink = (row: number, out: Float64Array) => void;

/** Integrates one parameter set's run (`createRunner`). */
export type Runner = (compiled: CompiledModel, run: RunInputs, sink: RowSink) => { stats: SolverStats; diagnostics: string[] };

/**
 * The segment loop: integrates from dose time to dose time, applying the inputs, and hands every grid row's
 * outputs to `sink`. Stops at the first failing segment (later rows are never written).
 * @internal
 */
export function integrateRun(plan: RunPlan, compiled: CompiledModel, run: RunInputs, sink: RowSink): { stats: SolverStats; diagnostics: string[] } {
  return createRunner(plan)(compiled, run, sink);
}

/** Where one parameter set's run stands between segments (`SegmentRunner`). */
export interface RunState {
  /** The state vector at the start of the next segment (before its inputs). */
  y: Float64Array;
  /** Next input to apply. */
  k: number;
  /** First grid row of the next segment. */
  g: number;
  /** Zero-order input rates per state (amount/h) in force; undefined: none. */
  rates?: Float64Array | undefined;
}

/**
 * Integrates segment `c` (cuts[c] to cuts[c + 1]) of a run from `state`, handing its grid rows to `sink`, and
 * advances `state`. Returns a diagnostic when the segment failed (the run must stop: later rows are NaN).
 */
export type SegmentRunner = (compiled: CompiledModel, run: RunInputs, c: number, state: RunState, sink: RowSink, stats: MutableStats) => string | undefined;

/** Solver statistics being counted. */
export type MutableStats = { -readonly [K in keyof SolverStats]: SolverStats[K] };

/**
 * The body of the segment loop, for runs that interleave (a population in lockstep, engine/population.ts) or
 * not (`createRunner`): the same code either way, so the numbers are the same. The sample callback handed to
 * the integrator is made once and reads the current run from variables, so the integrator's call sites see
 * one function throughout: a new closure per segment or per subject made V8 deoptimise and recompile it.
 * @internal
 */
export function createSegmentRunner(plan: RunPlan): SegmentRunner {
  const { timeH, integrator, nonNegative } = plan;
  const settings = nonNegative.length ? { ...plan.settings, nonNegative } : plan.settings;
  const outBuf = new Float64Array(plan.keep.length);
  let yBuf = new Float64Array(0);
  // The current run and segment, read by onSample.
  let outputs: CompiledModel['outputs'] = () => {};
  let sinkNow: RowSink = () => {};
  let samples = timeH;
  let g0 = 0;
  const onSample = (i: number, ys: Float64Array) => {
    if (nonNegative.length) {
      // Non-negative states: a dense-output sample between two non-negative steps can still dip below 0.
      if (yBuf.length !== ys.length) yBuf = new Float64Array(ys.length);
      yBuf.set(ys);
      for (const j of nonNegative) if (yBuf[j]! < 0) yBuf[j] = 0;
      ys = yBuf;
    }
    outputs(samples[i]!, ys, outBuf);
    sinkNow(g0 + i, outBuf);
  };
  // The right-hand side with zero-order inputs added (one function, reading the current ones).
  let rhsNow: CompiledModel['rhs'] = () => {};
  let ratesNow: Float64Array<ArrayBufferLike> = new Float64Array(0);
  const rhsWithRates = (tH: number, y: ArrayLike<number>, dydt: Float64Array) => {
    rhsNow(tH, y, dydt);
    for (let i = 0; i < ratesNow.length; i++) dydt[i]! += ratesNow[i]!;
  };
  return (compiled, run, c, state, sink, stats) => {
    const { inputs, cuts } = run;
    outputs = compiled.outputs;
    sinkNow = sink;
    const a = cuts[c]!;
    const b = cuts[c + 1]!;
    const y = state.y;
    let k = state.k;
    while (k < inputs.length && inputs[k]!.timeH <= a) {
      const x = inputs[k]!;
      if (x.op === undefined) y[x.state]! += x.amount;
      else if (x.op.kind === 'rates') state.rates = x.op.rates;
      else if (x.op.kind === 'set') y.set(x.op.y);
      else for (let i = 0; i < y.length; i++) y[i]! += x.op.y[i]!;
      k++;
    }
    state.k = k;
    const isLast = c === cuts.length - 2;
    let gEnd = state.g;
    while (gEnd < timeH.length && (isLast ? timeH[gEnd]! <= b : timeH[gEnd]! < b)) gEnd++;
    g0 = state.g;
    samples = timeH.subarray(g0, gEnd);
    let seg;
    if (state.rates) {
      rhsNow = compiled.rhs;
      ratesNow = state.rates;
      seg = integrator.solve(compiled.n, rhsWithRates, a, y, b, samples, onSample, settings);
    } else {
      seg = integrator.solve(compiled.n, compiled.rhs, a, y, b, samples, onSample, settings, compiled.kernels);
    }
    stats.segments++;
    stats.steps += seg.steps;
    stats.accepted += seg.accepted;
    stats.rejected += seg.rejected;
    stats.evaluations += seg.evaluations;
    if (seg.outcome !== 'ok') {
      const why = seg.outcome === 'max-steps'
        ? `step limit (${settings.maxSteps}) reached`
        : 'the step size shrank to rounding level';
      return `integration stopped at t = ${seg.reachedH.toPrecision(6)} h: ${why} between ${a} h and ${b} h; the model may be stiff there, produce non-finite values, or the tolerances may be too tight. Later rows are NaN.`;
    }
    if (!allFinite(seg.y)) {
      return `a state became non-finite between ${a} h and ${b} h (check parameters for division by zero or overflow). Later rows are NaN.`;
    }
    y.set(seg.y);
    for (const j of nonNegative) if (y[j]! < 0) y[j] = 0;
    state.g = gEnd;
    return undefined;
  };
}

/** Every value finite (a loop: `every(Number.isFinite)` allocated at each of a population's segments). */
function allFinite(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (y[i]! - y[i]! !== 0) return false;
  return true;
}

/**
 * `integrateRun` for many runs of one plan (a population's subjects): one `createSegmentRunner` for all.
 * @internal
 */
export function createRunner(plan: RunPlan): Runner {
  const segment = createSegmentRunner(plan);
  return (compiled, run, sink) => {
    const diagnostics: string[] = [];
    const stats = { segments: 0, steps: 0, accepted: 0, rejected: 0, evaluations: 0 };
    const state: RunState = { y: Float64Array.from(compiled.y0), k: 0, g: 0 };
    if (run.diagnostics?.length) return { stats, diagnostics: [...run.diagnostics] };
    for (let c = 0; c < run.cuts.length - 1; c++) {
      const failed = segment(compiled, run, c, state, sink, stats);
      if (failed) { diagnostics.push(failed); break; }
    }
    return { stats, diagnostics };
  };
}

/**
 * Runs a simulation: the integrator restarts at every dose time (doses are exact discontinuities) and the
 * outputs are evaluated on the exact grid from dense output. A step limit or a non-finite value is reported in
 * `meta.diagnostics` with `meta.ok = false`, and the affected rows are NaN: never a silently truncated curve.
 */
export function simulate(model: PreparedModel, req: SimulationRequest, integratorOverride?: Integrator): SimulationResult {
  const { spec } = model;
  const plan = planRun(model, req, integratorOverride);
  const { timeH, params, presets, keep } = plan;
  const compiled = compiledFor(model, params, plan.evaluation);

  const outNames = spec.outputs.map((o) => o.name);
  const nOut = outNames.length;
  const data = outNames.map(() => new Float64Array(timeH.length).fill(NaN));
  const inputs = runInputs(plan, compiled);
  const { stats, diagnostics } = integrateRun(plan, compiled, inputs, (row, out) => {
    for (let j = 0; j < nOut; j++) data[j]![row] = out[j]!;
  });
  if (diagnostics.length === 0) {
    data.forEach((col, j) => {
      if (keep[j] && !col.every(Number.isFinite)) diagnostics.push(`output ${outNames[j]} has non-finite values (check parameters for division by zero or log of a non-positive number)`);
    });
  }

  const columns: Column[] = [];
  spec.outputs.forEach((o, j) => {
    if (keep[j]) columns.push(Object.freeze({ name: o.name, unit: o.unit, label: o.label ?? o.name, values: data[j]! }));
  });
  return Object.freeze({
    timeH,
    columns: Object.freeze(columns),
    meta: Object.freeze({
      modelId: spec.id,
      modelVersion: spec.version,
      parameters: Object.freeze(params),
      presets: Object.freeze(presets),
      events: Object.freeze(req.events.map((e) => Object.freeze({ ...e }))),
      startClockH: plan.startClockH,
      solver: plan.settings,
      stats: Object.freeze(stats),
      ...(inputs.steadyState ? { steadyState: inputs.steadyState } : {}),
      diagnostics: Object.freeze(diagnostics),
      ok: diagnostics.length === 0,
      ...(plan.notes.length ? { notes: Object.freeze([...plan.notes]) } : {}),
    }),
  });
}

/**
 * Integrates a run of inputs over [fromH, toH] from `y` (changed in place) with the plan's integrator and
 * settings, through the same segment runner as a simulation; used for the dosing intervals of steady states.
 * @internal
 */
export function intervalIntegrator(plan: RunPlan) {
  return (compiled: CompiledModel, inputs: readonly RunInput[], y: Float64Array, fromH: number, toH: number): string | undefined => {
    const cuts = [...new Set([fromH, ...inputs.map((x) => x.timeH), toH])].sort((a, b) => a - b);
    const sub: RunPlan = { ...plan, timeH: new Float64Array(0), endH: toH };
    const segment = createSegmentRunner(sub);
    const state: RunState = { y, k: 0, g: 0 };
    const stats = { segments: 0, steps: 0, accepted: 0, rejected: 0, evaluations: 0 };
    for (let c = 0; c < cuts.length - 1; c++) {
      const failed = segment(compiled, { inputs, cuts }, c, state, () => {}, stats);
      if (failed) return failed;
    }
    return undefined;
  };
}

const linearCache = new WeakMap<PreparedModel, boolean>();
/** `isLinearModel`, once per model. */
function linearModel(model: PreparedModel): boolean {
  let v = linearCache.get(model);
  if (v === undefined) { v = feature('records').isLinearModel(model); linearCache.set(model, v); }
  return v;
}

/** Per state: whether an ODE reads it, directly or through the expressions the ODEs use. */
function readStates(model: PreparedModel): boolean[] {
  const exprIndex = new Map(model.spec.expressions.map((x, i) => [x.name, i]));
  const read = new Set<string>();
  const seen = new Set<number>();
  const visit = (e: Expr) => {
    for (const name of symbolsOf(e)) {
      read.add(name);
      const i = exprIndex.get(name);
      if (i !== undefined && !seen.has(i)) { seen.add(i); visit(model.expressions[i]!); }
    }
  };
  model.odes.forEach(visit);
  return model.spec.states.map((st) => read.has(st.name));
}
