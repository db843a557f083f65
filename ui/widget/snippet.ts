/**
 * The HTML an educator pastes into a page to embed a scenario: a `<script type="module">` plus an
 * `<ldn-sim-widget>` element, or an `<iframe>` for sites that forbid scripts. Pure string building (tested in
 * Node); the Embed panel (`ldn-embed-panel.ts`) shows and copies it.
 */
import { formatMg } from '../strings';
import { WIDGET_DEFAULTS, type WidgetScenario } from './widget-options';
import { formatDosingAttributes } from './widget-dosing';

/** What the snippet embeds: a scenario and how the widget shows it. */
export interface SnippetOptions {
  readonly scenario: WidgetScenario;
  /** `view` attribute, e.g. `plasma,blockade`. Omitted when it equals the default. */
  readonly view?: string;
  /** `controls` attribute, e.g. `dose,time` or `none`. Omitted when it equals the default. */
  readonly controls?: string;
  readonly autoplay?: boolean;
  /** Chart height, px. Omitted when it equals the default. */
  readonly height?: number;
}

/** Escapes text for a double-quoted HTML attribute value. */
export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The attributes of a snippet, in documentation order; defaults are left out except the scenario's own. */
export function snippetAttributes(o: SnippetOptions): [string, string | true][] {
  const s = o.scenario;
  const out: [string, string | true][] = [];
  if (s.model) out.push(['model', s.model]);
  out.push(['dose', formatMg(s.dose)], ['time', s.time]);
  if (!s.titration) out.push(['days', String(s.days)]); // a titration sets the days itself
  if (o.view !== undefined && o.view !== WIDGET_DEFAULTS.view) out.push(['view', o.view]);
  if (o.controls !== undefined && o.controls !== WIDGET_DEFAULTS.controls) out.push(['controls', o.controls || 'none']);
  if (s.compare !== null) out.push(['compare', formatMg(s.compare)]);
  if (o.autoplay) out.push(['autoplay', true]);
  if (o.height !== undefined && o.height !== WIDGET_DEFAULTS.height) out.push(['height', String(o.height)]);
  if (s.blockade) out.push(['blockade', s.blockade]);
  const d = formatDosingAttributes({ titration: s.titration ?? null, comedication: s.comedication ?? null, params: s.params ?? {}, presets: s.presets ?? {} });
  for (const k of ['titration', 'comedication', 'params', 'presets'] as const) if (d[k]) out.push([k, d[k]!]);
  return out;
}

/**
 * The script-and-element snippet. `scriptUrl` is where `ldn-sim.js` will be served from (absolute, or relative
 * to the page that embeds it).
 * @example
 * widgetSnippet('./ldn/ldn-sim.js', { scenario }) // <script type="module" src="./ldn/ldn-sim.js"></script>\n<ldn-sim-widget dose="4.5" …>
 */
export function widgetSnippet(scriptUrl: string, o: SnippetOptions): string {
  const attrs = snippetAttributes(o).map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`)).join('');
  return `<script type="module" src="${escapeAttr(scriptUrl)}"></script>\n<ldn-sim-widget${attrs}></ldn-sim-widget>`;
}

/** The URL of `frame.html` (next to `ldn-sim.js`) showing this scenario: the attributes as query parameters. */
export function frameUrl(frameHtmlUrl: string, o: SnippetOptions): string {
  const q = new URLSearchParams();
  for (const [k, v] of snippetAttributes(o)) q.set(k, v === true ? '' : v);
  return `${frameHtmlUrl}?${q.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':')}`;
}

/** The `<iframe>` alternative, for sites that allow no scripts of their own. */
export function iframeSnippet(frameHtmlUrl: string, o: SnippetOptions, heightPx = 620): string {
  return `<iframe src="${escapeAttr(frameUrl(frameHtmlUrl, o))}" title="ldn-sim: naltrexone simulation" width="100%" height="${heightPx}" loading="lazy"></iframe>`;
}
