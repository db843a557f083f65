/**
 * `<ldn-app-more>`: the Simulator's second column of cards (Compare, Export, Embed, Parameters) and what their
 * buttons do. Not on the app's first screen (issue #18): below the fold at 1280 × 800 and after the charts on a
 * phone, it is fetched after the first curve (ui/app/deferred-elements.ts), and `<ldn-app>` renders it inside its
 * `<aside class="more">` as before. It shares the app's styles, so its cards look as the app's own; every action
 * goes through the app's `ScenarioController`, so the URL, the pinned run and the notice behave as before.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ModelSpec } from '../../engine/model/types';
import type { SimulationResult } from '../../engine/result';
import type { LdnChart } from '../ldn-chart';
import { describeScenario, type Scenario } from '../scenario';
import { STRINGS } from '../strings';
import { APP_STYLES } from './app-styles';
import { loadParamPanel } from './deferred-elements';
import type { ScenarioController } from './scenario-controller';

declare global {
  interface HTMLElementTagNameMap { 'ldn-app-more': LdnAppMore }
}

/** The Export buttons' code, fetched on first use (a chunk of its own). */
const exporting = () => import('./export-actions');

@customElement('ldn-app-more')
export class LdnAppMore extends LitElement {
  // The app's own styles; the host stacks the cards as `<aside>` did (and paints no page background of its own).
  static override styles = [APP_STYLES, css`:host { display: grid; gap: 12px; min-width: 0; background: none; }`];

  /** The app's scenario state (its scenario, pinned one, result and notice); the cards act through it. */
  @property({ attribute: false }) ctl: ScenarioController | null = null;
  /** The scenario shown, its model's spec, the pinned scenario and the result (as the app has them). */
  @property({ attribute: false }) scenario: Scenario | null = null;
  @property({ attribute: false }) spec: ModelSpec | null = null;
  @property({ attribute: false }) pinned: Scenario | null = null;
  @property({ attribute: false }) result: SimulationResult | null = null;
  /** True while the app shows its pre-rendered first screen (the parameter panel waits for the worker's spec). */
  @property({ attribute: false }) provisional = false;
  /** The app's charts, for the SVG and PNG figures. */
  @property({ attribute: false }) charts: (() => Iterable<LdnChart>) | null = null;
  /** The app's handler of a preset-group change (shared with its blockade switch). */
  @property({ attribute: false }) onPresetGroup: ((e: CustomEvent<{ group: string; option: string }>) => void) | null = null;

  #pin = () => this.ctl?.pin();
  #unpin = () => this.ctl?.unpin();

  #csv = async () => {
    const ctl = this.ctl!;
    await ctl.whenLive(); // never the pre-rendered (rounded) first screen
    const result = ctl.result;
    if (!result) return;
    const x = await exporting();
    x.download(x.toCsv(result), `${x.exportFileStem(ctl.scenario!)}.csv`, 'text/csv;charset=utf-8');
  };

  #figure = async (kind: 'svg' | 'png') => {
    const ctl = this.ctl!;
    await ctl.whenLive();
    const x = await exporting();
    const svg = x.composeFigure(this.charts?.() ?? [], ctl.scenario, ctl.pinned, ctl.result);
    if (!svg) return;
    if (kind === 'svg') { x.download(x.svgText(svg), `${x.exportFileStem(ctl.scenario!)}.svg`, 'image/svg+xml'); return; }
    try { x.download(await x.svgToPng(svg), `${x.exportFileStem(ctl.scenario!)}.png`); } catch (err) { ctl.notice = (err as Error).message; }
  };

  #link = async () => {
    const ctl = this.ctl!;
    ctl.syncUrl(true);
    try {
      await navigator.clipboard.writeText(location.href);
      ctl.notice = STRINGS.linkCopied;
    } catch {
      ctl.notice = STRINGS.linkInAddressBar;
    }
  };

  #onParam = (e: CustomEvent<{ name: string; value: number }>) => {
    const s = this.ctl?.scenario;
    if (s) this.ctl!.change({ params: { ...s.params, [e.detail.name]: e.detail.value } });
  };

  #onParamReset = (e: CustomEvent<{ name: string | null }>) => {
    const s = this.ctl?.scenario;
    if (!s) return;
    const name = e.detail.name;
    if (name === null) { this.ctl!.change({ params: {} }); return; }
    const params = { ...s.params };
    delete params[name];
    this.ctl!.change({ params });
  };

  #onPresetGroup = (e: CustomEvent<{ group: string; option: string }>) => this.onPresetGroup?.(e);

  protected override render() {
    const { ctl, scenario: s, spec, pinned, result } = this;
    if (!ctl || !s || !spec) return nothing;
    return html`
        <section class="card">
          <h2>${STRINGS.compareHeading}</h2>
          <div class="exports">
            ${/* One button whose label changes, so focus stays on it after Pin and Unpin. */ ''}
            <button class=${pinned ? 'ghost' : 'primary'} data-pin @click=${pinned ? this.#unpin : this.#pin}>${pinned ? STRINGS.unpin : STRINGS.pin}</button>
            <button class="small" @click=${() => ctl.compare('dose')}>${STRINGS.compareDose}</button>
            <button class="small" @click=${() => ctl.compare('clock')}>${STRINGS.compareClock}</button>
            ${spec.presets?.some((g) => g.name === 'blockade') ? html`<button class="small" data-compare="blockade" @click=${() => ctl.compare('blockade')}>${STRINGS.blockade.compare}</button>` : nothing}
          </div>
          ${pinned ? html`<p class="pinned-note">${STRINGS.pinnedNote(describeScenario(pinned))}</p>` : nothing}
        </section>
        <section class="card">
          <h2>${STRINGS.exportHeading}</h2>
          <div class="exports">
            <button class="primary" data-export="csv" ?disabled=${!result} @click=${this.#csv}>${STRINGS.downloadCsv}</button>
            <button class="small" data-export="svg" ?disabled=${!result} @click=${() => this.#figure('svg')}>${STRINGS.downloadSvg}</button>
            <button class="small" data-export="png" ?disabled=${!result} @click=${() => this.#figure('png')}>${STRINGS.downloadPng}</button>
            <button class="small" data-export="link" @click=${this.#link}>${STRINGS.copyLink}</button>
          </div>
        </section>
        <section class="card embed">
          <ldn-embed-panel .scenario=${s} .pinned=${pinned}></ldn-embed-panel>
        </section>
        <section class="card">
          <details class="params" @toggle=${loadParamPanel}>
            <summary>${STRINGS.parametersHeading}${Object.keys(s.params).length ? STRINGS.changedCount(Object.keys(s.params).length) : ''}</summary>
            <p class="hint">${STRINGS.parametersHint}</p>
            <ldn-param-panel .spec=${this.provisional ? null : spec} .values=${s.params} .presets=${s.presets}
              @ldn-param-change=${this.#onParam} @ldn-param-reset=${this.#onParamReset} @ldn-preset-group-change=${this.#onPresetGroup}></ldn-param-panel>
          </details>
        </section>`;
  }
}
