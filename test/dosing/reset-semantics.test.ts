import { describe, expect, it } from 'vitest';
import { simulate, type DoseEvent } from '../../engine';
import { builtinModel } from '../../models/registry';
import { column } from '../../engine/result';
import { regimen, steadyStateDoses, twoCompCentral, type Dose } from './closed-forms';

// What a reset cancels (docs/dosing.md, "Events at the same time, resets"): every reset (evid 3, evid 4, ss 1)
// sets the initial state, stops the zero-order inputs in progress and cancels what earlier records still had
// pending (additional doses, lagged doses, the rest of an infusion); records after the reset are untouched.
// Closed forms (two-compartment, sums of exponentials), 1e-6 of the peak.
const h = twoCompCentral(5, 20, 10, 50);
const model = builtinModel('two-compartment');
const iv = (timeH: number, amtMg: number, extra: Partial<DoseEvent> = {}): DoseEvent => ({ timeH, drug: 'drug', amtMg, cmt: 'central_mg', ...extra });

function expectCurve(events: DoseEvent[], expected: (t: number) => number) {
  const r = simulate(model, { events, endH: 40, stepH: 0.25 });
  expect(r.meta.ok, r.meta.diagnostics.join('; ')).toBe(true);
  const conc = column(r, 'conc_mg_per_l');
  const want = Array.from(r.timeH, expected);
  const peak = Math.max(...want.map(Math.abs));
  let worst = 0;
  want.forEach((w, i) => { worst = Math.max(worst, Math.abs(conc[i]! - w)); });
  expect(worst / peak).toBeLessThan(1e-6);
}

describe('what a reset cancels (two-compartment closed forms, 1e-6 of the peak)', () => {
  const before: Dose[] = [{ atH: 0, amount: 10 }, { atH: 6, amount: 10 }, { atH: 8, amount: 30, durH: 6 }];
  const early = [iv(0, 10, { iiH: 6, addl: 5 }), iv(8, 30, { durH: 6 })];
  it('an ss 1 dose at 10 h cancels the addl doses of an earlier record (12, 18 … h) and stops its infusion (8–14 h)', () => {
    const ss = steadyStateDoses({ atH: 10, amount: 20 }, 12, Math.min(...h.map(([, l]) => l)));
    expectCurve([...early, iv(10, 20, { ss: 1, iiH: 12, addl: 1 })], (t) => (t < 10 ? regimen(h, before, t) : regimen(h, [...ss, { atH: 22, amount: 20 }], t)));
  });
  it('an evid 4 dose at 10 h does the same; the additional doses of a record after it (addl) are kept', () => {
    expectCurve([...early, iv(10, 20, { evid: 4 }), iv(11, 5, { iiH: 10, addl: 2 })],
      (t) => (t < 10 ? regimen(h, before, t) : regimen(h, [{ atH: 10, amount: 20 }, { atH: 11, amount: 5 }, { atH: 21, amount: 5 }, { atH: 31, amount: 5 }], t)));
  });
  it('an evid 4 record with addl resets once: its additional doses (22, 34 h) are plain doses that accumulate', () => {
    expectCurve([...early, iv(10, 20, { evid: 4, iiH: 12, addl: 2 })],
      (t) => (t < 10 ? regimen(h, before, t) : regimen(h, [{ atH: 10, amount: 20 }, { atH: 22, amount: 20 }, { atH: 34, amount: 20 }], t)));
  });
  it('without a reset the same records superpose (the cancelled doses above are real doses otherwise)', () => {
    expectCurve([...early, iv(10, 20)],
      (t) => regimen(h, [...before, { atH: 12, amount: 10 }, { atH: 18, amount: 10 }, { atH: 24, amount: 10 }, { atH: 30, amount: 10 }, { atH: 10, amount: 20 }], t));
  });
});
