import type { ModelSpec } from './model/types';
import type { SimulationRequest } from './simulate';
import type { SimulationResult } from './result';
import type { PopulationChunk, PopulationRequest } from './population';
import type { SweepRequest, SweepResult } from './sweep';
import type { SensitivityRequest, SensitivityResult } from './sensitivity';

/** A simulation request as it crosses to a worker: a built-in model id or a full model spec, plus the run. */
export interface ApiSimulationRequest extends SimulationRequest {
  /** Built-in model id (default: the library's default model). Ignored when `model` is given. */
  readonly modelId?: string;
  /** A complete model (e.g. a researcher's custom model); validated in the worker. */
  readonly model?: ModelSpec;
}

/** Summary of a built-in model for pickers. */
export interface ModelInfo {
  readonly id: string;
  readonly title: string;
  readonly version: string;
}

/**
 * The typed worker interface (comlink): the worker `expose()`s an implementation, the page
 * `wrap<SimulationApi>()`s it. Only structured-cloneable data crosses; result columns come back as transferred
 * `Float64Array`s.
 */
export interface SimulationApi {
  listModels(): Promise<ModelInfo[]> | ModelInfo[];
  getModel(id: string): Promise<ModelSpec> | ModelSpec;
  /**
   * A built-in model's compute spec (engine/model/compute-spec.ts): its names, values, units, ranges, bounds and
   * presets without its prose, for a page that checks a scenario against the model but shows none of its texts
   * (the widget). Cheaper than `getModel`: the worker has it at hand for the default model.
   */
  getComputeSpec(id: string): Promise<ModelSpec> | ModelSpec;
  simulate(req: ApiSimulationRequest): Promise<SimulationResult> | SimulationResult;
  /**
   * Subjects [fromSubject, toSubject) of a population run (engine/population.ts `simulatePopulationChunk`), so
   * a pool can split a run across workers; the page merges the chunks with `summarizePopulation` (cheap).
   * Subject i depends only on the seed and i, so any split gives the same bands. Transfer the chunk's
   * `timeH`, `parameters` and column buffers.
   */
  simulatePopulationChunk?(req: ApiModelRef & PopulationRequest, fromSubject: number, toSubject: number): Promise<PopulationChunk> | PopulationChunk;
  /** Grid points [from, to) of a sweep (engine/sweep.ts `runSweep`); concatenate the rows of the parts. */
  sweep?(req: ApiModelRef & SweepRequest, from?: number, to?: number): Promise<SweepResult> | SweepResult;
  /** Normalised local sensitivities (engine/sensitivity.ts), for the tornado chart. */
  sensitivity?(req: ApiModelRef & SensitivityRequest): Promise<SensitivityResult> | SensitivityResult;
}

/** Which model a request runs: a built-in id or a full (custom) spec, as in `ApiSimulationRequest`. */
export interface ApiModelRef {
  readonly modelId?: string;
  readonly model?: ModelSpec;
}
