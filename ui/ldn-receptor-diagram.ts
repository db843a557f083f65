/**
 * `<ldn-receptor-diagram>`: a population of mu opioid receptors at one moment — how many there are (relative to
 * baseline) and which hold naltrexone, 6β-naltrexol, morphine or an endorphin. Standalone: give it a
 * `ReceptorState` (see `receptor-state.ts`). Occupants are told apart by shape as well as colour.
 */
import { LitElement, css, html, nothing, svg, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { RECEPTOR_COLORS } from './palette';
import type { ReceptorState } from './receptor-state';
import { formatPercent } from './i18n/runtime';
import { STRINGS } from './strings';
import { themeVar } from './theme';

declare global {
  interface HTMLElementTagNameMap { 'ldn-receptor-diagram': LdnReceptorDiagram }
}

type Occupant = 'naltrexone' | 'naltrexol' | 'agonist' | 'endorphin' | 'free';

const COLS = 16;
const ROWS = 8;
const SLOTS = COLS * ROWS;
const CELL_W = 28;
const CELL_H = 30;
const PAD = 10;

/** A fixed pseudo-random order of the slots (so occupied receptors are scattered but do not flicker). */
const ORDER: readonly number[] = (() => {
  const a = Array.from({ length: SLOTS }, (_, i) => i);
  let s = 12345;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
})();

/** Receptor counts for a state: `base` receptors at baseline density, rounded, capped at the slots. */
export function receptorCounts(state: ReceptorState, base: number): Record<Occupant, number> & { total: number } {
  const total = Math.min(SLOTS, Math.max(0, Math.round(base * state.density)));
  const naltrexone = Math.round(total * state.naltrexone);
  const naltrexol = Math.min(total - naltrexone, Math.round(total * state.naltrexol));
  const agonist = Math.min(total - naltrexone - naltrexol, Math.round(total * state.agonist));
  const endorphin = Math.min(total - naltrexone - naltrexol - agonist, Math.round(total * state.endorphin));
  return { total, naltrexone, naltrexol, agonist, endorphin, free: total - naltrexone - naltrexol - agonist - endorphin };
}

const LABELS: Record<Occupant, string> = {
  get naltrexone() { return STRINGS.receptorNaltrexone; },
  get naltrexol() { return STRINGS.receptorNaltrexol; },
  get agonist() { return STRINGS.receptorAgonist; },
  get endorphin() { return STRINGS.receptorEndorphin; },
  get free() { return STRINGS.receptorFree; },
};

/** Half the diagonal of the 11 px square drawn for 6β-naltrexol (a square turned 45°). */
const DIAMOND = 7.78;

/**
 * The ligand held by a receptor whose binding site is at (x, y). Coordinates are absolute rather than in a
 * translated group: every SVG transform is a paint property node and starts a paint chunk, and 128 of them made
 * each frame's pre-paint and layerization slower even when the picture did not change.
 */
function ligand(o: Occupant, x = 0, y = 0) {
  if (o === 'free') return nothing;
  const fill = RECEPTOR_COLORS[o];
  switch (o) {
    case 'naltrexone': return svg`<circle class="ligand" r="6" cx=${x} cy=${y - 5} fill=${fill} stroke-width="1"></circle>`;
    case 'naltrexol': return svg`<path class="ligand" d="M${x},${y - 5 - DIAMOND} l${DIAMOND},${DIAMOND} l${-DIAMOND},${DIAMOND} l${-DIAMOND},${-DIAMOND} z" fill=${fill} stroke-width="1"></path>`;
    case 'agonist': return svg`<rect class="ligand" x=${x - 5.5} y=${y - 10.5} width="11" height="11" fill=${fill} stroke-width="1"></rect>`;
    case 'endorphin': return svg`<path class="ligand" d="M${x},${y - 12} L${x + 6},${y - 1} L${x - 6},${y - 1} Z" fill=${fill} stroke-width="1"></path>`;
  }
}

@customElement('ldn-receptor-diagram')
export class LdnReceptorDiagram extends LitElement {
  static override styles = css`
    :host { display: block; contain: content; }
    svg.diagram { display: block; width: 100%; height: auto; }
    li svg { flex: none; }
    .new { animation: appear 0.5s ease-out; }
    @keyframes appear { from { opacity: 0; } to { opacity: 1; } }
    @media (prefers-reduced-motion: reduce) { .new { animation: none; } }
    ul { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.9rem; }
    li { display: inline-flex; align-items: center; gap: 5px; }
    .count { font-variant-numeric: tabular-nums; font-weight: 650; }
    .total { font-size: 0.95rem; margin: 0 0 4px; }
    /* Colours from the theme (ui/theme.ts), so the picture follows light and dark; light values as fallback. */
    .membrane { fill: ${unsafeCSS(themeVar('membrane'))}; stroke: ${unsafeCSS(themeVar('line'))}; }
    .band { fill: ${unsafeCSS(themeVar('membraneBand'))}; }
    .gap { fill: none; stroke: ${unsafeCSS(themeVar('receptorGap'))}; }
    .receptor { fill: ${unsafeCSS(themeVar('surface'))}; stroke: ${unsafeCSS(themeVar('receptor'))}; }
    .ligand { stroke: ${unsafeCSS(themeVar('ink'))}; }
    @media (forced-colors: active) {
      .membrane, .band { fill: Canvas; }
      .receptor { fill: Canvas; stroke: CanvasText; }
      .gap, .ligand { stroke: CanvasText; }
    }
  `;

  /** What the receptors hold; `null` shows nothing (a model without receptors). */
  @property({ attribute: false }) state: ReceptorState | null = null;
  /** Receptors drawn at baseline density. */
  @property({ type: Number }) base = 48;

  #lastTotal = 0;
  /** What the last render drew: the receptor counts and whether morphine is in the legend. */
  #drawnKey: string | null = null;

  /**
   * A new state (every dose step, every cursor move) usually rounds to the same receptor counts: then the picture,
   * its text and the legend are the same, and the update is skipped rather than re-rendering 128 receptors.
   */
  protected override shouldUpdate(): boolean {
    const st = this.state;
    const key = st ? `${Object.values(receptorCounts(st, this.base)).join()}|${st.agonist > 0}|${this.base}` : '';
    if (this.hasUpdated && key === this.#drawnKey) return false;
    this.#drawnKey = key;
    return true;
  }

  protected override render() {
    const st = this.state;
    if (!st) return nothing;
    const c = receptorCounts(st, this.base);
    const occupant = new Array<Occupant>(SLOTS).fill('free');
    const queue: Occupant[] = [
      ...Array<Occupant>(c.naltrexone).fill('naltrexone'), ...Array<Occupant>(c.naltrexol).fill('naltrexol'),
      ...Array<Occupant>(c.agonist).fill('agonist'), ...Array<Occupant>(c.endorphin).fill('endorphin'),
    ];
    let q = 0;
    for (const slot of ORDER) if (slot < c.total && q < queue.length) occupant[slot] = queue[q++]!;
    const prev = this.#lastTotal;
    this.#lastTotal = c.total;
    const w = COLS * CELL_W + 2 * PAD;
    // Rows grow as receptors up-regulate (at least enough for 2× baseline, so the picture rarely jumps).
    const rows = Math.min(ROWS, Math.max(Math.ceil((2 * this.base) / COLS), Math.ceil(c.total / COLS)));
    const h = rows * CELL_H + 2 * PAD;
    const desc = `${STRINGS.receptorDiagramLabel(c.total, this.base)}: ${(['naltrexone', 'naltrexol', 'agonist', 'endorphin', 'free'] as const)
      .filter((o) => c[o] > 0 || o === 'free').map((o) => `${c[o]} ${LABELS[o]}`).join(', ')}.`;
    return html`
      <p class="total"><span class="count">${c.total}</span> ${STRINGS.receptorTotal(this.base, c.total !== this.base ? `${c.total > this.base ? '+' : ''}${formatPercent(c.total / this.base - 1)}` : '')}</p>
      <svg class="diagram" viewBox="0 0 ${w} ${h}" role="img" aria-label=${desc} data-total=${c.total}>
        <rect class="membrane" x="0" y="0" width=${w} height=${h} rx="12"></rect>
        ${Array.from({ length: rows }, (_, r) => svg`<rect x=${PAD / 2} y=${PAD + r * CELL_H + 17} width=${w - PAD} height="8" rx="4" class="band"></rect>`)}
        ${Array.from({ length: rows * COLS - c.total }, (_, j) => {
          const i = c.total + j;
          const x = PAD + (i % COLS) * CELL_W + CELL_W / 2;
          const y = PAD + Math.floor(i / COLS) * CELL_H + 19;
          return svg`<path class="gap" d="M${x - 8},${y - 9} v8 a8,8 0 0 0 16,0 v-8" stroke-width="1.4" stroke-dasharray="2 2.5"></path>`;
        })}
        ${Array.from({ length: c.total }, (_, i) => {
          const x = PAD + (i % COLS) * CELL_W + CELL_W / 2;
          const y = PAD + Math.floor(i / COLS) * CELL_H + 19;
          const o = occupant[i]!;
          return svg`<g class="r ${i >= prev ? 'new' : ''}" data-occupant=${o}>
            <path class="receptor" d="M${x - 8},${y - 9} v8 a8,8 0 0 0 16,0 v-8" stroke-width="2.2" stroke-linecap="round"></path>
            ${ligand(o, x, y)}
          </g>`;
        })}
      </svg>
      <ul aria-hidden="true">
        ${(['naltrexone', 'naltrexol', 'agonist', 'endorphin', 'free'] as const).filter((o) => o !== 'agonist' || c.agonist > 0 || st.agonist > 0).map((o) => html`<li>
          <svg width="22" height="22" viewBox="-11 -15 22 22"><path class="receptor" d="M-8,-9 v8 a8,8 0 0 0 16,0 v-8" stroke-width="2"></path>${ligand(o)}</svg>
          ${LABELS[o]} <span class="count">${c[o]}</span></li>`)}
      </ul>`;
  }
}
