/**
 * `generated` evaluation (`CompileOptions.evaluation`): a model written out as straight-line JS once per model,
 * with dopri5's stages and dense output for its state count. An optional engine feature (engine/features.ts):
 * engine/model/compile.ts finds it registered (engine/generated-feature.ts), so a host under a strict CSP, which
 * evaluates with closures, never loads this code.
 */
import { fold, type SymbolTable } from '../expr/compile';
import { jsName, toJs } from '../expr/codegen';
import { symbolsOf, type Expr } from '../expr/ast';
import { dopri5DenseKernels, dopri5StagesSource } from '../dopri5-kernel';
import type { Dopri5Work } from '../dopri5';
import type { ModelKernels } from '../integrate';
import type { PreparedModel } from './load';
import { odeExpressions } from './compile';

export type GeneratedRhs = (p: Float64Array, y: ArrayLike<number>, dydt: Float64Array) => void;
export type GeneratedStages = (p: Float64Array, y: Float64Array, w: Dopri5Work, atol: readonly number[]) => void;

/** Generated code of a model: `pre` fills the precomputed slots of `p` once per parameter set. */
export interface Generated {
  readonly rhs: GeneratedRhs;
  readonly outputs: GeneratedRhs;
  readonly pre: (p: Float64Array) => void;
  /** `Dopri5Stages` with the right-hand side written out, parameters from `p` (engine/dopri5-kernel.ts). */
  readonly dopri5Stages: GeneratedStages;
  /** Length of `p`: the parameters, the precomputed values, then the time (`timeSlot`). */
  readonly slots: number;
  /**
   * Where the time goes in `p` before each call: passing it as an argument made V8 box the double into a new
   * heap number at every call of the (not inlined) generated function, ~100 kB of garbage per ms of integration.
   */
  readonly timeSlot: number;
}

// Generated functions per model, made once: parameters are read from an array rather than folded in, so a
// population of 1000 parameter sets runs the same function, which V8 optimises once. (Folding them in made a
// new function per subject that never got past the interpreter: 3× slower than closures.)
const generatedCache = new WeakMap<PreparedModel, Generated>();

export function generatedFor(model: PreparedModel): Generated {
  const cached = generatedCache.get(model);
  if (cached) return cached;
  const { spec } = model;
  const onlyConstants: SymbolTable = { constant: (k) => (k === 'pi' ? Math.PI : k === 'e' ? Math.E : undefined), slot: () => undefined };
  const nParams = spec.parameters.length;
  // What depends on the parameters alone is computed once per parameter set (`pre`) rather than at every
  // evaluation, as the closures' constant folding does: derived expressions of parameters only (a volume, a
  // rate constant), and the largest parameter-only sub-trees of the others (`log(2) / t_half`). The same
  // operations on the same numbers run, only earlier, so the results stay bit-identical to the closures.
  const paramOnly = new Set(spec.parameters.map((q) => q.name));
  const folded = model.expressions.map((e) => fold(e, onlyConstants));
  const derivedSlot = new Map<string, number>(); // parameter-only derived expression -> slot in p
  let slots = nParams;
  folded.forEach((e, i) => {
    if (symbolsOf(e).every((k) => paramOnly.has(k))) {
      const name = spec.expressions[i]!.name;
      paramOnly.add(name);
      derivedSlot.set(name, slots++);
    }
  });
  const hoisted = new Map<Expr, string>(); // sub-tree -> `p[slot]`
  const hoistedLocal = new Map<Expr, string>(); // sub-tree -> `p_slot`, a local read once per call
  const preLines: string[] = [];
  const hoist = (e: Expr): void => {
    if (e.k === 'num' || e.k === 'sym') return;
    if (symbolsOf(e).every((k) => paramOnly.has(k))) {
      const slot = slots++;
      hoisted.set(e, `p[${slot}]`);
      hoistedLocal.set(e, `p_${slot}`);
      preLines.push(`p[${slot}] = ${toJs(e)};`);
      return;
    }
    if (e.k === 'neg') hoist(e.a);
    else if (e.k === 'bin') { hoist(e.a); hoist(e.b); }
    else e.args.forEach(hoist);
  };
  const stateDependent = folded.map((e, i) => (derivedSlot.has(spec.expressions[i]!.name) ? undefined : e));
  stateDependent.forEach((e) => { if (e) hoist(e); });
  const odes = model.odes.map((e) => fold(e, onlyConstants));
  const outputs = model.outputs.map((e) => fold(e, onlyConstants));
  odes.forEach(hoist);
  outputs.forEach(hoist);

  const paramLines = spec.parameters.map((q, i) => `const ${jsName(q.name)} = p[${i}];`);
  const pre = [
    ...paramLines,
    ...folded.flatMap((e, i) => {
      const name = spec.expressions[i]!.name;
      const slot = derivedSlot.get(name);
      return slot === undefined ? [] : [`const ${jsName(name)} = ${toJs(e)};`, `p[${slot}] = ${jsName(name)};`];
    }),
    ...preLines,
  ].join('\n');
  const timeSlot = slots++;
  const head = [...paramLines, `const $t = p[${timeSlot}];`, ...spec.states.map((st, i) => `const ${jsName(st.name)} = y[${i}];`)];
  const exprLine = (i: number) => {
    const name = spec.expressions[i]!.name;
    const slot = derivedSlot.get(name);
    return slot === undefined ? `const ${jsName(name)} = ${toJs(folded[i]!, hoisted)};` : `const ${jsName(name)} = p[${slot}];`;
  };
  const rhsBody = [...head, ...odeExpressions(model).map(exprLine), ...odes.map((e, i) => `dydt[${i}] = ${toJs(e, hoisted)};`)].join('\n');
  // The stages read the parameters, the parameter-only expressions and the hoisted values into locals once per
  // step; each stage's block evaluates the state-dependent expressions and the ODEs, as `rhs` does.
  const odeExprs = odeExpressions(model);
  const stageOnly = odeExprs.filter((i) => !derivedSlot.has(spec.expressions[i]!.name));
  const stagesPrelude = [
    ...paramLines,
    ...odeExprs.filter((i) => derivedSlot.has(spec.expressions[i]!.name)).map(exprLine),
    ...[...hoistedLocal.values()].map((local) => `const ${local} = p[${local.slice(2)}];`),
  ];
  const stagesBody = dopri5StagesSource(spec.states.length, stagesPrelude, (states, time, into) => [
    `const $t = ${time};`,
    ...spec.states.map((st, i) => `const ${jsName(st.name)} = ${states[i]};`),
    ...stageOnly.map((i) => `const ${jsName(spec.expressions[i]!.name)} = ${toJs(folded[i]!, hoistedLocal)};`),
    ...odes.map((e, i) => `${into[i]} = ${toJs(e, hoistedLocal)};`),
  ]);
  const outBody = [...head, ...spec.expressions.map((_, i) => exprLine(i)), ...outputs.map((e, i) => `out[${i}] = ${toJs(e, hoisted)};`)].join('\n');
  const made: Generated = {
    rhs: new Function('p', 'y', 'dydt', rhsBody) as GeneratedRhs,
    outputs: new Function('p', 'y', 'out', outBody) as GeneratedRhs,
    pre: new Function('p', pre) as (p: Float64Array) => void,
    dopri5Stages: new Function('p', 'y', 'w', 'atol', stagesBody) as GeneratedStages,
    slots,
    timeSlot,
  };
  generatedCache.set(model, made);
  return made;
}

/** dopri5's dense output written out for `n` states, as `ModelKernels` fields. */
export function denseKernelsOf(n: number): Pick<ModelKernels, 'dopri5Dense' | 'dopri5Interpolate'> {
  const { dense, interpolate } = dopri5DenseKernels(n);
  return { dopri5Dense: dense, dopri5Interpolate: interpolate };
}
