import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { expectClose } from '../helpers/expect-close';
import { runCli } from './run-cli';

// Observations made by the CLI itself at known parameters (no noise): the fit must recover them, and the
// scenario written beside the result must rerun the fitted curve.
describe('ldn-sim fit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-fit-'));
  const truth = { cl_l_per_h: 380, v_l: 2100 };
  const sim = (dose: string) => {
    const r = runCli(['simulate', '--model', 'one-compartment', '--dose', dose, '--hours', '24', '--step-min', '60',
      '--param', `cl_l_per_h=${truth.cl_l_per_h}`, '--param', `v_l=${truth.v_l}`]);
    expect(r.status, r.stderr).toBe(0);
    return parseCsv(r.stdout).slice(1).filter((row) => row.length > 2);
  };
  const rows = ['time_h,output,value,cv,group,dose_mg'];
  for (const [g, dose] of [['low', '50'], ['high', '100']] as const) {
    for (const row of sim(dose)) if ([1, 2, 4, 8, 12, 24].includes(Number(row[0]))) rows.push(`${row[0]},conc_mg_per_l,${row[2]},0.1,${g},${dose}`);
  }
  writeFileSync(join(dir, 'obs.csv'), rows.join('\n') + '\n');

  it('recovers the parameters that made the data (1e-5), writes the JSON result and one scenario per group that `simulate --scenario` reruns', () => {
    const r = runCli(['fit', '--model', 'one-compartment', '--observations', 'obs.csv', '--estimate', 'cl_l_per_h,v_l', '--error', 'proportional',
      '--starts', '2', '--threads', '2', '--out', 'fit.json', '--profile', 'v_l'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    expect(doc.estimates.map((e: { name: string }) => e.name)).toEqual(['cl_l_per_h', 'v_l']);
    expectClose(doc.estimates[0].estimate, truth.cl_l_per_h, { rtol: 1e-5 });
    expectClose(doc.estimates[1].estimate, truth.v_l, { rtol: 1e-5 });
    expect(doc.objective).toBeLessThan(1e-8);
    expect(doc.convergence.converged).toBe(true);
    expect(doc.convergence.starts).toHaveLength(2);
    expect(doc.n_observations).toBe(12);
    expect(doc.residuals[0]).toMatchObject({ line: 2, group: 'low', time_h: 1, output: 'conc_mg_per_l' });
    expect(doc.profile.parameter).toBe('v_l');
    expect(doc.groups).toEqual([{ name: 'low', scenario_file: 'fit.low.scenario.json' }, { name: 'high', scenario_file: 'fit.high.scenario.json' }]);
    const scenario = JSON.parse(readFileSync(join(dir, 'fit.high.scenario.json'), 'utf8'));
    expect(scenario.parameters.cl_l_per_h).toBe(doc.estimates[0].estimate);
    expect(scenario.events).toEqual([{ time_h: 0, drug: 'drug', amt_mg: 100, ii_h: 24, addl: 0 }]);
    const rerun = runCli(['simulate', '--scenario', 'fit.high.scenario.json'], { cwd: dir });
    expect(rerun.status, rerun.stderr).toBe(0);
    const at4 = parseCsv(rerun.stdout).find((row) => row[0] === '4')!;
    expectClose(Number(at4[2]), doc.residuals.find((x: { group: string; time_h: number }) => x.group === 'high' && x.time_h === 4).predicted, { rtol: 1e-9 });
  }, 60_000);

  it('a group may name its scenario file (relative to the observations file): the fit uses its dosing and parameters', () => {
    // The scenario written by `simulate` for 100 mg at the true parameters, but with v_l changed: the fit starts there.
    const made = runCli(['simulate', '--model', 'one-compartment', '--dose', '100', '--hours', '24', '--param', 'v_l=3000', '--out', 'run.csv'], { cwd: dir });
    expect(made.status, made.stderr).toBe(0);
    const lines = rows.slice(1).filter((r) => r.endsWith(',high,100')).map((r) => r.replace(',high,100', ',high,run.scenario.json'));
    writeFileSync(join(dir, 'obs-scenario.csv'), ['time_h,output,value,cv,group,scenario', ...lines].join('\n') + '\n');
    const r = runCli(['fit', '--model', 'one-compartment', '--observations', 'obs-scenario.csv', '--estimate', 'v_l', '--param', `cl_l_per_h=${truth.cl_l_per_h}`,
      '--error', 'proportional', '--starts', '1'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    // cl_l_per_h comes from the scenario file (475, the default), not --param: the group's scenario is used as it is.
    expect(doc.estimates[0].start).toBe(3000);
    expect(doc.objective).toBeGreaterThan(1e-6);
    const wrong = runCli(['fit', '--model', 'ldn', '--observations', 'obs-scenario.csv', '--estimate', 'kp_brain'], { cwd: dir });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^ldn-sim: --observations obs-scenario\.csv line 2, column scenario: run\.scenario\.json: model\.id: the scenario runs model "one-compartment", the fit model "ldn"/);
  }, 60_000);

  it('bad input exits with status 2 and names the line, the column or the flag; nothing is written', () => {
    writeFileSync(join(dir, 'bad.csv'), 'time_h,output,value\n1,conc_mg_per_l,0.01\n2,conc_mg_per_l,x\n');
    const bad = runCli(['fit', '--model', 'one-compartment', '--observations', 'bad.csv', '--estimate', 'v_l', '--out', 'bad.json'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('ldn-sim: --observations bad.csv line 3, column value: expected a finite number, got "x"\n');
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
    const unknown = runCli(['fit', '--model', 'one-compartment', '--observations', 'obs.csv', '--estimate', 'kel'], { cwd: dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^ldn-sim: --estimate kel: model "one-compartment" has no such parameter; valid: f, ka_per_h/);
    const profile = runCli(['fit', '--model', 'one-compartment', '--observations', 'obs.csv', '--estimate', 'v_l', '--profile', 'ka_per_h'], { cwd: dir });
    expect(profile.status).toBe(2);
    expect(profile.stderr).toBe('ldn-sim: --profile ka_per_h: expected one of the estimated parameters (v_l)\n');
    const output = runCli(['fit', '--model', 'one-compartment', '--observations', 'obs.csv', '--estimate', 'v_l', '--error', 'log'], { cwd: dir });
    expect(output.stderr).toBe('ldn-sim: --error: expected additive or proportional, got "log"\n');
    const missing = runCli(['fit', '--model', 'one-compartment', '--estimate', 'v_l'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^ldn-sim: --observations: expected the observations CSV/);
  }, 60_000);

  it('estimates within the physical bounds: CL/F = 6 L/h (typical range 10–5000, bounds > 0) is recovered (1e-5) from starts in the range, with the out-of-range note on stderr and in the JSON', () => {
    const r0 = runCli(['simulate', '--model', 'one-compartment', '--dose', '50', '--hours', '24', '--step-min', '60', '--param', 'cl_l_per_h=6', '--param', 'v_l=60']);
    expect(r0.status, r0.stderr).toBe(0);
    const low = ['time_h,output,value,cv', ...parseCsv(r0.stdout).slice(1).filter((row) => [1, 2, 4, 8, 12, 24].includes(Number(row[0])))
      .map((row) => `${row[0]},conc_mg_per_l,${row[2]},0.1`)];
    writeFileSync(join(dir, 'obs-low-cl.csv'), low.join('\n') + '\n');
    const r = runCli(['fit', '--model', 'one-compartment', '--dose', '50', '--observations', 'obs-low-cl.csv', '--estimate', 'cl_l_per_h,v_l',
      '--error', 'proportional', '--starts', '3', '--threads', '1'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expectClose(doc.estimates[0].estimate, 6, { rtol: 1e-5 });
    expectClose(doc.estimates[1].estimate, 60, { rtol: 1e-5 });
    expect(doc.estimates[0]).toMatchObject({ lower: 0, upper: null, bounds: '> 0', at_bound: false, range: [10, 5000], outside_range: true });
    expect(doc.estimates[1].outside_range).toBe(false);
    expect(doc.notes).toEqual(['cl_l_per_h = 6 L/h is outside its typical range [10, 5000] L/h (within its bounds, > 0); it runs']);
    expect(r.stderr).toContain('ldn-sim: note: --estimate cl_l_per_h = 6 L/h is outside its typical range [10, 5000] L/h (within its bounds, > 0); it runs\n');
    expect(r.stderr).not.toMatch(/at its physical bound/);
  }, 60_000);

  it('--evaluate fits nothing: the estimates are the --param values and the predictions those of the model there (the closed-form truth, 1e-6)', () => {
    const r = runCli(['fit', '--model', 'one-compartment', '--observations', 'obs.csv', '--estimate', 'cl_l_per_h,v_l', '--param', `cl_l_per_h=${truth.cl_l_per_h}`,
      '--param', `v_l=${truth.v_l}`, '--evaluate'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expectClose(doc.estimates[0].estimate, truth.cl_l_per_h, { rtol: 1e-12 });
    expectClose(doc.estimates[1].estimate, truth.v_l, { rtol: 1e-12 });
    expect(doc.convergence).toMatchObject({ iterations: 0, reason: 'evaluated', converged: true });
    const k = truth.cl_l_per_h / truth.v_l;
    const at8 = doc.residuals.find((x: { group: string; time_h: number }) => x.group === 'low' && x.time_h === 8);
    expectClose(at8.predicted, (50 * 2) / (truth.v_l * (2 - k)) * (Math.exp(-k * 8) - Math.exp(-2 * 8)), { rtol: 1e-6 });
    const both = runCli(['fit', '--model', 'one-compartment', '--observations', 'obs.csv', '--estimate', 'v_l', '--evaluate', '--profile', 'v_l'], { cwd: dir });
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('ldn-sim: --profile: not with --evaluate (nothing is fitted)\n');
  }, 60_000);
});
