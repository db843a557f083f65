/**
 * Loading the engine's optional features on first use (engine/features.ts), for a host that downloads code, the
 * simulation worker: each `import()` becomes a chunk of the worker's build, fetched the first time a request
 * needs it. Registering is the imported module's (or its loader's) business; after `loadFeatures` resolves, the
 * engine finds the features synchronously.
 */
import type { DoseEvent } from './dosing';
import { hasFeature, registerFeature, type FeatureName } from './features';
import { usesRecordFields } from './record-fields';

const LOADERS: { readonly [K in FeatureName]: () => Promise<unknown> } = {
  dopri5: () => import('./dopri5').then((m) => registerFeature('dopri5', m.dopri5Integrator)),
  odex: () => import('./odex').then((m) => registerFeature('odex', m.odexIntegrator)),
  records: () => import('./records-feature'),
  generated: () => import('./generated-feature'),
};

const loading = new Map<FeatureName, Promise<unknown>>();

/** Loads and registers these features (each once; already registered ones cost nothing). */
export async function loadFeatures(names: readonly FeatureName[]): Promise<void> {
  await Promise.all(names.filter((n) => !hasFeature(n)).map((n) => {
    let p = loading.get(n);
    if (!p) {
      p = LOADERS[n]();
      // A failed download may be retried by the next request.
      p.catch(() => loading.delete(n));
      loading.set(n, p);
    }
    return p;
  }));
}

/** What a request's features depend on: its solver method and its records (a subset of `SimulationRequest`). */
export interface FeatureNeeds {
  readonly events?: readonly DoseEvent[] | unknown;
  readonly solver?: { readonly method?: string | unknown } | unknown;
  readonly evaluation?: string | unknown;
}

/**
 * The optional features a simulation request needs: its `solver.method` (dopri5, odex), `records` when its
 * events use NONMEM's fields, and `generated` for `evaluation: 'generated'` (a host that changed the default
 * evaluation with `setDefaultEvaluation` loads it itself). Malformed requests need nothing here: the engine then names the bad field.
 */
export function featuresFor(req: FeatureNeeds): FeatureName[] {
  const out: FeatureName[] = [];
  const method = (req.solver as { method?: unknown } | undefined)?.method;
  if (method === 'dopri5' || method === 'odex') out.push(method);
  if (req.evaluation === 'generated') out.push('generated');
  if (Array.isArray(req.events) && req.events.every((e) => typeof e === 'object' && e !== null) && usesRecordFields(req.events as DoseEvent[])) {
    out.push('records');
  }
  return out;
}
