/**
 * The built-in models as the simulation worker serves them: the default model (`ldn`) at hand, the others loaded
 * on first use, each a chunk of the worker's build, so that a first curve of the default model does not wait for
 * them. Ids, titles and versions are listed here so that a model list needs no model's code;
 * test/models/catalog.test.ts checks them against the specs and the order against `models/index.ts`. Node code
 * (CLI, tests) uses the synchronous library in `models/registry.ts`.
 */
import type { ModelInfo } from '../engine/api';
import type { PreparedModel } from '../engine/model/load';
import type { ModelSpec } from '../engine/model/types';
import { ldnPrepared } from './ldn-prepared';

/** A built-in model's id, title and version, and how to get its spec (and, where it is at hand, its prepared model). */
export interface CatalogEntry extends ModelInfo {
  load(): Promise<ModelSpec>;
  /** The model prepared ahead (its spec is the compute spec); without it, the spec is validated and parsed on first use. */
  readonly prepared?: PreparedModel;
}

/** The built-in models, the default first (as `models/index.ts` `MODELS`). */
export const MODEL_CATALOG: readonly CatalogEntry[] = [
  {
    // Prepared ahead, without its texts (models/ldn-prepared.ts); the full spec, with its sources, on first `catalogSpec`.
    id: 'ldn', title: 'Low-dose naltrexone: PK, brain receptor blockade and rebound', version: ldnPrepared.spec.version,
    load: () => import('./ldn').then((m) => m.ldn), prepared: ldnPrepared,
  },
  {
    id: 'one-compartment', title: 'One-compartment, first-order oral absorption', version: '1.0.0',
    load: () => import('./one-compartment').then((m) => m.oneCompartment),
  },
  {
    id: 'two-compartment', title: 'Two-compartment, first-order oral absorption or IV', version: '1.0.0',
    load: () => import('./two-compartment').then((m) => m.twoCompartment),
  },
];

const specs = new Map<string, Promise<ModelSpec>>();
const models = new Map<string, Promise<PreparedModel>>();

/** The catalog entry with this id. @throws RangeError listing the valid ids (as `models/registry.ts`). */
function entryOf(id: string): CatalogEntry {
  const e = MODEL_CATALOG.find((m) => m.id === id);
  if (!e) throw new RangeError(`model: no built-in model ${JSON.stringify(id)}; available: ${MODEL_CATALOG.map((m) => m.id).join(', ')}`);
  return e;
}

/** A promise kept per id, dropped when it fails, so that the next call tries again. */
function cached<T>(map: Map<string, Promise<T>>, id: string, make: () => Promise<T>): Promise<T> {
  let p = map.get(id);
  if (!p) {
    p = make();
    map.set(id, p);
    p.catch(() => map.delete(id));
  }
  return p;
}

/** The models' ids, titles and versions, default first (no model is loaded). */
export function catalogInfos(): ModelInfo[] {
  return MODEL_CATALOG.map(({ id, title, version }) => ({ id, title, version }));
}

/**
 * A built-in model's spec, loaded on first use (the spec object itself, as `models/registry.ts` `modelSpec`).
 * Rejects with a RangeError listing the valid ids for an unknown id.
 */
export function catalogSpec(id: string): Promise<ModelSpec> {
  return cached(specs, id, async () => entryOf(id).load());
}

/**
 * A built-in model (default: the first): the one prepared ahead (`ldn`), or loaded on first use, then validated
 * and parsed once (in a library of its own, so that a scenario still names it by id; the validator comes with the
 * first such model). Rejects as `catalogSpec`.
 */
export function catalogModel(id: string = MODEL_CATALOG[0]!.id): Promise<PreparedModel> {
  return cached(models, id, async () => {
    const entry = entryOf(id);
    if (entry.prepared) return entry.prepared;
    const [{ createModelLibrary }, spec] = await Promise.all([import('../engine/library'), catalogSpec(id)]);
    return createModelLibrary([spec]).model();
  });
}

/**
 * A built-in model's compute spec (engine/model/compute-spec.ts: names, values, units, bounds, ranges, presets,
 * no prose): the prepared model's own spec where there is one (asking for it never loads the full spec), else
 * derived from the spec. Rejects as `catalogSpec`.
 */
export async function catalogComputeSpec(id: string): Promise<ModelSpec> {
  const { prepared } = entryOf(id);
  if (prepared) return prepared.spec;
  const [{ computeSpec }, spec] = await Promise.all([import('../engine/model/compute-spec'), catalogSpec(id)]);
  return computeSpec(spec);
}
