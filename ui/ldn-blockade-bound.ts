/**
 * `<ldn-blockade-bound>`: the trade-off between the `ldn` model's two blockade calibrations as a figure a student
 * can move along (issue #13). Every point is computed by the engine in a worker (models/ldn-bound.ts builds the
 * two runs of a point: one 50 mg dose read at 48 h, and 4.5 mg daily read at its steady-state trough); the slider
 * picks a point, and the text says what it means. Not a picture: change the model and the curve follows.
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { boundReadout, boundRequests, type BoundPoint } from '../models/ldn-bound';
import { leeRange } from '../models/ldn-evidence';
import type { SimulationPool } from '../workers/pool';
import { MODEL_PAGE_STRINGS } from './model-page-strings';
import { formatTick } from './format';
import { TOUCH_TARGETS } from './theme';

declare global {
  interface HTMLElementTagNameMap { 'ldn-blockade-bound': LdnBlockadeBound }
}

/** Positions computed along the line brief (0) → long (1). */
export const BOUND_STEPS = 8;

const W = 360, H = 260, M = { left: 52, right: 14, top: 12, bottom: 44 };
const px = (f: number) => M.left + f * (W - M.left - M.right);
const py = (f: number) => H - M.bottom - f * (H - M.top - M.bottom);
const pct = (f: number) => formatTick(Math.round(f * 100), '%');

@customElement('ldn-blockade-bound')
export class LdnBlockadeBound extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; max-width: 720px; }
    .wrap { display: grid; grid-template-columns: minmax(0, 360px) minmax(0, 1fr); gap: 12px; align-items: start; }
    @media (max-width: 640px) { .wrap { grid-template-columns: minmax(0, 1fr); } }
    svg { width: 100%; height: auto; background: #fff; border: 1px solid #d5d9e0; border-radius: 8px; }
    label { display: block; font-weight: 650; margin: 8px 0 4px; }
    input[type='range'] { width: 100%; accent-color: #0072B2; }
    input:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
    output { display: block; font-weight: 650; }
    p { margin: 6px 0; line-height: 1.45; }
    .muted { color: #4b5563; font-size: 0.9rem; }
    @media (forced-colors: active) { svg { border-color: CanvasText; } }
  `];

  /** The worker pool that computes the points. */
  @property({ attribute: false }) pool: SimulationPool | null = null;

  @state() private points: BoundPoint[] = [];
  @state() private index = 0;
  @state() private failed = '';
  #started = false;

  protected override updated(): void {
    if (this.pool && !this.#started) { this.#started = true; void this.#compute(this.pool); }
  }

  async #compute(pool: SimulationPool): Promise<void> {
    try {
      const positions = Array.from({ length: BOUND_STEPS + 1 }, (_, i) => i / BOUND_STEPS);
      const points = await Promise.all(positions.map(async (pos, i) => {
        const q = boundRequests(pos);
        const [a, b] = await Promise.all([
          pool.run(`bound-${i}-50`, { ...q.single50, modelId: 'ldn' }),
          pool.run(`bound-${i}-ldn`, { ...q.ldnDaily, modelId: 'ldn' }),
        ]);
        if (!a || !b) throw new Error('superseded');
        return boundReadout(pos, a, b);
      }));
      this.points = points;
    } catch (err) {
      this.failed = MODEL_PAGE_STRINGS.blockade.boundFailed((err as Error).message);
    }
  }

  protected override render() {
    const S = MODEL_PAGE_STRINGS.blockade;
    const pts = this.points;
    const cur = pts[this.index];
    const [lo, hi] = leeRange(48);
    return html`
      <p>${S.boundIntro}</p>
      ${this.failed ? html`<p role="alert">${this.failed}</p>` : nothing}
      <div class="wrap">
        <svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="bound-desc">
          ${svg`
            <rect x=${px(lo)} y=${M.top} width=${px(hi) - px(lo)} height=${H - M.top - M.bottom} fill="#fde68a" fill-opacity="0.55"></rect>
            <text x=${px((lo + hi) / 2)} y=${M.top + 12} text-anchor="middle" font-size="10" fill="#7c2d12">${S.boundTarget}</text>
            <line x1=${M.left} x2=${W - M.right} y1=${py(0)} y2=${py(0)} stroke="#1b1f24"></line>
            <line x1=${M.left} x2=${M.left} y1=${M.top} y2=${py(0)} stroke="#1b1f24"></line>
            ${[0, 0.25, 0.5, 0.75, 1].map((f) => svg`
              <text x=${px(f)} y=${py(0) + 14} text-anchor="middle" font-size="10" fill="#1b1f24">${pct(f)}</text>
              <text x=${M.left - 6} y=${py(f) + 3} text-anchor="end" font-size="10" fill="#1b1f24">${pct(f)}</text>`)}
            <text x=${(M.left + W - M.right) / 2} y=${H - 8} text-anchor="middle" font-size="11" fill="#1b1f24">${S.boundAxisX}</text>
            <text transform="translate(12 ${(M.top + py(0)) / 2}) rotate(-90)" text-anchor="middle" font-size="11" fill="#1b1f24">${S.boundAxisY}</text>
            ${pts.length ? svg`<polyline fill="none" stroke="#0072B2" stroke-width="2.5"
              points=${pts.map((p) => `${px(Math.max(0, p.pet48hAfter50mg))},${py(p.ldnTrough)}`).join(' ')}></polyline>
              ${pts.map((p, i) => svg`<circle cx=${px(Math.max(0, p.pet48hAfter50mg))} cy=${py(p.ldnTrough)} r=${i === this.index ? 7 : 3}
                fill=${i === this.index ? '#D55E00' : '#0072B2'} stroke="#1b1f24" stroke-width=${i === this.index ? 2 : 0}></circle>`)}` : nothing}
          `}
        </svg>
        <div>
          <label for="pos">${S.boundSlider}</label>
          <input id="pos" type="range" min="0" max=${BOUND_STEPS} step="1" .value=${String(this.index)} ?disabled=${!pts.length}
            aria-valuetext=${S.boundValue(this.index / BOUND_STEPS)} @input=${this.#onInput} />
          <output for="pos">${S.boundValue(this.index / BOUND_STEPS)}</output>
          <p id="bound-desc" aria-live="polite">${cur ? S.boundReadout(pct(cur.pet48hAfter50mg), pct(cur.ldnTrough)) : S.boundComputing}</p>
        </div>
      </div>`;
  }

  #onInput = (e: Event) => {
    this.index = Number((e.target as HTMLInputElement).value);
  };
}
