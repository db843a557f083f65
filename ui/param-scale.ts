/** Parameter slider scales: a 0…1000 slider position ↔ a value, linear or logarithmic over the parameter's range. */
import type { ParameterSpec } from '../engine/model/types';

export const STEPS = 1000;

/** True when the parameter has a range wide enough for a slider (a fixed constant such as a molar mass has not). */
export function hasSlider(p: ParameterSpec): boolean {
  return !!p.range && p.range[1] > p.range[0];
}

/** Slider position (0…1000) ↔ value, on the parameter's linear or log scale. */
export function toPosition(p: ParameterSpec, v: number): number {
  const [lo, hi] = p.range!;
  if (!(hi > lo)) return 0;
  const f = p.scale === 'log' && lo > 0 ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
  return Math.round(Math.min(1, Math.max(0, f)) * STEPS);
}

export function fromPosition(p: ParameterSpec, pos: number): number {
  const [lo, hi] = p.range!;
  const f = pos / STEPS;
  const v = p.scale === 'log' && lo > 0 ? lo * (hi / lo) ** f : lo + (hi - lo) * f;
  return Number(v.toPrecision(4));
}
