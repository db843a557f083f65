/**
 * A small `node:worker_threads` pool for population runs: subjects are split into one chunk per thread with
 * `chunkRanges`, each worker runs `simulatePopulationChunk` and transfers its buffers back. Any split gives the
 * same numbers (subject i depends only on the seed and i).
 *
 * The worker script is the CLI bundle itself (build/cli.js): when it is loaded in a worker created here
 * (`workerData.ldnSimPool`), the listener at the bottom of this file answers chunk requests.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { setDefaultEvaluation } from '../../engine/simulate';
import { builtinModel, modelIds } from '../../models/registry';
import { prepareModel, type PreparedModel } from '../../engine/model/load';
import type { ModelSpec } from '../../engine/model/types';
import {
  chunkRanges, lockstepLayout, lockstepMemory, lockstepResult, populationPercentiles, simulatePopulationChunk, simulatePopulationLockstep,
  summarizePopulation, type LockstepMemory, type LockstepPart, type PercentilePart, type PopulationChunk, type PopulationRequest,
  type PopulationResult,
} from '../../engine/population';

/** What a worker is asked: a model (built-in id or full spec), the request and a subject range. */
interface ChunkMessage {
  readonly kind?: 'chunk';
  readonly modelId?: string;
  readonly spec?: ModelSpec;
  readonly request: PopulationRequest;
  readonly from: number;
  readonly to: number;
  /** Columns in SharedArrayBuffers, for a summary split over the workers (`runPopulation`). */
  readonly shared?: boolean;
}

/** The percentiles of all chunks (shared columns) over grid times [from, to). */
interface PercentilesMessage {
  readonly kind: 'percentiles';
  readonly chunks: readonly PopulationChunk[];
  readonly from: number;
  readonly to: number;
}

/** Subjects [from, to) of a lockstep run, worker `index` of `count` (engine/population.ts `simulatePopulationLockstep`). */
interface LockstepMessage {
  readonly kind: 'lockstep';
  readonly modelId?: string;
  readonly spec?: ModelSpec;
  readonly request: PopulationRequest;
  readonly from: number;
  readonly to: number;
  readonly memory: LockstepMemory;
  readonly index: number;
  readonly count: number;
}

type Reply = { ok: true; chunk?: PopulationChunk; part?: PercentilePart; lockstep?: LockstepPart } | { ok: false; name: string; message: string };

/** Threads used when `--threads` is not given: the machine's available parallelism. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

function modelOf(msg: ChunkMessage | LockstepMessage): PreparedModel {
  return msg.spec ? prepareModel(msg.spec) : builtinModel(msg.modelId);
}

/** Sends one message to a worker and waits for its reply; a failure rejects with the worker's error. */
function ask(w: Worker, msg: ChunkMessage | PercentilesMessage | LockstepMessage, transfer: ArrayBuffer[] = []): Promise<Reply & { ok: true }> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: Reply) => {
      off();
      if (reply.ok) resolve(reply);
      else reject(reply.name === 'RangeError' ? new RangeError(reply.message) : new Error(reply.message));
    };
    const onError = (err: Error) => { off(); reject(err); };
    const onExit = (code: number) => { off(); reject(new Error(`population worker exited with code ${code} before answering`)); };
    const off = () => { w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(msg, transfer);
  });
}

function startWorkers(model: PreparedModel, count: number, workerUrl: URL): { workers: Worker[]; base: { modelId: string } | { spec: ModelSpec } } {
  const builtin = modelIds().includes(model.spec.id) && builtinModel(model.spec.id).spec === model.spec;
  const base = builtin ? { modelId: model.spec.id } : { spec: model.spec };
  return { workers: Array.from({ length: count }, () => new Worker(workerUrl, { workerData: { ldnSimPool: 1 } })), base };
}

/**
 * Runs a population's subjects on `threads` threads (1 = in this thread, no workers).
 * @param workerUrl the module to load in each worker: the CLI bundle (`build/cli.js`).
 * @returns the chunks, ready for `summarizePopulation`.
 */
export async function runPopulationChunks(model: PreparedModel, request: PopulationRequest, threads: number, workerUrl: URL): Promise<PopulationChunk[]> {
  const ranges = chunkRanges(request.n, threads);
  if (ranges.length === 1) return [simulatePopulationChunk(model, request, 0, request.n)];
  const { workers, base } = startWorkers(model, ranges.length, workerUrl);
  try {
    return await Promise.all(ranges.map(async ([from, to], i) => (await ask(workers[i]!, { ...base, request, from, to })).chunk!));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Runs a whole population on `threads` threads (1 = in this thread): the workers simulate their subjects into
 * shared memory, then each computes the percentiles over a share of the grid times, so the summary runs in
 * parallel too. Same numbers as `summarizePopulation` of `runPopulationChunks`' chunks.
 * @param workerUrl the module to load in each worker: the CLI bundle (`build/cli.js`).
 */
export async function runPopulation(model: PreparedModel, request: PopulationRequest, threads: number, workerUrl: URL): Promise<PopulationResult> {
  const ranges = chunkRanges(request.n, threads);
  if (ranges.length === 1) return summarizePopulation(model, request, [simulatePopulationChunk(model, request, 0, request.n)]);
  const layout = lockstepLayout(model, request);
  const { workers, base } = startWorkers(model, ranges.length, workerUrl);
  try {
    if (layout) {
      // Subjects share their segments (dosing intervals): the workers go through them in lockstep, summarising
      // each in shared memory (engine/population.ts, "lockstep").
      const count = ranges.length;
      const memory = lockstepMemory(layout, count);
      const parts = await Promise.all(ranges.map(async ([from, to], index) =>
        (await ask(workers[index]!, { kind: 'lockstep', ...base, request, from, to, memory, index, count })).lockstep!));
      return lockstepResult(model, request, layout, memory, parts);
    }
    const chunks = await Promise.all(ranges.map(async ([from, to], i) => (await ask(workers[i]!, { ...base, request, from, to, shared: true })).chunk!));
    const nT = chunks[0]!.timeH.length;
    const times = chunkRanges(nT, workers.length);
    const parts = await Promise.all(times.map(async ([from, to], i) => (await ask(workers[i]!, { kind: 'percentiles', chunks, from, to })).part!));
    return summarizePopulation(model, request, chunks, parts);
  } finally {
    // The result is complete: let the workers go without waiting for them (terminating takes ~30 ms).
    for (const w of workers) void w.terminate();
  }
}

// Worker side: answer one chunk request per message.
if (!isMainThread && parentPort && (workerData as { ldnSimPool?: number } | undefined)?.ldnSimPool === 1) {
  // Worker threads load this chunk, not cli/main.ts, so they choose the evaluation themselves: Node has no
  // Content-Security-Policy, and generated code is ~3× faster than closures (same numbers).
  setDefaultEvaluation('generated');
  const port = parentPort;
  port.on('message', (msg: ChunkMessage | PercentilesMessage | LockstepMessage) => {
    try {
      if (msg.kind === 'lockstep') {
        const part = simulatePopulationLockstep(modelOf(msg), msg.request, msg.from, msg.to, msg.memory, { index: msg.index, count: msg.count });
        port.postMessage({ ok: true, lockstep: part } satisfies Reply, [part.parameters.buffer as ArrayBuffer]);
        return;
      }
      if (msg.kind === 'percentiles') {
        const columns = populationPercentiles(msg.chunks, msg.from, msg.to);
        const part: PercentilePart = { from: msg.from, to: msg.to, columns };
        port.postMessage({ ok: true, part } satisfies Reply, columns.flatMap((c) => [c.p05.buffer, c.p50.buffer, c.p95.buffer]) as ArrayBuffer[]);
        return;
      }
      const chunk = simulatePopulationChunk(modelOf(msg), msg.request, msg.from, msg.to, { shared: msg.shared });
      // Shared columns are shared, not transferred.
      const buffers = [chunk.timeH.buffer, chunk.parameters.buffer, ...chunk.columns.map((c) => c.values.buffer)]
        .filter((b): b is ArrayBuffer => !(b instanceof SharedArrayBuffer));
      port.postMessage({ ok: true, chunk } satisfies Reply, [...new Set(buffers)]);
    } catch (err) {
      port.postMessage({ ok: false, name: (err as Error).name, message: (err as Error).message } satisfies Reply);
    }
  });
}
