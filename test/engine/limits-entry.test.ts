/** Every engine entry point applies the shared limits (engine/limits.ts) before any work starts. */
import { describe, expect, it } from 'vitest';
import { titration } from '../../engine/dosing';
import { parseEventsCsv } from '../../engine/events-csv';
import { BUILTIN_MODELS, builtinModel } from '../../models/registry';
import { LIMITS, LimitError } from '../../engine/limits';
import { ModelError, prepareModel } from '../../engine/model/load';
import { simulatePopulationChunk } from '../../engine/population';
import { loadScenario, makeScenario } from '../../engine/scenario';
import { sensitivity } from '../../engine/sensitivity';
import { simulate, type SimulationRequest } from '../../engine/simulate';
import { runSweep } from '../../engine/sweep';

const ldn = builtinModel('ldn');
const oc = builtinModel('one-compartment');
const base: SimulationRequest = { events: [{ timeH: 0, drug: 'drug', amtMg: 100 }], endH: 24, stepH: 1 };

/** Runs `f`, expecting a refusal within `ms` (never the work itself): returns the message. */
function refusedQuickly(f: () => unknown, ms = 2000): string {
  const t0 = performance.now();
  let msg = '';
  try { f(); } catch (err) { msg = (err as Error).message; expect(err).toBeInstanceOf(RangeError); }
  expect(msg, 'expected a refusal').not.toBe('');
  // Not a speed claim: the refused work would take minutes and gigabytes; a refusal takes microseconds.
  expect(performance.now() - t0).toBeLessThan(ms);
  return msg;
}

describe('engine entry points refuse work over the limits, naming the field and the limit', () => {
  it('simulate: addl 1e8 every 0.001 h (the issue\'s scenario) is refused before anything is expanded', () => {
    const msg = refusedQuickly(() => simulate(oc, { ...base, events: [{ timeH: 0, drug: 'drug', amtMg: 1, iiH: 0.001, addl: 1e8 }] }));
    expect(msg).toBe('events: 100 000 001 doses after expanding addl; at most 50 000 are allowed');
  });

  it('simulate: at the dose limit it runs; a span of 190000 h on a 0.1 h step is refused', () => {
    const r = simulate(oc, { ...base, events: [{ timeH: 0, drug: 'drug', amtMg: 1, iiH: 0.01, addl: LIMITS.doses - 1 }], endH: 2, stepH: 1 });
    expect(r.meta.ok).toBe(true);
    expect(refusedQuickly(() => simulate(oc, { ...base, endH: 190000, stepH: 0.1 }))).toMatch(/^step: 1 900 001 rows requested .* at most 200 000 are allowed$/);
  });

  it('solver settings the integrator could never finish (found by the fuzz tests) are refused', () => {
    expect(refusedQuickly(() => simulate(oc, { ...base, solver: { rtol: 1e-300 } }))).toBe('solver.rtol: expected a number in [1e-14, 1), got 1e-300');
    expect(refusedQuickly(() => simulate(oc, { ...base, solver: { maxSteps: 1e12 } }))).toBe('solver.max_steps: 1 000 000 000 000 integrator steps per segment; at most 1 000 000 are allowed');
    expect(simulate(oc, { ...base, solver: { rtol: 1e-14, maxSteps: 1_000_000 } }).meta.ok).toBe(true);
  });

  it('titration: a step of a million days is refused', () => {
    expect(refusedQuickly(() => titration('naltrexone', [{ amtMg: 4.5, days: 1_000_000 }]))).toBe('steps[0].days: 1 000 000 days in one step; at most 3 650 are allowed');
  });

  it('event tables: too many rows, too many bytes, too many doses', () => {
    const rows = (n: number) => 'time_h,drug,amt_mg,ii_h,addl\n' + Array.from({ length: n }, (_, i) => `${i},naltrexone,1,,`).join('\n');
    expect(parseEventsCsv(rows(LIMITS.eventRecords), 'e.csv')).toHaveLength(LIMITS.eventRecords);
    expect(refusedQuickly(() => parseEventsCsv(rows(LIMITS.eventRecords + 1), 'e.csv'))).toBe('e.csv: 10 001 dosing rows; at most 10 000 are allowed');
    expect(refusedQuickly(() => parseEventsCsv('time_h,drug,amt_mg\n' + '0,x,1\n'.repeat(200_000), 'big.csv'))).toMatch(/^big\.csv: 1 200 019 bytes; at most 1 048 576/);
    expect(refusedQuickly(() => parseEventsCsv('time_h,drug,amt_mg,ii_h,addl\n0,naltrexone,4.5,0.001,100000000\n', 'e.csv'))).toMatch(/^e\.csv: 100 000 001 doses/);
  });

  it('models: an expression of a megabyte or nested 10 000 deep is a ModelError naming the field', () => {
    const spec = oc.spec;
    for (const expr of ['x+'.repeat(500_000) + 'x', '('.repeat(10_000) + 'x' + ')'.repeat(10_000)]) {
      let err: unknown;
      const t0 = performance.now();
      try { prepareModel({ ...spec, expressions: [{ name: 'big', expr }] }); } catch (e) { err = e; }
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(err).toBeInstanceOf(ModelError);
      expect((err as Error).message).toMatch(/^model "one-compartment": expressions\[0\]\.expr: [\d ]+ (characters in an expression|levels of parentheses); at most/);
    }
  });

  it('scenario files: the issue\'s end_h 190000 / step_h 0.1 and a sweep with "values": "lots" are refused at load', () => {
    const file = JSON.parse(JSON.stringify(makeScenario('simulate', ldn, { events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5 }], endH: 24, stepH: 0.1 }, 'test')));
    expect(() => loadScenario(file, BUILTIN_MODELS, 's.json')).not.toThrow();
    expect(refusedQuickly(() => loadScenario({ ...file, end_h: 190000 }, BUILTIN_MODELS, 's.json'))).toMatch(/^s\.json: step_h: 1 900 001 rows requested/);
    expect(refusedQuickly(() => loadScenario({ ...file, events: [{ time_h: 0, drug: 'naltrexone', amt_mg: 4.5, ii_h: 0.001, addl: 1e8 }] }, BUILTIN_MODELS, 's.json')))
      .toBe('s.json: events: 100 000 001 doses after expanding addl; at most 50 000 are allowed');
    const sweep = { ...file, kind: 'sweep', sweep: { axes: [{ name: 'dose', values: 'lots' }], metrics: ['max:mu_blockade'] } };
    expect(refusedQuickly(() => loadScenario(sweep, BUILTIN_MODELS, 'sw.json'))).toBe('sw.json: sweep.axes[0].values: expected a list of finite numbers, got "lots"');
    const big = { ...sweep, sweep: { ...sweep.sweep, axes: [{ name: 'dose', values: Array(101).fill(1) }, { name: 'at', values: Array(100).fill(1) }] } };
    expect(refusedQuickly(() => loadScenario(big, BUILTIN_MODELS, 'sw.json'))).toBe('sw.json: sweep.axes: 10 100 grid points; at most 10 000 are allowed');
    const pop = { ...file, kind: 'population', end_h: 24 * 28, step_h: 0.5, population: { n: 5000, seed: 1, variability: [] } };
    expect(refusedQuickly(() => loadScenario(pop, BUILTIN_MODELS, 'p.json'))).toMatch(/^p\.json: population\.n: 73 975 000 values to store \(5000 subjects × 1345 grid times × 11 outputs/);
  });

  it('sweeps and populations through the worker API refuse before the first run', () => {
    const axes = [{ name: 'dose', values: 'lots' as unknown as number[] }];
    expect(refusedQuickly(() => runSweep(oc, { base, axes, metrics: [{ kind: 'max', column: 'conc_mg_per_l' }] }))).toMatch(/^sweep dose\.values: expected a list of numbers/);
    expect(refusedQuickly(() => runSweep(oc, { base, axes: [{ name: 'dose', values: Array(10_001).fill(1) }], metrics: [{ kind: 'max', column: 'conc_mg_per_l' }] })))
      .toBe('sweep: 10 001 grid points; at most 10 000 are allowed');
    const err = (() => { try { simulatePopulationChunk(ldn, { ...base, events: [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5 }], endH: 672, stepH: 0.5, n: 5000, seed: 1, variability: [] }, 0, 1); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(LimitError);
    expect(() => sensitivity(oc, { base: { ...base, endH: 190000, stepH: 0.1 }, metrics: [{ kind: 'max', column: 'conc_mg_per_l' }] })).toThrow(/rows requested/);
  });
});
