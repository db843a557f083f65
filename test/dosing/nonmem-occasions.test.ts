import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../models/registry';
import { parseCsv } from '../../engine/csv';
import { parseNonmemCsv } from '../../engine/nonmem';
import { simulateNonmem } from '../../engine/nonmem-run';
import { runCli } from '../cli/run-cli';
import { regimen, twoCompCentral } from './closed-forms';

// NONMEM lets TIME go back within an ID on a reset record (EVID 3 or 4): a new occasion. Two occasions of one
// ID separated by an EVID 4 that restarts at TIME 0 must give the rows of two separate IDs, in record order.
const two = builtinModel('two-compartment');
const HEADER = 'ID,TIME,AMT,CMT,EVID,II,ADDL,SS,RATE,MDV,DV';
const OCC1 = ['0,100,2,1,12,1,0,0,1,.', '1,0,2,0,0,0,0,0,0,3.1', '6,0,2,0,0,0,0,0,0,1.2', '30,0,2,0,0,0,0,0,0,0.4'];
const OCC2_FIRST = '0,50,1,4,24,0,1,0,1,.'; // EVID 4 at TIME 0: reset and dose (oral, ss 1)
const OCC2 = ['2,0,2,0,0,0,0,0,0,2', '3,20,2,1,0,0,0,10,1,.', '24,0,2,0,0,0,0,0,0,1'];
const occasions = [HEADER, ...OCC1.map((r) => `1,${r}`), `1,${OCC2_FIRST}`, ...OCC2.map((r) => `1,${r}`)].join('\n');
const separate = [HEADER, ...OCC1.map((r) => `1,${r}`), `2,${OCC2_FIRST}`, ...OCC2.map((r) => `2,${r}`)].join('\n');

describe('NONMEM data sets: TIME restarting after a reset (occasions)', () => {
  it('parses: the records from the EVID 4 row on are occasion 1, observations too; events keep file order', () => {
    const [s] = parseNonmemCsv(occasions, 'occ.csv', two);
    expect(s!.records.map((r) => r.occasion ?? 0)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(s!.observations.map((o) => [o.line, o.occasion ?? 0])).toEqual([[3, 0], [4, 0], [5, 0], [7, 1], [9, 1]]);
    expect(s!.events.map((e) => e.timeH)).toEqual([0, 0, 3]);
  });
  it('one ID with two occasions gives exactly the rows of two separate IDs, in record order (and on a --step-min grid)', () => {
    for (const stepH of [undefined, 0.5]) {
      const a = simulateNonmem(two, parseNonmemCsv(occasions, 'occ.csv', two), stepH ? { stepH } : {});
      const b = simulateNonmem(two, parseNonmemCsv(separate, 'sep.csv', two), stepH ? { stepH } : {});
      expect(a).toHaveLength(1);
      expect(a[0]!.diagnostics).toEqual([]);
      expect(Array.from(a[0]!.timeH)).toEqual([...b[0]!.timeH, ...b[1]!.timeH]);
      if (!stepH) expect(a[0]!.lines).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      a[0]!.columns.forEach((c, j) => expect(Array.from(c.values)).toEqual([...b[0]!.columns[j]!.values, ...b[1]!.columns[j]!.values]));
      expect(a[0]!.steadyState?.records).toHaveLength(1);
    }
  });
  it('the first occasion matches the closed form: 100 mg IV at 0 and 12 h (1e-6 of the peak), unaffected by the later occasion', () => {
    const [r] = simulateNonmem(two, parseNonmemCsv(occasions, 'occ.csv', two));
    const h = twoCompCentral(5, 20, 10, 50);
    const conc = r!.columns.find((c) => c.name === 'conc_mg_per_l')!.values;
    const peak = 100 * h.reduce((s, [c]) => s + c, 0);
    [0, 1, 6, 30].forEach((t, i) => expect(Math.abs(conc[i]! - regimen(h, [{ atH: 0, amount: 100 }, { atH: 12, amount: 100 }], t)) / peak).toBeLessThan(1e-6));
  });
  it('a reset (EVID 3) restarting at a later time than 0 starts from the initial state there', () => {
    const data = [HEADER, '1,0,100,2,1,0,0,0,0,1,.', '1,10,0,2,0,0,0,0,0,0,1', '1,5,0,.,3,0,0,0,0,1,.', '1,6,0,2,0,0,0,0,0,0,0', '1,7,10,2,1,0,0,0,0,1,.', '1,8,0,2,0,0,0,0,0,0,1'].join('\n');
    const [r] = simulateNonmem(two, parseNonmemCsv(data, 'd.csv', two));
    const conc = r!.columns.find((c) => c.name === 'conc_mg_per_l')!.values;
    const h = twoCompCentral(5, 20, 10, 50);
    expect(Array.from(r!.timeH)).toEqual([0, 10, 5, 6, 7, 8]);
    expect(Math.abs(conc[1]! - regimen(h, [{ atH: 0, amount: 100 }], 10))).toBeLessThan(1e-6 * 5);
    expect(conc[2]).toBe(0);
    expect(conc[3]).toBe(0);
    expect(Math.abs(conc[5]! - regimen(h, [{ atH: 7, amount: 10 }], 8))).toBeLessThan(1e-6 * 5);
  });
  it('TIME going back on any other record is refused with the line (exit 2 on the command line)', () => {
    const bad = [HEADER, '1,0,100,2,1,0,0,0,0,1,.', '1,10,0,2,0,0,0,0,0,0,1', '1,5,20,2,1,0,0,0,0,1,.'].join('\n');
    expect(() => parseNonmemCsv(bad, 'bad.csv', two)).toThrow(/bad\.csv line 4, column TIME: expected a time >= 10 h \(the previous row of ID 1\); TIME may go back only on a reset record \(EVID 3 or 4\), got EVID 1/);
    const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-occ-'));
    writeFileSync(join(dir, 'bad.csv'), bad.replace('1,5,20,2,1', '1,5,0,2,0').replace(/,1,\.$/, ',0,1'));
    const r = runCli(['simulate', '--model', 'two-compartment', '--nonmem', join(dir, 'bad.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv line 4, column TIME: .*got EVID 0/);
    writeFileSync(join(dir, 'occ.csv'), occasions);
    const ok = runCli(['simulate', '--model', 'two-compartment', '--nonmem', join(dir, 'occ.csv')]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(parseCsv(ok.stdout).slice(1).map((row) => Number(row[1]))).toEqual([0, 1, 6, 30, 0, 2, 3, 24]);
  });
});
