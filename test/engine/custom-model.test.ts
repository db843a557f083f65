import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../engine/model/load';
import type { ModelSpec } from '../../engine/model/types';
import { oneCompartment } from '../../models/one-compartment';

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
