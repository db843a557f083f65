/** Names the phase at a moment in plain words (blockade, clearance, rebound) for the animation captions. */
import type { SimulationResult } from '../engine/result';
import type { ModelView } from './chart-config';
import { valueAt } from './format';
import { CHART_STRINGS as STRINGS } from './chart-strings';

export type Phase = 'baseline' | 'absorption' | 'blockade' | 'clearance' | 'waning' | 'rebound' | 'sustained';

/** The plain-words caption of each phase (app and widget), in the page's language when read. */
export const PHASE_TEXT: Readonly<Record<Phase, string>> = {
  get baseline() { return STRINGS.phaseBaseline; },
  get absorption() { return STRINGS.phaseAbsorption; },
  get blockade() { return STRINGS.phaseBlockade; },
  get clearance() { return STRINGS.phaseClearance; },
  get waning() { return STRINGS.blockade.phaseWaning; },
  get rebound() { return STRINGS.phaseRebound; },
  get sustained() { return STRINGS.phaseSustained; },
};

/** Blockade above which the phase is "blockade"; below `CLEAR` and with raised opioid tone it is "rebound". */
export const BLOCKADE_ON = 0.3;
export const CLEAR = 0.05;
/** Below this blockade, with endorphins or receptors raised by more than `RAISED`, the phase is "rebound". */
export const REBOUND_BELOW = 0.2;
export const RAISED = 0.02;
/**
 * "Clearance" only where the blockade really clears (issue #13): it must fall below this before the next dose
 * (or by the end of the run); otherwise the falling blockade is "waning".
 */
export const CLEARED = 0.1;

function col(result: SimulationResult, name: string | undefined): Float64Array | null {
  return (name && result.columns.find((c) => c.name === name)?.values) || null;
}

/**
 * The phase at `t` hours. With a receptor blockade column (the ldn model): sustained when blockade has stayed
 * above 80% for the past day, blockade above 30%, absorption while it rises within 3 h of a dose, rebound when
 * it is below 20% and falling while endorphins or receptor density are raised (or the opioid tone is above
 * baseline), clearance otherwise while it is above 5%. Without one (a PK-only model): absorption
 * while the first plotted column rises, clearance while it falls, baseline when it is near zero.
 */
export function phaseAt(result: SimulationResult, view: ModelView, t: number): Phase {
  const time = result.timeH;
  if (time.length < 2) return 'baseline';
  const dt = Math.max(time[1]! - time[0]!, 0.05);
  const blockade = col(result, view.receptor?.blockade);
  if (blockade) {
    const b = valueAt(time, blockade, t);
    if (t >= 24) {
      let min = Infinity;
      for (let s = t - 24; s <= t; s += 0.5) min = Math.min(min, valueAt(time, blockade, s));
      if (min > 0.8) return 'sustained';
    }
    const slope = valueAt(time, blockade, t + dt) - valueAt(time, blockade, t - dt);
    const recent = t - lastDoseBefore(result, t) < 3;
    if (b >= BLOCKADE_ON) return 'blockade';
    if (slope > 0 && recent) return 'absorption';
    // The rebound: the blocker is wearing off while the endorphins or receptors made during the blockade are
    // still raised, so more endogenous signal meets more free receptors.
    const raised = [view.receptor?.endorphin, view.receptor?.density].some((name) => {
      const c = col(result, name);
      return !!c && valueAt(time, c, t) > 1 + RAISED;
    });
    if (b < REBOUND_BELOW && slope <= 0 && raised) return 'rebound';
    if (b >= CLEAR) return clearsBeforeNextDose(result, blockade, t) ? 'clearance' : 'waning';
    const tone = col(result, 'opioid_tone_rel') ?? col(result, view.receptor?.endorphin);
    if (tone && valueAt(time, tone, t) > 1.01) return 'rebound';
    return 'baseline';
  }
  const first = col(result, view.charts[0]?.series[0]?.column);
  if (!first) return 'baseline';
  let peak = 0;
  for (const v of first) peak = Math.max(peak, v);
  const v = valueAt(time, first, t);
  if (peak <= 0 || v < 0.02 * peak) return 'baseline';
  return valueAt(time, first, t + dt) > v ? 'absorption' : 'clearance';
}

/** Whether the blockade falls below `CLEARED` between `t` and the next dose (or the end of the run). */
function clearsBeforeNextDose(result: SimulationResult, blockade: Float64Array, t: number): boolean {
  const time = result.timeH;
  const next = doseTimes(result).find((d) => d.timeH > t)?.timeH ?? time[time.length - 1]!;
  for (let i = 0; i < time.length; i++) {
    if (time[i]! < t) continue;
    if (time[i]! > next) break;
    if (blockade[i]! < CLEARED) return true;
  }
  return false;
}

function lastDoseBefore(result: SimulationResult, t: number): number {
  let last = -Infinity;
  for (const e of result.meta.events) {
    const n = (e.addl ?? 0) + 1;
    for (let k = 0; k < n; k++) {
      const at = e.timeH + k * (e.iiH ?? 0);
      if (at <= t && at > last) last = at;
    }
  }
  return last;
}

/** Dose times of one drug, hours (expanded from `addl`/`iiH`). */
export function doseTimes(result: SimulationResult, drug?: string): { timeH: number; drug: string; amtMg: number }[] {
  const out: { timeH: number; drug: string; amtMg: number }[] = [];
  for (const e of result.meta.events) {
    if (drug && e.drug !== drug) continue;
    const n = (e.addl ?? 0) + 1;
    for (let k = 0; k < n; k++) out.push({ timeH: e.timeH + k * (e.iiH ?? 0), drug: e.drug, amtMg: e.amtMg });
  }
  return out.sort((a, b) => a.timeH - b.timeH);
}
