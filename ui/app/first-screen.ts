/**
 * The app's pre-rendered first screen (issue #18): the default scenario's result and the model specs the first
 * screen reads, computed by the engine at build time (scripts/first-screen-plugin.ts) and shipped in the app's
 * first chunk. The scenario controller draws it at once when the page's link names no scenario, then creates the
 * worker and replaces it with the live run (ui/app/scenario-controller.ts).
 */
import data from 'virtual:ldn-first-screen';
import type { ApiSimulationRequest } from '../../engine/api';
import type { ModelSpec } from '../../engine/model/types';
import type { SimulationResult } from '../../engine/result';
import { firstScreenResultFor } from './first-screen-codec';

/** The built-in models' specs as the first screen reads them (the worker's full specs replace them). */
export function firstScreenSpecs(): ModelSpec[] {
  return [...data.specs];
}

/** The pre-rendered result for `req`, or null when `req` is not exactly the request it was computed for. */
export function firstScreenResult(req: ApiSimulationRequest): SimulationResult | null {
  return firstScreenResultFor(data, req);
}
