/**
 * The printable worksheet of a lesson (worksheet.html?lesson=ID[&lang=es][&key=1]), generated from the same
 * lesson definition as the app, so it never drifts from it. The lesson runs here, in the page (the engine without a
 * worker: a few small runs), so the prompts' numbers and the answer key (`key=1`) are computed, never typed.
 */
import { html, nothing, render } from 'lit';
import { builtinModel } from '../../models/registry';
import { fillText } from '../../engine/lesson/text';
import { runLesson, typedValue } from '../../engine/lesson/run';
import type { Lesson, LessonText } from '../../engine/lesson/types';
import { simulate } from '../../engine/simulate';
import { lessonNeeds } from '../../engine/lesson/validate';
import { modelIds, modelSpec } from '../../models/registry';
import { LESSONS, lessonById } from '../../lessons/index';
import { browserLanguages, formatFixed, language, loadLanguage, pickLanguage } from '../i18n/runtime';
import { formatLessonValue } from '../lessons/format';
import { STRINGS } from '../strings';
import { LESSON_STRINGS } from '../lessons/lesson-strings';

const q = new URLSearchParams(location.search);
document.documentElement.lang = await loadLanguage(pickLanguage([q.get('lang'), ...browserLanguages()]));
const L = LESSON_STRINGS;
const tr = (t: LessonText) => t[language()] ?? t['en'] ?? '';
const root = document.getElementById('sheet')!;

function sheet(lesson: Lesson, key: boolean) {
  const specOf = (id: string) => (modelIds().includes(id) ? modelSpec(id) : undefined);
  const needs = lessonNeeds(lesson, specOf);
  const missing = [...needs.missingPresetGroups, ...needs.missingColumns];
  const run = missing.length ? null : runLesson(lesson, (req) => simulate(builtinModel(req.modelId), req));
  const fill = (t: LessonText, values: Readonly<Record<string, number>>) => fillText(t, language(), values, lesson.formats ?? {}, formatLessonValue);
  document.title = L.sheetTitle(tr(lesson.title));
  return html`
    <div class="toolbar">
      <button type="button" @click=${() => print()}>${L.sheetPrint}</button>
      <a href="?lesson=${lesson.id}&lang=${language()}${key ? '' : '&key=1'}">${key ? L.worksheet : L.answerKeyLink}</a>
      <a href="./index.html?lang=${language()}">ldn-sim</a>
    </div>
    <h1>${L.sheetTitle(tr(lesson.title))}</h1>
    <p>${tr(lesson.summary)}</p>
    <p class="meta">${L.minutes(lesson.minutes)} · ${L.steps(lesson.steps.length)} · ${L.sheetHow(new URL('./index.html', location.href).href)}</p>
    <div class="fields"><span>${L.sheetName}:</span><span>${L.sheetDate}:</span></div>
    ${missing.length ? html`<p class="note" role="alert">${L.unavailable(missing.join(', '))}</p>` : nothing}
    ${lesson.steps.map((step, i) => {
      const before = run && i > 0 ? run.outcomes[i - 1]!.values : {};
      const o = run?.outcomes[i];
      const qn = step.question;
      return html`<section class="step">
        <h2>${L.stepOf(i + 1, lesson.steps.length)}: ${tr(step.title)}</h2>
        <p>${fill(step.prompt, before)}</p>
        ${qn ? html`<h3>${L.sheetPredict}</h3><p>${fill(qn.prompt, before)}</p>
          ${qn.kind === 'choice'
            ? html`<ul class="choices">${qn.choices.map((c) => html`<li>${fill(c.text, before)}</li>`)}</ul>`
            : html`<p>______________ ${qn.format === 'percent' ? L.percentUnit : qn.format === 'hours' ? L.hoursUnit : qn.format === 'fold' ? L.foldUnit : ''}</p>`}` : nothing}
        ${key && o
          ? html`<div class="key">
              ${qn?.kind === 'number' ? html`<p><strong>${L.sheetAnswer}:</strong> ${formatLessonValue(o.answer!, qn.format)} (± ${formatLessonValue(qn.format === 'percent' ? qn.tolerance / 100 : qn.tolerance, qn.format === 'percent' ? 'percent' : qn.format)}; ${formatFixed(typedValue(o.answer!, qn.format), 1)})</p>` : nothing}
              ${qn?.kind === 'choice' ? html`<p><strong>${L.sheetAnswer}:</strong> ${fill(qn.choices.find((c) => c.id === o.correctChoice)?.text ?? {}, o.values)}</p>` : nothing}
              <p>${fill(step.explain, o.values)}</p>
            </div>`
          : html`<p>${L.sheetObserve}</p><div class="line"></div><div class="line"></div>
            <p>${L.sheetExplain}</p><div class="line"></div><div class="line"></div>`}
      </section>`;
    })}
    <p class="note">${STRINGS.disclaimer}</p>`;
}

function list() {
  return html`<h1>${L.sheetLessons}</h1><ol>${LESSONS.map((l) => html`<li>
    <a href="?lesson=${l.id}&lang=${language()}">${tr(l.title)}</a> · <a href="?lesson=${l.id}&lang=${language()}&key=1">${L.answerKeyLink}</a></li>`)}</ol>`;
}

const id = q.get('lesson');
const lesson = id ? lessonById(id) : undefined;
try {
  render(id && !lesson ? html`<p role="alert">${L.sheetNoLesson(id, LESSONS.map((l) => l.id).join(', '))}</p>${list()}`
    : lesson ? sheet(lesson, q.get('key') === '1') : list(), root);
} catch (e) {
  render(html`<p role="alert">${STRINGS.errorPrefix}${(e as Error).message}</p>`, root);
}
