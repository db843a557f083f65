import { describe, expect, it } from 'vitest';
import { simulate, simulatePopulationChunk, type DoseEvent } from '../../engine';
import { builtinModel } from '../../models/registry';
import { column } from '../../engine/result';

// With steady states, infusions or dosed states, a population builds each subject's inputs from its own
// parameters (a steady state depends on the clearance): each subject equals a single run with its parameters.
describe('population with dosing records: every subject equals its own single run', () => {
  it('one-compartment, ss 1 oral doses every 12 h and an IV infusion, 4 subjects with varied CL, V and ka', () => {
    const model = builtinModel('one-compartment');
    const events: DoseEvent[] = [
      { timeH: 0, drug: 'drug', amtMg: 50, iiH: 12, addl: 1, ss: 1 },
      { timeH: 6, drug: 'drug', amtMg: 20, cmt: 'central_mg', durH: 3 },
    ];
    const req = { events, endH: 24, stepH: 1, n: 4, seed: 7, solver: { method: 'dop853', rtol: 1e-9, atol: 1e-12 } };
    const chunk = simulatePopulationChunk(model, req, 0, 4);
    const varied = model.spec.variability!.map((v) => v.parameter);
    const conc = chunk.columns.find((c) => c.name === 'conc_mg_per_l')!.values;
    const peaks: number[] = [];
    for (let s = 0; s < 4; s++) {
      const params = Object.fromEntries(varied.map((name, k) => [name, chunk.parameters[s * varied.length + k]!]));
      const single = column(simulate(model, { events, endH: 24, stepH: 1, params, solver: req.solver }), 'conc_mg_per_l');
      single.forEach((v, i) => expect(conc[i * 4 + s]).toBe(v));
      peaks.push(Math.max(...single));
    }
    expect(new Set(peaks).size).toBe(4); // the subjects differ, so reusing one subject's inputs would have failed
  });
});
