/*
 * The bound between the two calibrations as something a student can move along (issue #13; docs/model.md,
 * "50 mg daily vs LDN: a bound"). Position 0 is the `brief` calibration, 1 is `long`; in between, each parameter
 * the `blockade` preset sets moves from one value to the other (geometrically for values > 0 at both ends,
 * linearly otherwise). At each position the engine computes two numbers: the PET-read occupancy 48 h after one
 * 50 mg dose, and the trough of the 4.5 mg daily blockade at steady state (day 28). These are requests and
 * readouts only: whoever holds the engine (a worker in the app, the figure script) runs them.
 */
import type { SimulationRequest } from '../engine/simulate';
import { column, type SimulationResult } from '../engine/result';
import { daily } from '../engine/dosing';
import { ldn } from './ldn';

/** Days of 4.5 mg daily before the steady-state trough is read (day 27 and 28 agree to 1%, test/models/ldn.test.ts). */
export const BOUND_LDN_DAYS = 28;

function option(name: 'brief' | 'long'): Readonly<Record<string, number>> {
  const g = ldn.presets!.find((p) => p.name === 'blockade')!;
  return g.options.find((o) => o.name === name)!.parameters;
}

/**
 * Parameter values at `position` (0 = brief, 1 = long) along the line between the two calibrations.
 * @throws RangeError when position is not a number in [0, 1].
 */
export function blendBlockade(position: number): Record<string, number> {
  if (!(position >= 0 && position <= 1)) throw new RangeError(`position: expected a number in [0, 1], got ${position}`);
  const a = option('brief');
  const b = option('long');
  const out: Record<string, number> = {};
  for (const name of Object.keys(a)) {
    const x = a[name]!;
    const y = b[name]!;
    out[name] = x > 0 && y > 0 ? x * (y / x) ** position : x + (y - x) * position;
  }
  return out;
}

/** The two runs of one point of the bound: one 50 mg dose (to 48 h) and 4.5 mg daily (28 days). */
export function boundRequests(position: number): { single50: SimulationRequest; ldnDaily: SimulationRequest } {
  const params = blendBlockade(position);
  return {
    single50: { events: [{ timeH: 0, drug: 'naltrexone', amtMg: 50 }], endH: 48, stepH: 0.5, params },
    ldnDaily: { events: daily({ drug: 'naltrexone', amtMg: 4.5, days: BOUND_LDN_DAYS }), endH: 24 * BOUND_LDN_DAYS, stepH: 0.25, params },
  };
}

/** One point of the bound, fractions. */
export interface BoundPoint {
  readonly position: number;
  /** PET-read mu occupancy 48 h after one 50 mg dose. */
  readonly pet48hAfter50mg: number;
  /** Lowest mu blockade on the last day of 4.5 mg daily. */
  readonly ldnTrough: number;
}

/** Reads a point from the results of `boundRequests(position)`. */
export function boundReadout(position: number, single50: SimulationResult, ldnDaily: SimulationResult): BoundPoint {
  const pet = column(single50, 'mu_pet_occupancy');
  const b = column(ldnDaily, 'mu_blockade');
  let trough = Infinity;
  const from = 24 * (BOUND_LDN_DAYS - 1);
  ldnDaily.timeH.forEach((t, i) => { if (t >= from - 1e-9 && t < 24 * BOUND_LDN_DAYS - 1e-9) trough = Math.min(trough, b[i]!); });
  return { position, pet48hAfter50mg: pet[pet.length - 1]!, ldnTrough: trough };
}
