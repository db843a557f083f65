/**
 * Bench section `cold-load`: how soon a first-time visitor sees a curve, for the built app (dist/) and for a page
 * with one widget (dist/embed/), side by side. Each load is a fresh browser context (empty cache), 5 per page by
 * default; figures are medians with the range.
 *
 * - `first paint`: the browser's `first-paint` entry.
 * - `first curve`: the first animation frame in which a chart's data path (`ldn-chart … g.series path`) has a
 *   length. An init script checks every frame, through the shadow roots, from the document's first frame.
 * - where the time goes (medians): when the page created its first worker, when that worker first answered (it has
 *   loaded and started), and when the last message from a worker before the first curve arrived (the result that
 *   curve draws). The init script wraps `Worker` to timestamp these; it changes nothing else.
 * - the app only: `live`, when `<ldn-app>` first drew a run of its own (every control working; until then it may show
 *   the static first screen of its page, scripts/first-screen-markup.ts), and the JS loaded until then; and for every
 *   page the HTML and CSS before the first curve (the app's static first screen is in them).
 * - `JS before the first curve`: gzip bytes (level 9, as the build's size report) of every `.js` file the server
 *   sent before the page told it that the first curve was there (the page then requests `/__first-curve`), the
 *   worker and its chunks included. Each file counts once.
 * - pages: the app; a page with one widget at its defaults; the same page whose widget has a scenario of its own
 *   (`dose="1.5" time="08:00"`: no curve from the build can serve it);
 * - `floor`: the widget page with a bare module that draws a path as soon as it runs; `widget lower bound`: the
 *   floor's first curve plus one cold run of the widget's request in its worker (first answer → result). A page
 *   that paints its own content before module scripts run (as a course page does) gives any widget computing its
 *   scenario at least this much.
 *
 * Targets (issue #18): first curve ≤ 1.5× first paint, for the app and the widget page; ≤ 60 kB gzip of JavaScript
 * before the app's first curve and ≤ 50 kB before the widget's, worker included. `--json`: `cold_first_curve_ms`,
 * `cold_first_paint_ms` and `cold_js_before_curve_gzip_bytes` (the app), and the same with `cold_widget_` for the
 * widget page, `cold_widget_custom_` for the widget with its own scenario and `cold_floor_` for the floor; `cold_widget_lower_bound_ms`;
 * `cold_live_ms` and `cold_js_before_live_gzip_bytes` (the app live); `…_page_before_curve_gzip_bytes` (HTML and CSS). Timings on a shared 2-core machine are noisy: read the ranges.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../test/browser/helpers/browser';
import { serveStatic, type StaticServer } from '../test/browser/helpers/static-server';
import type { BenchSection, SectionResult } from './section';
import { summarize } from './timing';

/** Targets of issue #18. */
export const COLD_TARGETS = { curveOverPaint: 1.5, appJsGzipBytes: 60 * 1024, widgetJsGzipBytes: 50 * 1024 } as const;

const MARK = '/__first-curve';
const MARK_LIVE = '/__live';

/** Runs in every document from its start: finds the first frame with a drawn curve and tells the server. */
const DETECT = `(() => {
  const W0 = window.Worker;
  const t = window.__workerTimes = { created: NaN, firstReply: NaN, lastReply: NaN };
  if (W0) window.Worker = class extends W0 {
    constructor(url, opts) {
      super(url, opts);
      if (Number.isNaN(t.created)) t.created = performance.now();
      this.addEventListener('message', () => {
        if (window.__firstCurve !== undefined) return;
        const now = performance.now();
        if (Number.isNaN(t.firstReply)) t.firstReply = now;
        t.lastReply = now;
      });
    }
  };
  const drawn = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot && drawn(el.shadowRoot)) return true;
      if (el.matches('g.series path') && el.getTotalLength && el.getTotalLength() > 0) return true;
    }
    return false;
  };
  // After the first curve, the app's first live frame: <ldn-app> drawing its own run, every control working.
  const live = () => {
    const app = document.querySelector('ldn-app');
    if (!app) return;
    if (app.live) {
      window.__live = performance.now();
      fetch('${MARK_LIVE}', { cache: 'no-store' }).catch(() => {});
      return;
    }
    requestAnimationFrame(live);
  };
  const tick = () => {
    if (document.body && drawn(document)) {
      window.__firstCurve = performance.now();
      fetch('${MARK}', { cache: 'no-store' }).catch(() => {});
      live();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** The repository root, whether this runs from build/bench.js or from the sources. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return [resolve(here, '..'), process.cwd()].find((p) => existsSync(resolve(p, 'index.html')) && existsSync(resolve(p, 'package.json'))) ?? process.cwd();
}

/** A page with one widget at its defaults, under the widget's strict policy. */
const WIDGET_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'self'; style-src 'self'; worker-src 'self'">
<title>One widget</title><link rel="icon" href="data:,"><script type="module" src="./embed/ldn-sim.js"></script></head>
<body><h1>One widget</h1><ldn-sim-widget></ldn-sim-widget></body></html>`;

/**
 * The floor: the same page, whose module draws a one-segment path in a shadow root as soon as it runs (no
 * computation, nothing imported). No widget loaded as a module script can draw its first curve sooner than this.
 */
/** A widget with a scenario of its own (not the default one, whose curves could come with the build). */
const CUSTOM_WIDGET_PAGE = WIDGET_PAGE.replace('<ldn-sim-widget>', '<ldn-sim-widget dose="1.5" time="08:00">');
const FLOOR_PAGE = WIDGET_PAGE.replace('./embed/ldn-sim.js', './floor.js').replaceAll('ldn-sim-widget', 'floor-widget');
const FLOOR_JS = `customElements.define('floor-widget', class extends HTMLElement {
  connectedCallback() {
    this.attachShadow({ mode: 'open' }).innerHTML = '<svg width="200" height="100"><g class="series"><path d="M0,0L200,100" stroke="black"></path></g></svg>';
  }
});
`;

interface Load {
  paintMs: number; curveMs: number; jsGzip: number; files: string[]; workerCreatedMs: number; workerFirstReplyMs: number; workerLastReplyMs: number;
  /** Gzip bytes of the HTML and CSS before the first curve (the app's static first screen is in them). */
  pageGzip: number;
  /** The app only: when `<ldn-app>` first drew a live run, and the JS loaded until then. */
  liveMs: number; jsBeforeLiveGzip: number;
}

async function load(browser: Browser, server: StaticServer, path: string, dir: string, gz: Map<string, number>, app: boolean): Promise<Load> {
  const p = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  try {
    await p.context.addInitScript(DETECT);
    const from = server.log.length;
    await p.page.goto(`${server.url}${path}`);
    await p.page.waitForFunction(() => (window as unknown as { __firstCurve?: number }).__firstCurve !== undefined, undefined, { timeout: 30_000, polling: 50 });
    // A frame is presented after its animation-frame callbacks: the first paint may be reported after the curve.
    await p.page.waitForFunction(() => performance.getEntriesByName('first-paint').length > 0, undefined, { timeout: 30_000, polling: 20 });
    const { curveMs, paintMs, worker } = await p.page.evaluate(() => ({
      curveMs: (window as unknown as { __firstCurve: number }).__firstCurve,
      paintMs: performance.getEntriesByName('first-paint')[0]?.startTime ?? NaN,
      worker: (window as unknown as { __workerTimes: { created: number; firstReply: number; lastReply: number } }).__workerTimes,
    }));
    const liveMs = app ? await p.page.waitForFunction(() => (window as unknown as { __live?: number }).__live, undefined, { timeout: 30_000, polling: 50 }).then((h) => h.jsonValue() as Promise<number>) : NaN;
    // Requests the server answered before a mark (the log is in order of responses), each file once.
    const log = server.log.slice(from);
    const served = (mark: string, ext: RegExp) => {
      const at = log.findIndex((l) => l.endsWith(mark));
      return [...new Set((at < 0 ? log : log.slice(0, at)).filter((l) => l.startsWith('200 ') && ext.test(l)).map((l) => l.slice(4)))];
    };
    const gzipOf = (files: string[]) => files.reduce((sum, f) => {
      const rel = f.slice(new URL(server.url).pathname.length) || 'index.html';
      if (!gz.has(rel)) gz.set(rel, gzipSync(readFileSync(join(dir, rel.endsWith('/') ? `${rel}index.html` : rel)), { level: 9 }).length);
      return sum + gz.get(rel)!;
    }, 0);
    const files = served(MARK, /\.js$/);
    return {
      paintMs, curveMs, jsGzip: gzipOf(files), files: files.map((f) => f.split('/').pop()!),
      workerCreatedMs: worker.created, workerFirstReplyMs: worker.firstReply, workerLastReplyMs: worker.lastReply,
      pageGzip: gzipOf(served(MARK, /(\.html|\.css|\/)$/)),
      liveMs, jsBeforeLiveGzip: app ? gzipOf(served(MARK_LIVE, /\.js$/)) : NaN,
    };
  } finally {
    await p.close();
  }
}

export const coldLoadSection: BenchSection = {
  id: 'cold-load',
  title: 'First curve on a cold load: the app and a page with one widget (headless Chromium, dist/)',
  async run(ctx): Promise<SectionResult> {
    const skip = (why: string): SectionResult => ({ figures: {}, lines: [`skipped: ${why}`], notes: [`cold-load skipped: ${why}`] });
    const root = repoRoot();
    const dist = process.env['LDN_SIM_DIST'] ?? resolve(root, 'dist');
    if (!existsSync(resolve(dist, 'index.html')) || !existsSync(resolve(dist, 'embed/ldn-sim.js'))) {
      const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      if (b.status !== 0 || !existsSync(resolve(dist, 'index.html'))) return skip('the app could not be built (npm run build)');
    }
    // dist/ as built, plus the one-widget page beside it (dist/ itself is not modified).
    const site = mkdtempSync(join(tmpdir(), 'ldn-sim-cold-'));
    cpSync(dist, site, { recursive: true });
    writeFileSync(join(site, 'widget.html'), WIDGET_PAGE);
    writeFileSync(join(site, 'widget-custom.html'), CUSTOM_WIDGET_PAGE);
    writeFileSync(join(site, 'floor.html'), FLOOR_PAGE);
    writeFileSync(join(site, 'floor.js'), FLOOR_JS);
    let browser: Browser;
    try { browser = await launchBrowser(); } catch (err) { rmSync(site, { recursive: true, force: true }); return skip((err as Error).message); }
    // Served as a static host serves files (`no-cache`): each load is a fresh context, so nothing is cached from an
    // earlier one, but within a page a file is fetched once (under `no-store` the app's static first screen would
    // fetch its style sheet once per shadow root).
    const server = await serveStatic(site, { cacheControl: 'no-cache', files: { [MARK]: { body: '', type: 'text/plain' }, [MARK_LIVE]: { body: '', type: 'text/plain' } } });
    const figures: Record<string, number> = {};
    const lines: string[] = [];
    const notes: string[] = [];
    const gz = new Map<string, number>();
    const n = ctx.reps(5, 2);
    try {
      const pages = [{ key: 'cold', label: 'app (index.html)', path: '', jsTarget: COLD_TARGETS.appJsGzipBytes },
        { key: 'cold_widget', label: 'one widget (embed/)', path: 'widget.html', jsTarget: COLD_TARGETS.widgetJsGzipBytes },
        { key: 'cold_widget_custom', label: 'widget, 1.5 mg at 08:00', path: 'widget-custom.html', jsTarget: COLD_TARGETS.widgetJsGzipBytes },
        { key: 'cold_floor', label: 'floor (a bare module)', path: 'floor.html', jsTarget: Infinity }];
      const at = (key: string) => pages.findIndex((p) => p.key === key);
      const loads: Load[][] = pages.map(() => []);
      // Alternate the two pages, so that a slow spell of the shared machine hits both.
      for (let i = 0; i < n; i++) for (const [k, pg] of pages.entries()) loads[k]!.push(await load(browser, server, pg.path, site, gz, pg.key === 'cold'));
      for (const [k, pg] of pages.entries()) {
        const ls = loads[k]!;
        const curve = summarize(ls.map((l) => l.curveMs));
        const paint = summarize(ls.map((l) => l.paintMs));
        const ratio = summarize(ls.map((l) => l.curveMs / l.paintMs));
        const js = Math.max(...ls.map((l) => l.jsGzip));
        figures[`${pg.key}_first_curve_ms`] = curve.median;
        figures[`${pg.key}_first_paint_ms`] = paint.median;
        figures[`${pg.key}_curve_over_paint`] = ratio.median;
        figures[`${pg.key}_js_before_curve_gzip_bytes`] = js;
        const range = (t: { min: number; max: number }) => `${t.min.toFixed(0)}–${t.max.toFixed(0)}`;
        lines.push(`${pg.label.padEnd(22)} first curve ${curve.median.toFixed(0).padStart(5)} ms (${range(curve)}), first paint ${paint.median.toFixed(0).padStart(4)} ms (${range(paint)}), `
          + `curve/paint ${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}), JS before the curve ${(js / 1024).toFixed(1)} kB gzip`);
        const med = (f: (l: Load) => number) => summarize(ls.map(f)).median.toFixed(0);
        if (ls.some((l) => Number.isFinite(l.workerCreatedMs))) lines.push(`    worker created ${med((l) => l.workerCreatedMs)} ms, first answer ${med((l) => l.workerFirstReplyMs)} ms, `
          + `result ${med((l) => l.workerLastReplyMs)} ms, first curve ${curve.median.toFixed(0)} ms (medians)`);
        figures[`${pg.key}_worker_created_ms`] = summarize(ls.map((l) => l.workerCreatedMs)).median;
        figures[`${pg.key}_worker_first_reply_ms`] = summarize(ls.map((l) => l.workerFirstReplyMs)).median;
        figures[`${pg.key}_worker_result_ms`] = summarize(ls.map((l) => l.workerLastReplyMs)).median;
        const pageGz = Math.max(...ls.map((l) => l.pageGzip));
        figures[`${pg.key}_page_before_curve_gzip_bytes`] = pageGz;
        if (pg.key === 'cold') {
          const live = summarize(ls.map((l) => l.liveMs));
          const jsLive = Math.max(...ls.map((l) => l.jsBeforeLiveGzip));
          figures['cold_live_ms'] = live.median;
          figures['cold_js_before_live_gzip_bytes'] = jsLive;
          lines.push(`    page (HTML, CSS) before the curve ${(pageGz / 1024).toFixed(1)} kB gzip; the app live (its own run drawn) ${live.median.toFixed(0)} ms (${range(live)}), after ${(jsLive / 1024).toFixed(1)} kB gzip of JavaScript`);
        }
        lines.push(`    files: ${[...new Set(ls.flatMap((l) => l.files))].join(', ')}`);
        if (!ctx.quick && ratio.median > COLD_TARGETS.curveOverPaint) notes.push(`cold-load: ${pg.label}: first curve ${ratio.median.toFixed(2)}× first paint, above the ${COLD_TARGETS.curveOverPaint}× target`);
        if (js > pg.jsTarget) notes.push(`cold-load: ${pg.label}: ${(js / 1024).toFixed(1)} kB gzip of JavaScript before the first curve, above the ${pg.jsTarget / 1024} kB target`);
      }
      // What any widget computing its own scenario must take at least: the floor's curve plus one cold run of the
      // widget's request (its worker's first answer to its result: the request, prepare and integrate, the reply).
      // A custom widget computes its scenario: the default one may draw curves shipped with the build.
      const med = (k: number, f: (l: Load) => number) => summarize(loads[k]!.map(f)).median;
      const custom = at('cold_widget_custom');
      const coldRunMs = med(custom, (l) => l.workerLastReplyMs - l.workerFirstReplyMs);
      const boundMs = med(at('cold_floor'), (l) => l.curveMs) + coldRunMs;
      figures['cold_widget_lower_bound_ms'] = boundMs;
      lines.push(`widget lower bound: floor curve + one cold run of its request (${coldRunMs.toFixed(0)} ms in its worker) = ${boundMs.toFixed(0)} ms, `
        + `${(boundMs / med(custom, (l) => l.paintMs)).toFixed(2)}× the widget page's first paint`);
    } finally {
      await browser.close();
      await server.close();
      rmSync(site, { recursive: true, force: true });
    }
    lines.push(`targets: first curve ≤ ${COLD_TARGETS.curveOverPaint}× first paint; JS before the first curve ≤ ${COLD_TARGETS.appJsGzipBytes / 1024} kB gzip (app), ≤ ${COLD_TARGETS.widgetJsGzipBytes / 1024} kB (widget), worker included.`);
    lines.push(`medians of ${n} fresh browser contexts per page (ranges in brackets), pages alternated; a shared, loaded machine makes the timings noisy.`);
    return { figures, lines, notes };
  },
};
