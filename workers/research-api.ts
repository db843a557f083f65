/**
 * The worker's research methods (population chunks, sweeps, sensitivities): a chunk of their own, loaded by the
 * worker the first time the Research tab asks for one, so the worker a first curve waits for stays small.
 */
import { transfer } from 'comlink';
import type { ApiModelRef } from '../engine/api';
import type { PreparedModel } from '../engine/model/load';
import { simulatePopulationChunk, type PopulationChunk, type PopulationRequest } from '../engine/population';
import { runSweep, type SweepRequest } from '../engine/sweep';
import { sensitivity, type SensitivityRequest } from '../engine/sensitivity';

/** The buffers of a population chunk, for a transfer list. */
export function chunkBuffers(chunk: PopulationChunk): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([chunk.timeH.buffer as ArrayBuffer, chunk.parameters.buffer as ArrayBuffer]);
  for (const c of chunk.columns) buffers.add(c.values.buffer as ArrayBuffer);
  return [...buffers];
}

export function populationChunk(model: PreparedModel, req: ApiModelRef & PopulationRequest, from: number, to: number): PopulationChunk {
  const chunk = simulatePopulationChunk(model, req, from, to);
  return transfer(chunk, chunkBuffers(chunk));
}

export function sweep(model: PreparedModel, req: ApiModelRef & SweepRequest, from?: number, to?: number) {
  return runSweep(model, req, from, to);
}

export function sensitivities(model: PreparedModel, req: ApiModelRef & SensitivityRequest) {
  return sensitivity(model, req);
}
