import { describe, expect, it } from 'vitest';
import { builtinModel, modelSpec } from '../../models/registry';
import { sensitivity } from '../../engine/sensitivity';
import { runSweep } from '../../engine/sweep';
import { scenarioToJson } from '../../engine/scenario';
import {
  axisChoices, gridValues, heatmapGrid, metricChoices, researchScenario, restoreScenario, tornadoRows, variabilityFrom, withEvents,
  type ResearchBase,
} from '../../ui/research/research-model';
import { ResearchPool, type ResearchEndpoint } from '../../ui/research/research-pool';

const one = modelSpec('one-compartment');
const base: ResearchBase = {
  spec: one, custom: false, origin: 'simulator',
  request: { events: [{ timeH: 0, drug: 'drug', amtMg: 50 }], endH: 24, stepH: 0.5, startClockH: 8 },
};

describe('research panel helpers', () => {
  it('grid values include both ends, evenly or geometrically spaced', () => {
    expect(gridValues(0.5, 4.5, 9)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
    expect(gridValues(10, 1000, 3, true)).toEqual([10, 100, 1000]);
    expect(gridValues(3, 9, 1)).toEqual([3]);
  });

  it('the ldn model offers the issue\'s four metrics first; every model offers peak and AUC of its outputs', () => {
    expect(metricChoices(modelSpec('ldn')).slice(0, 4).map((m) => m.id)).toEqual([
      'max:mu_blockade', 'hours_above_in_window:mu_blockade:0.5', 'peak_rise:opioid_tone_rel', 'auc:naltrexone_plasma_ng_per_ml']);
    expect(metricChoices(one).map((m) => m.id)).toContain('auc:conc_mg_per_l');
    expect(axisChoices(one, 50).map((a) => a.name).slice(0, 3)).toEqual(['dose', 'at', 'f']);
  });

  it('a sweep becomes a heatmap grid with the first axis as rows', () => {
    const axes = [{ name: 'dose', values: [10, 20] }, { name: 'at', values: [8, 14, 20] }];
    const r = runSweep(builtinModel('one-compartment'), { base: base.request, axes, metrics: [{ kind: 'max', column: 'conc_mg_per_l' }] });
    const g = heatmapGrid(axes, r, 0);
    expect(g.xs).toEqual([8, 14, 20]);
    expect(g.ys).toEqual([10, 20]);
    expect(g.cells).toHaveLength(6);
    expect(g.cells[4]).toMatchObject({ x: 14, y: 20 });
    expect(g.cells[4]!.value / g.cells[1]!.value).toBeCloseTo(2, 9); // linear kinetics: twice the dose, twice the peak
  });

  it('tornado rows are sorted by |S| and drop undefined sensitivities', () => {
    const r = sensitivity(builtinModel('one-compartment'), { base: base.request, metrics: [{ kind: 'max', column: 'conc_mg_per_l' }] });
    const rows = tornadoRows(r, 0);
    expect(rows.length).toBeLessThan(r.rows.length + 1);
    for (let i = 1; i < rows.length; i++) expect(Math.abs(rows[i - 1]!.s)).toBeGreaterThanOrEqual(Math.abs(rows[i]!.s));
    expect(rows.find((x) => x.parameter === 'f')!.s).toBeCloseTo(1, 3); // peak ∝ F (F = 1 is at its range end: one-sided)
  });

  it('the CV table edits the model\'s variability: 0 removes, a new entry is an assumption', () => {
    const v = variabilityFrom(one, { v_l: 0, tlag_h: 20 });
    expect(v.map((x) => [x.parameter, x.cvPercent])).toEqual([['ka_per_h', 50], ['cl_l_per_h', 48], ['tlag_h', 20]]);
    expect(v.find((x) => x.parameter === 'tlag_h')!.assumption).toBe(true);
    const ldnSpec = modelSpec('ldn');
    expect(variabilityFrom(ldnSpec, {})).toEqual(ldnSpec.variability); // the model's own entries, sources kept
    expect(variabilityFrom(ldnSpec, Object.fromEntries(ldnSpec.variability!.map((x) => [x.parameter, 0])))).toEqual([]);
  });

  it('scenario files round-trip: built-in by id, custom model embedded, analysis settings as the CLI writes them', () => {
    const run = { kind: 'sweep' as const, axes: [{ name: 'dose', values: [1, 2] }], span: { metrics: [{ kind: 'hours_above_in_window' as const, column: 'conc_mg_per_l', threshold: 0.01 }], window: { startClockH: 23, endClockH: 7 } } };
    const file = researchScenario(base, run);
    expect(file.model).toEqual({ id: 'one-compartment', version: one.version });
    expect(file.sweep).toEqual({ axes: run.axes, metrics: ['hours_above_in_window:conc_mg_per_l:0.01'], window: { start_clock_h: 23, end_clock_h: 7 } });
    const back = restoreScenario(JSON.parse(scenarioToJson(file)), 'x.json');
    expect(back.run).toEqual(run);
    expect(back.base.request.events).toEqual(base.request.events);
    const custom = researchScenario({ ...base, custom: true, spec: { ...one, id: 'mine' } }, { kind: 'population', n: 10, seed: 3, variability: [] });
    expect('spec' in custom.model).toBe(true);
    expect(custom.solver.method).toBe('dopri5');
    const b2 = restoreScenario(JSON.parse(scenarioToJson(custom)), 'y.json');
    expect(b2.base.custom).toBe(true);
    expect(b2.run).toEqual({ kind: 'population', n: 10, seed: 3, variability: [] });
    expect(() => restoreScenario({ ...file, end_h: -1 }, 'bad.json')).toThrow(/bad\.json: end_h/);
  });

  it('imported events extend the run to a day after the last dose', () => {
    expect(withEvents(base.request, [{ timeH: 0, drug: 'drug', amtMg: 25, iiH: 12, addl: 5 }]).endH).toBe(96);
  });
});

describe('ResearchPool', () => {
  function fakes() {
    const made: { terminated: boolean }[] = [];
    const create = (): ResearchEndpoint => {
      const rec = { terminated: false };
      made.push(rec);
      return { api: {} as ResearchEndpoint['api'], onCrash() {}, terminate() { rec.terminated = true; } };
    };
    return { made, create };
  }

  it('runs tasks across workers in order, with progress', async () => {
    const { create } = fakes();
    const pool = new ResearchPool({ size: 2, create });
    const progress: number[] = [];
    const r = await pool.run('a', [1, 2, 3, 4, 5].map((i) => async () => i * 10), (d) => progress.push(d));
    expect(r).toEqual([10, 20, 30, 40, 50]);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
  });

  it('a newer job on the same channel wins: the old one resolves to null and its workers are replaced', async () => {
    const { made, create } = fakes();
    const pool = new ResearchPool({ size: 1, create });
    const old = pool.run('a', [() => new Promise<number>(() => {})]);
    const next = pool.run('a', [() => 7]);
    await expect(old).resolves.toBeNull();
    await expect(next).resolves.toEqual([7]);
    expect(made[0]!.terminated).toBe(true);
  });

  it('a failing task rejects the job with its error', async () => {
    const pool = new ResearchPool({ size: 2, create: fakes().create });
    await expect(pool.run('a', [() => 1, () => { throw new RangeError('n: bad'); }])).rejects.toThrow('n: bad');
  });
});
