/**
 * `<ldn-chart>`: one time chart of a simulation result. Standalone (the embeddable widget reuses it): give it a
 * `result`, a `config` (which columns, how) and optionally a `pinned` result and a `cursorH`. It draws with the
 * `timeChart` factory in `updated()`, animates between results (unless the user prefers reduced motion), and
 * reports pointer or keyboard moves of the crosshair as `ldn-cursor-change`.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { SimulationResult } from '../engine/result';
import type { ChartConfig } from './chart-config';
import { clockTicks } from './charts/clock-ticks';
import { nightBands } from './charts/night-bands';
import { chartSeries, formatPower, logDomain } from './charts/chart-series';
import { interpolate, timeChart, type ChartMarker } from './charts/time-chart';
import { clockAt, formatDoseMg, formatTick, formatValue } from './format';
import { doseTimes } from './phases';
import { LINE } from './palette';
import { CHART_STRINGS as STRINGS } from './chart-strings';
import { summarizeChart } from './summary';
import type { EvidenceMark } from './evidence-marks';
import type { drawEvidenceMarks } from './evidence-draw';
import { domainWithMarks, observedSummary, type ObservedMark } from './observed-marks';
import type { drawObservedMarks } from './observed-draw';

export interface CursorChangeDetail { readonly timeH: number | null }

declare global {
  interface HTMLElementTagNameMap { 'ldn-chart': LdnChart }
  interface HTMLElementEventMap { 'ldn-cursor-change': CustomEvent<CursorChangeDetail> }
}

const TWEEN_MS = 260;
/** An off-screen chart (with `deferOffscreen`) is redrawn this long after the last change it held back. */
const REST_MS = 150;
/** Changes that an off-screen chart may hold back: the data drawn, not its size or configuration. */
const DEFERRABLE = new Set<PropertyKey>(['result', 'pinned', 'cursorH']);

const reducedMotionQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

/** True when the user asks for reduced motion (read live: the setting can change while the page is open). */
function prefersReducedMotion(): boolean {
  return !!reducedMotionQuery?.matches;
}

@customElement('ldn-chart')
export class LdnChart extends LitElement {
  static override styles = css`
    /* Layout and paint stay inside the chart. (No content-visibility: full-page captures must show every chart.) */
    :host { display: block; min-width: 0; contain: content; color: var(--ldn-ink, #1b1f24); }
    figure { margin: 0; background: var(--ldn-surface, #fff); border: 1px solid var(--ldn-line, #d5d9e0); border-radius: 10px; padding: 12px 12px 8px; }
    header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; margin-bottom: 4px; }
    h3 { font-size: 1.05rem; margin: 0; font-weight: 650; }
    ul { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 0; padding: 0; font-size: 0.9rem; }
    li { display: inline-flex; align-items: center; gap: 6px; }
    li svg { flex: none; }
    .plot { position: relative; }
    svg.chart { display: block; width: 100%; height: auto; touch-action: pan-y; }
    svg.chart:focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; border-radius: 4px; }
    .tip { position: absolute; top: 4px; pointer-events: none; background: var(--ldn-surface, #fff); border: 1px solid var(--ldn-field-border, #6b7280);
      border-radius: 6px; padding: 4px 8px; font-size: 0.85rem; white-space: nowrap; box-shadow: 0 2px 6px rgba(0,0,0,0.12); z-index: 1; }
    .tip b { font-weight: 650; }
    .tip .row { display: flex; gap: 8px; justify-content: space-between; }
    .summary { margin: 6px 2px 0; font-size: 0.92rem; color: var(--ldn-muted, #4b5563); }
    .tip .pin { font-weight: 400; }
    .summary .who { font-weight: 650; }
    button.log { font: inherit; font-size: 0.85rem; min-height: 24px; padding: 2px 10px; border-radius: 8px; margin-left: auto;
      border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); color: inherit; cursor: pointer; }
    button.log[aria-pressed='true'] { background: var(--ldn-brand, #0b3d91); border-color: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); font-weight: 700; }
    button.log:focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    .lognote { margin: 2px 2px 0; font-size: 0.82rem; color: var(--ldn-muted, #4b5563); }
    /* The drawn SVG carries the light theme's colours as attributes (for export); here they follow the theme. */
    svg.chart g.grid line { stroke: var(--ldn-line, #d5d9e0); }
    svg.chart g.bands rect { fill: var(--ldn-night, #1e3a5f); }
    svg.chart g.days text { fill: var(--ldn-muted, #4b5563); }
    svg.chart g.midnight-lines line { stroke: var(--ldn-field-border, #6b7280); }
    svg.chart g.cursor circle, svg.chart path.core { stroke: var(--ldn-surface, #fff); }
    /* Forced colours (Windows High Contrast): the chart is drawn with system colours; lines stay apart by dash. */
    @media (forced-colors: active) {
      figure, .tip { border-color: CanvasText; }
      svg.chart { forced-color-adjust: none; color: CanvasText; background: Canvas; }
      svg.chart text { fill: CanvasText; }
      svg.chart g.days text { fill: CanvasText; }
      svg.chart g.series path { stroke: CanvasText; }
      svg.chart g.series path.core { stroke: Canvas; }
      svg.chart g.grid line, svg.chart g.midnight-lines line { stroke: GrayText; }
      svg.chart g.bands rect { fill: GrayText; }
      svg.chart g.markers path { fill: CanvasText; }
      svg.chart g.cursor line { stroke: Highlight; }
      svg.chart g.cursor circle { fill: Highlight; stroke: Canvas; }
      li svg line { stroke: CanvasText; }
      li svg line.core { stroke: Canvas; }
      button.log[aria-pressed='true'] { forced-color-adjust: none; background: Highlight; color: HighlightText; border: 2px solid CanvasText; }
    }
    ul.evidence { margin: 6px 0 0; padding-left: 1.2em; font-size: 0.85rem; display: block; }
    ul.evidence li { display: list-item; cursor: default; border-radius: 4px; padding: 1px 3px; }
    ul.evidence li:focus-visible, ul.evidence li.on { outline: 2px solid var(--ldn-focus, #0072B2); background: var(--ldn-tint, #eef4ff); }
    svg.chart g.observed line, svg.chart g.observed path { stroke: var(--ldn-ink, #1b1f24); }
    details.observed { margin: 6px 0 0; font-size: 0.85rem; }
    details.observed summary { cursor: pointer; min-height: 24px; }
    @media (forced-colors: active) {
      svg.chart g.observed line, svg.chart g.observed path { stroke: CanvasText; }
      svg.chart g.observed path { fill: Canvas; }
    }
  `;

  /** Which columns to draw and how. */
  @property({ attribute: false }) config: ChartConfig | null = null;
  @property({ attribute: false }) result: SimulationResult | null = null;
  /** A pinned scenario's result, drawn as thinner dashed lines. */
  @property({ attribute: false }) pinned: SimulationResult | null = null;
  /** Names the current scenario in the summary and tooltip when a pinned one is shown (e.g. "4.5 mg at 22:00"). */
  @property({ attribute: false }) currentLabel: string | null = null;
  /** Names the pinned scenario in the summary and tooltip. */
  @property({ attribute: false }) pinnedLabel: string | null = null;
  /** Crosshair time, hours since time 0; `null` hides it. */
  @property({ attribute: false }) cursorH: number | null = null;
  /**
   * Published figures to mark (issue #13's Evidence toggle; fractions on a `%` chart), or null. Each is drawn with
   * its citation as a tooltip, listed under the chart (focusable, highlighting its mark) and in the text summary.
   */
  @property({ attribute: false }) evidence: readonly EvidenceMark[] | null = null;
  /**
   * Observed points from the Research tab on this chart (ui/observed-marks.ts), or null: drawn with error bars,
   * listed under the chart (focusable, highlighting the point) and counted in the text summary.
   */
  @property({ attribute: false }) observed: readonly ObservedMark[] | null = null;
  @state() private observedFocus: string | null = null;
  /** The evidence item being hovered or focused (its mark is highlighted). */
  @state() private evidenceFocus: string | null = null;
  /** Show the tooltip next to the crosshair. */
  @property({ type: Boolean }) tooltip = true;
  /** Chart height in px (the width follows the element). */
  @property({ type: Number }) height = 230;
  /**
   * While the chart is outside the viewport, hold back redraws for a new result, pinned result or cursor until
   * the inputs rest (`REST_MS` without another) or the chart scrolls into view, so that a dragged slider redraws
   * only what can be seen in its frame. Export (`snapshot()`) draws what was held back first.
   */
  @property({ type: Boolean, attribute: 'defer-offscreen' }) deferOffscreen = false;

  @state() private width = 640;
  /** The pointer is over the chart or it has keyboard focus: show the tooltip. */
  @state() private active = false;
  /** Logarithmic y axis (charts whose configuration allows it); view-only state, never part of a simulation. */
  @state() private log = false;
  @query('svg.chart') private svgEl!: SVGSVGElement;

  readonly #chart = timeChart();
  #shown = new Map<string, Float64Array>();
  #tween: { from: Map<string, Float64Array>; to: Map<string, Float64Array>; start: number; raf: number } | null = null;
  #resize: ResizeObserver | null = null;
  #intersection: IntersectionObserver | null = null;
  /** Some part of the chart is inside the viewport (true until the first observation says otherwise). */
  #inView = true;
  /** Changed properties (with their old values) held back while off-screen. */
  #heldBack = new Map<PropertyKey, unknown>();
  #restTimer = 0;
  #catchingUp = false;
  /** Sequence of the result last drawn, for tests and the frame-time benchmark. */
  drawnResult: SimulationResult | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.#resize = new ResizeObserver((entries) => {
        const w = Math.round(entries[0]?.contentRect.width ?? 0);
        if (w > 0 && Math.abs(w - this.width) >= 1) this.width = w;
      });
      this.#resize.observe(this);
    }
    if (typeof IntersectionObserver !== 'undefined') {
      this.#intersection = new IntersectionObserver((entries) => {
        this.#inView = entries[entries.length - 1]?.isIntersecting ?? true;
        if (this.#inView) this.#catchUp();
      });
      this.#intersection.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#intersection?.disconnect();
    this.#inView = true;
    clearTimeout(this.#restTimer);
    if (this.#tween) cancelAnimationFrame(this.#tween.raf);
    this.#tween = null;
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    const catchingUp = this.#catchingUp;
    this.#catchingUp = false;
    const hold = this.deferOffscreen && !this.#inView && !catchingUp && this.hasUpdated && !this.active
      && [...changed.keys()].every((k) => DEFERRABLE.has(k));
    const all = changed as Map<PropertyKey, unknown>;
    if (hold) {
      for (const [k, v] of all) if (!this.#heldBack.has(k)) this.#heldBack.set(k, v);
      clearTimeout(this.#restTimer);
      this.#restTimer = window.setTimeout(() => this.#catchUp(), REST_MS);
      return false;
    }
    // Drawing now: include what was held back (with its oldest value, so e.g. `result` counts as changed).
    for (const [k, v] of this.#heldBack) if (!all.has(k)) all.set(k, v);
    this.#heldBack.clear();
    clearTimeout(this.#restTimer);
    return true;
  }

  /** Draws the changes held back while off-screen (on the next microtask). */
  #catchUp(): void {
    clearTimeout(this.#restTimer);
    if (!this.#heldBack.size) return;
    this.#catchingUp = true;
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('result') || changed.has('config')) this.#retarget();
  }

  /** Moves the displayed values towards the new result: a short tween when the grids match, else a jump. */
  #retarget(): void {
    const to = new Map<string, Float64Array>();
    const r = this.result;
    if (r && this.config) for (const s of this.config.series) { const c = r.columns.find((x) => x.name === s.column); if (c) to.set(s.column, c.values); }
    const sameGrid = [...to].every(([k, v]) => this.#shown.get(k)?.length === v.length) && to.size > 0 && this.#shown.size > 0;
    if (this.#tween) cancelAnimationFrame(this.#tween.raf);
    this.#tween = null;
    if (!sameGrid || prefersReducedMotion()) { this.#shown = to; return; }
    const from = new Map([...to].map(([k]) => [k, Float64Array.from(this.#shown.get(k)!)] as const));
    this.#tween = { from, to, start: performance.now(), raf: 0 };
    this.#shown = new Map([...from].map(([k, v]) => [k, Float64Array.from(v)] as const));
    const step = (now: number) => {
      const tw = this.#tween;
      if (!tw) return;
      const f = Math.min(1, (now - tw.start) / TWEEN_MS);
      const e = f < 0.5 ? 2 * f * f : 1 - (-2 * f + 2) ** 2 / 2;
      const next = new Map<string, Float64Array>();
      for (const [key, target] of tw.to) {
        const a = tw.from.get(key)!;
        const out = f >= 1 ? target : new Float64Array(target.length);
        if (f < 1) for (let i = 0; i < out.length; i++) out[i] = a[i]! + (target[i]! - a[i]!) * e;
        next.set(key, out);
      }
      this.#shown = next;
      this.#draw();
      if (f < 1) tw.raf = requestAnimationFrame(step); else this.#tween = null;
    };
    this.#tween.raf = requestAnimationFrame(step);
  }

  protected override render() {
    const cfg = this.config;
    if (!cfg) return nothing;
    const r = this.result;
    const ev = this.evidence;
    const evText = ev ? ` ${ev.length ? STRINGS.blockade.evidenceSummary(ev.length) + ' ' + ev.map((m) => m.label).join('; ') + '.' : STRINGS.blockade.evidenceNone}` : '';
    const id = `chart-${cfg.id}`;
    const A = STRINGS.a11y;
    const p = this.pinned;
    const summary = !r ? STRINGS.noData + evText
      : p ? html`<span class="who">${A.summaryCurrent(this.currentLabel ?? STRINGS.current, '')}</span>${summarizeChart(cfg, r)}
          <br /><span class="who">${A.summaryPinned(this.pinnedLabel ?? '', '')}</span>${summarizeChart(cfg, p)}${evText}`
      : summarizeChart(cfg, r) + evText;
    const obs = this.observed ?? [];
    const span = r ? r.timeH[r.timeH.length - 1]! : 0;
    const t = this.cursorH ?? 0;
    return html`
      <figure>
        <header>
          <h3 id="${id}-title">${cfg.title}</h3>
          <ul aria-label=${STRINGS.legend}>
            ${cfg.series.map((s) => html`<li>${this.#swatch(s.color, s.dash)}${s.label}</li>`)}
            ${this.pinned ? html`<li class="pinned">${this.#railSwatch()}${STRINGS.pinned}</li>` : nothing}
            ${cfg.baseline !== undefined ? html`<li>${this.#swatch('currentColor', '1 3')}${STRINGS.baseline}</li>` : nothing}
          </ul>
          ${cfg.logScale ? html`<button type="button" class="log" aria-pressed=${String(this.log)} @click=${this.#toggleLog}>${A.logScale}</button>` : nothing}
        </header>
        <div class="plot">
          <svg class="chart" role="slider" tabindex="0" aria-label=${A.chartCursor(cfg.title)}
            aria-valuemin="0" aria-valuemax=${span} aria-valuenow=${Math.min(span, Math.max(0, t))} aria-valuetext=${r ? this.#valueText(t) : STRINGS.noData}
            aria-describedby=${ifDefined(this.log ? `${id}-log` : undefined)} data-chart=${cfg.id}
            @pointermove=${this.#onPointer} @pointerdown=${this.#onPointer} @pointerenter=${this.#onEnter} @pointerleave=${this.#onLeave}
            @focus=${this.#onEnter} @blur=${this.#onLeave} @keydown=${this.#onKey}></svg>
          ${this.#tip()}
        </div>
        <slot name="tools"></slot>
        ${this.log ? html`<p class="lognote" id="${id}-log">${A.logScaleNote}</p>` : nothing}
        <p class="summary" id="${id}-summary" aria-live="off">${summary}${obs.length ? ` ${observedSummary(obs)}` : ''}</p>
        ${obs.length ? html`<details class="observed"><summary>${STRINGS.observed.heading(obs.length)}</summary><ul class="evidence">${obs.map((m) => html`<li tabindex="0"
          data-observed=${m.id} class=${this.observedFocus === m.id ? 'on' : ''} @focus=${() => { this.observedFocus = m.id; }} @blur=${() => { this.observedFocus = null; }}
          @pointerenter=${() => { this.observedFocus = m.id; }} @pointerleave=${() => { this.observedFocus = null; }}>${m.label}</li>`)}</ul></details>` : nothing}
        ${ev?.length ? html`<ul class="evidence" aria-label=${STRINGS.blockade.evidenceHeading}>${ev.map((m) => html`<li tabindex="0" data-evidence=${m.id}
          class=${this.evidenceFocus === m.id ? 'on' : ''} @focus=${() => { this.evidenceFocus = m.id; }} @blur=${() => { this.evidenceFocus = null; }}
          @pointerenter=${() => { this.evidenceFocus = m.id; }} @pointerleave=${() => { this.evidenceFocus = null; }}>${m.label}</li>`)}</ul>` : nothing}
      </figure>`;
  }

  /** The legend mark of a pinned line: a hollow rail, as drawn. */
  #railSwatch() {
    return html`<svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke="currentColor" stroke-width="5"></line><line class="core" x1="1" x2="25" y1="5" y2="5" stroke="var(--ldn-surface, #fff)" stroke-width="2"></line></svg>`;
  }

  #toggleLog = () => { this.log = !this.log; };

  /** The cursor's value for assistive technology: clock time and each line's value (and the pinned one's). */
  #valueText(t: number): string {
    const cfg = this.config!;
    const r = this.result!;
    const k = cfg.scale ?? 1;
    const values = cfg.series.flatMap((s) => {
      const c = r.columns.find((col) => col.name === s.column);
      if (!c) return [];
      const p = this.pinned?.columns.find((col) => col.name === s.column);
      const pv = p ? interpolate(this.#pinnedX(), p.values, t) * k : NaN;
      return [`${s.label ?? c.label} ${formatValue(interpolate(r.timeH, c.values, t) * k, cfg.unit)}${Number.isFinite(pv) ? ` (${STRINGS.a11y.tooltipPinned(this.pinnedLabel ?? '')} ${formatValue(pv, cfg.unit)})` : ''}`];
    });
    return STRINGS.a11y.chartCursorValue(clockAt(t, r.meta.startClockH), values.join('; '));
  }

  #swatch(color: string, dash: string, opacity = 1, width = 3) {
    return html`<svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke=${color} stroke-width=${width} stroke-opacity=${opacity} stroke-dasharray=${dash || 'none'}></line></svg>`;
  }

  #tip() {
    const cfg = this.config;
    const r = this.result;
    const t = this.cursorH;
    if (!this.tooltip || !this.active || !cfg || !r || t === null || !this.svgEl) return nothing;
    const x = this.#chart.xScale()(t) + this.#chart.margin().left;
    const k = cfg.scale ?? 1;
    const rows = cfg.series.map((s) => {
      const c = r.columns.find((col) => col.name === s.column);
      const p = this.pinned?.columns.find((col) => col.name === s.column);
      const v = c ? interpolate(r.timeH, c.values, t) * k : NaN;
      const pv = p && this.pinned ? interpolate(this.#pinnedX(), p.values, t) * k : NaN;
      return html`<div class="row"><span>${s.label}</span><b>${formatValue(v, cfg.unit)}${Number.isFinite(pv) ? html` <span class="pin">(${formatValue(pv, cfg.unit)})</span>` : nothing}</b></div>`;
    });
    const names = this.pinned ? html`<div>${STRINGS.a11y.tooltipCurrent(this.currentLabel ?? '')}; <span class="pin">(${STRINGS.a11y.tooltipPinned(this.pinnedLabel ?? '')})</span></div>` : nothing;
    const scale = this.svgEl.getBoundingClientRect().width / this.width || 1;
    const left = x * scale;
    const flip = left > (this.svgEl.getBoundingClientRect().width || this.width) * 0.55;
    // Positioned in updated() through CSSOM: a style attribute in markup is refused under a strict CSP.
    this.#tipPos = flip ? ['right', `${Math.max(0, (this.svgEl.getBoundingClientRect().width || this.width) - left + 12)}px`] : ['left', `${left + 12}px`];
    return html`<div class="tip" aria-hidden="true"><div><b>${clockAt(t, r.meta.startClockH)}</b></div>${names}${rows}</div>`;
  }

  #tipPos: ['left' | 'right', string] = ['left', '0px'];
  #pinnedXCache: { pinned: SimulationResult; start: number; x: Float64Array } | null = null;

  /**
   * The pinned result's times on this chart's axis. The axis is clock time from the current scenario's first
   * dose, so a pinned scenario dosed at another hour is shifted by the clock difference (taken within ±12 h):
   * bedtime vs morning then shows the two doses at their own hours instead of two identical curves.
   */
  #pinnedX(): Float64Array {
    const p = this.pinned!;
    const start = this.result?.meta.startClockH ?? p.meta.startClockH;
    const c = this.#pinnedXCache;
    if (c && c.pinned === p && c.start === start) return c.x;
    const offset = ((((p.meta.startClockH - start + 12) % 24) + 24) % 24) - 12;
    const x = offset === 0 ? p.timeH : p.timeH.map((t) => t + offset);
    this.#pinnedXCache = { pinned: p, start, x };
    return x;
  }

  protected override updated(): void {
    this.#draw();
    const tip = this.renderRoot.querySelector<HTMLElement>('.tip');
    if (tip) {
      const [side, value] = this.#tipPos;
      tip.style.setProperty(side, value);
      tip.style.removeProperty(side === 'left' ? 'right' : 'left');
    }
  }

  /** The observed points' drawing (ui/observed-draw.ts), fetched when a chart first has points. */
  #drawObserved: typeof drawObservedMarks | null = null;

  #draw(): void {
    const cfg = this.config;
    const svg = this.svgEl;
    if (!cfg || !svg) return;
    const r = this.result;
    const k = cfg.scale ?? 1;
    const log = this.log && !!cfg.logScale;
    const series = chartSeries(cfg, { result: r, shown: this.#shown, pinned: this.pinned, pinnedX: this.pinned ? this.#pinnedX() : null, log });
    const span = r ? r.timeH[r.timeH.length - 1]! : this.pinned ? this.pinned.timeH[this.pinned.timeH.length - 1]! : 24;
    const start = r?.meta.startClockH ?? 0;
    const narrow = this.width < 520;
    const markers: ChartMarker[] = r ? doseTimes(r).map((d) => ({
      timeH: d.timeH, label: STRINGS.doseMarker(formatDoseMg(d.amtMg), d.drug, clockAt(d.timeH, start)),
      color: d.drug === 'morphine' ? LINE.purple : LINE.vermillion,
    })) : [];
    const unit = cfg.unit;
    this.#chart
      .width(this.width).height(narrow ? Math.min(this.height, 200) : this.height)
      .margin({ top: 10, right: narrow ? 10 : 18, bottom: 44, left: narrow ? 46 : 58 })
      .fontSize(narrow ? 11 : 13)
      .xDomain([0, span])
      .yDomain(log ? logDomain(series) : cfg.yDomain ? [cfg.yDomain[0], cfg.yDomain[1]]
        : this.observed?.length ? domainWithMarks(series.map((s) => s.y), this.observed, cfg.baseline ?? null) : null)
      .valueScale(log ? 1 : k)
      .yFormat(log ? (v) => formatPower(v) : (v) => formatTick(v, unit === '%' ? '%' : unit === '× baseline' ? '×' : undefined))
      .xTicks(clockTicks().startClockH(start).maxTicks(narrow ? 6 : Math.max(4, Math.floor(this.width / 90)))(span))
      .bands(nightBands().startClockH(start)(span))
      .markers(markers)
      .baseline(cfg.baseline ?? null)
      .cursor(this.cursorH);
    this.#chart(svg, series);
    this.#drawEvidence(svg);
    if (this.#drawObserved) {
      this.#drawObserved(svg, this.#chart.margin(), this.#chart.xScale(), this.#chart.yScale(), log ? (v) => (v * k > 0 ? Math.log10(v * k) : NaN) : (v) => v * k,
        this.observed ?? [], this.observedFocus);
    } else if (this.observed?.length) {
      void import('./observed-draw').then((m) => { this.#drawObserved = m.drawObservedMarks; this.#draw(); });
    }
    const points = String(r?.timeH.length ?? 0);
    if (svg.dataset['points'] !== points) svg.dataset['points'] = points;
    this.drawnResult = r;
  }

  /**
   * Evidence marks over the plot (ui/evidence-draw.ts, fetched with the first marks shown: charts without marks,
   * such as the widget's, never load it).
   */
  #drawEvidence(svg: SVGSVGElement): void {
    const [x0, x1] = this.#chart.xScale().domain() as [number, number];
    const shown = (this.evidence ?? []).filter((e) => e.fromH <= x1 && e.toH >= x0);
    if (!shown.length) { svg.querySelectorAll('g.evidence').forEach((g) => g.remove()); return; }
    if (this.#drawMarks) {
      this.#drawMarks(svg, shown, this.evidenceFocus, this.#chart.margin(), this.#chart.xScale(), this.#chart.yScale(), this.config?.scale ?? 1);
    } else void import('./evidence-draw').then((m) => { this.#drawMarks = m.drawEvidenceMarks; this.#draw(); });
  }

  #drawMarks: typeof drawEvidenceMarks | null = null;

  #timeAt(ev: PointerEvent): number | null {
    const rect = this.svgEl.getBoundingClientRect();
    if (rect.width === 0) return null;
    const px = ((ev.clientX - rect.left) / rect.width) * this.width - this.#chart.margin().left;
    const [a, b] = this.#chart.xScale().domain() as [number, number];
    const t = this.#chart.xScale().invert(px);
    return Math.min(b, Math.max(a, t));
  }

  #onPointer = (ev: PointerEvent) => {
    const t = this.#timeAt(ev);
    if (t !== null) this.#emit(t);
  };

  #onEnter = () => { this.active = true; };
  /** Hides the tooltip; the cursor stays where it was (it drives the receptor diagram). */
  #onLeave = () => { this.active = false; };

  #onKey = (ev: KeyboardEvent) => {
    const r = this.result;
    if (!r) return;
    const span = r.timeH[r.timeH.length - 1]!;
    const big = span > 96 ? 6 : 1;
    const t = this.cursorH ?? 0;
    let next: number | null = null;
    if (ev.key === 'ArrowRight') next = t + (ev.shiftKey ? big * 6 : 0.25 * big);
    else if (ev.key === 'ArrowLeft') next = t - (ev.shiftKey ? big * 6 : 0.25 * big);
    else if (ev.key === 'PageUp') next = t + big * 6;
    else if (ev.key === 'PageDown') next = t - big * 6;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = span;
    if (next === null) return;
    ev.preventDefault();
    this.#emit(Math.min(span, Math.max(0, next)));
  };

  #emit(timeH: number): void {
    this.dispatchEvent(new CustomEvent<CursorChangeDetail>('ldn-cursor-change', { detail: { timeH }, bubbles: true, composed: true }));
  }

  /** A standalone copy of the drawn chart (with its title), for SVG/PNG export. */
  snapshot(): SVGSVGElement | null {
    if (this.#heldBack.size) { this.#catchUp(); this.performUpdate(); }
    if (!this.svgEl || !this.config) return null;
    return this.svgEl.cloneNode(true) as SVGSVGElement;
  }

  /** The chart's height in px as drawn. */
  get drawnHeight(): number {
    return this.#chart.height();
  }
}

