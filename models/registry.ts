/**
 * The built-in model library, handed to the engine by those who run models (CLI, workers, UI, tests). The engine
 * itself knows no particular model (dependency direction `ui → workers → engine ← models`).
 */
import { createModelLibrary, type ModelLibrary } from '../engine/library';
import type { PreparedModel } from '../engine/model/load';
import type { ModelSpec } from '../engine/model/types';
import { MODELS } from './index';

/** The built-in models (`ldn`, the default; `one-compartment`; `two-compartment`). */
export const BUILTIN_MODELS: ModelLibrary = createModelLibrary(MODELS);

/** Id of the model used when none is named. */
export const DEFAULT_MODEL_ID: string = BUILTIN_MODELS.defaultId;

/** Ids of the built-in models, default first. */
export function modelIds(): string[] {
  return BUILTIN_MODELS.ids();
}

/** The built-in model spec with this id. @throws RangeError listing the valid ids. */
export function modelSpec(id: string): ModelSpec {
  return BUILTIN_MODELS.spec(id);
}

/** A built-in model, validated and parsed once per process (or worker). @throws RangeError for an unknown id. */
export function builtinModel(id: string = DEFAULT_MODEL_ID): PreparedModel {
  return BUILTIN_MODELS.model(id);
}
