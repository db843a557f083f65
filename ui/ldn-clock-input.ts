/** `<ldn-clock-input>`: the dosing clock time (HH:MM) with bedtime and morning presets. Emits `ldn-clock-change`. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SELECTED_MARK } from './theme';
import { formatClock, parseClock } from '../engine/dosing';
import { CHART_STRINGS as STRINGS } from './chart-strings';

export interface ClockChangeDetail { readonly clockH: number }

declare global {
  interface HTMLElementTagNameMap { 'ldn-clock-input': LdnClockInput }
  interface HTMLElementEventMap { 'ldn-clock-change': CustomEvent<ClockChangeDetail> }
}

const PRESETS: readonly { clockH: number; label: string }[] = [
  { clockH: 22, get label() { return STRINGS.bedtime; } },
  { clockH: 8, get label() { return STRINGS.morning; } },
];

@customElement('ldn-clock-input')
export class LdnClockInput extends LitElement {
  static override styles = [SELECTED_MARK, css`
    :host { display: block; }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
    label { font-weight: 650; display: block; margin-bottom: 4px; }
    input { font: inherit; padding: 4px 6px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    button { font: inherit; font-size: 0.9rem; padding: 5px 10px; border-radius: 999px; border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); color: inherit; cursor: pointer; }
    button[aria-pressed='true'] { background: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); border-color: var(--ldn-brand, #0b3d91); }
    :is(input, button):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
  `];

  /** Clock time of the dose, hours of the day. */
  @property({ type: Number }) clockH = 22;

  protected override render() {
    return html`
      <label for="clock">${STRINGS.clockLabel}</label>
      <div class="row">
        <input id="clock" type="time" step="300" .value=${formatClock(this.clockH)} @change=${this.#onInput} />
        ${PRESETS.map((p) => html`<button type="button" aria-pressed=${String(Math.abs(p.clockH - this.clockH) < 1e-9)}
          @click=${() => this.#emit(p.clockH)}>${p.label}</button>`)}
      </div>`;
  }

  #onInput = (ev: Event) => {
    const input = ev.target as HTMLInputElement;
    try { this.#emit(parseClock(input.value.slice(0, 5), 'clock')); } catch { input.value = formatClock(this.clockH); }
  };

  #emit(clockH: number): void {
    this.clockH = clockH;
    this.dispatchEvent(new CustomEvent<ClockChangeDetail>('ldn-clock-change', { detail: { clockH }, bubbles: true, composed: true }));
  }
}
