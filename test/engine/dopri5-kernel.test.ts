/**
 * A model's generated dopri5 stages (engine/dopri5-kernel.ts) against the generic ones (the tableau's loops
 * calling `rhs`): the same operations, so the same bits — stage by stage on random states and steps, over whole
 * segments, and over whole populations (which run the generated code in the CLI and the app's workers).
 */
import { describe, expect, it } from 'vitest';
import { daily } from '../../engine/dosing';
import {
  dopri5Integrator, ERR, genericDopri5Dense, genericDopri5Interpolate, genericDopri5Stages, H, RTOL, T, THETA, TPH, type Dopri5Work,
} from '../../engine/dopri5';
import { builtinModel, modelIds } from '../../models/registry';
import { compileModel, modelCompiler } from '../../engine/model/compile';
import { prepareModel } from '../../engine/model/load';
import {
  lockstepLayout, lockstepMemory, lockstepResult, populationToCsv, simulatePopulation, simulatePopulationLockstep, type PopulationRequest, type PopulationResult,
} from '../../engine/population';
import { resolveParameters } from '../../engine/simulate';
import { oneCompartment } from '../../models/one-compartment';

const work = (n: number): Dopri5Work => {
  const a = () => new Float64Array(n);
  return { k1: a(), k2: a(), k3: a(), k4: a(), k5: a(), k6: a(), k7: a(), yt: a(), ynew: a(), r1: a(), r2: a(), r3: a(), r4: a(), r5: a(), ys: a(), scalars: new Float64Array(6) };
};
/** A work area set up for a step from t with step h, ending at tph. */
const stepWork = (n: number, t: number, h: number, tph: number, rtol: number): Dopri5Work => {
  const w = work(n);
  w.scalars[T] = t; w.scalars[H] = h; w.scalars[TPH] = tph; w.scalars[RTOL] = rtol;
  return w;
};

describe('generated dopri5 stages', () => {
  it.each(modelIds())('model %s: stages, new state and error norm are bit-identical to the generic ones, 300 random steps', (id) => {
    const model = builtinModel(id);
    const { values } = resolveParameters(model);
    const compiled = compileModel(model, values, { evaluation: 'generated' });
    const stages = compiled.kernels!.dopri5Stages!;
    const n = compiled.n;
    const atol = Array.from({ length: n }, (_, i) => 1e-6 * (1 + i));
    let seed = 4242;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 300; k++) {
      const y = Float64Array.from({ length: n }, () => rnd() * 5);
      const t = rnd() * 200;
      const h = 10 ** (-3 + 4 * rnd());
      const tph = k % 3 === 0 ? t + h * (1 - 1e-12) : t + h; // a last step ends at the segment end, not t + h
      const a = stepWork(n, t, h, tph, 1e-4), b = stepWork(n, t, h, tph, 1e-4);
      compiled.rhs(t, y, a.k1);
      b.k1.set(a.k1);
      genericDopri5Stages(y, a, atol, compiled.rhs);
      stages(y, b, atol, () => { throw new Error('the generated stages must not call rhs'); });
      expect(Object.is(b.scalars[ERR], a.scalars[ERR])).toBe(true);
      expect(a.scalars[ERR]).toBeGreaterThan(0);
      for (const key of ['k3', 'k4', 'k5', 'k6', 'k7', 'ynew'] as const) expect(Array.from(b[key]), `${key}, step ${k}`).toEqual(Array.from(a[key]));
    }
  });

  it.each(modelIds())('model %s: dense-output coefficients and interpolation are bit-identical to the generic ones', (id) => {
    const model = builtinModel(id);
    const { values } = resolveParameters(model);
    const { kernels, n } = compileModel(model, values, { evaluation: 'generated' });
    let seed = 99;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 100; k++) {
      const y = Float64Array.from({ length: n }, () => rnd() * 4 - 1);
      const a = stepWork(n, 0, 0.1 + rnd(), 1, 1e-4), b = stepWork(n, 0, a.scalars[H]!, 1, 1e-4);
      for (const key of ['k1', 'k3', 'k4', 'k5', 'k6', 'k7', 'ynew'] as const) {
        a[key].set(Float64Array.from({ length: n }, () => rnd() * 10 - 5));
        b[key].set(a[key]);
      }
      genericDopri5Dense(y, a);
      kernels!.dopri5Dense!(y, b);
      for (const key of ['r1', 'r2', 'r3', 'r4', 'r5'] as const) expect(Array.from(b[key]), key).toEqual(Array.from(a[key]));
      a.scalars[THETA] = b.scalars[THETA] = rnd();
      genericDopri5Interpolate(a);
      kernels!.dopri5Interpolate!(b);
      expect(Array.from(b.ys)).toEqual(Array.from(a.ys));
      expect(a.ys.some((v) => v !== 0)).toBe(true);
    }
  });

  it('dopri5 uses them in place of rhs (2 calls per segment for its start) and gets the same curves and statistics', () => {
    const model = builtinModel('ldn');
    const { values } = resolveParameters(model);
    const compiled = compileModel(model, values, { evaluation: 'generated' });
    const y0 = Float64Array.from(compiled.y0);
    y0[0] = 4.5; // a dose in the gut
    const sampleH = Float64Array.from({ length: 97 }, (_, i) => i * 0.25);
    const run = (withKernels: boolean) => {
      let calls = 0;
      const rhs: typeof compiled.rhs = (t, y, dydt) => { calls++; compiled.rhs(t, y, dydt); };
      const rows: number[][] = [];
      const res = dopri5Integrator.solve(compiled.n, rhs, 0, y0, 24, sampleH, (i, y) => { rows[i] = Array.from(y); },
        { rtol: 1e-4, atol: new Array(compiled.n).fill(1e-6), maxSteps: 100000 }, withKernels ? compiled.kernels : undefined);
      return { rows, res, calls };
    };
    const generic = run(false);
    const generated = run(true);
    expect(generated.rows).toEqual(generic.rows);
    expect(generated.res).toEqual(generic.res);
    expect(generic.calls).toBe(generic.res.evaluations);
    expect(generated.calls).toBe(2);
    expect(generic.res.accepted).toBeGreaterThan(20);
  });

  it('a population compiler\'s shared stages follow the selected parameter set', () => {
    const model = builtinModel('one-compartment');
    const { values } = resolveParameters(model);
    const compiler = modelCompiler(model, { evaluation: 'generated' });
    const a = compiler.compile(values);
    const b = compiler.compile({ ...values, cl_l_per_h: values['cl_l_per_h']! * 3 });
    const y = Float64Array.from(a.y0).fill(2);
    const step = () => {
      const w = stepWork(a.n, 1, 0.5, 1.5, 1e-4);
      a.rhs(1, y, w.k1);
      a.kernels!.dopri5Stages!(y, w, new Array(a.n).fill(1e-6), a.rhs);
      return Array.from(w.ynew);
    };
    compiler.select(a);
    const ya = step();
    compiler.select(b);
    const yb = step();
    expect(yb).not.toEqual(ya);
    const plain = compileModel(model, { ...values, cl_l_per_h: values['cl_l_per_h']! * 3 }, { evaluation: 'closures' });
    const w = stepWork(a.n, 1, 0.5, 1.5, 1e-4);
    plain.rhs(1, y, w.k1);
    genericDopri5Stages(y, w, new Array(a.n).fill(1e-6), plain.rhs);
    expect(yb).toEqual(Array.from(w.ynew));
  });
});

describe('populations with generated stages equal the generic integrator\'s, bit for bit', () => {
  /** Every percentile of every column (the CSV rounds to fewer digits than a double has) and the solver counts. */
  const bits = (r: PopulationResult) => ({
    values: r.columns.flatMap((c) => [Array.from(c.p05), Array.from(c.p50), Array.from(c.p95)]),
    stats: r.meta.stats, diagnostics: r.meta.diagnostics, csv: populationToCsv(r),
  });
  const csv = (model: ReturnType<typeof builtinModel>, req: PopulationRequest, evaluation: 'closures' | 'generated') =>
    bits(simulatePopulation(model, { ...req, evaluation }));

  it('ldn, 60 subjects, 7 days, its published variability', () => {
    const req: PopulationRequest = { events: daily({ drug: 'naltrexone', amtMg: 4.5, days: 7 }), endH: 168, stepH: 0.5, n: 60, seed: 5 };
    const generated = csv(builtinModel('ldn'), req, 'generated');
    expect(generated).toEqual(csv(builtinModel('ldn'), req, 'closures'));
    expect(generated.csv.split('\n').length).toBeGreaterThan(300);
  });

  it('one-compartment with lag and bioavailability varied (the chunked path), and with failing subjects', () => {
    const model = prepareModel(oneCompartment);
    const events = [{ timeH: 0, drug: 'drug', amtMg: 50, iiH: 24, addl: 2 }];
    const varied: PopulationRequest = {
      events, endH: 72, stepH: 0.5, n: 40, seed: 11, params: { tlag_h: 0.5, f: 0.6 },
      variability: [
        { parameter: 'cl_l_per_h', cvPercent: 30, source: 'Assumption: test' },
        { parameter: 'tlag_h', cvPercent: 50, source: 'Assumption: test' },
        { parameter: 'f', cvPercent: 20, source: 'Assumption: test' },
      ],
    };
    expect(csv(model, varied, 'generated')).toEqual(csv(model, varied, 'closures'));
    const failing: PopulationRequest = { events, endH: 48, stepH: 0.5, n: 20, seed: 3, solver: { maxSteps: 3 } };
    const a = simulatePopulation(model, { ...failing, evaluation: 'generated' });
    expect(a.meta.ok).toBe(false);
    expect(bits(a)).toEqual(csv(model, failing, 'closures'));
  });

  it('ldn in lockstep (as the CLI pool runs it)', () => {
    const model = builtinModel('ldn');
    const req: PopulationRequest = { events: daily({ drug: 'naltrexone', amtMg: 3, days: 4 }), endH: 96, stepH: 0.5, n: 30, seed: 9, evaluation: 'generated' };
    const layout = lockstepLayout(model, req)!;
    const memory = lockstepMemory(layout, 1);
    const part = simulatePopulationLockstep(model, req, 0, req.n, memory, { index: 0, count: 1 });
    expect(bits(lockstepResult(model, req, layout, memory, [part]))).toEqual(csv(model, req, 'closures'));
  });
});
