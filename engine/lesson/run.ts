/**
 * Running a lesson: each step's state becomes a simulation request; its run gives the step's named values, the
 * expected answer and the filled texts. No DOM: the same code serves the app (through the worker pool), the
 * lesson test and the worksheets.
 */
import type { ApiSimulationRequest } from '../api';
import { parseClock, type DoseEvent } from '../dosing';
import type { SimulationResult } from '../result';
import { evaluateAnswer, parseAnswer } from './expr';
import type { Lesson, LessonScenario, LessonStep } from './types';

/** A step's complete state (every field of `LessonScenario` resolved). */
export interface ResolvedScenario {
  readonly model: string;
  readonly doseMg: number;
  readonly clock: string;
  readonly days: number;
  readonly naltrexoneStartH: number;
  readonly agonist: NonNullable<LessonScenario['agonist']> | null;
  readonly presets: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, number>>;
}

/** The state before the first step. */
export const LESSON_DEFAULTS: ResolvedScenario = {
  model: 'ldn', doseMg: 4.5, clock: '22:00', days: 1, naltrexoneStartH: 0, agonist: null, presets: {}, params: {},
};

/** Applies a step's patch. Presets and params merge key by key. */
export function applyPatch(base: ResolvedScenario, patch: LessonScenario): ResolvedScenario {
  return {
    model: patch.model ?? base.model,
    doseMg: patch.doseMg ?? base.doseMg,
    clock: patch.clock ?? base.clock,
    days: patch.days ?? base.days,
    naltrexoneStartH: patch.naltrexoneStartH ?? base.naltrexoneStartH,
    agonist: patch.agonist === undefined ? base.agonist : patch.agonist,
    presets: { ...base.presets, ...patch.presets },
    params: { ...base.params, ...patch.params },
  };
}

/** The resolved state of every step of a lesson, in order. */
export function stepScenarios(lesson: Lesson, extraPresets: Readonly<Record<string, string>> = {}): ResolvedScenario[] {
  let s: ResolvedScenario = { ...LESSON_DEFAULTS, presets: { ...extraPresets } };
  return lesson.steps.map((step) => (s = applyPatch(s, step.scenario)));
}

/** Output step for a run of `endH` hours: at most ~1000 rows (0.05 h for a day, 0.25 h for a week). */
export function lessonStepH(endH: number): number {
  return [0.05, 0.1, 0.25, 0.5, 1].find((h) => endH / h <= 1000) ?? 1;
}

/** The simulation request for a step's state. */
export function lessonRequest(s: ResolvedScenario): ApiSimulationRequest {
  const endH = s.days * 24;
  const events: DoseEvent[] = [];
  const n = Math.ceil((endH - s.naltrexoneStartH) / 24);
  if (s.doseMg > 0 && n > 0) events.push({ timeH: s.naltrexoneStartH, drug: 'naltrexone', amtMg: s.doseMg, iiH: 24, addl: n - 1 });
  if (s.agonist) {
    const until = Math.min(s.agonist.untilH ?? endH, endH);
    const k = Math.max(1, Math.ceil(until / s.agonist.everyH));
    events.push({ timeH: 0, drug: s.agonist.drug ?? 'morphine', amtMg: s.agonist.amtMg, iiH: s.agonist.everyH, addl: k - 1 });
  }
  return {
    modelId: s.model, events, endH, stepH: lessonStepH(endH), startClockH: parseClock(s.clock, 'clock'),
    params: { ...s.params }, presets: { ...s.presets },
  };
}

/** What one step's run gives. */
export interface StepOutcome {
  /** Every named value so far (earlier steps' and this step's). */
  readonly values: Readonly<Record<string, number>>;
  /** Number question: the expected value in the model's unit. */
  readonly answer?: number;
  /** Choice question: the id of the choice whose `when` holds (null when none or several do). */
  readonly correctChoice?: string | null;
  /** Choice question: ids of every choice whose `when` holds (exactly one in a sound lesson). */
  readonly trueChoices?: readonly string[];
}

/**
 * Evaluates a step over its run: its named values (in order, each seeing the earlier ones), then its question.
 * @throws RangeError naming the step and the value or question that failed.
 */
export function evaluateStep(step: LessonStep, result: SimulationResult, earlier: Readonly<Record<string, number>>): StepOutcome {
  const values: Record<string, number> = { ...earlier };
  for (const [name, src] of Object.entries(step.values ?? {})) {
    try { values[name] = evaluateAnswer(parseAnswer(src), result, values); } catch (e) {
      throw new RangeError(`step ${step.id}: values.${name}: ${(e as Error).message}`);
    }
  }
  const q = step.question;
  if (!q) return { values };
  if (q.kind === 'number') {
    try { return { values, answer: evaluateAnswer(parseAnswer(q.answer), result, values) }; } catch (e) {
      throw new RangeError(`step ${step.id}: question.answer: ${(e as Error).message}`);
    }
  }
  const trueChoices = q.choices.filter((c) => {
    try { return evaluateAnswer(parseAnswer(c.when), result, values) !== 0; } catch (e) {
      throw new RangeError(`step ${step.id}: choice ${c.id}: ${(e as Error).message}`);
    }
  }).map((c) => c.id);
  return { values, trueChoices, correctChoice: trueChoices.length === 1 ? trueChoices[0]! : null };
}

/** The typed form of an answer: a percentage for `percent`, otherwise the value itself. */
export function typedValue(value: number, format: string): number {
  return format === 'percent' ? value * 100 : value;
}

/** Whether a typed number is within the question's tolerance of the expected answer. */
export function isCloseEnough(typed: number, answer: number, q: { format: string; tolerance: number }): boolean {
  return Number.isFinite(typed) && Math.abs(typed - typedValue(answer, q.format)) <= q.tolerance + 1e-9;
}

/**
 * Runs every step of a lesson with a synchronous simulator (tests, worksheets, tools), accumulating values.
 * `extraPresets` selects, e.g., a `blockade` calibration for the whole lesson (steps may still set their own).
 */
export function runLesson(lesson: Lesson, simulate: (req: ApiSimulationRequest) => SimulationResult,
  extraPresets: Readonly<Record<string, string>> = {}): { outcomes: StepOutcome[]; results: SimulationResult[] } {
  const scenarios = stepScenarios(lesson, extraPresets);
  let values: Readonly<Record<string, number>> = {};
  const outcomes: StepOutcome[] = [];
  const results: SimulationResult[] = [];
  lesson.steps.forEach((step, i) => {
    const result = simulate(lessonRequest(scenarios[i]!));
    const o = evaluateStep(step, result, values);
    values = o.values;
    outcomes.push(o);
    results.push(result);
  });
  return { outcomes, results };
}
