import { describe, expect, it } from 'vitest';
import { daily } from '../../engine/dosing';
import { estimationBounds, fitModel, parseObservationsCsv, prepareFitProblem, startPoints, profileParameter, studentTQuantile, normalQuantile, type Observation } from '../../engine/fit';
import { builtinModel } from '../../models/registry';
import { prepareModel } from '../../engine/model/load';
import type { ModelSpec } from '../../engine/model/types';
import { Xoshiro128 } from '../../engine/random';
import { expectClose } from '../helpers/expect-close';

/** y = a + b·t: the residuals are linear in (a, b), so weighted least squares has a closed form. */
const line: ModelSpec = {
  id: 'line', version: '1.0.0', title: 'Straight line', description: 'Test model: y = a + b t.',
  parameters: [
    { name: 'a', value: 0, unit: '1', label: 'Intercept', range: [-100, 100], bounds: {}, source: 'Test value.' },
    { name: 'b', value: 0, unit: '1/h', label: 'Slope', range: [-10, 10], bounds: {}, source: 'Test value.' },
    { name: 'c', value: 1, unit: '1', label: 'Unused', range: [0.1, 10], source: 'Test value.' },
  ],
  states: [{ name: 'x', unit: '1', initial: 0 }],
  expressions: [],
  odes: { x: '0' },
  outputs: [{ name: 'y', expr: 'a + b * t', unit: '1' }, { name: 'z', expr: 'a * c + b * t', unit: '1' }],
  doses: [{ drug: 'none', state: 'x', bioavailability: 0, lag_h: 0 }],
};

const obs = (rows: [number, number, number?][], output = 'y'): Observation[] =>
  rows.map(([t, v, sd], i) => ({ line: i + 2, timeH: t, output, column: output, fromH: 0, value: v, ...(sd !== undefined ? { sd } : {}), group: 'all' }));
const lineGroups = [{ name: 'all', request: { events: [], endH: 1, stepH: 1 } }];

describe('observations CSV', () => {
  it('reads values, spreads, summaries over a window, groups with dose columns and sources', () => {
    const set = parseObservationsCsv(
      'time_h,output,value,sd,cv,lloq,group,dose_mg,days,from_h,source\r\n' +
      '1,naltrexone_plasma_ng_per_ml,13.3,,0.2,,g50,50,1,,Meyer 1984\r\n' +
      '24,auc:naltrexone_plasma_ng_per_ml,200,97,,,g100,100,1,0,"Bertolotti 1997, n = 7"\r\n' +
      '24,thalf:naltrexone_plasma_ng_per_ml,4,,,,g100,100,1,12,\r\n' +
      '6,naltrexone_plasma_ng_per_ml,0.05,,,0.1,g50,50,1,,\r\n', 'o.csv');
    expect(set.groups).toEqual([{ name: 'g50', line: 2, doseMg: 50, days: 1 }, { name: 'g100', line: 3, doseMg: 100, days: 1 }]);
    expect(set.observations[1]).toMatchObject({ line: 3, timeH: 24, column: 'naltrexone_plasma_ng_per_ml', metric: 'auc', fromH: 0, value: 200, sd: 97, source: 'Bertolotti 1997, n = 7' });
    expect(set.observations[2]).toMatchObject({ metric: 'thalf', fromH: 12 });
    expect(set.observations[3]).toMatchObject({ lloq: 0.1, value: 0.05 });
    expect(parseObservationsCsv('time_h,output,value\n1,y,2\n').groups).toEqual([{ name: 'all', line: 2 }]);
  });

  it('refuses bad rows with the file line and the column', () => {
    const bad = (text: string) => () => parseObservationsCsv(text, 'o.csv');
    expect(bad('time,output,value\n')).toThrow('o.csv line 1: expected a header with time_h,output,value and optionally sd,cv,lloq,group,subject,from_h,dose_mg,at,days,scenario,source,note; missing time_h; unknown column time');
    expect(bad('time_h,output,value\n1,y,2\n-1,y,2\n')).toThrow('o.csv line 3, column time_h: expected a time in hours >= 0, got "-1"');
    expect(bad('time_h,output,value\n1,y,abc\n')).toThrow('o.csv line 2, column value: expected a finite number, got "abc"');
    expect(bad('time_h,output,value\n1,peak:y,2\n')).toThrow('o.csv line 2, column output: expected KIND:COLUMN with KIND one of max, min, tmax, auc, thalf, hours_below, hours_above (hours_below:COLUMN:THRESHOLD, hours_above:COLUMN:THRESHOLD), got "peak:y"');
    expect(bad('time_h,output,value,sd\n1,y,2,0\n')).toThrow('o.csv line 2, column sd: expected a standard deviation > 0 (or an empty field), got "0"');
    expect(bad('time_h,output,value,sd,cv\n1,y,2,1,0.1\n')).toThrow('o.csv line 2, columns sd and cv: expected one of them, not both');
    expect(bad('time_h,output,value,group,dose_mg\n1,y,2,a,4.5\n2,y,2,a,5\n')).toThrow('o.csv line 3, column dose_mg: rows of group "a" share one scenario; line 2 has 4.5, this row 5');
    expect(bad('time_h,output,value,at\n1,y,2,25:00\n')).toThrow('o.csv line 2, column at: expected a clock time HH:MM (e.g. 22:00), got "25:00"');
    expect(bad('time_h,output,value,from_h\n4,max:y,2,6\n')).toThrow('o.csv line 2, column from_h: expected the start of the summary window in hours, >= 0 and < time_h, got "6"');
    expect(bad('time_h,output,value\n1,y\n')).toThrow('o.csv line 2: expected 3 fields (time_h,output,value), got 2');
    expect(bad('time_h,output,value\n')).toThrow('o.csv: no observation rows after the header');
  });

  it('a fit names the line of an observation of an output the model lacks, and refuses unknown or fixed parameters', () => {
    const m = prepareModel(line);
    expect(() => prepareFitProblem(m, { groups: lineGroups, observations: obs([[1, 2]], 'w'), estimate: ['a'] }, 'o.csv'))
      .toThrow('o.csv line 2, column output: model "line" has no output "w"; outputs: y, z');
    expect(() => prepareFitProblem(m, { groups: lineGroups, observations: obs([[1, 2]]), estimate: ['q'] })).toThrow('estimate q: model "line" has no such parameter; valid: a, b, c');
    const ldn = builtinModel('ldn');
    expect(() => prepareFitProblem(ldn, { groups: [{ name: 'all', request: { events: [], endH: 1, stepH: 1 } }], observations: obs([[1, 2]], 'mu_blockade'), estimate: ['mw_naltrexol'] }))
      .toThrow('estimate mw_naltrexol: its range [343.42, 343.42] g/mol is a single value (a fixed constant); it cannot be estimated');
    expect(() => prepareFitProblem(m, { groups: lineGroups, observations: obs([[1, -2]]), estimate: ['a'], error: 'proportional' }, 'o.csv'))
      .toThrow('o.csv line 2, column value: expected a value > 0 with --error proportional (log residuals), got -2');
  });
});

describe('quantiles for the confidence intervals', () => {
  it('match SciPy: stats.t.ppf(0.975, df) for df = 1, 2, 8, 30 and stats.norm.ppf(0.975), to 1e-9', () => {
    // Printed by python3 -c "from scipy import stats; print(stats.t.ppf(0.975, [1, 2, 8, 30]), stats.norm.ppf(0.975))"
    expectClose(studentTQuantile(0.975, 1), 12.706204736174694, { rtol: 1e-9 });
    expectClose(studentTQuantile(0.975, 2), 4.302652729749462, { rtol: 1e-9 });
    expectClose(studentTQuantile(0.975, 8), 2.306004135204166, { rtol: 1e-9 });
    expectClose(studentTQuantile(0.975, 30), 2.0422724563012378, { rtol: 1e-9 });
    expectClose(normalQuantile(0.975), 1.959963984540054, { rtol: 1e-9 });
    expectClose(studentTQuantile(0.025, 8), -2.3060041352041662, { rtol: 1e-9 });
  });
});

describe('weighted least squares: the linear case against its closed form', () => {
  const ts = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const sds = [0.5, 0.5, 1, 1, 1, 2, 2, 2, 1, 0.5];
  const noise = [0.3, -0.2, 0.9, -1.1, 0.4, 1.8, -2.5, 0.7, -0.6, 0.1];
  const ys = ts.map((t, i) => 2 + 0.5 * t + noise[i]!);
  // Closed form: β = (XᵀWX)⁻¹ XᵀW y with W = diag(1/sd²); cov = s² (XᵀWX)⁻¹, s² = SSR/(n − 2).
  let s00 = 0, s01 = 0, s11 = 0, r0 = 0, r1 = 0;
  ts.forEach((t, i) => { const w = 1 / sds[i]! ** 2; s00 += w; s01 += w * t; s11 += w * t * t; r0 += w * ys[i]!; r1 += w * t * ys[i]!; });
  const det = s00 * s11 - s01 * s01;
  const a = (s11 * r0 - s01 * r1) / det;
  const b = (s00 * r1 - s01 * r0) / det;
  const ssr = ts.reduce((s, t, i) => s + ((ys[i]! - a - b * t) / sds[i]!) ** 2, 0);
  const s2 = ssr / 8;
  const seA = Math.sqrt((s2 * s11) / det);
  const seB = Math.sqrt((s2 * s00) / det);
  const q = 2.3060041352041662; // t(0.975, 8), SciPy
  const { problem, result } = fitModel(prepareModel(line), { groups: lineGroups, observations: obs(ts.map((t, i) => [t, ys[i]!, sds[i]!])), estimate: ['a', 'b'] }, { starts: 3 });

  it('estimates, objective, SEs and 95% CIs equal the closed form (rtol 1e-6)', () => {
    const [ea, eb] = result.estimates;
    expectClose(ea!.estimate, a, { rtol: 1e-6 }, 'a');
    expectClose(eb!.estimate, b, { rtol: 1e-6 }, 'b');
    expectClose(result.objective, ssr, { rtol: 1e-6 }, 'SSR');
    expectClose(ea!.se!, seA, { rtol: 1e-6 }, 'se a');
    expectClose(eb!.se!, seB, { rtol: 1e-6 }, 'se b');
    expectClose(ea!.ci95![0], a - q * seA, { rtol: 1e-6 });
    expectClose(eb!.ci95![1], b + q * seB, { rtol: 1e-6 });
    expectClose(result.correlation[0]![1]!, -s01 / Math.sqrt(s00 * s11), { rtol: 1e-6 }, 'correlation');
    expect(result.df).toBe(8);
    expect(result.estimates.every((e) => e.scale === 'linear')).toBe(true);
    expect(result.convergence.converged).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.residuals[3]).toMatchObject({ line: 5, timeH: 3, observed: ys[3] });
    expectClose(result.residuals[3]!.residual, (a + b * 3 - ys[3]!) / 1, { rtol: 1e-6 });
  });

  it('the profile likelihood interval of a linear model equals the Wald interval (rtol 1e-3)', () => {
    const prof = profileParameter(problem, result, 'b', 41);
    expectClose(prof.interval[0]!, b - q * seB, { rtol: 1e-3 });
    expectClose(prof.interval[1]!, b + q * seB, { rtol: 1e-3 });
    // Each profile point: the objective is quadratic in b, SSR̂ + ((b − b̂)/se)² s².
    for (const pt of prof.points) expectClose(pt.objective, ssr + ((pt.value - b) / seB) ** 2 * s2, { rtol: 1e-5 });
  });

  it('warns when parameters cannot be told apart (only a·c is observed) and when an estimate sits at a bound', () => {
    const m = prepareModel(line);
    const zs = obs(ts.map((t, i) => [t, 3 + 0.5 * t + noise[i]!]), 'z');
    const r = fitModel(m, { groups: lineGroups, observations: zs, estimate: ['a', 'b', 'c'] }, { starts: 2 }).result;
    expect(r.warnings.join('\n')).toMatch(/near-singular/);
    // `a` is unbounded: 500 lies outside its typical range [-100, 100], which is noted, not a warning.
    const outside = fitModel(m, { groups: lineGroups, observations: obs(ts.map((t) => [t, 500])), estimate: ['a'] }, { starts: 3 }).result;
    expectClose(outside.estimates[0]!.estimate, 500, { rtol: 1e-9 });
    expect(outside.estimates[0]!.atBound).toBe(false);
    expect(outside.notes).toEqual(['a = 500 1 is outside its typical range [-100, 100] 1 (within its bounds, any finite number); it runs']);
    // With a physical upper bound of 200, the estimate stops there and the warning names the physical bound.
    const capped = prepareModel({ ...line, parameters: line.parameters.map((p) => (p.name === 'a' ? { ...p, bounds: { maximum: 200 } } : p)) });
    const atBound = fitModel(capped, { groups: lineGroups, observations: obs(ts.map((t) => [t, 500])), estimate: ['a'] }, { starts: 3 }).result;
    expect(atBound.estimates[0]!.estimate).toBe(200);
    expect(atBound.estimates[0]!.atBound).toBe(true);
    expect(atBound.warnings.join('\n')).toMatch(/a = 200 1 is at its physical bound \(≤ 200\)/);
  });

  it('estimates within the physical bounds, starts in the typical range: log scale for > 0 and (0, 1], linear for [0, 1] and ≥ 0', () => {
    const one = builtinModel('one-compartment');
    const pb = (name: string) => estimationBounds(one.spec.parameters.find((p) => p.name === name)!);
    expect(pb('cl_l_per_h')).toEqual({ lower: 0, upper: Infinity, lowerOpen: true, upperOpen: false, scale: 'log' });
    expect(pb('tlag_h')).toMatchObject({ lower: 0, upper: Infinity, scale: 'linear' });
    const ldn = builtinModel('ldn').spec.parameters;
    expect(estimationBounds(ldn.find((p) => p.name === 'f_naltrexone_sys')!)).toMatchObject({ lower: 0, upper: 1, lowerOpen: true, scale: 'log' });
    expect(estimationBounds(ldn.find((p) => p.name === 'fu_naltrexone')!)).toMatchObject({ lower: 0, upper: 1, lowerOpen: false, scale: 'linear' });
    const problem = prepareFitProblem(one, {
      groups: [{ name: 'all', request: { events: daily({ drug: 'drug', amtMg: 50, days: 1 }), endH: 1, stepH: 1 } }],
      observations: obs([[1, 0.01]], 'conc_mg_per_l'), estimate: ['cl_l_per_h', 'tlag_h', 'f'],
    });
    expect(Array.from(problem.lower)).toEqual([-Infinity, 0, 0]);
    expect(Array.from(problem.upper)).toEqual([Infinity, Infinity, Infinity]);
    expect(Array.from(problem.startLower)).toEqual([Math.log(10), 0, 0.01]);
    expect(Array.from(problem.startUpper)).toEqual([Math.log(5000), 4, 1]);
    for (const x of startPoints(problem, 20, 9).slice(1)) {
      expect(x[0]).toBeGreaterThanOrEqual(Math.log(10)); expect(x[0]).toBeLessThanOrEqual(Math.log(5000));
      expect(x[1]).toBeGreaterThanOrEqual(0); expect(x[1]).toBeLessThanOrEqual(4);
    }
  });
});

describe('data simulated from known parameters plus seeded noise', () => {
  // One-compartment oral model, closed form C(t) = D ka / (V (ka − k)) (e^{−kt} − e^{−ka t}); 15% log-normal noise.
  const model = builtinModel('one-compartment');
  const truth = { ka_per_h: 1.5, cl_l_per_h: 400, v_l: 2500 };
  const times = [0.5, 1, 1.5, 2, 3, 4, 6, 8, 10, 12];
  const conc = (t: number) => {
    const k = truth.cl_l_per_h / truth.v_l;
    return (100 * truth.ka_per_h) / (truth.v_l * (truth.ka_per_h - k)) * (Math.exp(-k * t) - Math.exp(-truth.ka_per_h * t));
  };
  const groups = [{ name: 'all', request: { events: daily({ drug: 'drug', amtMg: 100, days: 1 }), endH: 12, stepH: 1, params: truth } }];

  it('the truth lies inside the 95% CI in 95% of 120 seeded data sets, per parameter (binomial: at least 105, SciPy binom.ppf(0.0005, 120, 0.95); at most 119, P(120) = 0.2%)', () => {
    const inside = [0, 0, 0];
    const seeds = 120;
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = Xoshiro128.forSubject(seed, 0);
      const o: Observation[] = times.map((t, i) => ({
        line: i + 2, timeH: t, output: 'conc_mg_per_l', column: 'conc_mg_per_l', fromH: 0, value: conc(t) * Math.exp(0.15 * rng.nextNormal()), cv: 0.15, group: 'all',
      }));
      const { result } = fitModel(model, { groups, observations: o, estimate: ['ka_per_h', 'cl_l_per_h', 'v_l'], error: 'proportional' }, { starts: 1 });
      result.estimates.forEach((e, k) => {
        const v = truth[e.name as keyof typeof truth];
        if (e.ci95 && e.ci95[0] <= v && v <= e.ci95[1]) inside[k]!++;
      });
    }
    for (const c of inside) {
      expect(c).toBeGreaterThanOrEqual(105);
      expect(c).toBeLessThanOrEqual(119);
    }
  }, 120_000);
});

describe('summary rows (published Cmax, tmax, AUC, half-life) and censoring', () => {
  const model = builtinModel('one-compartment');
  const p = { ka_per_h: 1.5, cl_l_per_h: 400, v_l: 2500 };
  const k = p.cl_l_per_h / p.v_l;
  const c = (t: number) => (100 * p.ka_per_h) / (p.v_l * (p.ka_per_h - k)) * (Math.exp(-k * t) - Math.exp(-p.ka_per_h * t));
  const tmax = Math.log(p.ka_per_h / k) / (p.ka_per_h - k);
  const groups = [{ name: 'all', request: { events: daily({ drug: 'drug', amtMg: 100, days: 1 }), endH: 1, stepH: 1, params: p } }];
  const row = (output: string, timeH: number, value: number, extra: Partial<Observation> = {}): Observation =>
    ({ line: 2, timeH, output, column: output.split(':').pop()!, ...(output.includes(':') ? { metric: output.split(':')[0] as Observation['metric'] } : {}), fromH: 0, value, group: 'all', ...extra });

  it('predict the closed forms: Cmax (1e-6) and tmax (parabola through the peak of the 0.02-h grid, 1e-4 h), AUC0–24 (trapezoid on the 0.02-h grid, 1e-5), t½ over 12–24 h (1e-7)', () => {
    const problem = prepareFitProblem(model, {
      groups, estimate: ['cl_l_per_h'], observations: [
        row('max:conc_mg_per_l', 24, 1), row('tmax:conc_mg_per_l', 24, 1), row('auc:conc_mg_per_l', 24, 1),
        row('thalf:conc_mg_per_l', 24, 1, { fromH: 12 }), row('conc_mg_per_l', 3.3, 1),
      ],
    });
    const ev = problem.evaluate(problem.x0)!;
    const auc = (100 / p.cl_l_per_h) * (1 - (p.ka_per_h * Math.exp(-k * 24) - k * Math.exp(-p.ka_per_h * 24)) / (p.ka_per_h - k));
    expectClose(ev.predictions[0]!, c(tmax), { rtol: 1e-6 }, 'Cmax');
    expectClose(ev.predictions[1]!, tmax, { atol: 1e-4 }, 'tmax');
    expectClose(ev.predictions[2]!, auc, { rtol: 1e-5 }, 'AUC');
    expectClose(ev.predictions[3]!, Math.LN2 / k, { rtol: 1e-7 }, 't½'); // e^{−ka·12} ≈ 1.5e-8 of absorption is left
    expectClose(ev.predictions[4]!, c(3.3), { rtol: 1e-8 }, 'C(3.3 h)');
  });

  it('a value below its lloq costs nothing while the prediction is below the lloq, and (pred − lloq)/sd above it', () => {
    const lloq = c(20) * 2;
    const problem = prepareFitProblem(model, {
      groups, estimate: ['cl_l_per_h'], observations: [
        row('conc_mg_per_l', 20, 0, { lloq, sd: 0.001 }), row('conc_mg_per_l', 20, 0, { lloq: c(20) / 2, sd: 0.001 }),
      ],
    });
    const ev = problem.evaluate(problem.x0)!;
    expect(ev.residuals[0]).toBe(0);
    expectClose(ev.residuals[1]!, (c(20) - c(20) / 2) / 0.001, { rtol: 1e-6 });
  });
});

describe('known measurement errors and parameters the data do not depend on', () => {
  const ts = [0, 1, 2, 3, 4, 5];
  const sds = [0.5, 1, 0.5, 1, 0.5, 1];
  const ys = [1.2, 2.9, 5.1, 7.2, 8.8, 11.3];
  it('with sigma known the SEs are √diag((XᵀWX)⁻¹), not scaled by the residuals, and the intervals use the normal quantile (rtol 1e-6)', () => {
    let s00 = 0, s01 = 0, s11 = 0;
    ts.forEach((t, i) => { const w = 1 / sds[i]! ** 2; s00 += w; s01 += w * t; s11 += w * t * t; });
    const det = s00 * s11 - s01 * s01;
    const { result } = fitModel(prepareModel(line), { groups: lineGroups, observations: obs(ts.map((t, i) => [t, ys[i]!, sds[i]!])), estimate: ['a', 'b'] }, { starts: 1, sigma: 'known' });
    expectClose(result.estimates[0]!.se!, Math.sqrt(s11 / det), { rtol: 1e-6 });
    expectClose(result.estimates[1]!.se!, Math.sqrt(s00 / det), { rtol: 1e-6 });
    expectClose(result.quantile!, 1.959963984540054, { rtol: 1e-9 });
    expectClose(result.estimates[1]!.ci95![1], result.estimates[1]!.estimate + 1.959963984540054 * Math.sqrt(s00 / det), { rtol: 1e-6 });
  });

  it('warns that a parameter the observed output does not depend on is not identifiable, and gives it no interval', () => {
    const { result } = fitModel(prepareModel(line), { groups: lineGroups, observations: obs(ts.map((t, i) => [t, ys[i]!])), estimate: ['a', 'c'] }, { starts: 1 });
    expect(result.warnings.join('\n')).toMatch(/c: the observations do not depend on it/);
    expect(result.estimates[1]!.ci95).toBeNull();
    expect(result.conditionNumber).toBe(Infinity);
  });
});

describe('finite-difference Jacobians', () => {
  it('match the derivatives of the closed-form one-compartment curve: central differences to 1e-5, forward to 1e-3 (relative to the column norm)', () => {
    const model = builtinModel('one-compartment');
    const p = { ka_per_h: 1.4, cl_l_per_h: 420, v_l: 2600 };
    const times = [0.5, 1, 2, 4, 8, 16];
    const c = (q: typeof p, t: number) => { const k = q.cl_l_per_h / q.v_l; return (100 * q.ka_per_h) / (q.v_l * (q.ka_per_h - k)) * (Math.exp(-k * t) - Math.exp(-q.ka_per_h * t)); };
    const names = ['ka_per_h', 'cl_l_per_h', 'v_l'] as const;
    const problem = prepareFitProblem(model, {
      groups: [{ name: 'all', request: { events: daily({ drug: 'drug', amtMg: 100, days: 1 }), endH: 1, stepH: 1, params: p } }],
      observations: times.map((t, i) => ({ line: i + 2, timeH: t, output: 'conc_mg_per_l', column: 'conc_mg_per_l', fromH: 0, value: 0, sd: 1e-3, group: 'all' })),
      estimate: [...names],
    });
    const x = problem.x0;
    const r = problem.evaluate(x)!.residuals;
    for (const central of [true, false]) {
      const jac = problem.jacobian(x, r, central);
      names.forEach((name, k) => {
        // d r / d ln θ = θ ∂C/∂θ / sd, from the closed form by a tiny central difference (exact to ~1e-10).
        const exact = times.map((t) => {
          const h = 1e-6;
          const up = { ...p, [name]: p[name] * Math.exp(h) };
          const dn = { ...p, [name]: p[name] * Math.exp(-h) };
          return (c(up, t) - c(dn, t)) / (2 * h) / 1e-3;
        });
        const norm = Math.hypot(...exact);
        const err = Math.hypot(...exact.map((e, i) => jac[k]![i]! - e));
        expect(err / norm, `${name} ${central ? 'central' : 'forward'}`).toBeLessThan(central ? 1e-5 : 1e-3);
      });
    }
  });
});
