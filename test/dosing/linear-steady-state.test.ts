import { describe, expect, it } from 'vitest';
import { prepareModel, simulate, type DoseEvent, type ModelSpec } from '../../engine';
import { builtinModel } from '../../models/registry';
import { expm, isLinearModel } from '../../engine/linear-steady-state';
import { twoCompartment } from '../../models/two-compartment';

// Closed-form steady states for linear models (engine/linear-steady-state.ts): the interval's affine map from
// matrix exponentials and its fixed point, checked against closed forms of e^A and against the repeated-interval
// result for the same records.
const variant = (odes: Record<string, string>, id: string): ModelSpec => ({ ...twoCompartment, id, odes: { ...twoCompartment.odes, ...odes } });

describe('isLinearModel: from the expression trees', () => {
  it('one- and two-compartment are linear; ldn is not; a state times a state, a division by a state, exp of a state or the time t are not', () => {
    expect(isLinearModel(builtinModel('one-compartment'))).toBe(true);
    expect(isLinearModel(builtinModel('two-compartment'))).toBe(true);
    expect(isLinearModel(builtinModel('ldn'))).toBe(false);
    expect(isLinearModel(prepareModel(variant({ peripheral_mg: 'k12_per_h * central_mg - k21_per_h * peripheral_mg * peripheral_mg / 10' }, 'sq')))).toBe(false);
    expect(isLinearModel(prepareModel(variant({ peripheral_mg: 'k12_per_h * central_mg - k21_per_h / (1 + peripheral_mg)' }, 'div')))).toBe(false);
    expect(isLinearModel(prepareModel(variant({ depot_mg: '-ka_per_h * exp(-depot_mg)' }, 'exp')))).toBe(false);
    expect(isLinearModel(prepareModel(variant({ depot_mg: '-ka_per_h * depot_mg * (1 + sin(t))' }, 'time')))).toBe(false);
    expect(isLinearModel(prepareModel(variant({ depot_mg: '-(ka_per_h + exp(k10_per_h)) * depot_mg / 2 + 1' }, 'affine')))).toBe(true);
  });
});

describe('expm: e^M by scaling and squaring with Padé [6/6]', () => {
  it('upper triangular [[−a, b], [0, −c]] (a 30, b 5, c 0.1: norm 35, squared 7 times) to 1e-13 relative', () => {
    const [a, b, c] = [30, 5, 0.1];
    const e = expm([Float64Array.of(-a, b), Float64Array.of(0, -c)]);
    const want = [[Math.exp(-a), (b * (Math.exp(-a) - Math.exp(-c))) / (c - a)], [0, Math.exp(-c)]];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(Math.abs(e[i]![j]! - want[i]![j]!)).toBeLessThan(1e-13 * Math.max(Math.abs(want[i]![j]!), 1e-300) + 1e-300);
  });
  it('a rotation [[0, w], [−w, 0]] (w 10) gives [[cos w, sin w], [−sin w, cos w]] to 1e-12', () => {
    const e = expm([Float64Array.of(0, 10), Float64Array.of(-10, 0)]);
    expect(Math.abs(e[0]![0]! - Math.cos(10))).toBeLessThan(1e-12);
    expect(Math.abs(e[0]![1]! - Math.sin(10))).toBeLessThan(1e-12);
    expect(Math.abs(e[1]![0]! + Math.sin(10))).toBeLessThan(1e-12);
  });
});

describe('closed-form steady states agree with repeated intervals (to 1e-8 of the peak)', () => {
  const two = builtinModel('two-compartment');
  const cases: readonly [string, DoseEvent[], Record<string, number>?][] = [
    ['oral every 24 h with a lag longer than ii 3 h (ss 1), then 2 addl', [{ timeH: 0, drug: 'drug', amtMg: 20, iiH: 3, addl: 2, ss: 1 }], { tlag_h: 3.5 }],
    ['IV infusions of 6 h every 4 h (overlapping, ss 1), then ss 2 of a bolus every 12 h at 10 h', [
      { timeH: 0, drug: 'drug', amtMg: 40, cmt: 'central_mg', iiH: 4, ss: 1, durH: 6 },
      { timeH: 10, drug: 'drug', amtMg: 30, cmt: 'central_mg', iiH: 12, ss: 2 }]],
    ['a slow peripheral phase (Q 0.5 L/h, V2 500 L) and a constant infusion (ss 1) plus an oral ss 2', [
      { timeH: 0, drug: 'drug', amtMg: 0, cmt: 'central_mg', rateMgPerH: 3, ss: 1 },
      { timeH: 5, drug: 'drug', amtMg: 50, iiH: 24, ss: 2 }], { q_l_per_h: 0.5, v2_l: 500 }],
  ];
  for (const [title, events, params] of cases) {
    it(title, () => {
      const run = (steadyStateMethod: 'auto' | 'repeated-intervals') => simulate(two, { events, endH: 30, stepH: 0.25, params, steadyStateMethod });
      const closed = run('auto');
      const iter = run('repeated-intervals');
      expect(closed.meta.steadyState?.method).toBe('linear-closed-form');
      expect(closed.meta.steadyState?.records.every((r) => r.intervals === 0 && r.method === 'linear-closed-form')).toBe(true);
      expect(iter.meta.steadyState?.method).toBe('repeated-intervals');
      closed.columns.forEach((c, j) => {
        const other = iter.columns[j]!.values;
        const peak = Math.max(...Array.from(other, Math.abs));
        let worst = 0;
        c.values.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - other[i]!)); });
        if (peak === 0) expect(worst, c.name).toBe(0);
        else expect(worst / peak, c.name).toBeLessThan(1e-8);
      });
    });
  }
  it('no steady state (a read state that only accumulates: I − Φ singular): falls back to repeated intervals, which report the failed run', () => {
    const acc = prepareModel(variant({ central_mg: 'ka_per_h * depot_mg - (k10_per_h + k12_per_h) * central_mg + 0 * peripheral_mg', peripheral_mg: 'k12_per_h * central_mg' }, 'accumulating'));
    expect(isLinearModel(acc)).toBe(true);
    const r = simulate(acc, { events: [{ timeH: 0, drug: 'drug', amtMg: 10, cmt: 'central_mg', iiH: 12, ss: 1 }], endH: 12, stepH: 1 });
    expect(r.meta.ok).toBe(false);
    expect(r.meta.steadyState?.records[0]).toMatchObject({ method: 'repeated-intervals', intervals: 2000 });
    expect(r.meta.diagnostics.join(' ')).toMatch(/steady state at 0 h: the state still changed after 2000 dosing intervals of 12 h/);
  });
  it('ldn (not linear) keeps repeated intervals; an unknown steadyStateMethod is refused naming the field', () => {
    const r = simulate(builtinModel('ldn'), { events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5, iiH: 24, ss: 1 }], endH: 24, stepH: 6 });
    expect(r.meta.steadyState?.method).toBe('repeated-intervals');
    expect(() => simulate(two, { events: [{ timeH: 0, drug: 'drug', amtMg: 1 }], endH: 1, stepH: 1, steadyStateMethod: 'newton' as never }))
      .toThrow(/steadyStateMethod: expected "auto" or "repeated-intervals", got "newton"/);
  });
});
