import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './helpers/browser';
import { serveStatic, type StaticServer } from './helpers/static-server';

// Issue #15: in Spanish the page's numbers use the decimal comma (Intl), through ui/format.ts: the dose slider's
// marks and value, the charts' axis ticks and the embed panel, under the app's strict CSP.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const APP_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; img-src 'self' data: blob:; connect-src 'self'";

describe('the app in Spanish (?lang=es) formats numbers for the language', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(`${DIST}index.html`)) throw new Error(`${DIST}index.html is missing: run \`npm run build\` (npm test does it first)`);
    server = await serveStatic(DIST, { basePath: '/course/ldn/', headers: { 'Content-Security-Policy': APP_CSP } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the dose slider shows "4,5" (marks, value, spoken value) and the y-axis ticks have "," decimals and no "."; English keeps "4.5"; no console errors', async () => {
    for (const [lang, dec, other] of [['es', ',', '.'], ['en', '.', ',']] as const) {
      const p = await openPage(browser, { locale: 'en-US' });
      try {
        await p.page.goto(`${server.url}?lang=${lang}`);
        const chart = p.page.locator('ldn-chart').first();
        await p.explain(chart.locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 30_000 }));
        const slider = p.page.locator('ldn-dose-slider');
        const marks = await slider.locator('.mark').allTextContents();
        expect(marks).toEqual(['0.5', '4.5', '50', '100'].map((m) => m.replace('.', dec)));
        expect(await slider.locator('output').textContent()).toBe(`4${dec}5 mg`);
        expect(await slider.locator('input[type="range"]').getAttribute('aria-valuetext')).toBe(`4${dec}5 mg`);
        // The exact-dose field is a number input: its value stays machine-readable.
        expect(await slider.locator('input[type="number"]').inputValue()).toBe('4.5');
        // The rebound chart (× baseline, near 1) has decimal ticks.
        await p.page.locator('ldn-chart').last().locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 30_000 });
        const ticks = await p.page.locator('ldn-chart g.tick text').allTextContents();
        const decimals = ticks.filter((t) => /\d[.,]\d/.test(t));
        expect(decimals.length, `decimal ticks among ${ticks.join(' | ')}`).toBeGreaterThan(0);
        expect(decimals.every((t) => t.includes(dec) && !t.includes(other)), ticks.join(' | ')).toBe(true);
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    }
  });
});
