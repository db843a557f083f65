/**
 * `<ldn-player>`: play, pause and scrub the time cursor. The owner runs the clock; this element only reports
 * user actions: `ldn-play-toggle`, `ldn-cursor-change` and `ldn-speed-change`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { clockAt } from './format';
import { STRINGS } from './strings';
import type { CursorChangeDetail } from './ldn-chart';

export interface SpeedChangeDetail { readonly hoursPerSecond: number }

declare global {
  interface HTMLElementTagNameMap { 'ldn-player': LdnPlayer }
  interface HTMLElementEventMap { 'ldn-play-toggle': CustomEvent<void>; 'ldn-speed-change': CustomEvent<SpeedChangeDetail> }
}

export const SPEEDS: readonly { hoursPerSecond: number; label: string }[] = [
  { hoursPerSecond: 1, label: '1 h/s' },
  { hoursPerSecond: 3, label: '3 h/s' },
  { hoursPerSecond: 8, label: '8 h/s' },
  { hoursPerSecond: 24, get label() { return STRINGS.speedDay; } },
];

@customElement('ldn-player')
export class LdnPlayer extends LitElement {
  static override styles = css`
    :host { display: block; }
    .row { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
    button { font: inherit; font-weight: 650; min-width: 6.5em; padding: 7px 14px; border-radius: 8px; border: 1px solid var(--ldn-brand, #0b3d91); background: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); cursor: pointer; }
    input[type='range'] { flex: 1 1 200px; min-width: 0; accent-color: var(--ldn-brand, #0b3d91); height: 28px; }
    output { font-variant-numeric: tabular-nums; font-weight: 650; min-width: 8.5em; }
    select { font: inherit; padding: 4px; border-radius: 6px; border: 1px solid var(--ldn-field-border, #6b7280); }
    label { font-size: 0.9rem; }
    :is(input, button, select):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
  `;

  @property({ type: Number }) spanH = 24;
  @property({ type: Number }) cursorH = 0;
  @property({ type: Number }) startClockH = 0;
  @property({ type: Boolean }) playing = false;
  @property({ type: Number }) hoursPerSecond = 3;

  protected override render() {
    const label = clockAt(this.cursorH, this.startClockH);
    return html`<div class="row">
      <button type="button" aria-pressed=${String(this.playing)} @click=${this.#toggle}>${this.playing ? `❚❚ ${STRINGS.pause}` : `▶ ${STRINGS.play}`}</button>
      <input type="range" min="0" max=${this.spanH} step="0.25" .value=${String(this.cursorH)} aria-label=${STRINGS.cursorLabel}
        aria-valuetext=${label} @input=${this.#scrub} />
      <output aria-hidden="true">${label}</output>
      <label>${STRINGS.speedLabel}
        <select @change=${this.#speed}>
          ${SPEEDS.map((s) => html`<option value=${s.hoursPerSecond} ?selected=${s.hoursPerSecond === this.hoursPerSecond}>${s.label}</option>`)}
        </select></label>
    </div>`;
  }

  #toggle = () => {
    this.dispatchEvent(new CustomEvent('ldn-play-toggle', { bubbles: true, composed: true }));
  };

  #scrub = (ev: Event) => {
    const timeH = Number((ev.target as HTMLInputElement).value);
    this.dispatchEvent(new CustomEvent<CursorChangeDetail>('ldn-cursor-change', { detail: { timeH }, bubbles: true, composed: true }));
  };

  #speed = (ev: Event) => {
    const hoursPerSecond = Number((ev.target as HTMLSelectElement).value);
    this.dispatchEvent(new CustomEvent<SpeedChangeDetail>('ldn-speed-change', { detail: { hoursPerSecond }, bubbles: true, composed: true }));
  };
}
