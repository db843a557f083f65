import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, type DoseEvent } from '../../engine';
import { parseCsv } from '../../engine/csv';
import { column } from '../../engine/result';
import { withRecordTimes } from '../../engine/output-times';
import { builtinModel } from '../../models/registry';
import { parseNonmemCsv } from '../../engine/nonmem';
import { simulateNonmem } from '../../engine/nonmem-run';
import { runCli } from '../cli/run-cli';
import { bolus, oneCompCentral } from './closed-forms';

// An evid 2 record (NONMEM's other-type event) adds an output row at its time, as NONMEM's table has a row at
// every record: merged into the grid in time order, never duplicating a grid row.
const m = builtinModel('one-compartment');
const dose: DoseEvent = { timeH: 1, drug: 'drug', amtMg: 10, cmt: 'central_mg' };
const other = (timeH: number): DoseEvent => ({ timeH, drug: 'drug', amtMg: 0, evid: 2 });

describe('evid 2 records add output rows (engine)', () => {
  it('rows at 3.5 h and 7.25 h are inserted in time order; a record at a grid time (2 h) or past the end (20 h) adds none', () => {
    const plain = simulate(m, { events: [dose], endH: 10, stepH: 1 });
    const r = simulate(m, { events: [dose, other(7.25), other(2), other(3.5), other(3.5), other(20)], endH: 10, stepH: 1 });
    expect(Array.from(r.timeH)).toEqual([0, 1, 2, 3, 3.5, 4, 5, 6, 7, 7.25, 8, 9, 10]);
    // The grid rows are the run without the evid 2 records, bit for bit.
    const conc = column(r, 'conc_mg_per_l');
    const keep = Array.from(r.timeH).map((t, i) => [t, i] as const).filter(([t]) => Number.isInteger(t)).map(([, i]) => conc[i]);
    expect(keep).toEqual(Array.from(column(plain, 'conc_mg_per_l')));
  });
  it('the added rows show the closed form (IV bolus, one-compartment) to 1e-6 of the peak', () => {
    const r = simulate(m, { events: [dose, other(3.5), other(7.25)], endH: 10, stepH: 1 });
    const h = oneCompCentral(475, 3000);
    const conc = column(r, 'conc_mg_per_l');
    const peak = 10 * bolus(h, 0);
    for (const t of [3.5, 7.25]) {
      const i = Array.from(r.timeH).indexOf(t);
      expect(Math.abs(conc[i]! - 10 * bolus(h, t - 1)) / peak).toBeLessThan(1e-6);
    }
  });
  it('simulate --nonmem on a --step-min grid: an EVID 2 row (3.25 h) adds a grid row at its time, with the closed form (1e-6 of the peak)', () => {
    const data = 'ID,TIME,AMT,CMT,EVID,MDV,DV\n1,1,10,2,1,1,.\n1,3.25,0,.,2,1,.\n1,6,0,2,0,0,0.001\n';
    const [r] = simulateNonmem(m, parseNonmemCsv(data, 'evid2.csv', m), { stepH: 0.5 });
    const times = Array.from(r!.timeH);
    expect(times).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.25, 3.5, 4, 4.5, 5, 5.5, 6]);
    const conc = r!.columns.find((c) => c.name === 'conc_mg_per_l')!.values;
    const h = oneCompCentral(475, 3000);
    expect(Math.abs(conc[times.indexOf(3.25)]! - 10 * bolus(h, 2.25)) / (10 * bolus(h, 0))).toBeLessThan(1e-6);
  });
  it('withRecordTimes: a time within rounding of a grid row (0.1 × 3 vs 0.3) adds none; without evid 2 the grid is returned as is', () => {
    const grid = Float64Array.from([0, 0.1, 0.2, 0.1 * 3, 0.4]);
    expect(withRecordTimes(grid, [other(0.3)])).toBe(grid);
    expect(withRecordTimes(grid, [dose])).toBe(grid);
    expect(Array.from(withRecordTimes(grid, [other(0.35), other(0.05)]))).toEqual([0, 0.05, 0.1, 0.2, 0.1 * 3, 0.35, 0.4]);
  });
});

describe('evid 2 records add output rows (simulate --events)', () => {
  it('the CSV has a row at each evid 2 record, in time order, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-evid2-'));
    const p = join(dir, 'ev.csv');
    writeFileSync(p, 'time_h,drug,amt_mg,ii_h,addl,cmt,evid\n1,drug,10,,,central_mg,\n2.5,drug,0,,,,2\n4,drug,0,,,,2\n2.5,drug,0,,,,2\n');
    const r = runCli(['simulate', '--model', 'one-compartment', '--events', p, '--hours', '6', '--step-min', '60']);
    expect(r.status, r.stderr).toBe(0);
    const times = parseCsv(r.stdout).slice(1).map((row) => Number(row[0]));
    expect(times).toEqual([0, 1, 2, 2.5, 3, 4, 5, 6]);
  });
});
