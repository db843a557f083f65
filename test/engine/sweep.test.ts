import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../engine/metrics';
import { prepareModel } from '../../engine/model/load';
import { simulate } from '../../engine/simulate';
import { evaluateMetrics, parseMetric, runSweep, sweepToCsv } from '../../engine/sweep';
import { oneCompartment } from '../../models/one-compartment';
import { expectClose } from '../helpers/expect-close';

const model = prepareModel(oneCompartment);

/** Bateman function (closed form): concentration, mg/L, after an oral dose at time 0 with F = 1, no lag. */
function bateman(t: number, dose: number, ka: number, cl: number, v: number): number {
  const k = cl / v;
  return t <= 0 ? 0 : (dose * ka) / (v * (ka - k)) * (Math.exp(-k * t) - Math.exp(-ka * t));
}

describe('sweeps', () => {
  it('dose × clearance: the peak equals the Bateman maximum on the same grid, and AUC(0–240 h) equals D/CL', () => {
    const step = 0.05;
    const r = runSweep(model, {
      base: { events: [{ timeH: 0, drug: 'drug', amtMg: 1 }], endH: 240, stepH: step },
      axes: [{ name: 'dose', values: [10, 50] }, { name: 'cl_l_per_h', values: [300, 475] }],
      metrics: [parseMetric('max:conc_mg_per_l'), parseMetric('auc:conc_mg_per_l'), parseMetric('tmax:conc_mg_per_l')],
    });
    expect(r.columns).toEqual(['dose_mg', 'cl_l_per_h', 'conc_mg_per_l_max', 'conc_mg_per_l_auc', 'conc_mg_per_l_tmax_h']);
    expect(r.rows.map((x) => x.slice(0, 2))).toEqual([[10, 300], [10, 475], [50, 300], [50, 475]]);
    for (const [dose, cl, max, auc, tmax] of r.rows as number[][]) {
      let best = 0, tBest = 0;
      for (let i = 0; i * step <= 240; i++) {
        const c = bateman(i * step, dose!, 2, cl!, 3000);
        if (c > best) { best = c; tBest = i * step; }
      }
      expectClose(max!, best, { rtol: 1e-7 }, `max at dose ${dose}, cl ${cl}`);
      expectClose(tmax!, tBest, { atol: 1e-9 });
      expectClose(auc!, dose! / cl!, { rtol: 1e-4 }, `AUC at dose ${dose}, cl ${cl}`);
    }
  });

  it('window metrics agree with computeMetrics, and sweeping the clock time moves the window', () => {
    const base = { events: [{ timeH: 0, drug: 'drug', amtMg: 50, iiH: 24, addl: 2 }], endH: 72, stepH: 0.25 };
    const window = { startClockH: 23, endClockH: 7 };
    const metrics = ['hours_above_in_window:conc_mg_per_l:0.005', 'auc_in_window:conc_mg_per_l', 'hours_above:conc_mg_per_l:0.005'].map((m) => parseMetric(m));
    const sweep = runSweep(model, { base, axes: [{ name: 'at', values: [8, 22] }], metrics, window });
    for (const row of sweep.rows) {
      const r = simulate(model, { ...base, startClockH: row[0]! });
      const ref = computeMetrics(r, { thresholds: { conc_mg_per_l: 0.005 }, window }).columns.conc_mg_per_l!;
      expectClose(row[1]!, ref.hoursAboveInWindow!, { rtol: 1e-12, atol: 1e-12 });
      expectClose(row[2]!, ref.aucInWindow!, { rtol: 1e-12 });
      expectClose(row[3]!, ref.hoursAbove!, { rtol: 1e-12 });
    }
    expect(sweep.rows[1]![1]!).toBeGreaterThan(sweep.rows[0]![1]!); // a 22:00 dose peaks inside the night
    expect(sweepToCsv(sweep).split('\r\n')[0]).toBe('at_clock_h,conc_mg_per_l_hours_above_0.005_in_window,conc_mg_per_l_auc_in_window,conc_mg_per_l_hours_above_0.005');
  });

  it('metrics from a later time use only the last day: the last-day AUC of daily dosing is the steady-state D/CL', () => {
    const r = simulate(model, { events: [{ timeH: 0, drug: 'drug', amtMg: 50, iiH: 24, addl: 13 }], endH: 336, stepH: 0.05 });
    const [auc] = evaluateMetrics(r, [parseMetric('auc:conc_mg_per_l')], { fromH: 312 });
    expectClose(auc!, 50 / 475, { rtol: 1e-4 });
  });

  it('rejects bad metrics and axes with messages naming them', () => {
    expect(() => parseMetric('peak:mu')).toThrow(/^metric: expected KIND:COLUMN\[:THRESHOLD\] with KIND one of max, min/);
    expect(() => parseMetric('hours_above:mu')).toThrow('metric: expected hours_above:COLUMN:THRESHOLD, got "hours_above:mu"');
    const base = { events: [{ timeH: 0, drug: 'drug', amtMg: 50 }], endH: 24, stepH: 1 };
    expect(() => runSweep(model, { base, axes: [{ name: 'cl', values: [1] }], metrics: [] })).toThrow(/^sweep cl: expected dose, at or a parameter/);
    expect(() => runSweep(model, { base, axes: [{ name: 'cl_l_per_h', values: [0] }], metrics: [] })).toThrow('sweep cl_l_per_h: 0 is outside the parameter\'s physical bounds (> 0 L/h)');
    expect(() => runSweep(model, { base, axes: [{ name: 'at', values: [24] }], metrics: [] })).toThrow(/clock times in \[0, 24\)/);
    expect(() => runSweep(model, { base, axes: [{ name: 'dose', values: [1] }], metrics: [parseMetric('max:mu_blockade')] })).toThrow(/no column "mu_blockade"; columns: conc_mg_per_l/);
    expect(() => runSweep(model, { base, axes: [{ name: 'dose', values: [1] }], metrics: [parseMetric('auc_in_window:conc_mg_per_l')] })).toThrow(/needs a clock window/);
  });
});
