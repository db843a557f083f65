/**
 * One simulation worker pool for every widget on the page (created when the first widget connects), and the
 * models' compute specs it reports, fetched once per model. Each widget runs on its own channels of the pool, so widgets
 * never drop each other's requests ("latest wins" is per channel, see `workers/pool.ts`).
 */
import type { ModelSpec } from '../../engine/model/types';
import { SimulationPool } from '../../workers/pool';

let pool: SimulationPool | null = null;
let defaultId: Promise<string> | null = null;
const specs = new Map<string, Promise<ModelSpec>>();

/** Workers in the shared pool: two at most (a page of widgets is many small runs, not one long one). */
export const SHARED_POOL_SIZE = 2;

/** The page's pool, created on first use. */
export function sharedPool(): SimulationPool {
  if (!pool) {
    const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
    pool = new SimulationPool({ size: Math.min(SHARED_POOL_SIZE, cores) });
  }
  return pool;
}

/** Id of the library's default model (asked from the worker, so the page never loads the model library). */
export function defaultModelId(): Promise<string> {
  defaultId ??= Promise.resolve(sharedPool().listModels()).then((list) => {
    const first = list[0];
    if (!first) throw new Error('the model library is empty');
    return first.id;
  });
  return defaultId;
}

/**
 * A built-in model's compute spec (names, values, units, bounds, ranges and presets, no prose: all the widget reads
 * of a spec; engine/model/compute-spec.ts), fetched once per id. Rejects with the worker's message (listing the valid ids) for an
 * unknown id; a rejected id is not cached, so a corrected attribute tries again.
 */
export function modelSpecFor(id: string): Promise<ModelSpec> {
  let p = specs.get(id);
  if (!p) {
    p = Promise.resolve(sharedPool().getComputeSpec(id));
    specs.set(id, p);
    p.catch(() => specs.delete(id));
  }
  return p;
}

/** Ends the workers (tests; a page never needs to). The next widget creates a fresh pool. */
export function disposeSharedPool(): void {
  pool?.dispose();
  pool = null;
  defaultId = null;
  specs.clear();
}
