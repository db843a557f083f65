import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../engine/model/load';
import type { ModelSpec } from '../../engine/model/types';
import { oneCompartment } from '../../models/one-compartment';
import { simulate } from '../../engine/simulate';

const withVariability = (variability: unknown): unknown => ({ ...oneCompartment, variability });

describe('the model format: between-subject variability', () => {
  it('accepts the built-in one-compartment model, whose CVs carry sources', () => {
    const m = prepareModel(oneCompartment);
    expect(m.spec.variability?.map((v) => [v.parameter, v.cvPercent])).toEqual([['cl_l_per_h', 48], ['v_l', 30], ['ka_per_h', 50]]);
    expect(m.spec.variability?.every((v) => v.source.length > 20)).toBe(true);
  });

  it('rejects an unknown parameter, a duplicate, a CV <= 0, a missing source and a parameter whose value is 0', () => {
    expect(() => prepareModel(withVariability([{ parameter: 'cl', cvPercent: 30, source: 'x' }])))
      .toThrow('model "one-compartment": variability[0].parameter: "cl" is not a parameter (parameters: f, ka_per_h, cl_l_per_h, v_l, tlag_h)');
    expect(() => prepareModel(withVariability([{ parameter: 'v_l', cvPercent: 30, source: 'x' }, { parameter: 'v_l', cvPercent: 20, source: 'y' }])))
      .toThrow('variability[1].parameter: "v_l" is listed twice');
    expect(() => prepareModel(withVariability([{ parameter: 'v_l', cvPercent: -5, source: 'x' }])))
      .toThrow('variability[0] "v_l".cvPercent: expected a coefficient of variation in percent > 0, got -5');
    expect(() => prepareModel(withVariability([{ parameter: 'v_l', cvPercent: 30 }])))
      .toThrow('variability[0] "v_l".source: expected a non-empty string, got undefined');
    expect(() => prepareModel(withVariability([{ parameter: 'tlag_h', cvPercent: 30, source: 'x' }])))
      .toThrow('variability[0] "tlag_h": log-normal variability needs a parameter value > 0, got 0');
    expect(() => prepareModel(withVariability({ parameter: 'v_l' }))).toThrow('variability: expected an array');
  });

  it('survives a JSON round trip unchanged (export → import)', () => {
    const json = JSON.parse(JSON.stringify(oneCompartment)) as ModelSpec;
    expect(prepareModel(json).spec).toEqual(oneCompartment);
  });
});

describe('periodic inputs (sin, cos) in a custom model', () => {
  // A circadian drive: dE/dt = kout · (1 + A·sin(2π(t − φ)/24)) − kout · E. Its periodic steady state has the closed
  // form E(t) = 1 + A·(sin θ − ω/kout · cos θ) / (1 + (ω/kout)²) with θ = 2π(t − φ)/24, ω = 2π/24; starting there,
  // the solution stays on it.
  const spec: ModelSpec = {
    id: 'circadian', version: '1.0.0', title: 'Circadian drive', description: 'Test model.',
    parameters: [
      { name: 'kout_per_h', value: 0.3, unit: '1/h', label: 'Turnover', source: 'Test value.' },
      { name: 'amp', value: 0.4, unit: '1', label: 'Amplitude', source: 'Test value.' },
      { name: 'phase_h', value: 4, unit: 'h', label: 'Phase', source: 'Test value.' },
    ],
    states: [{
      name: 'endo', unit: '1',
      initial: '1 + amp * (sin(2 * pi * (0 - phase_h) / 24) - (2 * pi / 24) / kout_per_h * cos(2 * pi * (0 - phase_h) / 24)) / (1 + pow((2 * pi / 24) / kout_per_h, 2))',
    }],
    expressions: [{ name: 'drive', expr: '1 + amp * sin(2 * pi * (t - phase_h) / 24)', unit: '1' }],
    odes: { endo: 'kout_per_h * drive - kout_per_h * endo' },
    outputs: [{ name: 'endo_rel', expr: 'endo', unit: '1' }],
    doses: [{ drug: 'none', state: 'endo', bioavailability: 0, lag_h: 0 }],
  };

  it('follow the closed-form periodic steady state over three days, with closures and with generated code', () => {
    const model = prepareModel(spec);
    const w = (2 * Math.PI) / 24;
    const r = w / 0.3;
    const exact = (t: number) => 1 + 0.4 * (Math.sin(w * (t - 4)) - r * Math.cos(w * (t - 4))) / (1 + r * r);
    for (const evaluation of ['closures', 'generated'] as const) {
      const res = simulate(model, { events: [], endH: 72, stepH: 0.5, evaluation });
      const e = res.columns[0]!.values;
      res.timeH.forEach((t, i) => expect(Math.abs(e[i]! - exact(t))).toBeLessThan(1e-8));
    }
  });
});
