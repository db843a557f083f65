/**
 * The app's first screen as static markup (issue #18, "First curve in a blink"): after `vite build`, the built app is
 * opened in headless Chromium (at 1280 × 800 and at 360 × 740), its first screen is serialized as Declarative
 * Shadow DOM, and dist/index.html gets it inside `<ldn-app>`. The browser then paints the default scenario's curves
 * with the page itself, before any script has arrived; `<ldn-app>` replaces that markup with its own render
 * (ui/app/static-first-screen.ts).
 *
 * What the markup is: the page as the app itself drew it (nothing is written by hand, so it cannot drift from the
 * app of the same checkout), with
 * - each shadow root's constructed style sheets written out, every selector scoped to its host (`:host(tag) …`), in
 *   one style sheet that each shadow root links (the page has no script to adopt them);
 * - style attributes turned into rules of that sheet (`style-src 'self'` refuses inline styles in markup);
 * - form controls' state (values set as properties) written as attributes, so sliders and inputs show it;
 * - every custom element inside it renamed `static-…` (tags and style selectors alike), so that none of them
 *   upgrades, and clears its own markup, while `<ldn-app>`'s replacement is not yet drawn;
 * - every top-level part `inert` and `aria-hidden` (nothing to click, focus or read before the app is there) and tagged `fs-wide` or
 *   `fs-phone`: a media query at the app's phone width (600 px, `PHONE_QUERY` in ui/ldn-app.ts) shows one;
 * - Lit's comment markers removed; the cards below the fold (`EMPTY`) left empty, and every element with a shadow
 *   root that lies wholly below the fold (a chart, the receptor diagram on a phone) kept as an empty box of its size.
 * It is the English default scenario with no link state: a small script in the page's head (`gateScript`) hides
 * it when the page will show another language or a scenario from its link, as the app decides them. The page's
 * first paint waits until the markup is parsed (`<link rel="expect" blocking="render">`; browsers without it paint
 * as the markup arrives). Style sheet and gate are files, so the app keeps running under `script-src 'self';
 * style-src 'self'`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { FIRST_SCREEN_GATE } from '../ui/app/static-first-screen';
import { LANGUAGES } from '../ui/i18n/runtime';
import { launchBrowser } from '../test/browser/helpers/browser';
import { waitForLiveApp } from '../test/browser/helpers/dom';
import { serveStatic } from '../test/browser/helpers/static-server';

/** The element the markup goes into, as Vite writes it to dist/index.html. */
const PLACEHOLDER = '<ldn-app></ldn-app>';

/** The id of the element after the markup, which the first paint waits for (`<link rel="expect" blocking="render">`). */
export const END_ID = 'ldn-first-screen-end';

/** The two layouts the app has (ui/ldn-app.ts `PHONE_QUERY`: ≤ 600 px is a phone), each taken at a typical size. */
export const VARIANTS = [
  { cls: 'fs-wide', viewport: { width: 1280, height: 800 } },
  { cls: 'fs-phone', viewport: { width: 360, height: 740 } },
] as const;

/** Shows one variant: the phone's at ≤ 600 px, the wide one above; a busy pointer over it until the app is there. */
const VARIANT_CSS = '@media (max-width: 600px) { :host(ldn-app) .fs-wide { display: none !important; } }\n'
  + '@media (min-width: 601px) { :host(ldn-app) .fs-phone { display: none !important; } }\n'
  // Nothing reacts yet: the pointer says so.
  + ':host(ldn-app) [inert] { cursor: progress; }';

/**
 * The gate: a classic script for the page's head. It marks `<html>` with `data-ldn-first-screen="off"` when the
 * page will not show the English default scenario: a language other than English (`?lang=`, else the browser's
 * first supported language, as `pickLanguage` in ui/i18n/runtime.ts) or a link with a scenario (any hash).
 */
export function gateScript(languages: readonly string[] = LANGUAGES): string {
  return `(() => { const L = ${JSON.stringify(languages)};
  const pick = (t) => { const b = String(t || '').trim().toLowerCase().split(/[-_]/)[0]; return L.includes(b) ? b : null; };
  const lang = [new URLSearchParams(location.search).get('lang'), ...(navigator.languages || []), navigator.language].map(pick).find(Boolean) || 'en';
  if (lang !== 'en' || location.hash.replace(/^#/, '') !== '') document.documentElement.setAttribute(${JSON.stringify(FIRST_SCREEN_GATE)}, 'off'); })();`;
}

/** One layout of the first screen, as serialized in the page. */
interface Snapshot {
  /** The shadow roots' contents, each starting with a link to the style sheet `CSS_HREF`. */
  body: string;
  /**
   * Each host's style rules (host tag → CSS, every selector scoped to `:host(tag)`), as the page had them, and under
   * `[data-fs-style]` the elements' own styles (see `snapshot`).
   */
  css: Record<string, string>;
  /** The custom elements inside (renamed `static-…` in `body` and `css`). */
  names: string[];
}

/** Stands for the style sheet's URL in the serialized markup until its file name (a content hash) is known. */
const CSS_HREF = '__LDN_FIRST_SCREEN_CSS__';

/**
 * Left empty in the markup: the Compare, Export, Embed and Parameters cards, below the fold in both layouts (after
 * the controls, last on a phone), a third of the markup; `<ldn-app>` draws them as it replaces the static screen.
 */
const EMPTY = ['ldn-app-more'];

/**
 * Runs in the page: serializes `<ldn-app>`'s shadow tree (see the module's comment). Style rules are read from the
 * constructed sheets through the CSSOM, selectors renamed and scoped to their host with `:host(tag)`, so that one
 * style sheet serves every shadow root (a `<link>` in each: allowed by `style-src 'self'`, and, created by the
 * parser, it holds the first paint until it has loaded, as a document's style sheet does).
 */
function snapshot({ cls, empty, href }: { cls: string; empty: readonly string[]; href: string }): Snapshot {
  const app = document.querySelector('ldn-app')!;
  const root = app.shadowRoot!;
  const inner: ShadowRoot[] = [];
  // Below the fold, an element with a shadow root keeps its box but not its content: nobody sees it before the app
  // replaces it, and every visitor's browser would parse it (a link with a scenario too, which never shows it).
  const below: { el: HTMLElement; height: number; display: string }[] = [];
  const walk = (r: ParentNode) => {
    for (const el of r.querySelectorAll<HTMLElement>('*')) {
      if (!el.shadowRoot || empty.includes(el.localName)) continue;
      const box = el.getBoundingClientRect();
      if (box.top >= innerHeight) { below.push({ el, height: box.height, display: getComputedStyle(el).display }); continue; }
      inner.push(el.shadowRoot);
      walk(el.shadowRoot);
    }
  };
  walk(root);
  // Measured before any is emptied: emptying one could move the next.
  for (const { el, height, display } of below) {
    el.replaceChildren();
    el.style.cssText = `display: ${display}; box-sizing: border-box; height: ${height}px;`;
  }
  const names = new Set<string>();
  for (const r of [root, ...inner]) for (const el of r.querySelectorAll('*')) if (customElements.get(el.localName)) names.add(el.localName);
  const renamed = (tag: string) => (names.has(tag) ? `static-${tag}` : tag);
  const rename = names.size ? (t: string) => t.replace(new RegExp(`(?<![\\w-])(${[...names].join('|')})(?![\\w-])`, 'g'), 'static-$1') : (t: string) => t;
  // A selector list split at its top-level commas; each selector scoped to the host.
  const split = (list: string) => {
    const out: string[] = [];
    let depth = 0;
    let cur = '';
    for (const ch of list) {
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth--;
      if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; } else cur += ch;
    }
    return [...out, cur.trim()];
  };
  const scope = (sel: string, host: string) => {
    if (sel.startsWith(':host-context')) throw new Error(`:host-context is not supported in the static first screen: ${sel}`);
    if (sel.startsWith(':host(')) {
      let depth = 0;
      let i = 5;
      for (; i < sel.length; i++) { if (sel[i] === '(') depth++; else if (sel[i] === ')' && --depth === 0) break; }
      return `:host(${host}${sel.slice(6, i)})${sel.slice(i + 1)}`;
    }
    if (sel.startsWith(':host')) return `:host(${host})${sel.slice(5)}`;
    return `:host(${host}) ${sel}`;
  };
  const rules = (list: CSSRuleList, host: string): string => [...list].map((rule) => {
    if (rule instanceof CSSStyleRule) {
      const copy = new CSSStyleSheet();
      copy.insertRule(rule.cssText);
      const r = copy.cssRules[0] as CSSStyleRule;
      r.selectorText = split(rename(r.selectorText)).map((x) => scope(x, host)).join(', ');
      if (r.cssRules.length) throw new Error(`nested style rules are not supported in the static first screen: ${rule.cssText.slice(0, 80)}`);
      return r.cssText;
    }
    if (rule instanceof CSSMediaRule) return `@media ${rule.conditionText} {\n${rules(rule.cssRules, host)}\n}`;
    if (rule instanceof CSSSupportsRule) return `@supports ${rule.conditionText} {\n${rules(rule.cssRules, host)}\n}`;
    if (rule instanceof CSSKeyframesRule) return rule.cssText;
    throw new Error(`a ${rule.constructor.name} is not supported in the static first screen: ${rule.cssText.slice(0, 80)}`);
  }).join('\n');
  const css: Record<string, string> = {};
  for (const r of [root, ...inner]) {
    const host = renamed(r.host.localName);
    css[host] ??= r.adoptedStyleSheets.map((s) => rules(s.cssRules, host)).join('\n');
    for (const el of r.querySelectorAll('input')) {
      if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked); else el.setAttribute('value', el.value);
    }
    for (const el of r.querySelectorAll('select')) for (const o of el.options) o.toggleAttribute('selected', o.selected);
  }
  // Style attributes are inline styles, which `style-src 'self'` refuses in markup (the app sets them through the
  // CSSOM, which it allows): each becomes a rule for a numbered attribute, `!important` as an inline style wins.
  const inline = new Map<string, string>();
  for (const r of [root, ...inner]) for (const el of r.querySelectorAll<HTMLElement | SVGElement>('[style]')) {
    const decls = [...el.style].map((p) => `${p}: ${el.style.getPropertyValue(p)} !important;`).join(' ');
    if (!inline.has(decls)) inline.set(decls, `${cls}-${inline.size}`);
    el.removeAttribute('style');
    el.setAttribute('data-fs-style', inline.get(decls)!);
  }
  css['[data-fs-style]'] = [...inline].map(([decls, id]) => `[data-fs-style="${id}"] { ${decls} }`).join('\n');
  // Inert (and so out of the accessibility tree in browsers); aria-hidden says the same to tools that read roles
  // themselves, e.g. test drivers, which would otherwise find a tab or button that cannot be used yet.
  for (const el of root.children) { el.setAttribute('inert', ''); el.setAttribute('aria-hidden', 'true'); el.classList.add(cls); }
  for (const r of [root, ...inner]) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    r.prepend(link);
  }
  return { body: root.getHTML({ shadowRoots: inner }), css, names: [...names] };
}

/** Lit's markers out, custom elements renamed `static-…` (see the module's comment). */
function clean(html: string, names: readonly string[]): string {
  const out = html.replace(/<!--[^]*?-->/g, '');
  if (!names.length) return out;
  return out.replace(new RegExp(`<(/?)(${names.join('|')})(?=[\\s/>])`, 'g'), '<$1static-$2');
}

async function take(browser: Browser, url: string, variant: (typeof VARIANTS)[number]): Promise<Snapshot> {
  const context = await browser.newContext({ viewport: variant.viewport, locale: 'en-US', colorScheme: 'light', reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await waitForLiveApp(page); // live, and every element it loads after its first curve defined
    // Two frames: every element's update after the live result is on screen.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (errors.length) throw new Error(`the built app failed while its first screen was taken: ${errors.join('; ')}`);
    return await page.evaluate(snapshot, { cls: variant.cls, empty: EMPTY, href: CSS_HREF });
  } finally {
    await context.close();
  }
}

/** A file name for `text`: `stem-<hash>.ext`, the hash of the content (as Vite names assets), so caches stay right. */
function hashed(stem: string, ext: string, text: string): string {
  return `${stem}-${createHash('sha256').update(text).digest('base64url').slice(0, 8)}.${ext}`;
}

/**
 * The static first screen: the markup for `<ldn-app>` (one declarative shadow root holding both layouts), which
 * links its style sheet as `CSS_HREF`, and the style sheet.
 */
export function firstScreenMarkup(shots: readonly Snapshot[]): { markup: string; css: string } {
  const names = [...new Set(shots.flatMap((s) => s.names))];
  const css: Record<string, string> = {};
  for (const s of shots) for (const [host, text] of Object.entries(s.css)) {
    if (host === '[data-fs-style]') { css[host] = [css[host], text].filter(Boolean).join('\n'); continue; } // numbered per layout
    if (css[host] !== undefined && css[host] !== text) throw new Error(`<${host}>'s styles differ between the layouts`);
    css[host] = text;
  }
  return {
    markup: `<ldn-app><template shadowrootmode="open">${shots.map((s) => clean(s.body, names)).join('')}</template></ldn-app>`,
    css: `/* ldn-sim's static first screen (scripts/first-screen-markup.ts): each element's styles, scoped to it. */\n${Object.values(css).join('\n')}\n${VARIANT_CSS}\n`,
  };
}

/**
 * Writes the static first screen into `<distDir>/index.html`, with its style sheet and the gate (a classic script in
 * the head) as files in `<distDir>/assets/`: the app runs under `script-src 'self'; style-src 'self'`. Throws,
 * leaving index.html as it was, when Chromium is missing, the app fails, or the page is not the one Vite wrote.
 * @returns the bytes of markup added to index.html.
 */
export async function writeFirstScreenMarkup(distDir: string): Promise<number> {
  const file = join(distDir, 'index.html');
  const page = readFileSync(file, 'utf8');
  if (page.split(PLACEHOLDER).length !== 2) throw new Error(`${file} should hold exactly one empty ${PLACEHOLDER}`);
  if (!page.includes('</title>')) throw new Error(`${file} has no </title> to put the gate after`);
  const browser = await launchBrowser();
  const server = await serveStatic(distDir);
  const shots: Snapshot[] = [];
  try {
    for (const v of VARIANTS) shots.push(await take(browser, `${server.url}index.html`, v));
  } finally {
    await server.close();
    await browser.close();
  }
  const gate = gateScript();
  const gateFile = hashed('first-screen-gate', 'js', gate);
  const { markup, css } = firstScreenMarkup(shots);
  const cssFile = hashed('first-screen', 'css', css);
  writeFileSync(join(distDir, 'assets', gateFile), `${gate}\n`);
  writeFileSync(join(distDir, 'assets', cssFile), css);
  // The gate first (it decides before anything is painted); then rendering waits until the markup is parsed (the
  // element after it has arrived), so that the first paint is the whole first screen, not its top half.
  // The style sheet is preloaded from the head: the shadow roots' links to it are found only as the markup is parsed,
  // and behind the page's many module preloads it would arrive last, holding the first paint until then.
  const head = `</title>\n    <script src="./assets/${gateFile}"></script>\n    <link rel="preload" as="style" href="./assets/${cssFile}" />`
    + `\n    <link rel="expect" href="#${END_ID}" blocking="render" />`;
  // The page's own style sheets (Vite puts them after the module preloads) go first too: they hold the first paint.
  const sheets = page.match(/\n\s*<link rel="stylesheet"[^>]*>/g) ?? [];
  const out = sheets.reduce((html, link) => html.replace(link, ''), page)
    .replace('</title>', `${head}${sheets.join('')}`).replace(PLACEHOLDER, `${markup.replaceAll(CSS_HREF, `./assets/${cssFile}`)}<span id="${END_ID}" hidden></span>`);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, out);
  renameSync(tmp, file); // whole or not at all
  return out.length - page.length;
}
