/**
 * `<ldn-research-panel>`: the researchers' tab (issue #7). Works on one run (the simulator's scenario, a custom
 * model, an imported event table, or a loaded scenario file) and offers population bands, a two-way sweep
 * heatmap, a sensitivity tornado, the custom-model editor, event-table import and scenario JSON download/load.
 * Every integration runs in its own worker pool (`ResearchPool`, latest request wins per analysis); the page
 * only validates input, merges population chunks and draws.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { select } from 'd3-selection';
import { toCsv } from '../../engine/csv';
import { parseEventsCsv } from '../../engine/events-csv';
import { errorText, limitText } from '../i18n/messages';
import { formatTick } from '../format';
import { LimitError } from '../../engine/limits';
import { checkFileSize, checkPopulation, checkSweepCells, parseJsonLimited } from '../../engine/input-limits';
import { ModelError, prepareModel } from '../../engine/model/load';
import type { ModelSpec } from '../../engine/model/types';
import { chunkRanges, populationToCsv, summarizePopulation, type PopulationChunk, type PopulationResult } from '../../engine/population';
import type { SimulationResult } from '../../engine/result';
import { sensitivityToCsv, type SensitivityResult } from '../../engine/sensitivity';
import { scenarioToJson } from '../../engine/scenario';
import { sweepPoints, sweepToCsv, type SweepAxis, type SweepResult } from '../../engine/sweep';
import { viewFor } from '../chart-config';
import { download } from '../export';
import { formatClock } from '../../engine/dosing';
import { SERIES_COLORS } from '../palette';
import { scenarioRequest, type Scenario } from '../scenario';
import { STRINGS } from '../strings';
import { FIT_STRINGS } from './fit-strings';
import { RESEARCH_STRINGS } from './research-strings';
import { bandChart } from './charts/band-chart';
import { heatmap } from './charts/heatmap';
import { tornado } from './charts/tornado';
import {
  SLEEP_WINDOW, axisChoices, axisValueLabel, bandOutputs, baseDose, formatMetricValue, gridValues, heatmapGrid, metricChoices,
  modelRef, populationRequest, preparedModel, researchScenario, restoreScenario, tornadoRows, unknownDrugs, variabilityFrom,
  withEvents, type ResearchBase, type ResearchRun, type SpanSettings,
} from './research-model';
import { ResearchPool } from './research-pool';
import { TOUCH_TARGETS } from '../theme';
import './ldn-fit-panel';
import { modelText } from '../i18n/model-text';

const S = RESEARCH_STRINGS;

declare global {
  interface HTMLElementTagNameMap { 'ldn-research-panel': LdnResearchPanel }
}

interface AxisInput { name: string; from: number; to: number; points: number }

@customElement('ldn-research-panel')
export class LdnResearchPanel extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; color: var(--ldn-ink, #1b1f24); }
    * { box-sizing: border-box; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); gap: 14px; align-items: start; }
    section.card { background: var(--ldn-surface, #fff); border: 1px solid var(--ldn-line, #d5d9e0); border-radius: 10px; padding: 12px 14px; min-width: 0; }
    h2 { font-size: 1.2rem; margin: 0 0 6px; } h3 { font-size: 1.05rem; margin: 0 0 8px; } h4 { font-size: 0.95rem; margin: 8px 0 2px; }
    .row { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; margin: 6px 0; }
    label { display: flex; flex-direction: column; gap: 2px; font-size: 0.88rem; font-weight: 600; min-width: 0; max-width: 100%; }
    input[type='number'] { font: inherit; width: 6.5em; padding: 4px 6px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    /* Long option texts (parameter labels) must not widen the card past the screen. */
    select { font: inherit; width: 100%; max-width: 100%; min-width: 0; padding: 3px 4px; }
    textarea { width: 100%; font: 0.82rem/1.35 ui-monospace, monospace; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; padding: 6px; }
    button { font: inherit; font-size: 0.9rem; padding: 5px 10px; border-radius: 8px; border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); cursor: pointer; }
    button.primary { background: var(--ldn-brand, #0b3d91); border-color: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); font-weight: 650; }
    button:disabled { opacity: 0.5; cursor: default; }
    :is(button, input, select, textarea, summary, svg):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    .note { background: var(--ldn-warn-bg, #fff7ed); border: 1px solid var(--ldn-warn-line, #c2410c); border-radius: 8px; padding: 6px 10px; font-size: 0.88rem; margin: 6px 0; }
    .error { background: var(--ldn-error-bg, #fef2f2); border: 1px solid var(--ldn-error-line, #dc2626); color: var(--ldn-error-ink, #7f1d1d); border-radius: 8px; padding: 8px 10px; font-size: 0.9rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    .ok { color: var(--ldn-ok-ink, #065f46); font-size: 0.9rem; }
    .summary, .hint { font-size: 0.86rem; color: var(--ldn-muted, #4b5563); margin: 4px 0; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); gap: 10px; }
    figure { margin: 0; min-width: 0; } figcaption { font-size: 0.86rem; font-weight: 600; }
    svg { display: block; max-width: 100%; height: auto; }
    progress { width: 100%; }
    .progress-row { display: flex; gap: 0.75rem; align-items: center; }
    .progress-row progress { flex: 1; width: auto; }
    .readout { min-height: 1.4em; font-size: 0.9rem; font-weight: 600; }
    .cvs { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 230px), 1fr)); gap: 4px 10px; max-height: 260px; overflow: auto; padding: 4px; }
    .cvs label { flex-direction: row; align-items: center; justify-content: space-between; font-weight: 400; }
    .cvs input { width: 5em; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
    .base { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; }
  `];

  /** Built-in model specs (from the app). */
  @property({ attribute: false }) specs: readonly ModelSpec[] = [];
  /** The simulator's scenario: the panel's run until the user loads another one. */
  @property({ attribute: false }) scenario: Scenario | null = null;

  @state() private base: ResearchBase | null = null;
  @state() private baseResult: SimulationResult | null = null;
  @state() private baseError: string | null = null;
  @state() private width = 600;

  @state() private popN = 200;
  @state() private popSeed = 1;
  @state() private cvs: Record<string, number> = {};
  @state() private popProgress: number | null = null;
  @state() private popResult: PopulationResult | null = null;
  @state() private popTypical: SimulationResult | null = null;
  @state() private popRun: Extract<ResearchRun, { kind: 'population' }> | null = null;
  @state() private popError: string | null = null;

  @state() private axes: [AxisInput, AxisInput] = [{ name: 'dose', from: 0.5, to: 4.5, points: 9 }, { name: 'at', from: 6, to: 22, points: 9 }];
  @state() private sweepMetric = '';
  @state() private sweepProgress: number | null = null;
  @state() private sweepResult: { axes: SweepAxis[]; span: SpanSettings; result: SweepResult } | null = null;
  @state() private sweepError: string | null = null;
  @state() private activeCell: [number, number] | null = null;

  @state() private sensMetric = '';
  @state() private sensBusy = false;
  @state() private sensResult: { span: SpanSettings; relativeStep: number; result: SensitivityResult } | null = null;
  @state() private sensError: string | null = null;

  @state() private modelText = '';
  @state() private modelError: string | null = null;
  @state() private eventsText = 'time_h,drug,amt_mg,ii_h,addl\n0,naltrexone,4.5,24,6\n';
  @state() private eventsError: string | null = null;
  @state() private scenarioError: string | null = null;
  @state() private message: string | null = null;
  @state() private popCancelled = false;
  /** The current population / sweep run: a replaced or cancelled run leaves the progress bar alone. */
  #popToken = 0;
  #sweepToken = 0;
  @state() private sweepCancelled = false;
  @state() private sensProgress: number | null = null;
  @state() private sensCancelled = false;
  #sensToken = 0;

  #pool: ResearchPool | null = null;
  #resize: ResizeObserver | null = null;

  get pool(): ResearchPool {
    if (!this.#pool) this.#pool = new ResearchPool();
    return this.#pool;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 600);
      if (Math.abs(w - this.width) > 8) this.width = w;
    });
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#pool?.dispose();
    this.#pool = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('scenario') || changed.has('specs')) && (!this.base || this.base.origin === 'simulator')) this.#baseFromSimulator();
  }

  protected override updated(): void {
    this.#draw();
  }

  // ---- the run ----

  #baseFromSimulator(): void {
    const s = this.scenario;
    const spec = this.specs.find((m) => m.id === s?.modelId);
    if (!s || !spec) return;
    let request;
    try { request = scenarioRequest(s, viewFor(spec)); } catch (err) { this.baseError = errorText(err); return; }
    const { modelId: _m, ...req } = request;
    this.#setBase({ spec, custom: false, request: req, origin: 'simulator' });
  }

  #setBase(base: ResearchBase, keepResults = false): void {
    const modelChanged = this.base?.spec !== base.spec;
    this.base = base;
    if (modelChanged) {
      this.modelText = JSON.stringify(base.spec, null, 2);
      this.modelError = null;
      // The example event table names this model's own first drug (one-compartment's is `drug`).
      const drug = base.spec.defaults?.drug ?? base.spec.doses[0]?.drug ?? 'naltrexone';
      const amt = base.spec.defaults?.doseMg ?? 1;
      this.eventsText = `time_h,drug,amt_mg,ii_h,addl\n0,${drug},${amt},24,6\n`;
      const metrics = metricChoices(base.spec);
      this.sweepMetric = metrics[0]?.id ?? '';
      this.sensMetric = metrics[0]?.id ?? '';
      const choices = axisChoices(base.spec, baseDose(base.request));
      const pick = (name: string): AxisInput => { const c = choices.find((x) => x.name === name)!; return { name, from: c.from, to: c.to, points: c.points }; };
      this.axes = [pick('dose'), pick('at')];
      this.cvs = {};
    }
    if (!keepResults) { this.popResult = null; this.popTypical = null; this.sweepResult = null; this.sensResult = null; }
    this.#runBase();
  }

  #runBase(): void {
    const base = this.base;
    if (!base) return;
    this.baseError = null;
    this.pool.run('base', [(api) => api.simulate({ ...modelRef(base), ...base.request })]).then((r) => {
      if (!r) return;
      this.baseResult = r[0]!;
      if (!r[0]!.meta.ok) this.baseError = r[0]!.meta.diagnostics.join(' ');
    }, (err: unknown) => { this.baseError = errorText(err); });
  }

  #useSimulator = () => { this.base = null; this.#baseFromSimulator(); this.message = S.usingSimulator; };

  // ---- population ----

  #runPopulation = async (restore?: Extract<ResearchRun, { kind: 'population' }>) => {
    const base = this.base;
    if (!base) return;
    this.popError = null;
    this.popCancelled = false;
    const run = restore ?? { kind: 'population' as const, n: this.popN, seed: this.popSeed, variability: variabilityFrom(base.spec, this.cvs) };
    if (!(Number.isInteger(run.n) && run.n >= 1 && run.n <= S.maxSubjects)) { this.popError = S.badN; return; }
    if (!(Number.isInteger(run.seed) && run.seed >= 0 && run.seed <= 4294967295)) { this.popError = S.badSeed; return; }
    try { checkPopulation(run.n, base.request.endH, base.request.stepH, base.spec.outputs.length, S.nField); } catch (err) { this.popError = errorText(err); return; }
    const req = populationRequest(base, run.n, run.seed, run.variability);
    const ref = modelRef(base);
    // Chunks of about 50 subjects (at least 4 per worker), so that progress moves soon after the start, not only
    // after a quarter of the run (2000 subjects over 28 days sat at 0% for 15 s with 8 chunks on a loaded machine).
    const parts = chunkRanges(run.n, Math.min(run.n, Math.max(this.pool.size * 4, Math.ceil(run.n / 50))));
    this.popProgress = 0;
    const token = ++this.#popToken;
    const typical = this.pool.run('population-typical', [(api) => api.simulate({ ...ref, ...req })]);
    try {
      const chunks = await this.pool.run<PopulationChunk>('population', parts.map(([a, b]) => (api) => api.simulatePopulationChunk({ ...ref, ...req }, a, b)),
        (done, total) => { if (token === this.#popToken) this.popProgress = done / total; });
      if (!chunks) return; // replaced by a newer run
      this.popResult = summarizePopulation(preparedModel(base), req, chunks);
      this.popRun = run;
      if (!this.popResult.meta.ok) this.popError = this.popResult.meta.diagnostics.join(' ');
      const t = await typical;
      this.popTypical = t ? t[0]! : null;
    } catch (err) {
      if (token === this.#popToken) this.popError = errorText(err);
    } finally {
      // A replaced or cancelled run must not hide the progress of the run that replaced it.
      if (token === this.#popToken) this.popProgress = null;
    }
  };

  /** Stops a running population: its workers are restarted and the last complete result stays. */
  #cancelPopulation = () => {
    this.#popToken++;
    this.pool.cancel('population');
    this.pool.cancel('population-typical');
    this.popProgress = null;
    this.popCancelled = true;
  };

  // ---- sweep ----

  #cancelSweep = () => {
    this.#sweepToken++;
    this.pool.cancel('sweep');
    this.sweepProgress = null;
    this.sweepCancelled = true;
  };

  #sweepAxes(): SweepAxis[] {
    const base = this.base!;
    const choices = axisChoices(base.spec, baseDose(base.request));
    return this.axes.map((a) => {
      const c = choices.find((x) => x.name === a.name);
      return { name: a.name, values: gridValues(a.from, a.to, a.points, c?.log ?? false) };
    });
  }

  #span(metricId: string): SpanSettings {
    const m = metricChoices(this.base!.spec).find((x) => x.id === metricId)!;
    const req = this.base!.request;
    // Metrics over the last day of the run: the steady state a daily regimen reaches.
    return { metrics: [m.metric], ...(m.metric.kind.endsWith('_in_window') ? { window: SLEEP_WINDOW } : {}), ...(req.endH > 24 ? { fromH: req.endH - 24 } : {}) };
  }

  #runSweep = async (restore?: Extract<ResearchRun, { kind: 'sweep' }>) => {
    const base = this.base;
    if (!base) return;
    this.sweepError = null;
    this.sweepCancelled = false;
    let axes: SweepAxis[], span: SpanSettings;
    try {
      if (!restore) checkSweepCells(this.axes.map((a) => (Number.isFinite(a.points) ? Math.max(1, Math.round(a.points)) : 1)), S.pointsField);
      axes = restore ? [...restore.axes] : this.#sweepAxes();
      span = restore ? restore.span : this.#span(this.sweepMetric);
      if (axes.length === 2 && axes[0]!.name === axes[1]!.name) throw new RangeError(S.sameAxis);
    } catch (err) { this.sweepError = errorText(err); return; }
    const total = sweepPoints(axes).length;
    const ref = modelRef(base);
    const req = { ...ref, base: base.request, axes, ...span };
    this.sweepProgress = 0;
    const token = ++this.#sweepToken;
    try {
      // Chunks of about 25 points, so that progress moves from the first second even on a 40 × 40 grid.
      const parts = chunkRanges(total, Math.min(total, Math.max(this.pool.size * 3, Math.ceil(total / 25))));
      const res = await this.pool.run<SweepResult>('sweep', parts.map(([a, b]) => (api) => api.sweep(req, a, b)), (d, t) => { if (token === this.#sweepToken) this.sweepProgress = d / t; });
      if (!res) return;
      const result: SweepResult = { columns: res[0]!.columns, rows: res.flatMap((r) => r.rows), diagnostics: res.flatMap((r) => r.diagnostics) };
      this.sweepResult = { axes, span, result };
      this.activeCell = null;
      if (result.diagnostics.length) this.sweepError = `${S.failedPoints(result.diagnostics.length)} ${result.diagnostics[0]}`;
    } catch (err) {
      if (token === this.#sweepToken) this.sweepError = errorText(err);
    } finally {
      if (token === this.#sweepToken) this.sweepProgress = null;
    }
  };

  // ---- sensitivity ----

  #runSensitivity = async (restore?: Extract<ResearchRun, { kind: 'sensitivity' }>) => {
    const base = this.base;
    if (!base) return;
    this.sensError = null;
    const span = restore ? restore.span : this.#span(this.sensMetric);
    const relativeStep = restore?.relativeStep ?? 1e-3;
    const names = base.spec.parameters.map((p) => p.name);
    // A few parameters per task, so the progress bar moves in steps of a few percent.
    const groups = chunkRanges(names.length, Math.min(names.length, this.pool.size * 6)).map(([a, b]) => names.slice(a, b));
    const ref = modelRef(base);
    this.sensBusy = true;
    this.sensCancelled = false;
    this.sensProgress = 0;
    const token = ++this.#sensToken;
    try {
      const res = await this.pool.run<SensitivityResult>('sensitivity', groups.map((parameters) => (api) =>
        api.sensitivity({ ...ref, base: base.request, ...span, relativeStep, parameters })), (d, t) => { if (token === this.#sensToken) this.sensProgress = d / t; });
      if (!res || token !== this.#sensToken) return;
      const result: SensitivityResult = { ...res[0]!, rows: res.flatMap((r) => r.rows), diagnostics: res.flatMap((r) => r.diagnostics) };
      this.sensResult = { span, relativeStep, result };
      if (result.diagnostics.length) this.sensError = result.diagnostics[0]!;
    } catch (err) {
      if (token === this.#sensToken) this.sensError = errorText(err);
    } finally {
      if (token === this.#sensToken) { this.sensBusy = false; this.sensProgress = null; }
    }
  };

  /** Stops a running sensitivity analysis: its workers are restarted and the last complete result stays. */
  #cancelSensitivity = () => {
    this.#sensToken++;
    this.pool.cancel('sensitivity');
    this.sensBusy = false;
    this.sensProgress = null;
    this.sensCancelled = true;
  };

  // ---- custom model, events, scenario ----

  #validateModel = () => {
    let json: unknown;
    try { json = parseJsonLimited(this.modelText, S.modelLabel); } catch (err) {
      this.message = null;
      this.modelError = err instanceof LimitError ? limitText(err) : S.badJson((err as Error).message.replace(/^.*?: not valid JSON: /, ''));
      return;
    }
    try {
      const model = prepareModel(json);
      this.modelError = null;
      const prev = this.base?.request ?? { events: [], endH: 72, stepH: 0.1, startClockH: 22 };
      // Keep the dosing records when the model doses their drugs; else one dose a day of its first drug.
      const events = prev.events.length && unknownDrugs(model.spec, prev.events).length === 0 ? prev.events
        : [{ timeH: 0, drug: model.spec.doses[0]?.drug ?? '', amtMg: baseDose(prev) || 1, iiH: 24, addl: Math.max(0, Math.ceil(prev.endH / 24) - 1) }];
      const request = { ...prev, events, params: {}, presets: {} };
      const builtin = this.specs.find((s) => s.id === model.spec.id);
      const custom = !builtin || JSON.stringify(builtin) !== JSON.stringify(model.spec);
      this.#setBase({ spec: model.spec, custom, request, origin: 'custom-model' });
      this.message = S.modelRunning(modelText(model.spec, 'title') || model.spec.id);
    } catch (err) {
      this.message = null;
      this.modelError = err instanceof ModelError ? S.modelError(err.field, err.message) : errorText(err);
    }
  };

  #downloadModel = () => {
    if (this.base) download(JSON.stringify(this.base.spec, null, 2) + '\n', `${this.base.spec.id}.model.json`, 'application/json');
  };

  /** A chosen file's text, or a message when it is over the size limit (then it is never read). */
  async #fileText(e: Event): Promise<{ text: string; name: string } | { error: string } | null> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return null;
    input.value = '';
    try { checkFileSize(file.size, file.name); } catch (err) { return { error: errorText(err) }; }
    return { text: await file.text(), name: file.name };
  }

  #onEventsFile = async (e: Event) => {
    const f = await this.#fileText(e);
    if (f && 'error' in f) { this.eventsError = f.error; this.message = null; return; }
    if (f) { this.eventsText = f.text; this.#importEvents(f.name); }
  };

  #importEvents(source = 'pasted table'): void {
    const base = this.base;
    if (!base) return;
    try {
      const events = parseEventsCsv(this.eventsText, source);
      const unknown = unknownDrugs(base.spec, events);
      if (unknown.length) throw new RangeError(S.unknownDrug(source, unknown, base.spec.doses.map((d) => d.drug)));
      this.eventsError = null;
      this.#setBase({ ...base, request: withEvents(base.request, events), origin: 'events' });
      this.message = S.eventsRunning(events.length, source);
    } catch (err) {
      this.eventsError = errorText(err);
      this.message = null;
    }
  }

  #onScenarioFile = async (e: Event) => {
    const f = await this.#fileText(e);
    if (!f) return;
    let restored: ReturnType<typeof restoreScenario>;
    try {
      if ('error' in f) throw new RangeError(f.error);
      restored = restoreScenario(parseJsonLimited(f.text, f.name), f.name);
    } catch (err) {
      // Refused: the previous run and its results stay, and nothing says "Loaded".
      this.scenarioError = errorText(err);
      this.message = null;
      return;
    }
    this.scenarioError = null;
    const { base, run } = restored;
    this.#setBase(base);
    this.message = S.scenarioLoaded(f.name, run.kind);
    if (run.kind === 'population') {
      this.popN = run.n; this.popSeed = run.seed;
      this.cvs = Object.fromEntries(base.spec.parameters.map((p) => [p.name, run.variability.find((v) => v.parameter === p.name)?.cvPercent ?? 0]));
      void this.#runPopulation(run);
    } else if (run.kind === 'sweep') {
      const m = run.span.metrics[0];
      if (m) this.sweepMetric = [m.kind, m.column, ...(m.threshold !== undefined ? [m.threshold] : [])].join(':');
      this.axes = [0, 1].map((i) => { const a = run.axes[i] ?? run.axes[0]!; return { name: a.name, from: a.values[0]!, to: a.values[a.values.length - 1]!, points: a.values.length }; }) as [AxisInput, AxisInput];
      void this.#runSweep(run);
    } else if (run.kind === 'sensitivity') {
      const m = run.span.metrics[0];
      if (m) this.sensMetric = [m.kind, m.column, ...(m.threshold !== undefined ? [m.threshold] : [])].join(':');
      void this.#runSensitivity(run);
    }
  };

  #stem(kind: string): string {
    const b = this.base!;
    return `ldn-sim-${b.spec.id}-${kind}`;
  }

  #saveScenario(run: ResearchRun): void {
    if (!this.base) return;
    download(scenarioToJson(researchScenario(this.base, run)), `${this.#stem(run.kind)}.scenario.json`, 'application/json');
  }

  // ---- drawing ----

  #draw(): void {
    const root = this.renderRoot;
    const w = Math.max(280, this.width);
    const smallW = Math.min(w, this.width > 700 ? Math.floor((w - 30) / 2) : w);
    const start = this.base?.request.startClockH ?? 0;
    const drawBands = (svg: SVGSVGElement, i: number, r: { timeH: Float64Array; lo: Float64Array; mid: Float64Array; hi: Float64Array; ref?: Float64Array | null; unit: string }) => {
      // Drawn at the width of its own column, so text keeps its size (no scaling of the SVG).
      bandChart().width(Math.max(260, svg.parentElement?.clientWidth ?? smallW)).height(190).startClockH(start).valueScale(r.unit === 'fraction' ? 100 : 1).color(SERIES_COLORS[i % SERIES_COLORS.length]!)
        (select(svg), { x: r.timeH, lo: r.lo, mid: r.mid, hi: r.hi, ref: r.ref ?? null });
    };
    root.querySelectorAll<SVGSVGElement>('svg[data-base]').forEach((svg, i) => {
      const c = this.baseResult?.columns.find((x) => x.name === svg.dataset.base);
      if (c && this.baseResult) drawBands(svg, i, { timeH: this.baseResult.timeH, lo: c.values, mid: c.values, hi: c.values, unit: c.unit });
    });
    root.querySelectorAll<SVGSVGElement>('svg[data-band]').forEach((svg, i) => {
      const c = this.popResult?.columns.find((x) => x.name === svg.dataset.band);
      const ref = this.popTypical?.columns.find((x) => x.name === svg.dataset.band)?.values ?? null;
      if (c && this.popResult) drawBands(svg, i, { timeH: this.popResult.timeH, lo: c.p05, mid: c.p50, hi: c.p95, ref, unit: c.unit });
    });
    const hm = root.querySelector<SVGSVGElement>('svg.heatmap');
    if (hm && this.sweepResult) {
      const { axes, result } = this.sweepResult;
      const grid = heatmapGrid(axes, result, 0);
      const choice = metricChoices(this.base!.spec).find((m) => m.id === this.sweepMetric);
      heatmap().width(Math.min(720, hm.parentElement?.clientWidth ?? w)).height(Math.min(420, 120 + grid.ys.length * 30))
        .xLabel((v) => axisValueLabel(grid.xName, v)).yLabel((v) => axisValueLabel(grid.yName ?? '', v))
        .xClock(grid.xName === 'at').yClock(grid.yName === 'at')
        .xTitle(this.#axisTitle(grid.xName)).yTitle(grid.yName ? this.#axisTitle(grid.yName) : '')
        .value((v) => formatMetricValue(choice, v)).active(this.activeCell)
        (select(hm), { xs: grid.xs, ys: grid.ys, values: grid.cells.map((c) => c.value) });
    }
    const tn = root.querySelector<SVGSVGElement>('svg.tornado');
    if (tn && this.sensResult) {
      const labels = Object.fromEntries(this.base!.spec.parameters.map((p) => [p.name, modelText(this.base!.spec, 'parameter', p.name)]));
      const rows = tornadoRows(this.sensResult.result, 0, labels).map((r) => ({ key: r.parameter, label: r.label, value: r.s }));
      tornado().width(Math.min(720, tn.parentElement?.clientWidth ?? w))(select(tn), rows);
    }
  }

  #axisTitle(name: string): string {
    if (name === 'dose') return `${S.axisDose} (mg)`;
    if (name === 'at') return S.axisClock;
    const p = this.base?.spec.parameters.find((x) => x.name === name);
    return p ? `${modelText(this.base!.spec, 'parameter', p.name)} (${p.unit})` : name;
  }

  #cellText(i: number, j: number): string {
    if (!this.sweepResult) return '';
    const grid = heatmapGrid(this.sweepResult.axes, this.sweepResult.result, 0);
    const cell = grid.cells[j * grid.xs.length + i];
    if (!cell) return '';
    const choice = metricChoices(this.base!.spec).find((m) => m.id === this.sweepMetric);
    return `${grid.yName ? `${this.#axisTitle(grid.yName)} ${axisValueLabel(grid.yName, cell.y)}, ` : ''}${this.#axisTitle(grid.xName)} ${axisValueLabel(grid.xName, cell.x)}: ${formatMetricValue(choice, cell.value)}`;
  }

  #onHeatHover = (e: PointerEvent) => {
    const t = e.target as Element;
    if (t.classList?.contains('cell')) this.activeCell = [Number(t.getAttribute('data-i')), Number(t.getAttribute('data-j'))];
  };

  #onHeatKey = (e: KeyboardEvent) => {
    if (!this.sweepResult) return;
    const g = heatmapGrid(this.sweepResult.axes, this.sweepResult.result, 0);
    const [i, j] = this.activeCell ?? [0, 0];
    const moves: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1], Home: [-i, 0], End: [g.xs.length, 0] };
    const mv = moves[e.key];
    if (!mv) return;
    e.preventDefault();
    this.activeCell = this.activeCell ? [Math.max(0, Math.min(g.xs.length - 1, i + mv[0])), Math.max(0, Math.min(g.ys.length - 1, j + mv[1]))] : [0, 0];
  };

  // ---- render ----

  protected override render() {
    const base = this.base;
    if (!base) return html`<p>${STRINGS.computing}</p>`;
    const metrics = metricChoices(base.spec);
    const choices = axisChoices(base.spec, baseDose(base.request));
    const outputs = bandOutputs(base.spec);
    const declared = base.spec.variability ?? [];
    const variability = variabilityFrom(base.spec, this.cvs);
    return html`
      <section class="card" aria-labelledby="rs-h">
        <h2 id="rs-h">${S.heading}</h2>
        <p class="hint">${S.intro}</p>
        <div class="base">
          <span data-testid="base-desc"><strong>${S.runLabel}</strong> ${modelText(base.spec, 'title') || base.spec.id}${base.custom ? ` (${S.custom})` : ''} ${base.spec.version};
            ${S.describeRun(base.request.events.length, base.request.endH, formatClock(base.request.startClockH ?? 0))} · ${S.origin[base.origin]}</span>
          <span class="actions">
            <button data-action="base-csv" ?disabled=${!this.baseResult} @click=${() => this.baseResult && download(toCsv(this.baseResult), `${this.#stem('run')}.csv`, 'text/csv;charset=utf-8')}>${S.csv}</button>
            <button data-action="base-scenario" @click=${() => this.#saveScenario({ kind: 'simulate' })}>${S.scenarioJson}</button>
            ${base.origin !== 'simulator' ? html`<button @click=${this.#useSimulator}>${S.useSimulator}</button>` : nothing}
          </span>
        </div>
        ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
        ${this.baseError ? html`<p class="error" role="alert">${this.baseError}</p>` : nothing}
        <div class="charts">${bandOutputs(base.spec).map((name) => html`<figure><figcaption>${this.#outLabel(name)}</figcaption>
          <svg data-base=${name} role="img" aria-label=${`${this.#outLabel(name)}: ${S.singleRun}`}></svg></figure>`)}</div>
      </section>
      <div class="grid">
        <section class="card" aria-labelledby="pop-h" data-section="population">
          <h3 id="pop-h">${S.popHeading}</h3>
          ${declared.length === 0 ? html`<p class="note" data-testid="no-variability">${S.noVariability}</p>` : html`<p class="hint" data-testid="declared-variability">${S.declared(declared.map((v) => `${v.parameter} ${formatTick(v.cvPercent, '%')}${v.assumption ? ` (${STRINGS.assumption})` : ''}`).join(', '))}</p>`}
          <div class="row">
            <label>${S.nLabel}<input type="number" min="1" max=${S.maxSubjects} step="1" .value=${String(this.popN)} @change=${(e: Event) => { this.popN = Number((e.target as HTMLInputElement).value); }} /></label>
            <label>${S.seedLabel}<input type="number" min="0" step="1" .value=${String(this.popSeed)} @change=${(e: Event) => { this.popSeed = Number((e.target as HTMLInputElement).value); }} /></label>
            <button class="primary" data-action="population" @click=${() => this.#runPopulation()}>${S.runPopulation}</button>
          </div>
          <details>
            <summary>${S.cvHeading(variability.length)}</summary>
            <p class="hint">${S.cvHint}</p>
            <div class="cvs">${base.spec.parameters.filter((p) => p.range === undefined || p.range[1] > p.range[0]).map((p) => html`<label>${modelText(base.spec, 'parameter', p.name)}
              <input type="number" min="0" max="200" step="1" aria-label=${`${S.cvOf(modelText(base.spec, 'parameter', p.name))} (%)`} data-cv=${p.name}
                .value=${String(variability.find((v) => v.parameter === p.name)?.cvPercent ?? '')}
                @change=${(e: Event) => { this.cvs = { ...this.cvs, [p.name]: Number((e.target as HTMLInputElement).value) || 0 }; }} /></label>`)}</div>
          </details>
          ${this.popProgress !== null ? html`<div class="progress-row"><progress max="1" .value=${this.popProgress} aria-label=${S.popProgress}></progress>
            <button data-action="pop-cancel" aria-label=${S.cancelPopulation} @click=${this.#cancelPopulation}>${S.cancel}</button></div>
            <p class="hint" role="status">${S.progress(this.popProgress)}</p>` : nothing}
          ${this.popCancelled ? html`<p class="hint" role="status" data-testid="pop-cancelled">${S.popCancelled}</p>` : nothing}
          ${this.popError ? html`<p class="error" role="alert">${this.popError}</p>` : nothing}
          ${this.popResult ? html`
            <p class="summary" data-testid="pop-summary">${S.popSummary(this.popResult.meta.n, this.popResult.meta.seed, this.popResult.meta.variability.length)}</p>
            <div class="charts">${outputs.map((name) => html`<figure><figcaption>${this.#outLabel(name)}</figcaption>
              <svg data-band=${name} role="img" aria-label=${`${this.#outLabel(name)}: ${S.bandAria}`}></svg></figure>`)}</div>
            <div class="actions">
              <button data-action="pop-csv" @click=${() => download(populationToCsv(this.popResult!), `${this.#stem('population')}.csv`, 'text/csv;charset=utf-8')}>${S.csv}</button>
              <button data-action="pop-scenario" @click=${() => this.popRun && this.#saveScenario(this.popRun)}>${S.scenarioJson}</button>
            </div>` : nothing}
        </section>

        <section class="card" aria-labelledby="sw-h" data-section="sweep">
          <h3 id="sw-h">${S.sweepHeading}</h3>
          <div class="row">
            <label>${S.metricLabel}<select data-select="sweep-metric" @change=${(e: Event) => { this.sweepMetric = (e.target as HTMLSelectElement).value; }}>
              ${metrics.map((m) => html`<option value=${m.id} ?selected=${m.id === this.sweepMetric}>${m.label}</option>`)}</select></label>
          </div>
          ${this.axes.map((a, k) => html`<div class="row" role="group" aria-label=${S.axisLabel(k)}>
            <label>${S.axisLabel(k)}<select data-select=${`axis-${k}`} @change=${(e: Event) => this.#setAxis(k, (e.target as HTMLSelectElement).value)}>
              ${choices.map((c) => html`<option value=${c.name} ?selected=${c.name === a.name}>${c.label}</option>`)}</select></label>
            <label>${S.from}<input type="number" step="any" data-axis=${`${k}-from`} .value=${String(a.from)} @change=${(e: Event) => this.#patchAxis(k, { from: Number((e.target as HTMLInputElement).value) })} /></label>
            <label>${S.to}<input type="number" step="any" data-axis=${`${k}-to`} .value=${String(a.to)} @change=${(e: Event) => this.#patchAxis(k, { to: Number((e.target as HTMLInputElement).value) })} /></label>
            <label>${S.points}<input type="number" min="1" max="40" step="1" data-axis=${`${k}-points`} .value=${String(a.points)} @change=${(e: Event) => this.#patchAxis(k, { points: Math.max(1, Math.min(40, Math.round(Number((e.target as HTMLInputElement).value)))) })} /></label>
          </div>`)}
          <p class="hint">${S.sweepHint}</p>
          <button class="primary" data-action="sweep" @click=${() => this.#runSweep()}>${S.runSweep}</button>
          ${this.sweepProgress !== null ? html`<div class="progress-row"><progress max="1" .value=${this.sweepProgress} aria-label=${S.sweepProgress}></progress>
            <button data-action="sweep-cancel" aria-label=${S.cancelSweep} @click=${this.#cancelSweep}>${S.cancel}</button></div>` : nothing}
          ${this.sweepCancelled ? html`<p class="hint" role="status" data-testid="sweep-cancelled">${S.sweepCancelled}</p>` : nothing}
          ${this.sweepError ? html`<p class="error" role="alert">${this.sweepError}</p>` : nothing}
          ${this.sweepResult ? html`
            <svg class="heatmap" tabindex="0" role="img" aria-label=${S.heatmapAria} aria-describedby="hm-sum"
              @pointerover=${this.#onHeatHover} @keydown=${this.#onHeatKey} @focus=${() => { if (!this.activeCell) this.activeCell = [0, 0]; }}></svg>
            <p class="readout" aria-live="polite" data-testid="cell-readout">${this.activeCell ? this.#cellText(this.activeCell[0], this.activeCell[1]) : S.cellHint}</p>
            <p class="summary" id="hm-sum" data-testid="sweep-summary">${this.#sweepSummary()}</p>
            <div class="actions">
              <button data-action="sweep-csv" @click=${() => download(sweepToCsv(this.sweepResult!.result), `${this.#stem('sweep')}.csv`, 'text/csv;charset=utf-8')}>${S.csv}</button>
              <button data-action="sweep-scenario" @click=${() => this.#saveScenario({ kind: 'sweep', axes: this.sweepResult!.axes, span: this.sweepResult!.span })}>${S.scenarioJson}</button>
            </div>` : nothing}
        </section>

        <section class="card" aria-labelledby="se-h" data-section="sensitivity">
          <h3 id="se-h">${S.sensHeading}</h3>
          <div class="row">
            <label>${S.metricLabel}<select data-select="sens-metric" @change=${(e: Event) => { this.sensMetric = (e.target as HTMLSelectElement).value; }}>
              ${metrics.map((m) => html`<option value=${m.id} ?selected=${m.id === this.sensMetric}>${m.label}</option>`)}</select></label>
            <button class="primary" data-action="sensitivity" ?disabled=${this.sensBusy} @click=${() => this.#runSensitivity()}>${this.sensBusy ? STRINGS.computing : S.runSens}</button>
          </div>
          ${this.sensProgress !== null ? html`<div class="progress-row"><progress max="1" .value=${this.sensProgress} aria-label=${RESEARCH_STRINGS.sensProgress}></progress>
            <button data-action="sens-cancel" aria-label=${RESEARCH_STRINGS.cancelSens} @click=${this.#cancelSensitivity}>${S.cancel}</button></div>
            <p class="hint" role="status">${RESEARCH_STRINGS.sensProgressText(this.sensProgress)}</p>` : nothing}
          ${this.sensCancelled ? html`<p class="hint" role="status" data-testid="sens-cancelled">${RESEARCH_STRINGS.sensCancelled}</p>` : nothing}
          <p class="hint">${S.sensHint}</p>
          ${this.sensError ? html`<p class="error" role="alert">${this.sensError}</p>` : nothing}
          ${this.sensResult ? html`
            <svg class="tornado" role="img" aria-label=${S.tornadoAria} aria-describedby="tn-sum"></svg>
            <p class="summary" id="tn-sum" data-testid="sens-summary">${this.#sensSummary()}</p>
            <div class="actions">
              <button data-action="sens-csv" @click=${() => download(sensitivityToCsv(this.sensResult!.result), `${this.#stem('sensitivity')}.csv`, 'text/csv;charset=utf-8')}>${S.csv}</button>
              <button data-action="sens-scenario" @click=${() => this.#saveScenario({ kind: 'sensitivity', span: this.sensResult!.span, relativeStep: this.sensResult!.relativeStep })}>${S.scenarioJson}</button>
            </div>` : nothing}
        </section>

        <section class="card" aria-labelledby="cm-h" data-section="model">
          <h3 id="cm-h">${S.modelHeading}</h3>
          <p class="hint">${S.modelHint}</p>
          <label>${S.modelLabel}<textarea rows="14" spellcheck="false" data-input="model" .value=${this.modelText}
            @input=${(e: Event) => { this.modelText = (e.target as HTMLTextAreaElement).value; }}></textarea></label>
          <div class="actions">
            <button class="primary" data-action="validate-model" @click=${this.#validateModel}>${S.validateRun}</button>
            <button data-action="download-model" @click=${this.#downloadModel}>${S.downloadModel}</button>
          </div>
          ${this.modelError ? html`<p class="error" role="alert" data-testid="model-error">${this.modelError}</p>` : nothing}
        </section>

        <section class="card" aria-labelledby="ev-h" data-section="events">
          <h3 id="ev-h">${S.eventsHeading}</h3>
          <p class="hint">${S.eventsHint}</p>
          <label>${S.eventsFile}<input type="file" accept=".csv,text/csv" data-input="events-file" @change=${this.#onEventsFile} /></label>
          <label>${S.eventsPaste}<textarea rows="5" spellcheck="false" data-input="events" .value=${this.eventsText}
            @input=${(e: Event) => { this.eventsText = (e.target as HTMLTextAreaElement).value; }}></textarea></label>
          <div class="actions"><button class="primary" data-action="events" @click=${() => this.#importEvents()}>${S.runEvents}</button></div>
          ${this.eventsError ? html`<p class="error" role="alert" data-testid="events-error">${this.eventsError}</p>` : nothing}
        </section>

        <section class="card" aria-labelledby="sc-h" data-section="scenario">
          <h3 id="sc-h">${S.scenarioHeading}</h3>
          <p class="hint">${S.scenarioHint}</p>
          <label>${S.scenarioFile}<input type="file" accept=".json,application/json" data-input="scenario-file" @change=${this.#onScenarioFile} /></label>
          ${this.scenarioError ? html`<p class="error" role="alert" data-testid="scenario-error">${this.scenarioError}</p>` : nothing}
        </section>

        <section class="card" aria-label=${FIT_STRINGS.heading} data-section="fit"><ldn-fit-panel .base=${base}></ldn-fit-panel></section>
      </div>`;
  }

  #outLabel(name: string): string {
    const o = this.base?.spec.outputs.find((x) => x.name === name);
    return o ? `${modelText(this.base!.spec, 'output', o.name) ?? o.name} (${o.unit === 'fraction' ? '%' : o.unit})` : name;
  }

  #setAxis(k: number, name: string): void {
    const base = this.base!;
    const c = axisChoices(base.spec, baseDose(base.request)).find((x) => x.name === name)!;
    this.#patchAxis(k, { name, from: c.from, to: c.to, points: c.points });
  }

  #patchAxis(k: number, patch: Partial<AxisInput>): void {
    const next = [...this.axes] as [AxisInput, AxisInput];
    next[k] = { ...next[k]!, ...patch };
    this.axes = next;
  }

  #sweepSummary(): string {
    const sw = this.sweepResult!;
    const grid = heatmapGrid(sw.axes, sw.result, 0);
    const choice = metricChoices(this.base!.spec).find((m) => m.id === this.sweepMetric);
    const finite = grid.cells.filter((c) => Number.isFinite(c.value));
    if (!finite.length) return S.noValues;
    const max = finite.reduce((a, b) => (b.value > a.value ? b : a));
    const min = finite.reduce((a, b) => (b.value < a.value ? b : a));
    const at = (c: (typeof finite)[number]) => `${grid.yName ? `${axisValueLabel(grid.yName, c.y)} × ` : ''}${axisValueLabel(grid.xName, c.x)}`;
    return S.sweepSummary(choice?.label ?? '', grid.xs.length * grid.ys.length, formatMetricValue(choice, max.value), at(max), formatMetricValue(choice, min.value), at(min));
  }

  #sensSummary(): string {
    const labels = Object.fromEntries(this.base!.spec.parameters.map((p) => [p.name, modelText(this.base!.spec, 'parameter', p.name)]));
    const rows = tornadoRows(this.sensResult!.result, 0, labels);
    const top = rows.slice(0, 3).map((r) => `${r.label} (S = ${formatTick(Number(r.s.toPrecision(3)))})`).join(', ');
    return S.sensSummary(rows.length, top);
  }
}
