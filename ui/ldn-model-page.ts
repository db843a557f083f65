/**
 * `<ldn-model-page>`: the model as a reader needs it — description, equations, states, derived quantities,
 * outputs, parameters with units, ranges and sources, between-subject variability with sources, preset groups, and
 * the limitations. Generated from the model spec, so it is always the model that runs.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ModelSpec } from '../engine/model/types';
import { STRINGS } from './strings';

declare global {
  interface HTMLElementTagNameMap { 'ldn-model-page': LdnModelPage }
}

@customElement('ldn-model-page')
export class LdnModelPage extends LitElement {
  static override styles = css`
    :host { display: block; max-width: 1100px; }
    h2 { font-size: 1.5rem; margin: 0 0 4px; }
    h3 { font-size: 1.15rem; margin: 22px 0 8px; }
    .meta { color: #4b5563; margin: 0 0 10px; }
    .note { background: #fff7ed; border: 1px solid #fdba74; padding: 10px 12px; border-radius: 8px; }
    pre, code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.88rem; }
    pre { background: #fff; border: 1px solid #d5d9e0; border-radius: 8px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: #fff; font-size: 0.9rem; }
    th, td { border: 1px solid #d5d9e0; padding: 5px 8px; text-align: left; vertical-align: top; }
    th { background: #eef1f5; }
    td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .badge { font-size: 0.72rem; border-radius: 999px; padding: 1px 7px; background: #fef3c7; color: #7c2d12; border: 1px solid #f59e0b; }
    li { margin: 4px 0; }
  `;

  @property({ attribute: false }) spec: ModelSpec | null = null;

  protected override render() {
    const m = this.spec;
    if (!m) return nothing;
    return html`
      <h2>${STRINGS.modelHeading}: ${m.title}</h2>
      <p class="meta">id <code>${m.id}</code>, version ${m.version}</p>
      <p class="note">${STRINGS.disclaimer}</p>
      <p>${m.description}</p>
      <h3>${STRINGS.modelEquations}</h3>
      <pre>${m.expressions.map((e) => `${e.name} = ${e.expr}${e.unit ? `   [${e.unit}]` : ''}\n`)}${m.states.map((s) => `d${s.name}/dt = ${m.odes[s.name]}\n`)}${m.outputs.map((o) => `${o.name} = ${o.expr}   [${o.unit}]${o.requiresDrug ? `   (only when ${o.requiresDrug} is dosed)` : ''}\n`)}</pre>
      <h3>${STRINGS.modelStates}</h3>
      <ul>${m.states.map((s) => html`<li><code>${s.name}</code> (${s.unit}): ${s.label ?? ''}; initial ${s.initial}</li>`)}</ul>
      <h3>${STRINGS.modelDerived}</h3>
      <ul>${m.expressions.map((e) => html`<li><code>${e.name}</code>${e.unit ? ` (${e.unit})` : ''}: ${e.label ?? ''}</li>`)}</ul>
      <h3>${STRINGS.modelOutputs}</h3>
      <ul>${m.outputs.map((o) => html`<li><code>${o.name}</code> (${o.unit}): ${o.label ?? ''}</li>`)}</ul>
      <h3>${STRINGS.modelDoses}</h3>
      <ul>${m.doses.map((d) => html`<li><code>${d.drug}</code>${d.label ? ` (${d.label})` : ''} enters <code>${d.state}</code>, fraction <code>${d.bioavailability}</code>, lag <code>${d.lag_h}</code> h</li>`)}</ul>
      <h3>${STRINGS.modelParameters}</h3>
      <div class="table-wrap"><table>
        <thead><tr><th>${STRINGS.table.name}</th><th>${STRINGS.table.label}</th><th>${STRINGS.table.value}</th><th>${STRINGS.table.unit}</th><th>${STRINGS.table.range}</th><th>${STRINGS.table.source}</th></tr></thead>
        <tbody>${m.parameters.map((p) => html`<tr>
          <td><code>${p.name}</code></td><td>${p.label}${p.assumption ? html` <span class="badge">${STRINGS.assumption}</span>` : nothing}</td>
          <td class="num">${p.value}</td><td>${p.unit}</td><td class="num">${p.range ? `${p.range[0]} – ${p.range[1]}` : ''}</td><td>${p.source}</td></tr>`)}</tbody>
      </table></div>
      ${m.variability?.length ? html`<h3>${STRINGS.modelVariability}</h3>
        <p>${STRINGS.modelVariabilityHint}</p>
        <div class="table-wrap"><table data-testid="variability">
          <thead><tr><th>${STRINGS.table.name}</th><th>${STRINGS.table.cv}</th><th>${STRINGS.table.source}</th></tr></thead>
          <tbody>${m.variability.map((v) => html`<tr>
            <td><code>${v.parameter}</code>${v.assumption ? html` <span class="badge">${STRINGS.assumption}</span>` : nothing}</td>
            <td class="num">${v.cvPercent}</td><td>${v.source}</td></tr>`)}</tbody>
        </table></div>` : nothing}
      ${m.presets?.length ? html`<h3>${STRINGS.modelPresets}</h3>
        ${m.presets.map((g) => html`<p><b>${g.label}</b> (<code>${g.name}</code>, default ${g.default})</p>
          <ul>${g.options.map((o) => html`<li><b>${o.label}</b>: ${Object.entries(o.parameters).map(([k, v]) => `${k} = ${v}`).join(', ') || 'defaults'}. ${o.source}</li>`)}</ul>`)}` : nothing}
      <h3>${STRINGS.modelLimitations}</h3>
      <ul>${STRINGS.limitations.map((l) => html`<li>${l}</li>`)}</ul>`;
  }
}
