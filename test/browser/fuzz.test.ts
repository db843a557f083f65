/**
 * Fuzzing the built app (dist/) in real Chromium (issue #17): the seeded hostile links and files of
 * test/fuzz/hostile.ts, through the page's own hash and file inputs. Each is refused with the message the same
 * code gives in Node, or completes; the main thread never blocks for more than 200 ms at a time (long-task
 * observer), the JS heap stays under 300 MB, nothing is logged as an error, and the page still works afterwards.
 * One page is reused throughout: links are applied by changing the hash, files through the real file inputs.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventsCsv } from '../../engine/events-csv';
import { LimitError, checkFileSize, parseJsonLimited } from '../../engine/limits';
import { ModelError, prepareModel } from '../../engine/model/load';
import { MODELS } from '../../models/index';
import { restoreScenario, unknownDrugs } from '../../ui/research/research-model';
import { decodeScenario } from '../../ui/scenario';
import { STRINGS } from '../../ui/strings';
import { hostileFiles, hostileUrls, type HostileFile } from '../fuzz/hostile';
import { launchBrowser, openPage } from './helpers/browser';
import { serveStatic, type StaticServer } from './helpers/static-server';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; img-src 'self' data: blob:; connect-src 'self'";
const SEED = 17;
const S = STRINGS.research;
const specs = [...MODELS];
const LDN = specs.find((m) => m.id === 'ldn')!;

/** What the Research tab must show for a file: the refusal message the same code gives in Node, or the "loaded" line. */
function expectedFor(f: HostileFile): { error: string } | { ok: string } {
  try {
    // The page checks a chosen file's size in bytes before reading it (the model editor's text, when parsed).
    if (f.kind !== 'model') checkFileSize(Buffer.byteLength(f.text), f.name);
    if (f.kind === 'scenario') {
      const { run } = restoreScenario(parseJsonLimited(f.text, f.name), f.name);
      return { ok: S.scenarioLoaded(f.name, run.kind) };
    }
    if (f.kind === 'events') {
      const events = parseEventsCsv(f.text, f.name);
      const unknown = unknownDrugs(LDN, events);
      if (unknown.length) return { error: S.unknownDrug(f.name, unknown, LDN.doses.map((d) => d.drug)) };
      return { ok: S.eventsRunning(events.length, f.name) };
    }
    let json: unknown;
    try { json = parseJsonLimited(f.text, S.modelLabel); } catch (err) {
      return { error: err instanceof LimitError ? err.message : S.badJson((err as Error).message.replace(/^.*?: not valid JSON: /, '')) };
    }
    const model = prepareModel(json);
    return { ok: S.modelRunning(model.spec.title || model.spec.id) };
  } catch (err) {
    if (err instanceof ModelError && f.kind === 'model') return { error: S.modelError(err.field, err.message) };
    return { error: (err as Error).message };
  }
}

/** A message without the JSON parser's own detail, whose wording differs between Node's and Chromium's V8. */
function sameWording(msg: string | null): string | null {
  return msg === null ? null : msg.replace(/(not valid JSON: ).*$/, '$1…');
}

describe('fuzzing the app (dist/) in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(`${DIST}index.html`)) throw new Error(`${DIST}index.html is missing: run \`npm run build\``);
    server = await serveStatic(DIST, { headers: { 'Content-Security-Policy': CSP } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('300 hostile links and 110 hostile files: each refused with its message or completed; no task > 200 ms, heap < 300 MB, no errors; the page works after', async () => {
    const p = await openPage(browser, { acceptDownloads: false });
    const { page } = p;
    try {
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[]; __frames: number };
        w.__longTasks = [];
        w.__frames = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
        window.addEventListener('ldn-frame', () => { w.__frames++; }, true);
      });
      await page.goto(`${server.url}#dose=4.5&days=1`);
      await p.explain(page.waitForFunction(() => (window as unknown as { __frames: number }).__frames > 0, null, { timeout: 30_000 }));
      // Loading the app is not under test: long tasks count from here.
      await page.evaluate(() => { (window as unknown as { __longTasks: number[] }).__longTasks = []; });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      let heapMaxMb = 0;
      const sampleHeap = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        heapMaxMb = Math.max(heapMaxMb, metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20);
      };

      // ---- links ----
      const urls = hostileUrls(SEED, 300);
      for (const [i, hash] of urls.entries()) {
        const q = new URLSearchParams(hash);
        const problems = [...decodeScenario(q, specs, 'ldn').problems, ...decodeScenario(q, specs, 'ldn', 'pin.').problems.map((x) => `pinned ${x}`)];
        const frames = await page.evaluate((h) => {
          const w = window as unknown as { __frames: number };
          const before = w.__frames;
          location.hash = h;
          return before;
        }, hash);
        // Settled: the notice shows the link's problems (or none), and the run finished drawn or refused.
        const settled = await page.waitForFunction(([before, first]) => {
          const app = document.querySelector('ldn-app') as unknown as { busy: boolean; notice: string | null; error: string | null } | null;
          const w = window as unknown as { __frames: number };
          if (!app || app.busy) return false;
          const noticeOk = first === null ? !app.notice : !!app.notice?.includes(first);
          return noticeOk && (w.__frames > before || !!app.error) ? { error: app.error } : false;
        }, [frames, problems[0] ?? null] as const, { timeout: 30_000 }).catch((err: Error) => { throw new Error(`link ${i} #${hash.slice(0, 160)}: ${err.message}\n${p.errors().join('\n')}`); });
        const { error } = (await settled.jsonValue()) as { error: string | null };
        if (error) expect(error, `link ${i}`).toMatch(/: /); // a refused run names its field
        if (i % 25 === 0) await sampleHeap();
      }

      // ---- files, on the Research tab ----
      await page.evaluate(() => { location.hash = 'dose=4.5&days=1'; });
      await page.getByRole('tab', { name: 'Research' }).click();
      const panel = page.locator('ldn-research-panel');
      await panel.locator('svg[data-base] path.median').first().waitFor({ state: 'attached', timeout: 30_000 });
      const files = hostileFiles(SEED, { scenario: 50, events: 30, model: 30 });
      const shown = () => panel.evaluate((el) => {
        const r = el.shadowRoot ?? el;
        const text = (sel: string) => r.querySelector(sel)?.textContent?.trim() ?? null;
        return {
          ok: text('p.ok[role=status]'),
          scenario: text('[data-testid=scenario-error]'), events: text('[data-testid=events-error]'), model: text('[data-testid=model-error]'),
        };
      });
      for (const [i, f] of files.entries()) {
        if (f.kind === 'events' && files[i - 1]?.kind !== 'events') {
          const use = panel.getByRole('button', { name: S.useSimulator });
          if (await use.count()) await use.click();
        }
        const want = expectedFor(f);
        if (f.kind === 'model') {
          await panel.locator('textarea[data-input=model]').fill(f.text);
          await panel.locator('[data-action=validate-model]').click();
        } else {
          const input = panel.locator(`input[data-input=${f.kind === 'scenario' ? 'scenario' : 'events'}-file]`);
          await input.setInputFiles({ name: f.name, mimeType: f.kind === 'scenario' ? 'application/json' : 'text/csv', buffer: Buffer.from(f.text) });
        }
        await expect.poll(async () => {
          const s = await shown();
          return sameWording('ok' in want ? s.ok : s[f.kind]);
        }, { timeout: 20_000, message: `${f.name}: ${f.text.slice(0, 160)}` }).toBe(sameWording('ok' in want ? want.ok : want.error));
        // No "Loaded" (or "now the run") beside a refusal.
        if ('error' in want) expect((await shown()).ok, f.name).toBeNull();
        if (i % 10 === 0) await sampleHeap();
      }
      await sampleHeap();

      // ---- the page still works ----
      await page.getByRole('tab', { name: 'Simulator' }).click();
      const before = await page.evaluate(() => (window as unknown as { __frames: number }).__frames);
      await page.evaluate(() => { location.hash = 'dose=50&at=08:00&days=1'; });
      await page.waitForFunction((b) => (window as unknown as { __frames: number }).__frames > b, before, { timeout: 30_000 });
      await expect(page.locator('ldn-app').evaluate((el) => (el as unknown as { notice: string | null }).notice)).resolves.toBeNull();

      expect(heapMaxMb).toBeLessThan(300);
      expect(p.errors()).toEqual([]);
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      expect(Math.max(0, ...longTasks), `long tasks (ms): ${longTasks.map((d) => d.toFixed(0)).join(', ')}`).toBeLessThanOrEqual(200);
    } finally {
      await p.close();
    }
  }, 600_000);
});
