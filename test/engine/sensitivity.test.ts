import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../engine/model/load';
import { sensitivity, sensitivityToCsv } from '../../engine/sensitivity';
import { parseMetric } from '../../engine/sweep';
import { oneCompartment } from '../../models/one-compartment';
import { expectClose } from '../helpers/expect-close';

const model = prepareModel(oneCompartment);

/** Bateman function (closed form), F·D·ka/(V(ka − k))·(e^(−kt) − e^(−ka·t)), mg/L. */
function bateman(t: number, p: { f: number; ka: number; cl: number; v: number }, dose: number): number {
  const k = p.cl / p.v;
  return t <= 0 ? 0 : (p.f * dose * p.ka) / (p.v * (p.ka - k)) * (Math.exp(-k * t) - Math.exp(-p.ka * t));
}

describe('normalised local sensitivity', () => {
  it('of AUC(0–240 h) = F·D/CL is +1 for F, −1 for CL, 0 for V and ka, undefined for a zero lag', () => {
    const r = sensitivity(model, {
      base: { events: [{ timeH: 0, drug: 'drug', amtMg: 50 }], endH: 240, stepH: 0.05 },
      metrics: [parseMetric('auc:conc_mg_per_l')],
    });
    const s = Object.fromEntries(r.rows.map((x) => [x.parameter, x]));
    // F = 1 is the top of its slider range, not of its bounds (F ≥ 0: a relative bioavailability): central.
    expect(s.f!.difference).toBe('central');
    expectClose(s.f!.sensitivities[0]!, 1, { atol: 1e-6 });
    expect(s.cl_l_per_h!.difference).toBe('central');
    expectClose(s.cl_l_per_h!.sensitivities[0]!, -1, { atol: 1e-4 });
    expectClose(s.v_l!.sensitivities[0]!, 0, { atol: 1e-4 });
    expectClose(s.ka_per_h!.sensitivities[0]!, 0, { atol: 1e-4 });
    expect(s.tlag_h!.difference).toBe('zero');
    expect(s.tlag_h!.sensitivities[0]).toBeNaN();
  });

  it('at a physical bound (F = 1 of a model whose F is a fraction ≤ 1) is one-sided inside the bounds: backward, still +1 for AUC = F·D/CL', () => {
    const bounded = prepareModel({ ...oneCompartment, id: 'f-bounded', parameters: oneCompartment.parameters.map((p) => (p.name === 'f' ? { ...p, bounds: { minimum: 0, maximum: 1 } } : p)) });
    const r = sensitivity(bounded, {
      base: { events: [{ timeH: 0, drug: 'drug', amtMg: 50 }], endH: 240, stepH: 0.05 },
      metrics: [parseMetric('auc:conc_mg_per_l')], parameters: ['f'],
    });
    expect(r.rows[0]!.difference).toBe('backward');
    expectClose(r.rows[0]!.sensitivities[0]!, 1, { atol: 1e-6 });
  });

  it('of the peak concentration matches central differences of the analytic model\'s peak on the same grid', () => {
    const step = 0.01;
    const dose = 50;
    const r = sensitivity(model, {
      base: { events: [{ timeH: 0, drug: 'drug', amtMg: dose }], endH: 12, stepH: step },
      metrics: [parseMetric('max:conc_mg_per_l')],
      parameters: ['ka_per_h', 'cl_l_per_h', 'v_l'],
    });
    const peak = (p: { f: number; ka: number; cl: number; v: number }) => {
      let m = 0;
      for (let i = 0; i * step <= 12; i++) m = Math.max(m, bateman(i * step, p, dose));
      return m;
    };
    const p0 = { f: 1, ka: 2, cl: 475, v: 3000 };
    const key = { ka_per_h: 'ka', cl_l_per_h: 'cl', v_l: 'v' } as const;
    const h = 1e-3;
    for (const row of r.rows) {
      const k = key[row.parameter as keyof typeof key];
      const truth = (peak({ ...p0, [k]: p0[k] * (1 + h) }) - peak({ ...p0, [k]: p0[k] * (1 - h) })) / (2 * h * peak(p0));
      expectClose(row.sensitivities[0]!, truth, { atol: 1e-5 }, row.parameter);
    }
  });

  it('writes parameter, value, unit, difference and one column per metric', () => {
    const r = sensitivity(model, {
      base: { events: [{ timeH: 0, drug: 'drug', amtMg: 50 }], endH: 24, stepH: 0.5 },
      metrics: [parseMetric('max:conc_mg_per_l'), parseMetric('auc:conc_mg_per_l')],
      parameters: ['v_l'],
    });
    const lines = sensitivityToCsv(r).split('\r\n');
    expect(lines[0]).toBe('parameter,value,unit,difference,conc_mg_per_l_max_sensitivity,conc_mg_per_l_auc_sensitivity');
    expect(lines[1]!.startsWith('v_l,3000,L,central,')).toBe(true);
    expect(() => sensitivity(model, { base: { events: [], endH: 1, stepH: 1 }, metrics: [], relativeStep: 0.5 })).toThrow(/^relative step: expected a number in \(0, 0.1\]/);
    expect(() => sensitivity(model, { base: { events: [], endH: 1, stepH: 1 }, metrics: [], parameters: ['cl'] })).toThrow(/^parameter cl: model "one-compartment" has no such parameter/);
  });
});
