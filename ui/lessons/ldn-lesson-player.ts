/**
 * `<ldn-lesson-player>`: plays one lesson, step by step — the step's set-up text, a prediction (a choice or a
 * number), then the curves of the step's run with the explanation, its numbers computed from the run. Used by the
 * app's Lessons tab and by `<ldn-sim-widget lesson="ID">`. Progress is saved per lesson in local storage.
 *
 * Events: `ldn-lesson-exit` when the student asks for the list of lessons (only shown with `show-back`).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { errorText } from '../i18n/messages';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiSimulationRequest } from '../../engine/api';
import { evaluateStep, isCloseEnough, lessonRequest, stepScenarios, type StepOutcome } from '../../engine/lesson/run';
import { fillText } from '../../engine/lesson/text';
import type { Lesson, LessonText } from '../../engine/lesson/types';
import { lessonNeeds as needsOf } from '../../engine/lesson/validate';
import type { ModelSpec } from '../../engine/model/types';
import type { SimulationResult } from '../../engine/result';
import { chartsFor, viewFor } from '../chart-config';
import { language } from '../i18n/runtime';
import '../ldn-chart';
import { STRINGS } from '../strings';
import { LESSON_STRINGS } from './lesson-strings';
import { formatLessonValue, formatTyped } from './format';
import { EMPTY_PROGRESS, loadProgress, saveProgress, type LessonProgress } from './progress';
import { TOUCH_TARGETS } from '../theme';

/**
 * The lessons' strings, re-exported for the widget's lesson mode, which loads this element and reads them from it:
 * one lazy chunk with both, and no chunk of its own for the i18n runtime on the widget's first load (issue #18).
 */
export { LESSON_STRINGS };

/** What the player needs of a worker pool (the app's `SimulationPool`, or the widgets' shared one). */
export interface LessonPool {
  run(channel: string, req: ApiSimulationRequest): Promise<SimulationResult | null>;
  getModel(id: string): Promise<ModelSpec>;
}

declare global {
  interface HTMLElementTagNameMap { 'ldn-lesson-player': LdnLessonPlayer }
  interface HTMLElementEventMap { 'ldn-lesson-exit': CustomEvent<{ lessonId: string }> }
}

let players = 0;

@customElement('ldn-lesson-player')
export class LdnLessonPlayer extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; }
    * { box-sizing: border-box; }
    .bar { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; justify-content: space-between; margin-bottom: 8px; }
    .count { font-size: 0.9rem; color: var(--ldn-muted, #4b5563); }
    h2 { font-size: 1.2rem; margin: 0 0 4px; } h3 { font-size: 1.05rem; margin: 14px 0 6px; }
    p { line-height: 1.5; margin: 0 0 10px; max-width: 70ch; }
    fieldset { border: 1px solid var(--ldn-line, #c5cbd3); border-radius: 8px; padding: 8px 12px 12px; margin: 0 0 10px; }
    legend { font-weight: 650; padding: 0 4px; }
    label.choice { display: flex; gap: 8px; align-items: flex-start; padding: 4px 0; }
    input[type='number'] { font: inherit; width: 7em; padding: 4px 6px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    button { font: inherit; padding: 6px 12px; border-radius: 8px; border: 1px solid var(--ldn-brand, #0b3d91); background: var(--ldn-surface, #fff); color: var(--ldn-brand, #0b3d91); cursor: pointer; }
    button.primary { background: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); font-weight: 650; }
    button:disabled { opacity: 0.5; cursor: default; }
    :is(button, input):focus-visible, h3:focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    .feedback { border-left: 5px solid var(--ldn-brand, #0b3d91); background: var(--ldn-tint, #eef4ff); padding: 8px 12px; border-radius: 6px; margin: 0 0 10px; }
    .alert { color: var(--ldn-error-ink, #7f1d1d); background: var(--ldn-error-bg, #fef2f2); border: 1px solid var(--ldn-error-line, #f87171); border-radius: 6px; padding: 6px 10px; }
    .charts { display: grid; gap: 10px; grid-template-columns: minmax(0, 1fr); }
    .note { font-size: 0.85rem; color: var(--ldn-muted, #4b5563); }
    @media (forced-colors: active) { button.primary { border: 2px solid ButtonText; } .feedback { border-left-color: CanvasText; } }
  `];

  @property({ attribute: false }) lesson: Lesson | null = null;
  @property({ attribute: false }) pool: LessonPool | null = null;
  /** Show the "All lessons" button (the app's tab; not the widget). */
  @property({ type: Boolean, attribute: 'show-back' }) showBack = false;
  /** Chart tooltips (off in the widget: their positioning needs a style attribute, which a strict CSP blocks). */
  @property({ attribute: false }) chartTooltip = true;
  /** Chart height, px. */
  @property({ type: Number, attribute: 'chart-height' }) chartHeight = 200;

  @state() private progress: LessonProgress = EMPTY_PROGRESS;
  @state() private results: (SimulationResult | null)[] = [];
  @state() private specs: ModelSpec[] = [];
  @state() private problem = '';
  @state() private inputProblem = '';
  @state() private draft = '';

  readonly #channel = `lesson-${++players}`;
  #runSeq = 0;
  #focusResult = false;
  #focusStep = false;

  /** The lesson's outcomes per step (values, answers), once every step up to the current one has run. */
  get outcomes(): StepOutcome[] {
    const l = this.lesson;
    if (!l) return [];
    if (this.#outcomes?.lesson === l && this.#outcomes.results === this.results) return this.#outcomes.out;
    const out: StepOutcome[] = [];
    let values: Readonly<Record<string, number>> = {};
    this.#evalError = '';
    try {
      for (let i = 0; i < l.steps.length; i++) {
        const r = this.results[i];
        if (!r) break;
        const o = evaluateStep(l.steps[i]!, r, values);
        out.push(o);
        values = o.values;
      }
    } catch (e) {
      this.#evalError = `lesson ${l.id}: ${(e as Error).message}`;
    }
    this.#outcomes = { lesson: l, results: this.results, out };
    return out;
  }

  #outcomes: { lesson: Lesson; results: readonly (SimulationResult | null)[]; out: StepOutcome[] } | null = null;
  /** A lesson whose expressions fail on this model version (validated lessons do not): shown, not thrown. */
  #evalError = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('lesson') || changed.has('pool')) && this.lesson && this.pool) {
      this.progress = loadProgress(this.lesson.id, this.lesson.steps.length);
      this.draft = this.progress.answers[this.lesson.steps[this.progress.step]!.id] ?? '';
      void this.#runAll();
    }
  }

  protected override updated(): void {
    if (this.#focusResult) {
      // The step's run may still be computing: focus the results once they are shown.
      const h = this.renderRoot.querySelector('#observe') as HTMLElement | null;
      if (h) { this.#focusResult = false; h.focus(); }
    } else if (this.#focusStep) {
      this.#focusStep = false;
      (this.renderRoot.querySelector('#step-title') as HTMLElement | null)?.focus();
    }
  }

  /** Runs every step of the lesson (they are small; the values of later steps need the earlier runs). */
  async #runAll(): Promise<void> {
    const lesson = this.lesson!;
    const pool = this.pool!;
    const seq = ++this.#runSeq;
    this.results = [];
    this.problem = '';
    try {
      const ids = [...new Set(lesson.steps.map((s) => s.scenario.model).filter((x): x is string => !!x)), 'ldn'];
      const specs = await Promise.all(ids.map((id) => pool.getModel(id)));
      if (seq !== this.#runSeq) return;
      this.specs = specs;
      const needs = needsOf(lesson, (id) => specs.find((s) => s.id === id));
      const missing = [...needs.missingPresetGroups.map((g) => `preset group “${g}”`), ...needs.missingColumns.map((c) => `output “${c}”`)];
      if (missing.length) { this.problem = LESSON_STRINGS.unavailable(missing.join(', ')); return; }
      const scenarios = stepScenarios(lesson);
      const results = await Promise.all(scenarios.map((s, i) => pool.run(`${this.#channel}:${i}`, lessonRequest(s))));
      if (seq !== this.#runSeq) return;
      const failed = results.find((r) => r && !r.meta.ok);
      if (failed) { this.problem = `${STRINGS.errorPrefix}${failed.meta.diagnostics.join(' ')}`; return; }
      this.results = results;
    } catch (e) {
      if (seq === this.#runSeq) this.problem = `${STRINGS.errorPrefix}${errorText(e)}`;
    }
  }

  #save(p: LessonProgress): void {
    this.progress = p;
    if (this.lesson) saveProgress(this.lesson.id, p);
  }

  #text(t: LessonText, values: Readonly<Record<string, number>>): string {
    return fillText(t, language(), values, this.lesson?.formats ?? {}, formatLessonValue);
  }

  #go(step: number): void {
    const l = this.lesson!;
    this.#focusResult = false;
    this.#save({ ...this.progress, step, done: this.progress.done });
    this.draft = this.progress.answers[l.steps[step]!.id] ?? '';
    this.inputProblem = '';
    this.#focusStep = true;
  }

  #restart = () => {
    if (!this.lesson) return;
    this.#focusResult = false;
    saveProgress(this.lesson.id, null);
    this.progress = EMPTY_PROGRESS;
    this.draft = '';
    this.inputProblem = '';
    this.#focusStep = true;
  };

  #reveal(answer: string | null): void {
    const step = this.lesson!.steps[this.progress.step]!;
    const answers = answer === null ? this.progress.answers : { ...this.progress.answers, [step.id]: answer };
    this.#save({ ...this.progress, answers, revealed: [...new Set([...this.progress.revealed, step.id])] });
    this.inputProblem = '';
    this.#focusResult = true;
  }

  #submit = (e: Event) => {
    e.preventDefault();
    const step = this.lesson!.steps[this.progress.step]!;
    const q = step.question;
    if (!q) return;
    const L = LESSON_STRINGS;
    if (q.kind === 'choice') {
      if (!this.draft) { this.inputProblem = L.chooseFirst; return; }
      this.#reveal(this.draft);
    } else {
      const v = Number(this.draft.replace(',', '.'));
      if (this.draft.trim() === '' || !Number.isFinite(v) || v < q.min || v > q.max) {
        this.inputProblem = L.typeFirst(formatTyped(q.min, q.format), formatTyped(q.max, q.format));
        return;
      }
      this.#reveal(String(v));
    }
  };

  protected override render() {
    const l = this.lesson;
    if (!l) return nothing;
    const L = LESSON_STRINGS;
    const i = this.progress.step;
    const step = l.steps[i]!;
    const outcomes = this.outcomes;
    const earlier = i > 0 ? outcomes[i - 1]?.values ?? null : {};
    const here = outcomes[i] ?? null;
    const revealed = !step.question || this.progress.revealed.includes(step.id);
    const last = i === l.steps.length - 1;
    return html`
      <div class="bar">
        <span class="count">${L.stepOf(i + 1, l.steps.length)}</span>
        <span class="row">
          ${this.showBack ? html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent('ldn-lesson-exit', { detail: { lessonId: l.id }, bubbles: true, composed: true }))}>${L.back}</button>` : nothing}
          <button type="button" aria-label=${L.restartLesson(l.title[language()] ?? l.title['en']!)} @click=${this.#restart}>${L.restart}</button>
        </span>
      </div>
      <h2 id="step-title" tabindex="-1">${step.title[language()] ?? step.title['en']}</h2>
      ${this.problem || this.#evalError ? html`<p class="alert" role="alert">${this.problem || this.#evalError}</p>` : nothing}
      ${earlier === null ? html`<p role="status">${L.computing}</p>` : html`<p>${this.#text(step.prompt, earlier)}</p>`}
      ${step.question && earlier !== null && !this.problem ? this.#question(step, earlier, revealed) : nothing}
      ${earlier !== null && revealed && !here && !this.problem ? html`<p role="status">${L.computing}</p>` : nothing}
      ${revealed && here ? this.#observe(step, here) : nothing}
      ${this.progress.done && last && revealed ? html`<p class="feedback" role="status">${L.finished}</p>` : nothing}
      <div class="row">
        ${i > 0 ? html`<button type="button" @click=${() => this.#go(i - 1)}>${L.previous}</button>` : nothing}
        ${last
          ? html`<button type="button" class="primary" ?disabled=${!revealed || !here} @click=${() => this.#save({ ...this.progress, done: true })}>${L.finish}</button>`
          : html`<button type="button" class="primary" ?disabled=${!revealed || !here} @click=${() => this.#go(i + 1)}>${L.next}</button>`}
      </div>`;
  }

  #question(step: Lesson['steps'][number], earlier: Readonly<Record<string, number>>, revealed: boolean) {
    const q = step.question!;
    const L = LESSON_STRINGS;
    const prompt = this.#text(q.prompt, earlier);
    const answered = this.progress.answers[step.id];
    return html`<form @submit=${this.#submit} novalidate>
      <fieldset ?disabled=${revealed}>
        <legend>${L.predict}: ${prompt}</legend>
        ${q.kind === 'choice'
          ? q.choices.map((c) => html`<label class="choice"><input type="radio" name="choice" value=${c.id}
              .checked=${(revealed ? answered : this.draft) === c.id} @change=${() => { this.draft = c.id; this.inputProblem = ''; }} />
              <span>${this.#text(c.text, earlier)}</span></label>`)
          : html`<label class="row"><input type="number" name="number" inputmode="decimal" min=${q.min} max=${q.max} step=${q.step}
              aria-describedby="unit" .value=${revealed ? answered ?? '' : this.draft}
              @input=${(e: Event) => { this.draft = (e.target as HTMLInputElement).value; this.inputProblem = ''; }} />
              <span id="unit">${q.format === 'percent' ? L.percentUnit : q.format === 'hours' ? L.hoursUnit : q.format === 'fold' ? L.foldUnit : ''}</span></label>`}
      </fieldset>
      ${this.inputProblem ? html`<p class="alert" role="alert">${this.inputProblem}</p>` : nothing}
      ${revealed ? nothing : html`<div class="row">
        <button type="submit" class="primary">${L.check}</button>
        <button type="button" @click=${() => this.#reveal(null)}>${L.skip}</button>
      </div>`}
    </form>`;
  }

  #feedback(step: Lesson['steps'][number], o: StepOutcome) {
    const q = step.question;
    const L = LESSON_STRINGS;
    const answered = this.progress.answers[step.id];
    if (!q) return nothing;
    if (q.kind === 'number') {
      const model = formatLessonValue(o.answer!, q.format);
      if (answered === undefined) return html`<p class="feedback">${L.modelAnswer(model)}</p>`;
      const typed = Number(answered);
      return html`<p class="feedback">${L.yourAnswer(formatTyped(typed, q.format))} ${L.modelAnswer(model)}
        ${isCloseEnough(typed, o.answer!, q) ? L.close : L.far}</p>`;
    }
    const right = q.choices.find((c) => c.id === o.correctChoice);
    const rightText = right ? this.#text(right.text, o.values) : '';
    if (answered === undefined) return html`<p class="feedback">${L.wrongChoice(rightText)}</p>`;
    return html`<p class="feedback">${answered === o.correctChoice ? L.rightChoice : L.wrongChoice(rightText)}</p>`;
  }

  #observe(step: Lesson['steps'][number], o: StepOutcome) {
    const r = this.results[this.progress.step]!;
    const spec = this.specs.find((s) => s.id === r.meta.modelId);
    const charts = spec ? chartsFor(viewFor(spec), r).filter((c) => !step.charts || step.charts.includes(c.id)) : [];
    return html`<section aria-labelledby="observe">
      <h3 id="observe" tabindex="-1">${LESSON_STRINGS.observe}</h3>
      <div aria-live="polite">${this.#feedback(step, o)}</div>
      <p>${this.#text(step.explain, o.values)}</p>
      <div class="charts">${charts.map((c) => html`<ldn-chart data-chart=${c.id} .config=${c} .result=${r} .height=${this.chartHeight} .tooltip=${this.chartTooltip}></ldn-chart>`)}</div>
    </section>`;
  }
}
