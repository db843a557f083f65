/**
 * A model library (mrgsolve's `modlib`): a set of model specs, by id, each validated and parsed once per process
 * (or worker). The engine knows no particular model: the built-in library is built in `models/registry.ts` from
 * the models' own files and handed to whoever needs it (CLI, workers, UI).
 */
import { prepareModel, type PreparedModel } from './model/load';
import type { ModelSpec } from './model/types';

/** A set of models, by id. */
export interface ModelLibrary {
  /** Id of the model used when none is named (the first spec's). */
  readonly defaultId: string;
  /** Ids of the models, default first. */
  ids(): string[];
  /** The spec with this id. @throws RangeError listing the valid ids. */
  spec(id: string): ModelSpec;
  /** The model with this id (default: `defaultId`), validated and parsed once. @throws RangeError for an unknown id. */
  model(id?: string): PreparedModel;
  /** True when `model` is this library's model unchanged (its spec is the library's own object). */
  has(model: PreparedModel): boolean;
}

/** Every library's specs: a scenario names a model with one of these specs by id instead of embedding the spec. */
const librarySpecs = new WeakSet<ModelSpec>();

/** True when `model` is a library's model unchanged: its spec is a library's own object (see `ModelLibrary.has`). */
export function isLibraryModel(model: PreparedModel): boolean {
  return librarySpecs.has(model.spec);
}

/**
 * Builds a library from specs; the first is the default.
 * @throws RangeError when the list is empty or two specs share an id.
 */
export function createModelLibrary(specs: readonly ModelSpec[]): ModelLibrary {
  if (specs.length === 0) throw new RangeError('model library: expected at least one model');
  const ids = specs.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw new RangeError(`model library: two models have the id ${JSON.stringify(dup)}`);
  for (const s of specs) librarySpecs.add(s);
  const defaultId = ids[0]!;
  const cache = new Map<string, PreparedModel>();
  const spec = (id: string): ModelSpec => {
    const s = specs.find((m) => m.id === id);
    if (!s) throw new RangeError(`model: no built-in model ${JSON.stringify(id)}; available: ${ids.join(', ')}`);
    return s;
  };
  return {
    defaultId,
    ids: () => [...ids],
    spec,
    model(id = defaultId) {
      let m = cache.get(id);
      if (!m) {
        m = prepareModel(spec(id));
        cache.set(id, m);
      }
      return m;
    },
    has: (m) => ids.includes(m.spec.id) && spec(m.spec.id) === m.spec,
  };
}
