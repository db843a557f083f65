import { describe, expect, it } from 'vitest';
import { simulate, type DoseEvent } from '../../engine';
import { builtinModel } from '../../models/registry';
import { column } from '../../engine/result';
import { bolus, oneCompCentral, regimen, steadyStateDoses, twoCompCentral, viaDepot, type Dose, type Exps } from './closed-forms';

// Every curve is compared on its grid with the closed form (sums of exponentials, test/dosing/closed-forms.ts),
// to 1e-6 of the curve's peak.
const ONE = { cl: 475, v: 3000, ka: 2 }; // one-compartment defaults
const TWO = { cl: 5, v1: 20, q: 10, v2: 50, ka: 1.5, f: 0.8, tlag: 0.25 }; // two-compartment defaults

interface Case {
  readonly title: string;
  readonly model: 'one-compartment' | 'two-compartment';
  readonly params?: Record<string, number>;
  readonly events: DoseEvent[];
  readonly endH: number;
  /** Closed form at t. */
  readonly expected: (tH: number) => number;
}

// Steady states are checked both ways: in closed form (the default for these linear models) and by repeated
// intervals (`steadyStateMethod: 'repeated-intervals'`); the result of the latter is returned.
function expectCurve(c: Case): ReturnType<typeof simulate> {
  if (c.events.some((e) => e.ss)) {
    const closed = expectCurveBy(c, 'auto');
    expect(closed.meta.steadyState?.method).toBe('linear-closed-form');
  }
  return expectCurveBy(c, 'repeated-intervals');
}

function expectCurveBy(c: Case, steadyStateMethod: 'auto' | 'repeated-intervals'): ReturnType<typeof simulate> {
  const r = simulate(builtinModel(c.model), { events: c.events, endH: c.endH, stepH: 0.1, params: c.params, steadyStateMethod });
  expect(r.meta.ok, r.meta.diagnostics.join('; ')).toBe(true);
  const conc = column(r, 'conc_mg_per_l');
  const want = Array.from(r.timeH, c.expected);
  const peak = Math.max(...want.map(Math.abs));
  expect(peak).toBeGreaterThan(0);
  let worst = 0;
  let at = 0;
  want.forEach((w, i) => { const d = Math.abs(conc[i]! - w); if (d > worst) { worst = d; at = r.timeH[i]!; } });
  expect(worst / peak, `worst at ${at} h`).toBeLessThan(1e-6);
  return r;
}

const one = oneCompCentral(ONE.cl, ONE.v);
const two = twoCompCentral(TWO.cl, TWO.v1, TWO.q, TWO.v2);
const slowest = (h: Exps) => Math.min(...h.map(([, l]) => l));
const sumOf = (h: Exps, doses: readonly Dose[]) => (t: number) => regimen(h, doses, t);

for (const [model, central, ka, f, lag] of [
  ['one-compartment', one, ONE.ka, 0.6, 0.75],
  ['two-compartment', two, TWO.ka, TWO.f, TWO.tlag],
] as const) {
  const depot = viaDepot(central, ka);
  const params: Record<string, number> = model === 'one-compartment' ? { f, tlag_h: lag } : {};
  const oral = model === 'one-compartment' ? 'gut_mg' : 'depot_mg';
  describe(`${model}: records vs closed forms (sums of exponentials; 1e-6 of the peak)`, () => {
    it('IV bolus into central_mg (cmt), and again every 6 h (addl 3): superposition before steady state', () => {
      expectCurve({ title: '', model, params, endH: 30, events: [{ timeH: 1, drug: 'drug', amtMg: 10, cmt: 'central_mg', iiH: 6, addl: 3 }],
        expected: sumOf(central, [1, 7, 13, 19].map((atH) => ({ atH, amount: 10 }))) });
    });
    it('IV infusion by rate (10 mg at 4 mg/h: 2.5 h) and by dur_h (3 h)', () => {
      expectCurve({ title: '', model, params, endH: 24, events: [
        { timeH: 1, drug: 'drug', amtMg: 10, cmt: 'central_mg', rateMgPerH: 4 },
        { timeH: 2, drug: 'drug', amtMg: 6, cmt: 'central_mg', durH: 3 },
      ], expected: sumOf(central, [{ atH: 1, amount: 10, durH: 2.5 }, { atH: 2, amount: 6, durH: 3 }]) });
    });
    it(`oral with lag ${lag} h and F ${f} by the drug's route and by cmt ${oral}`, () => {
      expectCurve({ title: '', model, params, endH: 24, events: [
        { timeH: 0, drug: 'drug', amtMg: 50 },
        { timeH: 5, drug: 'drug', amtMg: 25, cmt: oral },
      ], expected: sumOf(depot, [{ atH: lag, amount: 50 * f }, { atH: 5 + lag, amount: 25 * f }]) });
    });
    it('a zero-order input into the depot at a given rate lasts F·amt/rate (F scales the amount, as in NONMEM)', () => {
      expectCurve({ title: '', model, params, endH: 24, events: [{ timeH: 0, drug: 'drug', amtMg: 50, cmt: oral, rateMgPerH: 10 }],
        expected: sumOf(depot, [{ atH: lag, amount: 50 * f, durH: (50 * f) / 10 }]) });
    });
    it('ss 1, IV bolus every 12 h, then 2 more doses (addl): at steady state from time 0; meta reports the intervals', () => {
      const r = expectCurve({ title: '', model, params, endH: 48, events: [{ timeH: 0, drug: 'drug', amtMg: 100, cmt: 'central_mg', iiH: 12, addl: 2, ss: 1 }],
        expected: sumOf(central, [...steadyStateDoses({ atH: 0, amount: 100 }, 12, slowest(central)), { atH: 12, amount: 100 }, { atH: 24, amount: 100 }]) });
      expect(r.meta.steadyState?.method).toBe('repeated-intervals');
      expect(r.meta.steadyState?.records).toHaveLength(1);
      expect(r.meta.steadyState!.records[0]!.intervals).toBeGreaterThan(1);
    });
    it('ss 1, oral with lag every 24 h, and with a lag longer than the interval (3.5 h lag, ii 3 h: pending doses carry over)', () => {
      expectCurve({ title: '', model, params, endH: 24, events: [{ timeH: 0, drug: 'drug', amtMg: 50, iiH: 24, ss: 1 }],
        expected: sumOf(depot, steadyStateDoses({ atH: lag, amount: 50 * f }, 24, Math.min(slowest(central), ka))) });
      const p5 = { ...params, tlag_h: 3.5 };
      const f5 = model === 'one-compartment' ? f : TWO.f;
      expectCurve({ title: '', model, params: p5, endH: 12, events: [{ timeH: 0, drug: 'drug', amtMg: 20, iiH: 3, ss: 1 }],
        expected: sumOf(depot, steadyStateDoses({ atH: 3.5, amount: 20 * f5 }, 3, Math.min(slowest(central), ka))) });
    });
    it('ss 1, IV infusions of 2 h and of 6 h (longer than ii 4 h: they overlap) every 4 h', () => {
      expectCurve({ title: '', model, params, endH: 12, events: [{ timeH: 0, drug: 'drug', amtMg: 40, cmt: 'central_mg', iiH: 4, ss: 1, durH: 2 }],
        expected: sumOf(central, steadyStateDoses({ atH: 0, amount: 40, durH: 2 }, 4, slowest(central))) });
      expectCurve({ title: '', model, params, endH: 12, events: [{ timeH: 0, drug: 'drug', amtMg: 40, cmt: 'central_mg', iiH: 4, ss: 1, durH: 6 }],
        expected: sumOf(central, steadyStateDoses({ atH: 0, amount: 40, durH: 6 }, 4, slowest(central))) });
    });
    it('ss 2 adds the steady state to what earlier doses left; ss 1 at a later time resets it', () => {
      const ssAt10 = steadyStateDoses({ atH: 10, amount: 30 }, 8, slowest(central));
      expectCurve({ title: '', model, params, endH: 30, events: [
        { timeH: 0, drug: 'drug', amtMg: 100, cmt: 'central_mg' },
        { timeH: 10, drug: 'drug', amtMg: 30, cmt: 'central_mg', iiH: 8, ss: 2 },
      ], expected: (t) => regimen(central, [{ atH: 0, amount: 100 }], t) + (t < 10 ? 0 : regimen(central, ssAt10, t)) });
      expectCurve({ title: '', model, params, endH: 30, events: [
        { timeH: 0, drug: 'drug', amtMg: 100, cmt: 'central_mg' },
        { timeH: 10, drug: 'drug', amtMg: 30, cmt: 'central_mg', iiH: 8, ss: 1 },
      ], expected: (t) => (t < 10 ? regimen(central, [{ atH: 0, amount: 100 }], t) : regimen(central, ssAt10, t)) });
    });
    it('superposition with resets: evid 3 cancels the additional doses and the infusion in progress; evid 4 resets and doses', () => {
      expectCurve({ title: '', model, params, endH: 30, events: [
        { timeH: 0, drug: 'drug', amtMg: 10, cmt: 'central_mg', iiH: 4, addl: 5 },
        { timeH: 9, drug: 'drug', amtMg: 20, cmt: 'central_mg', durH: 4 },
        { timeH: 10, drug: 'drug', amtMg: 0, evid: 3 },
        { timeH: 15, drug: 'drug', amtMg: 5, cmt: 'central_mg' },
        { timeH: 20, drug: 'drug', amtMg: 7, cmt: 'central_mg', evid: 4 },
      ], expected: (t) => (t < 10 ? regimen(central, [{ atH: 0, amount: 10 }, { atH: 4, amount: 10 }, { atH: 8, amount: 10 }, { atH: 9, amount: 20, durH: 4 }], t)
        : t < 20 ? regimen(central, [{ atH: 15, amount: 5 }], t) : 7 * bolus(central, t - 20)) });
    });
  });
}

describe('records at one time are applied in NONMEM order (record order; a lagged dose by its own record)', () => {
  const m = builtinModel('one-compartment');
  const run = (events: DoseEvent[]) => column(simulate(m, { events, endH: 10, stepH: 1, params: { tlag_h: 2 } }), 'amount_central_mg');
  it('a dose then a reset at the same time leaves nothing; a reset then a dose leaves the dose', () => {
    const doseThenReset = run([{ timeH: 5, drug: 'drug', amtMg: 10, cmt: 'central_mg' }, { timeH: 5, drug: 'drug', amtMg: 0, evid: 3 }]);
    expect(doseThenReset[6]).toBe(0);
    const resetThenDose = run([{ timeH: 5, drug: 'drug', amtMg: 0, evid: 3 }, { timeH: 5, drug: 'drug', amtMg: 10, cmt: 'central_mg' }]);
    expect(resetThenDose[5]).toBe(10);
  });
  it('a reset cancels a lagged dose of an earlier record still pending (dose at 4 h, lag 2 h, reset at 5 h)', () => {
    const r = run([{ timeH: 4, drug: 'drug', amtMg: 10 }, { timeH: 5, drug: 'drug', amtMg: 0, evid: 3 }]);
    expect(Math.max(...r)).toBe(0);
  });
  it('evid 2 records change nothing (they only add an output row, here at 3.5 h: test/dosing/evid2-rows.test.ts)', () => {
    const a = run([{ timeH: 1, drug: 'drug', amtMg: 10, cmt: 'central_mg' }]);
    const b = run([{ timeH: 1, drug: 'drug', amtMg: 10, cmt: 'central_mg' }, { timeH: 3.5, drug: 'drug', amtMg: 0, evid: 2 }]);
    expect(b).toHaveLength(a.length + 1);
    expect([...b.slice(0, 4), ...b.slice(5)]).toEqual(Array.from(a));
  });
});
