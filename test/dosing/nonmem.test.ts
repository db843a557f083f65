import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../models/registry';
import { parseCsv } from '../../engine/csv';
import { parseNonmemCsv } from '../../engine/nonmem';
import { simulateNonmem } from '../../engine/nonmem-run';
import { runCli } from '../cli/run-cli';
import { regimen, twoCompCentral, viaDepot } from './closed-forms';

const two = builtinModel('two-compartment');
const one = builtinModel('one-compartment');
const DATA = [
  'ID,TIME,AMT,CMT,EVID,II,ADDL,SS,RATE,MDV,DV,WT',
  '1,0,100,2,1,12,1,0,0,1,.,70',
  '1,1,0,2,0,0,0,0,0,0,3.1,70',
  '1,6,.,.,0,.,.,.,.,0,1.2,70',
  '1,12,0,2,0,0,0,0,0,0,0.9,70',
  '1,24,0,2,0,0,0,0,0,1,.,70',
  '2,0,50,1,1,24,0,1,0,1,.,60',
  '2,2,0,2,0,0,0,0,0,0,2,60',
  '2,3,20,2,1,0,0,0,10,1,.,60',
  '2,24,0,2,0,0,0,0,0,0,1,60',
].join('\n');

describe('NONMEM data sets: parsed into per-ID records and observations', () => {
  it('rows with EVID 0 and MDV 0 become observations (line, time, DV, CMT by name); dosing rows become records', () => {
    const s = parseNonmemCsv(DATA, 'data.csv', two);
    expect(s.map((x) => x.id)).toEqual(['1', '2']);
    expect(s[0]!.observations).toEqual([
      { line: 3, timeH: 1, dv: 3.1, cmt: 'central_mg' }, { line: 4, timeH: 6, dv: 1.2 }, { line: 5, timeH: 12, dv: 0.9, cmt: 'central_mg' }]);
    expect(s[0]!.events).toEqual([{ timeH: 0, drug: 'drug', amtMg: 100, iiH: 12, addl: 1, cmt: 'central_mg', evid: 1 }]);
    expect(s[1]!.events[0]).toMatchObject({ cmt: 'depot_mg', ss: 1, iiH: 24 });
    expect(s[1]!.events[1]).toMatchObject({ cmt: 'central_mg', rateMgPerH: 10 });
    expect(s[0]!.records.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
  });
  const bad: readonly [string, string, RegExp][] = [
    ['an observation with a dose', '1,1,5,2,0,0,0,0,0,0,1,70', /data\.csv line 3, column AMT: an observation record \(EVID 0\) may not carry a dose/],
    ['SS without II', '1,1,5,2,1,0,0,1,0,1,.,70', /line 3, column II: a steady-state dose \(ss 1\) needs the dosing interval/],
    ['a negative RATE other than -1/-2', '1,1,5,2,1,0,0,0,-5,1,.,70', /line 3, column RATE: expected a rate >= 0/],
    ['RATE -2 without a modelled duration', '1,1,5,2,1,0,0,0,-2,1,.,70', /line 3, column RATE: rate -2 takes the duration from the model/],
    ['CMT beyond the states', '1,1,5,4,1,0,0,0,0,1,.,70', /line 3, column CMT: expected a compartment number 1–3/],
    ['a CMT that may not be dosed', '1,1,5,3,1,0,0,0,0,1,.,70', /line 3, column CMT: model "two-compartment" doses the states depot_mg, central_mg; got "peripheral_mg"/],
    ['TIME going back', '1,-1,0,2,0,0,0,0,0,0,1,70', /line 3, column TIME: expected a time in hours >= 0/],
    ['TIME before the previous row', '1,0,0,2,0,0,0,0,0,0,1,70\n1,0.5,0,2,0,0,0,0,0,0,1,70\n1,0.2,0,2,0,0,0,0,0,0,1,70', /line 5, column TIME: expected a time >= 0\.5 h/],
    ['EVID 5', '1,1,0,2,5,0,0,0,0,0,1,70', /line 3, column EVID: expected 0, 1, 2, 3 or 4/],
    ['an observation without DV', '1,1,0,2,0,0,0,0,0,0,.,70', /line 3, column DV: expected an observed value \(or MDV 1\)/],
    ['an ID that comes back', '2,1,0,2,0,0,0,0,0,0,1,70\n1,2,0,2,0,0,0,0,0,0,1,70', /line 4, column ID: the rows of ID 1 must be together/],
    ['a covariate out of its parameter\'s range', '1,1,0,2,0,0,0,0,0,0,1,99999', /line 3, column WT: expected a value of v1_l in \[0\.1, 10000\] L, got 99999/],
    ['a covariate missing', '1,1,0,2,0,0,0,0,0,0,1,.', /line 3, column WT: expected a number \(L\) for parameter v1_l, got an empty field/],
  ];
  for (const [title, row, message] of bad) {
    it(`refused: ${title}, naming the file line and column`, () => {
      const text = `${DATA.split('\n').slice(0, 2).join('\n')}\n${row}\n`;
      expect(() => parseNonmemCsv(text, 'data.csv', two, { WT: 'v1_l' })).toThrow(message);
    });
  }
});

describe('NONMEM data sets: simulated per ID vs closed forms (1e-6 of the peak)', () => {
  it('rows at every record: ID 1 IV bolus every 12 h; ID 2 oral ss 1 (lag, F) plus a 2-h IV infusion', () => {
    const subjects = parseNonmemCsv(DATA, 'data.csv', two);
    const [r1, r2] = simulateNonmem(two, subjects);
    const h = twoCompCentral(5, 20, 10, 50);
    const c1 = r1!.columns.find((c) => c.name === 'conc_mg_per_l')!.values;
    expect(Array.from(r1!.timeH)).toEqual([0, 1, 6, 12, 24]);
    expect(r1!.lines).toEqual([2, 3, 4, 5, 6]);
    const want1 = Array.from(r1!.timeH, (t) => regimen(h, [{ atH: 0, amount: 100 }, { atH: 12, amount: 100 }], t));
    want1.forEach((w, i) => expect(Math.abs(c1[i]! - w)).toBeLessThan(1e-6 * Math.max(...want1)));
    const depot = viaDepot(h, 1.5);
    const ss = Array.from({ length: 60 }, (_, k) => ({ atH: 0.25 - 24 * k, amount: 50 * 0.8 }));
    const c2 = r2!.columns.find((c) => c.name === 'conc_mg_per_l')!.values;
    const want2 = Array.from(r2!.timeH, (t) => regimen(depot, ss, t) + regimen(h, [{ atH: 3, amount: 20, durH: 2 }], t));
    want2.forEach((w, i) => expect(Math.abs(c2[i]! - w)).toBeLessThan(1e-6 * Math.max(...want2)));
    expect(r2!.steadyState?.records[0]).toMatchObject({ method: 'linear-closed-form', intervals: 0 });
    // The same by repeated intervals.
    const [, i2] = simulateNonmem(two, subjects, { steadyStateMethod: 'repeated-intervals' });
    const ci2 = i2!.columns.find((c) => c.name === 'conc_mg_per_l')!.values;
    want2.forEach((w, i) => expect(Math.abs(ci2[i]! - w)).toBeLessThan(1e-6 * Math.max(...want2)));
    expect(i2!.steadyState?.records[0]!.intervals).toBeGreaterThan(1);
  });
  it('a covariate that changes at 6 h (CL 475 → 950 L/h, records at 0, 3, 6, 9 h): NOCB applies 950 from 3 h (the interval ending at 6 h), LOCF from 6 h (closed forms)', () => {
    const text = 'ID,TIME,AMT,CMT,MDV,CL\n1,0,100,2,1,475\n1,3,0,2,1,475\n1,6,0,2,1,950\n1,9,0,2,1,950\n';
    const subjects = parseNonmemCsv(text, 'cl.csv', one, { CL: 'cl_l_per_h' });
    const v = 3000;
    const amount = (t: number, switchH: number) => 100 * Math.exp(-(475 / v) * Math.min(t, switchH) - (950 / v) * Math.max(0, t - switchH));
    for (const [mode, switchH] of [['nocb', 3], ['locf', 6]] as const) {
      const [r] = simulateNonmem(one, subjects, { covariates: mode, stepH: 0.5 });
      const c = r!.columns.find((x) => x.name === 'amount_central_mg')!.values;
      expect(r!.timeH).toHaveLength(19);
      Array.from(r!.timeH).forEach((t, i) => expect(Math.abs(c[i]! - amount(t, switchH)), `${mode} at ${t} h`).toBeLessThan(1e-6 * 100));
    }
  });
});

describe('NONMEM data sets: rows at one time follow file order', () => {
  it('an observation listed before a dose at the same time does not see it; one listed after it does; a reset row in between empties', () => {
    const text = ['ID,TIME,AMT,CMT,EVID,MDV,DV', '1,0,100,2,1,1,.', '1,2,0,2,0,0,1', '1,2,50,2,1,1,.', '1,2,0,2,0,0,1', '1,2,0,2,3,1,.', '1,2,0,2,0,0,1'].join('\n');
    const [r] = simulateNonmem(one, parseNonmemCsv(text, 'order.csv', one));
    const a = Array.from(r!.columns.find((c) => c.name === 'amount_central_mg')!.values);
    const before = 100 * Math.exp(-(475 / 3000) * 2);
    expect(a[0]).toBe(100);
    expect(Math.abs(a[1]! - before)).toBeLessThan(1e-7);
    expect(Math.abs(a[2]! - (before + 50))).toBeLessThan(1e-7);
    expect(Math.abs(a[3]! - (before + 50))).toBeLessThan(1e-7);
    expect(a[4]).toBe(0);
    expect(a[5]).toBe(0);
  });
});

describe('CLI: simulate --nonmem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-nonmem-'));
  const data = join(dir, 'data.csv');
  writeFileSync(data, DATA);
  it('writes one CSV with an id column and a row at every record; --step-min gives each ID a grid', () => {
    const r = runCli(['simulate', '--model', 'two-compartment', '--nonmem', data, '--covariate', 'WT=v1_l', '--covariate-mode', 'locf']);
    expect(r.status, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(['id', 'time_h', 'clock_h', 'conc_mg_per_l', 'amount_depot_mg', 'amount_central_mg', 'amount_peripheral_mg']);
    expect(rows.slice(1).map((x) => x[0])).toEqual(['1', '1', '1', '1', '1', '2', '2', '2', '2']);
    const g = parseCsv(runCli(['simulate', '--model', 'two-compartment', '--nonmem', data, '--step-min', '360']).stdout);
    expect(g.slice(1).map((x) => `${x[0]}@${x[1]}`)).toEqual(['1@0', '1@6', '1@12', '1@18', '1@24', '2@0', '2@6', '2@12', '2@18', '2@24']);
  });
  it('bad input exits 2 with one line naming the file line, the flag or the clash', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'ID,TIME,AMT,SS\n1,0,100,0\n1,1,100,1\n');
    for (const [args, message] of [
      [['--nonmem', bad], /bad\.csv line 3, column II: a steady-state dose/],
      [['--nonmem', data, '--covariate', 'HT=v1_l'], /--covariate HT=v1_l: .* has no column HT/],
      [['--nonmem', data, '--covariate', 'WT=volume'], /--covariate WT=volume: model "two-compartment" has no parameter volume/],
      [['--nonmem', data, '--covariate-mode', 'linear', '--covariate', 'WT=v1_l'], /--covariate-mode: expected nocb or locf/],
      [['--nonmem', data, '--events', data], /--nonmem replaces .*give --nonmem or --events, not both/],
    ] as const) {
      const r = runCli(['simulate', '--model', 'two-compartment', ...args]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
