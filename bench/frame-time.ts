/**
 * Bench section `frame-time`: the time from a dose-slider input to the redrawn frame in headless Chromium, for
 * the built app (dist/). For each view (1, 3 and 28 days) the app reports (`ldn-frame`) the time from the input
 * handler to the first frame painted with the new result: the request to a worker (or the cache), the
 * simulation, the transfer back, the redraw of every chart, the wait for the next frame and the frame's own work.
 * Reduced motion is on, so the frame measured is the final one (no transition in between).
 *
 * The slider walks across its low-dose stops (0.25–5 mg) one stop at a time, as arrow keys do, and every sweep
 * starts on a scenario not seen before (the clock time moves by a minute), so no result is there from an earlier
 * sweep: a step finds its result ready only if the app computed it ahead (the neighbouring stops, while the
 * slider has focus). A second walk jumps three stops at a time, which the app never computes ahead: each of its
 * steps pays for the worker's round trip.
 *
 * Targets (issue #5): p95 under 16 ms for a 1–3 day view, under 50 ms for a 28-day view, read as a frame budget:
 * the headline figure is the time from the input to the frame painted, less the time the updated page waited for
 * the display's next frame tick. Everything the page and the browser do in between counts (worker, render, any
 * task that delays the frame, the frame's style/layout/paint/commit); only the idle wait for the tick is left out,
 * because no page can shorten it and with it a 16 ms p95 cannot be met by construction: at a random moment the
 * next tick of a 60 Hz display is 0–16.7 ms away. The tick is the frame's animation-frame timestamp
 * (`tickWaitMs` of `ldn-frame`). Chromium begins a frame at once for a tick its compositor has not used yet, so
 * the wait is usually 0; it is a whole interval when the input comes just after the tick at which the compositor,
 * idle, stopped asking for frames (seen in Chromium traces: `NeedsBeginFrameChanged` to 0, then no frame until the
 * next `OnTimerTick`). The figure including the wait is printed below the headline. Raster and display follow on
 * other threads and are in neither.
 *
 * `LDN_SIM_BENCH_TAIL=ms` lists every frame slower than that, with its parts, under its walk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, openPage } from '../test/browser/helpers/browser';
import { serveStatic } from '../test/browser/helpers/static-server';
import type { BenchSection, SectionResult } from './section';
import { summarize, timingRow, type Timing } from './timing';

/** The repository root, whether this runs from build/bench.js or from the sources. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return [resolve(here, '..'), process.cwd()].find((p) => existsSync(resolve(p, 'index.html')) && existsSync(resolve(p, 'package.json'))) ?? process.cwd();
}

const VIEWS: readonly { days: number; targetMs: number }[] = [
  { days: 1, targetMs: 16 },
  { days: 3, targetMs: 16 },
  { days: 28, targetMs: 50 },
];

/** The `ldn-frame` detail (ui/app/frame-detail.ts `FrameDetail`, re-exported by ui/ldn-app.ts); fields missing from an older build read as NaN/false. */
interface Frame {
  latencyMs: number; points: number; modelId: string; cached: boolean;
  workerMs: number; renderMs: number; frameWaitMs: number; tickWaitMs: number; paintMs: number;
}

/** The slider's low-dose stops (ui/dose-ladder.ts: 0.25 mg steps, indexes 0–19). */
const LOW_STOPS = 20;

/** Moves to a fresh scenario (clock time 22:00 + `minute` min) and waits for its frame. */
async function freshScenario(page: Page, days: number, minute: number, stop: number): Promise<void> {
  const dose = (stop + 1) * 0.25;
  await page.evaluate(async ({ hash }) => {
    const app = document.querySelector('ldn-app')!;
    const drawn = new Promise((done) => app.addEventListener('ldn-frame', done, { once: true }));
    location.hash = hash;
    await drawn;
  }, { hash: `dose=${dose}&at=22:${String(minute).padStart(2, '0')}&days=${days}` });
}

/**
 * Steps the dose slider `n` times by `stride` stops (input events dispatched in the page, 20 ms after each frame,
 * about a held arrow key's repeat rate), sweeping up and down the low-dose stops; each sweep starts on a fresh
 * scenario. With `viaKeyboard`, the steps are key presses through the DevTools protocol instead.
 */
async function walk(page: Page, days: number, n: number, stride: number, sweepsSoFar: { n: number }, viaKeyboard = false): Promise<Frame[]> {
  const out: Frame[] = [];
  const last = Math.floor((LOW_STOPS - 1) / stride) * stride;
  while (out.length < n) {
    const up = sweepsSoFar.n % 2 === 0;
    await freshScenario(page, days, ++sweepsSoFar.n % 60, up ? 0 : last);
    const slider = page.getByRole('slider', { name: /Dose/ });
    await slider.focus();
    await page.waitForTimeout(100); // the user settles on the slider: the neighbouring stops get computed
    for (let k = 0; k < last / stride && out.length < n; k++) {
      if (viaKeyboard) {
        await page.evaluate(() => {
          const w = window as unknown as { __frame?: Promise<unknown> };
          w.__frame = new Promise((done) => document.querySelector('ldn-app')!.addEventListener('ldn-frame', (e) => done((e as CustomEvent).detail), { once: true }));
        });
        await page.keyboard.press(up ? 'ArrowRight' : 'ArrowLeft');
        out.push(await page.evaluate(() => (window as unknown as { __frame: Promise<Frame> }).__frame));
        await page.waitForTimeout(20);
        continue;
      }
      out.push(await page.evaluate(async ({ delta }) => {
        const app = document.querySelector('ldn-app')!;
        const input = app.shadowRoot!.querySelector('ldn-dose-slider')!.shadowRoot!.querySelector('input[type=range]') as HTMLInputElement;
        await new Promise((r) => setTimeout(r, 20));
        const f = new Promise<Frame>((done) => app.addEventListener('ldn-frame', (e) => done((e as CustomEvent).detail), { once: true }));
        input.value = String(Number(input.value) + delta);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return f;
      }, { delta: up ? stride : -stride }));
    }
  }
  return out.map((f) => ({ ...f, latencyMs: f.latencyMs ?? NaN, frameWaitMs: f.frameWaitMs ?? NaN, tickWaitMs: f.tickWaitMs ?? NaN, cached: !!f.cached }));
}

export const frameTimeSection: BenchSection = {
  id: 'frame-time',
  title: 'Teaching app: slider input → redrawn frame (headless Chromium, dist/)',
  async run(ctx): Promise<SectionResult> {
    const skip = (why: string): SectionResult => ({ figures: {}, lines: [`skipped: ${why}`], notes: [`frame-time skipped: ${why}`] });
    const root = repoRoot();
    const dist = process.env['LDN_SIM_DIST'] ?? resolve(root, 'dist');
    if (!existsSync(resolve(dist, 'index.html'))) {
      const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      if (b.status !== 0 || !existsSync(resolve(dist, 'index.html'))) return skip('the app could not be built (npm run build)');
    }
    let browser;
    try { browser = await launchBrowser(); } catch (err) { return skip((err as Error).message); }
    const server = await serveStatic(dist);
    const figures: Record<string, number> = {};
    const stats: Record<string, Timing> = {};
    const lines: string[] = [];
    const notes: string[] = [];
    const med = (xs: number[]) => (xs.length ? summarize(xs).median.toFixed(1) : '–');
    const tailMs = Number(process.env['LDN_SIM_BENCH_TAIL'] ?? Infinity);
    /**
     * Records one walk: input → frame painted less the wait for the frame tick (the headline), and the same with
     * that wait. With LDN_SIM_BENCH_TAIL=ms, each frame slower than that is listed with its parts.
     */
    const report = (key: string, label: string, frames: Frame[]): Timing => {
      const t = summarize(frames.map((f) => f.latencyMs - f.tickWaitMs));
      figures[`${key}_ms`] = t.median;
      figures[`${key}_p95_ms`] = t.p95;
      stats[`${key}_ms`] = t;
      lines.push(timingRow(label, t, 66));
      const w = summarize(frames.map((f) => f.latencyMs));
      figures[`${key}_with_tick_ms`] = w.median;
      figures[`${key}_with_tick_p95_ms`] = w.p95;
      stats[`${key}_with_tick_ms`] = w;
      lines.push(timingRow('    with the wait for the frame tick', w, 66));
      const hits = frames.filter((f) => f.cached).length;
      figures[`${key}_cached_share`] = hits / frames.length;
      lines.push(`    of which (medians): worker ${med(frames.map((f) => f.workerMs))} ms (result ready at input: ${Math.round((100 * hits) / frames.length)}%), `
        + `render ${med(frames.map((f) => f.renderMs))} ms, wait for the frame ${med(frames.map((f) => f.frameWaitMs))} ms `
        + `(for the tick ${med(frames.map((f) => f.tickWaitMs))} ms), frame ${med(frames.map((f) => f.paintMs))} ms`);
      for (const f of frames.filter((x) => x.latencyMs > tailMs)) {
        lines.push(`    slow: ${f.latencyMs.toFixed(1)} ms = worker ${f.workerMs.toFixed(1)} + render ${f.renderMs.toFixed(1)} + wait ${f.frameWaitMs.toFixed(1)} `
          + `(tick ${f.tickWaitMs.toFixed(1)}) + frame ${f.paintMs.toFixed(1)} (+ ${(f.latencyMs - f.workerMs - f.renderMs - f.frameWaitMs - f.paintMs).toFixed(1)} before the request)`);
      }
      return t;
    };
    try {
      for (const view of VIEWS) {
        const p = await openPage(browser, { reducedMotion: 'reduce', viewport: { width: 1440, height: 900 } });
        try {
          await p.page.goto(`${server.url}#dose=4.5&at=22:00&days=${view.days}`);
          await p.page.locator('ldn-chart').first().locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 20_000 });
          const warmup = ctx.reps(10, 2);
          const reps = ctx.reps(60, 6);
          const sweeps = { n: 0 };
          const step = (await walk(p.page, view.days, warmup + reps, 1, sweeps)).slice(warmup);
          const points = step[0]?.points ?? 0;
          const headline = report(`frame_${view.days}d_direct`, `${view.days}-day view (${points} points, model ${step[0]?.modelId ?? '?'}), next stop`, step);
          report(`frame_${view.days}d_jump`, `${view.days}-day view, jump of 3 stops (never computed ahead)`, (await walk(p.page, view.days, warmup + reps, 3, sweeps)).slice(warmup));
          report(`frame_${view.days}d_key`, `${view.days}-day view, next stop by a DevTools-protocol key press`, (await walk(p.page, view.days, warmup + reps, 1, sweeps, true)).slice(warmup));
          figures[`frame_${view.days}d_worker_ms`] = summarize(step.map((f) => f.workerMs)).median;
          // Six steps after two of warm-up say nothing of a p95: --quick compares nothing with the targets.
          if (!ctx.quick && headline.p95 > view.targetMs) notes.push(`frame-time: the ${view.days}-day view's p95 ${headline.p95.toFixed(1)} ms (next stop, input event in the page, less the wait for the frame tick) is above the ${view.targetMs} ms target`);
          const errors = p.errors();
          if (errors.length) notes.push(`frame-time: page errors during the ${view.days}-day run: ${errors.join('; ')}`);
        } finally {
          await p.close();
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
    lines.push('targets: p95 < 16 ms for 1–3 days, < 50 ms for 28 days, on the first figure of each view: input handler → first');
    lines.push('  frame painted with the new result (main thread done; raster and display follow on other threads), less the');
    lines.push('  time the updated page waited for the display\'s next frame tick (60 Hz). No page can shorten that wait: it is');
    lines.push('  up to 16.7 ms, or 0 when Chromium begins a frame at once for a tick it has not used. The second figure');
    lines.push('  includes it. The key-press figures add Playwright\'s DevTools-protocol input round trip.');
    if (ctx.quick) lines.push('--quick: too few steps to compare with the targets.');
    return { figures, stats, lines, notes };
  },
};
