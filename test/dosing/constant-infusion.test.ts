import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, type DoseEvent } from '../../engine';
import { builtinModel } from '../../models/registry';
import { column } from '../../engine/result';
import { parseCsv } from '../../engine/csv';
import { runCli } from '../cli/run-cli';
import { bolus, oneCompCentral, twoCompCentral } from './closed-forms';

// A constant infusion to steady state (NONMEM: AMT 0, RATE > 0, SS 1 or 2, II 0): the state a zero-order input
// running for ever has reached, the input going on until a reset. Closed forms: Css = rate·F/CL, the central
// amount Css·V1, the peripheral Css·V2 and an oral depot rate·F/ka; superposed doses add sums of exponentials.
// Every curve is compared on its grid to 1e-6 of its peak.
const ONE = { cl: 475, v: 3000, ka: 2 };
const TWO = { cl: 5, v1: 20, q: 10, v2: 50, ka: 1.5, f: 0.8 };
const inf = (rate: number, extra: Partial<DoseEvent> = {}): DoseEvent => ({ timeH: 0, drug: 'drug', amtMg: 0, rateMgPerH: rate, ss: 1, iiH: 0, ...extra });

// Both ways: in closed form (the default for these linear models) and by repeated intervals; returns the latter.
function expectCurve(model: string, events: DoseEvent[], output: string, expected: (t: number) => number, params?: Record<string, number>, endH = 30) {
  const closed = expectCurveBy(model, events, output, expected, params, endH, 'auto');
  expect(closed.meta.steadyState?.method).toBe('linear-closed-form');
  return expectCurveBy(model, events, output, expected, params, endH, 'repeated-intervals');
}

function expectCurveBy(model: string, events: DoseEvent[], output: string, expected: (t: number) => number, params: Record<string, number> | undefined,
  endH: number, steadyStateMethod: 'auto' | 'repeated-intervals') {
  const r = simulate(builtinModel(model), { events, endH, stepH: 0.25, params, steadyStateMethod });
  expect(r.meta.ok, r.meta.diagnostics.join('; ')).toBe(true);
  const got = column(r, output);
  const want = Array.from(r.timeH, expected);
  const peak = Math.max(...want.map(Math.abs));
  expect(peak).toBeGreaterThan(0);
  let worst = 0;
  let at = 0;
  want.forEach((w, i) => { const d = Math.abs(got[i]! - w); if (d > worst) { worst = d; at = r.timeH[i]!; } });
  expect(worst / peak, `${output}: worst at ${at} h`).toBeLessThan(1e-6);
  return r;
}

describe('constant infusion to steady state vs closed forms (Css = rate·F/CL; 1e-6 of the peak)', () => {
  it('one-compartment IV (central_mg, 50 mg/h): conc 50/475 mg/L and central amount 50·V/CL from time 0; meta names the constant infusion', () => {
    const r = expectCurve('one-compartment', [inf(50, { cmt: 'central_mg' })], 'conc_mg_per_l', () => 50 / ONE.cl);
    expectCurve('one-compartment', [inf(50, { cmt: 'central_mg' })], 'amount_central_mg', () => (50 * ONE.v) / ONE.cl);
    expect(r.meta.steadyState?.records).toEqual([{ timeH: 0, method: 'repeated-intervals', intervals: expect.any(Number), intervalH: 24, constantInfusion: true }]);
    expect(r.meta.steadyState?.method).toBe('repeated-intervals');
  });
  it('one-compartment into the gut with F 0.6 and a lag of 0.75 h: conc 0.6·20/CL, gut 0.6·20/ka (the lag of an input running for ever does not matter)', () => {
    const params = { f: 0.6, tlag_h: 0.75 };
    expectCurve('one-compartment', [inf(20)], 'conc_mg_per_l', () => (0.6 * 20) / ONE.cl, params);
    expectCurve('one-compartment', [inf(20, { cmt: 'gut_mg' })], 'amount_gut_mg', () => (0.6 * 20) / ONE.ka, params);
  });
  it('two-compartment IV (10 mg/h) and oral by the route (F 0.8): conc rate·F/CL', () => {
    expectCurve('two-compartment', [inf(10, { cmt: 'central_mg' })], 'conc_mg_per_l', () => 10 / TWO.cl);
    expectCurve('two-compartment', [inf(10)], 'conc_mg_per_l', () => (TWO.f * 10) / TWO.cl);
  });
  const two = twoCompCentral(TWO.cl, TWO.v1, TWO.q, TWO.v2);
  const css = 10 / TWO.cl;
  it('two-compartment: a bolus at 5 h adds its sum of exponentials; a reset (evid 3) at 12 h stops the infusion', () => {
    expectCurve('two-compartment', [inf(10, { cmt: 'central_mg' }), { timeH: 5, drug: 'drug', amtMg: 40, cmt: 'central_mg' }],
      'conc_mg_per_l', (t) => css + 40 * bolus(two, t - 5));
    expectCurve('two-compartment', [inf(10, { cmt: 'central_mg' }), { timeH: 12, drug: 'drug', amtMg: 0, evid: 3 }],
      'conc_mg_per_l', (t) => (t < 12 ? css : 0));
  });
  it('two-compartment: ss 2 adds the infusion\'s steady state to what a bolus at 0 left, and a second ss 2 infusion at 15 h adds its own', () => {
    expectCurve('two-compartment', [
      { timeH: 0, drug: 'drug', amtMg: 100, cmt: 'central_mg' },
      inf(10, { timeH: 5, cmt: 'central_mg', ss: 2 }),
      inf(4, { timeH: 15, cmt: 'central_mg', ss: 2 }),
    ], 'conc_mg_per_l', (t) => 100 * bolus(two, t) + (t < 5 ? 0 : css) + (t < 15 ? 0 : 4 / TWO.cl));
  });
  it('one-compartment: ss 1 at 8 h resets what a bolus at 0 left; a later periodic ss 1 dose (reset) stops the infusion', () => {
    const one = oneCompCentral(ONE.cl, ONE.v);
    expectCurve('one-compartment', [
      { timeH: 0, drug: 'drug', amtMg: 100, cmt: 'central_mg' },
      inf(50, { timeH: 8, cmt: 'central_mg' }),
    ], 'conc_mg_per_l', (t) => (t < 8 ? 100 * bolus(one, t) : 50 / ONE.cl));
    // The periodic dose at 20 h (ss 1, every 1000 h: its earlier doses have vanished) leaves only itself.
    expectCurve('one-compartment', [
      inf(50, { cmt: 'central_mg' }),
      { timeH: 20, drug: 'drug', amtMg: 30, cmt: 'central_mg', ss: 1, iiH: 1000 },
    ], 'conc_mg_per_l', (t) => (t < 20 ? 50 / ONE.cl : 30 * bolus(one, t - 20)));
  });
});

describe('constant infusion to steady state on the command line (--events, --nonmem); refusals exit 2 with the file line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ldn-sim-ssinf-'));
  const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
  const col = (csv: string, name: string) => { const rows = parseCsv(csv); const j = rows[0]!.indexOf(name); return rows.slice(1).map((r) => Number(r[j])); };
  it('--events: amt 0, rate 10, ss 1, ii 0 into central_mg of two-compartment reads Css = 10/5 = 2 mg/L at every row (1e-6)', () => {
    const p = file('inf.csv', 'time_h,drug,amt_mg,ii_h,addl,cmt,rate,dur_h,ss,evid\n0,drug,0,0,,central_mg,10,,1,\n');
    const r = runCli(['simulate', '--model', 'two-compartment', '--events', p, '--hours', '12', '--step-min', '120']);
    expect(r.status, r.stderr).toBe(0);
    const conc = col(r.stdout, 'conc_mg_per_l');
    expect(conc).toHaveLength(7);
    for (const c of conc) expect(Math.abs(c - 2) / 2).toBeLessThan(1e-6);
  });
  it('--nonmem: AMT 0, RATE 10, SS 1, II 0 (CMT 2), then ss 2 of another 5 mg/h at 6 h: 2 mg/L, then 3 mg/L (1e-6)', () => {
    const p = file('inf-nm.csv', ['ID,TIME,AMT,CMT,EVID,II,ADDL,SS,RATE,MDV,DV', '1,0,0,2,1,0,0,1,10,1,.', '1,4,0,2,0,0,0,0,0,0,1.9',
      '1,6,0,2,1,0,0,2,5,1,.', '1,9,0,2,0,0,0,0,0,0,3.1'].join('\n'));
    const r = runCli(['simulate', '--model', 'two-compartment', '--nonmem', p]);
    expect(r.status, r.stderr).toBe(0);
    const conc = col(r.stdout, 'conc_mg_per_l');
    [2, 2, 3, 3].forEach((want, i) => expect(Math.abs(conc[i]! - want) / want).toBeLessThan(1e-6));
  });
  it('refused with the file line and column: amt 0 with ii 12 (--events), RATE -1 with AMT 0 (--nonmem), AMT > 0 with II 0', () => {
    const expect2 = (args: string[], re: RegExp) => { const r = runCli(args); expect(r.status, r.stderr).toBe(2); expect(r.stderr).toMatch(re); };
    const ev = file('bad-inf.csv', 'time_h,drug,amt_mg,ii_h,addl,cmt,rate,ss\n0,drug,0,12,,central_mg,10,1\n');
    expect2(['simulate', '--model', 'two-compartment', '--events', ev], /bad-inf\.csv line 2, column amt_mg: an infusion \(rate 10\) needs an amount > 0; a constant infusion to steady state has amt 0 with ii_h 0/);
    const nm = file('bad-inf-nm.csv', ['ID,TIME,AMT,CMT,EVID,II,SS,RATE', '1,0,0,2,1,0,1,10', '1,2,0,2,1,0,1,-1'].join('\n'));
    expect2(['simulate', '--model', 'two-compartment', '--nonmem', nm], /bad-inf-nm\.csv line 3, column II: a steady-state dose \(ss 1\) needs the dosing interval/);
    const nm2 = file('bad-inf-nm2.csv', ['ID,TIME,AMT,CMT,EVID,II,SS,RATE', '1,0,5,2,1,0,1,10'].join('\n'));
    expect2(['simulate', '--model', 'two-compartment', '--nonmem', nm2], /bad-inf-nm2\.csv line 2, column II: a steady-state dose \(ss 1\) needs the dosing interval/);
  });
});
