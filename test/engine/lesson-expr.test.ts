import { describe, expect, it } from 'vitest';
import { evaluateAnswer, isCloseEnough, lessonRequest, parseAnswer, LESSON_DEFAULTS } from '../../engine/lesson';
import type { SimulationResult } from '../../engine/result';
import { expectClose } from '../helpers/expect-close';

/** y = exp(-k t) on a fine grid from 0 to 48 h, starting at 22:00: closed forms for every function. */
const k = 0.1;
const n = 48 * 100 + 1;
const timeH = new Float64Array(n).map((_, i) => i / 100);
const y = timeH.map((t) => Math.exp(-k * t));
const bump = timeH.map((t) => t * Math.exp(-t / 2)); // peak at t = 2 h, value 2/e
const result: SimulationResult = {
  timeH,
  columns: [
    { name: 'decay', unit: '1', label: 'decay', values: y },
    { name: 'bump', unit: '1', label: 'bump', values: bump },
  ],
  meta: {
    modelId: 'synthetic', modelVersion: '0', parameters: {}, presets: {}, events: [], startClockH: 22,
    solver: { method: 'none', rtol: 0, atol: [], maxSteps: 0 }, stats: { segments: 0, steps: 0, accepted: 0, rejected: 0, evaluations: 0 },
    diagnostics: [], ok: true,
  },
};
const ev = (src: string, values: Record<string, number> = {}) => evaluateAnswer(parseAnswer(src), result, values);

describe('answer expressions over a result', () => {
  it('peak, tpeak and clockpeak of t·exp(-t/2): 2/e at 2 h, i.e. 00:00 from a 22:00 start', () => {
    expectClose(ev('peak(bump)'), 2 / Math.E, { rtol: 1e-6 });
    expect(ev('tpeak(bump)')).toBe(2);
    expectClose(ev('clockpeak(bump)'), 0, { atol: 1e-9 });
  });

  it('thalf, hours_above and first_below_after of exp(-0.1 t) match ln 2 / 0.1 = 6.93 h (closed form, 1e-4)', () => {
    expectClose(ev('thalf(decay)'), Math.LN2 / k, { rtol: 1e-4 });
    expectClose(ev('hours_above(decay, 0.5)'), Math.LN2 / k, { rtol: 1e-4 });
    expectClose(ev('first_below_after(decay, 0.25, 1)'), (2 * Math.LN2) / k, { rtol: 1e-4 });
    expectClose(ev('first_below_after_peak(decay, 0.5)'), Math.LN2 / k, { rtol: 1e-4 });
  });

  it('auc and auc_in match the integral of exp(-0.1 t) (whole run, and 23:00–07:00 = hours 1–9 and 25–33)', () => {
    const F = (a: number, b: number) => (Math.exp(-k * a) - Math.exp(-k * b)) / k;
    expectClose(ev('auc(decay)'), F(0, 48), { rtol: 1e-5 });
    expectClose(ev('auc_in(decay, 23, 7)'), F(1, 9) + F(25, 33), { rtol: 1e-5 });
    expectClose(ev('hours_above_in(decay, 0.5, 23, 7)'), Math.LN2 / k - 1, { rtol: 1e-4 });
  });

  it('at interpolates, values are symbols, and comparisons give 1 or 0', () => {
    expectClose(ev('at(decay, 10)'), Math.exp(-1), { rtol: 1e-6 });
    expect(ev('2 * x + final(decay) * 0', { x: 3 })).toBe(6);
    expect(ev('gt(1, 2) + lt(1, 2) * 10 + between(5, 0, 10) * 100')).toBe(110);
  });

  it('errors name the column or value and what was expected', () => {
    expect(() => ev('decay + 1')).toThrow(/"decay" is a column: use it inside a function such as peak\(decay\)/);
    expect(() => ev('peak(nothing)')).toThrow(/peak\(\): no column "nothing" in this run; columns: decay, bump/);
    expect(() => ev('y0')).toThrow(/unknown value "y0"/);
    expect(() => parseAnswer('peak(decay, 1)')).toThrow(/peak\(\) takes 1 argument, got 2/);
  });

  it('a typed percentage is checked against a fraction answer within the tolerance', () => {
    expect(isCloseEnough(45, 0.52, { format: 'percent', tolerance: 10 })).toBe(true);
    expect(isCloseEnough(40, 0.52, { format: 'percent', tolerance: 10 })).toBe(false);
    expect(isCloseEnough(3, 4, { format: 'hours', tolerance: 1 })).toBe(true);
  });

  it('a step state becomes daily naltrexone from its start time plus the agonist until its stop', () => {
    const req = lessonRequest({ ...LESSON_DEFAULTS, doseMg: 50, days: 3, naltrexoneStartH: 48, agonist: { amtMg: 10, everyH: 6, untilH: 24 } });
    expect(req.events).toEqual([
      { timeH: 48, drug: 'naltrexone', amtMg: 50, iiH: 24, addl: 0 },
      { timeH: 0, drug: 'morphine', amtMg: 10, iiH: 6, addl: 3 },
    ]);
    expect(req.endH).toBe(72);
    expect(req.startClockH).toBe(22);
  });
});
