import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';
import { serveStatic, type StaticServer } from './helpers/static-server';

// Guided lessons (issue #15) as a student meets them: the app's Lessons tab in English and in Spanish, and a
// lesson widget on a static course page under the strict CSP, served from a sub-path. Everything by keyboard:
// focus, Space to choose, typing, Enter to press.
const EMBED = fileURLToPath(new URL('../../dist/embed/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/lessons/', import.meta.url));
const APP_CSP = STRICT_CSP;
const WIDGET_CSP = "script-src 'self'; style-src 'self'; worker-src 'self'";

interface Words { check: string; observe: string; next: string; finish: string; finished: string; stepOf: (k: number, n: number) => string }
const EN: Words = { check: 'Check my prediction', observe: 'What the model shows', next: 'Next step', finish: 'Finish the lesson', finished: 'Lesson completed', stepOf: (k, n) => `Step ${k} of ${n}` };
const ES: Words = { check: 'Comprobar mi predicción', observe: 'Lo que muestra el modelo', next: 'Paso siguiente', finish: 'Terminar la lección', finished: 'Lección completada', stepOf: (k, n) => `Paso ${k} de ${n}` };

/** The element that has focus, through shadow roots: its tag and text. */
function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return `${a?.tagName.toLowerCase()} ${a?.textContent?.trim() ?? ''}`;
  });
}

async function press(page: Page, target: Locator, key = 'Enter'): Promise<void> {
  await target.focus();
  await page.keyboard.press(key);
}

/** Plays every step of the lesson in `player` by keyboard; returns the explanation texts. */
async function walk(page: Page, player: Locator, steps: number, w: Words): Promise<string[]> {
  const explained: string[] = [];
  for (let k = 1; k <= steps; k++) {
    await player.getByText(w.stepOf(k, steps)).waitFor({ timeout: 30_000 });
    const number = player.locator('input[type="number"]');
    const radios = player.locator('input[type="radio"]');
    const asks = (await number.count()) + (await radios.count()) > 0;
    if (await number.count()) {
      await number.focus();
      await page.keyboard.type('5');
    } else if (await radios.count()) {
      await press(page, radios.first(), 'Space');
      expect(await radios.first().isChecked()).toBe(true);
    }
    if (asks) {
      await press(page, player.getByRole('button', { name: w.check }));
      await expect.poll(() => deepFocus(page), { timeout: 30_000 }).toBe(`h3 ${w.observe}`);
    }
    const section = player.locator('section[aria-labelledby="observe"]');
    await section.waitFor({ timeout: 30_000 });
    const text = await section.locator(':scope > p').innerText();
    expect(text, `step ${k}: every placeholder filled`).not.toMatch(/[{}]|NaN|undefined/);
    explained.push(text);
    await player.locator('ldn-chart').first().locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 30_000 });
    await press(page, player.getByRole('button', { name: k === steps ? w.finish : w.next }));
  }
  await player.getByText(w.finished).waitFor();
  return explained;
}

describe('guided lessons in the app (dist/)', () => {
  const ctx = servedDist({ basePath: '/course/ldn/', headers: { 'Content-Security-Policy': APP_CSP } });

  it('English: the Lessons tab by arrow key, lesson 1 end to end by keyboard, progress kept over a reload, then restarted; no console errors', async () => {
    const p = await openPage(ctx.browser, { locale: 'en-GB', reducedMotion: 'reduce' });
    try {
      await p.page.goto(ctx.server.url);
      await press(p.page, p.page.getByRole('tab', { name: 'Simulator' }), 'ArrowRight');
      expect(await p.page.getByRole('tab', { name: 'Lessons' }).getAttribute('aria-selected')).toBe('true');
      await press(p.page, p.page.getByRole('button', { name: 'Start: What happens to a dose' }));
      const player = p.page.locator('ldn-lesson-player');
      const texts = await p.explain(walk(p.page, player, 4, EN));
      expect(texts[0]).toMatch(/^Plasma naltrexone peaks at \d+(\.\d+)? ng\/mL about \d+(\.\d+)? h after the dose, at \d\d:\d\d\./);
      const stored = await p.page.evaluate(() => JSON.parse(localStorage.getItem('ldn-sim.lessons.v1') ?? '{}'));
      expect(stored['dose-journey']).toMatchObject({ step: 3, done: true });
      await p.page.reload();
      await press(p.page, p.page.getByRole('tab', { name: 'Simulator' }), 'ArrowRight');
      const card = p.page.locator('li[data-lesson="dose-journey"]');
      await card.getByText('Completed').waitFor();
      await press(p.page, card.getByRole('button', { name: 'Restart the lesson “What happens to a dose”' }));
      await player.getByText(EN.stepOf(1, 4)).waitFor();
      expect(await player.locator('input[type="number"]').inputValue()).toBe('');
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('Spanish (?lang=es): the app, the lesson and its numbers in Spanish, a lesson end to end by keyboard; a 360 px phone; no console errors', async () => {
    const p = await openPage(ctx.browser, { locale: 'en-US', viewport: { width: 360, height: 740 }, reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}?lang=es`);
      expect(await p.page.evaluate(() => document.documentElement.lang)).toBe('es');
      await press(p.page, p.page.getByRole('tab', { name: 'Simulador' }), 'ArrowRight');
      await press(p.page, p.page.getByRole('button', { name: 'Empezar: Al acostarse o por la mañana' }));
      const player = p.page.locator('ldn-lesson-player');
      const texts = await p.explain(walk(p.page, player, 3, ES));
      expect(texts[0]).toMatch(/^El bloqueo alcanza su máximo a las \d\d:\d\d, en plena noche/);
      expect(texts[1]).toMatch(/\d+ %/); // Intl's Spanish percentages: "39 %"
      const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'no horizontal scrolling at 360 px').toBeLessThanOrEqual(0);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});

describe('printable worksheets (dist/worksheet.html), generated from the lesson data', () => {
  const ctx = servedDist({ basePath: '/course/ldn/', headers: { 'Content-Security-Policy': APP_CSP } });

  it('the Spanish answer key of lesson "liver" has every step with computed numbers; printed, the toolbar is hidden, nothing overflows a 180 mm column and it prints to A4 and Letter PDFs', async () => {
    const p = await openPage(ctx.browser, { locale: 'en-US' });
    try {
      await p.page.goto(`${ctx.server.url}worksheet.html?lesson=liver&lang=es&key=1`);
      await p.page.locator('section.step').nth(2).waitFor({ timeout: 30_000 });
      expect(await p.page.locator('h1').innerText()).toBe('Ficha: Enfermedad hepática');
      const key = await p.page.locator('.key').allInnerTexts();
      expect(key).toHaveLength(3);
      expect(key[1]).toMatch(/Respuesta del modelo: \d+(,\d+)?×/);
      for (const k of key) expect(k).not.toMatch(/[{}]|NaN|undefined/);
      await p.page.emulateMedia({ media: 'print' });
      expect(await p.page.locator('.toolbar').isVisible()).toBe(false);
      await p.page.setViewportSize({ width: 680, height: 900 }); // 180 mm at 96 px/inch: A4 or Letter less 15 mm margins
      expect(await p.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = await p.page.pdf({ format, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      }
      await p.page.goto(`${ctx.server.url}worksheet.html?lesson=nope`);
      await p.page.getByRole('alert').getByText(/No lesson "nope"\. Lessons: dose-journey/).waitFor();
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});

describe('<ldn-sim-widget lesson="…"> on a static course page under a strict CSP', () => {
  let browser: Browser;
  let server: StaticServer;
  let site: string;

  beforeAll(async () => {
    if (!existsSync(join(EMBED, 'ldn-sim.js'))) throw new Error(`${EMBED}ldn-sim.js is missing: run \`npm run build\` (npm test does it first)`);
    site = mkdtempSync(join(tmpdir(), 'ldn-sim-lessons-'));
    cpSync(FIXTURES, site, { recursive: true });
    cpSync(EMBED, join(site, 'ldn'), { recursive: true });
    server = await serveStatic(site, { basePath: '/course/week5/', headers: { 'Content-Security-Policy': WIDGET_CSP } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('lang="es" lesson="liver" plays end to end by keyboard from the sub-path, an unknown lesson lists the valid ids, no errors or CSP violations', async () => {
    const p = await openPage(browser, { locale: 'en-US', reducedMotion: 'reduce' });
    await p.context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    try {
      const res = await p.page.goto(server.url, { waitUntil: 'load' });
      expect(res?.headers()['content-security-policy']).toBe(WIDGET_CSP);
      const player = p.page.locator('#lesson ldn-lesson-player');
      await p.explain(walk(p.page, player, 3, ES));
      await p.page.locator('#bad').getByText(/no existe la lección "no-such-lesson"; lecciones: dose-journey, receptors-blockade, ldn-hypothesis/).waitFor();
      expect(server.log.filter((l) => l.includes('/ldn/')).every((l) => l.startsWith('200 '))).toBe(true);
      expect(await p.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
