import { describe, expect, it } from 'vitest';
import { simulate } from '../../engine/simulate';
import { hasFeature, integratorByName, MissingFeatureError, type FeatureName } from '../../engine/features';
import { INTEGRATORS } from '../../engine/integrators';
import { builtinModel } from '../../models/registry';

// Node imports engine/simulate.ts, which registers every optional feature (engine/all-features.ts): the CLI,
// the tests and the research code run any request synchronously, as before features were loadable on use.
// (test/workers/lazy-features.test.ts checks the worker's side, which loads them on first use.)
describe('engine/simulate.ts registers every optional engine feature', () => {
  it('dopri5, odex, records and generated are registered once engine/simulate.ts is imported', () => {
    const all: FeatureName[] = ['dopri5', 'odex', 'records', 'generated'];
    expect(all.filter((f) => !hasFeature(f))).toEqual([]);
  });

  it('solver.method names the registered integrators; an unknown name is refused with the valid ones listed', () => {
    for (const name of Object.keys(INTEGRATORS) as (keyof typeof INTEGRATORS)[]) expect(integratorByName(name)).toBe(INTEGRATORS[name]);
    expect(() => integratorByName('rk4')).toThrow(RangeError);
    expect(() => integratorByName('toString')).toThrow(/solver\.method: expected one of dop853, dopri5, odex, got "toString"/);
  });

  it('a missing feature is a programming error naming the feature and how to register it', () => {
    const e = new MissingFeatureError('odex');
    expect(e.message).toMatch(/feature "odex" is not registered; import engine\/all-features\.ts .* loadFeatures\(\["odex"\]\)/);
    expect(e.feature).toBe('odex');
  });

  it('a steady state with odex and generated evaluation runs synchronously: 4.5 mg every 24 h in one-compartment starts at the superposed Bateman trough (rtol 1e-7)', () => {
    // F 1, ka 2 /h, CL/F 475 L/h, V/F 3000 L (models/one-compartment.ts); trough = D/V·ka/(ka−k)·(1/(1−e^(−kτ)) − 1/(1−e^(−ka·τ))).
    const ka = 2;
    const k = 475 / 3000;
    const trough = (4.5 / 3000) * (ka / (ka - k)) * (1 / (1 - Math.exp(-k * 24)) - 1 / (1 - Math.exp(-ka * 24)));
    const r = simulate(builtinModel('one-compartment'), {
      events: [{ timeH: 0, drug: 'drug', amtMg: 4.5, ss: 1, iiH: 24 }], endH: 1, stepH: 1,
      solver: { method: 'odex' }, evaluation: 'generated', steadyStateMethod: 'repeated-intervals',
    });
    expect(r.meta.solver.method).toBe('odex');
    const c0 = r.columns.find((c) => c.name === 'conc_mg_per_l')!.values[0]!;
    expect(Math.abs(c0 - trough) / trough).toBeLessThan(1e-7);
  });
});
