/** `<ldn-titration-editor>`: a list of titration steps (daily dose, days). Emits `ldn-titration-change`. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TitrationStep } from '../engine/dosing';
import { LIMITS } from '../engine/limits';
import { DOSE_MAX_MG } from './scenario';
import { STRINGS, formatMg } from './strings';
import { TOUCH_TARGETS } from './theme';

export interface TitrationChangeDetail { readonly steps: readonly TitrationStep[] }

declare global {
  interface HTMLElementTagNameMap { 'ldn-titration-editor': LdnTitrationEditor }
  interface HTMLElementEventMap { 'ldn-titration-change': CustomEvent<TitrationChangeDetail> }
}

@customElement('ldn-titration-editor')
export class LdnTitrationEditor extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; }
    fieldset { border: 1px solid var(--ldn-line, #d5d9e0); border-radius: 8px; padding: 8px 10px; margin: 0; }
    legend { font-weight: 650; padding: 0 4px; }
    ol { margin: 0; padding: 0; list-style: none; display: grid; gap: 6px; }
    li { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
    .n { width: 1.6em; color: var(--ldn-muted, #4b5563); font-variant-numeric: tabular-nums; }
    input { font: inherit; width: 4.6em; padding: 3px 5px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    button { font: inherit; font-size: 0.88rem; padding: 3px 9px; border-radius: 6px; border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); cursor: pointer; }
    .foot { display: flex; justify-content: space-between; align-items: center; margin-top: 8px; font-size: 0.9rem; }
    :is(input, button):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
  `];

  @property({ attribute: false }) steps: readonly TitrationStep[] = [];

  protected override render() {
    const total = this.steps.reduce((a, s) => a + s.days, 0);
    return html`
      <fieldset>
        <legend>${STRINGS.titrationHeading}</legend>
        <ol>
          ${this.steps.map((s, i) => html`<li>
            <span class="n">${i + 1}.</span>
            <input type="number" min="0.25" max=${DOSE_MAX_MG} step="0.25" .value=${formatMg(s.amtMg)}
              aria-label="${STRINGS.titrationStepDose(i)} (mg)" @change=${(e: Event) => this.#set(i, 'amtMg', e)} /> mg ×
            <input type="number" min="1" max="56" step="1" .value=${String(s.days)}
              aria-label=${STRINGS.titrationStepDays(i)} @change=${(e: Event) => this.#set(i, 'days', e)} /> d
            <button type="button" aria-label=${STRINGS.titrationRemove(i)} ?disabled=${this.steps.length <= 1} @click=${() => this.#remove(i)}>✕</button>
          </li>`)}
        </ol>
        <div class="foot"><button type="button" ?disabled=${this.steps.length >= LIMITS.titrationSteps} @click=${this.#add}>+ ${STRINGS.titrationAdd}</button><span>${STRINGS.titrationTotal(total)}</span></div>
      </fieldset>`;
  }

  #set(i: number, key: 'amtMg' | 'days', ev: Event): void {
    const input = ev.target as HTMLInputElement;
    const v = Number(input.value);
    const ok = key === 'days' ? Number.isInteger(v) && v >= 1 && v <= 56 : Number.isFinite(v) && v >= 0.25 && v <= DOSE_MAX_MG;
    if (!ok) { input.value = String(this.steps[i]![key]); return; }
    this.#emit(this.steps.map((s, j) => (j === i ? { ...s, [key]: v } : s)));
  }

  #remove(i: number): void {
    this.#emit(this.steps.filter((_, j) => j !== i));
    // The removed row's button is gone: focus the dose of the row now in its place (or the last row).
    const k = Math.min(i, this.steps.length - 1) + 1;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`ol > li:nth-child(${k}) input`)?.focus());
  }

  #add = () => {
    if (this.steps.length >= LIMITS.titrationSteps) return;
    const last = this.steps[this.steps.length - 1] ?? { amtMg: 4.5, days: 7 };
    this.#emit([...this.steps, { ...last }]);
  };

  #emit(steps: readonly TitrationStep[]): void {
    this.steps = steps;
    this.dispatchEvent(new CustomEvent<TitrationChangeDetail>('ldn-titration-change', { detail: { steps }, bubbles: true, composed: true }));
  }
}
