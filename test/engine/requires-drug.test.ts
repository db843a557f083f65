import { describe, expect, it } from 'vitest';
import { prepareModel, ModelError } from '../../engine/model/load';
import { simulate } from '../../engine/simulate';
import type { ModelSpec } from '../../engine/model/types';

/** Two drugs feeding one depot; one column listed for both, one for `b` only. */
const spec: ModelSpec = {
  id: 'two-drugs', version: '1.0.0', title: 'Two drugs, one depot', description: 'Test model.',
  parameters: [{ name: 'k', value: 1, unit: '1/h', label: 'Rate', source: 'Test value.' }],
  states: [{ name: 'a_mg', unit: 'mg', initial: 0 }],
  expressions: [],
  odes: { a_mg: '-k * a_mg' },
  outputs: [
    { name: 'always', expr: 'a_mg', unit: 'mg' },
    { name: 'either', expr: 'a_mg', unit: 'mg', requiresDrug: ['a', 'b'] },
    { name: 'only_b', expr: 'a_mg', unit: 'mg', requiresDrug: 'b' },
  ],
  doses: [
    { drug: 'a', state: 'a_mg', bioavailability: 1, lag_h: 0 },
    { drug: 'b', state: 'a_mg', bioavailability: 1, lag_h: 0 },
    { drug: 'c', state: 'a_mg', bioavailability: 1, lag_h: 0 },
  ],
};

const names = (drugs: string[]) => simulate(prepareModel(spec), {
  events: drugs.map((drug) => ({ timeH: 0, drug, amtMg: 1 })), endH: 1, stepH: 0.5,
}).columns.map((c) => c.name);

describe('requiresDrug accepts one drug name or an array of names', () => {
  it('an array-valued column is written when any of its drugs is dosed, and left out otherwise', () => {
    expect(names(['a'])).toEqual(['always', 'either']);
    expect(names(['b'])).toEqual(['always', 'either', 'only_b']);
    expect(names(['c'])).toEqual(['always']);
  });

  it('an array naming a drug the model lacks fails at load time, naming the field', () => {
    const bad = { ...spec, outputs: [{ name: 'x', expr: 'a_mg', unit: 'mg', requiresDrug: ['a', 'z'] }] };
    expect(() => prepareModel(bad)).toThrow(ModelError);
    expect(() => prepareModel(bad)).toThrow(/outputs\[0\]\.requiresDrug.*"z" is not a drug/);
  });

  it('an empty array is rejected at load time', () => {
    const bad = { ...spec, outputs: [{ name: 'x', expr: 'a_mg', unit: 'mg', requiresDrug: [] }] };
    expect(() => prepareModel(bad)).toThrow(/non-empty array/);
  });
});
