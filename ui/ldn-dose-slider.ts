/**
 * `<ldn-dose-slider>`: the dose, in mg, on a stepped scale that is fine over the low-dose range and reaches the
 * standard 50 and 100 mg; plus an exact number field. Emits `ldn-dose-change` on user input only.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { DOSE_LADDER_MG, ladderIndex } from './dose-ladder';
import { formatDoseMg } from './format';
import { DOSE_MAX_MG, DOSE_MIN_MG } from './scenario';
import { CHART_STRINGS as STRINGS, formatMg } from './chart-strings';

export interface DoseChangeDetail { readonly doseMg: number }

declare global {
  interface HTMLElementTagNameMap { 'ldn-dose-slider': LdnDoseSlider }
  interface HTMLElementEventMap { 'ldn-dose-change': CustomEvent<DoseChangeDetail> }
}

const MARKS = [0.5, 4.5, 50, 100];

@customElement('ldn-dose-slider')
export class LdnDoseSlider extends LitElement {
  static override styles = css`
    :host { display: block; }
    .row { display: flex; align-items: center; gap: 10px; }
    label.main { display: flex; justify-content: space-between; align-items: baseline; font-weight: 650; margin-bottom: 4px; }
    output { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; color: var(--ldn-brand, #0b3d91); }
    input[type='range'] { flex: 1; min-width: 0; accent-color: var(--ldn-focus, #0072B2); height: 28px; margin: 0; }
    input[type='number'] { width: 6.5em; font: inherit; padding: 4px 6px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    .marks { position: relative; height: 1.2em; font-size: 0.78rem; color: var(--ldn-muted, #4b5563); margin: 0 8px; }
    .marks span { position: absolute; transform: translateX(-50%); }
    .hint { font-size: 0.8rem; color: var(--ldn-muted, #4b5563); margin: 4px 0 0; }
    .exact { display: flex; align-items: center; gap: 6px; font-size: 0.9rem; margin-top: 6px; }
    input:focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
  `;

  /** Dose in mg. */
  @property({ type: Number }) doseMg = 4.5;

  protected override render() {
    const idx = ladderIndex(this.doseMg);
    const max = DOSE_LADDER_MG.length - 1;
    return html`
      <label class="main" for="dose"><span>${STRINGS.doseLabel} (${STRINGS.doseUnit})</span><output for="dose" aria-hidden="true">${formatDoseMg(this.doseMg)} mg</output></label>
      <div class="row">
        <input id="dose" type="range" min="0" max=${max} step="1" .value=${String(idx)}
          aria-label="${STRINGS.doseLabel} (${STRINGS.doseUnit})" aria-valuetext="${formatDoseMg(this.doseMg)} mg"
          aria-describedby="hint" @input=${this.#onRange} />
      </div>
      <div class="marks" aria-hidden="true">
        ${MARKS.map((m) => html`<span class="mark" data-at=${(ladderIndex(m) / max) * 100}>${formatDoseMg(m)}</span>`)}
      </div>
      <label class="exact">${STRINGS.doseExact}
        <input type="number" min=${DOSE_MIN_MG} max=${DOSE_MAX_MG} step="0.25" .value=${formatMg(this.doseMg)}
          aria-label="${STRINGS.doseExact} (mg)" @change=${this.#onNumber} /> mg</label>
      <p class="hint" id="hint">${STRINGS.doseHint}</p>`;
  }

  protected override updated(): void {
    // Position the scale marks with CSSOM (strict CSP forbids style attributes in markup).
    this.renderRoot.querySelectorAll<HTMLElement>('.mark').forEach((el) => el.style.setProperty('left', `${el.dataset['at']}%`));
  }

  #onRange = (ev: Event) => {
    const i = Number((ev.target as HTMLInputElement).value);
    const doseMg = DOSE_LADDER_MG[i];
    if (doseMg !== undefined) this.#emit(doseMg);
  };

  #onNumber = (ev: Event) => {
    const input = ev.target as HTMLInputElement;
    const v = Number(input.value);
    if (!Number.isFinite(v) || v < DOSE_MIN_MG || v > DOSE_MAX_MG) { input.value = formatMg(this.doseMg); return; }
    this.#emit(v);
  };

  #emit(doseMg: number): void {
    this.doseMg = doseMg;
    this.dispatchEvent(new CustomEvent<DoseChangeDetail>('ldn-dose-change', { detail: { doseMg }, bubbles: true, composed: true }));
  }
}
