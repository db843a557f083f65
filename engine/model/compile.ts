import { compileExpr, type Compiled, type SymbolTable } from '../expr/compile';
import { symbolsOf, type Expr } from '../expr/ast';
import type { PreparedModel } from './load';
import { feature } from '../features';
import type { ModelKernels } from '../integrate';

/** A model compiled for one parameter set: plain JS closures, ready for the integrator. */
export interface CompiledModel {
  readonly n: number;
  readonly stateNames: readonly string[];
  readonly y0: Float64Array;
  /** dy/dt at (tH, y). */
  rhs(tH: number, y: ArrayLike<number>, dydt: Float64Array): void;
  /** Evaluates every output at (tH, y) into `out` (one slot per model output). */
  outputs(tH: number, y: ArrayLike<number>, out: Float64Array): void;
  /** Per dose entry: the state index, bioavailable fraction and lag (hours) for this parameter set. */
  readonly doses: readonly { readonly drug: string; readonly state: number; readonly fraction: number; readonly lagH: number }[];
  /** Per `spec.dosedStates` entry: the state index, fraction, lag and any model-defined rate or duration. */
  readonly dosedStates?: readonly DosedStateValues[];
  /** Model-specific code for integrators (`generated` evaluation only): the same numbers as `rhs`, faster. */
  readonly kernels?: ModelKernels;
}

/** A dosed state's values for one parameter set (`DosedStateSpec`). */
export interface DosedStateValues {
  readonly state: number;
  readonly fraction: number;
  readonly lagH: number;
  readonly ratePerH?: number;
  readonly durH?: number;
}

/**
 * Indexes of the derived expressions the ODEs need (directly or through other expressions), in order.
 * @internal
 */
export function odeExpressions(model: PreparedModel): number[] {
  const exprIndex = new Map(model.spec.expressions.map((x, i) => [x.name, i]));
  const needed = new Set<number>();
  const visit = (e: Expr) => {
    for (const name of symbolsOf(e)) {
      const i = exprIndex.get(name);
      if (i !== undefined && !needed.has(i)) { needed.add(i); visit(model.expressions[i]!); }
    }
  };
  model.odes.forEach(visit);
  return [...needed].sort((a, b) => a - b);
}

/** How a model's expressions become code. */
export interface CompileOptions {
  /**
   * `closures` (default): a tree of JS closures, allowed under any Content-Security-Policy.
   * `generated`: straight-line JS made once per model with `new Function`, about 3× faster to evaluate,
   * but refused where a CSP lacks `'unsafe-eval'` (an embedded widget). The CLI and the app's workers use it;
   * the widget does not. Both give the same numbers (test/engine/codegen.test.ts).
   */
  readonly evaluation?: 'closures' | 'generated';
}

/**
 * A model's initial values, bioavailabilities and lags as closures over the parameter array (model order),
 * compiled once per model: folding them anew for each parameter set was a tenth of a population subject's time.
 * The same operations in the same order as folding, so the same numbers.
 */
interface ConstantEvaluator {
  readonly names: readonly string[];
  readonly stateNames: readonly string[];
  readonly initial: readonly Compiled[];
  readonly doses: readonly { readonly drug: string; readonly state: number; readonly fraction: Compiled; readonly lag: Compiled }[];
  readonly dosed: readonly { readonly state: number; readonly fraction: Compiled; readonly lag: Compiled; readonly rate?: Compiled; readonly dur?: Compiled }[];
}

const constantEvaluators = new WeakMap<PreparedModel, ConstantEvaluator>();

function constantEvaluatorFor(model: PreparedModel): ConstantEvaluator {
  let ev = constantEvaluators.get(model);
  if (ev) return ev;
  const { spec } = model;
  const names = spec.parameters.map((q) => q.name);
  const stateNames = spec.states.map((st) => st.name);
  const paramSlots: SymbolTable = {
    constant: (k) => (k === 'pi' ? Math.PI : k === 'e' ? Math.E : undefined),
    slot: (k) => { const i = names.indexOf(k); return i < 0 ? undefined : i; },
  };
  ev = {
    names, stateNames,
    initial: model.initial.map((e) => compileExpr(e, paramSlots)),
    doses: spec.doses.map((d, i) => ({
      drug: d.drug, state: stateNames.indexOf(d.state),
      fraction: compileExpr(model.doses[i]!.bioavailability, paramSlots), lag: compileExpr(model.doses[i]!.lag, paramSlots),
    })),
    dosed: (model.dosedStates ?? []).map((d) => ({
      state: stateNames.indexOf(d.state), fraction: compileExpr(d.bioavailability, paramSlots), lag: compileExpr(d.lag, paramSlots),
      ...(d.rate ? { rate: compileExpr(d.rate, paramSlots) } : {}), ...(d.dur ? { dur: compileExpr(d.dur, paramSlots) } : {}),
    })),
  };
  constantEvaluators.set(model, ev);
  return ev;
}

/**
 * Checks every parameter value (finite) and writes them in model order into `p` (from index 0), then evaluates
 * the initial state and the dose entries for them.
 */
function parameterSet(ev: ConstantEvaluator, params: Readonly<Record<string, number>>, p: Float64Array) {
  ev.names.forEach((name, i) => { p[i] = checked(name, params[name]); });
  return constantsOf(ev, p);
}

/** `parameterSet` from values already in model order. */
function parameterValues(ev: ConstantEvaluator, values: ArrayLike<number>, p: Float64Array) {
  const { names } = ev;
  if (values.length !== names.length) throw new RangeError(`parameters: expected ${names.length} values in model order, got ${values.length}`);
  for (let i = 0; i < names.length; i++) p[i] = checked(names[i]!, values[i]);
  return constantsOf(ev, p);
}

function checked(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`parameter ${name}: expected a finite number, got ${String(v)}`);
  return v;
}

/** The initial state and the dose entries for the parameters in `p`. */
function constantsOf(ev: ConstantEvaluator, p: Float64Array) {
  const y0 = Float64Array.from(ev.initial, (f) => f(p));
  const doses = ev.doses.map((d) => ({ drug: d.drug, state: d.state, fraction: d.fraction(p), lagH: d.lag(p) }));
  if (ev.dosed.length === 0) return { y0, doses };
  const dosedStates: DosedStateValues[] = ev.dosed.map((d) => ({
    state: d.state, fraction: d.fraction(p), lagH: d.lag(p),
    ...(d.rate ? { ratePerH: d.rate(p) } : {}), ...(d.dur ? { durH: d.dur(p) } : {}),
  }));
  return { y0, doses, dosedStates };
}

/**
 * What a parameter set fixes besides the equations: the values checked, the symbol table (parameters as
 * constants), the initial state and the dose entries.
 */
function constantParts(model: PreparedModel, params: Readonly<Record<string, number>>) {
  const ev = constantEvaluatorFor(model);
  const { stateNames, names } = ev;
  const n = stateNames.length;
  const p = new Float64Array(names.length);
  const { y0, doses, dosedStates } = parameterSet(ev, params, p);
  const slots = new Map<string, number>([['t', 0]]);
  stateNames.forEach((s, i) => slots.set(s, 1 + i));
  model.spec.expressions.forEach((x, i) => slots.set(x.name, 1 + n + i));
  const constants = new Map<string, number>([['pi', Math.PI], ['e', Math.E]]);
  names.forEach((name, i) => constants.set(name, p[i]!));
  const symbols: SymbolTable = { constant: (k) => constants.get(k), slot: (k) => slots.get(k) };
  return { n, stateNames, y0, doses, dosedStates, symbols };
}

/**
 * Compiles a prepared model for the given parameter values (every parameter must be present). Parameters are
 * folded in as constants; the scope array holds `t`, the states and the derived expressions.
 */
export function compileModel(model: PreparedModel, params: Readonly<Record<string, number>>, options: CompileOptions = {}): CompiledModel {
  const { spec } = model;
  const { n, stateNames, y0, doses, dosedStates, symbols } = constantParts(model, params);
  const nExpr = model.expressions.length;
  // The right-hand side evaluates only the derived expressions the ODEs need; those that only feed outputs wait
  // for the output grid.
  const rhsExprs = odeExpressions(model);

  if (options.evaluation === 'generated') {
    const generated = feature('generated');
    const gen = generated.generatedFor(model);
    const p = new Float64Array(gen.slots);
    spec.parameters.forEach((q, i) => { p[i] = params[q.name]!; });
    gen.pre(p);
    return {
      n, stateNames, y0, doses, ...(dosedStates ? { dosedStates } : {}),
      rhs: (tH, y, dydt) => { p[gen.timeSlot] = tH; gen.rhs(p, y, dydt); },
      outputs: (tH, y, out) => { p[gen.timeSlot] = tH; gen.outputs(p, y, out); },
      kernels: { dopri5Stages: (y, w, atol) => gen.dopri5Stages(p, y, w, atol), ...generated.denseKernelsOf(spec.states.length) },
    };
  }

  const exprs: Compiled[] = model.expressions.map((e) => compileExpr(e, symbols));
  const odes: Compiled[] = model.odes.map((e) => compileExpr(e, symbols));
  const outs: Compiled[] = model.outputs.map((e) => compileExpr(e, symbols));
  const scope = new Float64Array(1 + n + nExpr);
  const rhsSlots = Int32Array.from(rhsExprs, (i) => 1 + n + i);
  const rhsFns = rhsExprs.map((i) => exprs[i]!);
  const nRhs = rhsFns.length;
  const loadStates = (tH: number, y: ArrayLike<number>) => {
    scope[0] = tH;
    for (let i = 0; i < n; i++) scope[1 + i] = y[i]!;
  };

  return {
    n,
    stateNames,
    y0,
    rhs(tH, y, dydt) {
      loadStates(tH, y);
      for (let k = 0; k < nRhs; k++) scope[rhsSlots[k]!] = rhsFns[k]!(scope);
      for (let i = 0; i < n; i++) dydt[i] = odes[i]!(scope);
    },
    outputs(tH, y, out) {
      loadStates(tH, y);
      for (let i = 0; i < nExpr; i++) scope[1 + n + i] = exprs[i]!(scope);
      for (let i = 0; i < outs.length; i++) out[i] = outs[i]!(scope);
    },
    doses,
    ...(dosedStates ? { dosedStates } : {}),
  };
}

/**
 * A compiler of one model for parameter set after parameter set, as a population runs them. With `generated`
 * evaluation every compiled model shares one `rhs`/`outputs` pair, which reads the parameters of the *current*
 * one, so the integrator's call sites see the same functions subject after subject: new closures per subject
 * made V8 throw away its optimised integrator ("wrong call target") and recompile it several times per worker,
 * most of a population's warm-up. `compile` makes its result current; `select` makes an earlier one current again.
 * With `closures` every compiled model has its own closures and `select` does nothing.
 * @internal
 */
export interface ModelCompiler {
  compile(params: Readonly<Record<string, number>>): CompiledModel;
  /**
   * `compile` from every parameter's value in model order (`spec.parameters`), e.g. a population's typical values
   * with a subject's varied ones put in: no record to build and look up for each of a thousand subjects.
   */
  compileValues(values: ArrayLike<number>): CompiledModel;
  select(compiled: CompiledModel): void;
}

/** @internal See `ModelCompiler`. */
export function modelCompiler(model: PreparedModel, options: CompileOptions = {}): ModelCompiler {
  if (options.evaluation !== 'generated') {
    const names = model.spec.parameters.map((q) => q.name);
    const compile = (params: Readonly<Record<string, number>>) => compileModel(model, params, options);
    return {
      compile,
      compileValues: (values) => compile(Object.fromEntries(names.map((name, i) => [name, values[i]!]))),
      select: () => {},
    };
  }
  const generated = feature('generated');
  const gen = generated.generatedFor(model);
  let p: Float64Array = new Float64Array(gen.slots);
  const t = gen.timeSlot;
  const rhs = (tH: number, y: ArrayLike<number>, dydt: Float64Array) => { p[t] = tH; gen.rhs(p, y, dydt); };
  const outputs = (tH: number, y: ArrayLike<number>, out: Float64Array) => { p[t] = tH; gen.outputs(p, y, out); };
  const kernels: ModelKernels = { dopri5Stages: (y, w, atol) => gen.dopri5Stages(p, y, w, atol), ...generated.denseKernelsOf(model.spec.states.length) };
  const ev = constantEvaluatorFor(model);
  const { stateNames } = ev;
  const n = stateNames.length;
  const parametersOf = new WeakMap<CompiledModel, Float64Array>();
  const made = (q: Float64Array, constants: ReturnType<typeof constantsOf>): CompiledModel => {
    p = q;
    gen.pre(p);
    const compiled: CompiledModel = { n, stateNames, y0: constants.y0, doses: constants.doses, ...(constants.dosedStates ? { dosedStates: constants.dosedStates } : {}), rhs, outputs, kernels };
    parametersOf.set(compiled, p);
    return compiled;
  };
  return {
    compile(params) {
      const q = new Float64Array(gen.slots);
      return made(q, parameterSet(ev, params, q));
    },
    compileValues(values) {
      const q = new Float64Array(gen.slots);
      return made(q, parameterValues(ev, values, q));
    },
    select(compiled) {
      const q = parametersOf.get(compiled);
      if (!q) throw new Error('modelCompiler.select: not a model of this compiler');
      p = q;
    },
  };
}
