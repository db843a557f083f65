import { describe, expect, it } from 'vitest';
import { describeBounds, outsideRange, parameterBounds, rangeNote, withinBounds } from '../../engine/model/bounds';
import { oneCompartment } from '../../models/one-compartment';
import { ldn } from '../../models/ldn';
import { decodeScenario, encodeScenario, defaultScenario } from '../../ui/scenario';

const specs = [oneCompartment, ldn];
const param = (name: string) => [...oneCompartment.parameters, ...ldn.parameters].find((p) => p.name === name)!;

describe('parameter bounds (engine/model/bounds.ts)', () => {
  it('reads bounds as words and tests values against them, exclusive and inclusive ends apart', () => {
    expect(describeBounds(param('cl_l_per_h'))).toBe('> 0');
    expect(describeBounds(param('fu_naltrexone'))).toBe('in [0, 1]');
    expect(describeBounds(param('f_naltrexone_sys'))).toBe('in (0, 1]');
    expect(describeBounds(param('endo_mu_occupancy_baseline'))).toBe('in (0, 1)');
    expect(describeBounds({ value: -1 })).toBe('any finite number');
    expect(withinBounds(param('cl_l_per_h'), 0)).toBe(false);
    expect(withinBounds(param('cl_l_per_h'), 1e-9)).toBe(true);
    expect(withinBounds(param('tlag_h'), 0)).toBe(true);
    expect(withinBounds(param('endo_mu_occupancy_baseline'), 1)).toBe(false);
    expect(withinBounds(param('fu_naltrexone'), 1)).toBe(true);
    expect(withinBounds(param('cl_l_per_h'), Infinity)).toBe(false);
    expect(withinBounds(param('cl_l_per_h'), NaN)).toBe(false);
  });

  it('defaults by the sign of the value when a model gives none: > 0, ≥ 0, or none', () => {
    expect(parameterBounds({ value: 3 })).toEqual({ exclusiveMinimum: 0 });
    expect(parameterBounds({ value: 0 })).toEqual({ minimum: 0 });
    expect(parameterBounds({ value: -2 })).toEqual({});
  });

  it('every built-in parameter\'s value and typical range lie within its bounds, and the note names range and bounds', () => {
    for (const p of [...oneCompartment.parameters, ...ldn.parameters]) {
      expect(withinBounds(p, p.value), p.name).toBe(true);
      if (p.range) expect(p.range.every((x) => withinBounds(p, x)), p.name).toBe(true);
    }
    expect(outsideRange(param('cl_l_per_h'), 6)).toBe(true);
    expect(rangeNote(param('cl_l_per_h'), 400)).toBeUndefined();
    expect(rangeNote(param('cl_l_per_h'), 6)).toBe('cl_l_per_h = 6 L/h is outside its typical range [10, 5000] L/h (within its bounds, > 0); it runs');
  });
});

describe('the app\'s shareable link takes any value within the bounds', () => {
  it('p.cl_l_per_h=6 (outside the slider range 10–5000) is kept and round-trips; p.cl_l_per_h=0 is reported by name', () => {
    const ok = decodeScenario(new URLSearchParams('model=one-compartment&p.cl_l_per_h=6&p.f=1.5'), specs, 'one-compartment');
    expect(ok.problems).toEqual([]);
    expect(ok.scenario!.params).toEqual({ cl_l_per_h: 6, f: 1.5 });
    expect(decodeScenario(encodeScenario(ok.scenario!), specs, 'one-compartment').scenario).toEqual(ok.scenario);
    const bad = decodeScenario(new URLSearchParams('model=one-compartment&p.cl_l_per_h=0'), specs, 'one-compartment');
    expect(bad.scenario).toEqual(defaultScenario('one-compartment'));
    expect(bad.problems).toEqual(['p.cl_l_per_h: expected a number > 0, got "0"']);
  });
});
