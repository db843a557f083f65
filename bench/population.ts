/**
 * Bench section `population`: 1000 subjects × 28 days (one dose a day, 30-min grid, population solver
 * defaults) for every built-in model, on 2 worker threads as `ldn-sim population --threads 2` runs it
 * (worker start-up included), and in one thread for the CPU cost per subject. The issue's target: under 1 s on
 * 2 cores. Figures: `<model>_population_1000x28d_2threads_ms`, `<model>_population_subject_28d_ms`.
 */
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { builtinModel, modelIds } from '../models/registry';
import { populationDefaults, simulatePopulationChunk, summarizePopulation, type PopulationRequest } from '../engine/population';
import { runPopulation } from '../cli/commands/pool';
import { benchDrug } from './sections/simulate';
import { keyOf, type BenchSection, type SectionResult } from './section';
import { measure, timingRow, type Timing } from './timing';

/**
 * The request benchmarked: n subjects, 28 daily doses, 30-minute grid, seed 1, the model's variability, and
 * generated-JS evaluation as the CLI uses in every thread (so the 1-thread figure is the workers' cost per subject).
 */
export function populationRequest(modelId: string, n: number): PopulationRequest {
  const model = builtinModel(modelId);
  const { drug, amtMg } = benchDrug(model);
  return populationDefaults({ events: [{ timeH: 0, drug, amtMg, iiH: 24, addl: 27 }], endH: 28 * 24, stepH: 0.5, n, seed: 1, evaluation: 'generated' });
}

export const populationSection: BenchSection = {
  id: 'population',
  title: 'Population: 1000 subjects × 28 days (dopri5, rtol 1e-4, atol 1e-6, 30-min grid)',
  async run(ctx): Promise<SectionResult> {
    const figures: Record<string, number> = {};
    const stats: Record<string, Timing> = {};
    const lines: string[] = [];
    const notes: string[] = [];
    const n = ctx.quick ? 100 : 1000;
    // build/bench.js and build/cli.js sit side by side; the workers load the CLI bundle.
    const workerUrl = new URL('./cli.js', import.meta.url);
    const haveWorkers = existsSync(fileURLToPath(workerUrl));
    if (!haveWorkers) notes.push('population: build/cli.js not found next to the bench bundle; the 2-thread figures were skipped (run `npm run bench`).');
    for (const id of modelIds()) {
      const model = builtinModel(id);
      const req = populationRequest(id, n);
      const one = simulatePopulationChunk(model, { ...req, n: 20 }, 0, 20); // warm-up, and the work per subject
      const perSubject = one.stats.evaluations / 20;
      const key = keyOf(id);
      const cpu0 = process.cpuUsage();
      const single = measure(() => summarizePopulation(model, req, [simulatePopulationChunk(model, req, 0, n)]), { warmup: 0, reps: ctx.reps(2, 1), minReps: 1 });
      const cpu = process.cpuUsage(cpu0);
      // CPU time is robust to other processes on a shared machine; wall time is what a user waits.
      figures[`${key}_population_subject_28d_cpu_ms`] = (cpu.user + cpu.system) / 1000 / (single.n * n);
      const sub: Timing = { n: single.n, min: single.min / n, median: single.median / n, p95: single.p95 / n, max: single.max / n };
      figures[`${key}_population_subject_28d_ms`] = sub.median;
      stats[`${key}_population_subject_28d_ms`] = sub;
      lines.push(timingRow(`${id}: one subject, 28 days (1 thread)`, sub, 52) +
        `   (CPU ${figures[`${key}_population_subject_28d_cpu_ms`]!.toPrecision(3)} ms; ${Math.round(perSubject)} RHS evaluations)`);
      if (haveWorkers) {
        const times: number[] = [];
        for (let r = 0; r < ctx.reps(3, 1); r++) {
          const t0 = performance.now();
          await runPopulation(model, req, 2, workerUrl);
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const t: Timing = { n: times.length, min: times[0]!, median: times[Math.floor(times.length / 2)]!, p95: times[times.length - 1]!, max: times[times.length - 1]! };
        const fig = `${key}_population_${n}x28d_2threads_ms`;
        figures[fig] = t.median;
        stats[fig] = t;
        lines.push(timingRow(`${id}: ${n} subjects × 28 days, 2 threads`, t, 52) + `   (target < 1000 ms for 1000; workers started each time)`);
      }
    }
    return { figures, stats, lines, notes };
  },
};
