/**
 * The fit tool's worker interface (comlink): a fit with progress, and the curves drawn beside the observed points.
 * Only plain data crosses; the model is prepared inside the worker. Closures evaluation (the default) keeps it
 * allowed under a strict Content-Security-Policy.
 */
import type { ApiModelRef } from '../../engine/api';
import { fitModel, FitCancelled, type FitOptions, type FitProblemSpec, type FitResult } from '../../engine/fit';
import { builtinModel } from '../../models/registry';
import { prepareModel, type PreparedModel } from '../../engine/model/load';
import { column } from '../../engine/result';
import { simulate, type SimulationRequest } from '../../engine/simulate';

/** A fit request: the model, the problem and the options. */
export interface FitWorkerRequest extends ApiModelRef {
  readonly problem: FitProblemSpec;
  readonly options: FitOptions;
}

/** Curves of some outputs for some runs (one per group). */
export interface CurveSet { readonly timeH: number[]; readonly columns: Record<string, number[]>; readonly ok: boolean }

export interface FitWorkerApi {
  /** Runs the fit; `onProgress(fraction)` after every solver iteration. */
  fit(req: FitWorkerRequest, onProgress?: (fraction: number) => void): Promise<FitResult> | FitResult;
  curves(req: ApiModelRef & { readonly requests: readonly SimulationRequest[]; readonly outputs: readonly string[] }): Promise<CurveSet[]> | CurveSet[];
}

function modelOf(req: ApiModelRef): PreparedModel {
  return req.model ? prepareModel(req.model) : builtinModel(req.modelId);
}

export function createFitWorkerApi(): FitWorkerApi {
  return {
    async fit(req, onProgress) {
      const starts = req.options.starts ?? 4;
      let last = 0;
      const { result } = fitModel(modelOf(req), req.problem, req.options, 'observations', (start, iteration) => {
        const f = (start + Math.min(0.95, iteration / 25)) / starts;
        if (onProgress && f - last > 0.01) { last = f; void onProgress(f); }
      });
      return result;
    },
    curves(req) {
      const model = modelOf(req);
      return req.requests.map((r) => {
        const res = simulate(model, r);
        const columns: Record<string, number[]> = {};
        for (const name of req.outputs) if (res.columns.some((c) => c.name === name)) columns[name] = Array.from(column(res, name));
        return { timeH: Array.from(res.timeH), columns, ok: res.meta.ok };
      });
    },
  };
}
export { FitCancelled };
