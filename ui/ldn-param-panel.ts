/**
 * `<ldn-param-panel>`: controls generated from the model's parameter metadata (label, unit, range, scale, source,
 * assumption). The slider spans the typical range; the number box takes any value within the physical bounds, and
 * a value outside the typical range is marked (badge and note), as PhET builds controls from its NumberProperty ranges: a new model parameter needs no new code.
 * Preset groups (e.g. hepatic function) become selects. Emits `ldn-param-change`, `ldn-param-reset` and
 * `ldn-preset-group-change` on user input only.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ModelSpec, ParameterSpec } from '../engine/model/types';
import { STEPS, fromPosition, hasSlider, toPosition } from './param-scale';
import { describeBounds, outsideRange, parameterBounds, withinBounds } from '../engine/model/bounds';
import { STRINGS } from './strings';
import { modelText, presetText } from './i18n/model-text';
import { formatTick } from './format';
import { TOUCH_TARGETS } from './theme';

export interface ParamChangeDetail { readonly name: string; readonly value: number }
export interface ParamResetDetail { readonly name: string | null }
export interface PresetGroupChangeDetail { readonly group: string; readonly option: string }

declare global {
  interface HTMLElementTagNameMap { 'ldn-param-panel': LdnParamPanel }
  interface HTMLElementEventMap {
    'ldn-param-change': CustomEvent<ParamChangeDetail>;
    'ldn-param-reset': CustomEvent<ParamResetDetail>;
    'ldn-preset-group-change': CustomEvent<PresetGroupChangeDetail>;
  }
}

@customElement('ldn-param-panel')
export class LdnParamPanel extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; }
    .group { margin: 0 0 12px; }
    .group label { font-weight: 650; display: block; margin-bottom: 4px; }
    select { font: inherit; padding: 4px 6px; border-radius: 6px; border: 1px solid var(--ldn-field-border, #6b7280); max-width: 100%; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
    li { border-top: 1px solid var(--ldn-line, #d5d9e0); padding-top: 8px; }
    .head { display: flex; justify-content: space-between; gap: 8px; align-items: baseline; }
    .name { font-weight: 600; font-size: 0.93rem; }
    .badge { font-size: 0.72rem; border-radius: 999px; padding: 1px 7px; background: var(--ldn-warn-bg, #fff7ed); color: var(--ldn-warn-ink, #7c2d12); border: 1px solid var(--ldn-warn-line, #c2410c); margin-left: 4px; white-space: nowrap; }
    .badge.changed { background: var(--ldn-tint, #eef4ff); color: var(--ldn-brand, #0b3d91); border-color: var(--ldn-focus, #0072B2); }
    .badge.fixed { background: var(--ldn-tint, #eef4ff); color: var(--ldn-muted, #4b5563); border-color: var(--ldn-field-border, #6b7280); }
    .badge.outside { background: var(--ldn-error-bg, #fee2e2); color: var(--ldn-error-ink, #7f1d1d); border-color: var(--ldn-error-line, #b91c1c); border-style: dashed; }
    .range.outside { color: var(--ldn-error-ink, #7f1d1d); }
    .const { font-variant-numeric: tabular-nums; font-size: 0.93rem; }
    .row { display: flex; align-items: center; gap: 8px; }
    input[type='range'] { flex: 1; min-width: 0; accent-color: var(--ldn-focus, #0072B2); }
    input[type='number'] { width: 6.2em; font: inherit; font-size: 0.9rem; padding: 2px 4px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; }
    .unit { font-size: 0.85rem; color: var(--ldn-muted, #4b5563); min-width: 3em; }
    .range { font-size: 0.75rem; color: var(--ldn-field-border, #6b7280); }
    details { font-size: 0.8rem; color: var(--ldn-muted, #4b5563); margin-top: 2px; }
    summary { cursor: pointer; color: var(--ldn-brand, #0b3d91); }
    button { font: inherit; font-size: 0.82rem; padding: 2px 8px; border-radius: 6px; border: 1px solid var(--ldn-field-border, #6b7280); background: var(--ldn-surface, #fff); cursor: pointer; }
    .resetall { margin-bottom: 10px; }
    .resetall[aria-disabled='true'] { opacity: 0.6; cursor: not-allowed; }
    :is(input, button, select, summary):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
  `];

  @property({ attribute: false }) spec: ModelSpec | null = null;
  /** Parameter overrides by name. */
  @property({ attribute: false }) values: Readonly<Record<string, number>> = {};
  /** Selected option per preset group. */
  @property({ attribute: false }) presets: Readonly<Record<string, string>> = {};

  /** The value in force: override, else the selected preset option's, else the default. */
  effective(p: ParameterSpec): number {
    const o = this.values[p.name];
    if (o !== undefined) return o;
    for (const g of this.spec?.presets ?? []) {
      const opt = g.options.find((x) => x.name === (this.presets[g.name] ?? g.default));
      const v = opt?.parameters[p.name];
      if (v !== undefined) return v;
    }
    return p.value;
  }

  protected override render() {
    const spec = this.spec;
    if (!spec) return nothing;
    const changed = Object.keys(this.values).length > 0;
    return html`
      ${(spec.presets ?? []).map((g) => html`<div class="group">
        <label for="g-${g.name}">${modelText(spec, 'group', g.name)}</label>
        <select id="g-${g.name}" @change=${(e: Event) => this.#preset(g.name, (e.target as HTMLSelectElement).value)}>
          ${g.options.map((o) => html`<option value=${o.name} ?selected=${(this.presets[g.name] ?? g.default) === o.name}>${presetText(spec, g.name, o.name)}</option>`)}
        </select>
      </div>`)}
      <button type="button" class="resetall" aria-disabled=${String(!changed)} @click=${() => { if (changed) this.#reset(null); }}>${STRINGS.resetAll}</button>
      <ul>${spec.parameters.map((p) => this.#row(p))}</ul>`;
  }

  #row(p: ParameterSpec) {
    const v = this.effective(p);
    const changed = this.values[p.name] !== undefined;
    const outside = outsideRange(p, v);
    const id = `p-${p.name}`;
    const label = this.spec ? modelText(this.spec, 'parameter', p.name) : p.label;
    if (p.range && p.range[0] === p.range[1]) {
      // A fixed constant (e.g. a molar mass): shown with its source, not editable.
      return html`<li data-param=${p.name}>
        <div class="head"><span class="name">${label}</span><span class="badge fixed">${STRINGS.fixed}</span></div>
        <div class="row"><span class="const">${formatTick(v)} ${p.unit}</span></div>
        <details><summary>${STRINGS.source}</summary>${p.source}</details>
      </li>`;
    }
    return html`<li data-param=${p.name}>
      <div class="head">
        <label class="name" for="${id}-n">${label}</label>
        <span>${p.assumption ? html`<span class="badge">${STRINGS.assumption}</span>` : nothing}${changed ? html`<span class="badge changed">${STRINGS.modified}</span>` : nothing}${outside ? html`<span class="badge outside" data-outside-range>${STRINGS.outsideRange}</span>` : nothing}</span>
      </div>
      <div class="row">
        ${hasSlider(p) ? html`<input type="range" min="0" max=${STEPS} step="1" .value=${String(toPosition(p, v))}
          aria-label="${label} (${p.unit})" aria-valuetext="${formatTick(v)} ${p.unit}"
          @input=${(e: Event) => this.#change(p, fromPosition(p, Number((e.target as HTMLInputElement).value)))} />` : nothing}
        <input id="${id}-n" type="number" .value=${String(v)} min=${parameterBounds(p).minimum ?? ''} max=${parameterBounds(p).maximum ?? ''} step="any"
          aria-describedby=${outside ? `${id}-out` : nothing} @change=${(e: Event) => this.#typed(p, e.target as HTMLInputElement)} />
        <span class="unit">${p.unit}</span>
        ${changed ? html`<button type="button" aria-label=${STRINGS.resetOne(label)} @click=${() => { this.#focusValue(p.name); this.#reset(p.name); }}>↺</button>` : nothing}
      </div>
      ${hasSlider(p) ? html`<div class="range">${STRINGS.paramRange(formatTick(p.range![0]), formatTick(p.range![1]), p.unit, p.scale === 'log', formatTick(p.value))}</div>` : nothing}
      ${outside ? html`<div class="range outside" id="${id}-out">${STRINGS.outsideRangeNote(`${formatTick(p.range![0])} – ${formatTick(p.range![1])} ${p.unit}`, describeBounds(p))}</div>` : nothing}
      <details><summary>${STRINGS.source}</summary>${p.source}</details>
    </li>`;
  }

  #typed(p: ParameterSpec, input: HTMLInputElement): void {
    const v = Number(input.value);
    if (input.value.trim() === '' || !withinBounds(p, v)) {
      input.value = String(this.effective(p));
      input.setCustomValidity(STRINGS.expectedWithinBounds(describeBounds(p), p.unit));
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    this.#change(p, v);
  }

  #change(p: ParameterSpec, value: number): void {
    this.dispatchEvent(new CustomEvent<ParamChangeDetail>('ldn-param-change', { detail: { name: p.name, value }, bubbles: true, composed: true }));
  }

  /** A row's reset button disappears once its value is back to the default: focus moves to the value's field first. */
  #focusValue(name: string): void {
    this.renderRoot.querySelector<HTMLInputElement>(`#p-${CSS.escape(name)}-n`)?.focus();
  }

  #reset(name: string | null): void {
    this.dispatchEvent(new CustomEvent<ParamResetDetail>('ldn-param-reset', { detail: { name }, bubbles: true, composed: true }));
  }

  #preset(group: string, option: string): void {
    this.dispatchEvent(new CustomEvent<PresetGroupChangeDetail>('ldn-preset-group-change', { detail: { group, option }, bubbles: true, composed: true }));
  }
}
