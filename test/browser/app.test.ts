import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { FAVICON_404, openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';
import { waitForAppCurves as waitForCurves } from './helpers/dom';

// The built teaching app (dist/) as a student gets it: served over HTTP under a sub-path, with a strict CSP,
// driven by keyboard and mouse in real Chromium.
const CSP = STRICT_CSP;

/** The `d` of the first curve of the first chart (inside the Lit shadow roots). */
async function firstCurve(page: Page): Promise<string> {
  return (await page.locator('ldn-chart').first().locator('path[data-key]').last().getAttribute('d')) ?? '';
}

/** Resolves with the next `ldn-frame` (a result drawn) after `action` runs. */
async function nextFrame(page: Page, action: () => Promise<void>): Promise<{ seq: number; latencyMs: number | null; points: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __frame?: Promise<unknown> };
    w.__frame = new Promise((resolve) => document.querySelector('ldn-app')!.addEventListener('ldn-frame', (e) => resolve((e as CustomEvent).detail), { once: true }));
  });
  await action();
  return page.evaluate(() => (window as unknown as { __frame: Promise<{ seq: number; latencyMs: number | null; points: number }> }).__frame);
}

describe('the teaching app (dist/) in Chromium', () => {
  const ctx = servedDist({ basePath: '/course/ldn/', headers: { 'Content-Security-Policy': CSP } });

  it('reports each redraw\'s latency in parts, with the frame tick on the display\'s 60 Hz grid (what the frame-time bench relies on)', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(ctx.server.url);
      await waitForCurves(p.page);
      await p.page.getByRole('slider', { name: /Dose/ }).focus();
      type Detail = { latencyMs: number; workerMs: number; renderMs: number; frameWaitMs: number; tickWaitMs: number; tickAtMs: number; paintMs: number };
      const frames: Detail[] = [];
      for (let i = 0; i < 8; i++) {
        frames.push(await nextFrame(p.page, () => p.page.keyboard.press(i < 4 ? 'ArrowLeft' : 'ArrowRight')) as unknown as Detail);
        await p.page.waitForTimeout(i * 9); // inputs at varied moments between ticks
      }
      // headless Chromium ticks at 60 Hz: 16.666 ms apart (its interval is whole microseconds)
      const intervalMs = 16.666;
      for (const f of frames) {
        for (const part of [f.workerMs, f.renderMs, f.frameWaitMs, f.tickWaitMs, f.paintMs]) expect(part).toBeGreaterThanOrEqual(0);
        // the parts follow one another within the latency (timer resolution 0.1 ms each)
        expect(f.workerMs + f.renderMs + f.frameWaitMs + f.paintMs).toBeLessThanOrEqual(f.latencyMs + 0.5);
        expect(f.tickWaitMs).toBeLessThanOrEqual(f.frameWaitMs);
        // the frame's timestamp is a tick: a whole number of intervals after the first frame's
        const k = (f.tickAtMs - frames[0]!.tickAtMs) / intervalMs;
        expect(Math.abs(k - Math.round(k)) * intervalMs).toBeLessThan(0.5);
      }
      expect(new Set(frames.map((f) => f.tickAtMs)).size).toBe(frames.length);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('moving the dose slider by keyboard redraws the curves and puts the dose in the URL, with no console errors', async () => {
    const p = await openPage(ctx.browser);
    const origins = new Set<string>();
    p.page.on('request', (r) => origins.add(new URL(r.url()).origin));
    try {
      await p.page.goto(ctx.server.url);
      await waitForCurves(p.page);
      const before = await firstCurve(p.page);
      const slider = p.page.getByRole('slider', { name: /Dose/ });
      await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('4.5 mg');
      await slider.focus();
      const frame = await nextFrame(p.page, () => p.page.keyboard.press('ArrowRight'));
      expect(frame.latencyMs).not.toBeNull();
      await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('4.75 mg');
      await p.page.waitForTimeout(400); // let the transition finish
      expect(await firstCurve(p.page)).not.toBe(before);
      await p.page.waitForFunction(() => location.hash.includes('dose=4.75'));
      // Many presses in a row (a held key): the last one wins.
      for (let i = 0; i < 6; i++) await p.page.keyboard.press('ArrowRight'); // 5, 6, 7, 8, 9, 10 mg
      await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('10 mg');
      await p.page.waitForFunction(() => location.hash.includes('dose=10&'));
      const summaries = await p.page.locator('ldn-chart .summary').allTextContents();
      expect(summaries.join(' ')).toMatch(/Peak .* at \d\d:\d\d \(day \d\)/);
      expect([...origins]).toEqual([ctx.server.origin]); // nothing from any other origin
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('Download CSV gives RFC 4180 text with time_h, clock_h and every result column, one row per grid point', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      await waitForCurves(p.page);
      const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text.includes('\r\n')).toBe(true);
      const rows = parseCsv(text);
      const header = rows[0]!;
      expect(header.slice(0, 2)).toEqual(['time_h', 'clock_h']);
      expect(header.length).toBeGreaterThan(2);
      const points = Number(await p.page.locator('ldn-chart').first().locator('svg.chart').getAttribute('data-points'));
      expect(rows.length - 1).toBe(points);
      expect(rows.slice(1).every((r) => r.length === header.length && r.every((f) => /^-?\d+(\.\d+)?(e[-+]\d+)?$/.test(f)))).toBe(true);
      expect(Number(rows[1]![1])).toBe(22); // clock_h at the first dose
      expect(Number(rows[rows.length - 1]![0])).toBe(24);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a shared link reopens the same scenario: dose, clock time, days, pinned scenario and the same numbers', async () => {
    const a = await openPage(ctx.browser, { acceptDownloads: true });
    const b = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      await a.page.goto(ctx.server.url);
      await waitForCurves(a.page);
      await a.page.getByRole('button', { name: 'Pin this scenario' }).click();
      await a.page.getByRole('button', { name: 'Morning 08:00' }).click();
      await a.page.getByRole('button', { name: '7 days' }).click();
      const dose = a.page.getByRole('slider', { name: /Dose/ });
      await dose.focus();
      await nextFrame(a.page, () => a.page.keyboard.press('End'));
      await a.page.waitForFunction(() => location.hash.includes('dose=150') && location.hash.includes('pin.dose=4.5'));
      const url = a.page.url();
      expect(url).toMatch(/at=08%3A00|at=08:00/);

      await b.page.goto(url);
      await waitForCurves(b.page);
      await expect(b.page.getByRole('slider', { name: /Dose/ }).getAttribute('aria-valuetext')).resolves.toBe('150 mg');
      await expect(b.page.locator('ldn-clock-input input[type=time]').inputValue()).resolves.toBe('08:00');
      await expect(b.page.locator('#days').inputValue()).resolves.toBe('7');
      await expect(b.page.locator('.pinned-note').textContent()).resolves.toBe('Pinned (hollow lines): 4.5 mg daily at 22:00, 3 days');
      await b.page.waitForFunction(() => !!document.querySelector('ldn-app')?.shadowRoot?.querySelector('ldn-chart')?.shadowRoot?.querySelector('path[data-key^="pin:"]'));
      const csv = async (page: Page) => {
        const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
        return readFileSync((await d.path())!, 'utf8');
      };
      expect(await csv(b.page)).toBe(await csv(a.page));
      expect(a.errors()).toEqual([]);
      expect(b.errors()).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('play moves the time cursor and the receptor caption; pause stops it', async () => {
    const p = await openPage(ctx.browser);
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=1&t=0`);
      await waitForCurves(p.page);
      const cursor = p.page.getByRole('slider', { name: 'Time cursor' });
      expect(Number(await cursor.inputValue())).toBe(0);
      const play = p.page.getByRole('button', { name: /Play/ });
      await play.focus();
      await p.page.keyboard.press('Enter');
      await p.page.waitForTimeout(1200);
      await p.page.getByRole('button', { name: /Pause/ }).click();
      const t = Number(await cursor.inputValue());
      expect(t).toBeGreaterThan(1);
      await p.page.waitForTimeout(300);
      expect(Number(await cursor.inputValue())).toBe(t);
      await expect(p.page.locator('.caption').textContent()).resolves.toMatch(/\w+: /);
      await p.page.waitForFunction(() => /[?#&]t=[1-9]/.test(location.hash));
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('fits a 360 px phone without sideways scrolling, and exports the chart as SVG and PNG', async () => {
    const p = await openPage(ctx.browser, { viewport: { width: 360, height: 740 }, acceptDownloads: true, reducedMotion: 'reduce' });
    try {
      await p.page.goto(ctx.server.url);
      await waitForCurves(p.page);
      expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const [svg] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('button', { name: 'Chart as SVG' }).click()]);
      const svgText = readFileSync((await svg.path())!, 'utf8');
      expect(svgText).toMatch(/^<\?xml/);
      expect(svgText).toContain('<path');
      const [png] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('button', { name: 'Chart as PNG' }).click()]);
      const bytes = readFileSync((await png.path())!);
      expect([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
  it('a crashing worker shows a clear message on the page, and the next change recovers', async () => {
    const p = await openPage(ctx.browser, { ignore: [FAVICON_404, /simulated worker crash/] });
    try {
      // Serve the real worker (one self-contained chunk) behind a first listener that kills it on a 150 mg request,
      // before comlink's own listener can answer.
      await p.context.route(/sim\.worker-[^/]*\.js$/, async (route) => {
        try {
          const response = await route.fetch();
          const body = `self.addEventListener('message', (e) => { if (JSON.stringify(e.data).includes('"amtMg":150')) { e.stopImmediatePropagation(); throw new Error('simulated worker crash'); } });\n${await response.text()}`;
          await route.fulfill({ response, body });
        } catch (err) {
          // A worker the pool starts while the test closes its page: the response is disposed with the context.
          if (!/disposed|closed/i.test(String(err))) throw err;
        }
      });
      await p.page.goto(ctx.server.url);
      await waitForCurves(p.page);
      const slider = p.page.getByRole('slider', { name: /Dose/ });
      await slider.focus();
      await p.page.keyboard.press('End'); // 150 mg
      const alert = p.page.locator('ldn-app .error[role=alert]');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toMatch(/simulation worker stopped unexpectedly.*Change any input to try again/s);
      const frame = await nextFrame(p.page, () => p.page.keyboard.press('ArrowLeft')); // 125 mg, on a fresh worker
      expect(frame.points).toBeGreaterThan(10);
      await alert.waitFor({ state: 'detached', timeout: 10_000 });
      expect(p.pageErrors.filter((e) => !/simulated worker crash/.test(e))).toEqual([]);
      expect(p.consoleErrors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('keeps working offline once loaded: the slider still redraws with the network gone', async () => {
    const p = await openPage(ctx.browser);
    try {
      await p.page.goto(ctx.server.url);
      await waitForCurves(p.page);
      // Loaded: the first curve is the build's pre-rendered run; the worker, the live run and the later tabs follow it.
      await p.page.waitForFunction(() => !!customElements.get('ldn-model-page'), undefined, { timeout: 30_000 });
      await p.context.setOffline(true);
      const before = await firstCurve(p.page);
      const slider = p.page.getByRole('slider', { name: /Dose/ });
      await slider.focus();
      await nextFrame(p.page, () => p.page.keyboard.press('ArrowLeft'));
      await p.page.waitForTimeout(400);
      expect(await firstCurve(p.page)).not.toBe(before);
      await p.page.getByRole('tab', { name: 'Model' }).click();
      await expect(p.page.locator('ldn-model-page h2').textContent()).resolves.toMatch(/The model/);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.context.setOffline(false);
      await p.close();
    }
  });
  it('a new dose rewrites the curves and the dose markers\' labels, and leaves the axes, grid and night bands untouched', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=3`);
      await waitForCurves(p.page);
      // The blockade chart has a fixed y axis (0–100%), so nothing but the curves and the marker labels may change.
      await p.page.evaluate(() => {
        const chart = [...document.querySelector('ldn-app')!.shadowRoot!.querySelectorAll('ldn-chart')].find((c) => c.config?.id === 'blockade')!;
        const svg = chart.shadowRoot!.querySelector('svg.chart')!;
        const w = window as unknown as { __mutated: string[]; __observer: MutationObserver };
        w.__mutated = [];
        w.__observer = new MutationObserver((records) => {
          for (const r of records) {
            const el = (r.target.nodeType === 1 ? r.target : r.target.parentNode) as Element;
            const part = el.closest('g.plot > g')?.getAttribute('class') ?? el.tagName;
            w.__mutated.push(`${part}:${r.type === 'attributes' ? r.attributeName : r.type}`);
          }
        });
        w.__observer.observe(svg, { attributes: true, childList: true, characterData: true, subtree: true });
      });
      const slider = p.page.getByRole('slider', { name: /Dose/ });
      await slider.focus();
      await nextFrame(p.page, () => p.page.keyboard.press('ArrowRight'));
      const mutated = await p.page.evaluate(() => {
        const w = window as unknown as { __mutated: string[]; __observer: MutationObserver };
        w.__observer.disconnect();
        return [...new Set(w.__mutated)].sort();
      });
      expect(mutated).toContain('series:d');
      // The chart's cursor is a slider (issue #17): its value text names the values at the cursor, so it changes too.
      expect(mutated.filter((m) => !/^(series:d|markers:|cursor:c?y|svg:aria-valuetext)/.test(m))).toEqual([]);
      const labels = await p.page.locator('ldn-chart').nth(1).locator('g.markers title').allTextContents();
      expect(labels).toHaveLength(3);
      expect(labels.every((l) => l.includes('4.75 mg'))).toBe(true);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a dose step redraws the charts in view in its frame; a chart below the fold catches up once the slider rests, and export draws it at once', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce', viewport: { width: 1440, height: 900 } });
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      await waitForCurves(p.page);
      await p.page.getByRole('slider', { name: /Dose/ }).focus();
      await p.page.waitForFunction(() => [...document.querySelector('ldn-app')!.shadowRoot!.querySelectorAll('ldn-chart')].every((c) => c.drawnResult === c.result));
      const step = await p.page.evaluate(async () => {
        const app = document.querySelector('ldn-app')!;
        const charts = [...app.shadowRoot!.querySelectorAll('ldn-chart')];
        const curves = () => charts.map((c) => [...c.shadowRoot!.querySelectorAll('g.series path[data-key]')].map((e) => e.getAttribute('d')).join('|'));
        const before = curves();
        const input = app.shadowRoot!.querySelector('ldn-dose-slider')!.shadowRoot!.querySelector('input[type=range]') as HTMLInputElement;
        const frame = new Promise((done) => app.addEventListener('ldn-frame', done, { once: true }));
        input.value = String(Number(input.value) + 1);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await frame;
        const inView = charts.map((c) => c.getBoundingClientRect().top < innerHeight);
        const drawnInFrame = charts.map((c) => c.drawnResult === c.result);
        const inFrame = curves();
        // Export draws what a chart held back, without waiting for the rest.
        const last = charts[charts.length - 1]!;
        const exported = [...last.snapshot()!.querySelectorAll('g.series path[data-key]')].map((e) => e.getAttribute('d')).join('|');
        const lastDrawnAfterExport = last.drawnResult === last.result;
        return { before, inView, drawnInFrame, inFrame, exported, lastDrawnAfterExport };
      });
      // At 1440×900 the first two charts are in view and the last two below the fold.
      expect(step.inView).toEqual([true, true, false, false]);
      expect(step.drawnInFrame).toEqual([true, true, false, false]);
      expect(step.inFrame.slice(0, 2)).not.toEqual(step.before.slice(0, 2));
      expect(step.inFrame[2]).toBe(step.before[2]);
      expect(step.exported).not.toBe(step.before[3]);
      expect(step.lastDrawnAfterExport).toBe(true);
      // Once the slider rests, every chart shows the new result, the same as a fresh page with that dose.
      await p.page.waitForFunction(() => [...document.querySelector('ldn-app')!.shadowRoot!.querySelectorAll('ldn-chart')].every((c) => c.drawnResult === c.result), undefined, { timeout: 5_000 });
      const settled = await p.page.evaluate(() => [...document.querySelector('ldn-app')!.shadowRoot!.querySelectorAll('ldn-chart')]
        .map((c) => [...c.shadowRoot!.querySelectorAll('g.series path[data-key]')].map((e) => e.getAttribute('d')).join('|')));
      expect(settled[3]).toBe(step.exported);
      const fresh = await openPage(ctx.browser, { reducedMotion: 'reduce', viewport: { width: 1440, height: 900 } });
      try {
        await fresh.page.goto(`${ctx.server.url}#dose=4.75&at=22:00&days=1`);
        await waitForCurves(fresh.page);
        await fresh.page.waitForFunction(() => [...document.querySelector('ldn-app')!.shadowRoot!.querySelectorAll('ldn-chart')].every((c) => c.drawnResult === c.result));
        const expected = await fresh.page.evaluate(() => [...document.querySelector('ldn-app')!.shadowRoot!.querySelectorAll('ldn-chart')]
          .map((c) => [...c.shadowRoot!.querySelectorAll('g.series path[data-key]')].map((e) => e.getAttribute('d')).join('|')));
        expect(settled).toEqual(expected);
        expect(fresh.errors()).toEqual([]);
      } finally {
        await fresh.close();
      }
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a new dose that rescales a chart moves its y axis in place: same elements and text nodes, d3-axis\'s markup, labels at their values', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}#dose=1&at=22:00&days=1`);
      await waitForCurves(p.page);
      /** The plasma chart's y axis (auto domain): the axis group's markup, and each tick's label and position. */
      const axis = () => p.page.evaluate(() => {
        const chart = [...document.querySelector('ldn-app')!.shadowRoot!.querySelectorAll('ldn-chart')].find((c) => c.config?.id === 'plasma')!;
        const g = chart.shadowRoot!.querySelector('g.y-axis')!;
        const w = window as unknown as { __texts?: Text[] };
        const ticks = [...g.querySelectorAll(':scope > g.tick')];
        const texts = ticks.map((t) => t.querySelector('text')!.firstChild as Text);
        const kept = w.__texts ? texts.filter((t) => w.__texts!.includes(t)).length : 0;
        w.__texts = texts;
        return {
          kept,
          group: ['fill', 'text-anchor', 'font-size', 'font-family'].map((a) => g.getAttribute(a)),
          domain: g.querySelector(':scope > path.domain')?.getAttribute('d') ?? '',
          firstChild: g.firstElementChild?.getAttribute('class'),
          ticks: ticks.map((t) => ({
            opacity: t.getAttribute('opacity'),
            y: Number(/^translate\(0,([-\d.e]+)\)$/.exec(t.getAttribute('transform') ?? '')?.[1]),
            line: ['stroke', 'x2'].map((a) => t.querySelector('line')!.getAttribute(a)),
            text: ['fill', 'x', 'dy'].map((a) => t.querySelector('text')!.getAttribute(a)),
            label: t.textContent ?? '',
          })),
        };
      });
      const check = (a: Awaited<ReturnType<typeof axis>>) => {
        expect(a.group).toEqual(['none', 'end', '13', null]);
        expect(a.firstChild).toBe('domain');
        expect(a.domain).toMatch(/^M-4,[\d.]+H0\.5V0\.5H-4$/);
        expect(a.ticks.length).toBeGreaterThanOrEqual(3);
        for (const t of a.ticks) {
          expect(t.opacity).toBe('1');
          expect(t.line).toEqual(['currentColor', '-4']);
          expect(t.text).toEqual(['currentColor', '-7', '0.32em']); // the theme's ink (ldn-chart sets color)
        }
        // Evenly spaced values at evenly spaced heights, the first at the bottom of the plot (y = 0 on a nice domain).
        const v = a.ticks.map((t) => Number(t.label));
        const bottom = Number(/^M-4,([\d.]+)/.exec(a.domain)![1]);
        expect(v[0]).toBe(0);
        expect(a.ticks[0]!.y).toBeCloseTo(bottom, 6);
        const pxPerUnit = (a.ticks[0]!.y - a.ticks[1]!.y) / (v[1]! - v[0]!);
        a.ticks.forEach((t, i) => expect(t.y).toBeCloseTo(bottom - v[i]! * pxPerUnit, 6));
      };
      const before = await axis();
      check(before);
      await nextFrame(p.page, async () => { await p.page.evaluate(() => { location.hash = 'dose=4.5&at=22:00&days=1'; }); });
      await p.page.waitForFunction(() => {
        const chart = [...document.querySelector('ldn-app')!.shadowRoot!.querySelectorAll('ldn-chart')].find((c) => c.config?.id === 'plasma')!;
        return chart.result?.meta && chart.drawnResult === chart.result;
      });
      const after = await axis();
      check(after);
      expect(after.ticks.map((t) => t.label)).not.toEqual(before.ticks.map((t) => t.label));
      expect(after.kept).toBe(Math.min(before.ticks.length, after.ticks.length));
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('an arrow key finds the next dose computed ahead while the slider has focus, with the numbers of a fresh run, and never another scenario\'s', async () => {
    const a = await openPage(ctx.browser, { acceptDownloads: true, reducedMotion: 'reduce' });
    const fresh = await openPage(ctx.browser, { acceptDownloads: true });
    const csv = async (page: Page) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      return readFileSync((await d.path())!, 'utf8');
    };
    const stats = (page: Page) => page.evaluate(() => {
      const pool = document.querySelector('ldn-app')!.pool!;
      return { prefetched: pool.stats.prefetched, prefetching: pool.prefetching, size: pool.size };
    });
    const settled = (page: Page) => page.waitForFunction(() => {
      const pool = document.querySelector('ldn-app')!.pool!;
      return pool.stats.prefetched > 0 && pool.prefetching === 0;
    }, undefined, { timeout: 20_000 });
    const freshCsv = async (hash: string) => {
      await fresh.page.goto(`${ctx.server.url}#${hash}`);
      await waitForCurves(fresh.page);
      return csv(fresh.page);
    };
    try {
      await a.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      await waitForCurves(a.page);
      // A one-worker pool (a one-core machine) never computes ahead: it keeps its worker for real requests.
      const ahead = (await stats(a.page)).size > 1;
      expect((await stats(a.page)).prefetched).toBe(0); // nothing is computed ahead before the slider has focus
      const slider = a.page.getByRole('slider', { name: /Dose/ });
      await slider.focus();
      if (ahead) await settled(a.page); else await a.page.waitForTimeout(300);
      const up = await nextFrame(a.page, () => a.page.keyboard.press('ArrowRight'));
      expect((up as { cached?: boolean }).cached).toBe(ahead);
      await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('4.75 mg');
      expect(await csv(a.page)).toBe(await freshCsv('dose=4.75&at=22:00&days=1'));

      // Another scenario (dosed at 08:00): results cached for 22:00 must not be shown for it.
      const clock = a.page.locator('ldn-clock-input input[type=time]');
      await nextFrame(a.page, async () => { await clock.fill('08:00'); await clock.dispatchEvent('change'); });
      await slider.focus();
      if (ahead) await settled(a.page); else await a.page.waitForTimeout(300);
      const down = await nextFrame(a.page, () => a.page.keyboard.press('ArrowLeft'));
      expect((down as { cached?: boolean }).cached).toBe(ahead); // 4.5 mg at 08:00, computed ahead
      const text = await csv(a.page);
      expect(text.split('\r\n')[1]!.split(',')[1]).toBe('8'); // clock_h of the first row: 08:00, not 22:00
      expect(text).toBe(await freshCsv('dose=4.5&at=08:00&days=1'));
      expect(a.errors()).toEqual([]);
      expect(fresh.errors()).toEqual([]);
    } finally {
      await a.close();
      await fresh.close();
    }
  });

  it('the generated parameter panel, the presets and the chart crosshair all work from the keyboard', async () => {
    const p = await openPage(ctx.browser);
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=1&t=2`);
      await waitForCurves(p.page);
      await p.page.locator('details.params > summary').focus();
      await p.page.keyboard.press('Enter');
      const row = p.page.locator('ldn-param-panel li:has(input[type=range])').first();
      const name = (await row.getAttribute('data-param'))!;
      const field = row.locator('input[type=number]');
      // The top of the slider's typical range (the row's "min – max unit" line; the box itself takes any valid value).
      const max = Number((await row.locator('.range').first().textContent())!.split('–')[1]!.trim().split(' ')[0]);
      await field.fill(String(max));
      const frame = await nextFrame(p.page, () => field.press('Enter'));
      expect(frame.points).toBeGreaterThan(10);
      await p.page.waitForFunction((n) => location.hash.includes(`p.${n}=`), name);
      await expect(row.locator('.badge.changed').count()).resolves.toBe(1);
      await expect(row.locator('.badge.outside').count()).resolves.toBe(0);
      // Issue #18: three times the top of the typical range is still a valid value: it runs, and the row is marked.
      await field.fill(String(3 * max));
      await nextFrame(p.page, () => field.press('Enter'));
      await expect(row.locator('.badge.outside').count()).resolves.toBe(1);
      await expect(row.locator('.range.outside').textContent()).resolves.toMatch(/^Outside the typical range .*; still valid \(> 0\), so it runs\.$/);
      await nextFrame(p.page, () => p.page.getByRole('button', { name: 'Reset all parameters' }).click());
      await p.page.waitForFunction((n) => !location.hash.includes(`p.${n}=`), name);

      await p.page.getByRole('button', { name: 'Standard 50 mg daily' }).focus();
      await nextFrame(p.page, () => p.page.keyboard.press('Enter'));
      await expect(p.page.getByRole('slider', { name: /Dose/ }).getAttribute('aria-valuetext')).resolves.toBe('50 mg');
      await expect(p.page.getByRole('button', { name: 'Standard 50 mg daily' }).getAttribute('aria-pressed')).resolves.toBe('true');

      const chart = p.page.locator('ldn-chart svg.chart').first();
      await chart.focus();
      const cursor = p.page.getByRole('slider', { name: 'Time cursor' });
      const t0 = Number(await cursor.inputValue());
      await p.page.keyboard.press('ArrowRight');
      await p.page.keyboard.press('ArrowRight');
      await expect.poll(async () => Number(await cursor.inputValue())).toBeCloseTo(t0 + 0.5, 6);
      await expect(p.page.locator('ldn-chart .tip').first().textContent()).resolves.toMatch(/\d\d:\d\d \(day \d\)/);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
