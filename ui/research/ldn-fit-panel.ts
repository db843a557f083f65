/**
 * `<ldn-fit-panel>`: fitting the research run's model to observations (issue #14). Import or paste an
 * observations CSV, see the points with their error bars beside the model's curves, pick the parameters, fit in a
 * worker with progress and Cancel, read the estimates with 95% CIs and warnings, download the residuals, export the
 * charts (SVG/PNG, points included), and "Apply" the fitted values to the simulator's scenario.
 *
 * Events: `ldn-fit-apply` (`detail: { modelId, params }`) when the user applies a fit; the app sets the values as
 * parameter overrides of its scenario (so the URL and every export carry them).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { errorText } from '../i18n/messages';
import { formatSignificant } from '../format';
import { customElement, property, state } from 'lit/decorators.js';
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { select } from 'd3-selection';
import { parseObservationsCsv, type FitGroup, type FitResult, type ObservationSet } from '../../engine/fit';
import { composeSvg, download, svgText, svgToPng } from '../export';
import { FIT_STRINGS } from './fit-strings';
import { observedChart } from './charts/observed-chart';
import type { ObservationsChangeDetail } from '../observed-marks';
import type { CurveSet, FitWorkerApi } from './fit-worker-api';
import { curveRequest, estimableParameters, fitGroups, fitProblem, observedOutputs, observedPoints, residualsToCsv } from './fit-model';
import { modelRef, type ResearchBase } from './research-model';
import { modelText } from '../i18n/model-text';
import { TOUCH_TARGETS } from '../theme';

const S = FIT_STRINGS;

/** Detail of `ldn-fit-apply`. */
export interface FitApplyDetail { readonly modelId: string; readonly params: Readonly<Record<string, number>> }

declare global {
  interface HTMLElementTagNameMap { 'ldn-fit-panel': LdnFitPanel }
  interface HTMLElementEventMap { 'ldn-fit-apply': CustomEvent<FitApplyDetail> }
}

interface FitWorker { readonly api: Remote<FitWorkerApi>; readonly worker: Worker }

function startWorker(): FitWorker {
  const worker = new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module', name: 'ldn-sim-fit' });
  return { api: wrap<FitWorkerApi>(worker), worker };
}

function stopWorker(w: FitWorker | null): void {
  if (!w) return;
  w.api[releaseProxy]();
  w.worker.terminate();
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? S.notEstimable : formatSignificant(x, 4));

@customElement('ldn-fit-panel')
export class LdnFitPanel extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; }
    * { box-sizing: border-box; }
    h3 { font-size: 1.05rem; margin: 0 0 8px; }
    .row { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; margin: 6px 0; }
    label { display: flex; flex-direction: column; gap: 2px; font-size: 0.88rem; font-weight: 600; min-width: 0; max-width: 100%; }
    textarea { width: 100%; font: 0.82rem/1.35 ui-monospace, monospace; background: var(--ldn-surface, #fff); color: inherit; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; padding: 6px; }
    input[type='number'] { font: inherit; width: 5em; padding: 4px 6px; background: var(--ldn-surface, #fff); color: inherit; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    select { font: inherit; max-width: 100%; padding: 3px 4px; }
    fieldset { border: 1px solid var(--ldn-line, #d5d9e0); border-radius: 8px; margin: 6px 0; padding: 4px 8px; min-width: 0; }
    legend { font-size: 0.88rem; font-weight: 650; }
    .params { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 230px), 1fr)); gap: 2px 10px; max-height: 220px; overflow: auto; }
    .params label { flex-direction: row; align-items: center; gap: 6px; font-weight: 400; min-height: 28px; }
    /* WCAG 2.2 target size: 24 × 24 px. */
    .params input[type='checkbox'] { width: 24px; height: 24px; margin: 0; flex: none; }
    button { font: inherit; font-size: 0.9rem; padding: 5px 10px; border-radius: 8px; border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); color: inherit; cursor: pointer; }
    button.primary { background: var(--ldn-brand, #0b3d91); border-color: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); font-weight: 650; }
    button:disabled { opacity: 0.5; cursor: default; }
    :is(button, input, select, textarea):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    .error { background: var(--ldn-error-bg, #fef2f2); border: 1px solid var(--ldn-error-line, #dc2626); color: var(--ldn-error-ink, #7f1d1d); border-radius: 8px; padding: 8px 10px; font-size: 0.9rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    .hint, .summary { font-size: 0.86rem; color: var(--ldn-muted, #374151); margin: 4px 0; }
    .ok { color: var(--ldn-ok-ink, #065f46); font-size: 0.9rem; }
    .progress-row { display: flex; gap: 0.75rem; align-items: center; }
    .progress-row progress { flex: 1; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; font-size: 0.86rem; margin: 6px 0; }
    caption { text-align: left; font-weight: 650; padding: 2px 0; }
    th, td { border-bottom: 1px solid var(--ldn-line, #d5d9e0); padding: 3px 8px; text-align: right; white-space: nowrap; }
    th:first-child, td:first-child { text-align: left; }
    th[scope='row'] { white-space: normal; min-width: 9em; font-weight: 600; }
    ul.warnings { margin: 4px 0; padding-left: 1.2em; font-size: 0.86rem; color: var(--ldn-warn-ink, #7c2d12); }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); gap: 10px; }
    figure { margin: 0; min-width: 0; } figcaption { font-size: 0.86rem; font-weight: 600; }
    svg { display: block; max-width: 100%; height: auto; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
  `];

  /** The research run: its model and scenario are what the observations are fitted to. */
  @property({ attribute: false }) base: ResearchBase | null = null;

  @state() private text = 'time_h,output,value,cv,group,dose_mg\n';
  @state() private set: ObservationSet | null = null;
  @state() private groups: FitGroup[] = [];
  @state() private loadError: string | null = null;
  @state() private estimate: string[] = [];
  @state() private error: 'additive' | 'proportional' = 'additive';
  @state() private starts = 4;
  @state() private progress: number | null = null;
  @state() private cancelled = false;
  @state() private fitError: string | null = null;
  @state() private result: FitResult | null = null;
  @state() private curves: CurveSet[] | null = null;
  @state() private message: string | null = null;
  #fitWorker: FitWorker | null = null;
  #curveWorker: FitWorker | null = null;
  #curveToken = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    stopWorker(this.#fitWorker);
    stopWorker(this.#curveWorker);
    this.#fitWorker = this.#curveWorker = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('base') && changed.get('base')?.spec !== this.base?.spec) {
      this.estimate = [];
      this.result = null;
    }
    if (changed.has('base') && this.set) this.#regroup();
  }

  protected override updated(): void {
    this.#draw();
  }

  /** The observations: parse, check the groups against the run, and draw the current curves. */
  #load(source = 'pasted observations'): void {
    try {
      this.set = parseObservationsCsv(this.text, source);
      this.loadError = null;
      this.result = null;
      this.#regroup();
    } catch (err) {
      this.loadError = errorText(err);
    }
  }

  #regroup(): void {
    const base = this.base;
    if (!base || !this.set) return;
    try {
      this.groups = fitGroups(base.spec, this.set, base.request);
      const outs = base.spec.outputs.map((o) => o.name);
      const missing = this.set.observations.find((o) => !outs.includes(o.column));
      if (missing) throw new RangeError(`${this.set.source} line ${missing.line}, column output: model "${base.spec.id}" has no output ${JSON.stringify(missing.column)}; outputs: ${outs.join(', ')}`);
      this.message = S.loaded(this.set.observations.length, this.groups.length, observedOutputs(base.spec, this.set).length);
      void this.#loadCurves(this.result?.values ?? {});
    } catch (err) {
      this.loadError = errorText(err);
      this.set = null;
    }
    this.#publish();
  }

  /** Tells the app which observations to show on the Simulator's charts (ui/observed-marks.ts). */
  #publish(): void {
    if (!this.base) return;
    this.dispatchEvent(new CustomEvent<ObservationsChangeDetail>('ldn-observations-change', {
      detail: { modelId: this.base.spec.id, set: this.set }, bubbles: true, composed: true,
    }));
  }

  async #loadCurves(params: Readonly<Record<string, number>>): Promise<void> {
    const base = this.base;
    const set = this.set;
    if (!base || !set) return;
    const token = ++this.#curveToken;
    this.#curveWorker ??= startWorker();
    const last = (g: string) => Math.max(0, ...set.observations.filter((o) => o.group === g).map((o) => o.timeH));
    try {
      const curves = await this.#curveWorker.api.curves({
        ...modelRef(base), requests: this.groups.map((g) => curveRequest(g, last(g.name), params)), outputs: observedOutputs(base.spec, set),
      });
      if (token === this.#curveToken) this.curves = curves;
    } catch (err) {
      if (token === this.#curveToken) this.fitError = errorText(err);
    }
  }

  #onFile = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.text = await file.text();
    input.value = '';
    this.#load(file.name);
  };

  #toggle(name: string, on: boolean): void {
    this.estimate = on ? [...new Set([...this.estimate, name])] : this.estimate.filter((n) => n !== name);
  }

  #fit = async () => {
    const base = this.base;
    this.fitError = null;
    this.cancelled = false;
    this.message = null;
    if (!base) return;
    if (!this.set) { this.fitError = S.noObservations; return; }
    if (this.estimate.length === 0) { this.fitError = S.pickParams; return; }
    let problem;
    try {
      problem = fitProblem(base.spec, this.set, base.request, this.spec.parameters.map((p) => p.name).filter((n) => this.estimate.includes(n)), this.error);
    } catch (err) { this.fitError = errorText(err); return; }
    stopWorker(this.#fitWorker);
    const w = startWorker();
    this.#fitWorker = w;
    this.progress = 0;
    try {
      const result = await w.api.fit({ ...modelRef(base), problem, options: { starts: this.starts, seed: 1 } }, proxy((f: number) => { if (this.#fitWorker === w) this.progress = f; }));
      if (this.#fitWorker !== w) return;
      this.result = result;
      void this.#loadCurves(result.values);
    } catch (err) {
      if (this.#fitWorker === w) this.fitError = errorText(err);
    } finally {
      if (this.#fitWorker === w) {
        this.progress = null;
        stopWorker(w);
        this.#fitWorker = null;
      }
    }
  };

  #cancel = () => {
    stopWorker(this.#fitWorker);
    this.#fitWorker = null;
    this.progress = null;
    this.cancelled = true;
  };

  #apply = () => {
    if (!this.result || !this.base) return;
    this.dispatchEvent(new CustomEvent<FitApplyDetail>('ldn-fit-apply', {
      detail: { modelId: this.base.spec.id, params: { ...this.result.values } }, bubbles: true, composed: true,
    }));
    this.message = S.applied(Object.keys(this.result.values).length);
  };

  get spec() { return this.base!.spec; }

  #label(name: string): string {
    const o = this.base?.spec.outputs.find((x) => x.name === name);
    return o ? `${modelText(this.base!.spec, 'output', o.name) ?? o.name} (${o.unit === 'fraction' ? '%' : o.unit})` : name;
  }

  #series(name: string) {
    const set = this.set!;
    return this.groups.map((g, i) => {
      const c = this.curves?.[i];
      const y = c?.columns[name];
      return { name: g.name, curve: c && y ? { x: c.timeH, y } : null, points: observedPoints(set, g.name, name) };
    });
  }

  #draw(): void {
    if (!this.set || !this.base) return;
    this.renderRoot.querySelectorAll<SVGSVGElement>('svg[data-fit-chart]').forEach((svg) => {
      const name = svg.dataset.fitChart!;
      const unit = this.base!.spec.outputs.find((o) => o.name === name)?.unit;
      observedChart().width(Math.max(280, Math.min(640, svg.parentElement?.clientWidth ?? 480))).height(230).valueScale(unit === 'fraction' ? 100 : 1)(select(svg), this.#series(name));
    });
  }

  #snapshot(name: string) {
    const svg = this.renderRoot.querySelector<SVGSVGElement>(`svg[data-fit-chart="${name}"]`);
    if (!svg) return null;
    const n = this.#series(name).reduce((s, x) => s + x.points.length, 0);
    return composeSvg([{ svg, title: this.#label(name), summary: S.chartSummary(this.#label(name), n, this.groups.length, this.result !== null) }], S.exportHeading, S.exportFooter);
  }

  #exportSvg(name: string): void {
    const doc = this.#snapshot(name);
    if (doc) download(svgText(doc), `ldn-sim-fit-${name}.svg`, 'image/svg+xml');
  }

  async #exportPng(name: string): Promise<void> {
    const doc = this.#snapshot(name);
    if (doc) download(await svgToPng(doc), `ldn-sim-fit-${name}.png`, 'image/png');
  }

  protected override render() {
    const base = this.base;
    if (!base) return nothing;
    const params = estimableParameters(base.spec);
    const outputs = this.set ? observedOutputs(base.spec, this.set) : [];
    const r = this.result;
    return html`
      <h3 id="fit-h">${S.heading}</h3>
      <p class="hint">${S.hint}</p>
      <label>${S.file}<input type="file" accept=".csv,text/csv" data-input="obs-file" @change=${this.#onFile} /></label>
      <label>${S.paste}<textarea rows="6" spellcheck="false" data-input="observations" .value=${this.text}
        @input=${(e: Event) => { this.text = (e.target as HTMLTextAreaElement).value; }}></textarea></label>
      <div class="actions"><button data-action="load-observations" @click=${() => this.#load()}>${S.load}</button></div>
      ${this.loadError ? html`<p class="error" role="alert" data-testid="obs-error">${this.loadError}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status" data-testid="fit-message">${this.message}</p>` : nothing}
      ${outputs.length ? html`<div class="charts">${outputs.map((name) => {
        const n = this.#series(name).reduce((s, x) => s + x.points.length, 0);
        return html`<figure><figcaption>${this.#label(name)} · ${r ? S.curveFitted : S.curveCurrent}</figcaption>
          <svg data-fit-chart=${name} role="img" aria-label=${S.chartAria(this.#label(name), n)}></svg>
          <p class="summary">${S.chartSummary(this.#label(name), n, this.groups.length, r !== null)}</p>
          <div class="actions"><button data-action="fit-svg" @click=${() => this.#exportSvg(name)}>${S.svg}</button>
            <button data-action="fit-png" @click=${() => void this.#exportPng(name)}>${S.png}</button></div></figure>`;
      })}</div>` : nothing}
      <fieldset>
        <legend>${S.paramsLegend}</legend>
        <p class="hint">${S.paramsHint}</p>
        <div class="params">${params.map((p) => html`<label><input type="checkbox" data-estimate=${p.name} .checked=${this.estimate.includes(p.name)}
          @change=${(e: Event) => this.#toggle(p.name, (e.target as HTMLInputElement).checked)} />${p.label} (${p.unit})</label>`)}</div>
      </fieldset>
      <div class="row">
        <label>${S.errorLabel}<select data-select="fit-error" @change=${(e: Event) => { this.error = (e.target as HTMLSelectElement).value as 'additive' | 'proportional'; }}>
          <option value="additive" ?selected=${this.error === 'additive'}>${S.errorAdditive}</option>
          <option value="proportional" ?selected=${this.error === 'proportional'}>${S.errorProportional}</option></select></label>
        <label>${S.startsLabel}<input type="number" min="1" max="20" step="1" .value=${String(this.starts)}
          @change=${(e: Event) => { this.starts = Math.max(1, Math.min(20, Math.round(Number((e.target as HTMLInputElement).value)) || 1)); }} /></label>
        <button class="primary" data-action="fit" ?disabled=${this.progress !== null} @click=${this.#fit}>${S.run}</button>
      </div>
      ${this.progress !== null ? html`<div class="progress-row"><progress max="1" .value=${this.progress} aria-label=${S.progressLabel}></progress>
        <button data-action="fit-cancel" aria-label=${S.cancelLabel} @click=${this.#cancel}>${S.cancel}</button></div>
        <p class="hint" role="status">${S.progress(this.progress)}</p>` : nothing}
      ${this.cancelled ? html`<p class="hint" role="status" data-testid="fit-cancelled">${S.cancelled}</p>` : nothing}
      ${this.fitError ? html`<p class="error" role="alert" data-testid="fit-error">${this.fitError}</p>` : nothing}
      ${r ? html`
        <div class="table-wrap" tabindex="0" role="region" aria-label=${S.tableCaption}><table data-testid="fit-table">
          <caption>${S.tableCaption}</caption>
          <thead><tr><th scope="col">${S.colParameter}</th><th scope="col">${S.colStart}</th><th scope="col">${S.colEstimate}</th><th scope="col">${S.colSe}</th><th scope="col">${S.colCi}</th><th scope="col">${S.colUnit}</th></tr></thead>
          <tbody>${r.estimates.map((e) => html`<tr data-param=${e.name}><th scope="row">${modelText(base.spec, 'parameter', e.name)}</th>
            <td>${fmt(e.start)}</td><td data-testid="estimate">${fmt(e.estimate)}</td><td>${fmt(e.se)}</td>
            <td>${e.ci95 ? `${fmt(e.ci95[0])} – ${fmt(e.ci95[1])}` : S.notEstimable}</td><td>${e.unit}</td></tr>`)}</tbody>
        </table></div>
        <p class="summary" data-testid="fit-summary">${S.summary(fmt(r.objective), r.n, r.p, r.convergence.reason, r.convergence.evaluations)}</p>
        ${r.warnings.length ? html`<h4>${S.warningsHeading}</h4><ul class="warnings" data-testid="fit-warnings">${r.warnings.map((w) => html`<li>${w}</li>`)}</ul>`
          : html`<p class="hint">${S.noWarnings}</p>`}
        ${r.notes?.length ? html`<h4>${S.notesHeading}</h4><ul data-testid="fit-notes">${r.notes.map((n) => html`<li>${n}</li>`)}</ul>` : nothing}
        <p class="hint">${S.applyHint}</p>
        <div class="actions">
          <button class="primary" data-action="fit-apply" @click=${this.#apply}>${S.apply}</button>
          <button data-action="fit-residuals" @click=${() => download(residualsToCsv(r), `ldn-sim-${base.spec.id}-fit-residuals.csv`, 'text/csv;charset=utf-8')}>${S.residualsCsv}</button>
        </div>` : nothing}
    `;
  }
}
