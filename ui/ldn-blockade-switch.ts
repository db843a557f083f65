/**
 * `<ldn-blockade-switch>`: chooses the `ldn` model's blockade calibration (preset group `blockade`): the LDN
 * hypothesis (`brief`, mouse data) or human PET (`long`), with one sentence saying what the chosen one rests on.
 * A radio group (arrow keys move and select, as native radios do). Emits `ldn-blockade-change` on user input only.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { STRINGS } from './strings';
import { TOUCH_TARGETS } from './theme';

/** The calibrations, in the order shown. Names are the model's preset option names (a contract). */
export const BLOCKADE_OPTIONS = ['brief', 'long'] as const;
export type BlockadeOption = (typeof BLOCKADE_OPTIONS)[number];

export interface BlockadeChangeDetail { readonly option: BlockadeOption }

declare global {
  interface HTMLElementTagNameMap { 'ldn-blockade-switch': LdnBlockadeSwitch }
  interface HTMLElementEventMap { 'ldn-blockade-change': CustomEvent<BlockadeChangeDetail> }
}

@customElement('ldn-blockade-switch')
export class LdnBlockadeSwitch extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; }
    fieldset { border: 1px solid #9aa3ae; border-radius: 8px; padding: 6px 10px 8px; margin: 0; }
    legend { font-weight: 650; padding: 0 4px; }
    .opts { display: flex; flex-wrap: wrap; gap: 4px 14px; }
    label { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; padding: 2px 0; }
    input { width: 1.1em; height: 1.1em; margin: 0; accent-color: #0072B2; }
    input:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
    p { font-size: 0.85rem; color: #374151; margin: 6px 0 0; line-height: 1.4; }
    @media (forced-colors: active) { fieldset { border-color: CanvasText; } }
    @media (prefers-color-scheme: dark) { :host(:not([light])) p { color: inherit; } }
  `];

  /** The selected calibration (`brief` is the model's default). */
  @property() option: BlockadeOption = 'brief';

  protected override render() {
    const note = this.option === 'long' ? STRINGS.blockade.longNote : STRINGS.blockade.briefNote;
    return html`
      <fieldset aria-describedby="note">
        <legend>${STRINGS.blockade.switchLabel}</legend>
        <div class="opts">
          ${BLOCKADE_OPTIONS.map((o) => html`<label><input type="radio" name="blockade" value=${o} .checked=${this.option === o}
            @change=${this.#onChange} />${STRINGS.blockade[o]}</label>`)}
        </div>
        <p id="note" aria-live="polite">${note}</p>
      </fieldset>`;
  }

  #onChange = (e: Event) => {
    const option = (e.target as HTMLInputElement).value as BlockadeOption;
    this.option = option;
    this.dispatchEvent(new CustomEvent<BlockadeChangeDetail>('ldn-blockade-change', { detail: { option }, bubbles: true, composed: true }));
  };
}
