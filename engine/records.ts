/**
 * Dosing records at NONMEM parity (docs/dosing.md): a record table becomes the inputs of one run, i.e. boluses,
 * zero-order inputs (as rate changes), resets and steady-state states at times, in NONMEM's order.
 */
import type { DoseEvent } from './dosing';
import type { CompiledModel } from './model/compile';
import { infusionSteadyState, periodicSteadyState, STEADY_STATE, type SteadyStateFound, type SteadyStateReport } from './steady-state';

export { STEADY_STATE, type SteadyStateMethod, type SteadyStateReport } from './steady-state';
export { usesRecordFields } from './record-fields';

/** A change of the run's state applied at a time (besides adding a bolus). */
export type RunOp =
  /** Zero-order input rates per state (amount/h) from now on; undefined: none. */
  | { readonly kind: 'rates'; readonly rates: Float64Array | undefined }
  /** The state vector is replaced (a reset, a steady state with `ss = 1`). */
  | { readonly kind: 'set'; readonly y: Float64Array }
  /** A vector is added to the state (a steady state with `ss = 2`). */
  | { readonly kind: 'add'; readonly y: Float64Array };

/** One input of a run: `amount` added to `state` at `timeH`, or, when `op` is given, that change. */
export interface RunInput {
  readonly timeH: number;
  readonly state: number;
  readonly amount: number;
  readonly op?: RunOp;
  /** Index in the event table of the record that caused it (`buildInputs`). */
  readonly record?: number;
}

/** A record after `addl` is expanded, in NONMEM's processing order. */
export interface ExpandedRecord {
  readonly timeH: number;
  /** Index of the record in the event table. */
  readonly record: number;
  /** 0 for the record itself, k for its k-th additional dose. */
  readonly k: number;
  readonly ev: DoseEvent;
}

/**
 * Expands `addl`/`iiH` (times `timeH + k × iiH`), ordered by time and, at equal times, by record then k: the
 * order in which NONMEM processes a data set's records. Only the first dose of a record is a steady-state dose.
 */
export function expandRecords(events: readonly DoseEvent[]): ExpandedRecord[] {
  const out: ExpandedRecord[] = [];
  events.forEach((ev, record) => {
    const n = (ev.addl ?? 0) + 1;
    for (let k = 0; k < n; k++) out.push({ timeH: ev.timeH + k * (ev.iiH ?? 0), record, k, ev });
  });
  return out.sort((a, b) => a.timeH - b.timeH);
}

/** A dose's effect relative to its time: a bolus at `atH`, or a zero-order input on [atH, endH). */
export interface Piece {
  readonly state: number;
  readonly atH: number;
  readonly amount: number;
  /** Zero-order rate (amount/h); undefined for a bolus. */
  readonly rate?: number;
  readonly endH?: number;
}

/**
 * The pieces of one dose of `ev` for a parameter set: per entry of the route, the bioavailable amount
 * `amt × F` after the lag, as a bolus or a zero-order input (F scales the amount, so at a given rate the
 * duration is F × amt / rate, as in NONMEM).
 */
function dosePieces(ev: DoseEvent, compiled: CompiledModel): Piece[] {
  const entries = ev.cmt
    ? (compiled.dosedStates ?? []).filter((d) => compiled.stateNames[d.state] === ev.cmt)
    : compiled.doses.filter((d) => d.drug === ev.drug);
  const rate = ev.rateMgPerH ?? 0;
  const pieces: Piece[] = [];
  for (const entry of entries) {
    const amount = ev.amtMg * entry.fraction;
    if (rate === 0 && ev.durH === undefined) {
      pieces.push({ state: entry.state, atH: entry.lagH, amount });
      continue;
    }
    if (amount === 0) continue;
    let r: number;
    if (rate > 0) r = rate;
    else if (rate === -1) r = modelValue(entry.state, 'ratePerH', compiled, 'rate_per_h');
    else r = amount / (ev.durH ?? modelValue(entry.state, 'durH', compiled, 'dur_h'));
    pieces.push({ state: entry.state, atH: entry.lagH, amount, rate: r, endH: entry.lagH + amount / r });
  }
  return pieces;
}

/** A dosed state's model-defined rate or duration (records with rate −1 / −2), checked. */
function modelValue(state: number, key: 'ratePerH' | 'durH', compiled: CompiledModel, field: string): number {
  const v = compiled.dosedStates?.find((d) => d.state === state)?.[key];
  if (v === undefined || !(v > 0) || !Number.isFinite(v)) {
    throw new RangeError(`dosedStates ${compiled.stateNames[state]}.${field}: expected a value > 0 for a record with rate ${key === 'ratePerH' ? -1 : -2}, got ${String(v)}`);
  }
  return v;
}

/**
 * Whether a record is a constant infusion to steady state (NONMEM: AMT 0, RATE > 0, SS 1 or 2, II 0): a
 * zero-order input that has run for ever and goes on until a reset.
 */
export function isConstantInfusion(ev: DoseEvent): boolean {
  return (ev.ss ?? 0) !== 0 && (ev.iiH ?? 0) === 0 && ev.amtMg === 0 && (ev.rateMgPerH ?? 0) > 0;
}

/** A constant infusion's rate per state: `rate × F` into each entry of its route (F scales the rate, as the amount). */
function constantRates(ev: DoseEvent, compiled: CompiledModel): Float64Array {
  const entries = ev.cmt
    ? (compiled.dosedStates ?? []).filter((d) => compiled.stateNames[d.state] === ev.cmt)
    : compiled.doses.filter((d) => d.drug === ev.drug);
  const rates = new Float64Array(compiled.n);
  for (const entry of entries) rates[entry.state]! += ev.rateMgPerH! * entry.fraction;
  return rates;
}

/** Integrates one run of inputs from `y` (changed in place) over [fromH, toH]; returns a diagnostic on failure. */
export type IntervalIntegrator = (compiled: CompiledModel, inputs: readonly RunInput[], y: Float64Array, fromH: number, toH: number) => string | undefined;

/** The inputs of one run: its changes in order, the integration segments' bounds, and steady-state figures. */
export interface BuiltInputs {
  readonly inputs: readonly RunInput[];
  readonly cuts: readonly number[];
  readonly steadyState?: SteadyStateReport;
  /** Problems (a steady state not reached): the run must be reported as not ok. */
  readonly diagnostics?: readonly string[];
}

interface Item {
  timeH: number;
  /** Position of the causing record in processing order: resets cancel what earlier records left pending. */
  readonly origin: number;
  /** Index of the causing record in the event table. */
  readonly record: number;
  readonly kind: 'bolus' | 'start' | 'end' | 'reset' | 'set' | 'add';
  readonly state: number;
  readonly amount: number;
  readonly rate: number;
  /** Pairs a zero-order input's start with its end. */
  readonly id: number;
  readonly y?: Float64Array;
}

/**
 * Builds a run's inputs from its records for one parameter set. Items at one time are applied in processing
 * order (record time, then record order; a lagged dose by its record); a reset (evid 3 or 4, ss 1) stops
 * zero-order inputs and cancels every input an earlier record still had pending (lagged doses, additional
 * doses, the rest of an infusion). Inputs after `endH` change nothing and are dropped.
 */
export function buildInputs(events: readonly DoseEvent[], compiled: CompiledModel, endH: number, atol: readonly number[],
  integrateInterval: IntervalIntegrator, readStates?: readonly boolean[], compiledOf?: (record: number) => CompiledModel,
  ssRtol: number = STEADY_STATE.rtol, linear = false): BuiltInputs {
  const items: Item[] = [];
  let nextId = 0;
  const ssRecords: SteadyStateReport['records'][number][] = [];
  const diagnostics: string[] = [];
  const push = (p: Piece, t0: number, origin: number, record: number, fromH = -Infinity) => {
    if (p.rate === undefined) {
      items.push({ timeH: t0 + p.atH, origin, record, kind: 'bolus', state: p.state, amount: p.amount, rate: 0, id: -1 });
      return;
    }
    const id = nextId++;
    items.push({ timeH: Math.max(t0 + p.atH, fromH), origin, record, kind: 'start', state: p.state, amount: 0, rate: p.rate, id });
    items.push({ timeH: t0 + p.endH!, origin, record, kind: 'end', state: p.state, amount: 0, rate: 0, id });
  };
  const expanded = expandRecords(events);
  // A record's place in processing order, shared by its additional doses: a reset cancels those of earlier records.
  const place = new Map<number, number>();
  expanded.forEach((x, i) => { if (x.k === 0) place.set(x.record, i); });
  expanded.forEach((x) => {
    const origin = place.get(x.record)!;
    // The record's own parameter set (a data set's covariates on that row), as NONMEM evaluates F1 and ALAG1.
    const cm = compiledOf ? compiledOf(x.record) : compiled;
    // The additional doses of an evid 4 record are plain doses (evid 1): only the record itself resets, or
    // addl could never accumulate (NONMEM's and mrgsolve's reading as we know it; see docs/dosing.md).
    const evid = x.k > 0 && x.ev.evid === 4 ? 1 : (x.ev.evid ?? 1);
    if (evid === 2) return;
    const t = x.timeH;
    const ss = x.k === 0 ? (x.ev.ss ?? 0) : 0;
    const record = x.record;
    if (evid === 3 || evid === 4 || ss === 1) items.push({ timeH: t, origin, record, kind: 'reset', state: -1, amount: 0, rate: 0, id: -1, y: cm.y0 });
    if (evid === 3) return;
    // A state no equation reads (a running total such as eliminated_mg) has no steady state: it restarts from
    // its initial value (ss 1) or is left as it was (ss 2).
    const pushSteadyState = (s: SteadyStateFound) => {
      if (s.diagnostic) diagnostics.push(s.diagnostic);
      const y = ss === 1 ? s.trough.map((v, i) => (readStates?.[i] === false ? cm.y0[i]! : v)) : s.trough.map((v, i) => (readStates?.[i] === false ? 0 : v - cm.y0[i]!));
      items.push({ timeH: t, origin, record, kind: ss === 1 ? 'set' : 'add', state: -1, amount: 0, rate: 0, id: -1, y });
    };
    if (ss !== 0 && isConstantInfusion(x.ev)) {
      // The infusion has run for ever (so its lag does not matter) and goes on until a reset: no end.
      const rates = constantRates(x.ev, cm);
      const s = infusionSteadyState(rates, t, cm, atol, integrateInterval, readStates, ssRtol, linear);
      ssRecords.push({ timeH: t, method: s.method, intervals: s.intervals, intervalH: STEADY_STATE.constantInfusionIntervalH, constantInfusion: true });
      pushSteadyState(s);
      rates.forEach((rate, state) => { if (rate !== 0) items.push({ timeH: t, origin, record, kind: 'start', state, amount: 0, rate, id: nextId++ }); });
      return;
    }
    const pieces = dosePieces(x.ev, cm);
    if (ss !== 0) {
      const s = periodicSteadyState(pieces, x.ev.iiH!, t, cm, atol, integrateInterval, readStates, ssRtol, linear);
      ssRecords.push({ timeH: t, method: s.method, intervals: s.intervals, intervalH: x.ev.iiH! });
      pushSteadyState(s);
      // Inputs of the earlier doses of the regimen still pending at t (a lag or an infusion past the interval).
      for (let m = 1; m <= s.previous; m++) {
        for (const p of pieces) {
          const t0 = t - m * x.ev.iiH!;
          if (p.rate === undefined ? t0 + p.atH >= t : t0 + p.endH! > t) push(p, t0, origin, record, t);
        }
      }
    }
    for (const p of pieces) push(p, t, origin, record);
  });
  // Stable: equal times keep processing order.
  items.sort((a, b) => a.timeH - b.timeH);

  const inputs: RunInput[] = [];
  const active = new Map<number, { state: number; rate: number }>();
  const n = compiled.n;
  const ratesNow = (): Float64Array | undefined => {
    if (active.size === 0) return undefined;
    const r = new Float64Array(n);
    for (const a of active.values()) r[a.state]! += a.rate;
    return r;
  };
  const cancelled = new Set<Item>();
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (cancelled.has(it) || it.timeH > endH) continue;
    switch (it.kind) {
      case 'bolus':
        inputs.push({ timeH: it.timeH, state: it.state, amount: it.amount, record: it.record });
        break;
      case 'start':
        active.set(it.id, { state: it.state, rate: it.rate });
        inputs.push({ timeH: it.timeH, state: -1, amount: 0, op: { kind: 'rates', rates: ratesNow() }, record: it.record });
        break;
      case 'end':
        if (!active.delete(it.id)) break;
        inputs.push({ timeH: it.timeH, state: -1, amount: 0, op: { kind: 'rates', rates: ratesNow() }, record: it.record });
        break;
      case 'reset':
        for (let j = i + 1; j < items.length; j++) if (items[j]!.origin < it.origin) cancelled.add(items[j]!);
        if (active.size > 0) {
          active.clear();
          inputs.push({ timeH: it.timeH, state: -1, amount: 0, op: { kind: 'rates', rates: undefined }, record: it.record });
        }
        inputs.push({ timeH: it.timeH, state: -1, amount: 0, op: { kind: 'set', y: it.y! }, record: it.record });
        break;
      case 'set':
      case 'add':
        inputs.push({ timeH: it.timeH, state: -1, amount: 0, op: { kind: it.kind, y: it.y! }, record: it.record });
        break;
    }
  }
  const cuts = [...new Set([0, ...inputs.map((x) => x.timeH), endH])].sort((a, b) => a - b);
  return {
    inputs, cuts,
    ...(ssRecords.length ? { steadyState: {
      method: ssRecords.every((r) => r.method === 'linear-closed-form') ? 'linear-closed-form' as const : 'repeated-intervals' as const, rtol: ssRtol, records: ssRecords,
    } } : {}),
    ...(diagnostics.length ? { diagnostics } : {}),
  };
}
