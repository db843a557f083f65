/** `<ldn-preset-bar>`: one button per scenario preset; the active one is pressed. Emits `ldn-preset-select`. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SELECTED_MARK } from './theme';

export interface PresetButton { readonly id: string; readonly label: string; readonly disabled?: boolean; readonly note?: string }
export interface PresetSelectDetail { readonly id: string }

declare global {
  interface HTMLElementTagNameMap { 'ldn-preset-bar': LdnPresetBar }
  interface HTMLElementEventMap { 'ldn-preset-select': CustomEvent<PresetSelectDetail> }
}

@customElement('ldn-preset-bar')
export class LdnPresetBar extends LitElement {
  static override styles = [SELECTED_MARK, css`
    :host { display: block; }
    div { display: flex; flex-wrap: wrap; gap: 6px; }
    button { font: inherit; font-size: 0.9rem; padding: 6px 10px; border-radius: 8px; border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); color: inherit; cursor: pointer; text-align: left; }
    button:hover:not([disabled]) { border-color: var(--ldn-brand, #0b3d91); }
    button[aria-pressed='true'] { background: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); border-color: var(--ldn-brand, #0b3d91); }
    button[disabled] { opacity: 0.5; cursor: not-allowed; }
    button:focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
  `];

  @property({ attribute: false }) presets: readonly PresetButton[] = [];
  /** Id of the preset the scenario currently equals, if any. */
  @property({ attribute: false }) active: string | null = null;
  /** Accessible name of the group. */
  @property() label = 'Presets';

  protected override render() {
    return html`<div role="group" aria-label=${this.label}>
      ${this.presets.map((p) => html`<button type="button" data-preset=${p.id} ?disabled=${!!p.disabled} title=${p.note ?? ''}
        aria-pressed=${String(this.active === p.id)} @click=${() => this.#select(p.id)}>${p.label}</button>`)}
    </div>`;
  }

  #select(id: string): void {
    this.dispatchEvent(new CustomEvent<PresetSelectDetail>('ldn-preset-select', { detail: { id }, bubbles: true, composed: true }));
  }
}
