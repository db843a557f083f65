import { compileExpr, evaluateConstant, fold, type Compiled, type SymbolTable } from '../expr/compile';
import { jsName, toJs } from '../expr/codegen';
import { symbolsOf, type Expr } from '../expr/ast';
import type { PreparedModel } from './load';

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
}

/** How a model's expressions become code. */
export interface CompileOptions {
  /**
   * `closures` (default): a tree of JS closures, allowed under any Content-Security-Policy.
   * `generated`: one straight-line JS function per job made with `new Function`, about 3× faster to evaluate,
   * but refused where a CSP lacks `'unsafe-eval'` (an embedded widget). The CLI and the app's workers use it;
   * the widget does not. Both give the same numbers (test/engine/codegen.test.ts).
   */
  readonly evaluation?: 'closures' | 'generated';
}

/**
 * Compiles a prepared model for the given parameter values (every parameter must be present). Parameters are
 * folded in as constants; the scope array holds `t`, the states and the derived expressions.
 */
export function compileModel(model: PreparedModel, params: Readonly<Record<string, number>>, options: CompileOptions = {}): CompiledModel {
  const { spec } = model;
  const stateNames = spec.states.map((s) => s.name);
  const n = stateNames.length;
  const slots = new Map<string, number>([['t', 0]]);
  stateNames.forEach((s, i) => slots.set(s, 1 + i));
  spec.expressions.forEach((x, i) => slots.set(x.name, 1 + n + i));
  const constants = new Map<string, number>([['pi', Math.PI], ['e', Math.E]]);
  for (const p of spec.parameters) {
    const v = params[p.name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`parameter ${p.name}: expected a finite number, got ${String(v)}`);
    constants.set(p.name, v);
  }
  const symbols: SymbolTable = { constant: (k) => constants.get(k), slot: (k) => slots.get(k) };
  const y0 = Float64Array.from(model.initial.map((e) => evaluateConstant(e, symbols)));
  const nExpr = model.expressions.length;
  // The right-hand side evaluates only the derived expressions the ODEs need (directly or through other
  // expressions); those that only feed outputs wait for the output grid.
  const exprIndex = new Map(spec.expressions.map((x, i) => [x.name, i]));
  const needed = new Set<number>();
  const visit = (e: Expr) => {
    for (const name of symbolsOf(e)) {
      const i = exprIndex.get(name);
      if (i !== undefined && !needed.has(i)) { needed.add(i); visit(model.expressions[i]!); }
    }
  };
  model.odes.forEach(visit);
  const rhsExprs = [...needed].sort((a, b) => a - b);

  const doses = spec.doses.map((d, i) => ({
    drug: d.drug,
    state: stateNames.indexOf(d.state),
    fraction: evaluateConstant(model.doses[i]!.bioavailability, symbols),
    lagH: evaluateConstant(model.doses[i]!.lag, symbols),
  }));

  if (options.evaluation === 'generated') {
    const states = stateNames.map((name, i) => `const ${jsName(name)} = y[${i}];`).join('\n');
    const exprLine = (i: number) => `const ${jsName(spec.expressions[i]!.name)} = ${toJs(fold(model.expressions[i]!, symbols))};`;
    const rhsBody = ['const $t = tH;', states, ...rhsExprs.map(exprLine),
      ...model.odes.map((e, i) => `dydt[${i}] = ${toJs(fold(e, symbols))};`)].join('\n');
    const outBody = ['const $t = tH;', states, ...spec.expressions.map((_, i) => exprLine(i)),
      ...model.outputs.map((e, i) => `out[${i}] = ${toJs(fold(e, symbols))};`)].join('\n');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- by design; see CompileOptions.
    const rhsFn = new Function('tH', 'y', 'dydt', rhsBody) as CompiledModel['rhs'];
    const outFn = new Function('tH', 'y', 'out', outBody) as CompiledModel['outputs'];
    return { n, stateNames, y0, rhs: rhsFn, outputs: outFn, doses };
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
  };
}
