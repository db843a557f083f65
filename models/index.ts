import type { ModelSpec } from '../engine/model/types';
import { ldn } from './ldn';
import { oneCompartment } from './one-compartment';
import { twoCompartment } from './two-compartment';

/** The model library (mrgsolve's `modlib`): every built-in model, by id. The first is the default. */
export const MODELS: readonly ModelSpec[] = [ldn, oneCompartment, twoCompartment];

/** Id of the model used when none is named. */
export const DEFAULT_MODEL_ID = 'ldn';
