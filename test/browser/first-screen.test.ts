import { readFileSync } from 'node:fs';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';

// Issue #18, "First curve in a blink": with no scenario in its link the built app draws the default scenario's
// curves from the build's pre-rendered run before any worker exists, then starts the worker and replaces them with
// the live run. The live numbers are the truth: the pre-rendered ones must equal them to the precision stored
// (4 significant digits of each column's largest magnitude: half a unit of the 4th digit), which is what catches a
// stale or wrong pre-render.

interface Drawn { timeH: number[]; columns: { name: string; values: number[] }[]; meta: unknown }

/** The result the first chart holds (every column of the run), as plain arrays. */
function drawnResult(page: Page): Promise<Drawn | null> {
  return page.evaluate(() => {
    const chart = document.querySelector('ldn-app')?.shadowRoot?.querySelector('ldn-chart') as unknown as { result: { timeH: Float64Array; columns: { name: string; values: Float64Array }[]; meta: unknown } | null } | null;
    const r = chart?.result;
    return r ? { timeH: [...r.timeH], columns: r.columns.map((c) => ({ name: c.name, values: [...c.values] })), meta: r.meta } : null;
  });
}

/** What the page says about the curves: each chart's text summary and the receptor caption. */
function texts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const app = document.querySelector('ldn-app')!.shadowRoot!;
    const charts = [...app.querySelectorAll('ldn-chart')].map((c) => c.shadowRoot?.querySelector('.summary')?.textContent ?? '');
    return [...charts, app.querySelector('.caption')?.textContent ?? ''];
  });
}

/** Holds every request for the simulation worker's script until `release` is called; counts them. */
async function holdWorker(page: Page): Promise<{ requested: () => number; release: () => void }> {
  let n = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  await page.route(/\/sim\.worker-[\w-]+\.js$/, async (route: Route) => { n++; await gate; await route.continue(); });
  return { requested: () => n, release };
}

/** Waits until the first chart's data path is drawn (a path with a length). */
async function curveDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const path = document.querySelector('ldn-app')?.shadowRoot?.querySelector('ldn-chart')?.shadowRoot?.querySelector('g.series path') as SVGPathElement | null;
    return !!path && path.getTotalLength() > 0;
  }, undefined, { timeout: 30_000, polling: 20 });
}

/** The largest |v| of a column and the precision 4 significant digits of it keep (half a unit of the 4th digit). */
function stored(values: readonly number[]): number {
  const max = Math.max(...values.map(Math.abs));
  return max > 0 ? 0.5 * 10 ** (Math.floor(Math.log10(max)) - 3) : 0.5;
}

describe('the app draws its first screen before the worker starts (dist/)', () => {
  const ctx = servedDist({ basePath: '/course/ldn/', headers: { 'Content-Security-Policy': STRICT_CSP } });

  for (const lang of ['en', 'es']) {
    it(`no link (${lang}): the curves are drawn while the worker script is held, and the live run replaces them with the same numbers to 4 significant digits of each column's peak; the summaries and the caption read the same`, async () => {
      const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
      try {
        const worker = await holdWorker(p.page);
        await p.page.goto(`${ctx.server.url}${lang === 'es' ? '?lang=es' : ''}`);
        await curveDrawn(p.page);
        const first = await drawnResult(p.page);
        expect(first, 'a result on the first chart').not.toBeNull();
        const said = await texts(p.page);
        // The live run waits for the worker, which is still held: the charts show the pre-rendered run.
        const frame = p.page.evaluate(() => new Promise<{ seq: number; points: number }>((resolve) => {
          document.querySelector('ldn-app')!.addEventListener('ldn-frame', (e) => resolve((e as CustomEvent).detail), { once: true });
        }));
        worker.release();
        const detail = await frame;
        expect(detail.seq).toBe(1);
        expect(worker.requested()).toBeGreaterThan(0);
        const live = (await drawnResult(p.page))!;
        expect(live.meta).toEqual(first!.meta);
        // nothing visibly changes: the summaries and the caption read the same
        await p.page.waitForTimeout(100);
        expect(await texts(p.page)).toEqual(said);
        expect(said.filter((t) => t.length > 20).length).toBeGreaterThanOrEqual(4);
        expect(first!.columns.map((c) => c.name)).toEqual(live.columns.map((c) => c.name));
        expect(first!.timeH.length).toBe(live.timeH.length);
        for (const [name, pre, truth] of [['timeH', first!.timeH, live.timeH] as const, ...live.columns.map((c, i) => [c.name, first!.columns[i]!.values, c.values] as const)]) {
          const tol = stored(truth) * (1 + 1e-9);
          const worst = Math.max(...truth.map((v, i) => Math.abs(pre[i]! - v)));
          expect(worst, `${name}: largest difference from the live run (tolerance ${tol})`).toBeLessThanOrEqual(tol);
        }
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    });
  }

  it('what comes after the first curve works: the parameter panel lists the parameters with their sources, and the titration regimen shows its editor', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(ctx.server.url);
      await curveDrawn(p.page);
      await p.page.getByText('Model parameters').click();
      const panel = p.page.locator('ldn-param-panel');
      await panel.locator('input[type="number"]').first().waitFor({ state: 'attached', timeout: 30_000 });
      expect(await panel.locator('input[type="number"]').count()).toBeGreaterThan(10);
      expect(await panel.getByText(/Meyer/).count()).toBeGreaterThan(0); // a source, from the worker's full spec
      await p.page.getByRole('group', { name: 'Regimen' }).getByRole('button', { name: 'Titration' }).click();
      const editor = p.page.locator('ldn-titration-editor');
      await editor.locator('input[type="number"]').first().waitFor({ state: 'attached', timeout: 30_000 });
      expect(await editor.locator('input[type="number"]').count()).toBe(8); // 4 steps: dose and days each
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('Download CSV clicked on the pre-rendered screen waits for the live run and writes its full-precision numbers', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true, reducedMotion: 'reduce' });
    try {
      const worker = await holdWorker(p.page);
      await p.page.goto(ctx.server.url);
      await curveDrawn(p.page);
      let downloaded = false;
      const download = p.page.waitForEvent('download', { timeout: 30_000 }).then((d) => { downloaded = true; return d; });
      await p.page.getByRole('button', { name: 'Download CSV' }).click();
      await p.page.waitForTimeout(500);
      expect(downloaded, 'no file from the pre-rendered (rounded) numbers').toBe(false);
      worker.release();
      const rows = parseCsv(readFileSync((await (await download).path())!, 'utf8'));
      const live = (await drawnResult(p.page))!;
      const col = rows[0]!.indexOf('mu_blockade');
      expect(col).toBeGreaterThan(1);
      expect(rows.length - 1).toBe(live.timeH.length);
      const mu = live.columns.find((c) => c.name === 'mu_blockade')!.values;
      // the CSV's digits are the live run's, not 4 significant digits of the peak
      for (let i = 1; i < rows.length; i += 37) expect(Math.abs(Number(rows[i]![col]) - mu[i - 1]!)).toBeLessThanOrEqual(Math.abs(mu[i - 1]!) * 1e-9);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a link that names a scenario (4 mg) is computed by the worker as before: nothing is drawn until the worker has run it', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      const worker = await holdWorker(p.page);
      await p.page.goto(`${ctx.server.url}#dose=4`);
      await p.page.waitForFunction(() => true);
      await expect.poll(() => worker.requested(), { timeout: 30_000 }).toBeGreaterThan(0);
      await p.page.waitForTimeout(300);
      expect(await drawnResult(p.page)).toBeNull();
      worker.release();
      await curveDrawn(p.page);
      const live = (await drawnResult(p.page))!;
      expect((live.meta as { events: { amtMg: number }[] }).events[0]!.amtMg).toBe(4);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
