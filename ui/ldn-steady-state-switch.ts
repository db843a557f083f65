/**
 * `<ldn-steady-state-switch>`: "start at steady state", a checkbox with a hint. Emits `ldn-steady-state-change`
 * with `{ on }`. The run then starts as if the daily dose had been taken for ever (docs/dosing.md, `ss` 1).
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { STRINGS } from './strings';
import { TOUCH_TARGETS } from './theme';

export interface SteadyStateChangeDetail { readonly on: boolean }

declare global {
  interface HTMLElementTagNameMap { 'ldn-steady-state-switch': LdnSteadyStateSwitch }
  interface HTMLElementEventMap { 'ldn-steady-state-change': CustomEvent<SteadyStateChangeDetail> }
}

@customElement('ldn-steady-state-switch')
export class LdnSteadyStateSwitch extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; }
    label { display: inline-flex; align-items: center; gap: 6px; font-weight: 650; cursor: pointer; }
    input { width: 1.1rem; height: 1.1rem; margin: 0; }
    input:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
    .hint { margin: 2px 0 0; font-size: 0.85rem; color: #4b5563; }
    @media (prefers-color-scheme: dark) { .hint { color: #c9d1d9; } }
    @media (forced-colors: active) { .hint { color: CanvasText; } }
  `];

  /** Whether the run starts at steady state. */
  @property({ type: Boolean }) on = false;

  protected override render() {
    return html`
      <label><input type="checkbox" .checked=${this.on} aria-describedby="hint" @change=${this.#onChange} /> ${STRINGS.steadyStateLabel}</label>
      <p class="hint" id="hint">${STRINGS.steadyStateHint}</p>`;
  }

  #onChange = (ev: Event) => {
    this.on = (ev.target as HTMLInputElement).checked;
    this.dispatchEvent(new CustomEvent<SteadyStateChangeDetail>('ldn-steady-state-change', { detail: { on: this.on }, bubbles: true, composed: true }));
  };
}
