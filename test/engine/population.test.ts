import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../engine/model/load';
import type { ModelSpec } from '../../engine/model/types';
import {
  chunkRanges, LOCKSTEP_BUFFERS, lockstepLayout, lockstepMemory, lockstepResult, percentile, percentilesInPlace, populationPercentiles, POPULATION_SOLVER,
  populationToCsv, resolveVariability, simulatePopulation, sortWithIndex, simulatePopulationChunk, simulatePopulationLockstep, summarizePopulation,
  type PopulationRequest, type PopulationResult,
} from '../../engine/population';
import { column } from '../../engine/result';
import { simulate } from '../../engine/simulate';
import { dopri5Integrator } from '../../engine/dopri5';
import { oneCompartment } from '../../models/one-compartment';
import { expectClose } from '../helpers/expect-close';

const model = prepareModel(oneCompartment);
const week: PopulationRequest = {
  events: [{ timeH: 0, drug: 'drug', amtMg: 50, iiH: 24, addl: 6 }], endH: 168, stepH: 0.5, n: 200, seed: 7,
};

describe('percentiles (linear interpolation, Hyndman & Fan type 7)', () => {
  // Expected values: numpy.percentile(x, p, method='linear'), numpy 2.4.6, run while writing this test.
  it('match numpy.percentile on 11 values with ties and negatives', () => {
    const x = [3.2, -1.0, 7.5, 0.25, 4.0, 4.0, 11.0, 2.5, -3.75, 6.0, 9.5].sort((a, b) => a - b);
    const expected = [-3.75, -2.375, 1.375, 4.0, 10.25, 11.0];
    [0, 5, 25, 50, 95, 100].forEach((p, i) => expectClose(percentile(x, p), expected[i]!, { rtol: 1e-14, atol: 1e-14 }, `p${p}`));
  });

  it('match numpy.percentile on 7 values, including p = 33.3', () => {
    const x = [0.91, 0.12, 5.5, 3.3, 2.2, 0.47, 8.8].sort((a, b) => a - b);
    const expected = [0.225, 2.2, 7.809999999999998, 0.9091199999999999];
    [5, 50, 95, 33.3].forEach((p, i) => expectClose(percentile(x, p), expected[i]!, { rtol: 1e-14 }, `p${p}`));
  });

  it('the quickselect version gives exactly the sorted version for many sizes, with ties', () => {
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [1, 2, 3, 10, 99, 100, 1000, 1001]) {
      const v = Float64Array.from({ length: n }, () => Math.round(rand() * 50) / 7);
      const sorted = Float64Array.from(v).sort();
      const got = percentilesInPlace(Float64Array.from(v), [5, 50, 95]);
      expect(got).toEqual([percentile(sorted, 5), percentile(sorted, 50), percentile(sorted, 95)]);
    }
    expect(percentilesInPlace(Float64Array.from([1, NaN, 2]), [5, 50])).toEqual([NaN, NaN]);
  });
});

describe('sortWithIndex', () => {
  it('sorts like the built-in sort and carries the indexes along, for sizes 0–2000, with ties, sorted and reversed', () => {
    let seed = 2024;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [0, 1, 2, 3, 15, 16, 17, 100, 999, 2000]) {
      for (const kind of ['random', 'ties', 'sorted', 'reversed'] as const) {
        const keys = Float64Array.from({ length: n }, (_, i) =>
          kind === 'random' ? rand() * 200 - 100 : kind === 'ties' ? Math.round(rand() * 4) - 2 : kind === 'sorted' ? i : n - i);
        const original = Float64Array.from(keys);
        const idx = Int32Array.from({ length: n }, (_, i) => i);
        sortWithIndex(keys, idx, n);
        expect(Array.from(keys), `${kind} ${n}`).toEqual(Array.from(Float64Array.from(original).sort()));
        expect(Array.from(idx).map((i) => original[i])).toEqual(Array.from(keys));
        expect(new Set(idx).size).toBe(n);
      }
    }
  });
});

describe('population summary', () => {
  it('gives exactly the sorted percentiles at every grid time, whether the order is kept, scrambled or has NaN', () => {
    let seed = 99;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const n = 300, nT = 200;
    const base = Float64Array.from({ length: n }, () => rand());
    // Smooth curves (order mostly kept), then scrambled stretches (insertion gives up), ties, and a NaN row.
    const value = (s: number, i: number) => {
      if (i === 150) return s === 7 ? NaN : 1;
      if (i >= 60 && i < 130) return Math.round(rand() * 40) / 8;
      return base[s]! * Math.exp(-0.01 * i * (1 + base[(s * 7) % n]!)) + (i % 37 === 0 ? rand() : 0);
    };
    const all = Array.from({ length: nT }, (_, i) => Float64Array.from({ length: n }, (_, s) => value(s, i)));
    const timeH = Float64Array.from({ length: nT }, (_, i) => i);
    const stats = { segments: 0, steps: 0, accepted: 0, rejected: 0, evaluations: 0 };
    const chunks = chunkRanges(n, 2).map(([from, to]) => {
      const m = to - from;
      const values = new Float64Array(m * nT);
      for (let i = 0; i < nT; i++) for (let s = from; s < to; s++) values[i * m + s - from] = all[i]![s]!;
      return { from, to, timeH, columns: [{ name: 'x', unit: '1', label: 'x', values }], parameters: new Float64Array(0), redraws: [], failures: [], stats, solver: { method: 'dopri5', rtol: 1e-4, atol: [1e-6], maxSteps: 10 } };
    });
    const req: PopulationRequest = { ...week, n, variability: [] };
    const pop = summarizePopulation(model, req, chunks);
    const c = pop.columns[0]!;
    for (let i = 0; i < nT; i++) {
      if (i === 150) { expect([c.p05[i], c.p50[i], c.p95[i]]).toEqual([NaN, NaN, NaN]); continue; }
      const sorted = Float64Array.from(all[i]!).sort();
      expect([c.p05[i], c.p50[i], c.p95[i]]).toEqual([percentile(sorted, 5), percentile(sorted, 50), percentile(sorted, 95)]);
    }
  });
});

describe('population runs', () => {
  it('without variability, every percentile equals the single simulation with the same solver, exactly', () => {
    const req: PopulationRequest = { ...week, n: 25, variability: [] };
    const pop = simulatePopulation(model, req);
    const { method: _m, ...solver } = POPULATION_SOLVER;
    const single = simulate(model, { ...week, solver }, dopri5Integrator);
    expect(pop.meta.ok).toBe(true);
    for (const c of pop.columns) {
      const ref = column(single, c.name);
      expect(Array.from(c.p50)).toEqual(Array.from(ref));
      expect(Array.from(c.p05)).toEqual(Array.from(ref));
      expect(Array.from(c.p95)).toEqual(Array.from(ref));
    }
  });

  it("every subject's chunk values are exactly a single simulation with its drawn parameters (lag and F varied too)", () => {
    const req: PopulationRequest = {
      ...week, endH: 72, n: 40, seed: 11,
      params: { tlag_h: 0.5, f: 0.6 },
      variability: [
        { parameter: 'cl_l_per_h', cvPercent: 30, source: 'Assumption: test' },
        { parameter: 'tlag_h', cvPercent: 50, source: 'Assumption: test' },
        { parameter: 'f', cvPercent: 20, source: 'Assumption: test' },
      ],
    };
    const chunk = simulatePopulationChunk(model, req, 3, 40);
    const m = chunk.to - chunk.from;
    const { method: _m, ...solver } = POPULATION_SOLVER;
    for (let s = chunk.from; s < chunk.to; s++) {
      const params: Record<string, number> = { ...req.params };
      req.variability!.forEach((v, k) => { params[v.parameter] = chunk.parameters[(s - chunk.from) * 3 + k]!; });
      const single = simulate(model, { ...req, params, solver }, dopri5Integrator);
      chunk.columns.forEach((c, j) => {
        expect(c.name).toBe(single.columns[j]!.name);
        const got = Array.from({ length: chunk.timeH.length }, (_, i) => c.values[i * m + (s - chunk.from)]!);
        expect(got).toEqual(Array.from(single.columns[j]!.values));
      });
    }
  });

  it('percentiles computed over ranges of grid times (as a pool splits the summary) give the same result', () => {
    const req: PopulationRequest = { ...week, n: 60 };
    const chunks = chunkRanges(60, 2).map(([f, t]) => simulatePopulationChunk(model, req, f, t, { shared: true }));
    expect(chunks[0]!.columns[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    const nT = chunks[0]!.timeH.length;
    const parts = chunkRanges(nT, 3).map(([from, to]) => ({ from, to, columns: populationPercentiles(chunks, from, to) }));
    const whole = populationToCsv(summarizePopulation(model, req, chunks));
    expect(populationToCsv(summarizePopulation(model, req, chunks, parts.reverse()))).toBe(whole);
    expect(populationToCsv(simulatePopulation(model, req))).toBe(whole);
  });

  it('a subject whose integration fails is reported with the single run\'s diagnostics and NaN rows', () => {
    const req: PopulationRequest = { ...week, endH: 48, n: 20, solver: { maxSteps: 3 } };
    const chunk = simulatePopulationChunk(model, req, 0, 20);
    expect(chunk.failures.length).toBe(20);
    const params: Record<string, number> = {};
    resolveVariability(model, req).forEach((v, k) => { params[v.parameter] = chunk.parameters[5 * 3 + k]!; });
    const single = simulate(model, { ...req, params, solver: { ...POPULATION_SOLVER, maxSteps: 3 } });
    expect(chunk.failures[5]).toEqual({ subject: 5, diagnostics: single.meta.diagnostics });
    const got = Array.from({ length: chunk.timeH.length }, (_, i) => chunk.columns[0]!.values[i * 20 + 5]!);
    expect(got).toEqual(Array.from(single.columns[0]!.values));
    expect(got.some(Number.isNaN)).toBe(true);
  });

  it('the population tolerances (rtol 1e-4) stay within 2e-5 of the peak of a tight single run (rtol 1e-10)', () => {
    const pop = simulatePopulation(model, { ...week, n: 3, variability: [] });
    const tight = simulate(model, { ...week, solver: { rtol: 1e-10, atol: 1e-14 } });
    const ref = column(tight, 'conc_mg_per_l');
    const peak = Math.max(...ref);
    const p50 = pop.columns.find((c) => c.name === 'conc_mg_per_l')!.p50;
    ref.forEach((x, i) => expectClose(p50[i]!, x, { atol: 2e-5 * peak }, `t=${tight.timeH[i]}`));
  });

  it('subject i depends only on the seed and i: N = 100 is a prefix of N = 300, and any split gives the same summary', () => {
    const a = simulatePopulationChunk(model, { ...week, n: 100 }, 0, 100);
    const b = simulatePopulationChunk(model, { ...week, n: 300 }, 0, 100);
    expect(Array.from(b.parameters)).toEqual(Array.from(a.parameters));
    const whole = simulatePopulation(model, { ...week, n: 100 });
    const parts = chunkRanges(100, 3).map(([f, t]) => simulatePopulationChunk(model, { ...week, n: 100 }, f, t));
    const split = summarizePopulation(model, { ...week, n: 100 }, parts.reverse());
    expect(populationToCsv(split)).toBe(populationToCsv(whole));
    const other = simulatePopulation(model, { ...week, n: 100, seed: 8 });
    expect(populationToCsv(other)).not.toBe(populationToCsv(whole));
  });

  it('individual values are log-normal with the declared CV: ln(θi/θ) has SD ω = sqrt(ln(1 + CV²)) (4000 subjects)', () => {
    const n = 4000;
    const chunk = simulatePopulationChunk(model, { ...week, endH: 1, stepH: 1, n }, 0, n);
    const vars = resolveVariability(model, {});
    const typical: Record<string, number> = { cl_l_per_h: 475, v_l: 3000, ka_per_h: 2 };
    vars.forEach((v, k) => {
      const eta = Array.from({ length: n }, (_, s) => Math.log(chunk.parameters[s * vars.length + k]! / typical[v.parameter]!));
      const mean = eta.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(eta.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      const omega = Math.sqrt(Math.log(1 + (v.cvPercent / 100) ** 2));
      expectClose(v.omega, omega, { rtol: 1e-15 });
      // Sampling error: SE(mean) = ω/√n, SE(sd) ≈ ω/√(2n); 5 standard errors.
      expect(Math.abs(mean)).toBeLessThan(5 * omega / Math.sqrt(n));
      expect(Math.abs(sd - omega)).toBeLessThan(5 * omega / Math.sqrt(2 * n));
    });
  });

  it('with variability on F only, concentration bands are the typical curve times the drawn F percentiles and match the log-normal quantiles', () => {
    // A variant whose F may vary freely (concentration is proportional to F).
    const spec: ModelSpec = {
      ...oneCompartment, id: 'one-compartment-f',
      parameters: oneCompartment.parameters.map((p) => (p.name === 'f' ? { ...p, value: 0.5, range: [0.001, 100] as const } : p)),
      variability: [{ parameter: 'f', cvPercent: 40, source: 'Assumption: test' }],
    };
    const m = prepareModel(spec);
    const n = 2000;
    const req: PopulationRequest = { events: [{ timeH: 0, drug: 'drug', amtMg: 50 }], endH: 24, stepH: 1, n, seed: 3, solver: { rtol: 1e-10, atol: 1e-14 } };
    const chunk = simulatePopulationChunk(m, req, 0, n);
    const pop = summarizePopulation(m, req, [chunk]);
    const typical = column(simulate(m, { ...req, solver: { rtol: 1e-10, atol: 1e-14 } }), 'conc_mg_per_l');
    const f = Float64Array.from(chunk.parameters).sort();
    const c = pop.columns.find((x) => x.name === 'conc_mg_per_l')!;
    const omega = Math.sqrt(Math.log(1 + 0.4 ** 2));
    const z95 = 1.6448536269514715; // Φ⁻¹(0.95), Python statistics.NormalDist
    for (const i of [2, 6, 12]) {
      expectClose(c.p05[i]!, typical[i]! * percentile(f, 5) / 0.5, { rtol: 1e-6 });
      expectClose(c.p50[i]!, typical[i]! * percentile(f, 50) / 0.5, { rtol: 1e-6 });
      expectClose(c.p95[i]!, typical[i]! * percentile(f, 95) / 0.5, { rtol: 1e-6 });
      // Against the exact log-normal quantiles: SE of a sample 95th percentile of z is about 0.05 for n = 2000.
      expectClose(c.p95[i]!, typical[i]! * Math.exp(omega * z95), { rtol: 0.06 });
      expectClose(c.p50[i]!, typical[i]!, { rtol: 0.04 });
    }
  });

  it('draws outside a parameter\'s physical bounds are redrawn (truncated log-normal), counted, and never clamped', () => {
    // F as a fraction ≤ 1 at 0.8 with a 300% CV: draws above 1 must be drawn again.
    const bounded = prepareModel({ ...oneCompartment, id: 'f-bounded', parameters: oneCompartment.parameters.map((p) => (p.name === 'f' ? { ...p, value: 0.8, bounds: { minimum: 0, maximum: 1 } } : p)) });
    const req: PopulationRequest = {
      ...week, endH: 1, stepH: 1, n: 500,
      variability: [{ parameter: 'f', cvPercent: 300, source: 'Assumption: test' }],
    };
    const chunk = simulatePopulationChunk(bounded, req, 0, 500);
    const f = Array.from(chunk.parameters);
    expect(f.every((x) => x > 0 && x <= 1)).toBe(true);
    expect(f.some((x) => x === 1)).toBe(false);
    expect(chunk.redraws[0]).toBeGreaterThan(100); // P(θ·e^(ωz) > 1) = P(z > ln(1.25)/ω) ≈ 0.42 per draw, ω = 1.52
    const pop = summarizePopulation(bounded, req, [chunk]);
    expect(pop.meta.redraws).toEqual({ f: chunk.redraws[0] });
  });

  it('draws outside the typical (slider) range but within the bounds are kept: ka with a 300% CV leaves [0.1, 20] 1/h and is never redrawn', () => {
    const req: PopulationRequest = {
      ...week, endH: 1, stepH: 1, n: 500,
      variability: [{ parameter: 'ka_per_h', cvPercent: 300, source: 'Assumption: test' }],
    };
    const chunk = simulatePopulationChunk(model, req, 0, 500);
    const ka = Array.from(chunk.parameters);
    expect(ka.some((x) => x < 0.1) && ka.some((x) => x > 20)).toBe(true);
    expect(chunk.redraws[0]).toBe(0);
  });

  it('writes time_h, clock_h and <output>_p05/_p50/_p95 columns', () => {
    const pop = simulatePopulation(model, { ...week, n: 10, endH: 2, stepH: 1, startClockH: 22 });
    const csv = populationToCsv(pop).split('\r\n');
    expect(csv[0]).toBe('time_h,clock_h,conc_mg_per_l_p05,conc_mg_per_l_p50,conc_mg_per_l_p95,amount_gut_mg_p05,amount_gut_mg_p50,amount_gut_mg_p95,' +
      'amount_central_mg_p05,amount_central_mg_p50,amount_central_mg_p95,amount_eliminated_mg_p05,amount_eliminated_mg_p50,amount_eliminated_mg_p95');
    expect(csv[1]!.startsWith('0,22,')).toBe(true);
    expect(csv[3]!.startsWith('2,0,')).toBe(true);
  });

  it('rejects bad requests with messages naming the field', () => {
    expect(() => simulatePopulation(model, { ...week, n: 0 })).toThrow(/^n: expected a whole number of subjects/);
    expect(() => simulatePopulation(model, { ...week, seed: -1 })).toThrow(/^seed: expected a whole number/);
    expect(() => simulatePopulation(model, { ...week, variability: [{ parameter: 'cl', cvPercent: 30, source: 'x' }] })).toThrow(/variability\[0\]\.parameter: .*no parameter "cl"/);
    expect(() => simulatePopulation(model, { ...week, variability: [{ parameter: 'v_l', cvPercent: 0, source: 'x' }] })).toThrow(/variability\[0\] v_l.cvPercent: expected/);
    expect(() => simulatePopulation(model, { ...week, variability: [{ parameter: 'tlag_h', cvPercent: 30, source: 'x' }] })).toThrow(/tlag_h: log-normal variability needs a value > 0/);
    expect(() => simulatePopulationChunk(model, week, 5, 5)).toThrow(/^chunk: expected whole numbers 0 <= from < to <= n/);
    expect(() => summarizePopulation(model, week, [simulatePopulationChunk(model, { ...week, endH: 1, stepH: 1 }, 0, 100)])).toThrow(/^chunks: expected subjects up to 200/);
  });
});

describe('lockstep runs (all subjects one dosing interval at a time, summarised in shared memory)', () => {
  /** A lockstep run in this thread: one worker, so its waits for the others return at once. */
  function lockstep(req: PopulationRequest): PopulationResult {
    const layout = lockstepLayout(model, req)!;
    const memory = lockstepMemory(layout, 1);
    const part = simulatePopulationLockstep(model, req, 0, req.n, memory, { index: 0, count: 1 });
    return lockstepResult(model, req, layout, memory, [part]);
  }

  it('give exactly the chunked run: curves, redraws, solver statistics and metadata', () => {
    const req: PopulationRequest = { ...week, n: 120, seed: 3 };
    const a = lockstep(req);
    const b = simulatePopulation(model, req);
    expect(populationToCsv(a)).toBe(populationToCsv(b));
    expect(a.meta).toEqual(b.meta);
    a.columns.forEach((c, j) => {
      expect(Array.from(c.p05)).toEqual(Array.from(b.columns[j]!.p05));
      expect(Array.from(c.p95)).toEqual(Array.from(b.columns[j]!.p95));
    });
  });

  it('give exactly the chunked run when bioavailability varies (each subject its own dose inputs)', () => {
    const req: PopulationRequest = {
      ...week, n: 50, seed: 8, params: { f: 0.6 },
      variability: [{ parameter: 'f', cvPercent: 25, source: 'Assumption: test' }, { parameter: 'cl_l_per_h', cvPercent: 30, source: 'Assumption: test' }],
    };
    const a = lockstep(req);
    const b = simulatePopulation(model, req);
    expect(a.columns.map((c) => [Array.from(c.p05), Array.from(c.p50), Array.from(c.p95)]))
      .toEqual(b.columns.map((c) => [Array.from(c.p05), Array.from(c.p50), Array.from(c.p95)]));
    expect(a.meta).toEqual(b.meta);
    const spread = a.columns[0]!.p95.some((v, i) => v > 1.2 * a.columns[0]!.p05[i]!);
    expect(spread).toBe(true);
  });

  it('segments are the dosing intervals; the buffers hold a few of them, not the whole run', () => {
    const layout = lockstepLayout(model, week)!;
    expect(layout.cuts).toEqual([0, 24, 48, 72, 96, 120, 144, 168]);
    expect(layout.rows).toEqual([0, 48, 96, 144, 192, 240, 288, 337]);
    expect(layout.rowsMax).toBe(49);
    expect(layout.buffers).toBe(LOCKSTEP_BUFFERS);
    expect(lockstepMemory(layout, 2).segments.length).toBe(LOCKSTEP_BUFFERS * 49 * layout.kept.length * week.n);
    // One dose, one long segment: one buffer, no more memory than the chunked run; and it still runs in lockstep.
    const single: PopulationRequest = { ...week, events: [{ timeH: 0, drug: 'drug', amtMg: 50 }], n: 30 };
    const one = lockstepLayout(model, single)!;
    expect([one.cuts, one.buffers, one.rowsMax]).toEqual([[0, 168], 1, 337]);
    expect(lockstepMemory(one, 2).segments.length).toBe(337 * one.kept.length * 30);
    expect(populationToCsv(lockstep(single))).toBe(populationToCsv(simulatePopulation(model, single)));
  });

  it('are refused (undefined layout) when a varied parameter moves a dose lag, since segments then differ', () => {
    const variability = [{ parameter: 'tlag_h', cvPercent: 50, source: 'Assumption: test' }];
    expect(lockstepLayout(model, { ...week, params: { tlag_h: 0.5 }, variability })).toBeUndefined();
    expect(() => simulatePopulationLockstep(model, { ...week, params: { tlag_h: 0.5 }, variability }, 0, week.n,
      lockstepMemory(lockstepLayout(model, week)!, 1), { index: 0, count: 1 })).toThrow(/lockstep: a varied parameter moves a dose lag/);
    // A fixed lag moves every subject's cuts alike: lockstep is fine.
    expect(lockstepLayout(model, { ...week, params: { tlag_h: 0.5 } })!.cuts[1]).toBe(0.5);
  });

  it('report failing subjects as the chunked run does: the single run\'s diagnostics and NaN rows', () => {
    const req: PopulationRequest = { ...week, endH: 48, n: 20, solver: { maxSteps: 3 } };
    const a = lockstep(req);
    const b = simulatePopulation(model, req);
    expect(a.meta.diagnostics).toEqual(b.meta.diagnostics);
    expect(a.meta.ok).toBe(false);
    expect(populationToCsv(a)).toBe(populationToCsv(b));
  });
});

