import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './helpers/browser';
import { waitForDrawnSvgPath } from './helpers/dom';
import { serveStatic, type StaticServer } from './helpers/static-server';

// Issue #18: the Spanish catalogue (ui/i18n/es.ts) is a chunk of its own, fetched only when Spanish is chosen, and
// the app and the widget render nothing before it is applied (no English first frame in a Spanish page).
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const widgetPage = (lang: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'self'; style-src 'self'; worker-src 'self'">
<title>widget ${lang}</title><link rel="icon" href="data:,"><script type="module" src="./embed/ldn-sim.js"></script></head>
<body><ldn-sim-widget lang="${lang}"></ldn-sim-widget></body></html>`;

/**
 * Records, in every document, the first non-empty text rendered in `selector`'s shadow root (checked each frame). A
 * hidden element renders none (the app's page hides its static English first screen on a Spanish page).
 */
const firstText = (selector: string) => `(() => {
  const tick = () => {
    const el = document.querySelector('${selector}');
    const t = el && getComputedStyle(el).visibility !== 'hidden' ? el.shadowRoot?.textContent?.replace(/\\s+/g, ' ').trim() : '';
    if (t) { window.__firstText = t; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

describe('the Spanish catalogue is loaded only for Spanish pages (issue #18)', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(`${DIST}embed/ldn-sim.js`)) throw new Error(`${DIST}embed/ldn-sim.js is missing: run \`npm run build\` (npm test does it first)`);
    server = await serveStatic(DIST, { files: { '/w-en.html': widgetPage('en'), '/w-es.html': widgetPage('es') } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const cases = [
    { what: 'app', path: '?lang=', selector: 'ldn-app', chunk: /\/assets\/es-[\w-]+\.js$/, en: 'Low-dose naltrexone', es: 'Naltrexona en dosis bajas' },
    { what: 'widget', path: 'w-', selector: 'ldn-sim-widget', chunk: /\/embed\/es-[\w-]+\.js$/, en: 'For education only', es: 'Solo para educación' },
  ] as const;

  for (const c of cases) {
    it(`${c.what}: English fetches no es-*.js; Spanish fetches it and its first rendered text is already Spanish; no errors`, async () => {
      for (const lang of ['en', 'es'] as const) {
        const p = await openPage(browser, { locale: 'en-US' });
        try {
          await p.context.addInitScript(firstText(c.selector));
          const from = server.log.length;
          await p.page.goto(`${server.url}${c.what === 'app' ? `${c.path}${lang}` : `${c.path}${lang}.html`}`);
          await p.explain(waitForDrawnSvgPath(p.page, 20_000));
          const fetched = server.log.slice(from).some((l) => l.startsWith('200 ') && c.chunk.test(l.slice(4).split('?')[0]!));
          expect(fetched, `${c.what} ${lang}: es chunk fetched`).toBe(lang === 'es');
          const first = await p.page.evaluate(() => (window as unknown as { __firstText?: string }).__firstText ?? '');
          expect(first, `${c.what} ${lang}: first rendered text`).toContain(lang === 'es' ? c.es : c.en);
          if (lang === 'es') expect(first).not.toContain(c.en);
          expect(p.errors()).toEqual([]);
        } finally {
          await p.close();
        }
      }
    });
  }
});
