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
import { builtinModel, modelIds } from '../../engine/library';
import { prepareModel, type PreparedModel } from '../../engine/model/load';
import type { ModelSpec } from '../../engine/model/types';
import { chunkRanges, simulatePopulationChunk, type PopulationChunk, type PopulationRequest } from '../../engine/population';

/** What a worker is asked: a model (built-in id or full spec), the request and a subject range. */
interface ChunkMessage {
  readonly modelId?: string;
  readonly spec?: ModelSpec;
  readonly request: PopulationRequest;
  readonly from: number;
  readonly to: number;
}

type Reply = { ok: true; chunk: PopulationChunk } | { ok: false; name: string; message: string };

/** Threads used when `--threads` is not given: the machine's available parallelism. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

function modelOf(msg: ChunkMessage): PreparedModel {
  return msg.spec ? prepareModel(msg.spec) : builtinModel(msg.modelId);
}

/**
 * Runs a population's subjects on `threads` threads (1 = in this thread, no workers).
 * @param workerUrl the module to load in each worker: the CLI bundle (`build/cli.js`).
 * @returns the chunks, ready for `summarizePopulation`.
 */
export async function runPopulationChunks(model: PreparedModel, request: PopulationRequest, threads: number, workerUrl: URL): Promise<PopulationChunk[]> {
  const ranges = chunkRanges(request.n, threads);
  if (ranges.length === 1) return [simulatePopulationChunk(model, request, 0, request.n)];
  const builtin = modelIds().includes(model.spec.id) && builtinModel(model.spec.id).spec === model.spec;
  const base = builtin ? { modelId: model.spec.id } : { spec: model.spec };
  const workers = ranges.map(() => new Worker(workerUrl, { workerData: { ldnSimPool: 1 } }));
  try {
    return await Promise.all(ranges.map(([from, to], i) => new Promise<PopulationChunk>((resolve, reject) => {
      const w = workers[i]!;
      w.once('message', (reply: Reply) => {
        if (reply.ok) resolve(reply.chunk);
        else reject(reply.name === 'RangeError' ? new RangeError(reply.message) : new Error(reply.message));
      });
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`population worker exited with code ${code} before answering`)));
      w.postMessage({ ...base, request, from, to } satisfies ChunkMessage);
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

// Worker side: answer one chunk request per message.
if (!isMainThread && parentPort && (workerData as { ldnSimPool?: number } | undefined)?.ldnSimPool === 1) {
  // Worker threads load this chunk, not cli/main.ts, so they choose the evaluation themselves: Node has no
  // Content-Security-Policy, and generated code is ~3× faster than closures (same numbers).
  setDefaultEvaluation('generated');
  const port = parentPort;
  port.on('message', (msg: ChunkMessage) => {
    try {
      const chunk = simulatePopulationChunk(modelOf(msg), msg.request, msg.from, msg.to);
      const buffers = [chunk.timeH.buffer, chunk.parameters.buffer, ...chunk.columns.map((c) => c.values.buffer)] as ArrayBuffer[];
      port.postMessage({ ok: true, chunk } satisfies Reply, [...new Set(buffers)]);
    } catch (err) {
      port.postMessage({ ok: false, name: (err as Error).name, message: (err as Error).message } satisfies Reply);
    }
  });
}
