/**
 * `<ldn-app>`: the teaching app's view. The scenario (the model of the page), its runs through the worker pool
 * and the URL live in a `ScenarioController` (ui/app/scenario-controller.ts); this element renders that state,
 * passes results down to standalone elements (charts, receptor diagram, player) and turns user events into calls
 * on the controller. View-only state (tab, Play, evidence marks, phone layout) stays here.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, queryAll, state } from 'lit/decorators.js';
import type { ModelSpec } from '../engine/model/types';
import type { SimulationResult } from '../engine/result';
import type { SimulationPool } from '../workers/pool';
import { chartsFor, type ModelView } from './chart-config';
import { clockAt, valueAt } from './format';
import { PHASE_TEXT, phaseAt, type Phase } from './phases';
import { receptorStateAt } from './receptor-state';
import {
  DAYS_MAX, SCENARIO_PRESETS, defaultScenario, describeScenario, matchingPreset, titrationDays, type Scenario,
} from './scenario';
import { STRINGS, formatMg } from './strings';
import { LANGUAGES, LANGUAGE_NAMES, browserLanguages, language, loadLanguage, pickLanguage } from './i18n/runtime';
import { APP_STYLES } from './app/app-styles';
import type { FrameDetail } from './app/frame-detail';
import { ScenarioController } from './app/scenario-controller';
import { takeStaticFirstScreen } from './app/static-first-screen';
// Not on the first screen (after the first curve): the parameter panel, the titration editor, the blockade switch,
// dosing time and steady-state switch, and the Compare/Export/Embed/Parameters cards (ui/app/ldn-app-more.ts).
import { loadBelowFold, loadTitrationEditor } from './app/deferred-elements';
import type { LdnChart } from './ldn-chart';
import './ldn-chart';
import type { BlockadeChangeDetail } from './ldn-blockade-switch';
import type { evidenceMarks } from './evidence-marks';
import type { ObservationsChangeDetail } from './observed-marks';
import type { observedMarksFor } from './observed-marks-for';
import './ldn-dose-slider';
import './ldn-player';
import './ldn-preset-bar';
import './ldn-receptor-diagram';
import { modelText } from './i18n/model-text';
import { loadLaterPanels } from './later-panels'; // Lessons, Model and Research tabs, Embed panel: after the first curve

export type { FrameDetail } from './app/frame-detail';

declare global {
  interface HTMLElementTagNameMap { 'ldn-app': LdnApp }
  interface HTMLElementEventMap { 'ldn-frame': CustomEvent<FrameDetail> }
}

/** Captions for a model without receptors (pharmacokinetics only). */
const PK_PHASE_TEXT: Record<Phase, string> = Object.defineProperties({ ...PHASE_TEXT }, {
  clearance: { get: () => STRINGS.phaseEliminationPk },
  baseline: { get: () => STRINGS.phaseBaselinePk },
});

/** Phones: at 360 × 740 the dose slider and the blockade chart must be on screen together (issue #17). */
const PHONE_QUERY = typeof matchMedia === 'function' ? matchMedia('(max-width: 600px)') : null;

@customElement('ldn-app')
export class LdnApp extends LitElement {
  static override styles = APP_STYLES;

  /**
   * A pool to share (the embeddable widget passes its own); by default the app makes one sized to the cores, after
   * its first curve (`ensurePool`).
   */
  @property({ attribute: false }) pool: SimulationPool | null = null;

  /** The scenario state, its runs and the URL; the charts are what an `ldn-frame` waits for. */
  readonly #scenarioCtl = new ScenarioController(this, () => this.chartEls);

  /** The scenario being shown (see `ScenarioController.scenario`). */
  get scenario(): Scenario | null { return this.#scenarioCtl.scenario; }
  @state() private playing = false;
  @state() private hoursPerSecond = 3;
  @state() private tab: 'sim' | 'lessons' | 'model' | 'research' = 'sim';
  /** View-only: mark the published human figures on the blockade chart (issue #13). */
  @state() private evidence = false;
  /** Observations imported in the Research tab, shown on the matching Simulator charts (issue #14). */
  @state() private observed: ObservationsChangeDetail | null = null;
  /** The code that matches them to the charts, fetched when observations first arrive (not on the first screen). */
  #marksFor: typeof observedMarksFor | null = null;
  #onObservations = (e: CustomEvent<ObservationsChangeDetail>) => {
    this.observed = e.detail;
    if (!this.#marksFor && e.detail.set) void import('./observed-marks-for').then((m) => { this.#marksFor = m.observedMarksFor; this.requestUpdate(); });
  };
  /** The Evidence marks' code and published figures, fetched when the toggle is first switched on (not on the first screen). */
  #evidenceMarks: typeof evidenceMarks | null = null;
  #onEvidence = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    if (input.checked && !this.#evidenceMarks) this.#evidenceMarks = (await import('./evidence-marks')).evidenceMarks;
    this.evidence = input.checked;
  };
  /** A phone-sized viewport (≤ 600 px): the dose slider moves above the charts, the blockade chart first. */
  @state() private phone = PHONE_QUERY?.matches ?? false;
  #onPhone = (e: MediaQueryListEvent) => { this.phone = e.matches; };
  /** The research panel stays mounted once opened, so its results survive switching tabs. */
  #researchOpened = false;

  @queryAll('ldn-chart') private chartEls!: NodeListOf<LdnChart>;
  /** The charts, for the figures of `<ldn-app-more>` (ui/app/ldn-app-more.ts). */
  #chartList = () => this.chartEls;

  #ownPool = false;
  #raf = 0;
  #lastTick = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // ?lang=es, else the browser's language; one language per page (ui/i18n/runtime.ts). A translation is fetched
    // first (only then): the page renders once it is applied; the models load meanwhile. The page says its language at once.
    const lang = pickLanguage([new URLSearchParams(location.search).get('lang'), ...browserLanguages()]);
    document.documentElement.lang = lang;
    this.#languageReady = loadLanguage(lang)
      .then(() => undefined, (err: unknown) => { // e.g. offline before the catalogue was ever fetched: stay in English
        document.documentElement.lang = 'en';
        this.error = `${STRINGS.errorPrefix}${(err as Error).message}`;
      });
    PHONE_QUERY?.addEventListener('change', this.#onPhone);
    void this.#scenarioCtl.start(this.#languageReady); // the models load while the language does
  }

  #poolLoading: Promise<SimulationPool | null> | null = null;

  /**
   * The pool, made on first need: the worker pool's module (with comlink) and its workers are not on the first
   * screen, which is drawn from the build's pre-rendered run (ui/app/first-screen.ts). Null once disconnected.
   */
  ensurePool(): Promise<SimulationPool | null> {
    if (this.pool) return Promise.resolve(this.pool);
    this.#poolLoading ??= import('../workers/pool').then(({ SimulationPool }) => {
      this.#poolLoading = null;
      if (!this.pool && this.isConnected) { this.pool = new SimulationPool(); this.#ownPool = true; }
      return this.pool;
    });
    return this.#poolLoading;
  }

  /** True while the page's static first screen (ui/app/static-first-screen.ts) is what this element shows. */
  #staticScreen = false;
  /** True once the elements below the first screen's fold are defined (awaited only to replace the static screen). */
  #belowFoldReady = false;

  /** The page's declarative shadow root when it carries the static first screen (kept until the first render). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot() as ShadowRoot;
    // Lit would render before the root's first child: the static screen is removed before the first render instead.
    this.renderOptions.renderBefore = null;
    this.#staticScreen = takeStaticFirstScreen(root);
    if (this.#staticScreen) {
      const ready = () => { this.#belowFoldReady = true; this.requestUpdate(); };
      // After the static screen's first frame (its curve on screen), as after a first curve drawn by the app itself;
      // a failed chunk shows as an empty slot, as it would without the static screen.
      requestAnimationFrame(() => setTimeout(() => { void loadBelowFold().then(ready, ready); }, 0));
    }
    return root;
  }

  /**
   * The static first screen stays until this element can draw all of it (the first result, and the elements
   * below it, which it shows complete), or has an error to show: so the page never shows less than it did.
   */
  protected override shouldUpdate(changed: Map<PropertyKey, unknown>): boolean {
    if (this.#staticScreen && !this.error && !(this.result && this.#belowFoldReady)) return false;
    return super.shouldUpdate(changed);
  }

  protected override update(changed: Map<PropertyKey, unknown>): void {
    if (this.#staticScreen) { this.renderRoot.replaceChildren(); this.#staticScreen = false; }
    super.update(changed);
  }

  /** Settles once the page's language is applied (at once in English); no render before it. */
  #languageReady: Promise<void> = Promise.resolve();

  protected override async scheduleUpdate(): Promise<void> {
    await this.#languageReady;
    super.scheduleUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    PHONE_QUERY?.removeEventListener('change', this.#onPhone);
    cancelAnimationFrame(this.#raf);
    clearInterval(this.#stepTimer);
    if (this.#ownPool) { this.pool?.dispose(); this.pool = null; }
  }

  /** The spec of the current scenario's model. */
  get spec(): ModelSpec | null { return this.#scenarioCtl.spec; }

  /**
   * True once the charts show a live run. With no scenario in the link they first show the build's pre-rendered
   * run of the default scenario (same numbers, rounded), which the live run replaces once the worker has started.
   */
  get live(): boolean { return this.#scenarioCtl.live; }

  /** The chart configuration of the current model. */
  get view(): ModelView | null { return this.#scenarioCtl.view; }

  /** The model shown when a link names none: `ldn` if the pool has it, else its first. */
  get defaultModelId(): string { return this.#scenarioCtl.defaultModelId; }

  // The controller's state under the names the template and the handlers use (setters where a handler sets it).
  private get specs() { return this.#scenarioCtl.specs; }
  private get pinned() { return this.#scenarioCtl.pinned; }
  private get result() { return this.#scenarioCtl.result; }
  private get pinnedResult() { return this.#scenarioCtl.pinnedResult; }
  private get error() { return this.#scenarioCtl.error; }
  private set error(v: string | null) { this.#scenarioCtl.error = v; }
  private get notice() { return this.#scenarioCtl.notice; }
  private set notice(v: string | null) { this.#scenarioCtl.notice = v; }
  private get busy() { return this.#scenarioCtl.busy; }
  private get cursorH() { return this.#scenarioCtl.cursorH; }
  private set cursorH(v: number) { this.#scenarioCtl.cursorH = v; }

  #onSliderFocus = (e: FocusEvent) => this.#scenarioCtl.setSliderFocused(e.type === 'focusin');

  /** Applies a user change to the scenario: the controller reruns it and keeps the URL in step. */
  #update(patch: Partial<Scenario>): void { this.#scenarioCtl.change(patch); }

  // ---- event handlers (user actions) ----

  #onDose = (e: CustomEvent<{ doseMg: number }>) => {
    if (this.scenario && e.detail.doseMg !== this.scenario.doseMg) this.#scenarioCtl.doseDirection = e.detail.doseMg > this.scenario.doseMg ? 1 : -1;
    this.#update(this.scenario?.regimen === 'titration' ? { doseMg: e.detail.doseMg, regimen: 'daily' } : { doseMg: e.detail.doseMg });
  };
  #onClock = (e: CustomEvent<{ clockH: number }>) => this.#update({ clockH: e.detail.clockH });
  #onDays = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const v = Math.round(Number(input.value));
    if (!(v >= 1 && v <= DAYS_MAX)) { input.value = String(this.scenario?.days ?? 3); return; }
    this.#update({ days: v });
  };
  #setDays(days: number): void { this.#update({ days }); }
  #onSteadyState = (e: CustomEvent<{ on: boolean }>) => this.#update({ steadyState: e.detail.on });
  #onRegimen(regimen: Scenario['regimen']): void {
    const s = this.scenario;
    if (!s) return;
    this.#update(regimen === 'titration' ? { regimen, days: Math.max(1, Math.min(DAYS_MAX, titrationDays(s.titration))) } : { regimen, intervalH: undefined });
  }
  #onTitration = (e: CustomEvent<{ steps: Scenario['titration'] }>) => {
    this.#update({ titration: e.detail.steps, days: Math.max(1, Math.min(DAYS_MAX, titrationDays(e.detail.steps))) });
  };
  #onAgonistToggle = (e: Event) => {
    const on = (e.target as HTMLInputElement).checked;
    this.#update({ agonist: on ? { amtMg: 10, everyH: 6 } : null });
  };
  #onAgonistDose = (e: Event) => {
    const v = Number((e.target as HTMLInputElement).value);
    const a = this.scenario?.agonist;
    if (a && v > 0 && v <= 1000) this.#update({ agonist: { ...a, amtMg: v } });
  };
  #onAgonistEvery = (e: Event) => {
    const v = Number((e.target as HTMLSelectElement).value);
    const a = this.scenario?.agonist;
    if (a) this.#update({ agonist: { ...a, everyH: v } });
  };
  /** The Research tab's fit: its values become parameter overrides (issue #14), so the URL and exports carry them. */
  #onFitApply = (e: CustomEvent<{ modelId: string; params: Readonly<Record<string, number>> }>) => {
    if (e.detail.modelId === this.scenario?.modelId) this.#update({ params: { ...this.scenario.params, ...e.detail.params } });
  };
  #onPresetGroup = (e: CustomEvent<{ group: string; option: string }>) => {
    const g = this.spec?.presets?.find((x) => x.name === e.detail.group);
    const presets = { ...this.scenario!.presets };
    if (g && g.default === e.detail.option) delete presets[e.detail.group]; else presets[e.detail.group] = e.detail.option;
    this.#update({ presets });
  };
  #onBlockade = (e: CustomEvent<BlockadeChangeDetail>) => {
    this.#onPresetGroup(new CustomEvent('ldn-preset-group-change', { detail: { group: 'blockade', option: e.detail.option } }));
  };
  #onPreset = (e: CustomEvent<{ id: string }>) => {
    const p = SCENARIO_PRESETS.find((x) => x.id === e.detail.id);
    const s = this.scenario;
    if (!p || !s || !this.spec || !this.view) return;
    const next = p.apply(s, this.spec, this.view);
    if (next) this.#scenarioCtl.applyPreset(next);
  };
  #onModel = (e: Event) => {
    this.#scenarioCtl.changeModel((e.target as HTMLSelectElement).value);
  };
  #onCursor = (e: CustomEvent<{ timeH: number | null }>) => {
    if (e.detail.timeH === null) return;
    this.cursorH = e.detail.timeH;
    this.#scenarioCtl.syncUrl();
  };
  #onPlayToggle = () => {
    this.playing = !this.playing;
    if (this.playing) {
      const span = (this.scenario?.days ?? 1) * 24;
      if (this.cursorH >= span - 1e-6) this.cursorH = 0;
      this.#lastTick = performance.now();
      // Reduced motion: no continuous sweep; the cursor steps once a second by the chosen speed.
      if (matchMedia('(prefers-reduced-motion: reduce)').matches) this.#stepTimer = window.setInterval(this.#step, 1000);
      else this.#raf = requestAnimationFrame(this.#tick);
    } else {
      cancelAnimationFrame(this.#raf);
      clearInterval(this.#stepTimer);
      this.#scenarioCtl.syncUrl();
    }
  };
  #stepTimer = 0;
  /** One step of Play under reduced motion: an hour-per-second speed moves the cursor that many hours at once. */
  #step = () => {
    const span = (this.scenario?.days ?? 1) * 24;
    const next = this.cursorH + this.hoursPerSecond;
    if (!this.playing || next >= span) { this.cursorH = Math.min(span, next); this.playing = false; clearInterval(this.#stepTimer); this.#scenarioCtl.syncUrl(); return; }
    this.cursorH = next;
  };
  #onSpeed = (e: CustomEvent<{ hoursPerSecond: number }>) => { this.hoursPerSecond = e.detail.hoursPerSecond; };

  #tick = (now: number) => {
    if (!this.playing) return;
    const span = (this.scenario?.days ?? 1) * 24;
    const dt = Math.min(0.1, (now - this.#lastTick) / 1000);
    this.#lastTick = now;
    const next = this.cursorH + dt * this.hoursPerSecond;
    if (next >= span) { this.cursorH = span; this.playing = false; this.#scenarioCtl.syncUrl(); return; }
    this.cursorH = next;
    this.#raf = requestAnimationFrame(this.#tick);
  };

  // ---- render ----

  /** The titration editor is fetched when the titration regimen is about to be shown (see app/deferred-elements.ts). */
  protected override willUpdate(): void {
    if (this.scenario?.regimen === 'titration') void loadTitrationEditor();
    if (this.error) void loadBelowFold(); // no curve to wait for: the controls and cards are needed at once
  }

  protected override render() {
    return html`
      <header>
      <button class="skip" @click=${this.#skip}>${STRINGS.skipToCharts}</button>
      <div class="top">
        <h1>${STRINGS.appTitle}</h1>
        <p>${STRINGS.appSubtitle}</p>
        ${this.#languageMenu()}
        <nav role="tablist" aria-label=${STRINGS.tabsLabel} @keydown=${this.#onTabKey}>
          <button role="tab" id="tab-sim" aria-controls="panel-sim" tabindex=${this.tab === 'sim' ? 0 : -1} aria-selected=${String(this.tab === 'sim')} @click=${() => { this.tab = 'sim'; }}>${STRINGS.tabSimulator}</button>
          <button role="tab" id="tab-lessons" aria-controls="panel-lessons" tabindex=${this.tab === 'lessons' ? 0 : -1} aria-selected=${String(this.tab === 'lessons')} @click=${() => { void loadLaterPanels(); this.tab = 'lessons'; }}>${STRINGS.tabLessons}</button>
          <button role="tab" id="tab-model" aria-controls="panel-model" tabindex=${this.tab === 'model' ? 0 : -1} aria-selected=${String(this.tab === 'model')} @click=${() => { void loadLaterPanels(); this.tab = 'model'; }}>${STRINGS.tabModel}</button>
          <button role="tab" id="tab-research" aria-controls="panel-research" tabindex=${this.tab === 'research' ? 0 : -1} aria-selected=${String(this.tab === 'research')} @click=${() => { void loadLaterPanels(); this.tab = 'research'; }}>${STRINGS.tabResearch}</button>
        </nav>
      </div>
      <div class="disclaimer" role="note">${STRINGS.disclaimer}</div>
      </header>
      <main>
        ${this.notice ? html`<p class="notice" role="status">${this.notice} <button class="small" @click=${this.#dismiss}>${STRINGS.dismiss}</button></p>` : nothing}
        <div id="panel-sim" role="tabpanel" aria-labelledby="tab-sim" ?hidden=${this.tab !== 'sim'}>${this.#simulator()}</div>
        <div id="panel-lessons" role="tabpanel" aria-labelledby="tab-lessons" ?hidden=${this.tab !== 'lessons'}>
          ${this.tab === 'lessons' ? html`<ldn-lessons .pool=${this.pool}></ldn-lessons>` : nothing}
        </div>
        <div id="panel-model" role="tabpanel" aria-labelledby="tab-model" ?hidden=${this.tab !== 'model'}>
          ${this.tab === 'model' ? html`<ldn-model-page .spec=${this.spec} .pool=${this.pool}></ldn-model-page>` : nothing}
        </div>
        <div id="panel-research" role="tabpanel" aria-labelledby="tab-research" ?hidden=${this.tab !== 'research'}>
          ${this.tab === 'research' || this.#researchOpened ? ((this.#researchOpened = true), html`<ldn-research-panel .specs=${this.specs} .scenario=${this.scenario} @ldn-fit-apply=${this.#onFitApply}
            @ldn-observations-change=${this.#onObservations}></ldn-research-panel>`) : nothing}
        </div>
      </main>
      <footer>${STRINGS.footer} ${this.result ? STRINGS.footerModel(this.result.meta.modelId, this.result.meta.modelVersion) : ''}</footer>`;
  }

  /** The language menu: choosing one reloads the page with `?lang=` (the scenario in the hash is kept). */
  #languageMenu() {
    return html`<label class="lang">${STRINGS.languageLabel}
      <select @change=${(e: Event) => {
        const u = new URL(location.href);
        u.searchParams.set('lang', (e.target as HTMLSelectElement).value);
        location.assign(u.href);
      }}>${LANGUAGES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === language()}>${LANGUAGE_NAMES[l]}</option>`)}</select></label>`;
  }

  /** Tabs pattern (WAI-ARIA): arrow keys move between the tabs and select them. */
  #onTabKey = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    const tabs = ['sim', 'lessons', 'model', 'research'] as const;
    const i = tabs.indexOf(this.tab);
    void loadLaterPanels();
    this.tab = e.key === 'Home' ? 'sim' : e.key === 'End' ? 'research' : tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#tab-${this.tab}`) as HTMLElement | null)?.focus());
  };

  /** Dismissing the notice removes its button: focus goes to the active tab, the control before it. */
  #dismiss = () => {
    this.notice = null;
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#tab-${this.tab}`) as HTMLElement | null)?.focus());
  };

  #skip = (e: Event) => {
    e.preventDefault();
    (this.renderRoot.querySelector('#results') as HTMLElement | null)?.focus();
  };

  #simulator() {
    const s = this.scenario;
    const spec = this.spec;
    const view = this.view;
    if (!s || !spec || !view) return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${STRINGS.computing}</p>`}`;
    const presets = this.#presetButtons(spec, view);
    return html`<div class="layout">
      <aside class="ctl" aria-label=${STRINGS.controlsHeading}>
        <section class="card">
          <h2>${STRINGS.presetsHeading}</h2>
          <ldn-preset-bar .presets=${presets} .active=${this.#activePreset(s, spec, view)} label=${STRINGS.presetsHeading} @ldn-preset-select=${this.#onPreset}></ldn-preset-bar>
        </section>
        <section class="card">
          <h2>${STRINGS.controlsHeading}</h2>
          ${this.specs.length > 1 ? html`<div class="field"><label for="model">${STRINGS.modelLabel}</label>
            <select id="model" @change=${this.#onModel}>${this.specs.map((m) => html`<option value=${m.id} ?selected=${m.id === s.modelId}>${modelText(m, 'title')}</option>`)}</select></div>` : nothing}
          <div class="field" role="group" aria-label=${STRINGS.regimenLabel}>
            <span class="label">${STRINGS.regimenLabel}</span>
            <span class="seg">
              <button type="button" aria-pressed=${String(s.regimen === 'daily')} @click=${() => this.#onRegimen('daily')}>${STRINGS.regimenDaily}</button>
              <button type="button" aria-pressed=${String(s.regimen === 'titration')} @click=${() => this.#onRegimen('titration')}>${STRINGS.regimenTitration}</button>
            </span>
          </div>
          <div class="gap"></div>
          ${s.regimen === 'daily'
            ? (this.phone ? html`<p class="hint">${STRINGS.a11y.doseAboveCharts}</p>` : this.#doseSlider(s))
            : html`<ldn-titration-editor .steps=${s.titration} @ldn-titration-change=${this.#onTitration}></ldn-titration-editor>`}
          ${spec.presets?.some((g) => g.name === 'blockade') ? html`<div class="gap"></div>
            <ldn-blockade-switch .option=${s.presets['blockade'] === 'long' ? 'long' : 'brief'} @ldn-blockade-change=${this.#onBlockade}></ldn-blockade-switch>` : nothing}
          <div class="gap"></div>
          <ldn-clock-input .clockH=${s.clockH} @ldn-clock-change=${this.#onClock}></ldn-clock-input>
          <div class="gap"></div>
          <div class="field">
            <label for="days">${STRINGS.daysLabel}</label>
            <input id="days" type="number" min="1" max=${DAYS_MAX} step="1" .value=${String(s.days)} @change=${this.#onDays} />
            <span class="seg">${[1, 3, 7, 28].map((d) => html`<button type="button" aria-pressed=${String(s.days === d)} @click=${() => this.#setDays(d)}>${STRINGS.dayCount(d)}</button>`)}</span>
          </div>
          ${s.regimen === 'daily' ? html`<div class="gap"></div><ldn-steady-state-switch .on=${!!s.steadyState} @ldn-steady-state-change=${this.#onSteadyState}></ldn-steady-state-switch>` : nothing}
          ${view.agonistDrug ? html`<div class="gap"></div><div class="field">
            <label><input type="checkbox" .checked=${!!s.agonist} @change=${this.#onAgonistToggle} /> ${STRINGS.comedicationLabel} (${STRINGS.morphineName})</label>
            ${s.agonist ? html`<span class="row"><input type="number" min="1" max="1000" step="1" aria-label="${STRINGS.comedicationDose} (mg)" .value=${formatMg(s.agonist.amtMg)} @change=${this.#onAgonistDose} /> mg
              ${STRINGS.comedicationEvery}  <select aria-label=${STRINGS.morphineInterval} @change=${this.#onAgonistEvery}>${[4, 6, 8, 12, 24].map((h) => html`<option value=${h} ?selected=${s.agonist!.everyH === h}>${h} h</option>`)}</select></span>` : nothing}
          </div>` : nothing}
        </section>
      </aside>
      <aside class="more" aria-label="${STRINGS.compareHeading}, ${STRINGS.exportHeading}, ${STRINGS.parametersHeading}">
        <ldn-app-more .ctl=${this.#scenarioCtl} .scenario=${s} .spec=${spec} .pinned=${this.pinned} .result=${this.result}
          .provisional=${this.#scenarioCtl.provisional} .charts=${this.#chartList} .onPresetGroup=${this.#onPresetGroup}></ldn-app-more>
      </aside>
      ${this.#results(view)}
    </div>`;
  }

  #doseSlider(s: Scenario) {
    return html`<ldn-dose-slider .doseMg=${s.doseMg} @ldn-dose-change=${this.#onDose} @focusin=${this.#onSliderFocus} @focusout=${this.#onSliderFocus}></ldn-dose-slider>`;
  }

  #atCursor: { r: SimulationResult | null; t: number; receptor: ReturnType<typeof receptorStateAt>; phase: Phase | null } | null = null;
  #presetCache: { spec: ModelSpec; buttons: { id: string; label: string; disabled: boolean; note: string }[] } | null = null;

  #presetMatch: { s: Scenario; spec: ModelSpec; id: string | null } | null = null;

  /** The preset the scenario matches, worked out once per scenario (not again for every result or cursor move). */
  #activePreset(s: Scenario, spec: ModelSpec, view: ModelView): string | null {
    if (this.#presetMatch?.s !== s || this.#presetMatch.spec !== spec) this.#presetMatch = { s, spec, id: matchingPreset(s, spec, view) };
    return this.#presetMatch.id;
  }

  /** Preset buttons; which are available depends on the model only. */
  #presetButtons(spec: ModelSpec, view: ModelView) {
    if (this.#presetCache?.spec !== spec) {
      const base = defaultScenario(spec.id);
      this.#presetCache = {
        spec,
        buttons: SCENARIO_PRESETS.map((p) => {
          const na = p.apply(base, spec, view) === null;
          return { id: p.id, label: p.label, disabled: na, note: na ? STRINGS.notAvailable : '' };
        }),
      };
    }
    return this.#presetCache.buttons;
  }

  /** The caption for a phase; the rebound says "stronger than before" only when the opioid tone is above baseline. */
  #caption(view: ModelView, phase: Phase, t: number): string {
    if (!view.receptor) return PK_PHASE_TEXT[phase];
    if (phase === 'rebound' && this.result) {
      const tone = this.result.columns.find((c) => c.name === 'opioid_tone_rel');
      if (tone && valueAt(this.result.timeH, tone.values, t) > 1.01) return STRINGS.phaseReboundAbove;
    }
    return PHASE_TEXT[phase];
  }

  #chartCache: { view: ModelView; key: string; charts: ReturnType<typeof chartsFor> } | null = null;

  /** The charts for a result, kept identical while the set of columns is the same (so charts are not reconfigured). */
  #charts(view: ModelView, r: SimulationResult | null) {
    const key = r ? r.columns.map((c) => c.name).join(',') : '';
    if (this.#chartCache?.view !== view || this.#chartCache.key !== key) this.#chartCache = { view, key, charts: chartsFor(view, r) };
    return this.#chartCache.charts;
  }

  #results(view: ModelView) {
    const r = this.result;
    const s = this.scenario!;
    const span = s.days * 24;
    const t = Math.min(this.cursorH, span);
    // Recomputed only when the result or the cursor moves, so other updates leave the diagram alone.
    if (this.#atCursor?.r !== r || this.#atCursor.t !== t) {
      this.#atCursor = { r, t, receptor: r ? receptorStateAt(r, view, t) : null, phase: r ? phaseAt(r, view, t) : null };
    }
    const { receptor, phase } = this.#atCursor;
    const charts = this.#charts(view, r);
    return html`<section class="results" id="results" tabindex="-1" aria-label=${STRINGS.chartsHeading}
        @ldn-cursor-change=${this.#onCursor} @ldn-play-toggle=${this.#onPlayToggle} @ldn-speed-change=${this.#onSpeed}>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.phone && s.regimen === 'daily' ? html`<section class="card dose-card" aria-label=${STRINGS.doseLabel}>${this.#doseSlider(s)}</section>` : nothing}
      <div class="stage ${receptor ? '' : 'solo'}">
        ${receptor ? html`<section class="card" aria-labelledby="rec-h">
          <h2 id="rec-h">${STRINGS.animationHeading}: ${clockAt(t, s.clockH)}</h2>
          <ldn-receptor-diagram .state=${receptor}></ldn-receptor-diagram>
        </section>` : nothing}
        <section class="card">
          <h2>${STRINGS.playDays(s.days)}</h2>
          <ldn-player .spanH=${span} .cursorH=${t} .startClockH=${s.clockH} .playing=${this.playing} .hoursPerSecond=${this.hoursPerSecond}></ldn-player>
          ${phase ? html`<p class="caption" aria-live="polite" data-phase=${phase}>${this.#caption(view, phase, t)}</p>` : nothing}
          <p class="status busy" aria-hidden="true">${this.busy ? STRINGS.computing : ''}</p>
          ${r ? html`<p class="hint">${STRINGS.chartHint}</p>` : nothing}
        </section>
      </div>
      <div class="charts">
        ${charts.map((c) => html`<ldn-chart defer-offscreen data-id=${c.id} .config=${c} .result=${r} .pinned=${this.pinnedResult} .cursorH=${t}
          .currentLabel=${this.pinned ? describeScenario(s) : null} .pinnedLabel=${this.pinned ? describeScenario(this.pinned) : null}
          .evidence=${c.id === 'blockade' && this.evidence && this.#evidenceMarks ? this.#evidenceMarks(s) : null}
          .observed=${this.observed?.modelId === s.modelId && this.#marksFor ? this.#marksFor(this.observed.set, c) : null}>${c.id === 'blockade' && view.receptor
            ? html`<label slot="tools" class="evidence-toggle"><input type="checkbox" .checked=${this.evidence}
              @change=${this.#onEvidence} /><span>${STRINGS.blockade.evidenceToggle}</span></label>` : nothing}</ldn-chart>`)}
      </div>
    </section>`;
  }
}
