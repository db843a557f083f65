/**
 * `fit_ldn_ms`: fitting 4 parameters of `ldn` (ka, CL/F, V/F of naltrexone, kp_brain) to 48 observations in 4
 * groups (single doses of 2, 5, 15 and 50 mg; naltrexone and 6β-naltrexol plasma levels and one mu blockade per
 * group), 4 seeded starts on 2 worker threads, as `ldn-sim fit` runs it. The observations are the model's own
 * curves at known, shifted parameters with 10% seeded log-normal noise. Target (issue #14): < 5 s.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runStarts } from '../../cli/commands/fit-pool';
import { daily } from '../../engine/dosing';
import { prepareFitProblem, startPoints, summarizeFit, type FitProblemSpec, type Observation } from '../../engine/fit';
import { builtinModel } from '../../models/registry';
import { Xoshiro128 } from '../../engine/random';
import { column } from '../../engine/result';
import { setDefaultEvaluation, simulate } from '../../engine/simulate';
import type { BenchSection, SectionResult } from '../section';
import { summarize, timingRow } from '../timing';

const ESTIMATE = ['ka_naltrexone_per_h', 'cl_f_naltrexone_l_per_h', 'v_f_naltrexone_l', 'kp_brain'];
const SHIFT = [0.8, 1.2, 0.9, 1.3];
const SAMPLES: [string, number[]][] = [
  ['naltrexone_plasma_ng_per_ml', [0.5, 1, 1.5, 2, 4, 6, 8, 12]],
  ['naltrexol_plasma_ng_per_ml', [2, 8, 24]],
  ['mu_blockade', [3]],
];

/** The benchmark's fitting problem (48 observations, 4 groups). */
export function ldnBenchProblem(): FitProblemSpec {
  const model = builtinModel('ldn');
  const truth = Object.fromEntries(ESTIMATE.map((name, i) => [name, model.spec.parameters.find((p) => p.name === name)!.value * SHIFT[i]!]));
  const rng = Xoshiro128.forSubject(1, 0);
  const groups = [2, 5, 15, 50].map((dose) => ({ name: `${dose}mg`, request: { events: daily({ drug: 'naltrexone', amtMg: dose, days: 1 }), endH: 24, stepH: 0.5, startClockH: 22 } }));
  const observations: Observation[] = [];
  for (const g of groups) {
    const r = simulate(model, { ...g.request, params: truth });
    for (const [output, times] of SAMPLES) {
      const y = column(r, output);
      for (const t of times) {
        const value = y[Math.round(t / 0.5)]! * Math.exp(0.1 * rng.nextNormal());
        observations.push({ line: observations.length + 2, timeH: t, output, column: output, fromH: 0, value, cv: 0.1, group: g.name });
      }
    }
  }
  return { groups, observations, estimate: ESTIMATE, error: 'proportional' };
}

export const fitSection: BenchSection = {
  id: 'fit',
  title: 'Fitting (ldn-sim fit)',
  async run(ctx): Promise<SectionResult> {
    setDefaultEvaluation('generated'); // as the CLI
    const workerUrl = new URL('./cli.js', import.meta.url);
    const threads = existsSync(fileURLToPath(workerUrl)) ? 2 : 1;
    const notes = threads === 1 ? ['fit: build/cli.js not found next to the bench bundle; the starts ran in one thread (run `npm run bench`).'] : [];
    const model = builtinModel('ldn');
    const spec = ldnBenchProblem();
    const times: number[] = [];
    let evaluations = 0;
    let last;
    for (let r = 0; r < ctx.reps(3, 1); r++) {
      const t0 = performance.now();
      const problem = prepareFitProblem(model, spec);
      const results = await runStarts(model, problem, 'bench', startPoints(problem, 4, 1), {}, threads, workerUrl);
      last = summarizeFit(problem, results);
      times.push(performance.now() - t0);
      evaluations = last.convergence.evaluations;
    }
    const t = summarize(times);
    const recovered = last!.estimates.map((e, i) => `${e.name} ${(e.estimate / (model.spec.parameters.find((p) => p.name === e.name)!.value * SHIFT[i]!)).toFixed(3)}`).join(', ');
    return {
      figures: { fit_ldn_ms: t.median, fit_ldn_model_evaluations: evaluations },
      stats: { fit_ldn_ms: t },
      lines: [
        timingRow(`ldn: 4 parameters, ${spec.observations.length} observations, 4 groups, 4 starts, ${threads} threads`, t, 60) + '   (target < 5000 ms)',
        `  ${evaluations} model evaluations (one per group and parameter vector); estimate / truth: ${recovered}`,
      ],
      notes,
    };
  },
};
