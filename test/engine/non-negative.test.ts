import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../engine/model/load';
import { simulate } from '../../engine/simulate';
import { column } from '../../engine/result';
import { ldn } from '../../models/ldn';

// StateSpec.nonNegative: the integrators keep such states ≥ 0 by projection (Shampine, Thompson & Kierzenka 2005).
const events = [{ timeH: 0, drug: 'naltrexone', amtMg: 50 }];
const minOf = (v: Float64Array) => v.reduce((m, x) => Math.min(m, x), Infinity);

describe('non-negative states', () => {
  it('without the flag, 50 mg of naltrexone followed for 30 days dips below 0 (integration error after decay); with it, never, under every integrator', () => {
    const plain = prepareModel({ ...ldn, id: 'ldn-plain', states: ldn.states.map(({ nonNegative: _n, ...s }) => s) });
    const bad = simulate(plain, { events, endH: 720, stepH: 0.25 });
    expect(minOf(column(bad, 'naltrexone_plasma_ng_per_ml'))).toBeLessThan(0);
    for (const method of ['dop853', 'dopri5', 'odex'] as const) {
      const good = simulate(prepareModel(ldn), { events, endH: 720, stepH: 0.25, solver: { method } });
      expect(minOf(column(good, 'naltrexone_plasma_ng_per_ml')), method).toBeGreaterThanOrEqual(0);
      // and the projection changes nothing a tolerance could see: the curves agree with the unflagged run
      const a = column(good, 'naltrexone_plasma_ng_per_ml');
      const b = column(simulate(plain, { events, endH: 720, stepH: 0.25, solver: { method } }), 'naltrexone_plasma_ng_per_ml');
      a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-6));
    }
  });

  it('a model file with a non-boolean nonNegative is refused, naming the field', () => {
    const states = ldn.states.map((s, i) => (i === 0 ? { ...s, nonNegative: 'yes' } : s));
    expect(() => prepareModel({ ...ldn, states } as never)).toThrow(/states\[0\]\.nonNegative: expected true or false/);
  });
});
