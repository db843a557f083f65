/**
 * `<ldn-sim-widget>`: the embeddable simulation for course pages, LMSs and blogs. One element, configured by
 * attributes (each with a matching property), drawing the app's charts (`<ldn-chart>`) and receptor diagram in
 * its own shadow root. Every widget on a page runs on one shared worker pool (`shared-pool.ts`) but on its own
 * channels, so changing one widget's attribute re-simulates and redraws that widget only.
 *
 * Events (both `bubbles` and `composed`): `ldn-sim-change` when the student changes a control (detail: the
 * scenario), `ldn-sim-result` after every completed run (detail: metrics and the chart summaries).
 * The internal components' own events (`ldn-dose-change`, …) stop at the widget's boundary.
 *
 * Works under `script-src 'self'; style-src 'self'; worker-src 'self'`: styles are constructable stylesheets,
 * positions are set through the CSSOM, and the worker is a file beside the module. See docs/embedding.md.
 *
 * @example <ldn-sim-widget dose="4.5" time="22:00" days="3" view="plasma,blockade" controls="dose,time"></ldn-sim-widget>
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatClock, parseClock } from '../../engine/dosing';
import type { SimulationResult } from '../../engine/result';
import { chartsFor, viewFor, type ChartConfig, type ModelView } from '../chart-config';
import { clockAt, formatValue, valueAt } from '../format';
import '../ldn-chart';
import '../ldn-clock-input';
import '../ldn-dose-slider';
import { PHASE_TEXT, phaseAt } from '../phases';
import { receptorStateAt } from '../receptor-state';
import { DAYS_MAX, describeScenario, scenarioRequest } from '../scenario';
import { CHART_STRINGS as STRINGS } from '../chart-strings';
import { browserLanguages, chooseLanguageOnce, pickLanguage } from '../i18n/runtime';
import { defaultModelId, modelSpecFor, sharedPool } from './shared-pool';
import {
  WIDGET_DEFAULTS, checkHeight, checkScenario, parseControls, resultDetail, selectView, toAppScenario,
  type WidgetResultDetail, type WidgetScenario,
} from './widget-options';
import { WIDGET_STRINGS as W } from './widget-strings';
import { checkAgainstModel } from './widget-dosing';
import { themedCharts } from './line-colors';
import { SELECTED_MARK, THEME_HOST } from '../theme';
import { WIDGET_THEME, themeProblem } from './widget-theme';
import type { Lesson } from '../../engine/lesson/types';

declare global {
  interface HTMLElementTagNameMap { 'ldn-sim-widget': LdnSimWidget }
  interface HTMLElementEventMap {
    'ldn-sim-change': CustomEvent<WidgetScenario>;
    'ldn-sim-result': CustomEvent<WidgetResultDetail>;
  }
}


/** Number attribute: a missing attribute means the default (Lit's Number converter would give `null`). */
const numberOr = (fallback: number) => ({
  fromAttribute: (v: string | null) => (v === null || v.trim() === '' ? fallback : Number(v)),
  toAttribute: (v: number) => String(v),
});

/** `compare`: a dose in mg, or none (missing, empty or `none`). */
const optionalDose = {
  fromAttribute: (v: string | null) => (v === null || v.trim() === '' || v.trim().toLowerCase() === 'none' ? null : Number(v)),
  toAttribute: (v: number | null) => (v === null ? null : String(v)),
};

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

let instances = 0;

@customElement('ldn-sim-widget')
export class LdnSimWidget extends LitElement {
  static override styles = [THEME_HOST, SELECTED_MARK, css`
    :host { display: block; min-width: 0; }
    :host([hidden]) { display: none; }
    /* A clean slate inside: no inherited host-page property (colour, font, spacing, alignment) reaches the
       widget, while custom properties (the theming API) still do. */
    .root {
      all: initial; display: block; box-sizing: border-box; direction: ltr;
      font-family: var(--ldn-sim-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
      font-size: var(--ldn-sim-font-size, 15px); line-height: 1.45; color: var(--ldn-sim-fg, #1b1f24);
      background: var(--ldn-sim-bg, #f7f8fa); border: 1px solid var(--ldn-sim-border, #d5d9e0);
      border-radius: var(--ldn-sim-radius, 12px); padding: var(--ldn-sim-padding, 12px);
    }
    .root *, .root *::before, .root *::after { box-sizing: border-box; }
    .controls { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-start; margin-bottom: 10px; }
    .controls > * { flex: 1 1 16em; min-width: 0; }
    .days { display: flex; flex-direction: column; gap: 4px; font-weight: 650; }
    .days span { display: flex; align-items: center; gap: 6px; font-weight: 400; }
    input[type='number'] { font: inherit; width: 5em; padding: 4px 6px; border: 1px solid #9aa3ae; border-radius: 6px; color: inherit; background: #fff; }
    .summary { margin: 0 0 8px; font-weight: 600; }
    .problem { margin: 0 0 8px; padding: 6px 10px; border-radius: 8px; background: #fff4e5; border: 1px solid #e69f00; color: #5c3c00; }
    .charts { display: grid; gap: 10px; }
    .charts.busy { opacity: 0.6; transition: opacity 0.2s; }
    .receptors { margin-top: 10px; background: #fff; border: 1px solid #d5d9e0; border-radius: 10px; padding: 10px 12px; }
    .receptors h3 { margin: 0 0 6px; font-size: 1.05em; }
    .phase { margin: 6px 0 0; }
    .readout { margin: 8px 0 0; font-variant-numeric: tabular-nums; }
    .player { display: flex; align-items: center; gap: 10px; margin-top: 10px; }
    .player label { display: flex; align-items: center; gap: 8px; flex: 1; min-width: 0; }
    .player input[type='range'] { flex: 1; min-width: 0; accent-color: var(--ldn-sim-accent, #0072B2); }
    .player output { font-variant-numeric: tabular-nums; white-space: nowrap; }
    button { font: inherit; font-weight: 650; padding: 6px 14px; border-radius: 999px; cursor: pointer;
      border: 1px solid var(--ldn-sim-accent, #0072B2); background: var(--ldn-sim-accent, #0072B2); color: var(--ldn-sim-accent-contrast, #fff); }
    :is(button, input):focus-visible { outline: 3px solid var(--ldn-sim-accent, #0072B2); outline-offset: 2px; }
    .note { margin: 8px 0 0; font-size: 0.8em; color: var(--ldn-sim-muted, #4b5563); }
    @media (prefers-reduced-motion: reduce) { .charts.busy { transition: none; } }
  `, WIDGET_THEME];

  /** Daily dose, mg (0.25–150). Default 4.5. */
  @property({ converter: numberOr(WIDGET_DEFAULTS.dose) }) dose: number = WIDGET_DEFAULTS.dose;
  /** Clock time of each dose, `HH:MM` (24 h). Default `22:00`. */
  @property() time: string = WIDGET_DEFAULTS.time;
  /** Days simulated from the first dose (1–56). Default 3. */
  @property({ converter: numberOr(WIDGET_DEFAULTS.days) }) days: number = WIDGET_DEFAULTS.days;
  /** Built-in model id; `null` = the library's default model. */
  @property() model: string | null = null;
  /** Charts to show: `plasma`, `blockade`, `rebound`, `receptors`, `all` or chart ids, comma-separated. */
  @property() view: string = WIDGET_DEFAULTS.view;
  /** Controls the student gets: `dose`, `time`, `days`, `play`, comma-separated, or `none`. */
  @property() controls: string = WIDGET_DEFAULTS.controls;
  /** A second daily dose, mg, drawn dashed for comparison; `null` for none. */
  @property({ converter: optionalDose }) compare: number | null = null;
  /** Play the time cursor through the run once results arrive (not when the reader prefers reduced motion). */
  @property({ type: Boolean }) autoplay = false;
  /**
   * Blockade calibration of the `ldn` model: `brief` (default; the LDN hypothesis from mouse studies: the daily
   * blockade clears within hours) or `long` (fitted to human PET after 50 mg: it lasts days).
   */
  @property() blockade: string | null = null;
  /**
   * Colour theme: `light`, `dark` or `auto` (default: the reader's `prefers-color-scheme`). The host page's own
   * `color-scheme` never reaches inside. Any other value is reported under the widget and treated as `auto`.
   */
  @property({ reflect: true }) theme: string = 'auto';
  /** Height of each chart, px (120–600). Default 220. */
  @property({ converter: numberOr(WIDGET_DEFAULTS.height) }) height: number = WIDGET_DEFAULTS.height;
  /** Titration schedule instead of the daily dose: steps `MGxDAYS`, e.g. `0.5x7,1.5x7,3x7,4.5x7`; sets the days. */
  @property() titration: string | null = null;
  /** Co-medication `DRUG:MG@HOURS`, e.g. `morphine:10@6` (a drug the model doses), or `none`. */
  @property() comedication: string | null = null;
  /** Parameter overrides `NAME=VALUE`, comma-separated, any value within the parameter's physical bounds. */
  @property() params: string | null = null;
  /** Preset options `GROUP=OPTION`, comma-separated, for any preset group of the model, e.g. `hepatic=compensated-cirrhosis`. */
  @property() presets: string | null = null;

  /** A guided lesson to play instead of the free simulation, by id (`dose-journey`, …; see lessons/ and docs/teaching.md). */
  @property() lesson: string | null = null;

  @state() private _lessonData: Lesson | null = null;
  @state() private _result: SimulationResult | null = null;
  @state() private _compare: SimulationResult | null = null;
  @state() private _modelView: ModelView | null = null;
  @state() private _problems: string[] = [];
  /** Problems found against the model (unknown drug, parameter or preset; a value outside its bounds). */
  @state() private _modelProblems: string[] = [];
  /** Parameter values outside their typical range (they run). */
  @state() private _rangeNotes: string[] = [];
  @state() private _error = '';
  @state() private _busy = false;
  @state() private _cursorH: number | null = null;
  @state() private _playing = false;

  readonly #channel = `widget-${++instances}`;
  #seq = 0;
  #autoplayed = false;
  #raf = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #results = 0;

  /** The latest result drawn (`null` before the first run completes). Columns are `Float64Array`s. */
  get result(): SimulationResult | null { return this._result; }
  /** The comparison run's result, when `compare` is set. */
  get compareResult(): SimulationResult | null { return this._compare; }
  /** How many runs this widget has completed and drawn (a run = the main scenario plus its comparison). */
  get resultCount(): number { return this.#results; }
  /** The checked scenario currently simulated (defaults stand in for unusable attribute values). */
  get scenario(): WidgetScenario { return checkScenario(this.#input()).scenario; }

  override connectedCallback(): void {
    // `lang="es"` on the widget, else the browser's language; the first widget on the page decides (ui/i18n/runtime.ts).
    // A translation is fetched first (only then); the widget renders once it is applied.
    this.#languageReady = chooseLanguageOnce(pickLanguage([this.getAttribute('lang'), ...browserLanguages()])).then(() => undefined, () => undefined);
    super.connectedCallback();
  }

  /** Settles once the page's language is applied (at once in English); no render before it. */
  #languageReady: Promise<void> = Promise.resolve();

  protected override async scheduleUpdate(): Promise<void> {
    await this.#languageReady;
    super.scheduleUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const simulated: PropertyKey[] = ['dose', 'time', 'days', 'model', 'compare', 'blockade', 'titration', 'comedication', 'params', 'presets', 'lesson'];
    if (changed.has('lesson')) void this.#loadLesson();
    if (!this.lesson && simulated.some((k) => changed.has(k as keyof LdnSimWidget))) void this.#run();
    if (changed.has('autoplay')) {
      if (!this.autoplay) this.#stop();
      else if (this._result) this.#autoplay(); // set after the first run: play now
    }
  }

  #input() {
    return {
      dose: this.dose, time: this.time, days: this.days, model: this.model, compare: this.compare, blockade: this.blockade,
      titration: this.titration, comedication: this.comedication, params: this.params, presets: this.presets,
    };
  }

  async #run(): Promise<void> {
    const seq = ++this.#seq;
    const { scenario, problems } = checkScenario(this.#input());
    this._problems = problems;
    this._busy = true;
    try {
      const modelId = scenario.model ?? await defaultModelId();
      const spec = await modelSpecFor(modelId);
      if (seq !== this.#seq) return;
      const view = viewFor(spec);
      const checked = checkAgainstModel({
        titration: scenario.titration ?? null, comedication: scenario.comedication ?? null, params: scenario.params ?? {}, presets: scenario.presets ?? {},
      }, spec, view.mainDrug);
      this._modelProblems = checked.problems;
      this._rangeNotes = checked.notes;
      const run = { ...scenario, ...checked.attrs };
      const pool = sharedPool();
      const main = pool.run(this.#channel, scenarioRequest(toAppScenario(run, modelId), view));
      const cmp = scenario.compare === null ? Promise.resolve(null)
        : pool.run(`${this.#channel}:compare`, scenarioRequest(toAppScenario(run, modelId, scenario.compare, true), view));
      const [result, compare] = await Promise.all([main, cmp]);
      if (seq !== this.#seq || result === null || (scenario.compare !== null && compare === null)) return; // superseded
      this._modelView = view;
      this._result = result;
      this._compare = compare;
      this._error = '';
      this._busy = false;
      if (this._cursorH !== null) this._cursorH = Math.min(this._cursorH, this.#span());
      this.#results++;
      await this.updateComplete;
      const charts = this.#shownCharts(view, result);
      this.dispatchEvent(new CustomEvent<WidgetResultDetail>('ldn-sim-result', {
        detail: resultDetail(scenario, result, compare, charts), bubbles: true, composed: true,
      }));
      if (this.autoplay) this.#autoplay();
    } catch (e) {
      if (seq !== this.#seq) return;
      this._busy = false;
      this._error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Loads the lesson player and the lesson data (a separate chunk: widgets without `lesson` never fetch it). */
  async #loadLesson(): Promise<void> {
    const id = this.lesson;
    this._lessonData = null;
    if (!id) return;
    try {
      const [{ lessonById, LESSONS }, { LESSON_STRINGS }] = await Promise.all([import('../../lessons/index'), import('../lessons/ldn-lesson-player')]);
      if (id !== this.lesson) return;
      const found = lessonById(id.trim());
      this._lessonData = found ?? null;
      this._error = found ? '' : LESSON_STRINGS.unknown(id, LESSONS.map((l) => l.id).join(', '));
    } catch (e) {
      this._error = e instanceof Error ? e.message : String(e);
    }
  }

  protected override render() {
    if (this.lesson) {
      return html`<div class="root" part="root" role="group" aria-label=${W.widgetLabel}>
        ${this._error ? html`<p class="problem" part="error" role="alert">${W.problem}${this._error}</p>` : nothing}
        ${this._lessonData ? html`<ldn-lesson-player .lesson=${this._lessonData} .pool=${sharedPool()} .chartTooltip=${false} .chartHeight=${checkHeight(this.height)}></ldn-lesson-player>` : nothing}
        <p class="note" part="note">${W.disclaimer}</p>
      </div>`;
    }
    const { scenario, problems } = { scenario: this.scenario, problems: this._problems };
    const view = this._modelView;
    const sel = view ? selectView(view, this.view) : null;
    const { controls, unknown } = parseControls(this.controls);
    const notes = [
      ...problems,
      ...this._modelProblems,
      ...(unknown.length ? [W.unknownControls(unknown)] : []),
      ...themeProblem(this.theme),
      ...(sel && view && sel.unmatched.length ? [W.unmatchedView(sel.unmatched, this._result?.meta.modelId ?? '')] : []),
    ];
    const charts = view && sel ? this.#shownCharts(view, this._result) : [];
    const h = checkHeight(this.height);
    const showPlayer = controls.includes('play') || this.autoplay;
    return html`
      <div class="root" part="root" role="group" aria-label=${W.widgetLabel}>
        ${controls.length ? html`<div class="controls" part="controls" role="group" aria-label=${W.controlsLabel}>
          ${controls.includes('dose') ? html`<ldn-dose-slider .doseMg=${scenario.dose} @ldn-dose-change=${this.#onDose}></ldn-dose-slider>` : nothing}
          ${controls.includes('time') ? html`<ldn-clock-input .clockH=${parseClock(scenario.time)} @ldn-clock-change=${this.#onClock}></ldn-clock-input>` : nothing}
          ${controls.includes('days') ? html`<label class="days">${W.daysLabel}<span><input type="number" min="1" max=${DAYS_MAX} step="1"
            .value=${String(scenario.days)} aria-label="${W.daysLabel} (${W.daysUnit})" @change=${this.#onDays} /> ${W.daysUnit}</span></label>` : nothing}
        </div>` : nothing}
        <p class="summary" part="summary" aria-live="polite">${this.#summaryText(scenario)}</p>
        ${notes.length ? html`<p class="problem" part="error" role="status">${W.problem}${notes.join('; ')}.</p>` : nothing}
        ${this._error ? html`<p class="problem" part="error" role="alert">${W.failed}${this._error}</p>` : nothing}
        ${this._rangeNotes.length ? html`<p class="note" part="range-note">${STRINGS.widgetOutsideRange(this._rangeNotes)}</p>` : nothing}
        <div class="charts ${this._busy && this._result ? 'busy' : ''}" aria-busy=${this._busy ? 'true' : 'false'}>
          ${charts.map((c) => html`<ldn-chart part="chart" data-chart=${c.id} .config=${c} .result=${this._result}
            .pinned=${this._compare} .cursorH=${this._cursorH} .height=${h} .tooltip=${false}
            .currentLabel=${this._compare ? `${scenario.dose} mg` : null} .pinnedLabel=${this._compare && scenario.compare !== null ? `${scenario.compare} mg` : null}
            @ldn-cursor-change=${this.#onCursor}></ldn-chart>`)}
        </div>
        ${this.#readout(charts)}
        ${sel?.receptors ? this.#receptors(view!) : nothing}
        ${showPlayer ? this.#player() : nothing}
        <p class="note" part="note">${W.disclaimer}</p>
      </div>`;
  }

  /**
   * The charts the `view` names, keeping only the series the result has (morphine lines need morphine dosed), with
   * each line's colour taken from the custom property `--ldn-sim-line-<column>` where the page sets one.
   */
  #shownCharts(view: ModelView, result: SimulationResult | null): ChartConfig[] {
    const charts = chartsFor({ ...view, charts: selectView(view, this.view).charts }, result);
    return themedCharts(charts, (name) => (this.isConnected ? getComputedStyle(this).getPropertyValue(name) : ''));
  }

  /**
   * The values at the cursor, in words, under the charts. (The chart's own tooltip is off: it is positioned with
   * Lit's styleMap, whose first render writes a style attribute, which a strict CSP blocks.)
   */
  #readout(charts: readonly ChartConfig[]) {
    const r = this._result;
    const t = this._cursorH;
    if (!r || t === null) return nothing;
    const parts: string[] = [];
    for (const c of charts) {
      for (const s of c.series) {
        const col = r.columns.find((x) => x.name === s.column);
        if (col) parts.push(`${s.label ?? col.label} ${formatValue(valueAt(r.timeH, col.values, t) * (c.scale ?? 1), c.unit)}`);
      }
    }
    return html`<p class="readout" part="readout"><b>${clockAt(t, r.meta.startClockH)}</b> · ${parts.join(' · ')}</p>`;
  }

  #summaryText(s: WidgetScenario): string {
    if (!this._result && !this._error) return W.computing;
    const text = `${describeScenario(toAppScenario(s, s.model ?? ''))}.`;
    return s.compare === null ? text : `${text} ${W.compareNote(s.compare)}`;
  }

  /** Time the receptor diagram shows: the cursor, else the moment of peak blockade. */
  #diagramTime(view: ModelView): number {
    if (this._cursorH !== null) return this._cursorH;
    const r = this._result;
    const b = r?.columns.find((c) => c.name === view.receptor?.blockade)?.values;
    if (!r || !b) return 0;
    let at = 0;
    b.forEach((v, i) => { if (v > b[at]!) at = i; });
    return r.timeH[at]!;
  }

  #receptors(view: ModelView) {
    // The diagram's element is fetched only by widgets that show it (the default view does not): the element
    // upgrades when its chunk arrives.
    void import('../ldn-receptor-diagram');
    const r = this._result;
    if (!r) return html`<section class="receptors" part="receptors"></section>`;
    const t = this.#diagramTime(view);
    const at = clockAt(t, r.meta.startClockH);
    return html`<section class="receptors" part="receptors" aria-label=${W.receptorsHeading(at)}>
      <h3>${W.receptorsHeading(at)}</h3>
      <ldn-receptor-diagram .state=${receptorStateAt(r, view, t)}></ldn-receptor-diagram>
      <p class="phase" aria-live="off">${PHASE_TEXT[phaseAt(r, view, t)]}</p>
    </section>`;
  }

  #player() {
    const r = this._result;
    const span = this.#span();
    const t = this._cursorH ?? 0;
    const clock = r ? clockAt(t, r.meta.startClockH) : '';
    return html`<div class="player" part="player">
      <button type="button" part="play-button" aria-pressed=${this._playing ? 'true' : 'false'} ?disabled=${!r}
        @click=${this.#togglePlay}>${this._playing ? W.pause : W.play}</button>
      <label>${W.timeLabel}
        <input type="range" min="0" max=${span} step="0.25" .value=${String(t)} ?disabled=${!r}
          aria-valuetext=${clock} @input=${this.#onScrub} />
        <output aria-hidden="true">${clock}</output></label>
    </div>`;
  }

  #span(): number {
    const r = this._result;
    return r ? r.timeH[r.timeH.length - 1]! : this.days * 24;
  }

  // ---- animation ------------------------------------------------------------------------------------------

  /** Plays once per widget, unless the reader prefers reduced motion. */
  #autoplay(): void {
    if (this.#autoplayed || prefersReducedMotion()) return;
    this.#autoplayed = true;
    this.#play();
  }

  #togglePlay = () => { if (this._playing) this.#stop(); else this.#play(); };

  /** Sweeps the cursor from where it is (or the start) to the end: ~4 s per simulated day, 6–20 s in all. */
  #play(): void {
    this.#stop();
    const span = this.#span();
    if (!(span > 0)) return;
    if (this._cursorH === null || this._cursorH >= span - 1e-9) this._cursorH = 0;
    this._playing = true;
    const durationMs = Math.min(20_000, Math.max(6_000, (span / 24) * 4_000));
    if (prefersReducedMotion()) {
      // No continuous motion: the cursor steps an hour at a time, twice a second.
      this.#timer = setInterval(() => this.#advance(1, span), 500);
      return;
    }
    let last = performance.now();
    const frame = (now: number) => {
      const dt = Math.min(100, now - last);
      last = now;
      if (this.#advance((dt / durationMs) * span, span)) this.#raf = requestAnimationFrame(frame);
    };
    this.#raf = requestAnimationFrame(frame);
  }

  /** Moves the cursor by `dH` hours; returns false (and stops) at the end. */
  #advance(dH: number, span: number): boolean {
    const next = Math.min(span, (this._cursorH ?? 0) + dH);
    this._cursorH = next;
    if (next >= span) { this.#stop(); return false; }
    return true;
  }

  #stop(): void {
    cancelAnimationFrame(this.#raf);
    clearInterval(this.#timer);
    this.#raf = 0;
    this.#timer = undefined;
    this._playing = false;
  }

  // ---- user input -----------------------------------------------------------------------------------------

  #onDose = (ev: CustomEvent<{ doseMg: number }>) => {
    ev.stopPropagation();
    this.dose = ev.detail.doseMg;
    this.#changed();
  };

  #onClock = (ev: CustomEvent<{ clockH: number }>) => {
    ev.stopPropagation();
    this.time = formatClock(ev.detail.clockH);
    this.#changed();
  };

  #onDays = (ev: Event) => {
    const input = ev.target as HTMLInputElement;
    const v = Number(input.value);
    if (!Number.isInteger(v) || v < 1 || v > DAYS_MAX) { input.value = String(this.scenario.days); return; }
    this.days = v;
    this.#changed();
  };

  #onCursor = (ev: CustomEvent<{ timeH: number | null }>) => {
    ev.stopPropagation();
    this.#stop();
    this._cursorH = ev.detail.timeH;
  };

  #onScrub = (ev: Event) => {
    this.#stop();
    this._cursorH = Number((ev.target as HTMLInputElement).value);
  };

  #changed(): void {
    this.dispatchEvent(new CustomEvent<WidgetScenario>('ldn-sim-change', { detail: this.scenario, bubbles: true, composed: true }));
  }
}
