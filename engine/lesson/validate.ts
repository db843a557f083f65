/**
 * Checks a lesson before it runs, as models are checked when they load: every problem is reported with the
 * lesson, the step and the field ("lesson bedtime: step sleep: question.answer: unknown function foo()").
 */
import { parseClock } from '../dosing';
import type { ModelSpec } from '../model/types';
import { parseAnswer, referencesOf } from './expr';
import { VALUE_FORMATS, placeholdersOf } from './text';
import type { Lesson, LessonText } from './types';

/** A lesson that failed validation; `problems` lists every problem found, one line each. */
export class LessonError extends Error {
  constructor(readonly lessonId: string, readonly problems: readonly string[]) {
    super(`lesson ${lessonId}: ${problems.join('; ')}`);
    this.name = 'LessonError';
  }
}

/** What a lesson needs of its models that a model may not (yet) have: preset groups and output columns. */
export interface LessonNeeds {
  readonly missingPresetGroups: readonly string[];
  readonly missingColumns: readonly string[];
}

function modelOf(lesson: Lesson, specOf: (id: string) => ModelSpec | undefined): ModelSpec[] {
  let id = 'ldn';
  const out: ModelSpec[] = [];
  for (const s of lesson.steps) {
    id = s.scenario.model ?? id;
    const spec = specOf(id);
    if (spec && !out.includes(spec)) out.push(spec);
  }
  return out;
}

/** Preset groups and columns the lesson uses that its model lacks (e.g. the `blockade` calibrations, issue #13). */
export function lessonNeeds(lesson: Lesson, specOf: (id: string) => ModelSpec | undefined): LessonNeeds {
  const specs = modelOf(lesson, specOf);
  const groups = new Set<string>();
  const columns = new Set<string>();
  for (const step of lesson.steps) {
    for (const g of Object.keys(step.scenario.presets ?? {})) if (!specs.some((m) => m.presets?.some((p) => p.name === g))) groups.add(g);
    for (const src of expressionsOf(step)) {
      try {
        for (const c of referencesOf(parseAnswer(src)).columns) if (!specs.some((m) => m.outputs.some((o) => o.name === c))) columns.add(c);
      } catch { /* reported by validateLesson */ }
    }
  }
  return { missingPresetGroups: [...groups], missingColumns: [...columns] };
}

function expressionsOf(step: Lesson['steps'][number]): string[] {
  const q = step.question;
  return [
    ...Object.values(step.values ?? {}),
    ...(q?.kind === 'number' ? [q.answer] : q?.kind === 'choice' ? q.choices.map((c) => c.when) : []),
  ];
}

/**
 * Every problem of a lesson (empty when it is sound). `languages`: the languages every text must have.
 * `specOf` gives a built-in model by id (undefined when there is none).
 */
export function lessonProblems(lesson: Lesson, specOf: (id: string) => ModelSpec | undefined, languages: readonly string[]): string[] {
  const out: string[] = [];
  const bad = (where: string, what: string) => out.push(`${where}: ${what}`);
  if (typeof lesson.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(lesson.id)) bad('id', `expected lower-case letters, digits and hyphens, got ${JSON.stringify(lesson.id)}`);
  if (!(lesson.minutes >= 10 && lesson.minutes <= 20)) bad('minutes', `expected 10–20 minutes, got ${lesson.minutes}`);
  for (const [name, f] of Object.entries(lesson.formats ?? {})) if (!VALUE_FORMATS.includes(f)) bad(`formats.${name}`, `expected one of ${VALUE_FORMATS.join(', ')}, got ${JSON.stringify(f)}`);

  const text = (where: string, t: LessonText | undefined, known: ReadonlySet<string> | null) => {
    if (!t || typeof t !== 'object') { bad(where, 'expected a text per language, e.g. { en: "…", es: "…" }'); return; }
    const en = placeholdersOf(t['en'] ?? '').map((p) => p.name).sort().join(',');
    for (const lang of languages) {
      const s = t[lang];
      if (typeof s !== 'string' || s.trim() === '') { bad(`${where}.${lang}`, 'missing text'); continue; }
      const ph = placeholdersOf(s);
      if (ph.map((p) => p.name).sort().join(',') !== en) bad(`${where}.${lang}`, `placeholders {${ph.map((p) => p.name).join('}, {')}} differ from English {${en.split(',').join('}, {')}}`);
      for (const p of ph) {
        if (p.format !== undefined && !(VALUE_FORMATS as readonly string[]).includes(p.format)) bad(`${where}.${lang}`, `{${p.name}:${p.format}}: unknown format (use ${VALUE_FORMATS.join(', ')})`);
        if (known && !known.has(p.name)) bad(`${where}.${lang}`, `{${p.name}}: no such value yet (values so far: ${[...known].join(', ') || 'none'})`);
      }
    }
  };
  text('title', lesson.title, new Set());
  text('summary', lesson.summary, new Set());

  if (!Array.isArray(lesson.steps) || lesson.steps.length === 0) { bad('steps', 'expected at least one step'); return out; }
  const ids = new Set<string>();
  const values = new Set<string>();
  let modelId = 'ldn';
  let days = 1;
  lesson.steps.forEach((step, i) => {
    const at = `step ${step.id ?? i + 1}`;
    if (!step.id || ids.has(step.id)) bad(at, `expected a unique id, got ${JSON.stringify(step.id)}`);
    ids.add(step.id);
    const sc = step.scenario ?? {};
    modelId = sc.model ?? modelId;
    const spec = specOf(modelId);
    if (!spec) bad(`${at}: scenario.model`, `no built-in model ${JSON.stringify(modelId)}`);
    if (sc.doseMg !== undefined && !(sc.doseMg >= 0 && sc.doseMg <= 150)) bad(`${at}: scenario.doseMg`, `expected 0–150 mg, got ${sc.doseMg}`);
    if (sc.days !== undefined && !(Number.isInteger(sc.days) && sc.days >= 1 && sc.days <= 56)) bad(`${at}: scenario.days`, `expected a whole number 1–56, got ${sc.days}`);
    days = sc.days ?? days;
    if (sc.clock !== undefined) { try { parseClock(sc.clock, `${at}: scenario.clock`); } catch (e) { out.push((e as Error).message); } }
    if (sc.naltrexoneStartH !== undefined && !(sc.naltrexoneStartH >= 0 && sc.naltrexoneStartH < days * 24)) bad(`${at}: scenario.naltrexoneStartH`, `expected 0 to under ${days * 24} h, got ${sc.naltrexoneStartH}`);
    if (sc.agonist) {
      const drug = sc.agonist.drug ?? 'morphine';
      if (spec && !spec.doses.some((d) => d.drug === drug)) bad(`${at}: scenario.agonist.drug`, `model "${modelId}" doses ${spec.doses.map((d) => d.drug).join(', ')}, not ${drug}`);
      if (!(sc.agonist.amtMg > 0 && sc.agonist.amtMg <= 1000)) bad(`${at}: scenario.agonist.amtMg`, `expected over 0 and up to 1000 mg, got ${sc.agonist.amtMg}`);
      if (!(sc.agonist.everyH >= 1 && sc.agonist.everyH <= 48)) bad(`${at}: scenario.agonist.everyH`, `expected 1–48 h, got ${sc.agonist.everyH}`);
    }
    for (const [g, o] of Object.entries(sc.presets ?? {})) {
      const group = spec?.presets?.find((p) => p.name === g);
      if (spec && !group) bad(`${at}: scenario.presets.${g}`, `model "${modelId}" has no preset group "${g}"${spec.presets?.length ? `; groups: ${spec.presets.map((p) => p.name).join(', ')}` : ''}`);
      else if (group && !group.options.some((x) => x.name === o)) bad(`${at}: scenario.presets.${g}`, `expected one of ${group.options.map((x) => x.name).join(', ')}, got ${JSON.stringify(o)}`);
    }
    for (const [p, v] of Object.entries(sc.params ?? {}) as [string, number][]) {
      const par = spec?.parameters.find((x) => x.name === p);
      if (spec && !par) bad(`${at}: scenario.params.${p}`, `model "${modelId}" has no such parameter`);
      else if (par?.range && !(v >= par.range[0] && v <= par.range[1])) bad(`${at}: scenario.params.${p}`, `expected ${par.range[0]}–${par.range[1]} ${par.unit}, got ${v}`);
    }
    for (const c of step.charts ?? []) if (!['plasma', 'blockade', 'adaptation', 'tlr4', 'conc', 'amounts'].includes(c)) bad(`${at}: charts`, `unknown chart "${c}"`);

    const before = new Set(values);
    text(`${at}: title`, step.title, new Set());
    text(`${at}: prompt`, step.prompt, before);
    const expr = (where: string, src: string, known: ReadonlySet<string>) => {
      if (typeof src !== 'string') { bad(where, 'expected an answer expression'); return; }
      try {
        const refs = referencesOf(parseAnswer(src));
        for (const v of refs.values) if (!known.has(v)) bad(where, `unknown value "${v}" in "${src}" (values so far: ${[...known].join(', ') || 'none'})`);
        for (const c of refs.columns) if (spec && !spec.outputs.some((o) => o.name === c)) bad(where, `model "${modelId}" has no output "${c}" (in "${src}")`);
      } catch (e) { bad(where, (e as Error).message); }
    };
    for (const [name, src] of Object.entries(step.values ?? {}) as [string, string][]) {
      if (values.has(name)) bad(`${at}: values.${name}`, 'already defined by an earlier step');
      expr(`${at}: values.${name}`, src, values);
      values.add(name);
    }
    const q = step.question;
    if (q) {
      text(`${at}: question.prompt`, q.prompt, before);
      if (q.kind === 'number') {
        expr(`${at}: question.answer`, q.answer, values);
        if (!VALUE_FORMATS.includes(q.format)) bad(`${at}: question.format`, `expected one of ${VALUE_FORMATS.join(', ')}`);
        if (!(q.tolerance > 0)) bad(`${at}: question.tolerance`, `expected a tolerance > 0, got ${q.tolerance}`);
        if (!(q.min < q.max) || !(q.step > 0)) bad(`${at}: question`, `expected min < max and step > 0, got ${q.min}, ${q.max}, ${q.step}`);
      } else if (q.kind === 'choice') {
        if (!Array.isArray(q.choices) || q.choices.length < 2) bad(`${at}: question.choices`, 'expected two or more choices');
        const cids = new Set<string>();
        for (const c of q.choices ?? []) {
          if (!c.id || cids.has(c.id)) bad(`${at}: question.choices`, `expected unique ids, got ${JSON.stringify(c.id)}`);
          cids.add(c.id);
          text(`${at}: choice ${c.id}`, c.text, before);
          expr(`${at}: choice ${c.id}.when`, c.when, values);
        }
      } else bad(`${at}: question.kind`, 'expected "choice" or "number"');
    }
    text(`${at}: explain`, step.explain, values);
  });
  return out;
}

/** Throws a `LessonError` listing every problem, or returns the lesson. */
export function assertLesson(lesson: Lesson, specOf: (id: string) => ModelSpec | undefined, languages: readonly string[]): Lesson {
  const problems = lessonProblems(lesson, specOf, languages);
  if (problems.length) throw new LessonError(lesson.id, problems);
  return lesson;
}
