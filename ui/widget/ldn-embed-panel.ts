/**
 * `<ldn-embed-panel>`: the app's "Embed" panel. Given the current scenario, it writes the HTML that puts the same
 * scenario on another site as an `<ldn-sim-widget>` (or an `<iframe>`), with choices of charts and controls, and
 * a copy button. View-only: it never starts a simulation and changes nothing in the app.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatClock } from '../../engine/dosing';
import type { Scenario } from '../scenario';
import { EMBED_STRINGS } from './embed-strings';
import { iframeSnippet, widgetSnippet, type SnippetOptions } from './snippet';
import { CONTROL_NAMES, WIDGET_DEFAULTS, parseList, type WidgetScenario } from './widget-options';
import { TOUCH_TARGETS } from '../theme';

declare global {
  interface HTMLElementTagNameMap { 'ldn-embed-panel': LdnEmbedPanel }
}

const VIEW_CHOICES = ['plasma', 'blockade', 'rebound', 'receptors'] as const;

/** The panel's strings: `EMBED_STRINGS` (ui/widget/embed-strings.ts, translated in ui/i18n/), read at render time. */
export { EMBED_STRINGS };

/**
 * The widget scenario for an app scenario, and what of it the widget cannot show. Everything the app's scenario
 * holds now carries over: titration, co-medication (drug, dose, interval), parameter overrides and every preset
 * group. `dropped` stays for what a future scenario field may hold that the widget lacks.
 */
export function widgetScenarioOf(s: Scenario, pinned: Scenario | null): { scenario: WidgetScenario; dropped: string[] } {
  const dropped: string[] = [];
  const titration = s.regimen === 'titration' && s.titration.length > 0 ? s.titration : null;
  // The blockade calibration has an attribute of its own (blockade="long"); other preset groups go in `presets`.
  const { blockade, ...otherPresets } = s.presets;
  const samePlan = pinned && pinned.modelId === s.modelId && pinned.regimen === 'daily' && pinned.clockH === s.clockH && pinned.days === s.days
    && !titration && JSON.stringify([pinned.agonist, pinned.params, pinned.presets]) === JSON.stringify([s.agonist, s.params, s.presets]);
  return {
    scenario: {
      model: s.modelId, dose: s.doseMg, time: formatClock(s.clockH), days: s.days,
      compare: samePlan && pinned.doseMg !== s.doseMg ? pinned.doseMg : null,
      titration,
      // The app's agonist is the model's (morphine for ldn) unless the scenario names another drug.
      comedication: s.agonist ? { drug: s.agonist.drug ?? 'morphine', amtMg: s.agonist.amtMg, everyH: s.agonist.everyH } : null,
      params: { ...s.params },
      presets: otherPresets,
      ...(blockade === 'brief' || blockade === 'long' ? { blockade } : {}),
    },
    dropped,
  };
}

/** How long the scenario must rest before an off-screen panel writes it into its snippets. */
const CATCH_UP_MS = 300;

@customElement('ldn-embed-panel')
export class LdnEmbedPanel extends LitElement {
  static override styles = [TOUCH_TARGETS, css`
    :host { display: block; }
    h2 { margin: 0 0 6px; font-size: 1.1rem; }
    p { margin: 0 0 8px; font-size: 0.92rem; }
    fieldset { border: 0; padding: 0; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
    legend { font-weight: 650; padding: 0; margin-bottom: 2px; font-size: 0.92rem; }
    label { font-size: 0.92rem; display: inline-flex; align-items: center; gap: 4px; }
    textarea { width: 100%; box-sizing: border-box; font: 0.82rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      padding: 6px 8px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; resize: vertical; background: var(--ldn-tint, #eef4ff); color: inherit; }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 6px 0 8px; }
    button { font: inherit; font-size: 0.9rem; padding: 5px 12px; border-radius: 8px; border: 1px solid var(--ldn-brand, #0b3d91); background: var(--ldn-brand, #0b3d91); color: var(--ldn-on-brand, #fff); cursor: pointer; }
    details summary { cursor: pointer; font-size: 0.92rem; margin: 4px 0; }
    .note { color: var(--ldn-warn-ink, #7c2d12); }
    .address { display: flex; flex-direction: column; align-items: stretch; gap: 2px; margin-bottom: 8px; font-weight: 650; }
    .address input { font: 0.85rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: 4px 6px; border: 1px solid var(--ldn-field-border, #6b7280); border-radius: 6px; font-weight: 400; }
    .status { font-size: 0.88rem; color: var(--ldn-ok-ink, #065f46); }
    :is(button, input, textarea, summary):focus-visible { outline: 3px solid var(--ldn-focus, #0072B2); outline-offset: 2px; }
  `];

  /** The app's current scenario. */
  @property({ attribute: false }) scenario: Scenario | null = null;
  /** The pinned scenario; when it differs from the current one only in dose, it becomes `compare`. */
  @property({ attribute: false }) pinned: Scenario | null = null;
  /** URL of `ldn-sim.js` written into the snippet. Default: `embed/ldn-sim.js` beside the app page. */
  @property() src = '';

  @state() private _view: string = WIDGET_DEFAULTS.view;
  @state() private _controls: string = WIDGET_DEFAULTS.controls;
  @state() private _autoplay = false;
  @state() private _status = '';
  /** The address typed by the user; empty = `src` or the default. */
  @state() private _typedSrc = '';

  /** Whether any of the panel is in the viewport (until an observer says otherwise, it is). */
  #onScreen = true;
  #observer: IntersectionObserver | null = null;
  /** A scenario change not yet written into the snippets (the panel was off-screen), and its timer. */
  #stale = false;
  #idle = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof IntersectionObserver === 'undefined') return;
    this.#observer = new IntersectionObserver((entries) => {
      this.#onScreen = entries[entries.length - 1]!.isIntersecting;
      if (this.#onScreen && this.#stale) this.#catchUp();
    });
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#observer = null;
    this.#cancelIdle();
  }

  /**
   * While the panel is off-screen, a new scenario (every dose-slider step) is written into the snippets later,
   * once the scenario has rested for `CATCH_UP_MS` or the panel scrolls into view, rather than in the frame that shows the new result:
   * rewriting the two text boxes costs style, layout and paint in that frame for text nobody is looking at.
   * Its own controls, and any change while it is on screen, update it at once.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    const onlyScenario = [...changed.keys()].every((k) => k === 'scenario' || k === 'pinned');
    if (this.hasUpdated && !this.#onScreen && onlyScenario && changed.size > 0) {
      this.#stale = true;
      // Restarted by every change: a held arrow key or a drag is not interleaved with snippet rewrites.
      clearTimeout(this.#idle);
      this.#idle = window.setTimeout(() => { this.#idle = 0; if (this.#stale) this.#catchUp(); }, CATCH_UP_MS);
      return false;
    }
    this.#stale = false;
    this.#cancelIdle();
    return true;
  }

  #catchUp(): void {
    this.#stale = false;
    this.#cancelIdle();
    this.requestUpdate();
  }

  #cancelIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = 0;
  }

  /** The options the snippet is written from (for tests). */
  get options(): SnippetOptions | null {
    if (!this.scenario) return null;
    return { scenario: widgetScenarioOf(this.scenario, this.pinned).scenario, view: this._view, controls: this._controls, autoplay: this._autoplay };
  }

  #scriptUrl(): string {
    return this._typedSrc.trim() || this.src || new URL('embed/ldn-sim.js', document.baseURI).href;
  }

  protected override render() {
    const o = this.options;
    if (!o || !this.scenario) return nothing;
    const { dropped } = widgetScenarioOf(this.scenario, this.pinned);
    const script = this.#scriptUrl();
    const frame = script.replace(/[^/?#]*([?#].*)?$/, 'frame.html'); // beside ldn-sim.js, absolute or relative
    const views = parseList(this._view);
    const controls = parseList(this._controls);
    return html`
      <h2>${EMBED_STRINGS.heading}</h2>
      <p>${EMBED_STRINGS.intro}</p>
      <fieldset><legend>${EMBED_STRINGS.charts}</legend>
        ${VIEW_CHOICES.map((v) => html`<label><input type="checkbox" .checked=${views.includes(v)}
          ?disabled=${views.length === 1 && views[0] === v}
          @change=${(e: Event) => { this._view = toggle(views, v, (e.target as HTMLInputElement).checked, VIEW_CHOICES); }} />${EMBED_STRINGS.views[v]}</label>`)}
      </fieldset>
      <fieldset><legend>${EMBED_STRINGS.controls}</legend>
        ${CONTROL_NAMES.map((c) => html`<label><input type="checkbox" .checked=${controls.includes(c)}
          @change=${(e: Event) => { this._controls = toggle(controls, c, (e.target as HTMLInputElement).checked, CONTROL_NAMES); }} />${EMBED_STRINGS.controlNames[c]}</label>`)}
        <label><input type="checkbox" .checked=${this._autoplay} @change=${(e: Event) => { this._autoplay = (e.target as HTMLInputElement).checked; }} />${EMBED_STRINGS.autoplay}</label>
      </fieldset>
      <label class="address">${EMBED_STRINGS.address}
        <input type="text" spellcheck="false" .value=${script} @change=${(e: Event) => { this._typedSrc = (e.target as HTMLInputElement).value; }} /></label>
      ${dropped.length ? html`<p class="note">${EMBED_STRINGS.dropped(dropped)}</p>` : nothing}
      <textarea id="snippet" readonly rows="5" aria-label=${EMBED_STRINGS.snippetLabel} .value=${widgetSnippet(script, o)}></textarea>
      <div class="row">
        <button type="button" data-copy="snippet" @click=${() => this.#copy('snippet')}>${EMBED_STRINGS.copy}</button>
        <span class="status" role="status">${this._status}</span>
      </div>
      <details>
        <summary>${EMBED_STRINGS.iframe}</summary>
        <textarea id="iframe" readonly rows="3" aria-label=${EMBED_STRINGS.iframeLabel} .value=${iframeSnippet(frame, o)}></textarea>
        <p class="note">${EMBED_STRINGS.iframeFit(frame.replace(/frame\.html$/, 'frame-host.js'))}</p>
        <div class="row"><button type="button" data-copy="iframe" @click=${() => this.#copy('iframe')}>${EMBED_STRINGS.copyIframe}</button></div>
      </details>`;
  }

  async #copy(id: 'snippet' | 'iframe'): Promise<void> {
    if (this.#stale) { this.#catchUp(); await this.updateComplete; }
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${id}`);
    if (!area) return;
    try {
      await navigator.clipboard.writeText(area.value);
      this._status = EMBED_STRINGS.copied;
    } catch {
      area.focus();
      area.select();
      this._status = EMBED_STRINGS.copyFailed;
    }
  }
}

/** The list with `name` added or removed, in the order of `all`; an empty list is written `none`. */
function toggle(list: readonly string[], name: string, on: boolean, all: readonly string[]): string {
  const set = new Set(list);
  if (on) set.add(name); else set.delete(name);
  const out = all.filter((n) => set.has(n));
  return out.length ? out.join(',') : 'none';
}
