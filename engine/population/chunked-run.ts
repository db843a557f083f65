/** Chunked runs: subjects [from, to) of a population in this thread, returned as plain, transferable data. */
import { checkPopulation } from '../input-limits';
import type { PreparedModel } from '../model/load';
import { createRunner, planRun, resolveParameters, runInputs, simulate, type RowSink, type RunInputs, type RunPlan, type Runner } from '../simulate';
import { modelCompiler, type CompiledModel, type ModelCompiler } from '../model/compile';
import { MAX_POPULATION_VALUES, type PopulationChunk, type PopulationRequest } from './types';
import { populationDefaults, resolveVariability, subjectParameters, subjectValues, validatePopulation } from './sampling';
import { populationPercentiles, simulatePopulation } from './summary';

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
    if (!inputs || inputs.perSubject || !sameDoses(lastDoses!, compiled.doses)) { inputs = runInputs(plan, compiled); lastDoses = compiled.doses; }
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
export function sameDoses(a: CompiledModel['doses'], b: CompiledModel['doses']): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x.state !== y.state || x.fraction !== y.fraction || x.lagH !== y.lagH || x.drug !== y.drug) return false;
  }
  return a.length === b.length;
}
