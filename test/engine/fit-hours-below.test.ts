import { describe, expect, it } from 'vitest';
import { parseObservationsCsv, prepareFitProblem, windowMetric, type Observation } from '../../engine/fit';
import { builtinModel } from '../../models/registry';
import { expectClose } from '../helpers/expect-close';

// `hours_below:COLUMN:THRESHOLD` / `hours_above:COLUMN:THRESHOLD` (docs/fitting.md): the hours a column spends
// below (above) a threshold inside the row's window, crossings located by linear interpolation between samples.

describe('hours below/above a threshold: the window metric', () => {
  it('a piecewise-linear curve crossed several times: exact, whatever the grid (linear interpolation is then the curve itself)', () => {
    // Triangle wave 0 → 1 → 0 → 1 → 0 over 0..8 h, sampled at its corners only. Below 0.25: 0.5 h at each of the
    // three troughs' sides: [0, 0.5], [3.5, 4.5], [7.5, 8] = 2 h; above: 6 h.
    const t = Float64Array.of(0, 2, 4, 6, 8);
    const y = Float64Array.of(0, 1, 0, 1, 0);
    expectClose(windowMetric('hours_below', t, y, 0, 4, 0.25), 2, { atol: 1e-12 });
    expectClose(windowMetric('hours_above', t, y, 0, 4, 0.25), 6, { atol: 1e-12 });
    // A sub-window (samples 1..3 = 2..6 h): below only around the trough at 4 h.
    expectClose(windowMetric('hours_below', t, y, 1, 3, 0.25), 1, { atol: 1e-12 });
  });

  it('sin t over two periods, threshold 0.5: above for 2π/3 per period (4 crossings; 0.01-h grid, within the chord bound 2.9e-5 h)', () => {
    // Linear interpolation moves each crossing by at most h²·max|y''| / (8·|y'|) = 1e-4 · 0.5 / (8 · cos(π/6)) = 7.2e-6 h.
    const n = Math.round((4 * Math.PI) / 0.01);
    const t = Float64Array.from({ length: n + 1 }, (_, i) => (4 * Math.PI * i) / n);
    const y = t.map(Math.sin);
    expectClose(windowMetric('hours_above', t, y, 0, n, 0.5), (4 * Math.PI) / 3, { atol: 2.9e-5 });
    expectClose(windowMetric('hours_below', t, y, 0, n, 0.5), (8 * Math.PI) / 3, { atol: 2.9e-5 });
  });

  it('a window entirely below (or above) the threshold gives its whole length (or 0); a sample equal to the threshold counts as below', () => {
    const t = Float64Array.of(0, 1, 2, 3);
    const y = Float64Array.of(5, 4, 3, 2);
    expect(windowMetric('hours_below', t, y, 0, 3, 10)).toBe(3);
    expect(windowMetric('hours_above', t, y, 0, 3, 10)).toBe(0);
    expect(windowMetric('hours_below', t, y, 0, 3, 1)).toBe(0);
    expect(windowMetric('hours_above', t, y, 1, 3, 1)).toBe(2);
    expect(windowMetric('hours_below', t, y, 0, 3, 2)).toBe(0); // touches 2 only at its end: no time below
    expect(windowMetric('hours_below', t, Float64Array.of(2, 2, 2, 2), 0, 3, 2)).toBe(3);
    expect(() => windowMetric('hours_below', t, y, 0, 3)).toThrow('hours_below: expected a finite threshold, got NaN');
  });
});

describe('hours below/above a threshold in a fit problem', () => {
  // One-compartment model with an intravenous bolus into the central compartment: C(t) = D/V·e^(−kt), k = CL/V,
  // so C falls through c* at t* = ln(D/(V c*))/k. D 100 mg, V 2000 L, CL 400 L/h: C(0) = 0.05 mg/L, k = 0.2 /h,
  // c* = 0.01 mg/L ⇒ t* = ln 5 / 0.2 = 8.047 h.
  const model = builtinModel('one-compartment');
  const k = 400 / 2000;
  const tStar = Math.log(100 / (2000 * 0.01)) / k;
  const row = (output: string, timeH: number, fromH = 0, line = 2): Observation => {
    const set = parseObservationsCsv(`time_h,output,value,from_h\n${timeH},${output},1,${fromH || ''}\n`, 'o.csv');
    return { ...set.observations[0]!, line };
  };
  const predict = (observations: Observation[]) => {
    const problem = prepareFitProblem(model, {
      groups: [{ name: 'all', request: { events: [{ timeH: 0, drug: 'drug', amtMg: 100, cmt: 'central_mg' }], params: { cl_l_per_h: 400, v_l: 2000 }, endH: 1, stepH: 1 } }],
      observations, estimate: ['v_l'],
    }, 'o.csv');
    return Array.from(problem.evaluate(problem.x0)!.predictions);
  };

  it('IV bolus: hours below c* over 0–24 h are 24 − ln(D/(V c*))/k, hours above ln(D/(V c*))/k (closed form, 1e-4 h)', () => {
    const [below, above] = predict([row('hours_below:conc_mg_per_l:0.01', 24), row('hours_above:conc_mg_per_l:0.01', 24, 0, 3)]);
    expectClose(tStar, 8.047, { atol: 1e-3 });
    expectClose(below!, 24 - tStar, { atol: 1e-4 });
    expectClose(above!, tStar, { atol: 1e-4 });
  });

  it('IV bolus: a window after t* is entirely below (its whole length), one before t* entirely above (0 h below)', () => {
    const [after, before, crossing] = predict([
      row('hours_below:conc_mg_per_l:0.01', 24, 10), row('hours_below:conc_mg_per_l:0.01', 6, 1, 3), row('hours_below:conc_mg_per_l:0.01', 12, 4, 4),
    ]);
    expectClose(after!, 14, { atol: 1e-9 });
    expect(before).toBe(0);
    expectClose(crossing!, 12 - tStar, { atol: 1e-4 });
  });
});

describe('hours below/above in an observations CSV', () => {
  it('reads KIND:COLUMN:THRESHOLD with the threshold in the column\'s unit', () => {
    const set = parseObservationsCsv('time_h,output,value,from_h\n672,hours_below:mu_blockade:0.1,8,648\n24,hours_above:conc_mg_per_l:1e-2,3,\n', 'o.csv');
    expect(set.observations[0]).toMatchObject({ column: 'mu_blockade', metric: 'hours_below', threshold: 0.1, fromH: 648, timeH: 672, output: 'hours_below:mu_blockade:0.1' });
    expect(set.observations[1]).toMatchObject({ column: 'conc_mg_per_l', metric: 'hours_above', threshold: 0.01, fromH: 0 });
    expect(parseObservationsCsv('time_h,output,value\n24,max:y,1\n').observations[0]!.threshold).toBeUndefined();
  });

  it('refuses a missing or non-numeric threshold, and a threshold on a kind that takes none, with the file line and column', () => {
    const bad = (output: string) => () => parseObservationsCsv(`time_h,output,value\n24,y,1\n24,${output},1\n`, 'o.csv');
    const need = (kind: string, got: string) =>
      `o.csv line 3, column output: expected ${kind}:COLUMN:THRESHOLD with the threshold a number in the column's unit (e.g. ${kind}:mu_blockade:0.1), got "${got}"`;
    expect(bad('hours_below:y')).toThrow(need('hours_below', 'hours_below:y'));
    expect(bad('hours_below:y:')).toThrow(need('hours_below', 'hours_below:y:'));
    expect(bad('hours_above:y:ten')).toThrow(need('hours_above', 'hours_above:y:ten'));
    expect(bad('hours_below:y:0.1:2')).toThrow('o.csv line 3, column output: expected a model output column (e.g. naltrexone_plasma_ng_per_ml) or KIND:COLUMN with KIND one of max, min, tmax, auc, thalf, hours_below, hours_above (hours_below:COLUMN:THRESHOLD, hours_above:COLUMN:THRESHOLD), got "hours_below:y:0.1:2"');
    expect(bad('max:y:0.1')).toThrow('o.csv line 3, column output: expected max:COLUMN (a threshold belongs to hours_below, hours_above only), got "max:y:0.1"');
    expect(bad('y:0.1')).toThrow('o.csv line 3, column output: expected a model output column or KIND:COLUMN, got "y:0.1"');
    expect(bad('below:y:0.1')).toThrow('o.csv line 3, column output: expected KIND:COLUMN with KIND one of max, min, tmax, auc, thalf, hours_below, hours_above (hours_below:COLUMN:THRESHOLD, hours_above:COLUMN:THRESHOLD), got "below:y:0.1"');
  });
});
