import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { oneCompartment } from '../../models/one-compartment';
import { expectClose } from '../helpers/expect-close';
import { runCli } from './run-cli';

// Issue #18, "every valid value accepted": a parameter's typical range is where its slider goes; only its physical
// bounds refuse a value. Expected values come from the linearity of the one-compartment model (conc ∝ F) and from
// the time shift of a lag (closed forms), not from the code under test.

const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-bounds-'));
const OC = ['--model', 'one-compartment', '--dose', '50', '--hours', '48', '--step-min', '30'];
/** The CSV as a header and numeric rows. */
const table = (csv: string) => {
  const [header, ...rows] = parseCsv(csv).filter((r) => r.length > 1);
  return { header: header!, rows: rows.map((r) => r.map(Number)) };
};
const conc = (csv: string) => {
  const t = table(csv);
  const k = t.header.indexOf('conc_mg_per_l');
  return t.rows.map((r) => r[k]!);
};

describe('values outside the typical range but within the bounds run, with a note', () => {
  it('--param cl_l_per_h=6 on one-compartment (range 10–5000 L/h, bounds > 0) runs: exit 0, one-line note on stderr, notes in the scenario JSON', () => {
    const s = join(dir, 'cl6.scenario.json');
    const r = runCli(['simulate', ...OC, '--param', 'cl_l_per_h=6', '--scenario-out', s]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('ldn-sim: note: --param cl_l_per_h = 6 L/h is outside its typical range [10, 5000] L/h (within its bounds, > 0); it runs\n');
    const file = JSON.parse(readFileSync(s, 'utf8'));
    expect(file.parameters.cl_l_per_h).toBe(6);
    expect(file.notes).toEqual(['cl_l_per_h = 6 L/h is outside its typical range [10, 5000] L/h (within its bounds, > 0); it runs']);
    // Mass balance with CL = 6 L/h, V = 3000 L: k = 0.002/h, so after 48 h the body still holds most of the dose.
    const t = table(r.stdout);
    const last = t.rows[t.rows.length - 1]!;
    const col = (n: string) => last[t.header.indexOf(n)]!;
    expectClose(col('amount_gut_mg') + col('amount_central_mg') + col('amount_eliminated_mg'), 50, { rtol: 1e-8 }, 'mass balance');
    // Rerunning the scenario prints the note again and gives the same CSV.
    const again = runCli(['simulate', '--scenario', s]);
    expect(again.stdout).toBe(r.stdout);
    expect(again.stderr).toMatch(/^ldn-sim: note: --scenario .*cl6\.scenario\.json: cl_l_per_h = 6 L\/h is outside its typical range/);
  });

  it('F > 1 (a relative bioavailability, NONMEM F1) runs: F = 1.5 gives exactly 1.5× the concentrations of F = 1 (linear model, rtol 1e-7)', () => {
    const one = runCli(['simulate', ...OC]);
    const more = runCli(['simulate', ...OC, '--param', 'f=1.5']);
    expect(more.status, more.stderr).toBe(0);
    expect(more.stderr).toMatch(/note: --param f = 1\.5 fraction is outside its typical range \[0\.01, 1\] fraction \(within its bounds, ≥ 0\)/);
    const a = conc(one.stdout), b = conc(more.stdout);
    a.forEach((c, i) => expectClose(b[i]!, 1.5 * c, { rtol: 1e-7, atol: 1e-15 }, `row ${i}`));
  });

  it('a long lag (tlag 30 h, range 0–4 h) runs: nothing before 30 h, then the lag-free curve shifted by 30 h (1e-7)', () => {
    const base = runCli(['simulate', ...OC]);
    const lag = runCli(['simulate', ...OC, '--param', 'tlag_h=30']);
    expect(lag.status, lag.stderr).toBe(0);
    const a = conc(base.stdout), b = conc(lag.stdout); // 30-min grid: 30 h = 60 rows
    for (let i = 0; i <= 60; i++) expect(b[i], `row ${i}`).toBe(0);
    for (let i = 61; i < b.length; i++) expectClose(b[i]!, a[i - 60]!, { rtol: 1e-7, atol: 1e-15 }, `row ${i}`);
  });

  it('a value inside the typical range prints nothing on stderr and writes no notes', () => {
    const s = join(dir, 'in.scenario.json');
    const r = runCli(['simulate', ...OC, '--param', 'cl_l_per_h=400', '--scenario-out', s]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(s, 'utf8')).notes).toBeUndefined();
  });
});

describe('values outside the physical bounds are refused, naming the field', () => {
  it('CLI: exit 2, one line naming --param and the bounds', () => {
    for (const [arg, msg] of [
      ['cl_l_per_h=0', 'ldn-sim: --param cl_l_per_h: expected a number > 0 (L/h; its physical bounds), got "0"\n'],
      ['tlag_h=-1', 'ldn-sim: --param tlag_h: expected a number ≥ 0 (h; its physical bounds), got "-1"\n'],
    ] as const) {
      const r = runCli(['simulate', ...OC, '--param', arg]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(msg);
      expect(r.stdout).toBe('');
    }
  });

  it('ldn: a fraction above 1 is refused (fu_naltrexone ≤ 1), a clearance far outside its range runs', () => {
    const bad = runCli(['simulate', '--param', 'fu_naltrexone=1.2']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--param fu_naltrexone: expected a number in \[0, 1\]/);
    const ok = runCli(['metrics', '--param', 'cl_f_naltrexone_l_per_h=3000']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/note: --param cl_f_naltrexone_l_per_h = 3000 L\/h is outside its typical range \[150, 1500\]/);
  });

  it('a custom model: bad bounds, a default outside its bounds and a range beyond them are refused at load, naming the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ bounds: { minimum: 'x' } }, /parameters\[0\] "f"\.bounds: expected \{minimum\?, exclusiveMinimum\?, maximum\?, exclusiveMaximum\?\}/],
      [{ bounds: { minimum: 0, exclusiveMinimum: 0 } }, /parameters\[0\] "f"\.bounds: expected .*one lower and one upper at most/],
      [{ bounds: { maximum: 0.5 } }, /parameters\[0\] "f"\.value: expected a value within its bounds \(≤ 0\.5\), got 1/],
      [{ bounds: { minimum: 0.5 } }, /parameters\[0\] "f"\.range: expected a typical range within the bounds \(≥ 0\.5\), got \[0\.01,1\]/],
    ];
    cases.forEach(([patch, re], i) => {
      const f = join(dir, `m${i}.json`);
      writeFileSync(f, JSON.stringify({ ...oneCompartment, parameters: oneCompartment.parameters.map((p) => (p.name === 'f' ? { ...p, ...patch } : p)) }));
      const r = runCli(['simulate', '--model-file', f]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(re);
    });
  });

  it('a custom model without bounds gets the documented default: > 0 for a positive value (cl 0 refused, cl 6 runs with a note)', () => {
    const f = join(dir, 'nobounds.json');
    writeFileSync(f, JSON.stringify({ ...oneCompartment, parameters: oneCompartment.parameters.map(({ bounds: _b, ...p }) => p) }));
    expect(runCli(['simulate', '--model-file', f, '--param', 'cl_l_per_h=0']).stderr).toMatch(/expected a number > 0/);
    const r = runCli(['simulate', '--model-file', f, '--hours', '1', '--param', 'cl_l_per_h=6']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/note: --param cl_l_per_h = 6 L\/h is outside its typical range/);
  });
});
