/**
 * Population runs: N virtual subjects with log-normal between-subject variability, summarised as the median
 * and the 5th–95th percentile band of every output at every grid time.
 *
 * Work splits by subject: `simulatePopulationChunk(model, req, from, to)` runs subjects [from, to) and returns
 * plain, transferable data, so any pool (Node `worker_threads` in the CLI, the app's comlink workers) can spread
 * the subjects over threads; `summarizePopulation` merges the chunks. Subject i's parameters depend only on the
 * seed and i (`Xoshiro128.forSubject`), so the split does not change the numbers and N = 100 is a prefix of
 * N = 1000.
 */
import type { PreparedModel } from './model/load';
import type { VariabilitySpec } from './model/types';
import { Xoshiro128, validateSeed } from './random';
import type { ResultMeta, SolverSettings, SolverStats } from './result';
import type { DoseEvent } from './dosing';
import { clockAt, csvField, formatNumber } from './csv';
import { createRunner, createSegmentRunner, planRun, resolveParameters, runInputs, simulate, type RowSink, type RunInputs, type RunPlan, type RunState, type Runner, type SimulationRequest } from './simulate';
import { compileModel, modelCompiler, type CompiledModel, type ModelCompiler } from './model/compile';
import { symbolsOf } from './expr/ast';
import { checkPopulation } from './limits';

/** A population run: a simulation request plus the number of subjects, the seed and the variability. */
export interface PopulationRequest extends SimulationRequest {
  /** Number of subjects, 1 to `MAX_SUBJECTS`. */
  readonly n: number;
  /** Seed of the random streams, a whole number in [0, 2^32 − 1]. Same seed, same subjects. */
  readonly seed: number;
  /**
   * The variability to apply, replacing the model's `variability` (give `[]` for none). Default: the model's.
   * Each entry's `parameter` must exist and have a value > 0 (after presets and overrides).
   */
  readonly variability?: readonly VariabilitySpec[];
}

/**
 * Default solver settings of population runs: looser than single runs (rtol 1e-9) because the bands show a
 * between-subject spread of tens of percent, and an integration error of ~1e-5 of the peak is far below it
 * (test/engine/population.test.ts checks it against a tight single run). Method `dopri5` (Dormand–Prince
 * 5(4), engine/dopri5.ts) does the least work per subject at these tolerances (`npm run bench`); any method of
 * `solver.method` (`dop853`, `odex`) may be named instead. Stated in every result's metadata and scenario.
 */
export const POPULATION_SOLVER = { method: 'dopri5', rtol: 1e-4, atol: 1e-6, maxSteps: 100000 } as const;
/** Largest number of subjects of one run. */
export const MAX_SUBJECTS = 100_000;
/** Largest number of stored values (subjects × grid times × outputs): 400 MB of doubles. */
export const MAX_POPULATION_VALUES = 50_000_000;
/** Percentiles written for every output. */
export const PERCENTILES = [5, 50, 95] as const;
/** How often a draw outside the parameter's range is redrawn before the run gives up. */
export const MAX_REDRAWS = 1000;

/** A variability entry with its log-normal ω (standard deviation of η). */
export interface ResolvedVariability extends VariabilitySpec {
  /** ω = sqrt(ln(1 + CV²)), CV as a fraction. */
  readonly omega: number;
}

/** Subjects [from, to) of a population run: plain data with transferable buffers. */
export interface PopulationChunk {
  readonly from: number;
  readonly to: number;
  readonly timeH: Float64Array;
  /**
   * Per output: values of all subjects of the chunk, time-major (`values[i · (to − from) + (s − from)]` for grid
   * time i and subject s), so that the summary reads each time's values contiguously.
   */
  readonly columns: readonly { readonly name: string; readonly unit: string; readonly label: string; readonly values: Float64Array }[];
  /** Individual values of the varied parameters, subject-major (`[(s − from) · nVaried + k]`). */
  readonly parameters: Float64Array;
  /** Per varied parameter: draws outside its range that were redrawn. */
  readonly redraws: readonly number[];
  /** Subjects whose integration failed, with the simulation's diagnostics. */
  readonly failures: readonly { readonly subject: number; readonly diagnostics: readonly string[] }[];
  readonly stats: SolverStats;
  /** Solver settings used (as in a single run's metadata). */
  readonly solver: SolverSettings;
}

/** One output summarised over the subjects. */
export interface PopulationColumn {
  readonly name: string;
  readonly unit: string;
  readonly label: string;
  /** 5th percentile at each grid time. */
  readonly p05: Float64Array;
  /** Median at each grid time. */
  readonly p50: Float64Array;
  /** 95th percentile at each grid time. */
  readonly p95: Float64Array;
}

/**
 * Everything needed to reproduce a population run and judge it: a single run's metadata (parameters are the
 * typical values, before variability; `solver` is every subject's; `stats` are summed over subjects) plus the
 * population's own fields.
 */
export interface PopulationMeta extends ResultMeta {
  readonly n: number;
  readonly seed: number;
  readonly variability: readonly ResolvedVariability[];
  readonly percentiles: readonly number[];
  /** How percentiles are computed. */
  readonly percentileMethod: string;
  /** Per varied parameter: draws outside its declared range that were redrawn (truncated log-normal). */
  readonly redraws: Readonly<Record<string, number>>;
}

/** A population result: the grid and, per output, the 5th, 50th and 95th percentile curves. */
export interface PopulationResult {
  readonly timeH: Float64Array;
  readonly columns: readonly PopulationColumn[];
  readonly meta: PopulationMeta;
}

/**
 * The `p`-th percentile (0–100) of sorted values by linear interpolation between order statistics: with
 * h = (n − 1)·p/100, the value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). This is Hyndman & Fan's type 7, the default
 * of numpy.percentile, R's quantile and Excel's PERCENTILE.INC. Equal neighbours give exactly their value.
 * @param sorted ascending values (at least one); NaN is not allowed.
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(sorted: ArrayLike<number>, p: number, from = 0, count = sorted.length - from): number {
  if (count < 1) throw new RangeError('percentile: expected at least one value');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: expected p in [0, 100], got ${p}`);
  const h = ((count - 1) * p) / 100;
  const lo = Math.floor(h);
  const g = h - lo;
  const a = sorted[from + lo]!;
  if (g === 0) return a;
  const b = sorted[from + lo + 1]!;
  return a + g * (b - a);
}

/**
 * Several percentiles (ascending `ps`, 0–100) of unsorted values, by the same type-7 rule as `percentile`, with
 * quickselect instead of a full sort (this is the hot loop of the population summary). Reorders `values`.
 * Any NaN among the values makes every result NaN.
 */
export function percentilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n < 1) throw new RangeError('percentile: expected at least one value');
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) return ps.map(() => NaN);
  const out: number[] = [];
  let lo = 0; // everything before lo is <= everything from lo on
  let prev = -Infinity;
  for (const p of ps) {
    if (!(p >= 0 && p <= 100) || p < prev) throw new RangeError(`percentile: expected ascending p in [0, 100], got ${ps.join(', ')}`);
    prev = p;
    const h = ((n - 1) * p) / 100;
    const k = Math.floor(h);
    const g = h - k;
    if (k >= lo) { select(values, k, lo, n - 1); lo = k; }
    const a = values[k]!;
    if (g === 0) { out.push(a); continue; }
    let b = Infinity; // the next order statistic: the smallest value after k
    for (let i = k + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
    out.push(a + g * (b - a));
  }
  return out;
}

/** Hoare quickselect (median-of-three pivot): afterwards a[k] is the k-th smallest of a[lo..hi], smaller ones before it. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to a[mid]
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { swap(a, i, j); i++; j--; }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!; a[i] = a[j]!; a[j] = t;
}

/**
 * Exact percentiles of one grid time's values after another. Curves are smooth, so the subjects' order at one
 * grid time is nearly their order at the previous one: the values are laid out in that order and an insertion
 * sort finishes the job in about n steps (the order statistics, hence the percentiles, are exactly those of
 * any sort). When the order changes a lot (around a dose, or values at rounding level), insertion stops at a
 * budget and quickselect (`percentilesInPlace`) takes over; the order is then rebuilt by a full sort every
 * `RETRY` grid times, not at each one.
 */
class CoherentPercentiles {
  private readonly order: Int32Array; // subject index at each rank, from the last sorted grid time
  private readonly out: Float64Array;
  private wait = 0; // grid times left on quickselect before the order is rebuilt (0: the order is in use)
  private backoff = 4; // quickselect stretch after the next give-up: doubles while rebuilt orders do not last
  private rebuilt = false; // the order was rebuilt at the previous grid time
  constructor(private readonly n: number) {
    this.order = new Int32Array(n);
    this.out = new Float64Array(n);
    this.reset();
  }

  reset(): void {
    for (let i = 0; i < this.n; i++) this.order[i] = i;
    this.wait = 0;
    this.backoff = 4;
    this.rebuilt = false;
  }

  /**
   * `PERCENTILES` of `values[at]` … `values[at + n − 1]` into `result[0..2]` (NaN when any value is NaN).
   * `values` is only read, so a column of shared memory can be passed as it is.
   */
  compute(values: Float64Array, at: number, result: Float64Array): void {
    const { n, order, out } = this;
    // The values laid out in the last order, checked for NaN on the way.
    let nan = false;
    for (let r = 0; r < n; r++) { const x = values[at + order[r]!]!; out[r] = x; if (x !== x) nan = true; }
    if (nan) { result.fill(NaN); return; }
    if (this.wait > 1) {
      this.wait--;
      // Quickselect finds the same order statistics in any layout. It scrambles `out`, not `order`.
      result.set(percentilesInPlace(out, PERCENTILES));
      return;
    }
    if (this.wait === 1) {
      // Rebuild the order by a full sort, and try insertion again from the next grid time.
      sortWithIndex(out, order, n);
      this.wait = 0;
      this.rebuilt = true;
    } else {
      let budget = 8 * n;
      let sorted = true;
      for (let r = 1; r < n; r++) {
        const x = out[r]!;
        if (!(x < out[r - 1]!)) continue;
        const o = order[r]!;
        let q = r - 1;
        while (q >= 0 && out[q]! > x) { out[q + 1] = out[q]!; order[q + 1] = order[q]!; q--; }
        out[q + 1] = x;
        order[q + 1] = o;
        budget -= r - 1 - q;
        if (budget < 0) { sorted = false; break; }
      }
      if (!sorted) {
        // Scrambled: quickselect for a while. Orders that do not last a single grid time wait longer each time.
        this.backoff = this.rebuilt ? Math.min(2 * this.backoff, 256) : 4;
        this.wait = this.backoff;
        this.rebuilt = false;
        result.set(percentilesInPlace(out, PERCENTILES));
        return;
      }
      this.rebuilt = false;
    }
    for (let t = 0; t < PERCENTILES.length; t++) result[t] = percentile(out, PERCENTILES[t]!);
  }
}

/**
 * Sorts `keys[0..n)` ascending and moves `idx` along: quicksort (median of three, the smaller side first) with
 * insertion sort below 16. Written for typed arrays: a comparator sort of the indexes called back into JS for
 * every comparison and was a quarter of a population's summary.
 */
export function sortWithIndex(keys: Float64Array, idx: Int32Array, n: number): void {
  const stack: number[] = [];
  let lo = 0, hi = n - 1;
  for (;;) {
    while (hi - lo >= 16) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < keys[lo]!) swapPair(keys, idx, mid, lo);
      if (keys[hi]! < keys[lo]!) swapPair(keys, idx, hi, lo);
      if (keys[hi]! < keys[mid]!) swapPair(keys, idx, hi, mid);
      const pivot = keys[mid]!;
      let i = lo, j = hi;
      while (i <= j) {
        while (keys[i]! < pivot) i++;
        while (keys[j]! > pivot) j--;
        if (i <= j) { swapPair(keys, idx, i, j); i++; j--; }
      }
      // Recurse (through the stack) into the larger side later: the stack stays O(log n).
      if (j - lo < hi - i) { stack.push(i, hi); hi = j; } else { stack.push(lo, j); lo = i; }
    }
    for (let r = lo + 1; r <= hi; r++) {
      const x = keys[r]!, o = idx[r]!;
      let q = r - 1;
      while (q >= lo && keys[q]! > x) { keys[q + 1] = keys[q]!; idx[q + 1] = idx[q]!; q--; }
      keys[q + 1] = x;
      idx[q + 1] = o;
    }
    if (stack.length === 0) return;
    hi = stack.pop()!;
    lo = stack.pop()!;
  }
}

function swapPair(keys: Float64Array, idx: Int32Array, i: number, j: number): void {
  const t = keys[i]!; keys[i] = keys[j]!; keys[j] = t;
  const u = idx[i]!; idx[i] = idx[j]!; idx[j] = u;
}

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
 * stream, one z per varied parameter in list order. A value outside the parameter's declared `range` is
 * redrawn (z drawn again from the same stream), so individual values follow a log-normal truncated to the
 * range, as mrgsolve's `simeta()` loop does; every redraw is counted and reported. Never clamped.
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
    while (p.range && (x < p.range[0] || x > p.range[1])) {
      if (++count > MAX_REDRAWS) {
        throw new RangeError(`variability ${p.name}: subject ${subject} drew ${MAX_REDRAWS} values outside the range [${p.range[0]}, ${p.range[1]}] ${p.unit} ` +
          `around ${theta} with CV ${v.cvPercent}%; lower the CV or move the typical value inside the range`);
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
function subjectValues(model: PreparedModel, plan: RunPlan, varied: readonly string[], drawn: readonly number[], req: PopulationRequest): Float64Array {
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

/**
 * Simulates subjects [from, to) of a population run. Use it to split a run across workers; the chunks of
 * any split give the same summary as `simulatePopulation`. With `options.shared` the columns live in
 * SharedArrayBuffers, so that several workers can summarise them (`populationPercentiles`) without copies.
 * @throws RangeError for a bad request (naming the field), before any integration.
 */
export function simulatePopulationChunk(model: PreparedModel, request: PopulationRequest, from: number, to: number,
  options: { readonly shared?: boolean } = {}): PopulationChunk {
  validatePopulation(request);
  checkPopulation(request.n, request.endH, request.stepH, model.spec.outputs.length);
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= request.n && from < to)) {
    throw new RangeError(`chunk: expected whole numbers 0 <= from < to <= n (${request.n}), got from ${from}, to ${to}`);
  }
  const req = populationDefaults(request);
  const variability = resolveVariability(model, req);
  const { values: typical } = resolveParameters(model, req.params, req.presets);
  const count = to - from;
  const nVar = variability.length;
  const parameters = new Float64Array(count * nVar);
  const redraws = variability.map(() => 0);
  const failures: { subject: number; diagnostics: readonly string[] }[] = [];
  const stats = { segments: 0, steps: 0, accepted: 0, rejected: 0, evaluations: 0 };
  // Planned once for the chunk (grid, solver, doses, outputs kept): only the parameters change per subject.
  let plan: RunPlan | undefined;
  let columns: { name: string; unit: string; label: string; values: Float64Array<ArrayBufferLike> }[] = [];
  let keptIndex = new Int32Array(0); // model output index of each chunk column
  let nKept = 0;
  let block: Float64Array | undefined;
  let lastDoses: CompiledModel['doses'] | undefined;
  let inputs: RunInputs | undefined;
  const varied = variability.map((v) => v.parameter);
  let compiledNoVar: CompiledModel | undefined; // without variability every subject is the same model
  let compiler: ModelCompiler | undefined;
  let runner: Runner | undefined;
  // The row sink, made once (like the runner's sample callback: one function for V8 to optimise), writes the
  // current subject's rows at `base` of the block.
  let base = 0;
  let nextRow = 0; // rows arrive in order; any gap or non-finite value sends the subject to simulate()
  let finite = true;
  const sink: RowSink = (row, out) => {
    if (row !== nextRow) finite = false;
    nextRow = row + 1;
    const at = base + row * nKept;
    for (let q = 0; q < nKept; q++) { const v = out[keptIndex[q]!]!; block![at + q] = v; if (v - v !== 0) finite = false; }
  };
  for (let s = from; s < to; s++) {
    const ind = subjectParameters(model, typical, variability, req.seed, s);
    for (let k = 0; k < nVar; k++) {
      parameters[(s - from) * nVar + k] = ind.values[k]!;
      redraws[k]! += ind.redraws[k]!;
    }
    if (!plan) {
      plan = planRun(model, req);
      const nT = plan.timeH.length;
      const kept = plan.keep.filter(Boolean).length;
      if (req.n * nT * kept > MAX_POPULATION_VALUES) {
        throw new RangeError(`n: ${req.n} subjects × ${nT} grid times × ${kept} outputs exceed ${MAX_POPULATION_VALUES} stored values; use fewer subjects or a coarser step`);
      }
      keptIndex = Int32Array.from(model.spec.outputs.flatMap((_, j) => (plan!.keep[j] ? [j] : [])));
      nKept = keptIndex.length;
      columns = Array.from(keptIndex, (j) => {
        const o = model.spec.outputs[j]!;
        return { name: o.name, unit: o.unit, label: o.label ?? o.name, values: options.shared ? new Float64Array(new SharedArrayBuffer(8 * count * nT)) : new Float64Array(count * nT) };
      });
      compiler = modelCompiler(model, { evaluation: plan.evaluation });
      runner = createRunner(plan);
    }
    // The subject's parameters: the typical values with the varied ones replaced (as simulate() would resolve
    // `{ ...req.params, [varied]: value }`; a non-finite draw is left to resolveParameters to report).
    let compiled: CompiledModel;
    if (nVar === 0 && compiledNoVar) {
      compiled = compiledNoVar;
    } else {
      const values = subjectValues(model, plan, varied, ind.values, req);
      compiled = compiler!.compileValues(values);
      if (nVar === 0) compiledNoVar = compiled;
    }
    // Dose inputs change only when a varied parameter moves a lag or a bioavailability.
    if (!inputs || !sameDoses(lastDoses!, compiled.doses)) { inputs = runInputs(plan, compiled); lastDoses = compiled.doses; }
    const nT = plan.timeH.length;
    const off = s - from;
    // The subject's rows go to a block buffer, subject-major (contiguous writes); every BLOCK subjects the
    // block is copied into the time-major chunk columns, BLOCK values per row (writing each subject straight
    // into the time-major columns touches one cache line per value: 2× slower for ldn).
    if (!block) block = new Float64Array(BLOCK * nT * nKept);
    const b = off % BLOCK;
    base = b * nT * nKept;
    nextRow = 0;
    finite = true;
    const run = runner!(compiled, inputs, sink);
    const st = run.stats;
    stats.segments += st.segments; stats.steps += st.steps; stats.accepted += st.accepted;
    stats.rejected += st.rejected; stats.evaluations += st.evaluations;
    if (run.diagnostics.length > 0 || !finite || nextRow !== nT) {
      // A failing subject: rerun it with simulate() for its exact rows (NaN after a failure) and diagnostics.
      const params: Record<string, number> = { ...req.params };
      for (let k = 0; k < nVar; k++) params[varied[k]!] = ind.values[k]!;
      const r = simulate(model, { ...req, params });
      r.columns.forEach((c, q) => { for (let i = 0; i < nT; i++) block![base + i * nKept + q] = c.values[i]!; });
      if (!r.meta.ok) failures.push({ subject: s, diagnostics: r.meta.diagnostics });
    }
    if (b === BLOCK - 1 || s === to - 1) flushBlock(block, b + 1, off - b, count, nT, columns);
  }
  return { from, to, timeH: plan!.timeH, columns, parameters, redraws, failures, stats, solver: plan!.settings };
}

/** Subjects buffered before their rows are copied into the time-major chunk columns. */
const BLOCK = 16;

/**
 * Copies `m` buffered subjects (block layout `[b][row][q]`) to chunk subjects `first`… of the time-major columns
 * (`values[row · count + subject]`).
 */
function flushBlock(block: Float64Array, m: number, first: number, count: number, nT: number,
  columns: readonly { values: Float64Array }[]): void {
  const nKept = columns.length;
  const stride = nT * nKept;
  for (let q = 0; q < nKept; q++) {
    const col = columns[q]!.values;
    for (let i = 0; i < nT; i++) {
      const dst = i * count + first;
      const src = i * nKept + q;
      for (let b = 0; b < m; b++) col[dst + b] = block[b * stride + src]!;
    }
  }
}

/** Whether two parameter sets give the same dose entries (state, fraction, lag). */
function sameDoses(a: CompiledModel['doses'], b: CompiledModel['doses']): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x.state !== y.state || x.fraction !== y.fraction || x.lagH !== y.lagH || x.drug !== y.drug) return false;
  }
  return a.length === b.length;
}

/** Percentile curves of every output over grid times [from, to) (`populationPercentiles`). */
export interface PercentilePart {
  readonly from: number;
  readonly to: number;
  readonly columns: readonly { readonly p05: Float64Array; readonly p50: Float64Array; readonly p95: Float64Array }[];
}

/**
 * The 5th, 50th and 95th percentiles of every output over all subjects of `chunks` at grid times [from, to):
 * the work of `summarizePopulation`, which a pool may split by grid time (the numbers do not depend on the
 * split). The chunks must cover subjects [0, n) exactly (`summarizePopulation` checks it).
 */
export function populationPercentiles(chunks: readonly PopulationChunk[], from: number, to: number): PercentilePart['columns'] {
  const sorted = [...chunks].sort((a, b) => a.from - b.from);
  const n = sorted.reduce((k, c) => k + (c.to - c.from), 0);
  const scratch = new Float64Array(n);
  const sorter = new CoherentPercentiles(n);
  const pc = new Float64Array(PERCENTILES.length);
  return sorted[0]!.columns.map((_, j) => {
    const p05 = new Float64Array(to - from), p50 = new Float64Array(to - from), p95 = new Float64Array(to - from);
    sorter.reset();
    for (let i = from; i < to; i++) {
      let k = 0;
      for (const c of sorted) {
        const m = c.to - c.from;
        scratch.set(c.columns[j]!.values.subarray(i * m, (i + 1) * m), k);
        k += m;
      }
      sorter.compute(scratch, 0, pc);
      p05[i - from] = pc[0]!;
      p50[i - from] = pc[1]!;
      p95[i - from] = pc[2]!;
    }
    return { p05, p50, p95 };
  });
}

/** The parts sorted by first subject. @throws RangeError unless they cover subjects [0, n) exactly (no gap, no overlap). */
function coveringParts<T extends { readonly from: number; readonly to: number }>(parts: readonly T[], n: number, field: string): T[] {
  const sorted = [...parts].sort((a, b) => a.from - b.from);
  let next = 0;
  for (const c of sorted) {
    if (c.from !== next) throw new RangeError(`${field}: expected subjects from ${next}, got ${field === 'chunks' ? 'a chunk' : 'a part'} starting at ${c.from}`);
    next = c.to;
  }
  if (next !== n) throw new RangeError(`${field}: expected subjects up to ${n}, got up to ${next}`);
  return sorted;
}

/**
 * Merges chunks covering subjects [0, n) exactly (in any order) into percentile curves.
 * @param percentiles the curves already computed by `populationPercentiles` over ranges of grid times (e.g. by a
 *   pool's workers); used when they cover the grid, else the curves are computed here.
 * @throws RangeError when chunks overlap, leave a gap or disagree on the grid or columns.
 */
export function summarizePopulation(model: PreparedModel, request: PopulationRequest, chunks: readonly PopulationChunk[],
  percentiles?: readonly PercentilePart[]): PopulationResult {
  validatePopulation(request);
  const req = populationDefaults(request);
  const sorted = coveringParts(chunks, req.n, 'chunks');
  const first = sorted[0]!;
  const timeH = first.timeH;
  const nT = timeH.length;
  for (const c of sorted) {
    if (c.timeH.length !== nT || c.columns.length !== first.columns.length || c.columns.some((col, j) => col.name !== first.columns[j]!.name)) {
      throw new RangeError('chunks: chunks disagree on the grid or the columns (were they made from the same request?)');
    }
  }
  // Percentile curves computed elsewhere (a pool's workers, each over a range of grid times) are used when they
  // cover the grid; otherwise they are computed here.
  const parts = [...(percentiles ?? [])].sort((a, b) => a.from - b.from);
  let covered = 0;
  for (const part of parts) {
    if (part.from !== covered || part.columns.length !== first.columns.length) break;
    covered = part.to;
  }
  const curves = covered === nT && parts.length > 0 ? parts : [{ from: 0, to: nT, columns: populationPercentiles(sorted, 0, nT) }];
  const columns: PopulationColumn[] = first.columns.map((col, j) => {
    const p05 = new Float64Array(nT), p50 = new Float64Array(nT), p95 = new Float64Array(nT);
    for (const part of curves) {
      const c = part.columns[j]!;
      p05.set(c.p05, part.from); p50.set(c.p50, part.from); p95.set(c.p95, part.from);
    }
    return Object.freeze({ name: col.name, unit: col.unit, label: col.label, p05, p50, p95 });
  });
  return populationResult(model, req, timeH, columns, sorted);
}

/** The result and its metadata from the curves and the parts' counts (chunks or lockstep parts, by subject). */
function populationResult(model: PreparedModel, req: PopulationRequest, timeH: Float64Array, columns: PopulationColumn[],
  sorted: readonly Pick<PopulationChunk, 'failures' | 'stats' | 'redraws' | 'solver'>[]): PopulationResult {
  const variability = resolveVariability(model, req);
  const { values: typical, presets } = resolveParameters(model, req.params, req.presets);
  const n = req.n;
  const diagnostics: string[] = [];
  const failures = sorted.flatMap((c) => c.failures);
  if (failures.length) {
    const f = failures[0]!;
    diagnostics.push(`${failures.length} of ${n} subjects failed to integrate (first: subject ${f.subject}: ${f.diagnostics.join('; ')})`);
  }
  const stats = { segments: 0, steps: 0, accepted: 0, rejected: 0, evaluations: 0 };
  for (const c of sorted) {
    stats.segments += c.stats.segments; stats.steps += c.stats.steps; stats.accepted += c.stats.accepted;
    stats.rejected += c.stats.rejected; stats.evaluations += c.stats.evaluations;
  }
  const redraws: Record<string, number> = {};
  variability.forEach((v, k) => { redraws[v.parameter] = sorted.reduce((s, c) => s + c.redraws[k]!, 0); });
  return Object.freeze({
    timeH,
    columns: Object.freeze(columns),
    meta: Object.freeze({
      modelId: model.spec.id,
      modelVersion: model.spec.version,
      parameters: Object.freeze(typical),
      presets: Object.freeze(presets),
      events: Object.freeze(req.events.map((e) => Object.freeze({ ...e }))),
      startClockH: req.startClockH ?? 0,
      n,
      seed: req.seed,
      variability: Object.freeze(variability),
      solver: sorted[0]!.solver,
      percentiles: [...PERCENTILES],
      percentileMethod: 'linear interpolation between order statistics (Hyndman & Fan type 7; numpy.percentile default)',
      redraws: Object.freeze(redraws),
      stats: Object.freeze(stats),
      diagnostics: Object.freeze(diagnostics),
      ok: diagnostics.length === 0,
    }),
  });
}

/** Runs a whole population in this thread: one chunk [0, n), then the summary. */
export function simulatePopulation(model: PreparedModel, req: PopulationRequest): PopulationResult {
  validatePopulation(req);
  return summarizePopulation(model, req, [simulatePopulationChunk(model, req, 0, req.n)]);
}

/**
 * Splits subjects [0, n) into at most `parts` contiguous chunks of nearly equal size, for a pool.
 * @example chunkRanges(10, 3) // [[0, 4], [4, 7], [7, 10]]
 */
export function chunkRanges(n: number, parts: number): [number, number][] {
  const k = Math.max(1, Math.min(n, Math.floor(parts)));
  const out: [number, number][] = [];
  for (let i = 0; i < k; i++) out.push([Math.floor((i * n) / k), Math.floor(((i + 1) * n) / k)]);
  return out;
}

/**
 * The population as RFC 4180 CSV: `time_h,clock_h`, then `<output>_p05,<output>_p50,<output>_p95` per output,
 * one row per grid time, CRLF line ends, numbers as in `toCsv`.
 */
export function populationToCsv(result: PopulationResult): string {
  const header = ['time_h', 'clock_h', ...result.columns.flatMap((c) => [`${c.name}_p05`, `${c.name}_p50`, `${c.name}_p95`])];
  const lines = [header.map(csvField).join(',')];
  const { timeH, columns } = result;
  for (let i = 0; i < timeH.length; i++) {
    const row = [formatNumber(timeH[i]!), formatNumber(clockAt(result.meta.startClockH, timeH[i]!))];
    for (const c of columns) row.push(formatNumber(c.p05[i]!), formatNumber(c.p50[i]!), formatNumber(c.p95[i]!));
    lines.push(row.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * A population run in lockstep (`simulatePopulationLockstep`): every subject's run is cut at the same times (the
 * dose times), so the pool's workers can integrate all their subjects one segment (a dosing interval) at a
 * time into a small shared ring of segment buffers and take the percentiles of each segment's rows once every
 * worker has written it. Memory is a few segments of all subjects (~3 MB each for 1000 subjects × a day at
 * 30 min) instead of every subject's whole run (~90 MB for 28 days of ldn), and the values are read while they
 * are still in cache: in a fresh process, merely touching 90 MB of new memory cost ~120 ms per worker on the
 * benchmark machine.
 * Same numbers as `simulatePopulationChunk` + `summarizePopulation` (the same segment code runs).
 */
export interface LockstepLayout {
  /** Subjects. */
  readonly n: number;
  readonly timeH: Float64Array;
  /** Model output index of each reported column. */
  readonly kept: readonly number[];
  /** Segment boundaries (hours): the run's cuts, the same for every subject. */
  readonly cuts: readonly number[];
  /** First grid row of each segment, then the number of rows: segment c has rows [rows[c], rows[c + 1]). */
  readonly rows: readonly number[];
  /** Most rows of one segment. */
  readonly rowsMax: number;
  /**
   * Segment buffers: up to `LOCKSTEP_BUFFERS`, no more than there are segments, and no more than fit in the rows
   * of the whole grid (one long segment, e.g. a single dose, gets one buffer: the chunked run's memory).
   */
  readonly buffers: number;
}

/**
 * Most segment buffers of a lockstep run: a worker may run this many segments ahead of the slowest one, so that
 * a worker descheduled for a moment (a shared machine) does not stall the others at every segment. Fewer when the
 * segments are long (`LockstepLayout.buffers`), so that a lockstep run never needs more memory than a chunked one.
 */
export const LOCKSTEP_BUFFERS = 4;

/** The shared memory of a lockstep run (`lockstepMemory`): plain data that crosses to workers. */
export interface LockstepMemory {
  /** `layout.buffers` segment buffers (segment c in buffer c mod that), each `[column][row of the segment][subject]`. */
  readonly segments: Float64Array;
  /** Per column, the 5th, 50th and 95th percentile curves: `[(column · 3 + k) · nT + row]`. */
  readonly curves: Float64Array;
  /**
   * Counters: [0] a sequence number bumped at every change (what waiting workers wait on), then per worker w:
   * [1 + 2w] segments it has written, [2 + 2w] segments it has summarised (its share of the columns).
   */
  readonly control: Int32Array;
}

/** What one worker of a lockstep run returns besides the shared curves. */
export type LockstepPart = Pick<PopulationChunk, 'from' | 'to' | 'parameters' | 'redraws' | 'failures' | 'stats' | 'solver'>;

/**
 * The layout of a lockstep run, or undefined when it cannot run in lockstep: a varied parameter moves a dose's
 * lag, so the subjects' segments differ. Checks the request (RangeError naming the field).
 */
export function lockstepLayout(model: PreparedModel, request: PopulationRequest): LockstepLayout | undefined {
  validatePopulation(request);
  const req = populationDefaults(request);
  const varied = new Set(resolveVariability(model, req).map((v) => v.parameter));
  if (model.doses.some((d) => symbolsOf(d.lag).some((k) => varied.has(k)))) return undefined;
  const plan = planRun(model, req);
  const { cuts } = runInputs(plan, compileModel(model, plan.params));
  const kept = model.spec.outputs.flatMap((_, j) => (plan.keep[j] ? [j] : []));
  const nT = plan.timeH.length;
  if (req.n * nT * kept.length > MAX_POPULATION_VALUES) {
    throw new RangeError(`n: ${req.n} subjects × ${nT} grid times × ${kept.length} outputs exceed ${MAX_POPULATION_VALUES} stored values; use fewer subjects or a coarser step`);
  }
  // The rows of each segment, as the segment runner assigns them.
  const rows = [0];
  let g = 0;
  for (let c = 0; c < cuts.length - 1; c++) {
    const b = cuts[c + 1]!;
    const isLast = c === cuts.length - 2;
    while (g < nT && (isLast ? plan.timeH[g]! <= b : plan.timeH[g]! < b)) g++;
    rows.push(g);
  }
  const rowsMax = Math.max(1, ...rows.slice(1).map((r, c) => r - rows[c]!));
  const buffers = Math.max(1, Math.min(LOCKSTEP_BUFFERS, cuts.length - 1, Math.floor(nT / rowsMax)));
  return { n: req.n, timeH: plan.timeH, kept, cuts, rows, rowsMax, buffers };
}

/** Allocates the shared memory of a lockstep run (SharedArrayBuffers). */
export function lockstepMemory(layout: LockstepLayout, workers: number): LockstepMemory {
  const nK = layout.kept.length;
  return {
    segments: new Float64Array(new SharedArrayBuffer(8 * layout.buffers * layout.rowsMax * nK * layout.n)),
    curves: new Float64Array(new SharedArrayBuffer(8 * nK * PERCENTILES.length * layout.timeH.length)),
    control: new Int32Array(new SharedArrayBuffer(4 * (1 + 2 * workers))),
  };
}

/** The least of the workers' counters at offset `k` (1: written, 2: summarised). */
function leastOf(control: Int32Array, k: 1 | 2, workers: number): number {
  let m = Infinity;
  for (let w = 0; w < workers; w++) m = Math.min(m, Atomics.load(control, k + 2 * w));
  return m;
}

/** Advances this worker's counter at offset `k` and wakes the waiting workers. */
function advance(control: Int32Array, k: 1 | 2, worker: number): void {
  Atomics.add(control, k + 2 * worker, 1);
  Atomics.add(control, 0, 1);
  Atomics.notify(control, 0);
}

/**
 * One worker's share of a lockstep run: subjects [from, to) and the percentile curves of its share of the
 * columns. All `workers.count` workers must run it at the same time on the same memory (they wait for each other
 * with `Atomics.wait`, so not on a browser's main thread); afterwards `lockstepResult` builds the result.
 * @throws RangeError for a bad request, before any waiting.
 */
export function simulatePopulationLockstep(model: PreparedModel, request: PopulationRequest, from: number, to: number,
  memory: LockstepMemory, workers: { readonly index: number; readonly count: number }): LockstepPart {
  const layout = lockstepLayout(model, request);
  if (!layout) throw new RangeError('lockstep: a varied parameter moves a dose lag, so subjects do not share segments; use simulatePopulationChunk');
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= request.n && from < to)) {
    throw new RangeError(`chunk: expected whole numbers 0 <= from < to <= n (${request.n}), got from ${from}, to ${to}`);
  }
  const req = populationDefaults(request);
  const variability = resolveVariability(model, req);
  const { values: typical } = resolveParameters(model, req.params, req.presets);
  const plan = planRun(model, req);
  const { n: nAll, timeH, kept, rows, rowsMax, buffers } = layout;
  const nT = timeH.length;
  const nK = kept.length;
  const count = to - from;
  const nVar = variability.length;
  const varied = variability.map((v) => v.parameter);
  const parameters = new Float64Array(count * nVar);
  const redraws = variability.map(() => 0);
  const stats = { segments: 0, steps: 0, accepted: 0, rejected: 0, evaluations: 0 };
  const compiler = modelCompiler(model, { evaluation: plan.evaluation });
  const segment = createSegmentRunner(plan);

  // Every subject's parameters, compiled model, inputs and state, before the first segment.
  const compiled: CompiledModel[] = [];
  const inputs: RunInputs[] = [];
  const states: RunState[] = [];
  for (let s = from; s < to; s++) {
    const ind = subjectParameters(model, typical, variability, req.seed, s);
    for (let k = 0; k < nVar; k++) {
      parameters[(s - from) * nVar + k] = ind.values[k]!;
      redraws[k]! += ind.redraws[k]!;
    }
    const c = compiler.compileValues(subjectValues(model, plan, varied, ind.values, req));
    // Dose inputs change only when a varied parameter moves a bioavailability (a varied lag is refused above).
    const previous = compiled[compiled.length - 1];
    let run = inputs[inputs.length - 1];
    if (!previous || !run || !sameDoses(previous.doses, c.doses)) {
      run = runInputs(plan, c);
      if (run.cuts.length !== layout.cuts.length || run.cuts.some((t, i) => t !== layout.cuts[i])) {
        throw new Error(`lockstep: subject ${s} has other segment times than the layout (internal error)`);
      }
    }
    compiled.push(c);
    inputs.push(run);
    states.push({ y: Float64Array.from(c.y0), k: 0, g: 0 });
  }

  const { segments, curves, control } = memory;
  const bufferSize = rowsMax * nK * nAll;
  // The row sink writes the current subject's rows into the current segment buffer.
  let base = 0; // segment buffer offset
  let rowStart = 0; // first grid row of the segment
  let subject = 0; // global subject index
  let nextRow = 0;
  let finite = true;
  const sink: RowSink = (row, out) => {
    if (row !== nextRow) finite = false;
    nextRow = row + 1;
    const at = base + (row - rowStart) * nAll + subject;
    for (let q = 0; q < nK; q++) {
      const v = out[kept[q]!]!;
      segments[at + q * rowsMax * nAll] = v;
      if (v - v !== 0) finite = false;
    }
  };
  const failed = new Uint8Array(count); // 1: the run stopped (later rows NaN); 2: some output was not finite
  const [qFrom, qTo] = chunkRanges(nK, workers.count)[workers.index] ?? [0, 0];
  const sorters = Array.from({ length: nK }, (_, q) => (q >= qFrom && q < qTo ? new CoherentPercentiles(nAll) : undefined));
  const pc = new Float64Array(PERCENTILES.length);
  const nSeg = rows.length - 1;
  const W = workers.count;
  if (control.length < 1 + 2 * W) throw new RangeError(`lockstep: the memory was made for fewer than ${W} workers`);
  const me = workers.index;

  /** Integrates every subject of this worker over segment c into its buffer. */
  const write = (c: number): void => {
    base = (c % buffers) * bufferSize;
    rowStart = rows[c]!;
    const rowEnd = rows[c + 1]!;
    for (let i = 0; i < count; i++) {
      subject = from + i;
      nextRow = rowStart;
      if (failed[i] !== 1) {
        compiler.select(compiled[i]!);
        finite = true;
        const why = segment(compiled[i]!, inputs[i]!, c, states[i]!, sink, stats);
        if (why || nextRow !== rowEnd) failed[i] = 1;
        else if (!finite && failed[i] === 0) failed[i] = 2;
      }
      for (let r = nextRow; r < rowEnd; r++) {
        for (let q = 0; q < nK; q++) segments[base + (q * rowsMax + r - rowStart) * nAll + subject] = NaN;
      }
    }
  };
  /** The percentiles of this worker's columns over segment c (every worker has written it). */
  const summarise = (c: number): void => {
    const at0 = (c % buffers) * bufferSize;
    for (let q = qFrom; q < qTo; q++) {
      const sorter = sorters[q]!;
      for (let r = rows[c]!; r < rows[c + 1]!; r++) {
        sorter.compute(segments, at0 + (q * rowsMax + r - rows[c]!) * nAll, pc);
        for (let k = 0; k < PERCENTILES.length; k++) curves[(q * PERCENTILES.length + k) * nT + r] = pc[k]!;
      }
    }
  };
  // A pipeline rather than a barrier per segment: summarise the next segment once everyone has written it, else
  // write ahead while a buffer is free (segment c reuses the buffer of c − buffers, free once every
  // worker has summarised that), else wait for another worker to move.
  let written = 0, summarised = 0;
  while (summarised < nSeg) {
    const seq = Atomics.load(control, 0);
    if (leastOf(control, 1, W) > summarised) {
      summarise(summarised++);
      advance(control, 2, me);
    } else if (written < nSeg && leastOf(control, 2, W) > written - buffers) {
      write(written++);
      advance(control, 1, me);
    } else {
      Atomics.wait(control, 0, seq);
    }
  }

  // Subjects whose run stopped or gave non-finite values: their diagnostics, as the chunk path reports them.
  const failures: { subject: number; diagnostics: readonly string[] }[] = [];
  failed.forEach((f, i) => {
    if (f === 0) return;
    const params: Record<string, number> = { ...req.params };
    for (let k = 0; k < nVar; k++) params[varied[k]!] = parameters[i * nVar + k]!;
    const r = simulate(model, { ...req, params });
    if (!r.meta.ok) failures.push({ subject: from + i, diagnostics: r.meta.diagnostics });
  });
  return { from, to, parameters, redraws, failures, stats, solver: plan.settings };
}

/** The population result of a lockstep run from its workers' parts (covering subjects [0, n)) and memory. */
export function lockstepResult(model: PreparedModel, request: PopulationRequest, layout: LockstepLayout, memory: LockstepMemory,
  parts: readonly LockstepPart[]): PopulationResult {
  validatePopulation(request);
  const req = populationDefaults(request);
  const sorted = coveringParts(parts, req.n, 'parts');
  const nT = layout.timeH.length;
  const P = PERCENTILES.length;
  const columns: PopulationColumn[] = layout.kept.map((j, q) => {
    const o = model.spec.outputs[j]!;
    const curve = (k: number) => memory.curves.slice((q * P + k) * nT, (q * P + k + 1) * nT);
    return Object.freeze({ name: o.name, unit: o.unit, label: o.label ?? o.name, p05: curve(0), p50: curve(1), p95: curve(2) });
  });
  return populationResult(model, req, layout.timeH, columns, sorted);
}
