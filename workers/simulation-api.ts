/**
 * The implementation of `SimulationApi` that runs inside a worker (and, for tests, anywhere). The model is
 * prepared and compiled here, next to the integrator; only plain data crosses the boundary, and result columns
 * are handed back as transferables, so a 28-day run is moved, not copied. The engine's optional features
 * (engine/features.ts) are loaded when a request first needs them, so the worker a first curve waits for holds
 * only the default path (dop853, bolus doses); the research methods bring every feature with them.
 */
import { transfer } from 'comlink';
import type { ApiModelRef, ApiSimulationRequest, ModelInfo, SimulationApi } from '../engine/api';
import { catalogComputeSpec, catalogInfos, catalogModel, catalogSpec } from '../models/catalog';
import type { ModelSpec } from '../engine/model/types';
import type { SimulationResult } from '../engine/result';
import { simulate } from '../engine/simulate-core';
import { featuresFor, loadFeatures } from '../engine/feature-loaders';
import type { PreparedModel } from '../engine/model/load';

/** The research methods, loaded on first use (a chunk of their own; see research-api.ts). */
const research = () => import('./research-api');

/**
 * The model a request names: its full (custom) spec, validated here (the validator is a chunk loaded with the first
 * custom model: the default model comes prepared), or a built-in id (loaded on first use).
 */
async function modelOf(req: ApiModelRef): Promise<PreparedModel> {
  return req.model ? (await import('../engine/model/load')).prepareModel(req.model) : catalogModel(req.modelId);
}

/** The buffers of a result's `Float64Array`s, for a transfer list. */
export function resultBuffers(result: SimulationResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([result.timeH.buffer as ArrayBuffer]);
  for (const c of result.columns) buffers.add(c.values.buffer as ArrayBuffer);
  return [...buffers];
}

export function createSimulationApi(): SimulationApi {
  return {
    listModels(): ModelInfo[] {
      return catalogInfos();
    },
    getModel(id: string): Promise<ModelSpec> {
      return catalogSpec(id);
    },
    getComputeSpec(id: string): Promise<ModelSpec> {
      return catalogComputeSpec(id);
    },
    async simulate(req: ApiSimulationRequest): Promise<SimulationResult> {
      // The optional engine features this request needs (odex, dopri5, records), each a chunk loaded on first use.
      const [model] = await Promise.all([modelOf(req), loadFeatures(featuresFor(req))]);
      const result = simulate(model, req);
      return transfer(result, resultBuffers(result));
    },
    async simulatePopulationChunk(req, from, to) {
      return (await research()).populationChunk(await modelOf(req), req, from, to);
    },
    async sweep(req, from, to) {
      return (await research()).sweep(await modelOf(req), req, from, to);
    },
    async sensitivity(req) {
      return (await research()).sensitivities(await modelOf(req), req);
    },
  };
}
