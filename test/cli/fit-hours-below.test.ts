import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/expect-close';
import { runCli } from './run-cli';

// `fit --evaluate` with hours_below/hours_above rows (docs/fitting.md), e.g. to check a duration figure at fitted
// values as npm run calibrate does for brief's day-28 blockade.
describe('ldn-sim fit --evaluate: hours below/above a threshold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-fit-hours-'));
  // An intravenous bolus of 100 mg into the central compartment: C(t) = D/V·e^(−kt), V 2000 L, CL 400 L/h, k 0.2 /h.
  writeFileSync(join(dir, 'iv.csv'), 'time_h,drug,amt_mg,ii_h,addl,cmt\n0,drug,100,24,0,central_mg\n');
  const args = ['--model', 'one-compartment', '--events', 'iv.csv', '--param', 'cl_l_per_h=400', '--param', 'v_l=2000', '--estimate', 'v_l', '--evaluate'];

  it('predicts the closed form: below 0.01 mg/L for 24 − ln(D/(V c*))/k h of 0–24 h, above it for ln(D/(V c*))/k = 8.047 h, a window after the crossing wholly below (1e-4 h)', () => {
    writeFileSync(join(dir, 'obs.csv'), 'time_h,output,value,from_h,source\n' +
      '24,hours_below:conc_mg_per_l:0.01,16,,closed form\n24,hours_above:conc_mg_per_l:0.01,8,,closed form\n24,hours_below:conc_mg_per_l:0.01,14,10,closed form\n');
    const r = runCli(['fit', '--observations', 'obs.csv', ...args], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const tStar = Math.log(100 / (2000 * 0.01)) / (400 / 2000);
    expect(doc.residuals.map((x: { output: string; line: number }) => [x.line, x.output])).toEqual([
      [2, 'hours_below:conc_mg_per_l:0.01'], [3, 'hours_above:conc_mg_per_l:0.01'], [4, 'hours_below:conc_mg_per_l:0.01']]);
    expectClose(doc.residuals[0].predicted, 24 - tStar, { atol: 1e-4 });
    expectClose(doc.residuals[1].predicted, tStar, { atol: 1e-4 });
    expectClose(doc.residuals[2].predicted, 14, { atol: 1e-9 });
    expectClose(doc.residuals[0].residual, 24 - tStar - 16, { atol: 1e-4 });
  }, 60_000);

  it('refuses a row without a threshold with exit status 2, the file line and the column', () => {
    writeFileSync(join(dir, 'bad.csv'), 'time_h,output,value\n24,hours_below:conc_mg_per_l:0.01,16\n24,hours_below:conc_mg_per_l,16\n');
    const r = runCli(['fit', '--observations', 'bad.csv', ...args], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ldn-sim: --observations bad.csv line 3, column output: expected hours_below:COLUMN:THRESHOLD with the threshold a number ' +
      'in the column\'s unit (e.g. hours_below:mu_blockade:0.1), got "hours_below:conc_mg_per_l"\n');
  }, 60_000);
});
