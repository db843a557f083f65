/**
 * The starts of a fit on `node:worker_threads`: each worker prepares the problem (the same plain data) and runs
 * its share of the starts; the main thread keeps the best and computes the statistics. The worker script is the
 * CLI bundle itself, as for populations (cli/commands/pool.ts): loaded with `workerData.ldnSimFit`, the listener
 * at the bottom of this file answers.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { prepareFitProblem, runStart, type FitProblem, type FitProblemSpec, type LmOptions, type StartResult } from '../../engine/fit';
import { builtinModel, modelIds } from '../../models/registry';
import { prepareModel, type PreparedModel } from '../../engine/model/load';
import type { ModelSpec } from '../../engine/model/types';
import { setDefaultEvaluation } from '../../engine/simulate';

interface StartsMessage {
  readonly modelId?: string;
  readonly spec?: ModelSpec;
  readonly problem: FitProblemSpec;
  readonly source: string;
  readonly starts: readonly { readonly index: number; readonly x0: readonly number[] }[];
  readonly lm: LmOptions;
}

type Reply = { ok: true; results: StartResult[] } | { ok: false; name: string; message: string };

/**
 * Runs the starts on up to `threads` workers (1: in this thread, on `problem`). Results come back in start order.
 * @param workerUrl the CLI bundle (`build/cli.js`).
 */
export async function runStarts(model: PreparedModel, problem: FitProblem, source: string, points: readonly Float64Array[], lm: LmOptions,
  threads: number, workerUrl: URL): Promise<StartResult[]> {
  const count = Math.min(threads, points.length);
  if (count <= 1) return points.map((x0, i) => runStart(problem, i, x0, lm));
  const builtin = modelIds().includes(model.spec.id) && builtinModel(model.spec.id).spec === model.spec;
  const base = builtin ? { modelId: model.spec.id } : { spec: model.spec };
  const shares = Array.from({ length: count }, (_, w) => points.flatMap((x0, i) => (i % count === w ? [{ index: i, x0: Array.from(x0) }] : [])));
  const workers = shares.map(() => new Worker(workerUrl, { workerData: { ldnSimFit: 1 } }));
  try {
    const parts = await Promise.all(shares.map((starts, w) => new Promise<StartResult[]>((resolve, reject) => {
      const worker = workers[w]!;
      worker.once('message', (reply: Reply) => {
        if (reply.ok) resolve(reply.results);
        else reject(reply.name === 'RangeError' ? new RangeError(reply.message) : new Error(reply.message));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`fit worker exited with code ${code} before answering`)));
      worker.postMessage({ ...base, problem: problem.spec, source, starts, lm } satisfies StartsMessage);
    })));
    return parts.flat().sort((a, b) => a.start - b.start);
  } finally {
    for (const w of workers) void w.terminate();
  }
}

if (!isMainThread && parentPort && (workerData as { ldnSimFit?: number } | undefined)?.ldnSimFit === 1) {
  setDefaultEvaluation('generated');
  const port = parentPort;
  port.on('message', (msg: StartsMessage) => {
    try {
      const model = msg.spec ? prepareModel(msg.spec) : builtinModel(msg.modelId);
      const problem = prepareFitProblem(model, msg.problem, msg.source);
      const results = msg.starts.map((s) => runStart(problem, s.index, s.x0, msg.lm));
      port.postMessage({ ok: true, results } satisfies Reply);
    } catch (err) {
      port.postMessage({ ok: false, name: (err as Error).name, message: (err as Error).message } satisfies Reply);
    }
  });
}
