import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { groupRequests } from '../../cli/commands/fit';
import { daily } from '../../engine/dosing';
import { evaluateAt, fitModel, parseObservationsCsv, prepareFitProblem, summarizeFit } from '../../engine/fit';
import { builtinModel } from '../../models/registry';
import { resolveParameters, setDefaultEvaluation } from '../../engine/simulate';

// The model's calibration, refitted from its published targets (models/data/, sources in each row) through the
// engine's fitter, as `npm run calibrate` does through `ldn-sim fit`: a change of the model that breaks the
// calibration fails here.
const DATA = new URL('../../models/data/', import.meta.url);
interface Step {
  name: string; observations: string; estimate: string[]; error: 'additive' | 'proportional';
  start: Record<string, number>; tolerance: Record<string, number>; params?: Record<string, number>; presets?: Record<string, string>;
  /** Must-hold figures, not fitted: each row's prediction at the fitted values within its range (null = open). */
  checks?: { observations: string; ranges: [number | null, number | null][]; note: string };
}
const manifest = JSON.parse(readFileSync(new URL('ldn-calibration.json', DATA), 'utf8')) as { model: string; steps: Step[] };

describe('the ldn calibration through fit (models/data/ldn-calibration.json)', () => {
  it('every observation row names its source', () => {
    for (const file of manifest.steps.flatMap((s) => [s.observations, ...(s.checks ? [s.checks.observations] : [])])) {
      const set = parseObservationsCsv(readFileSync(new URL(file, DATA), 'utf8'), file);
      for (const o of set.observations) expect(o.source ?? '', `${file} line ${o.line}`).toMatch(/\d{4}|product information/);
    }
  });

  it.each(manifest.steps.map((s) => [s.name, s] as const))('%s: refitted from its start, every value of models/ldn.ts is reproduced within its tolerance', (_, step) => {
    setDefaultEvaluation('generated');
    const model = builtinModel(manifest.model);
    const path = fileURLToPath(new URL(step.observations, DATA));
    const set = parseObservationsCsv(readFileSync(path, 'utf8'), step.observations);
    const base = { events: daily({ drug: 'naltrexone', amtMg: 4.5, days: 1 }), endH: 24, stepH: 1, params: { ...step.params, ...step.start }, presets: step.presets ?? {} };
    const { result } = fitModel(model, { groups: groupRequests(model, set, base, path), observations: set.observations, estimate: step.estimate, error: step.error }, { starts: 1 });
    expect(result.convergence.converged).toBe(true);
    // The model's value under the step's presets (the `long` calibration holds its own kp_brain).
    const modelValues = resolveParameters(model, {}, step.presets ?? {}).values;
    for (const e of result.estimates) {
      const value = modelValues[e.name]!;
      const dev = Math.abs(e.estimate - value) / value;
      expect(dev, `${e.name}: fitted ${e.estimate}, model ${value}`).toBeLessThanOrEqual(step.tolerance[e.name]!);
      expect(e.ci95![0]).toBeLessThan(value);
      expect(e.ci95![1]).toBeGreaterThan(value);
    }
    if (step.checks) {
      // The must-hold figures at the fitted values, as `npm run calibrate` checks them with `fit --evaluate`.
      const checkPath = fileURLToPath(new URL(step.checks.observations, DATA));
      const checks = parseObservationsCsv(readFileSync(checkPath, 'utf8'), step.checks.observations);
      expect(checks.observations).toHaveLength(step.checks.ranges.length);
      const problem = prepareFitProblem(model, {
        groups: groupRequests(model, checks, { ...base, params: { ...step.params, ...result.values } }, checkPath), observations: checks.observations, estimate: step.estimate,
      });
      const checked = summarizeFit(problem, [evaluateAt(problem, problem.x0)]);
      expect(checked.convergence.reason).toBe('evaluated');
      checked.residuals.forEach((r, i) => {
        const [lo, hi] = step.checks!.ranges[i]!;
        if (lo !== null) expect(r.predicted, `${step.checks!.observations} line ${r.line} (${r.output})`).toBeGreaterThanOrEqual(lo);
        if (hi !== null) expect(r.predicted, `${step.checks!.observations} line ${r.line} (${r.output})`).toBeLessThanOrEqual(hi);
      });
    }
  }, 120_000);
});
