import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons/index';
import { launchBrowser, openPage } from './helpers/browser';
import { STRICT_CSP } from './helpers/dist';
import { serveStatic, type StaticServer } from './helpers/static-server';

// Issue #15: the teacher's guide is reachable from the app: the Lessons tab links to guide.html, built from
// docs/teaching.md and the lesson definitions, served offline from a sub-path under the app's strict CSP.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const APP_CSP = STRICT_CSP;

describe('the teacher\'s guide (dist/guide.html)', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(`${DIST}guide.html`)) throw new Error(`${DIST}guide.html is missing: run \`npm run build\` (npm test does it first)`);
    server = await serveStatic(DIST, { basePath: '/course/ldn/', headers: { 'Content-Security-Policy': APP_CSP } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of ['en', 'es'] as const) {
    it(`${lang}: the Lessons tab's link opens the guide; every lesson has its section with working worksheet and answer-key links; only same-origin requests; no console errors`, async () => {
      const p = await openPage(browser, { locale: 'en-US' });
      const foreign: string[] = [];
      p.page.context().on('request', (r) => { if (!r.url().startsWith(server.origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
      try {
        await p.page.goto(`${server.url}?lang=${lang}`);
        await p.page.getByRole('tab', { name: lang === 'es' ? 'Lecciones' : 'Lessons' }).click();
        const link = p.page.getByRole('link', { name: lang === 'es' ? 'Guía para docentes' : 'Teacher’s guide' });
        const [guide] = await Promise.all([p.page.context().waitForEvent('page'), link.click()]);
        const errors: string[] = [];
        guide.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        guide.on('pageerror', (e) => errors.push(String(e)));
        await guide.waitForLoadState('load');
        expect(new URL(guide.url()).pathname).toBe('/course/ldn/guide.html');
        await guide.locator('h1').waitFor();
        expect(await guide.locator('h1').innerText()).toBe('Teaching with ldn-sim: a guide for teachers');
        expect(await guide.evaluate(() => document.documentElement.lang)).toBe(lang);
        for (const l of LESSONS) {
          const meta = guide.locator(`p[data-lesson="${l.id}"]`);
          expect(await meta.innerText()).toContain(lang === 'es' ? l.title.es : l.title.en);
        }
        // The answer key of the first lesson opens from the guide, computed, in the same language.
        await guide.locator(`p[data-lesson="${LESSONS[0]!.id}"]`).getByRole('link', { name: lang === 'es' ? 'Solucionario' : 'Answer key' }).click();
        await guide.locator('section.step').first().waitFor({ timeout: 30_000 });
        expect(new URL(guide.url()).searchParams.get('lang')).toBe(lang);
        expect(errors).toEqual([]);
        expect(foreign).toEqual([]);
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    });
  }
});
