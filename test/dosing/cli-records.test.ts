import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { runCli } from '../cli/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-records-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const rows = (csv: string) => parseCsv(csv).slice(1).map((r) => r.map(Number));

function expectUsageError(args: string[], ...fragments: RegExp[]): void {
  const r = runCli(args);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  for (const f of fragments) expect(r.stderr).toMatch(f);
}

describe('CLI: --events with cmt, rate, dur_h, ss, evid; --steady-state', () => {
  it('--steady-state starts at the daily steady state: the run is periodic (0 h equals 24 h to 1e-8) and matches day 40 of a 40-day run', () => {
    const ss = rows(runCli(['simulate', '--dose', '4.5', '--at', '22:00', '--steady-state', '--step-min', '360']).stdout);
    const long = rows(runCli(['simulate', '--dose', '4.5', '--at', '22:00', '--days', '40', '--step-min', '360']).stdout);
    const naltrexol = 3; // naltrexol_plasma_ng_per_ml: t½ 12–13 h, at steady state long before day 40
    expect(Math.abs(ss[0]![naltrexol]! - ss[4]![naltrexol]!)).toBeLessThan(1e-8 * ss[1]![naltrexol]!);
    const last = long.slice(-5);
    ss.forEach((r, i) => expect(Math.abs(r[naltrexol]! - last[i]![naltrexol]!)).toBeLessThan(1e-6 * ss[1]![naltrexol]!));
  });
  it('an events file with the optional columns runs; a bad row exits 2 naming the file line and column', () => {
    const ok = file('ok.csv', 'time_h,drug,amt_mg,ii_h,addl,cmt,rate,dur_h,ss,evid\n0,drug,100,12,,central_mg,50,,1,\n3,drug,0,,,,,,,3\n4,drug,20,,,,,2,,\n');
    const r = runCli(['simulate', '--model', 'two-compartment', '--events', ok, '--hours', '12', '--step-min', '60']);
    expect(r.status, r.stderr).toBe(0);
    expect(rows(r.stdout)).toHaveLength(13);
    const bad = file('bad.csv', 'time_h,drug,amt_mg,ii_h,addl,cmt,ss\n0,drug,100,12,,central_mg,1\n\n5,drug,10,,,,1\n');
    expectUsageError(['simulate', '--model', 'two-compartment', '--events', bad], /bad\.csv line 4, column ii_h: a steady-state dose \(ss 1\) needs the dosing interval/);
    const cmt = file('cmt.csv', 'time_h,drug,amt_mg,cmt\n0,drug,100,peripheral_mg\n');
    expectUsageError(['simulate', '--model', 'two-compartment', '--events', cmt], /cmt\.csv line 2, column cmt: model "two-compartment" doses the states depot_mg, central_mg/);
    const col = file('col.csv', 'time_h,drug,amt_mg,route\n0,drug,1,x\n');
    expectUsageError(['simulate', '--model', 'two-compartment', '--events', col], /line 1: expected the header .*unknown column route/);
    expectUsageError(['simulate', '--events', ok, '--steady-state'], /--events replaces .*--steady-state/);
  });
});

describe('CLI: model ID numbers the states for CMT', () => {
  it('lists the states 1, 2, 3 in declaration order and marks the dosed ones', () => {
    const r = runCli(['model', 'two-compartment']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ 1 depot_mg \*\n +2 central_mg \*\n +3 peripheral_mg\n/);
  });
});
