import { describe, expect, it } from 'vitest';
import { prepareModel, ModelError } from '../../engine/model/load';
import { oneCompartment } from '../../models/one-compartment';
import { MODELS } from '../../models/index';

/** A deep copy of one-compartment to break in one place. */
function broken(edit: (m: any) => void): unknown {
  const m = JSON.parse(JSON.stringify(oneCompartment));
  edit(m);
  return m;
}

function expectModelError(input: unknown, message: RegExp): void {
  expect(() => prepareModel(input)).toThrow(ModelError);
  expect(() => prepareModel(input)).toThrow(message);
}

describe('model validation at load time', () => {
  it('every built-in model loads, and every parameter has a value, unit, label and source', () => {
    for (const m of MODELS) {
      expect(() => prepareModel(m)).not.toThrow();
      for (const p of m.parameters) {
        expect(p.unit.trim(), `${m.id}.${p.name}.unit`).not.toBe('');
        expect(p.label.trim(), `${m.id}.${p.name}.label`).not.toBe('');
        expect(p.source.trim().length, `${m.id}.${p.name}.source`).toBeGreaterThan(10);
        if (p.assumption) expect(p.source, `${m.id}.${p.name}: an assumption says so`).toMatch(/^Assumption:/);
      }
    }
  });

  it('a symbol defined twice is named with both places', () => expectModelError(
    broken((m) => m.expressions.push({ name: 'ka_per_h', expr: '1' })),
    /model "one-compartment": expressions\[1\] "ka_per_h": "ka_per_h" is already defined by parameters\[1\] "ka_per_h"/));

  it('an unknown symbol names the field and the expression', () => expectModelError(
    broken((m) => { m.odes.gut_mg = '-kaa * gut_mg'; }), /odes\.gut_mg: unknown symbol "kaa" in "-kaa \* gut_mg"/));

  it('an expression used before it is defined (a cycle) is refused', () => expectModelError(
    broken((m) => { m.expressions = [{ name: 'a', expr: 'b + 1' }, { name: 'b', expr: 'a * 2' }]; }),
    /expressions\[0\] "a": "b" is used before it is defined \(expressions are evaluated in order; a cycle or a wrong order\)/));

  it('an expression that refers to itself is refused', () => expectModelError(
    broken((m) => { m.expressions = [{ name: 'a', expr: 'a + 1' }]; }), /"a" is used before it is defined/));

  it('a syntax error points at the column', () => expectModelError(
    broken((m) => { m.outputs[0].expr = 'central_mg // v_l'; }), /outputs\[0\] "conc_mg_per_l": expected a number, a name or "\(" but found "\/" at column 13/));

  it('a state without an ODE is refused', () => expectModelError(
    broken((m) => { delete m.odes.eliminated_mg; }), /odes\.eliminated_mg: state "eliminated_mg" has no ODE/));

  it('an ODE for something that is not a state is refused', () => expectModelError(
    broken((m) => { m.odes.k_per_h = '0'; }), /odes\.k_per_h: "k_per_h" is not a state/));

  it('a parameter without a unit is refused', () => expectModelError(
    broken((m) => { m.parameters[0].unit = ''; }), /parameters\[0\] "f"\.unit: expected a non-empty string/));

  it('a parameter without a source is refused', () => expectModelError(
    broken((m) => { delete m.parameters[2].source; }), /parameters\[2\] "cl_l_per_h"\.source: expected a non-empty string/));

  it('a parameter outside its own range is refused', () => expectModelError(
    broken((m) => { m.parameters[0].value = 2; }), /parameters\[0\] "f"\.value: expected a value within its range \[0.01, 1\], got 2/));

  it('a reserved name is refused', () => expectModelError(
    broken((m) => { m.parameters[0].name = 't'; }), /"t" is reserved/));

  it('a dose into a missing state is refused', () => expectModelError(
    broken((m) => { m.doses[0].state = 'stomach'; }), /doses\[0\]\.state: "stomach" is not a state/));

  it('a bioavailability that depends on a state is refused (it must be a parameter expression)', () => expectModelError(
    broken((m) => { m.doses[0].bioavailability = 'f * gut_mg'; }), /doses\[0\]\.bioavailability: "gut_mg" .* may not be used here/));

  it('an output without a unit is refused', () => expectModelError(
    broken((m) => { delete m.outputs[0].unit; }), /outputs\[0\] "conc_mg_per_l"\.unit: expected a non-empty string/));

  it('two outputs with one name are refused', () => expectModelError(
    broken((m) => { m.outputs[1].name = 'conc_mg_per_l'; }), /column "conc_mg_per_l" is defined twice/));

  it('an output named like the time columns is refused', () => expectModelError(
    broken((m) => { m.outputs[1].name = 'time_h'; }), /clashes with time_h\/clock_h/));

  it('something that is not a model object is refused', () => {
    expectModelError(null, /expected a JSON object/);
    expectModelError(broken((m) => { delete m.states; }), /model "one-compartment": states: expected an array/);
  });
});
