/** Between-subject variability: checking it, drawing each subject's parameters, and the request's defaults. */
import { describeBounds, withinBounds } from '../model/bounds';
import type { PreparedModel } from '../model/load';
import { Xoshiro128, validateSeed } from '../random';
import { resolveParameters, simulate, type RunPlan } from '../simulate';
import { type ModelCompiler } from '../model/compile';
import { MAX_REDRAWS, MAX_SUBJECTS, POPULATION_SOLVER, type PopulationRequest, type ResolvedVariability } from './types';

/** The variability of a run (the request's or the model's), checked, with ω. @throws RangeError naming the entry. */
export function resolveVariability(model: PreparedModel, req: Pick<PopulationRequest, 'variability' | 'params' | 'presets'>): ResolvedVariability[] {
  const list = req.variability ?? model.spec.variability ?? [];
  const { values } = resolveParameters(model, req.params, req.presets);
  const seen = new Set<string>();
  return list.map((v, i) => {
    const where = `variability[${i}]`;
    const p = model.spec.parameters.find((x) => x.name === v.parameter);
    if (!p) throw new RangeError(`${where}.parameter: model "${model.spec.id}" has no parameter ${JSON.stringify(v.parameter)}; valid: ${model.spec.parameters.map((x) => x.name).join(', ')}`);
    if (seen.has(p.name)) throw new RangeError(`${where}.parameter: ${p.name} is listed twice`);
    seen.add(p.name);
    if (!(typeof v.cvPercent === 'number' && Number.isFinite(v.cvPercent) && v.cvPercent > 0)) {
      throw new RangeError(`${where} ${p.name}.cvPercent: expected a coefficient of variation in percent > 0, got ${String(v.cvPercent)}`);
    }
    if (!(values[p.name]! > 0)) throw new RangeError(`${where} ${p.name}: log-normal variability needs a value > 0, got ${values[p.name]}`);
    const cv = v.cvPercent / 100;
    return Object.freeze({ ...v, omega: Math.sqrt(Math.log1p(cv * cv)) });
  });
}

/**
 * Individual parameter values of one subject: θ_i = θ·exp(ω·z) with z standard normal from the subject's own
 * stream, one z per varied parameter in list order. A value outside the parameter's physical `bounds` (not its
 * typical slider `range`) is redrawn (z drawn again from the same stream), so individual values follow a
 * log-normal truncated to the bounds, as mrgsolve's `simeta()` loop does; every redraw is counted and reported.
 * Never clamped. (θ·exp(ωz) is always > 0, so a parameter bounded only by > 0 is never redrawn.)
 * @returns the varied parameters' values (list order) and the redraws per parameter.
 */
export function subjectParameters(model: PreparedModel, typical: Readonly<Record<string, number>>,
  variability: readonly ResolvedVariability[], seed: number, subject: number): { values: number[]; redraws: number[] } {
  const rng = Xoshiro128.forSubject(seed, subject);
  const values: number[] = [];
  const redraws: number[] = [];
  for (const v of variability) {
    const p = model.spec.parameters.find((x) => x.name === v.parameter)!;
    const theta = typical[v.parameter]!;
    let count = 0;
    let x = theta * Math.exp(v.omega * rng.nextNormal());
    while (!withinBounds(p, x)) {
      if (++count > MAX_REDRAWS) {
        throw new RangeError(`variability ${p.name}: subject ${subject} drew ${MAX_REDRAWS} values outside the bounds (${describeBounds(p)} ${p.unit}) ` +
          `around ${theta} with CV ${v.cvPercent}%; lower the CV or move the typical value away from the bound`);
      }
      x = theta * Math.exp(v.omega * rng.nextNormal());
    }
    values.push(x);
    redraws.push(count);
  }
  return { values, redraws };
}

/** Checks `n` and `seed`. @throws RangeError naming the field. */
export function validatePopulation(req: Pick<PopulationRequest, 'n' | 'seed'>): void {
  if (!(Number.isInteger(req.n) && req.n >= 1 && req.n <= MAX_SUBJECTS)) throw new RangeError(`n: expected a whole number of subjects in [1, ${MAX_SUBJECTS}], got ${String(req.n)}`);
  validateSeed(req.seed, 'seed');
}

/** The request with the population defaults filled in (solver method and tolerances). */
export function populationDefaults(req: PopulationRequest): PopulationRequest {
  return {
    ...req,
    solver: {
      method: req.solver?.method ?? POPULATION_SOLVER.method,
      rtol: req.solver?.rtol ?? POPULATION_SOLVER.rtol,
      atol: req.solver?.atol ?? POPULATION_SOLVER.atol,
      maxSteps: req.solver?.maxSteps ?? POPULATION_SOLVER.maxSteps,
    },
  };
}

/** Typical parameter values in model order and the indexes of the varied ones, per plan (`subjectValues`). */
const typicalOf = new WeakMap<RunPlan, { readonly values: Float64Array; readonly index: Map<string, number>; readonly scratch: Float64Array }>();

/**
 * A subject's parameter values in model order, for `ModelCompiler.compileValues`: the plan's (typical) values
 * with the varied ones put in, as simulate() would resolve `{ ...req.params, [varied]: value }`; a non-finite
 * draw is left to resolveParameters to report. The array returned is reused by the next call.
 */
export function subjectValues(model: PreparedModel, plan: RunPlan, varied: readonly string[], drawn: readonly number[], req: PopulationRequest): Float64Array {
  let typical = typicalOf.get(plan);
  if (!typical) {
    const names = model.spec.parameters.map((q) => q.name);
    const values = Float64Array.from(names, (name) => plan.params[name]!);
    typical = { values, index: new Map(names.map((name, i) => [name, i])), scratch: new Float64Array(values.length) };
    typicalOf.set(plan, typical);
  }
  const { values, index, scratch } = typical;
  scratch.set(values);
  for (let k = 0; k < varied.length; k++) {
    const x = drawn[k]!;
    if (!Number.isFinite(x)) resolveParameters(model, { ...req.params, [varied[k]!]: x }, req.presets);
    scratch[index.get(varied[k]!)!] = x;
  }
  return scratch;
}
