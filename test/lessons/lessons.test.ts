import { describe, expect, it } from 'vitest';
import {
  LessonError, assertLesson, fillText, lessonNeeds, lessonProblems, placeholdersOf, plainFormat, runLesson, type Lesson, type LessonText,
} from '../../engine/lesson';
import { builtinModel, modelSpec } from '../../models/registry';
import { modelIds } from '../../models/registry';
import { simulate } from '../../engine/simulate';
import type { ApiSimulationRequest } from '../../engine/api';
import { LESSONS } from '../../lessons';

const LANGS = ['en', 'es'];
const specOf = (id: string) => (modelIds().includes(id) ? modelSpec(id) : undefined);
const run = (req: ApiSimulationRequest) => simulate(builtinModel(req.modelId), req);

/** Every text of a lesson with where it is: [where, text, is it shown before the step's run]. */
function textsOf(lesson: Lesson): [string, LessonText][] {
  const out: [string, LessonText][] = [['title', lesson.title], ['summary', lesson.summary]];
  for (const s of lesson.steps) {
    out.push([`${s.id}.title`, s.title], [`${s.id}.prompt`, s.prompt], [`${s.id}.explain`, s.explain]);
    if (s.question) out.push([`${s.id}.question`, s.question.prompt]);
    if (s.question?.kind === 'choice') for (const c of s.question.choices) out.push([`${s.id}.choice.${c.id}`, c.text]);
  }
  return out;
}

describe('lessons', () => {
  it('there are at least six lessons, with unique ids, each 10–20 minutes', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) expect(l.minutes, l.id).toBeGreaterThanOrEqual(10);
  });

  for (const lesson of LESSONS) {
    const needs = lessonNeeds(lesson, specOf);
    const missing = [...needs.missingPresetGroups.map((g) => `preset group "${g}"`), ...needs.missingColumns.map((c) => `output "${c}"`)];
    const reason = missing.length ? `SKIPPED: the ldn model on this branch lacks ${missing.join(' and ')} (issue #13 adds them)` : '';
    // eslint-disable-next-line no-console
    if (reason) console.warn(`lesson ${lesson.id}: ${reason}`);

    it.skipIf(!!reason)(`lesson ${lesson.id} is valid: ids, scenarios, expressions, and every text in ${LANGS.join(' and ')} with the same placeholders${reason ? ` — ${reason}` : ''}`, () => {
      expect(lessonProblems(lesson, specOf, LANGS)).toEqual([]);
    });

    // Every calibration of the blockade (issue #13) when the model has the group; the lesson's own choice wins.
    const calibrations = modelSpec('ldn').presets?.find((g) => g.name === 'blockade')?.options.map((o) => o.name) ?? [null];
    for (const calibration of calibrations) {
      const extra: Record<string, string> = calibration ? { blockade: calibration } : {};
      it.skipIf(!!reason)(`lesson ${lesson.id}${calibration ? ` (blockade ${calibration})` : ''}: every step runs, every question has exactly one answer and every placeholder a value${reason ? ` — ${reason}` : ''}`, () => {
        const { outcomes } = runLesson(lesson, run, extra);
        lesson.steps.forEach((step, i) => {
          const o = outcomes[i]!;
          for (const [name, v] of Object.entries(o.values)) expect(Number.isFinite(v), `${step.id}: value ${name} = ${v}`).toBe(true);
          if (step.question?.kind === 'number') {
            expect(Number.isFinite(o.answer), `${step.id}: answer`).toBe(true);
            const typed = step.question.format === 'percent' ? o.answer! * 100 : o.answer!;
            expect(typed, `${step.id}: the answer lies inside the input's range`).toBeGreaterThanOrEqual(step.question.min);
            expect(typed, `${step.id}: the answer lies inside the input's range`).toBeLessThanOrEqual(step.question.max);
          }
          if (step.question?.kind === 'choice') expect(o.trueChoices, `${step.id}: exactly one choice holds`).toHaveLength(1);
        });
        const all = outcomes[outcomes.length - 1]!.values;
        for (const [where, text] of textsOf(lesson)) {
          for (const lang of LANGS) {
            const filled = fillText(text, lang, all, lesson.formats ?? {}, plainFormat);
            expect(placeholdersOf(filled), `${where}.${lang}: unfilled placeholder in "${filled}"`).toEqual([]);
            expect(filled, `${where}.${lang}`).not.toMatch(/NaN|Infinity/);
          }
        }
      });
    }
  }
});

describe('lesson validation', () => {
  const base: Lesson = {
    id: 'demo', minutes: 10, title: { en: 'Demo', es: 'Demo' }, summary: { en: 'S', es: 'S' },
    steps: [{
      id: 'one', title: { en: 'One', es: 'Uno' }, scenario: { doseMg: 4.5 }, values: { p: 'peak(mu_blockade)' },
      prompt: { en: 'Go {p}', es: 'Vamos' },
      question: { kind: 'number', prompt: { en: 'Q', es: 'P' }, answer: 'tpeak(mu_blokade) + x', format: 'hours', tolerance: 1, min: 0, max: 24, step: 1 },
      explain: { en: 'Peak {p:percent}', es: 'Máximo {p:percentage}' },
    }],
  };

  it('names the step and field of every problem: unknown column, unknown value, placeholders used too early or differing between languages, bad format', () => {
    const problems = lessonProblems(base, specOf, LANGS);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^step one: prompt\.en: \{p\}: no such value yet/),
      expect.stringMatching(/^step one: prompt\.es: placeholders .* differ from English \{p\}/),
      expect.stringMatching(/^step one: question\.answer: unknown value "x"/),
      expect.stringMatching(/^step one: question\.answer: model "ldn" has no output "mu_blokade"/),
      expect.stringMatching(/^step one: explain\.es: \{p:percentage\}: unknown format/),
    ]));
    expect(() => assertLesson(base, specOf, LANGS)).toThrow(LessonError);
  });

  it('rejects an unknown preset option, an out-of-range parameter and an unknown function with the field named', () => {
    const bad: Lesson = {
      ...base,
      steps: [{
        ...base.steps[0]!, prompt: { en: 'Go', es: 'Vamos' }, explain: { en: 'E', es: 'E' },
        scenario: { presets: { hepatic: 'mild' }, params: { kp_brain: -5 }, clock: '25:00' },
        question: { kind: 'choice', prompt: { en: 'Q', es: 'P' }, choices: [{ id: 'a', text: { en: 'A', es: 'A' }, when: 'foo(1)' }, { id: 'b', text: { en: 'B', es: 'B' }, when: '1' }] },
      }],
    };
    const problems = lessonProblems(bad, specOf, LANGS).join('\n');
    expect(problems).toMatch(/step one: scenario\.presets\.hepatic: expected one of none, compensated-cirrhosis, decompensated-cirrhosis, got "mild"/);
    expect(problems).toMatch(/step one: scenario\.params\.kp_brain: expected/);
    expect(problems).toMatch(/step one: scenario\.clock: expected HH:MM/);
    expect(problems).toMatch(/step one: choice a\.when: unknown function foo\(\)/);
  });
});
