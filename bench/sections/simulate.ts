import { titration, type DoseEvent, type TitrationStep } from '../../engine/dosing';
import { builtinModel, modelIds } from '../../models/registry';
import { simulate } from '../../engine/simulate';
import type { PreparedModel } from '../../engine/model/load';
import { keyOf, type BenchSection, type SectionResult } from '../section';
import { measure, timingRow, type Timing } from '../timing';

/** Output step of every benchmarked course: 5 minutes, the app's default grid. */
export const STEP_H = 5 / 60;

/** First drug of a model (its first dose entry) and the dose used for it: 4.5 mg of LDN, 50 mg otherwise. */
export function benchDrug(model: PreparedModel): { drug: string; amtMg: number } {
  const drug = model.spec.doses[0]?.drug;
  if (drug === undefined) throw new RangeError(`model "${model.spec.id}" has no dose entry`);
  return { drug, amtMg: model.spec.id === 'ldn' ? 4.5 : 50 };
}

/** One 24-h course: a single dose of the model's first drug at 0 h, on the 5-min grid. */
export function dayCourse(model: PreparedModel): { events: DoseEvent[]; endH: number; stepH: number } {
  const { drug, amtMg } = benchDrug(model);
  return { events: [{ timeH: 0, drug, amtMg }], endH: 24, stepH: STEP_H };
}

/** A 28-day titration (a third, two thirds, then the full dose: 7 + 7 + 14 days), one dose a day, 5-min grid. */
export function titrationCourse(model: PreparedModel): { events: DoseEvent[]; endH: number; stepH: number } {
  const { drug, amtMg } = benchDrug(model);
  const steps: TitrationStep[] = [
    { amtMg: amtMg / 3, days: 7 },
    { amtMg: (2 * amtMg) / 3, days: 7 },
    { amtMg, days: 14 },
  ];
  return { events: titration(drug, steps), endH: 28 * 24, stepH: STEP_H };
}

function checked(model: PreparedModel, req: Parameters<typeof simulate>[1]) {
  const r = simulate(model, req);
  if (!r.meta.ok) throw new Error(`bench: model "${model.spec.id}" did not simulate cleanly: ${r.meta.diagnostics.join('; ')}`);
  return r;
}

/** Single-day courses and 28-day titrations of every built-in model, and a batch of 1000 short runs. */
export const simulateSection: BenchSection = {
  id: 'simulate',
  title: 'Simulation courses (engine defaults, 5-min output grid)',
  run(ctx): SectionResult {
    const figures: Record<string, number> = {};
    const stats: Record<string, Timing> = {};
    const lines: string[] = [];
    const add = (key: string, label: string, t: Timing, extra = '') => {
      figures[key] = t.median;
      stats[key] = t;
      lines.push(timingRow(label, t) + extra);
    };

    for (const id of modelIds()) {
      const model = builtinModel(id);
      const day = dayCourse(model);
      const first = checked(model, day);
      if (lines.length === 0) {
        const { rtol, atol } = first.meta.solver;
        const method = (first.meta.solver as { method?: string }).method ?? 'default integrator';
        lines.push(`solver: ${method}, rtol ${rtol}, atol ${atol[0]}`);
      }
      const { drug, amtMg } = benchDrug(model);
      const t = measure(() => checked(model, day), { warmup: ctx.reps(30, 3), reps: ctx.reps(200, 5), budgetMs: ctx.reps(3000, 300) });
      const s = first.meta.stats;
      add(`${keyOf(id)}_day_ms`, `${id}: 24 h, ${amtMg} mg ${drug} at 0 h`, t,
        `   (${first.timeH.length} rows, ${s.accepted} steps, ${s.evaluations} RHS evaluations)`);
      figures[`${keyOf(id)}_day_rhs_evaluations`] = s.evaluations;
      // The same course with generated JS instead of closures (what the CLI uses; pages under a strict CSP
      // cannot): same numbers, cheaper right-hand sides.
      const gen = { ...day, evaluation: 'generated' as const };
      const tg = measure(() => checked(model, gen), { warmup: ctx.reps(30, 3), reps: ctx.reps(200, 5), budgetMs: ctx.reps(3000, 300) });
      add(`${keyOf(id)}_day_generated_ms`, `${id}: 24 h, same, generated JS (CLI)`, tg);
    }

    for (const id of modelIds()) {
      const model = builtinModel(id);
      const course = titrationCourse(model);
      const first = checked(model, course);
      const t = measure(() => checked(model, course), { warmup: ctx.reps(3, 1), reps: ctx.reps(20, 2), budgetMs: ctx.reps(5000, 300), minReps: ctx.reps(3, 1) });
      add(`${keyOf(id)}_titration_28d_ms`, `${id}: 28-day titration (1/3, 2/3, full dose)`, t,
        `   (${first.timeH.length} rows, ${first.meta.stats.segments} segments)`);
    }

    // 1000 runs of the one-compartment model, each with its own dose (1–100 mg): what a parameter sweep or a
    // slider drag costs, including per-run parameter resolution and compilation.
    const oc = builtinModel('one-compartment');
    const { drug } = benchDrug(oc);
    const batch = (count: number) => () => {
      let acc = 0;
      for (let i = 0; i < count; i++) {
        const r = simulate(oc, { events: [{ timeH: 0, drug, amtMg: 1 + (i % 100) }], endH: 24, stepH: STEP_H });
        acc += r.columns[0]!.values[12]!;
      }
      return acc;
    };
    batch(ctx.reps(200, 20))();
    const t = measure(batch(1000), { warmup: 0, reps: ctx.reps(5, 1), minReps: 1 });
    add('one_compartment_1000_runs_ms', 'one-compartment: 1000 runs of 24 h, doses 1–100 mg', t,
      `   (${(t.median / 1000).toPrecision(3)} ms per run)`);
    return { figures, stats, lines };
  },
};
