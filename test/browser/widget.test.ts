import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser';
import { withStaticImports } from './helpers/chunks';
import { serveStatic, type StaticServer } from './helpers/static-server';

// The embeddable widget as an educator uses it (issue #6): dist/embed/ copied into a course site's folder
// (/course/week3/ldn/), a plain static page (test/browser/fixtures/embed/, not served by vite) with two widgets,
// the strict Content-Security-Policy sent both as a header and in a <meta>, opened in real Chromium.
const EMBED = fileURLToPath(new URL('../../dist/embed/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/embed/', import.meta.url));
const CSP = "script-src 'self'; style-src 'self'; worker-src 'self'";
const BASE = '/course/week3/';

/** Collects `securitypolicyviolation` events from the first moment of every document (frames included). */
async function watchViolations(p: WatchedPage): Promise<void> {
  await p.context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

const violations = (page: Page | Frame) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

/** What a test reads of one widget: its completed runs and the `d` of every drawn series path. */
interface WidgetState { count: number; paths: string[]; charts: string[] }

function widgetState(page: Page, id: string): Promise<WidgetState> {
  return page.evaluate((id) => {
    const w = document.getElementById(id) as HTMLElement & { resultCount: number };
    const charts = Array.from(w.shadowRoot?.querySelectorAll('ldn-chart') ?? []);
    const paths = charts.flatMap((c) => Array.from(c.shadowRoot?.querySelectorAll('g.series path') ?? []).map((p) => p.getAttribute('d') ?? ''));
    return { count: w.resultCount, paths, charts: charts.map((c) => c.getAttribute('data-chart') ?? '') };
  }, id);
}

async function waitDrawn(page: Page, id: string, minCount = 1): Promise<WidgetState> {
  await page.waitForFunction(({ id, minCount }) => {
    const w = document.getElementById(id) as (HTMLElement & { resultCount?: number }) | null;
    if (!w || (w.resultCount ?? 0) < minCount) return false;
    const charts = Array.from(w.shadowRoot?.querySelectorAll('ldn-chart') ?? []);
    return charts.length > 0 && charts.every((c) => Array.from(c.shadowRoot?.querySelectorAll('g.series path') ?? [])
      .some((p) => (p as SVGPathElement).getTotalLength() > 0));
  }, { id, minCount }, { timeout: 15_000, polling: 100 });
  return widgetState(page, id);
}

describe('<ldn-sim-widget> on a static course page under a strict CSP', () => {
  let browser: Browser;
  let server: StaticServer;
  let site: string;

  beforeAll(async () => {
    if (!existsSync(join(EMBED, 'ldn-sim.js'))) throw new Error(`${EMBED}ldn-sim.js is missing: run \`npm run build\` (npm test does it first)`);
    site = mkdtempSync(join(tmpdir(), 'ldn-sim-course-'));
    cpSync(FIXTURES, site, { recursive: true });
    cpSync(EMBED, join(site, 'ldn'), { recursive: true });
    server = await serveStatic(site, { basePath: BASE, headers: { 'Content-Security-Policy': CSP } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('both widgets draw from the sub-path, share one worker pool, and the page logs no errors or CSP violations', async () => {
    const p = await openPage(browser);
    await watchViolations(p);
    const workers: string[] = [];
    p.page.on('worker', (w) => workers.push(w.url()));
    try {
      const res = await p.page.goto(server.url, { waitUntil: 'load' });
      expect(res?.headers()['content-security-policy']).toBe(CSP);
      const first = await waitDrawn(p.page, 'first');
      const second = await waitDrawn(p.page, 'second');
      expect(first.paths.length).toBeGreaterThan(0);
      // compare="50": the blockade chart has the pinned (dashed) run as well as the current one.
      expect(second.paths.length).toBeGreaterThanOrEqual(2);
      expect(server.log.filter((l) => l.includes('/ldn/')).every((l) => l.startsWith('200 '))).toBe(true);
      expect(server.log.some((l) => /^200 \/course\/week3\/ldn\/sim\.worker-[\w-]+\.js$/.test(l))).toBe(true);
      expect(workers.length).toBeGreaterThan(0);
      expect(workers.length).toBeLessThanOrEqual(2);
      expect(workers.every((u) => u.startsWith(`${server.url}ldn/`))).toBe(true);
      expect(await violations(p.page)).toEqual([]);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it("changing one widget's attribute re-simulates and redraws that widget only", async () => {
    // Reduced motion: a new result is drawn at once, not tweened, so the paths can be compared right after a run.
    const p = await openPage(browser, { reducedMotion: 'reduce' });
    await watchViolations(p);
    try {
      await p.page.goto(server.url, { waitUntil: 'load' });
      const a0 = await waitDrawn(p.page, 'first');
      const b0 = await waitDrawn(p.page, 'second');
      await p.page.evaluate(() => document.getElementById('first')!.setAttribute('dose', '50'));
      const a1 = await waitDrawn(p.page, 'first', a0.count + 1);
      expect(a1.count).toBe(a0.count + 1);
      expect(a1.paths).not.toEqual(a0.paths);
      // Give a stray redraw of the other widget time to happen before checking it did not.
      await p.page.waitForTimeout(400);
      const b1 = await widgetState(p.page, 'second');
      expect(b1).toEqual(b0);
      // A view change redraws without a new simulation.
      await p.page.evaluate(() => document.getElementById('second')!.setAttribute('view', 'all'));
      await p.page.waitForFunction(() => (document.getElementById('second')!.shadowRoot!.querySelectorAll('ldn-chart').length) > 1);
      expect((await widgetState(p.page, 'second')).count).toBe(b0.count);
      expect(await violations(p.page)).toEqual([]);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('an unknown model or a bad value is reported in the widget, naming the attribute, and a fix recovers', async () => {
    const p = await openPage(browser);
    try {
      await p.page.goto(server.url, { waitUntil: 'load' });
      const a0 = await waitDrawn(p.page, 'first');
      const errorText = () => p.page.evaluate(() => Array.from(document.getElementById('first')!.shadowRoot!.querySelectorAll('[part=error]'))
        .map((e) => e.textContent ?? '').join(' | '));
      await p.page.evaluate(() => document.getElementById('first')!.setAttribute('model', 'no-such-model'));
      await expect.poll(errorText, { timeout: 10_000 }).toMatch(/no-such-model.*available: .*one-compartment/);
      await p.page.evaluate(() => {
        const w = document.getElementById('first')!;
        w.removeAttribute('model');
        w.setAttribute('time', '25:00');
      });
      await waitDrawn(p.page, 'first', a0.count + 1);
      expect(await errorText()).toMatch(/^Check the widget’s attributes: time: expected HH:MM .*; using 22:00[;.]/);
      expect(await errorText()).not.toMatch(/no-such-model/);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('tells the host page about student changes (ldn-sim-change) and results (ldn-sim-result)', async () => {
    const p = await openPage(browser);
    try {
      await p.page.goto(server.url, { waitUntil: 'load' });
      const a0 = await waitDrawn(p.page, 'first');
      await p.page.evaluate(() => {
        const w = window as unknown as { __events: { type: string; detail: unknown }[] };
        w.__events = [];
        for (const type of ['ldn-sim-change', 'ldn-sim-result', 'ldn-dose-change']) {
          document.addEventListener(type, (e) => { if ((e.target as Element).id === 'first') w.__events.push({ type, detail: (e as CustomEvent).detail }); });
        }
      });
      // Keyboard only: focus the dose slider and step it up once (4.5 → 4.75 mg).
      await p.page.locator('#first ldn-dose-slider input[type=range]').focus();
      await p.page.keyboard.press('ArrowRight');
      await waitDrawn(p.page, 'first', a0.count + 1);
      await p.page.waitForFunction(() => (window as unknown as { __events: { type: string }[] }).__events.some((e) => e.type === 'ldn-sim-result'));
      const events = await p.page.evaluate(() => (window as unknown as { __events: { type: string; detail: Record<string, unknown> }[] }).__events);
      const types = events.map((e) => e.type);
      expect(types).toContain('ldn-sim-change');
      expect(types).not.toContain('ldn-dose-change'); // internal events stay inside the widget
      const change = events.find((e) => e.type === 'ldn-sim-change')!.detail;
      expect(change).toMatchObject({ dose: 4.75, time: '22:00', days: 2, compare: null });
      const result = events.find((e) => e.type === 'ldn-sim-result')!.detail as {
        scenario: { dose: number }; model: string; metrics: { name: string; peak: number; peakAt: string }[]; summaries: { text: string }[];
      };
      expect(result.scenario.dose).toBe(4.75);
      expect(result.metrics.length).toBeGreaterThan(0);
      expect(result.metrics.every((m) => Number.isFinite(m.peak) && /^\d\d:\d\d \(day \d+\)$/.test(m.peakAt))).toBe(true);
      expect(result.summaries.length).toBeGreaterThan(0);
      expect(result.summaries[0]!.text).toMatch(/\d/);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it("a hostile host stylesheet does not reach inside, and the widget's styles do not leak out", async () => {
    const p = await openPage(browser);
    await watchViolations(p);
    try {
      await p.page.goto(server.url, { waitUntil: 'load' });
      await waitDrawn(p.page, 'first');
      const probe = () => p.page.evaluate(() => {
        const cs = (el: Element | null | undefined) => (el ? getComputedStyle(el) : null);
        const w = document.getElementById('first')!.shadowRoot!;
        const chart = w.querySelector('ldn-chart')!.shadowRoot!;
        const summary = cs(w.querySelector('.summary'));
        const path = cs(chart.querySelector('g.series path'));
        const svg = cs(chart.querySelector('svg.chart'));
        const slider = w.querySelector('ldn-dose-slider')!.shadowRoot!;
        const pageP = cs(document.getElementById('probe-text'));
        const pageButton = cs(document.getElementById('probe-button'));
        return {
          summaryColor: summary?.color, summarySize: summary?.fontSize, summarySpacing: summary?.letterSpacing,
          pathStroke: path?.stroke, svgDisplay: svg?.display,
          sliderInputBg: cs(slider.querySelector('input[type=number]'))?.backgroundColor,
          pageTextWeight: pageP?.fontWeight, pageTextSize: pageP?.fontSize, pageButtonBg: pageButton?.backgroundColor,
        };
      });
      const before = await probe();
      // Leak out: the page's own .summary/.note paragraph and button keep the course stylesheet's look.
      expect(before.pageTextWeight).toBe('400');
      expect(before.pageTextSize).toBe('18px');
      expect(before.pageButtonBg).toBe('rgb(91, 35, 51)');
      await p.page.evaluate(() => new Promise<void>((ok, fail) => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = './hostile.css';
        link.onload = () => ok();
        link.onerror = () => fail(new Error('hostile.css did not load'));
        document.head.append(link);
      }));
      const after = await probe();
      expect(after.pageButtonBg).toBe('rgb(255, 105, 180)'); // the hostile sheet is active on the page…
      // …but nothing inside the widget changed: colour, size, spacing, SVG strokes, display, control backgrounds.
      expect(after.summaryColor).toBe(before.summaryColor);
      expect(after.summaryColor).not.toBe('rgb(255, 0, 0)');
      expect(after.summarySize).toBe(before.summarySize);
      expect(after.summarySpacing).toBe(before.summarySpacing);
      expect(after.pathStroke).toBe(before.pathStroke);
      expect(after.pathStroke).not.toBe('rgb(0, 255, 0)');
      expect(after.svgDisplay).toBe('block');
      expect(after.sliderInputBg).toBe(before.sliderInputBg);
      expect(await violations(p.page)).toEqual([]);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('is themed through custom properties and ::part from a stylesheet of the host page', async () => {
    const p = await openPage(browser);
    try {
      await p.page.goto(server.url, { waitUntil: 'load' });
      await waitDrawn(p.page, 'first');
      await p.page.evaluate(() => new Promise<void>((ok) => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        // A data: stylesheet is not 'self'; build the theme from a same-origin file instead.
        link.href = './theme.css';
        link.onload = () => ok();
        document.head.append(link);
      }));
      const s = await p.page.evaluate(() => {
        const w = document.getElementById('first')!.shadowRoot!;
        return {
          bg: getComputedStyle(w.querySelector('.root')!).backgroundColor,
          font: getComputedStyle(w.querySelector('.root')!).fontFamily,
          noteColor: getComputedStyle(w.querySelector('[part=note]')!).color,
        };
      });
      expect(s.bg).toBe('rgb(255, 250, 240)');
      expect(s.font).toContain('Georgia');
      expect(s.noteColor).toBe('rgb(91, 35, 51)');
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('is readable at 360 px wide: nothing overflows sideways', async () => {
    const p = await openPage(browser, { viewport: { width: 360, height: 800 } });
    try {
      await p.page.goto(server.url, { waitUntil: 'load' });
      await waitDrawn(p.page, 'first');
      await waitDrawn(p.page, 'second');
      const overflow = await p.page.evaluate(() => ['first', 'second'].map((id) => {
        const w = document.getElementById(id)!;
        const root = w.shadowRoot!.querySelector('.root')!;
        return { id, host: w.getBoundingClientRect().width, root: root.scrollWidth, doc: document.documentElement.scrollWidth };
      }));
      for (const o of overflow) {
        expect(o.root, o.id).toBeLessThanOrEqual(Math.ceil(o.host));
        expect(o.doc, o.id).toBeLessThanOrEqual(360);
      }
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('autoplay sweeps the time cursor, but not for a reader who prefers reduced motion', async () => {
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const p = await openPage(browser, { reducedMotion });
      try {
        await p.page.goto(server.url, { waitUntil: 'load' });
        await waitDrawn(p.page, 'first');
        await p.page.evaluate(() => {
          const w = document.getElementById('first')!;
          w.setAttribute('view', 'all');
          w.setAttribute('autoplay', '');
          w.setAttribute('days', '1'); // a new run, after which autoplay starts
        });
        await waitDrawn(p.page, 'first', 2);
        await p.page.waitForTimeout(600);
        const pressed = await p.page.locator('#first [part=play-button]').getAttribute('aria-pressed');
        expect(pressed, reducedMotion).toBe(reducedMotion === 'reduce' ? 'false' : 'true');
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    }
  });

  it('the <iframe> alternative works in a page that allows no scripts', async () => {
    const p = await openPage(browser);
    await watchViolations(p);
    try {
      await p.page.goto(`${server.url}lesson.html`, { waitUntil: 'load' });
      const frame = p.page.frameLocator('#sim');
      await frame.locator('ldn-sim-widget ldn-chart svg.chart g.series path').first().waitFor({ timeout: 15_000 });
      const attrs = await frame.locator('ldn-sim-widget').evaluate((w) => ({ dose: w.getAttribute('dose'), time: w.getAttribute('time'), view: w.getAttribute('view') }));
      expect(attrs).toEqual({ dose: '3', time: '08:00', view: 'blockade' });
      const inner = p.page.frames().find((f) => f.url().includes('frame.html'))!;
      expect(await violations(inner)).toEqual([]);
      expect(await violations(p.page)).toEqual([]);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('the initial load is under 80 kB gzip and does not include mathjs', () => {
    const { files, gzip } = withStaticImports(EMBED, 'ldn-sim.js');
    expect(files[0]).toBe('ldn-sim.js');
    expect(gzip).toBeLessThan(80 * 1024);
    const code = files.map((f) => readFileSync(join(EMBED, f), 'utf8')).join('\n');
    expect(code).not.toMatch(/mathjs|typed-function|new Function|\beval\(/);
    expect(code).toMatch(/new URL\(`sim\.worker-[\w-]+\.js`,import\.meta\.url\)/);
  });
});
