import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './helpers/browser';
import { expand, type DoseEvent } from '../../engine/dosing';
import { serveStatic, type StaticServer } from './helpers/static-server';

// Issue #18, "a complete widget": the scenario fields an app user has (titration, co-medication, parameters, preset
// groups) as attributes, line colours as custom properties, and the <iframe> that fits its content. The built
// dist/embed/ on a static course page under the strict policy (header and <meta>).
const EMBED = fileURLToPath(new URL('../../dist/embed/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/embed/', import.meta.url));
const CSP = "script-src 'self'; style-src 'self'; worker-src 'self'";

interface Seen { events: DoseEvent[]; parameters: Record<string, number>; presets: Record<string, string>; strokes: string[]; problems: string }

function seen(page: Page, id: string): Promise<Seen> {
  return page.evaluate((id) => {
    const w = document.getElementById(id) as HTMLElement & { result: { meta: { events: DoseEvent[]; parameters: Record<string, number>; presets: Record<string, string> } } };
    const m = w.result.meta;
    const strokes = Array.from(w.shadowRoot!.querySelectorAll('ldn-chart')).flatMap((c) => Array.from(c.shadowRoot!.querySelectorAll('g.series path')).map((p) => p.getAttribute('stroke') ?? ''));
    return {
      events: m.events, parameters: m.parameters, presets: m.presets, strokes,
      problems: Array.from(w.shadowRoot!.querySelectorAll('[part=error]')).map((p) => p.textContent).join(' '),
    };
  }, id);
}

describe('a complete <ldn-sim-widget> (titration, co-medication, parameters, presets, line colours, fitting iframe)', () => {
  let browser: Browser;
  let server: StaticServer;
  let site: string;

  beforeAll(async () => {
    if (!existsSync(join(EMBED, 'frame-host.js'))) throw new Error(`${EMBED}frame-host.js is missing: run \`npm run build\``);
    site = mkdtempSync(join(tmpdir(), 'ldn-sim-complete-'));
    cpSync(FIXTURES, site, { recursive: true });
    cpSync(EMBED, join(site, 'ldn'), { recursive: true });
    server = await serveStatic(site, { basePath: '/course/', headers: { 'Content-Security-Policy': CSP } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('runs what the attributes say, colours the themed line, fits the iframe to its content, with no errors or CSP violations', async () => {
    const p = await openPage(browser, { reducedMotion: 'reduce' });
    const violations: string[] = [];
    p.page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
    try {
      await p.page.goto(`${server.url}complete.html`, { waitUntil: 'load' });
      await p.page.waitForFunction(() => ['full', 'plain'].every((id) => ((document.getElementById(id) as unknown as { resultCount?: number })?.resultCount ?? 0) > 0),
        undefined, { timeout: 20_000, polling: 100 });
      const full = await seen(p.page, 'full');
      const plain = await seen(p.page, 'plain');
      expect(full.problems).toBe('');
      // Titration 0.5 mg then 1.5 mg (the schedule's 2 days), codeine 30 mg every 8 h, the two parameters, the preset.
      expect(expand(full.events).map((e) => `${e.drug} ${e.amtMg} mg at ${e.timeH} h`)).toEqual([
        'naltrexone 0.5 mg at 0 h', 'codeine 30 mg at 0 h', 'codeine 30 mg at 8 h', 'codeine 30 mg at 16 h',
        'naltrexone 1.5 mg at 24 h', 'codeine 30 mg at 24 h', 'codeine 30 mg at 32 h', 'codeine 30 mg at 40 h',
      ].sort((a, b) => Number(a.split(' at ')[1]!.split(' ')[0]) - Number(b.split(' at ')[1]!.split(' ')[0])));
      expect(full.parameters.kp_brain).toBe(2.5);
      expect(full.parameters.cl_f_naltrexone_l_per_h).toBe(100);
      expect(full.parameters.hepatic_exposure_fold).toBe(5); // compensated cirrhosis (models/ldn.ts preset)
      expect(full.presets).toEqual({ blockade: 'brief', hepatic: 'compensated-cirrhosis' });
      expect(plain.presets).toEqual({ blockade: 'brief', hepatic: 'none' });
      // CL/F 100 L/h is outside its typical range 150–1500: it runs, and the widget says so.
      const note = await p.page.evaluate(() => document.getElementById('full')!.shadowRoot!.querySelector('[part=range-note]')?.textContent ?? '');
      expect(note).toMatch(/cl_f_naltrexone_l_per_h = 100 L\/h is outside its typical range \[150, 1500\]/);
      // The themed line and only it: the plain widget keeps the palette colour.
      expect(full.strokes).toContain('#8b0000');
      expect(plain.strokes).not.toContain('#8b0000');
      // The iframe (height 150 in the markup) grows to its content: frame.html reports it, frame-host.js applies it.
      await p.page.frameLocator('#fit').locator('ldn-sim-widget ldn-chart svg.chart g.series path').first().waitFor({ timeout: 20_000 });
      await p.page.waitForFunction(() => {
        const f = document.getElementById('fit') as HTMLIFrameElement;
        const inner = f.contentDocument!.documentElement.getBoundingClientRect().height;
        return inner > 600 && f.clientHeight === Math.ceil(inner); // the frame's box, inside its border
      }, undefined, { timeout: 20_000, polling: 100 });
      expect(violations).toEqual([]);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
