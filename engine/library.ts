import { MODELS, DEFAULT_MODEL_ID } from '../models/index';
import { prepareModel, type PreparedModel } from './model/load';
import type { ModelSpec } from './model/types';

const cache = new Map<string, PreparedModel>();

/** Ids of the built-in models, default first. */
export function modelIds(): string[] {
  return MODELS.map((m) => m.id);
}

/** The built-in model spec with this id. @throws RangeError listing the valid ids. */
export function modelSpec(id: string): ModelSpec {
  const spec = MODELS.find((m) => m.id === id);
  if (!spec) throw new RangeError(`model: no built-in model ${JSON.stringify(id)}; available: ${modelIds().join(', ')}`);
  return spec;
}

/** A built-in model, validated and parsed once per process (or worker). */
export function builtinModel(id: string = DEFAULT_MODEL_ID): PreparedModel {
  let m = cache.get(id);
  if (!m) {
    m = prepareModel(modelSpec(id));
    cache.set(id, m);
  }
  return m;
}

export { DEFAULT_MODEL_ID };
