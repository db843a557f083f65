/** Merging chunks into percentile curves and a result with its metadata; splitting subjects into chunks. */
import type { PreparedModel } from '../model/load';
import { resolveParameters } from '../simulate';
import { PERCENTILES, type PopulationChunk, type PopulationColumn, type PopulationRequest, type PopulationResult } from './types';
import { CoherentPercentiles, percentile } from './percentiles';
import { populationDefaults, resolveVariability, validatePopulation } from './sampling';
import { simulatePopulationChunk } from './chunked-run';

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
export function coveringParts<T extends { readonly from: number; readonly to: number }>(parts: readonly T[], n: number, field: string): T[] {
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
export function populationResult(model: PreparedModel, req: PopulationRequest, timeH: Float64Array, columns: PopulationColumn[],
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
