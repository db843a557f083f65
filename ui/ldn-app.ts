/**
 * `<ldn-app>`: the teaching app. Owns the scenario (the model of the page), runs it through the worker pool
 * (latest request wins), keeps the URL in step with it, and passes results down to standalone elements
 * (charts, receptor diagram, player). Only this element starts simulations.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, queryAll, state } from 'lit/decorators.js';
import { toCsv } from '../engine/csv';
import { formatClock } from '../engine/dosing';
import type { ModelSpec } from '../engine/model/types';
import type { SimulationResult } from '../engine/result';
import { SimulationPool, WorkerCrashError } from '../workers/pool';
import { chartsFor, viewFor, type ModelView } from './chart-config';
import { DOSE_LADDER_MG, ladderIndex } from './dose-ladder';
import { composeSvg, download, svgText, svgToPng } from './export';
import { clockAt, valueAt } from './format';
import { PHASE_TEXT, phaseAt, type Phase } from './phases';
import { receptorStateAt } from './receptor-state';
import {
  DAYS_MAX, SCENARIO_PRESETS, decodeScenario, defaultScenario, describeScenario, encodeScenario, matchingPreset,
  scenarioRequest, titrationDays, type Scenario,
} from './scenario';
import { STRINGS, formatMg } from './strings';
import { LANGUAGES, LANGUAGE_NAMES, browserLanguages, language, pickLanguage, setLanguage } from './i18n/runtime';
import { summarizeChart } from './summary';
import { SELECTED_MARK, THEME_HOST, TOUCH_TARGETS } from './theme';
import type { LdnChart } from './ldn-chart';
import './ldn-chart';
import './ldn-blockade-switch';
import type { BlockadeChangeDetail } from './ldn-blockade-switch';
import { evidenceMarks } from './evidence-marks';
import './ldn-clock-input';
import './ldn-dose-slider';
import './ldn-param-panel';
import './ldn-player';
import './ldn-preset-bar';
import './ldn-receptor-diagram';
import './ldn-titration-editor';
import './ldn-steady-state-switch';
import { loadLaterPanels } from './later-panels'; // Lessons, Model and Research tabs, Embed panel: after the first curve

/** Detail of `ldn-frame`: a result has been drawn (for tests and the frame-time benchmark). */
export interface FrameDetail {
  /** Milliseconds from the user input that asked for this result to the animation frame after it was drawn. */
  readonly latencyMs: number | null;
  readonly seq: number;
  readonly points: number;
  readonly modelId: string;
  /** Request sent → result received (structured clone, simulation in the worker, transfer back); ≈0 from the cache. */
  readonly workerMs: number;
  /** True when the result was already computed (asked before, or prefetched as a neighbouring dose). */
  readonly cached: boolean;
  /** Result received → every element updated (Lit render and chart drawing). */
  readonly renderMs: number;
  /** Elements updated → the next frame starts: the wait for the frame boundary (vsync) or other work before it. */
  readonly frameWaitMs: number;
  /**
   * The part of `frameWaitMs` spent waiting for the display's frame tick: from the elements being updated to the
   * tick the frame belongs to (the animation-frame timestamp), or 0 when that tick had already passed (Chromium
   * begins a frame at once for a tick it has not used). The rest of the wait is other work or scheduling.
   */
  readonly tickWaitMs: number;
  /** The tick the frame belongs to: its animation-frame timestamp, on the `performance.now()` clock. */
  readonly tickAtMs: number;
  /** Frame start → frame done (animation-frame callbacks, style, layout, paint, commit). */
  readonly paintMs: number;
}

declare global {
  interface HTMLElementTagNameMap { 'ldn-app': LdnApp }
  interface HTMLElementEventMap { 'ldn-frame': CustomEvent<FrameDetail> }
}


/** Captions for a model without receptors (pharmacokinetics only). */
const PK_PHASE_TEXT: Record<Phase, string> = Object.defineProperties({ ...PHASE_TEXT }, {
  clearance: { get: () => STRINGS.phaseEliminationPk },
  baseline: { get: () => STRINGS.phaseBaselinePk },
});

const PREFERRED_MODEL = 'ldn';
/** Phones: at 360 × 740 the dose slider and the blockade chart must be on screen together (issue #17). */
const PHONE_QUERY = typeof matchMedia === 'function' ? matchMedia('(max-width: 600px)') : null;
/** How long a user change may wait for its result before the page re-renders without it. */
const DEFER_MS = 80;

@customElement('ldn-app')
export class LdnApp extends LitElement {
  static override styles = [THEME_HOST, SELECTED_MARK, TOUCH_TARGETS, css`
    :host { display: block; background: var(--ldn-page, #f6f7f9); --ink: var(--ldn-ink, #1b1f24); --muted: var(--ldn-muted, #4b5563); --line: var(--ldn-line, #d5d9e0); --brand: var(--ldn-brand, #0b3d91); color: var(--ink); }
    * { box-sizing: border-box; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 8px; top: 8px; background: var(--ldn-surface, #fff); padding: 6px 10px; z-index: 10; border: 2px solid var(--brand); }
    .top { background: #0b2545; color: #fff; padding: 10px 20px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; }
    .top h1 { margin: 0; font-size: 1.45rem; letter-spacing: 0.01em; }
    .top p { margin: 0; opacity: 0.9; font-size: 0.95rem; flex: 1 1 260px; }
    nav { display: flex; flex-wrap: wrap; gap: 4px; }
    .lang { font-size: 0.85rem; display: inline-flex; gap: 6px; align-items: center; } .lang select { font-size: 0.85rem; }
    nav button { font: inherit; color: #fff; background: transparent; border: 1px solid rgba(255,255,255,0.5); border-radius: 8px; padding: 5px 14px; cursor: pointer; }
    nav button[aria-selected='true'] { background: #fff; color: #0b2545; font-weight: 650; }
    .disclaimer { background: var(--ldn-warn-bg, #fff7ed); border-bottom: 1px solid var(--ldn-warn-line, #c2410c); color: var(--ldn-warn-ink, #7c2d12); padding: 6px 20px; font-size: 0.9rem; }
    main { padding: 16px 20px 32px; }
    .layout { display: grid; grid-template-columns: minmax(300px, 380px) minmax(0, 1fr); grid-template-areas: 'ctl res' 'more res';
      grid-template-rows: auto 1fr; gap: 18px; align-items: start; }
    .ctl { grid-area: ctl; } .more { grid-area: more; } .results { grid-area: res; }
    .card { background: var(--ldn-surface, #fff); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; contain: content; }
    aside { display: grid; gap: 12px; min-width: 0; }
    aside > * { min-width: 0; }
    aside select { max-width: 100%; }
    #model { width: 100%; }
    aside h2, section h2 { font-size: 1.05rem; margin: 0 0 8px; }
    .results { display: grid; gap: 14px; min-width: 0; }
    .stage { display: grid; grid-template-columns: minmax(280px, 460px) minmax(0, 1fr); gap: 14px; align-items: stretch; }
    .stage.solo { grid-template-columns: minmax(0, 1fr); }
    .caption { font-size: 1.12rem; line-height: 1.45; margin: 10px 0 0; min-height: 3.2em; padding: 10px 12px; border-left: 5px solid var(--brand); background: var(--ldn-tint, #eef4ff); border-radius: 6px; }
    .phase-name { font-weight: 700; }
    .charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 14px; }
    .field { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
    .field > label, .label { font-weight: 650; }
    .evidence-toggle { display: flex; gap: 8px; align-items: baseline; font-size: 0.9rem; }
    .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    input[type='number'] { font: inherit; width: 5em; padding: 4px 6px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    select { font: inherit; padding: 4px 6px; border-radius: 6px; border: 1px solid var(--ldn-field-border, #6b7280); }
    button.small, .seg button { font: inherit; font-size: 0.9rem; padding: 5px 10px; border-radius: 8px; border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); color: inherit; cursor: pointer; }
    .seg { display: inline-flex; gap: 4px; flex-wrap: wrap; }
    .seg button[aria-pressed='true'] { background: var(--brand); border-color: var(--brand); color: var(--ldn-on-brand, #fff); }
    button.primary { font: inherit; font-weight: 650; padding: 7px 12px; border-radius: 8px; border: 1px solid var(--brand); background: var(--brand); color: var(--ldn-on-brand, #fff); cursor: pointer; }
    button.ghost { font: inherit; padding: 7px 12px; border-radius: 8px; border: 1px solid var(--brand); background: var(--ldn-surface, #fff); color: var(--brand); cursor: pointer; }
    .exports { display: flex; flex-wrap: wrap; gap: 6px; }
    .status { font-size: 0.9rem; color: var(--muted); min-height: 1.3em; margin: 6px 0 0; }
    .error { background: var(--ldn-error-bg, #fef2f2); border: 1px solid var(--ldn-error-line, #dc2626); color: var(--ldn-error-ink, #7f1d1d); border-radius: 8px; padding: 10px 12px; }
    .notice { background: var(--ldn-tint, #eef4ff); border: 1px solid var(--ldn-focus, #0072B2); border-radius: 8px; padding: 8px 12px; font-size: 0.92rem; }
    .pinned-note { font-size: 0.9rem; margin: 6px 0 0; color: var(--muted); }
    details.params > summary { cursor: pointer; font-weight: 650; font-size: 1.05rem; }
    .hint { font-size: 0.82rem; color: var(--muted); margin: 4px 0 8px; }
    .busy { font-size: 0.85rem; color: var(--muted); }
    .gap { height: 12px; }
    :is(button, input, select, summary):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    footer { padding: 12px 20px 24px; font-size: 0.85rem; color: var(--muted); }
    @media (min-width: 1500px) { .charts { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    @media (min-width: 1800px) { .layout { grid-template-columns: 420px minmax(0, 1fr); } }
    @media (max-width: 1100px) { .stage { grid-template-columns: minmax(0, 1fr); } }
    @media (max-width: 860px) {
      .layout { grid-template-columns: minmax(0, 1fr); grid-template-areas: 'ctl' 'res' 'more'; grid-template-rows: auto; }
      main { padding: 10px 8px 24px; }
      .top { padding: 8px 10px; }
      .disclaimer { padding: 6px 10px; }
    }
    @media (max-width: 600px) {
      .layout { grid-template-areas: 'res' 'ctl' 'more'; }
      .top p { display: none; }
      .top h1 { font-size: 1.2rem; }
      .disclaimer { font-size: 0.8rem; }
      .results { display: flex; flex-direction: column; }
      .dose-card { order: -2; }
      .charts { order: -1; }
      .charts ldn-chart[data-id='blockade'] { order: -1; }
    }
  `];

  /** A pool to share (the embeddable widget passes its own); by default the app makes one sized to the cores. */
  @property({ attribute: false }) pool: SimulationPool | null = null;

  @state() private specs: ModelSpec[] = [];
  /**
   * The scenario being shown. Not a reactive property: a user change re-renders the page together with its
   * result (one frame instead of two while a slider is dragged), or after `DEFER_MS` if the result is slow.
   */
  #scenario: Scenario | null = null;
  get scenario(): Scenario | null { return this.#scenario; }
  #renderTimer = 0;
  @state() private pinned: Scenario | null = null;
  @state() private result: SimulationResult | null = null;
  @state() private pinnedResult: SimulationResult | null = null;
  @state() private error: string | null = null;
  @state() private notice: string | null = null;
  @state() private busy = false;
  @state() private cursorH = 0;
  @state() private playing = false;
  @state() private hoursPerSecond = 3;
  @state() private tab: 'sim' | 'lessons' | 'model' | 'research' = 'sim';
  /** View-only: mark the published human figures on the blockade chart (issue #13). */
  @state() private evidence = false;
  /** A phone-sized viewport (≤ 600 px): the dose slider moves above the charts, the blockade chart first. */
  @state() private phone = PHONE_QUERY?.matches ?? false;
  #onPhone = (e: MediaQueryListEvent) => { this.phone = e.matches; };
  /** The research panel stays mounted once opened, so its results survive switching tabs. */
  #researchOpened = false;

  @queryAll('ldn-chart') private chartEls!: NodeListOf<LdnChart>;

  #ownPool = false;
  #seq = 0;
  #drawnSeq = 0;
  #inputAt = new Map<number, number>();
  #pendingInputAt: number | null = null;
  #raf = 0;
  #lastTick = 0;
  #urlTimer = 0;
  /** The dose slider has focus: its neighbouring stops are worth computing before they are asked for. */
  #sliderFocused = false;
  /** Direction of the last dose change (+1 up, -1 down): the stop that way is computed first. */
  #doseDirection = 1;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.pool) { this.pool = new SimulationPool(); this.#ownPool = true; }
    // ?lang=es, else the browser's language; one language per page (ui/i18n/runtime.ts).
    document.documentElement.lang = setLanguage(pickLanguage([new URLSearchParams(location.search).get('lang'), ...browserLanguages()]));
    addEventListener('hashchange', this.#onHash);
    PHONE_QUERY?.addEventListener('change', this.#onPhone);
    void this.#init();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#onHash);
    PHONE_QUERY?.removeEventListener('change', this.#onPhone);
    cancelAnimationFrame(this.#raf);
    clearInterval(this.#stepTimer);
    if (this.#ownPool) { this.pool?.dispose(); this.pool = null; }
  }

  get spec(): ModelSpec | null {
    return this.specs.find((m) => m.id === this.scenario?.modelId) ?? null;
  }

  #views = new WeakMap<ModelSpec, ModelView>();

  get view(): ModelView | null {
    const s = this.spec;
    if (!s) return null;
    let v = this.#views.get(s);
    if (!v) { v = viewFor(s); this.#views.set(s, v); }
    return v;
  }

  async #init(): Promise<void> {
    try {
      const pool = this.pool!;
      const infos = await pool.listModels();
      this.specs = await Promise.all(infos.map((m) => pool.getModel(m.id)));
      this.#restoreFromUrl();
    } catch (err) {
      this.error = `${STRINGS.errorPrefix}${(err as Error).message}`;
    }
  }

  get defaultModelId(): string {
    return this.specs.some((m) => m.id === PREFERRED_MODEL) ? PREFERRED_MODEL : this.specs[0]?.id ?? PREFERRED_MODEL;
  }

  #restoreFromUrl(): void {
    const q = new URLSearchParams(location.hash.replace(/^#/, ''));
    const main = decodeScenario(q, this.specs, this.defaultModelId);
    const pin = decodeScenario(q, this.specs, this.defaultModelId, 'pin.');
    const problems = [...main.problems, ...pin.problems.map((p) => `pinned ${p}`)];
    this.notice = problems.length ? STRINGS.badLink(problems.join('; ')) : null;
    const scenario = main.scenario ?? defaultScenario(this.defaultModelId);
    this.#scenario = scenario;
    this.requestUpdate();
    this.pinned = pin.scenario;
    const t = Number(q.get('t'));
    this.cursorH = q.has('t') && Number.isFinite(t) ? Math.min(Math.max(0, t), scenario.days * 24) : this.#defaultCursor(scenario);
    this.#run('main');
    if (this.pinned) this.#run('pinned'); else this.pinnedResult = null;
  }

  #onHash = () => {
    if (location.hash.replace(/^#/, '') !== this.#hashFor()) this.#restoreFromUrl();
  };

  #defaultCursor(s: Scenario): number {
    return Math.min(s.days * 24, 2);
  }

  #hashFor(): string {
    if (!this.scenario) return '';
    const q = encodeScenario(this.scenario);
    if (this.pinned) encodeScenario(this.pinned, 'pin.', q);
    q.set('t', String(Math.round(this.cursorH * 100) / 100));
    return q.toString();
  }

  #syncUrl(now = false): void {
    clearTimeout(this.#urlTimer);
    const write = () => {
      const hash = this.#hashFor();
      if (location.hash.replace(/^#/, '') !== hash) history.replaceState(null, '', `#${hash}`);
    };
    if (now) write(); else this.#urlTimer = window.setTimeout(write, 250);
  }

  /** Starts a run of the current (or pinned) scenario; the pool drops stale ones. */
  #run(channel: 'main' | 'pinned'): void {
    const s = channel === 'main' ? this.scenario : this.pinned;
    const pool = this.pool;
    if (!s || !pool) return;
    const spec = this.specs.find((m) => m.id === s.modelId);
    if (!spec) return;
    let req;
    try { req = scenarioRequest(s, viewFor(spec)); } catch (err) { this.error = `${STRINGS.errorPrefix}${(err as Error).message}`; return; }
    const seq = channel === 'main' ? ++this.#seq : 0;
    if (channel === 'main') {
      if (this.#pendingInputAt !== null) this.#inputAt.set(seq, this.#pendingInputAt);
      this.#pendingInputAt = null;
    }
    const cached = pool.isCached(req);
    const sentAt = performance.now();
    pool.run(channel, req).then(
      (result) => {
        if (!result) return; // superseded by a newer request
        const receivedAt = performance.now();
        if (channel === 'main') {
          if (seq < this.#drawnSeq) return;
          this.#drawnSeq = seq;
          this.busy = seq !== this.#seq;
          if (!this.busy) clearTimeout(this.#renderTimer);
          this.error = result.meta.ok ? null : `${STRINGS.errorPrefix}${result.meta.diagnostics.join(' ')}`;
          this.result = result;
          void this.#reportFrame(seq, result, receivedAt - sentAt, cached, receivedAt);
          // After the frame that shows this result (a task after the next animation frame), not before it.
          requestAnimationFrame(() => setTimeout(() => void loadLaterPanels(), 0));
        } else this.pinnedResult = result;
      },
      (err: unknown) => {
        if (channel === 'main') this.busy = false;
        const msg = err instanceof WorkerCrashError ? STRINGS.workerCrashed(err.detail) : (err as Error)?.message ?? String(err);
        this.error = `${STRINGS.errorPrefix}${msg} ${STRINGS.errorRecover}`;
      },
    );
  }

  async #reportFrame(seq: number, result: SimulationResult, workerMs: number, cached: boolean, receivedAt: number): Promise<void> {
    await this.updateComplete;
    await Promise.all([...this.chartEls].map((c) => c.updateComplete));
    const readyAt = performance.now();
    // The frame is painted after the animation-frame callbacks; a message posted from there arrives after it.
    requestAnimationFrame((tickAt) => {
      const frameAt = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        const at = this.#inputAt.get(seq);
        for (const k of this.#inputAt.keys()) if (k <= seq) this.#inputAt.delete(k);
        const now = performance.now();
        this.dispatchEvent(new CustomEvent<FrameDetail>('ldn-frame', {
          detail: {
            seq, latencyMs: at === undefined ? null : now - at, points: result.timeH.length, modelId: result.meta.modelId,
            workerMs, cached, renderMs: readyAt - receivedAt, frameWaitMs: frameAt - readyAt,
            tickWaitMs: Math.max(0, Math.min(tickAt, frameAt) - readyAt), tickAtMs: tickAt, paintMs: now - frameAt,
          },
        }));
        // This result is on screen: compute the slider's next stops while the user decides.
        if (seq === this.#seq) this.#prefetchNeighbours();
      };
      ch.port2.postMessage(0);
    });
  }

  /**
   * Asks the pool to compute the scenarios one dose-slider stop either side of the current one, while the slider
   * has focus, so that an arrow key (or a drag to the next stop) finds its result ready. The pool runs them only
   * on otherwise idle workers, and keys its cache by the complete request, so no other scenario can be served.
   */
  #prefetchNeighbours(): void {
    const s = this.scenario;
    const pool = this.pool;
    const spec = this.spec;
    if (!pool) return;
    if (!this.#sliderFocused || !s || !spec || s.regimen !== 'daily' || this.#drawnSeq !== this.#seq) { pool.prefetch([]); return; }
    const i = ladderIndex(s.doseMg);
    const view = viewFor(spec);
    const doses = [DOSE_LADDER_MG[i + this.#doseDirection], DOSE_LADDER_MG[i - this.#doseDirection]].filter((d): d is number => d !== undefined && d !== s.doseMg);
    try {
      pool.prefetch(doses.map((doseMg) => scenarioRequest({ ...s, doseMg }, view)));
    } catch {
      pool.prefetch([]); // a scenario the engine would refuse: nothing to prepare
    }
  }

  #onSliderFocus = (e: FocusEvent) => {
    this.#sliderFocused = e.type === 'focusin';
    this.#prefetchNeighbours();
  };

  /** Applies a user change to the scenario: rerun, and keep the URL in step. */
  #update(patch: Partial<Scenario>): void {
    if (!this.scenario) return;
    this.#pendingInputAt = performance.now();
    const next = { ...this.scenario, ...patch };
    this.#scenario = next;
    if (this.cursorH > next.days * 24) this.cursorH = next.days * 24;
    this.#run('main');
    this.#syncUrl();
    clearTimeout(this.#renderTimer);
    this.#renderTimer = window.setTimeout(() => { this.busy = this.#drawnSeq !== this.#seq; this.requestUpdate(); }, DEFER_MS);
  }

  // ---- event handlers (user actions) ----

  #onDose = (e: CustomEvent<{ doseMg: number }>) => {
    if (this.scenario && e.detail.doseMg !== this.scenario.doseMg) this.#doseDirection = e.detail.doseMg > this.scenario.doseMg ? 1 : -1;
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
  #onParam = (e: CustomEvent<{ name: string; value: number }>) => {
    this.#update({ params: { ...this.scenario!.params, [e.detail.name]: e.detail.value } });
  };
  /** The Research tab's fit: its values become parameter overrides (issue #14), so the URL and exports carry them. */
  #onFitApply = (e: CustomEvent<{ modelId: string; params: Readonly<Record<string, number>> }>) => {
    if (e.detail.modelId === this.scenario?.modelId) this.#update({ params: { ...this.scenario.params, ...e.detail.params } });
  };
  #onParamReset = (e: CustomEvent<{ name: string | null }>) => {
    const name = e.detail.name;
    if (name === null) { this.#update({ params: {} }); return; }
    const params = { ...this.scenario!.params };
    delete params[name];
    this.#update({ params });
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
    if (next) { this.#update(next); this.cursorH = this.#defaultCursor(next); }
  };
  #onModel = (e: Event) => {
    const id = (e.target as HTMLSelectElement).value;
    this.#update({ ...defaultScenario(id), doseMg: this.scenario!.doseMg, clockH: this.scenario!.clockH, days: this.scenario!.days });
  };
  #onCursor = (e: CustomEvent<{ timeH: number | null }>) => {
    if (e.detail.timeH === null) return;
    this.cursorH = e.detail.timeH;
    this.#syncUrl();
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
      this.#syncUrl();
    }
  };
  #stepTimer = 0;
  /** One step of Play under reduced motion: an hour-per-second speed moves the cursor that many hours at once. */
  #step = () => {
    const span = (this.scenario?.days ?? 1) * 24;
    const next = this.cursorH + this.hoursPerSecond;
    if (!this.playing || next >= span) { this.cursorH = Math.min(span, next); this.playing = false; clearInterval(this.#stepTimer); this.#syncUrl(); return; }
    this.cursorH = next;
  };
  #onSpeed = (e: CustomEvent<{ hoursPerSecond: number }>) => { this.hoursPerSecond = e.detail.hoursPerSecond; };

  #tick = (now: number) => {
    if (!this.playing) return;
    const span = (this.scenario?.days ?? 1) * 24;
    const dt = Math.min(0.1, (now - this.#lastTick) / 1000);
    this.#lastTick = now;
    const next = this.cursorH + dt * this.hoursPerSecond;
    if (next >= span) { this.cursorH = span; this.playing = false; this.#syncUrl(); return; }
    this.cursorH = next;
    this.#raf = requestAnimationFrame(this.#tick);
  };

  #pin = () => {
    if (!this.scenario) return;
    this.pinned = { ...this.scenario };
    this.#run('pinned');
    this.#syncUrl(true);
  };
  #unpin = () => {
    this.pinned = null;
    this.pinnedResult = null;
    this.#syncUrl(true);
  };
  #compare(kind: 'dose' | 'clock' | 'blockade'): void {
    const s = this.scenario;
    if (!s) return;
    if (kind === 'blockade') {
      // Pins the LDN hypothesis (brief, the default: no preset entry) and shows human PET (long) over it.
      const { blockade: _b, ...rest } = s.presets;
      this.pinned = { ...s, presets: rest };
      this.#update({ presets: { ...rest, blockade: 'long' } });
      this.#run('pinned');
      this.#syncUrl(true);
      return;
    }
    const base: Scenario = { ...s, regimen: 'daily', agonist: null };
    if (kind === 'dose') {
      this.pinned = { ...base, doseMg: 4.5 };
      this.#update({ ...base, doseMg: 50 });
    } else {
      this.pinned = { ...base, clockH: 22 };
      this.#update({ ...base, clockH: 8 });
    }
    this.#run('pinned');
    this.#syncUrl(true);
  }

  // ---- export ----

  #fileStem(): string {
    const s = this.scenario!;
    const dose = s.regimen === 'titration' ? 'titration' : `${formatMg(s.doseMg)}mg`;
    return `ldn-sim-${s.modelId}-${dose}-${formatClock(s.clockH).replace(':', '')}-${s.days}d`;
  }

  #csv = () => {
    if (this.result) download(toCsv(this.result), `${this.#fileStem()}.csv`, 'text/csv;charset=utf-8');
  };

  #composed(): SVGSVGElement | null {
    if (!this.result || !this.scenario) return null;
    const snaps = [...this.chartEls].flatMap((el) => {
      const svg = el.snapshot();
      return svg && el.config ? [{ svg, title: el.config.title, summary: el.result ? summarizeChart(el.config, el.result) : '' }] : [];
    });
    const heading = `ldn-sim: ${describeScenario(this.scenario)}${this.pinned ? ` (${STRINGS.pinnedNote(describeScenario(this.pinned))})` : ''}`;
    return composeSvg(snaps, heading, `${STRINGS.disclaimer} Model ${this.result.meta.modelId} ${this.result.meta.modelVersion}.`);
  }

  #svg = () => {
    const svg = this.#composed();
    if (svg) download(svgText(svg), `${this.#fileStem()}.svg`, 'image/svg+xml');
  };

  #png = async () => {
    const svg = this.#composed();
    if (!svg) return;
    try { download(await svgToPng(svg), `${this.#fileStem()}.png`); } catch (err) { this.notice = (err as Error).message; }
  };

  #link = async () => {
    this.#syncUrl(true);
    try {
      await navigator.clipboard.writeText(location.href);
      this.notice = STRINGS.linkCopied;
    } catch {
      this.notice = STRINGS.linkInAddressBar;
    }
  };

  // ---- render ----

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
          ${this.tab === 'research' || this.#researchOpened ? ((this.#researchOpened = true), html`<ldn-research-panel .specs=${this.specs} .scenario=${this.scenario} @ldn-fit-apply=${this.#onFitApply}></ldn-research-panel>`) : nothing}
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
            <select id="model" @change=${this.#onModel}>${this.specs.map((m) => html`<option value=${m.id} ?selected=${m.id === s.modelId}>${m.title}</option>`)}</select></div>` : nothing}
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
        <section class="card">
          <h2>${STRINGS.compareHeading}</h2>
          <div class="exports">
            ${/* One button whose label changes, so focus stays on it after Pin and Unpin. */ ''}
            <button class=${this.pinned ? 'ghost' : 'primary'} data-pin @click=${this.pinned ? this.#unpin : this.#pin}>${this.pinned ? STRINGS.unpin : STRINGS.pin}</button>
            <button class="small" @click=${() => this.#compare('dose')}>${STRINGS.compareDose}</button>
            <button class="small" @click=${() => this.#compare('clock')}>${STRINGS.compareClock}</button>
            ${spec.presets?.some((g) => g.name === 'blockade') ? html`<button class="small" data-compare="blockade" @click=${() => this.#compare('blockade')}>${STRINGS.blockade.compare}</button>` : nothing}
          </div>
          ${this.pinned ? html`<p class="pinned-note">${STRINGS.pinnedNote(describeScenario(this.pinned))}</p>` : nothing}
        </section>
        <section class="card">
          <h2>${STRINGS.exportHeading}</h2>
          <div class="exports">
            <button class="primary" data-export="csv" ?disabled=${!this.result} @click=${this.#csv}>${STRINGS.downloadCsv}</button>
            <button class="small" data-export="svg" ?disabled=${!this.result} @click=${this.#svg}>${STRINGS.downloadSvg}</button>
            <button class="small" data-export="png" ?disabled=${!this.result} @click=${this.#png}>${STRINGS.downloadPng}</button>
            <button class="small" data-export="link" @click=${this.#link}>${STRINGS.copyLink}</button>
          </div>
        </section>
        <section class="card embed">
          <ldn-embed-panel .scenario=${s} .pinned=${this.pinned}></ldn-embed-panel>
        </section>
        <section class="card">
          <details class="params">
            <summary>${STRINGS.parametersHeading}${Object.keys(s.params).length ? STRINGS.changedCount(Object.keys(s.params).length) : ''}</summary>
            <p class="hint">${STRINGS.parametersHint}</p>
            <ldn-param-panel .spec=${spec} .values=${s.params} .presets=${s.presets}
              @ldn-param-change=${this.#onParam} @ldn-param-reset=${this.#onParamReset} @ldn-preset-group-change=${this.#onPresetGroup}></ldn-param-panel>
          </details>
        </section>
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
          .evidence=${c.id === 'blockade' && this.evidence ? evidenceMarks(s) : null}>${c.id === 'blockade' && view.receptor
            ? html`<label slot="tools" class="evidence-toggle"><input type="checkbox" .checked=${this.evidence}
              @change=${(e: Event) => { this.evidence = (e.target as HTMLInputElement).checked; }} /><span>${STRINGS.blockade.evidenceToggle}</span></label>` : nothing}</ldn-chart>`)}
      </div>
    </section>`;
  }
}
