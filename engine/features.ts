/**
 * The engine's optional features, registered by whoever runs the engine. A default simulation (dop853, bolus
 * doses, closures) needs none of them, so the simulation worker starts without their code and loads each on
 * first use (engine/feature-loaders.ts); in Node, `engine/simulate.ts` (and so `engine/index.ts`) registers all
 * of them at import (engine/all-features.ts), and the engine stays synchronous.
 *
 * A request that needs a feature nobody registered never falls back to something else: the engine throws a
 * `MissingFeatureError` naming it (a programming error of the host, not bad input).
 */
import type { CompiledModel } from './model/compile';
import type { PreparedModel } from './model/load';
import type { DoseEvent } from './dosing';
import type { Integrator } from './integrate';
import type { BuiltInputs, IntervalIntegrator } from './records';
import type { denseKernelsOf, generatedFor } from './model/generated';
import { dop853Integrator } from './dop853';

/** NONMEM-style dosing records (`cmt`, `rate`, `dur_h`, `ss`, `evid`; engine/records.ts) with their steady states. */
export interface RecordsFeature {
  /** engine/records.ts `buildInputs`. */
  buildInputs(events: readonly DoseEvent[], compiled: CompiledModel, endH: number, atol: readonly number[],
    integrateInterval: IntervalIntegrator, readStates?: readonly boolean[], compiledOf?: (record: number) => CompiledModel,
    ssRtol?: number, linear?: boolean): BuiltInputs;
  /** engine/linear-steady-state.ts `isLinearModel`: steady states of such a model are solved in closed form. */
  isLinearModel(model: PreparedModel): boolean;
  /** engine/steady-state.ts `STEADY_STATE.rtol`: the steady states' own relative tolerance. */
  readonly steadyStateRtol: number;
  /** engine/records-check.ts `checkRecordsForModel`. */
  checkRecordsForModel(model: PreparedModel, events: readonly DoseEvent[]): void;
  /** engine/output-times.ts `withRecordTimes`: rows at `evid` 2 records. */
  withRecordTimes(grid: Float64Array, events: readonly DoseEvent[]): Float64Array;
}

/**
 * `generated` evaluation (`SimulationRequest.evaluation`; engine/model/generated.ts): a model written out as JS,
 * with dopri5's kernels for it.
 */
export interface GeneratedFeature {
  readonly generatedFor: typeof generatedFor;
  readonly denseKernelsOf: typeof denseKernelsOf;
}

/** The optional features, by name, and what each registers. */
export interface EngineFeatures {
  /** The dopri5 integrator (`solver.method: 'dopri5'`; populations' default). */
  readonly dopri5: Integrator;
  /** Hairer's extrapolation code via the odex package (`solver.method: 'odex'`). */
  readonly odex: Integrator;
  /** Records with NONMEM's fields and steady states. */
  readonly records: RecordsFeature;
  /** `generated` evaluation (a page under a strict CSP evaluates with closures and never needs it). */
  readonly generated: GeneratedFeature;
}

/** A feature's name. */
export type FeatureName = keyof EngineFeatures;

/** Names a request may give as `solver.method`. */
export const INTEGRATOR_NAMES = ['dop853', 'dopri5', 'odex'] as const;
/** An integrator's name (`solver.method`). */
export type IntegratorName = (typeof INTEGRATOR_NAMES)[number];
/** The integrator a request gets when it names none: always present (no feature to load). */
export const DEFAULT_INTEGRATOR: IntegratorName = 'dop853';

/** Thrown when a request needs a feature the host has not registered (see this module's description). */
export class MissingFeatureError extends Error {
  constructor(readonly feature: FeatureName) {
    super(`engine: the feature "${feature}" is not registered; import engine/all-features.ts (Node: engine/simulate.ts does) ` +
      `or await loadFeatures(["${feature}"]) from engine/feature-loaders.ts before running this request`);
    this.name = 'MissingFeatureError';
  }
}

const registered: { -readonly [K in FeatureName]?: EngineFeatures[K] } = {};

/** Registers a feature's implementation (idempotent: a second registration replaces the first). */
export function registerFeature<K extends FeatureName>(name: K, impl: EngineFeatures[K]): void {
  registered[name] = impl;
}

/** Whether a feature is registered. */
export function hasFeature(name: FeatureName): boolean {
  return registered[name] !== undefined;
}

/** A registered feature. @throws MissingFeatureError when it is not registered. */
export function feature<K extends FeatureName>(name: K): EngineFeatures[K] {
  const impl = registered[name];
  if (impl === undefined) throw new MissingFeatureError(name);
  return impl as EngineFeatures[K];
}

/**
 * The integrator with this name: dop853 always, the others once registered.
 * @throws RangeError listing the valid names; MissingFeatureError for a valid name not registered.
 */
export function integratorByName(name: string): Integrator {
  if (!(INTEGRATOR_NAMES as readonly string[]).includes(name)) {
    throw new RangeError(`solver.method: expected one of ${INTEGRATOR_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  }
  return name === 'dop853' ? dop853Integrator : feature(name as 'dopri5' | 'odex');
}
