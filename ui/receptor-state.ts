/**
 * What the receptor diagram shows at one moment: how many mu receptors there are (relative to baseline) and what
 * fraction of them holds naltrexone, 6β-naltrexol, morphine or an endorphin. Pure: computed from a result.
 */
import type { SimulationResult } from '../engine/result';
import type { ModelView } from './chart-config';
import { valueAt } from './format';

export interface ReceptorState {
  /** Receptor number relative to baseline (1 = baseline). */
  readonly density: number;
  /** Fractions of the receptors present; they add up to at most 1, the rest are free. */
  readonly naltrexone: number;
  readonly naltrexol: number;
  readonly agonist: number;
  readonly endorphin: number;
}

/**
 * Illustrative split of the antagonist blockade between the parent drug and its metabolite: weight per ng/mL,
 * i.e. 1/Ki (naltrexone ≈ 1 nM, 6β-naltrexol 2.1 nM: Michel 1985, Yancey-Wrona 2009) times brain access
 * (6β-naltrexol ≈ 1/10 of naltrexone's; Yancey-Wrona 2009). The model reports the total blockade only; this
 * split is for the picture, not a model output.
 */
export const DEFAULT_SPLIT_WEIGHTS: readonly [number, number] = [1, 1 / 21];

/** Fraction of mu receptors bound by endogenous opioids at baseline, when the model does not say. */
export const ENDORPHIN_BASELINE_OCCUPANCY = 0.1;

function column(result: SimulationResult, name: string | undefined): Float64Array | null {
  return (name && result.columns.find((c) => c.name === name)?.values) || null;
}

export function receptorStateAt(result: SimulationResult, view: ModelView, t: number): ReceptorState | null {
  const r = view.receptor;
  const blockade = column(result, r?.blockade);
  if (!r || !blockade) return null;
  const at = (c: Float64Array | null, fallback: number) => (c ? valueAt(result.timeH, c, t) : fallback);
  const b = clamp01(at(blockade, 0));
  const params = result.meta.parameters;
  const [w1, w2] = r.splitWeights ? r.splitWeights(params) : DEFAULT_SPLIT_WEIGHTS;
  const c1 = Math.max(0, at(column(result, r.naltrexone), 1)) * w1;
  const c2 = Math.max(0, at(column(result, r.naltrexol), 0)) * w2;
  const share = c1 + c2 > 0 ? c1 / (c1 + c2) : 1;
  const agonist = Math.min(1 - b, clamp01(at(column(result, r.agonistOccupancy), 0)));
  const free = Math.max(0, 1 - b - agonist);
  // Endorphins compete for the receptors left free: occupancy ratio e0/(1 − e0) at baseline, scaled by the
  // endorphin level (the same competitive binding as the ldn model's).
  const e0 = (r.endorphinOccupancyParam && params[r.endorphinOccupancyParam]) || ENDORPHIN_BASELINE_OCCUPANCY;
  const ratio = (e0 / (1 - e0)) * Math.max(0, at(column(result, r.endorphin), 1));
  const endorphin = free * (ratio / (1 + ratio));
  return {
    density: Math.max(0, at(column(result, r.density), 1)),
    naltrexone: b * share,
    naltrexol: b * (1 - share),
    agonist,
    endorphin,
  };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
