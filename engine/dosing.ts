/**
 * Dosing is an immutable event table (NONMEM/mrgsolve records). Small pure helpers build and combine regimens.
 */
import { checkEvents, checkTitration, quote } from './limits';

/**
 * One dosing record (NONMEM's event record): `amtMg` of `drug` at `timeH`, then `addl` more every `iiH` hours.
 * The optional fields give NONMEM's semantics (docs/dosing.md): `cmt` (a state to dose; the drug's route when
 * absent), zero-order input (`rateMgPerH` or `durH`), steady state (`ss` with `iiH`) and the event type (`evid`).
 */
export interface DoseEvent {
  /** Hours since time 0 of the simulation. */
  readonly timeH: number;
  /** Drug name, matching a `doses[].drug` of the model. */
  readonly drug: string;
  /** Amount as prescribed, mg (for naltrexone: the hydrochloride salt). */
  readonly amtMg: number;
  /** Interval between additional doses, hours. Required when `addl > 0`. */
  readonly iiH?: number;
  /** Number of additional doses after the first. Default 0. */
  readonly addl?: number;
  /**
   * State to dose (NONMEM CMT), one of the model's `dosedStates`; its bioavailability and lag apply. Absent or
   * empty: the drug's route (its `doses` entries).
   */
  readonly cmt?: string;
  /**
   * Zero-order input rate, amount per hour (NONMEM RATE): the bioavailable amount enters at this rate, so it
   * lasts F × amt / rate hours. `-1`: the model defines the rate, `-2`: the model defines the duration
   * (`dosedStates[].rate_per_h` / `dur_h`). Absent or 0: a bolus (unless `durH` is given).
   */
  readonly rateMgPerH?: number;
  /** Zero-order input duration, hours (nlmixr2's `dur`): the bioavailable amount enters evenly over it. */
  readonly durH?: number;
  /**
   * Steady state (NONMEM SS): 0 none; 1 reset, then the state this dose repeated every `iiH` hours has reached;
   * 2 that steady state added to the current state. The dose itself is given at `timeH` as well.
   */
  readonly ss?: 0 | 1 | 2;
  /** Event type (NONMEM EVID): 1 dose (default), 2 other (no dose; an output time), 3 reset, 4 reset and dose. */
  readonly evid?: 1 | 2 | 3 | 4;
}

/** An expanded, single dose (no `addl`). */
export interface SingleDose {
  readonly timeH: number;
  readonly drug: string;
  readonly amtMg: number;
}

function assertFinite(value: number, field: string, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${field}: expected ${what}, got ${String(value)}`);
  }
}

/** Checks one record and throws a `RangeError` naming the field and what was expected. */
export function validateEvent(ev: DoseEvent, where = 'event'): void {
  validateDose(ev, where);
  validateRecordFields(ev, where);
}

/**
 * The fields of a plain dosing record (time, drug, amount, additional doses and their interval): `validateEvent`
 * without the NONMEM fields, for the regimen helpers below, whose records have none of them (so the NONMEM checks
 * could not fail on them, and a page that only builds regimens does not download them; issue #18).
 */
function validateDose(ev: DoseEvent, where: string): void {
  assertFinite(ev.timeH, `${where}.time_h`, 'a finite number of hours');
  if (ev.timeH < 0) throw new RangeError(`${where}.time_h: expected a time >= 0 h, got ${ev.timeH}`);
  if (typeof ev.drug !== 'string' || ev.drug.trim() === '') {
    throw new RangeError(`${where}.drug: expected a drug name, got ${quote(ev.drug)}`);
  }
  assertFinite(ev.amtMg, `${where}.amt_mg`, 'a dose in mg');
  if (ev.amtMg < 0) throw new RangeError(`${where}.amt_mg: expected a dose >= 0 mg, got ${ev.amtMg}`);
  const addl = ev.addl ?? 0;
  if (!Number.isInteger(addl) || addl < 0) {
    throw new RangeError(`${where}.addl: expected a whole number >= 0, got ${String(ev.addl)}`);
  }
  if (addl > 0) {
    if (ev.iiH === undefined) throw new RangeError(`${where}.ii_h: expected an interval in hours when addl > 0`);
    assertFinite(ev.iiH, `${where}.ii_h`, 'an interval in hours');
    if (ev.iiH <= 0) throw new RangeError(`${where}.ii_h: expected an interval > 0 h, got ${ev.iiH}`);
  }
}

/** The NONMEM fields of a record (`cmt`, `rate`, `dur_h`, `ss`, `evid`) and the combinations NONMEM refuses. */
function validateRecordFields(ev: DoseEvent, where: string): void {
  const evid = ev.evid ?? 1;
  if (![1, 2, 3, 4].includes(evid)) throw new RangeError(`${where}.evid: expected 1 (dose), 2 (other event), 3 (reset) or 4 (reset and dose), got ${String(ev.evid)}`);
  const ss = ev.ss ?? 0;
  if (![0, 1, 2].includes(ss)) throw new RangeError(`${where}.ss: expected 0, 1 (reset, then steady state) or 2 (steady state added), got ${String(ev.ss)}`);
  if (ev.cmt !== undefined && typeof ev.cmt !== 'string') throw new RangeError(`${where}.cmt: expected a state name, got ${JSON.stringify(ev.cmt)}`);
  const rate = ev.rateMgPerH ?? 0;
  if (ev.rateMgPerH !== undefined) {
    assertFinite(ev.rateMgPerH, `${where}.rate`, 'a rate in amount per hour, or -1 / -2');
    if (rate < 0 && rate !== -1 && rate !== -2) {
      throw new RangeError(`${where}.rate: expected a rate >= 0 per hour, or -1 (rate from the model) or -2 (duration from the model), got ${rate}`);
    }
  }
  if (ev.durH !== undefined) {
    assertFinite(ev.durH, `${where}.dur_h`, 'a duration in hours');
    if (ev.durH <= 0) throw new RangeError(`${where}.dur_h: expected a duration > 0 h, got ${ev.durH}`);
    if (rate !== 0) throw new RangeError(`${where}.dur_h: expected either rate or dur_h, not both (rate ${rate}, dur_h ${ev.durH})`);
  }
  const isDose = evid === 1 || evid === 4;
  if (!isDose) {
    const name = evid === 2 ? 'an other-type event (evid 2)' : 'a reset (evid 3)';
    if (ev.amtMg !== 0) throw new RangeError(`${where}.amt_mg: ${name} carries no dose; expected 0 or empty, got ${ev.amtMg}`);
    if (rate !== 0) throw new RangeError(`${where}.rate: ${name} carries no dose; expected 0 or empty, got ${rate}`);
    if (ev.durH !== undefined) throw new RangeError(`${where}.dur_h: ${name} carries no dose; expected empty, got ${ev.durH}`);
    if (ss !== 0) throw new RangeError(`${where}.ss: ${name} cannot be a steady-state dose; expected 0 or empty, got ${ss}`);
    if ((ev.addl ?? 0) !== 0) throw new RangeError(`${where}.addl: ${name} has no additional doses; expected 0 or empty, got ${ev.addl}`);
    if ((ev.iiH ?? 0) !== 0) throw new RangeError(`${where}.ii_h: ${name} has no dosing interval; expected 0 or empty, got ${ev.iiH}`);
    return;
  }
  // A constant infusion to steady state (NONMEM: AMT 0, RATE > 0, SS 1 or 2, II 0) is the one dose without an amount.
  const constant = ss !== 0 && (ev.iiH ?? 0) === 0 && ev.amtMg === 0 && rate > 0;
  if (rate > 0 && ev.amtMg === 0 && !constant) {
    throw new RangeError(`${where}.amt_mg: an infusion (rate ${rate}) needs an amount > 0${ss ? '; a constant infusion to steady state has amt 0 with ii_h 0 (got ii_h ' + String(ev.iiH) + ')' : ' (a constant infusion to steady state is amt 0 with ss 1 or 2 and ii_h 0)'}`);
  }
  if (ss !== 0 && !constant) {
    if (ev.iiH === undefined || ev.iiH === 0) throw new RangeError(`${where}.ii_h: a steady-state dose (ss ${ss}) needs the dosing interval ii_h > 0 (or, for a constant infusion to steady state, amt 0, rate > 0 and ii_h 0)`);
    assertFinite(ev.iiH, `${where}.ii_h`, 'an interval in hours');
    if (ev.iiH < 0) throw new RangeError(`${where}.ii_h: expected an interval > 0 h, got ${ev.iiH}`);
  }
  if (ev.iiH !== undefined) {
    assertFinite(ev.iiH, `${where}.ii_h`, 'an interval in hours');
    if (ev.iiH < 0) throw new RangeError(`${where}.ii_h: expected an interval >= 0 h, got ${ev.iiH}`);
  }
}

/**
 * A daily dose: `days` doses of `amtMg`, the first at `firstTimeH` (default 0), every 24 h.
 * @example daily({ drug: 'naltrexone', amtMg: 4.5, days: 7 })
 */
export function daily(opts: { drug: string; amtMg: number; days: number; firstTimeH?: number }): DoseEvent[] {
  if (!Number.isInteger(opts.days) || opts.days < 1) {
    throw new RangeError(`days: expected a whole number of days >= 1, got ${opts.days}`);
  }
  const ev: DoseEvent = { timeH: opts.firstTimeH ?? 0, drug: opts.drug, amtMg: opts.amtMg, iiH: 24, addl: opts.days - 1 };
  validateDose(ev, 'event');
  return [ev];
}

/** One step of a titration: `amtMg` daily for `days` days. */
export interface TitrationStep {
  readonly amtMg: number;
  readonly days: number;
}

/**
 * A titration schedule: each step's daily dose for its number of days, steps back to back, one dose a day.
 * @example titration('naltrexone', [{ amtMg: 1.5, days: 7 }, { amtMg: 3, days: 7 }, { amtMg: 4.5, days: 14 }])
 */
export function titration(drug: string, steps: readonly TitrationStep[], firstTimeH = 0): DoseEvent[] {
  if (steps.length === 0) throw new RangeError('steps: expected at least one titration step');
  checkTitration(steps, 'steps');
  const out: DoseEvent[] = [];
  let startH = firstTimeH;
  steps.forEach((s, i) => {
    if (!Number.isInteger(s.days) || s.days < 1) {
      throw new RangeError(`steps[${i}].days: expected a whole number of days >= 1, got ${s.days}`);
    }
    out.push(...daily({ drug, amtMg: s.amtMg, days: s.days, firstTimeH: startH }));
    startH += 24 * s.days;
  });
  return out;
}

/** Combines regimens into one event table ordered by time (stable for equal times). */
export function combine(...regimens: readonly (readonly DoseEvent[])[]): DoseEvent[] {
  return regimens.flat().map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].timeH - b[0].timeH || a[1] - b[1]).map(([e]) => e);
}

/**
 * Expands `addl`/`iiH` into single doses, ordered by time. Times are computed as `timeH + k × iiH` (not by
 * accumulation) so that day 365 lands exactly on its hour.
 */
export function expand(events: readonly DoseEvent[]): SingleDose[] {
  checkEvents(events);
  const out: SingleDose[] = [];
  events.forEach((ev, i) => {
    validateEvent(ev, `events[${i}]`);
    const n = (ev.addl ?? 0) + 1;
    for (let k = 0; k < n; k++) out.push({ timeH: ev.timeH + k * (ev.iiH ?? 0), drug: ev.drug, amtMg: ev.amtMg });
  });
  return out.sort((a, b) => a.timeH - b.timeH);
}

/** Parses `HH:MM` (24-hour clock) into hours, e.g. `22:30` → 22.5. Throws naming `field`. */
export function parseClock(text: string, field = 'time'): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(text).trim());
  if (!m) throw new RangeError(`${field}: expected a clock time HH:MM (e.g. 22:00), got ${quote(text)}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) throw new RangeError(`${field}: expected HH:MM with HH 00–23 and MM 00–59, got ${quote(text)}`);
  return h + min / 60;
}

/** Formats hours of the day as `HH:MM`. */
export function formatClock(clockH: number): string {
  const totalMin = Math.round((((clockH % 24) + 24) % 24) * 60) % (24 * 60);
  return `${String(Math.floor(totalMin / 60)).padStart(2, '0')}:${String(totalMin % 60).padStart(2, '0')}`;
}
