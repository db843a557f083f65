import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../engine/model/load';
import { simulate } from '../../engine/simulate';
import type { ModelSpec } from '../../engine/model/types';
import { column } from '../../engine/result';
import { oneCompartment } from '../../models/one-compartment';
import { expectClose } from '../helpers/expect-close';

const model = prepareModel(oneCompartment);

/** Bateman function: concentration after an oral dose D at time 0 (closed form, any textbook). */
function bateman(tH: number, p: { doseMg: number; f: number; ka: number; cl: number; v: number; tlag: number }): number {
  const t = tH - p.tlag;
  if (t <= 0) return 0;
  const k = p.cl / p.v;
  return (p.f * p.doseMg * p.ka) / (p.v * (p.ka - k)) * (Math.exp(-k * t) - Math.exp(-p.ka * t));
}

const defaults = { f: 1, ka: 2, cl: 475, v: 3000, tlag: 0 };

describe('one-compartment model against the Bateman function', () => {
  it('a single 50 mg dose matches the Bateman function to 1e-6 of the peak on a 5-min grid', () => {
    const r = simulate(model, { events: [{ timeH: 0, drug: 'drug', amtMg: 50 }], endH: 48, stepH: 5 / 60 });
    expect(r.meta.ok).toBe(true);
    const c = column(r, 'conc_mg_per_l');
    const ref = Array.from(r.timeH, (t) => bateman(t, { ...defaults, doseMg: 50 }));
    const peak = Math.max(...ref);
    ref.forEach((x, i) => expectClose(c[i]!, x, { atol: 1e-6 * peak }, `t=${r.timeH[i]}`));
    expect(r.timeH.length).toBe(48 * 12 + 1);
    expect(r.timeH[r.timeH.length - 1]).toBe(48);
  });

  it('a lag time delays the curve exactly: zero before the lag, Bateman after it', () => {
    const p = { ...defaults, f: 0.6, ka: 1.3, tlag: 0.75, doseMg: 10 };
    const r = simulate(model, {
      params: { f: p.f, ka_per_h: p.ka, tlag_h: p.tlag },
      events: [{ timeH: 0, drug: 'drug', amtMg: 10 }], endH: 24, stepH: 0.05,
    });
    const c = column(r, 'conc_mg_per_l');
    const ref = Array.from(r.timeH, (t) => bateman(t, p));
    const peak = Math.max(...ref);
    ref.forEach((x, i) => expectClose(c[i]!, x, { atol: 1e-6 * peak }, `t=${r.timeH[i]}`));
    expect(c.slice(0, 15).every((x) => x === 0)).toBe(true);
  });

  it('repeated doses (addl) equal the superposition of single-dose Bateman curves', () => {
    const p = { ...defaults, doseMg: 4.5 };
    const r = simulate(model, {
      events: [{ timeH: 0, drug: 'drug', amtMg: 4.5, iiH: 24, addl: 6 }, { timeH: 30, drug: 'drug', amtMg: 2 }],
      endH: 24 * 8, stepH: 0.25,
    });
    const c = column(r, 'conc_mg_per_l');
    const ref = Array.from(r.timeH, (t) => {
      let s = bateman(t - 30, { ...p, doseMg: 2 });
      for (let k = 0; k < 7; k++) s += bateman(t - 24 * k, p);
      return s;
    });
    const peak = Math.max(...ref);
    ref.forEach((x, i) => expectClose(c[i]!, x, { atol: 1e-6 * peak }, `t=${r.timeH[i]}`));
  });

  it('mass balance: gut + body + eliminated equals F × total dose at every time', () => {
    const r = simulate(model, {
      params: { f: 0.8 },
      events: [{ timeH: 0, drug: 'drug', amtMg: 3, iiH: 12, addl: 9 }], endH: 130, stepH: 0.5,
    });
    const gut = column(r, 'amount_gut_mg');
    const body = column(r, 'amount_central_mg');
    const out = column(r, 'amount_eliminated_mg');
    r.timeH.forEach((t, i) => {
      const given = 0.8 * 3 * Math.min(10, Math.floor(t / 12) + 1);
      expectClose(gut[i]! + body[i]! + out[i]!, given, { rtol: 1e-9, atol: 1e-12 }, `t=${t}`);
    });
  });
});

describe('a state that becomes non-finite', () => {
  // x falls linearly through zero at t = 2 h; z integrates sqrt(x), which is NaN once x < 0.
  const spec: ModelSpec = {
    id: 'sqrt-of-negative', version: '1.0.0', title: 'sqrt of a negative state', description: 'Test model.',
    parameters: [{ name: 'rate', value: 0.5, unit: 'mg/h', label: 'Rate', source: 'Test value.' }],
    states: [{ name: 'x_mg', unit: 'mg', initial: 1 }, { name: 'z', unit: '1', initial: 0 }],
    expressions: [],
    odes: { x_mg: '-rate', z: 'sqrt(x_mg)' },
    outputs: [{ name: 'z_out', expr: 'z', unit: '1' }],
    doses: [{ drug: 'd', state: 'x_mg', bioavailability: 1, lag_h: 0 }],
  };
  it.each([
    // dopri5 lets non-finite states through to the segment's end; dop853 stops where its step collapses.
    ['dopri5', /^a state became non-finite between 1 h and 4 h \(check parameters/],
    ['dop853', /^integration stopped at t = 2\.0+ h: the step size shrank to rounding level between 1 h and 4 h/],
  ] as const)('is reported (%s), with the rows after it NaN, never a silently truncated curve', (method, message) => {
    const r = simulate(prepareModel(spec), { events: [{ timeH: 1, drug: 'd', amtMg: 0 }], endH: 4, stepH: 0.5, solver: { method } });
    expect(r.meta.ok).toBe(false);
    expect(r.meta.diagnostics).toHaveLength(1);
    expect(r.meta.diagnostics[0]).toMatch(message);
    const z = r.columns[0]!.values;
    expect(Number.isFinite(z[2])).toBe(true); // t = 1 h
    expect(Number.isNaN(z[z.length - 1])).toBe(true);
  });
});
