import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FAVICON_404, openPage } from './helpers/browser';
import { DIST, STRICT_CSP, servedDist } from './helpers/dist';
import { waitForLiveApp } from './helpers/dom';

// Issue #18, "First curve in a blink": dist/index.html carries the app's first screen as markup (a declarative
// shadow root in <ldn-app>, scripts/first-screen-markup.ts), painted before any script arrives, and replaced by the
// app's own render. The truth for what it shows is the live app: the markup must read as the app does once live.

/** Each chart's text summary and the receptor caption, from the static markup (`static-ldn-chart`) or the app. */
function texts(page: Page, tag: 'static-ldn-chart' | 'ldn-chart', within: string): Promise<string[]> {
  return page.evaluate(({ tag, within }) => {
    const app = document.querySelector('ldn-app')!.shadowRoot!;
    const part = [...app.querySelectorAll(within)].filter((el) => getComputedStyle(el).display !== 'none');
    const charts = part.flatMap((p) => [...p.querySelectorAll(tag)]).map((c) => c.shadowRoot?.querySelector('.summary')?.textContent?.trim() ?? '');
    const caption = part.map((p) => p.querySelector('.caption')?.textContent?.trim()).find(Boolean) ?? '';
    return [...charts, caption];
  }, { tag, within });
}

/** Records every frame from the document's start: is a curve on screen, is the static screen there, is the app live, is it hidden. */
const FRAMES = `(() => {
  const frames = window.__frames = [];
  const curve = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot && curve(el.shadowRoot)) return true;
      if (el.matches('g.series path') && el.getTotalLength() > 0 && el.getBoundingClientRect().width > 0) return true;
    }
    return false;
  };
  const tick = () => {
    const app = document.querySelector('ldn-app');
    const root = app && app.shadowRoot;
    frames.push({
      curve: !!root && curve(root),
      staticScreen: !!root && !!root.querySelector('.fs-wide, .fs-phone'),
      hidden: !!app && getComputedStyle(app).visibility === 'hidden',
      live: !!(app && app.live),
    });
    if (frames.length < 2000 && !(app && app.live && frames.filter((f) => f.live).length > 3)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface Frame { curve: boolean; staticScreen: boolean; hidden: boolean; live: boolean }

/**
 * Holds the app's entry script until the page has painted 5 frames with the static screen in it, so that what the
 * page shows before any of the app's script runs is seen by the test, however fast or slow the machine.
 */
async function holdEntry(page: Page): Promise<void> {
  await page.route(/\/assets\/main-[\w-]+\.js$/, async (route) => {
    await page.waitForFunction(() => (window as unknown as { __frames: Frame[] }).__frames.filter((f) => f.staticScreen).length >= 5, undefined, { timeout: 20_000, polling: 20 });
    await route.continue();
  });
}

async function frames(page: Page): Promise<Frame[]> {
  await page.waitForFunction(() => (window as unknown as { __frames: Frame[] }).__frames.filter((f) => f.live).length > 3, undefined, { timeout: 30_000, polling: 50 });
  return page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames);
}

describe('the app\'s first screen as static markup (dist/index.html)', () => {
  const ctx = servedDist({ headers: { 'Content-Security-Policy': STRICT_CSP } });

  it('is in the built page: one declarative shadow root in <ldn-app>, no script, no inline style, no element the app defines, with its style sheet and gate as files', () => {
    const page = readFileSync(`${DIST}index.html`, 'utf8');
    const start = page.indexOf('<ldn-app><template shadowrootmode="open">');
    const end = page.indexOf('</template></ldn-app>');
    expect(start).toBeGreaterThan(0);
    expect(page.indexOf('<ldn-app>', start + 1)).toBe(-1);
    const markup = page.slice(start + '<ldn-app>'.length, end);
    expect(markup).not.toMatch(/<script|<style|\sstyle="|<ldn-|<!--/);
    expect(markup.match(/<static-ldn-chart[\s>]/g)?.length).toBeGreaterThanOrEqual(4); // the charts of both layouts
    // every top-level part inert and hidden from the accessibility tree (nothing to use before the app is there)
    const parts = [...markup.matchAll(/<(header|main|footer)\s([^>]*)>/g)].filter((m) => /class="[^"]*\bfs-(wide|phone)\b/.test(m[2]!));
    expect(parts.length).toBe(6);
    for (const m of parts) expect(m[2]).toMatch(/\binert=""[^>]*aria-hidden="true"/);
    const css = /<link rel="stylesheet" href="\.\/(assets\/first-screen-[\w-]+\.css)">/.exec(markup)?.[1];
    const gate = /<script src="\.\/(assets\/first-screen-gate-[\w-]+\.js)"><\/script>/.exec(page)?.[1];
    expect(css && existsSync(`${DIST}${css}`), 'style sheet file').toBe(true);
    expect(gate && existsSync(`${DIST}${gate}`), 'gate file').toBe(true);
    expect(page.indexOf(gate!)).toBeLessThan(page.indexOf('<script type="module"')); // decided before anything is painted
    expect(page).toContain('<link rel="expect" href="#ldn-first-screen-end" blocking="render" />');
    expect(page.indexOf('<span id="ldn-first-screen-end" hidden></span>')).toBe(end + '</template></ldn-app>'.length);
  });

  for (const [width, height, within] of [[1280, 800, '.fs-wide'], [360, 740, '.fs-phone']] as const) {
    it(`without JavaScript, at ${width} × ${height}, shows the default scenario's curves and reads exactly as the live app does (summaries, caption), under a strict CSP`, async () => {
      // Without JavaScript, Chromium refuses the page's module preloads, reporting them as CSP failures: not the page's.
      const still = await openPage(ctx.browser, { viewport: { width, height }, javaScriptEnabled: false, ignore: [FAVICON_404, /^failed \S+\.js: csp$/] });
      const live = await openPage(ctx.browser, { viewport: { width, height }, reducedMotion: 'reduce' });
      try {
        await still.page.goto(ctx.server.url);
        const shown = await still.page.evaluate(() => {
          const app = document.querySelector('ldn-app')!.shadowRoot!;
          const visible = [...app.children].filter((el) => getComputedStyle(el).display !== 'none').map((el) => [...el.classList].filter((c) => c.startsWith('fs-')).join(''));
          const path = [...app.querySelectorAll('static-ldn-chart')].map((c) => c.shadowRoot?.querySelector('g.series path') as SVGPathElement | null)
            .find((p) => p && p.getBoundingClientRect().width > 0);
          return { visible: [...new Set(visible)], length: path?.getTotalLength() ?? 0, top: path?.getBoundingClientRect().top ?? Infinity };
        });
        expect(shown.visible).toEqual([within.slice(1)]);
        expect(shown.length, 'a drawn curve').toBeGreaterThan(100);
        if (width > 600) expect(shown.top, 'the curve is above the fold').toBeLessThan(height);
        // The charts below the fold are empty boxes in the markup: the others, and the caption, read as the app's.
        const said = await texts(still.page, 'static-ldn-chart', within);
        expect(said.filter((t) => t.length > 20).length, 'a chart summary and the caption').toBeGreaterThanOrEqual(2);
        await live.page.goto(ctx.server.url);
        await waitForLiveApp(live.page);
        await live.page.waitForTimeout(100);
        const truth = await texts(live.page, 'ldn-chart', 'header ~ main');
        expect(said.length).toBe(truth.length);
        expect(said.map((t, i) => (t ? truth[i] : ''))).toEqual(said);
        expect(still.errors()).toEqual([]);
        expect(live.errors()).toEqual([]);
      } finally {
        await still.close();
        await live.close();
      }
    });
  }

  it('with JavaScript: a curve is on screen in every frame from the first until the app is live; then only the app\'s own render is left', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.context.addInitScript(FRAMES);
      await holdEntry(p.page);
      await p.page.goto(ctx.server.url);
      const fs = await frames(p.page);
      const first = fs.findIndex((f) => f.curve);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(fs[first]!.staticScreen, 'the first curve is the static one').toBe(true);
      expect(fs.filter((f) => f.staticScreen).length, 'frames painted before the app ran').toBeGreaterThanOrEqual(5);
      const gaps = fs.slice(first).map((f, i) => (f.curve ? null : first + i)).filter((i) => i !== null);
      expect(gaps, 'frames without a curve').toEqual([]);
      expect(fs.some((f) => f.hidden)).toBe(false);
      const after = await p.page.evaluate(() => {
        const app = document.querySelector('ldn-app')!.shadowRoot!;
        return {
          staticLeft: app.querySelectorAll('.fs-wide, .fs-phone, [inert], link[rel="stylesheet"], [data-fs-style]').length,
          staticTags: [...app.querySelectorAll('*')].filter((el) => el.localName.startsWith('static-')).length,
          gate: document.documentElement.hasAttribute('data-ldn-first-screen'),
        };
      });
      expect(after).toEqual({ staticLeft: 0, staticTags: 0, gate: false });
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  for (const [label, path, locale] of [['a Spanish browser', '', 'es-ES'], ['?lang=es', '?lang=es', 'en-US'], ['a link with a scenario', '#dose=3', 'en-US']] as const) {
    it(`${label}: the English default screen is never seen (hidden until the app draws its own), and the app draws what was asked`, async () => {
      const p = await openPage(ctx.browser, { locale, reducedMotion: 'reduce' });
      try {
        await p.context.addInitScript(FRAMES);
        await holdEntry(p.page);
        await p.page.goto(`${ctx.server.url}${path}`);
        const fs = await frames(p.page);
        expect(fs.filter((f) => f.staticScreen && !f.hidden), 'frames showing the static screen').toEqual([]);
        expect(fs.filter((f) => f.staticScreen && f.hidden).length, 'frames with the static screen hidden, before the app ran').toBeGreaterThanOrEqual(5);
        expect(fs.at(-1)).toMatchObject({ curve: true, hidden: false, live: true });
        const shown = await p.page.evaluate(() => ({ lang: document.documentElement.lang, dose: document.querySelector('ldn-app')!.scenario?.doseMg }));
        expect(shown).toEqual({ lang: locale === 'es-ES' || path === '?lang=es' ? 'es' : 'en', dose: path === '#dose=3' ? 3 : 4.5 });
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    });
  }

  it('?lang=en in a Spanish browser shows the static screen (English is what the app will show)', async () => {
    const p = await openPage(ctx.browser, { locale: 'es-ES', reducedMotion: 'reduce' });
    try {
      await p.context.addInitScript(FRAMES);
      await holdEntry(p.page);
      await p.page.goto(`${ctx.server.url}?lang=en`);
      const fs = await frames(p.page);
      const first = fs.findIndex((f) => f.curve);
      expect(fs[first]).toMatchObject({ staticScreen: true, hidden: false });
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
