/**
 * `<ldn-model-page>`: the model as a document — description, a table of contents, the equations rendered as MathML
 * from the expression trees that run (ui/mathml.ts), each state, derived quantity and output with its unit and
 * description, the doses, parameters with units, ranges and sources, between-subject variability, preset groups,
 * the evidence tables of docs/model.md and the limitations. Generated from the model spec, so it is always the
 * model that runs.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { parseExpr } from '../engine/expr/parse';
import type { ModelSpec } from '../engine/model/types';
import type { SimulationPool } from '../workers/pool';
import { inlineSpans, markdownTables, type MarkdownTable } from './markdown-tables';
import { derivativeMathML, equationMathML, nameMathML } from './mathml';
import { STRINGS } from './strings';
import { MODEL_PAGE_STRINGS } from './model-page-strings';
import { modelText, presetText } from './i18n/model-text';
import { formatTick } from './format';
import MODEL_DOC from '../docs/model.md?raw';
import './ldn-blockade-bound';

declare global {
  interface HTMLElementTagNameMap { 'ldn-model-page': LdnModelPage }
}

/** The equation `lhs = expr` as MathML, or the source text if it cannot be parsed (a custom model's error). */
function equation(lhs: string, source: string | number, label: string) {
  try {
    return unsafeHTML(equationMathML(lhs, parseExpr(String(source)), label));
  } catch {
    return html`<code>${label} = ${String(source)}</code>`;
  }
}

/** Inline Markdown of a table cell as elements (text only: nothing from the file is parsed as HTML). */
function inline(s: string) {
  return inlineSpans(s).map((p) => p.kind === 'code' ? html`<code>${p.text}</code>` : p.kind === 'strong' ? html`<strong>${p.text}</strong>`
    : p.kind === 'em' ? html`<em>${p.text}</em>` : p.text);
}

/** Tables of docs/model.md generated here from the spec already (parameters, variability CVs) are not repeated. */
const GENERATED_TABLES = new Set(['name', 'parameter']);
/** Parsed once, on the first display of the tab. */
let evidenceTables: readonly MarkdownTable[] | null = null;

@customElement('ldn-model-page')
export class LdnModelPage extends LitElement {
  static override styles = css`
    :host { display: block; max-width: 1100px; }
    h2 { font-size: 1.5rem; margin: 0 0 4px; }
    h3 { font-size: 1.2rem; margin: 26px 0 8px; padding-top: 4px; border-top: 1px solid var(--ldn-line, #d5d9e0); }
    h4 { font-size: 1rem; margin: 16px 0 6px; }
    h3:focus { outline: none; }
    h3:focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    .meta { color: var(--ldn-muted, #4b5563); margin: 0 0 10px; }
    .note { background: var(--ldn-warn-bg, #fff7ed); border: 1px solid var(--ldn-warn-line, #c2410c); padding: 10px 12px; border-radius: 8px; }
    code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.88rem; overflow-wrap: anywhere; }
    nav { background: var(--ldn-surface, #fff); border: 1px solid var(--ldn-line, #d5d9e0); border-radius: 10px; padding: 8px 14px; margin: 12px 0; }
    nav h3 { border: 0; margin: 4px 0; padding: 0; font-size: 1.05rem; }
    nav ol { margin: 4px 0; padding-left: 1.4em; columns: 2 16em; }
    nav li { break-inside: avoid; }
    nav a { color: var(--ldn-brand, #0b3d91); display: inline-block; min-height: 24px; padding: 2px 0; }
    nav a:focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
    dl { margin: 0; }
    .item { background: var(--ldn-surface, #fff); border: 1px solid var(--ldn-line, #d5d9e0); border-radius: 8px; padding: 6px 12px; margin: 8px 0; }
    dt { font-weight: 650; }
    dd { margin: 2px 0 0; }
    .desc { margin: 4px 0 0; }
    .unit { color: var(--ldn-muted, #4b5563); font-weight: 400; }
    math { font-size: 1.1rem; overflow-x: auto; max-width: 100%; padding: 4px 0; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: var(--ldn-surface, #fff); font-size: 0.9rem; }
    caption { text-align: left; font-weight: 650; padding: 4px 0; }
    th, td { border: 1px solid var(--ldn-line, #d5d9e0); padding: 5px 8px; text-align: left; vertical-align: top; }
    th { background: var(--ldn-tint, #eef4ff); }
    td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .badge { font-size: 0.72rem; border-radius: 999px; padding: 1px 7px; background: var(--ldn-warn-bg, #fff7ed); color: var(--ldn-warn-ink, #7c2d12); border: 1px solid var(--ldn-warn-line, #c2410c); }
    li { margin: 4px 0; }
  `;

  @property({ attribute: false }) spec: ModelSpec | null = null;
  /** Worker pool for the figures the page computes (the blockade trade-off); none: they are left out. */
  @property({ attribute: false }) pool: SimulationPool | null = null;
  /** The evidence tables of docs/model.md (bundled with the app, so the tab works offline). */
  get evidence(): readonly MarkdownTable[] {
    return (evidenceTables ??= markdownTables(MODEL_DOC).filter((t) => !GENERATED_TABLES.has(t.header[0] ?? '')));
  }

  /** Contents: moves to the section and focuses its heading (the URL hash belongs to the scenario). */
  #go = (e: Event) => {
    e.preventDefault();
    const id = (e.currentTarget as HTMLAnchorElement).getAttribute('href')!.slice(1);
    const h = this.renderRoot.querySelector<HTMLElement>(`#${id} h3`);
    h?.scrollIntoView({ block: 'start' });
    h?.focus({ preventScroll: true });
  };

  protected override render() {
    const m = this.spec;
    if (!m) return nothing;
    const D = MODEL_PAGE_STRINGS.modelDoc;
    const evidence = m.id === 'ldn' ? this.evidence : [];
    const hasBlockade = !!m.presets?.some((g) => g.name === 'blockade');
    const bound = !!this.pool && hasBlockade;
    const sections: [string, string, boolean][] = [
      ['m-odes', D.odes, true],
      ['m-derived', MODEL_PAGE_STRINGS.modelDerived, m.expressions.length > 0],
      ['m-outputs', MODEL_PAGE_STRINGS.modelOutputs, true],
      ['m-doses', D.doses, true],
      ['m-parameters', MODEL_PAGE_STRINGS.modelParameters, true],
      ['m-variability', MODEL_PAGE_STRINGS.modelVariability, !!m.variability?.length],
      ['m-presets', MODEL_PAGE_STRINGS.modelPresets, !!m.presets?.length],
      ['m-bound', MODEL_PAGE_STRINGS.blockade.boundHeading, bound],
      ['m-evidence', D.evidence, !!evidence?.length],
      ['m-limitations', MODEL_PAGE_STRINGS.modelLimitations, true],
    ];
    const shown = sections.filter((s) => s[2]);
    const head = (id: string) => html`<h3 tabindex="-1">${sections.find((s) => s[0] === id)![1]}</h3>`;
    return html`
      <article aria-labelledby="m-title">
      <h2 id="m-title">${MODEL_PAGE_STRINGS.modelHeading}: ${modelText(m, 'title')}</h2>
      <p class="meta">id <code>${m.id}</code>, ${D.version} ${m.version}</p>
      <p class="note">${STRINGS.disclaimer}</p>
      <p>${modelText(m, 'description')}</p>
      <nav aria-labelledby="m-toc"><h3 id="m-toc">${D.contents}</h3>
        <ol>${shown.map(([id, title]) => html`<li><a href="#${id}" @click=${this.#go}>${title}</a></li>`)}</ol>
      </nav>
      <section id="m-odes">${head('m-odes')}
        <p>${D.odesIntro}</p>
        <dl>${m.states.map((s) => html`<div class="item"><dt><code>${s.name}</code> <span class="unit">(${s.unit})</span></dt>
          <dd>${equation(derivativeMathML(s.name), m.odes[s.name] ?? 0, `d ${s.name} / d t`)}
            <p class="desc">${modelText(m, 'state', s.name) ?? ''}${s.label ? '; ' : ''}${D.initial(String(s.initial))}</p></dd></div>`)}</dl>
      </section>
      ${m.expressions.length ? html`<section id="m-derived">${head('m-derived')}
        <p>${D.derivedIntro}</p>
        <dl>${m.expressions.map((e) => html`<div class="item"><dt><code>${e.name}</code>${e.unit ? html` <span class="unit">(${e.unit})</span>` : nothing}</dt>
          <dd>${equation(nameMathML(e.name), e.expr, e.name)}<p class="desc">${modelText(m, 'expression', e.name) ?? D.noDescription}</p></dd></div>`)}</dl>
      </section>` : nothing}
      <section id="m-outputs">${head('m-outputs')}
        <dl>${m.outputs.map((o) => html`<div class="item"><dt><code>${o.name}</code> <span class="unit">(${o.unit})</span></dt>
          <dd>${equation(nameMathML(o.name), o.expr, o.name)}<p class="desc">${modelText(m, 'output', o.name) ?? ''}${o.requiresDrug ? ` ${D.onlyWhen([o.requiresDrug].flat().join(` ${D.or} `))}` : "" }</p></dd></div>`)}</dl>
      </section>
      <section id="m-doses">${head('m-doses')}
        <ul>${m.doses.map((d) => html`<li><code>${d.drug}</code>${d.label ? ` (${modelText(m, 'dose', d.drug)})` : ''} ${D.enters} <code>${d.state}</code>, ${D.fraction} <code>${d.bioavailability}</code>, ${D.lag} <code>${d.lag_h}</code> h</li>`)}</ul>
      </section>
      <section id="m-parameters">${head('m-parameters')}
        <div class="table-wrap"><table>
          <thead><tr><th scope="col">${MODEL_PAGE_STRINGS.table.name}</th><th scope="col">${MODEL_PAGE_STRINGS.table.label}</th><th scope="col">${MODEL_PAGE_STRINGS.table.value}</th><th scope="col">${MODEL_PAGE_STRINGS.table.unit}</th><th scope="col">${MODEL_PAGE_STRINGS.table.range}</th><th scope="col">${MODEL_PAGE_STRINGS.table.source}</th></tr></thead>
          <tbody>${m.parameters.map((p) => html`<tr>
            <td><code>${p.name}</code></td><td>${modelText(m, 'parameter', p.name)}${p.assumption ? html` <span class="badge">${STRINGS.assumption}</span>` : nothing}</td>
            <td class="num">${formatTick(p.value)}</td><td>${p.unit}</td><td class="num">${p.range ? `${formatTick(p.range[0])} – ${formatTick(p.range[1])}` : ''}</td><td>${p.source}</td></tr>`)}</tbody>
        </table></div>
      </section>
      ${m.variability?.length ? html`<section id="m-variability">${head('m-variability')}
        <p>${MODEL_PAGE_STRINGS.modelVariabilityHint}</p>
        <div class="table-wrap"><table data-testid="variability">
          <thead><tr><th scope="col">${MODEL_PAGE_STRINGS.table.name}</th><th scope="col">${MODEL_PAGE_STRINGS.table.cv}</th><th scope="col">${MODEL_PAGE_STRINGS.table.source}</th></tr></thead>
          <tbody>${m.variability.map((v) => html`<tr>
            <td><code>${v.parameter}</code>${v.assumption ? html` <span class="badge">${STRINGS.assumption}</span>` : nothing}</td>
            <td class="num">${formatTick(v.cvPercent)}</td><td>${v.source}</td></tr>`)}</tbody>
        </table></div>
      </section>` : nothing}
      ${m.presets?.length ? html`<section id="m-presets">${head('m-presets')}
        ${m.presets.map((g) => html`<p><b>${modelText(m, 'group', g.name)}</b> (<code>${g.name}</code>, ${D.presetDefault} ${g.default})</p>
          <ul>${g.options.map((o) => html`<li><b>${presetText(m, g.name, o.name)}</b>: ${Object.entries(o.parameters).map(([k, v]) => `${k} = ${formatTick(v)}`).join(', ') || MODEL_PAGE_STRINGS.modelDoc.presetDefaults}. ${o.source}</li>`)}</ul>`)}
      </section>` : nothing}
      ${bound ? html`<section id="m-bound">${head('m-bound')}<ldn-blockade-bound .pool=${this.pool}></ldn-blockade-bound></section>` : nothing}
      ${evidence?.length ? html`<section id="m-evidence" data-testid="evidence">${head('m-evidence')}
        <p>${D.evidenceIntro}</p>
        ${evidence.map((t) => html`<div class="table-wrap"><table>
          <caption>${t.heading}</caption>
          <thead><tr>${t.header.map((c) => html`<th scope="col">${inline(c)}</th>`)}</tr></thead>
          <tbody>${t.rows.map((r) => html`<tr>${r.map((c) => html`<td>${inline(c)}</td>`)}</tr>`)}</tbody>
        </table></div>`)}
      </section>` : nothing}
      <section id="m-limitations">${head('m-limitations')}
        <ul>${hasBlockade ? html`<li>${MODEL_PAGE_STRINGS.blockade.limitation}</li>` : nothing}${MODEL_PAGE_STRINGS.limitations.map((l) => html`<li>${l}</li>`)}</ul>
      </section>
      </article>`;
  }
}
