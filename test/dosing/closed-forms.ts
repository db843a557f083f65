/**
 * Closed forms of linear compartment models: a concentration's response to a unit input is a sum of exponentials
 * Σ cᵢ·e^(−λᵢ·t), so a bolus, a zero-order input and their superposition over any regimen are sums of
 * exponentials too. Used by the dosing-record tests (docs/dosing.md).
 */

/** Σ coef·e^(−rate·t): a response to a unit bolus at t = 0. */
export type Exps = readonly (readonly [coef: number, rate: number])[];

/** One-compartment (CL, V): concentration per unit amount put into the central compartment. */
export function oneCompCentral(clLPerH: number, vL: number): Exps {
  return [[1 / vL, clLPerH / vL]];
}

/** Two-compartment (CL, V1, Q, V2): C(t) = (1/V1)·(A·e^(−αt) + B·e^(−βt)) after a unit amount into central. */
export function twoCompCentral(cl: number, v1: number, q: number, v2: number): Exps {
  const k10 = cl / v1, k12 = q / v1, k21 = q / v2;
  const sum = k10 + k12 + k21;
  const root = Math.sqrt(sum * sum - 4 * k10 * k21);
  const alpha = (sum + root) / 2, beta = (sum - root) / 2;
  return [[(alpha - k21) / (alpha - beta) / v1, alpha], [(k21 - beta) / (alpha - beta) / v1, beta]];
}

/** The response to a unit amount put into a first-order depot (rate ka) that feeds `central`. */
export function viaDepot(central: Exps, kaPerH: number): Exps {
  const out: [number, number][] = central.map(([c, l]) => [c * kaPerH / (kaPerH - l), l]);
  out.push([-central.reduce((s, [c, l]) => s + c * kaPerH / (kaPerH - l), 0), kaPerH]);
  return out;
}

/** A unit bolus at 0, seen at t (0 before it). */
export function bolus(h: Exps, tH: number): number {
  if (tH < 0) return 0;
  return h.reduce((s, [c, l]) => s + c * Math.exp(-l * tH), 0);
}

/** A zero-order input of unit rate on [0, durH), seen at t: Σ c/λ·(e^(−λ(t − min(t, T))) − e^(−λt)). */
export function infusion(h: Exps, tH: number, durH: number): number {
  if (tH <= 0) return 0;
  const m = Math.min(tH, durH);
  return h.reduce((s, [c, l]) => s + (c / l) * (Math.exp(-l * (tH - m)) - Math.exp(-l * tH)), 0);
}

/** A dose: `amount` (already × F) as a bolus at `atH`, or over `durH` hours from `atH`. */
export interface Dose {
  readonly atH: number;
  readonly amount: number;
  readonly durH?: number;
}

/** Superposition of doses at t. */
export function regimen(h: Exps, doses: readonly Dose[], tH: number): number {
  return doses.reduce((s, d) => s + (d.durH ? (d.amount / d.durH) * infusion(h, tH - d.atH, d.durH) : d.amount * bolus(h, tH - d.atH)), 0);
}

/**
 * The same dose every `iiH` hours for ever before (and including) the one at `atH`: the steady state, as the sum
 * of the doses at atH, atH − ii, atH − 2ii, … until their terms fall below 1e-18 of the first.
 */
export function steadyStateDoses(dose: Dose, iiH: number, slowestRate: number): Dose[] {
  const m = Math.ceil(42 / (slowestRate * iiH)) + Math.ceil(((dose.durH ?? 0) + Math.abs(dose.atH)) / iiH) + 2;
  return Array.from({ length: m }, (_, k) => ({ ...dose, atH: dose.atH - k * iiH }));
}
