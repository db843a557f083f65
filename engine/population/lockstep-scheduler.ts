/** The lockstep scheduler: workers go through the dosing intervals together, sharing memory for the percentiles. */
import type { PreparedModel } from '../model/load';
import { createSegmentRunner, planRun, resolveParameters, runInputs, simulate, type RowSink, type RunInputs, type RunState } from '../simulate';
import { compileModel, modelCompiler, type CompiledModel } from '../model/compile';
import { usesRecordFields } from '../records';
import { symbolsOf } from '../expr/ast';
import { MAX_POPULATION_VALUES, PERCENTILES, type PopulationChunk, type PopulationColumn, type PopulationRequest, type PopulationResult } from './types';
import { CoherentPercentiles, percentile, select } from './percentiles';
import { populationDefaults, resolveVariability, subjectParameters, subjectValues, validatePopulation } from './sampling';
import { sameDoses, simulatePopulationChunk } from './chunked-run';
import { chunkRanges, coveringParts, populationResult, summarizePopulation } from './summary';

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
  // NONMEM's fields (engine/records.ts): infusion ends and steady states may differ between subjects.
  if (usesRecordFields(req.events)) return undefined;
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
