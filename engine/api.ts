import type { ModelSpec } from './model/types';
import type { SimulationRequest } from './simulate';
import type { SimulationResult } from './result';

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
  simulate(req: ApiSimulationRequest): Promise<SimulationResult> | SimulationResult;
}
