import { describe, expect, it } from 'vitest';
import { prepareModel, simulate, type DoseEvent, type ModelSpec } from '../../engine';
import { builtinModel } from '../../models/registry';
import { column } from '../../engine/result';
import { twoCompartment } from '../../models/two-compartment';

const base: DoseEvent = { timeH: 0, drug: 'drug', amtMg: 10 };

// Every combination NONMEM refuses, and those ldn-sim cannot honour, is refused naming the record and field.
const REFUSED: readonly [string, Record<string, unknown>, RegExp][] = [
  ['ss without ii', { ss: 1 }, /events\[0\]\.ii_h: a steady-state dose \(ss 1\) needs the dosing interval ii_h > 0/],
  ['ss with ii 0', { ss: 2, iiH: 0 }, /events\[0\]\.ii_h: a steady-state dose/],
  ['ss 3', { ss: 3, iiH: 12 }, /events\[0\]\.ss: expected 0, 1/],
  ['evid 0 (an observation is not a dosing record)', { evid: 0 }, /events\[0\]\.evid: expected 1 \(dose\), 2/],
  ['evid 5', { evid: 5 }, /events\[0\]\.evid/],
  ['a negative rate other than -1 / -2', { rateMgPerH: -3 }, /events\[0\]\.rate: expected a rate >= 0 per hour, or -1/],
  ['a rate of -0.5', { rateMgPerH: -0.5 }, /events\[0\]\.rate/],
  ['rate and dur_h together', { rateMgPerH: 5, durH: 2 }, /events\[0\]\.dur_h: expected either rate or dur_h, not both/],
  ['dur_h 0', { durH: 0 }, /events\[0\]\.dur_h: expected a duration > 0 h/],
  ['an infusion without an amount', { amtMg: 0, rateMgPerH: 5 }, /events\[0\]\.amt_mg: an infusion \(rate 5\) needs an amount > 0/],
  ['an infusion without an amount names the constant infusion (amt 0 with ss 1 or 2 and ii_h 0)', { amtMg: 0, rateMgPerH: 5 }, /constant infusion to steady state is amt 0 with ss 1 or 2 and ii_h 0/],
  ['a steady-state infusion of amount 0 with ii > 0 (a constant infusion has ii 0)', { amtMg: 0, rateMgPerH: 5, ss: 1, iiH: 12 }, /events\[0\]\.amt_mg: an infusion \(rate 5\) needs an amount > 0; a constant infusion to steady state has amt 0 with ii_h 0 \(got ii_h 12\)/],
  ['ss with ii 0 and an amount (only a constant infusion, amt 0, has ii 0)', { rateMgPerH: 5, ss: 1, iiH: 0 }, /events\[0\]\.ii_h: a steady-state dose \(ss 1\) needs the dosing interval ii_h > 0 \(or, for a constant infusion to steady state, amt 0, rate > 0 and ii_h 0\)/],
  ['a constant infusion with rate -1 (the model\'s rate needs an amount)', { amtMg: 0, rateMgPerH: -1, ss: 1, iiH: 0 }, /events\[0\]\.ii_h: a steady-state dose \(ss 1\) needs the dosing interval/],
  ['a constant infusion given by dur_h', { amtMg: 0, durH: 2, ss: 2 }, /events\[0\]\.ii_h: a steady-state dose \(ss 2\) needs the dosing interval/],
  ['a constant infusion with addl', { amtMg: 0, rateMgPerH: 5, ss: 1, addl: 2 }, /events\[0\]\.ii_h: expected an interval in hours when addl > 0/],
  ['a constant infusion with addl and ii 0', { amtMg: 0, rateMgPerH: 5, ss: 1, addl: 2, iiH: 0 }, /events\[0\]\.ii_h: expected an interval > 0 h/],
  ['a constant infusion as an other-type event (evid 2)', { amtMg: 0, rateMgPerH: 5, ss: 1, evid: 2 }, /events\[0\]\.rate: an other-type event \(evid 2\) carries no dose/],
  ['evid 2 with an amount', { evid: 2 }, /events\[0\]\.amt_mg: an other-type event \(evid 2\) carries no dose/],
  ['evid 3 with a rate', { evid: 3, amtMg: 0, rateMgPerH: 3 }, /events\[0\]\.rate: a reset \(evid 3\) carries no dose/],
  ['evid 3 with ss', { evid: 3, amtMg: 0, ss: 1, iiH: 12 }, /events\[0\]\.ss: a reset \(evid 3\) cannot be a steady-state dose/],
  ['evid 2 with addl', { evid: 2, amtMg: 0, addl: 2, iiH: 12 }, /events\[0\]\.addl: an other-type event \(evid 2\) has no additional doses/],
  ['a negative ii', { iiH: -12 }, /events\[0\]\.ii_h: expected an interval >= 0 h/],
  ['addl without ii', { addl: 2 }, /events\[0\]\.ii_h: expected an interval in hours when addl > 0/],
  ['a cmt the model does not dose', { cmt: 'peripheral_mg' }, /events\[0\]\.cmt: model "two-compartment" doses the states depot_mg, central_mg; got "peripheral_mg"/],
  ['rate -1 without a model-defined rate', { rateMgPerH: -1, cmt: 'central_mg' }, /events\[0\]\.rate: rate -1 takes the rate from the model, but model "two-compartment" defines no dosedStates rate_per_h for state central_mg/],
  ['rate -2 without a model-defined duration', { rateMgPerH: -2 }, /events\[0\]\.rate: rate -2 takes the duration from the model, but model "two-compartment" defines no dosedStates dur_h for state depot_mg/],
];

describe('refused records: each names the record and field (RangeError)', () => {
  const model = builtinModel('two-compartment');
  for (const [title, fields, message] of REFUSED) {
    it(title, () => {
      expect(() => simulate(model, { events: [{ ...base, ...fields } as DoseEvent], endH: 24, stepH: 1 })).toThrow(message);
    });
  }
});

describe('rate -1 / -2: the model defines the rate or the duration (NONMEM R1 / D1)', () => {
  const spec: ModelSpec = {
    ...twoCompartment, id: 'two-compartment-modelled-input',
    parameters: [...twoCompartment.parameters,
      { name: 'r_mg_per_h', value: 8, unit: 'mg/h', label: 'Modelled rate', source: 'Assumption: a test value.' },
      { name: 'd_h', value: 4, unit: 'h', label: 'Modelled duration', source: 'Assumption: a test value.' }],
    dosedStates: [{ state: 'central_mg', rate_per_h: 'r_mg_per_h', dur_h: 'd_h' }],
  };
  const model = prepareModel(spec);
  const run = (ev: Partial<DoseEvent>) => column(simulate(model, { events: [{ ...base, amtMg: 20, cmt: 'central_mg', ...ev }], endH: 12, stepH: 0.5 }), 'conc_mg_per_l');
  it('rate -1 gives the same curve as rate 8 (the model\'s rate), rate -2 as dur_h 2.5 (the model\'s duration)', () => {
    expect(Array.from(run({ rateMgPerH: -1 }))).toEqual(Array.from(run({ rateMgPerH: 8 })));
    expect(Array.from(run({ rateMgPerH: -2 }))).toEqual(Array.from(run({ durH: 4 })));
    expect(Array.from(run({ rateMgPerH: -2 }))).not.toEqual(Array.from(run({ rateMgPerH: -1 })));
  });
  it('a model\'s dosed state is checked at load time: an unknown state or symbol is refused naming the field', () => {
    expect(() => prepareModel({ ...spec, dosedStates: [{ state: 'gut' }] })).toThrow(/dosedStates\[0\]\.state: "gut" is not a state/);
    expect(() => prepareModel({ ...spec, dosedStates: [{ state: 'central_mg', lag_h: 'depot_mg' }] })).toThrow(/dosedStates\[0\]\.lag_h/);
    expect(() => prepareModel({ ...spec, dosedStates: [{ state: 'central_mg' }, { state: 'central_mg' }] })).toThrow(/dosedStates\[1\]\.state: "central_mg" is listed twice/);
  });
});
