import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/expect-close';
import { runCli } from './run-cli';

// A NONMEM data set made from the closed-form one-compartment oral model (Bateman function, superposition over
// doses) at known CL/F and ka, with each ID's V/F given as a covariate column. Dose rows, an MDV 1 row and an
// EVID 2 row carry junk DV values that must not be fitted (NONMEM semantics: only EVID 0, MDV 0 rows observe).
describe('ldn-sim fit --nonmem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-fit-nonmem-'));
  const truth = { ka_per_h: 1.3, cl_l_per_h: 420 };
  const conc = (doses: [number, number][], v: number, t: number) => {
    const k = truth.cl_l_per_h / v;
    return doses.reduce((c, [td, amt]) => c + (t > td
      ? (amt * truth.ka_per_h) / (v * (truth.ka_per_h - k)) * (Math.exp(-k * (t - td)) - Math.exp(-truth.ka_per_h * (t - td))) : 0), 0);
  };
  const rows = ['ID,TIME,AMT,CMT,EVID,II,ADDL,MDV,DV,VOL'];
  // ID 1: 50 mg once, V/F 2000 L.
  rows.push('1,0,50,1,1,0,0,1,.,2000');
  for (const t of [0.5, 1, 2]) rows.push(`1,${t},0,2,0,0,0,0,${conc([[0, 50]], 2000, t)},2000`);
  rows.push('1,3,0,2,0,0,0,1,999,2000'); // MDV 1: not an observation
  for (const t of [4, 8, 12]) rows.push(`1,${t},0,2,0,0,0,0,${conc([[0, 50]], 2000, t)},2000`);
  // ID 2: 100 mg at 0 and 12 h (ADDL 1, II 12), V/F 3500 L.
  rows.push('2,0,100,1,1,12,1,1,.,3500');
  for (const t of [1, 2, 6]) rows.push(`2,${t},0,2,0,0,0,0,${conc([[0, 100], [12, 100]], 3500, t)},3500`);
  rows.push('2,6,0,.,2,0,0,1,999,3500'); // EVID 2: an other-event row, not an observation
  for (const t of [13, 16, 24]) rows.push(`2,${t},0,2,0,0,0,0,${conc([[0, 100], [12, 100]], 3500, t)},3500`);
  writeFileSync(join(dir, 'data.csv'), rows.join('\n') + '\n');

  it('fits every ID as one group (its own records, V/F from --covariate) and recovers CL/F and ka (rtol 1e-5); MDV 1 and EVID 2 rows are not observations', () => {
    const r = runCli(['fit', '--model', 'one-compartment', '--nonmem', 'data.csv', '--dv-output', 'conc_mg_per_l', '--covariate', 'VOL=v_l',
      '--estimate', 'cl_l_per_h,ka_per_h', '--error', 'proportional', '--starts', '2', '--threads', '1', '--out', 'fit.json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    expectClose(doc.estimates[0].estimate, truth.cl_l_per_h, { rtol: 1e-5 });
    expectClose(doc.estimates[1].estimate, truth.ka_per_h, { rtol: 1e-5 });
    expect(doc).toMatchObject({ observations: 'data.csv', nonmem: true, dv_output: 'conc_mg_per_l', n_observations: 12 });
    expect(doc.objective).toBeLessThan(1e-8);
    expect(doc.residuals.map((x: { line: number }) => x.line)).toEqual([3, 4, 5, 7, 8, 9, 11, 12, 13, 15, 16, 17]);
    expect(doc.residuals[6]).toMatchObject({ group: '2', subject: '2', time_h: 1, output: 'conc_mg_per_l' });
    expect(doc.groups).toEqual([{ name: '1', scenario_file: 'fit.1.scenario.json' }, { name: '2', scenario_file: 'fit.2.scenario.json' }]);
    // ID 2's scenario carries its records and its covariate, and reruns the fitted curve.
    const scenario = JSON.parse(readFileSync(join(dir, 'fit.2.scenario.json'), 'utf8'));
    expect(scenario.parameters.v_l).toBe(3500);
    expect(scenario.events[0]).toMatchObject({ time_h: 0, amt_mg: 100, ii_h: 12, addl: 1 });
    const rerun = runCli(['simulate', '--scenario', 'fit.2.scenario.json'], { cwd: dir });
    expect(rerun.status, rerun.stderr).toBe(0);
    const at16 = rerun.stdout.split(/\r?\n/).find((l) => l.startsWith('16,'))!.split(',');
    expectClose(Number(at16[2]), conc([[0, 100], [12, 100]], 3500, 16), { rtol: 1e-5 });
  }, 60_000);

  it('TIME restarting on a reset record (EVID 4, an occasion) fits each occasion as its own group, as simulate --nonmem runs it: truth recovered (rtol 1e-5)', () => {
    // One ID, two occasions (V/F 2000 L in both): 50 mg at 0, then EVID 4 restarts the clock with 100 mg at 0
    // and again at 12 h; the closed form of each occasion starts from zero.
    const occ = ['ID,TIME,AMT,CMT,EVID,II,ADDL,MDV,DV,VOL', '1,0,50,1,1,0,0,1,.,2000'];
    for (const t of [0.5, 2, 8]) occ.push(`1,${t},0,2,0,0,0,0,${conc([[0, 50]], 2000, t)},2000`);
    occ.push('1,0,100,1,4,12,1,1,.,2000');
    for (const t of [1, 6, 13, 24]) occ.push(`1,${t},0,2,0,0,0,0,${conc([[0, 100], [12, 100]], 2000, t)},2000`);
    writeFileSync(join(dir, 'occasions.csv'), occ.join('\n') + '\n');
    const r = runCli(['fit', '--model', 'one-compartment', '--nonmem', 'occasions.csv', '--dv-output', 'conc_mg_per_l', '--covariate', 'VOL=v_l',
      '--estimate', 'cl_l_per_h,ka_per_h', '--error', 'proportional', '--starts', '2', '--threads', '1', '--out', 'occ.json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'occ.json'), 'utf8'));
    expectClose(doc.estimates[0].estimate, truth.cl_l_per_h, { rtol: 1e-5 });
    expectClose(doc.estimates[1].estimate, truth.ka_per_h, { rtol: 1e-5 });
    expect(doc.groups.map((g: { name: string }) => g.name)).toEqual(['1 occasion 1', '1 occasion 2']);
    expect(doc.residuals.map((x: { group: string }) => x.group)).toEqual([...Array(3).fill('1 occasion 1'), ...Array(4).fill('1 occasion 2')]);
  }, 60_000);

  it('a DV row listed before a dose at its time is predicted before that dose, as NONMEM does (baseline 0 at TIME 0, troughs before IV boluses); truth recovered (rtol 1e-5)', () => {
    // IV boluses of 100 mg into central at 0 and 12 h (V 2000 L, CL 420 L/h): C(t) = Σ 100/V·e^(−k(t − td)).
    const v = 2000, k = truth.cl_l_per_h / v;
    const iv = (t: number, doses: number[]) => doses.reduce((c, td) => c + (t >= td ? (100 / v) * Math.exp(-k * (t - td)) : 0), 0);
    const pre = ['ID,TIME,AMT,CMT,EVID,MDV,DV,VOL', `1,0,0,2,0,0,0,${v}`, `1,0,100,2,1,1,.,${v}`, `1,0,0,2,0,0,${iv(0, [0])},${v}`];
    for (const t of [2, 6]) pre.push(`1,${t},0,2,0,0,${iv(t, [0])},${v}`);
    pre.push(`1,12,0,2,0,0,${iv(12, [0])},${v}`, `1,12,100,2,1,1,.,${v}`);
    for (const t of [14, 20]) pre.push(`1,${t},0,2,0,0,${iv(t, [0, 12])},${v}`);
    writeFileSync(join(dir, 'predose.csv'), pre.join('\n') + '\n');
    const r = runCli(['fit', '--model', 'one-compartment', '--nonmem', 'predose.csv', '--dv-output', 'conc_mg_per_l', '--covariate', 'VOL=v_l',
      '--estimate', 'cl_l_per_h', '--starts', '2', '--threads', '1', '--out', 'pre.json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'pre.json'), 'utf8'));
    expectClose(doc.estimates[0].estimate, truth.cl_l_per_h, { rtol: 1e-5 });
    expect(doc.objective).toBeLessThan(1e-12);
    const byLine = new Map(doc.residuals.map((x: { line: number; predicted: number }) => [x.line, x]));
    expect(byLine.get(2)).toMatchObject({ group: '1 before line 2' });
    expect(byLine.get(4)).toMatchObject({ group: '1' });
    expect(byLine.get(7)).toMatchObject({ group: '1 before line 7' });
  }, 60_000);

  it('bad input exits with status 2 and names the flag, or the data set line and column; nothing is written', () => {
    const fit = (file: string, extra: string[] = ['--dv-output', 'conc_mg_per_l']) => runCli(['fit', '--model', 'one-compartment', '--nonmem', file, ...extra,
      '--estimate', 'cl_l_per_h', '--out', 'bad.json'], { cwd: dir });
    writeFileSync(join(dir, 'bad-dv.csv'), 'ID,TIME,AMT,MDV,DV\n1,0,50,1,.\n1,2,0,0,x\n');
    const dv = fit('bad-dv.csv');
    expect(dv.status).toBe(2);
    expect(dv.stderr).toBe('ldn-sim: --nonmem bad-dv.csv line 3, column DV: expected an observed value, got "x"\n');
    writeFileSync(join(dir, 'varying.csv'), 'ID,TIME,AMT,MDV,DV,VOL\n1,0,50,1,.,2000\n1,2,0,0,0.01,2000\n1,4,0,0,0.01,2500\n');
    const varying = fit('varying.csv', ['--dv-output', 'conc_mg_per_l', '--covariate', 'VOL=v_l']);
    expect(varying.status).toBe(2);
    expect(varying.stderr).toMatch(/^ldn-sim: --nonmem varying\.csv line 4, column VOL: v_l changes within ID 1 \(2000 at line 2, 2500 here\); a fit takes one value per ID/);
    writeFileSync(join(dir, 'no-dv.csv'), 'ID,TIME,AMT,MDV,DV\n1,0,50,1,.\n1,2,0,1,.\n');
    expect(fit('no-dv.csv').stderr).toBe('ldn-sim: --nonmem no-dv.csv: no DV rows to fit (rows with EVID 0 and MDV 0)\n');
    const missing = fit('data.csv', []);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^ldn-sim: --dv-output: expected the model output that DV measures with --nonmem; outputs: conc_mg_per_l, /);
    const unknown = fit('data.csv', ['--dv-output', 'conc']);
    expect(unknown.stderr).toMatch(/^ldn-sim: --dv-output conc: model "one-compartment" has no such output; outputs: conc_mg_per_l, /);
    const both = fit('data.csv', ['--dv-output', 'conc_mg_per_l', '--dose', '50']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^ldn-sim: --nonmem replaces --dose, .*give --nonmem or --dose, not both/);
    const stray = runCli(['fit', '--model', 'one-compartment', '--observations', 'x.csv', '--dv-output', 'conc_mg_per_l', '--estimate', 'v_l'], { cwd: dir });
    expect(stray.stderr).toBe('ldn-sim: --dv-output: only with --nonmem DATA.csv\n');
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  }, 60_000);
});
