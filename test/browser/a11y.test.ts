import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './helpers/axe';
import { openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';
import { waitForAppCurves as waitForCharts } from './helpers/dom';
import { serveStatic } from './helpers/static-server';
import { ldn } from '../../models/ldn';

// Issue #17, "Accessible to everyone": axe-core on every tab and the widget, forced colours, dark themes (app and
// widget, on a host page with `color-scheme: light dark`), focus after actions, Play under reduced motion.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const CSP = STRICT_CSP;

/** A course page in dark-capable mode with three widgets: theme auto, light and dark. */
const HOST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/course/host.css"><script type="module" src="/course/ldn/ldn-sim.js"></script></head>
<body><main><h1>Week 3</h1><h2>Exercise: bedtime dose</h2>
<ldn-sim-widget id="auto" dose="4.5" days="1" view="plasma,blockade" controls="dose,time,days,play" compare="50"></ldn-sim-widget>
<ldn-sim-widget id="light" theme="light" dose="4.5" days="1" view="blockade" controls="time"></ldn-sim-widget>
<ldn-sim-widget id="dark" theme="dark" dose="4.5" days="1" view="blockade" controls="time"></ldn-sim-widget>
</main></body></html>`;
const HOST_CSS = ':root { color-scheme: light dark; } body { font-family: Georgia, serif; }';

/** The element with focus, through shadow roots: its tag, text and attributes that identify it. */
function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}:${(el.textContent ?? '').trim()}` : 'none';
  });
}

/** Computed styles of elements reached by a path of selectors through shadow roots, from `ldn-app`. */
function styleOf(page: Page, path: string[], props: string[]): Promise<Record<string, string>[]> {
  return page.evaluate(({ path, props }) => {
    let roots: (Document | ShadowRoot)[] = [document];
    let els: Element[] = [];
    path.forEach((sel, i) => {
      els = roots.flatMap((r) => Array.from(r.querySelectorAll(sel)));
      if (i < path.length - 1) roots = els.map((e) => e.shadowRoot!).filter(Boolean);
    });
    return els.map((e) => { const cs = getComputedStyle(e); return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])); });
  }, { path, props });
}

/** The relative luminance of a computed `rgb(…)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => { const [x, y] = [luminance(a), luminance(b)]; return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };

describe('accessibility of the app and widget (issue #17) in Chromium', () => {
  const ctx = servedDist({ basePath: '/app/', headers: { 'Content-Security-Policy': CSP } });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe-core finds no violations on the Simulator (with a pinned scenario), Model and Research tabs (${scheme})`, async () => {
      const p = await openPage(ctx.browser, { reducedMotion: 'reduce', colorScheme: scheme });
      try {
        await p.page.goto(`${ctx.server.url}#dose=4.5&days=2&pin.dose=50&pin.days=2`);
        await waitForCharts(p.page);
        await p.page.locator('ldn-chart svg.chart').first().focus(); // tooltip shown too
        expect(await axeViolations(p.page)).toEqual([]);
        await p.page.getByRole('tab', { name: 'Model' }).click();
        await p.page.locator('ldn-model-page h2').first().waitFor();
        expect(await axeViolations(p.page)).toEqual([]);
        await p.page.getByRole('tab', { name: 'Research' }).click();
        await p.page.locator('ldn-research-panel h2').first().waitFor();
        expect(await axeViolations(p.page)).toEqual([]);
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe-core finds no violations on the Lessons tab: the list, a lesson step with its question, and its answer shown (${scheme})`, async () => {
      const p = await openPage(ctx.browser, { reducedMotion: 'reduce', colorScheme: scheme });
      try {
        await p.page.goto(`${ctx.server.url}#dose=4.5&days=1`);
        await waitForCharts(p.page);
        await p.page.getByRole('tab', { name: 'Lessons' }).click();
        const start = p.page.getByRole('button', { name: 'Start: What happens to a dose' });
        await start.waitFor({ timeout: 30_000 });
        expect(await axeViolations(p.page)).toEqual([]);
        await start.click();
        const player = p.page.locator('ldn-lesson-player');
        await player.getByText('Step 1 of 4').waitFor({ timeout: 30_000 });
        expect(await axeViolations(p.page)).toEqual([]);
        await player.locator('input[type="number"]').fill('5');
        await player.getByRole('button', { name: 'Check my prediction' }).click();
        await player.locator('section[aria-labelledby="observe"]').waitFor({ timeout: 30_000 });
        await player.locator('ldn-chart').first().locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 30_000 });
        expect(await axeViolations(p.page)).toEqual([]);
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    });
  }

  it('axe-core finds no violations in widgets (auto, light, dark) on a host page with color-scheme: light dark, in dark mode', async () => {
    const host = await serveStatic(`${DIST}embed/`, { basePath: '/course/ldn/', files: { '/course/index.html': { body: HOST_PAGE, type: 'text/html' }, '/course/host.css': { body: HOST_CSS, type: 'text/css' } } });
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce', colorScheme: 'dark' });
    try {
      await p.page.goto(`${host.origin}/course/index.html`);
      await p.page.waitForFunction(() => ['auto', 'light', 'dark'].every((id) => ((document.getElementById(id) as unknown as { resultCount?: number })?.resultCount ?? 0) > 0), undefined, { timeout: 30_000 });
      expect(await axeViolations(p.page)).toEqual([]);
      // The light widget stays light inside a dark page: its "Morning 08:00" button reads dark on light.
      const button = (id: string) => p.page.evaluate((id) => {
        const b = document.getElementById(id)!.shadowRoot!.querySelector('ldn-clock-input')!.shadowRoot!.querySelectorAll('button')[1]!;
        const input = document.getElementById(id)!.shadowRoot!.querySelector('ldn-clock-input')!.shadowRoot!.querySelector('input')!;
        const root = document.getElementById(id)!.shadowRoot!.querySelector('.root')!;
        return { text: b.textContent, color: getComputedStyle(b).color, bg: getComputedStyle(b).backgroundColor, inputBg: getComputedStyle(input).backgroundColor, rootBg: getComputedStyle(root).backgroundColor };
      }, id);
      const light = await button('light');
      expect(light.text).toMatch(/Morning 08:00/);
      expect(contrast(light.color, light.bg)).toBeGreaterThanOrEqual(4.5);
      expect(luminance(light.bg)).toBeGreaterThan(0.8);
      expect(luminance(light.inputBg)).toBeGreaterThan(0.8);
      expect(luminance(light.rootBg)).toBeGreaterThan(0.8);
      const dark = await button('dark');
      expect(contrast(dark.color, dark.bg)).toBeGreaterThanOrEqual(4.5);
      expect(luminance(dark.rootBg)).toBeLessThan(0.05);
      expect(luminance(dark.inputBg)).toBeLessThan(0.1);
      // auto follows the reader's preference (dark here), not the page.
      const auto = await button('auto');
      expect(luminance(auto.rootBg)).toBeLessThan(0.05);
      expect(contrast(auto.color, auto.bg)).toBeGreaterThanOrEqual(4.5);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
      await host.close();
    }
  });

  it('under forced colours, selected tabs, presets, regimen, time and day buttons differ from the others beyond colour, and charts use system colours', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce', forcedColors: 'active' });
    try {
      await p.page.goto(`${ctx.server.url}`);
      await waitForCharts(p.page);
      const props = ['background-color', 'color', 'font-weight', 'border-top-width', 'text-decoration-line'];
      const differ = (a: Record<string, string>, b: Record<string, string>) => props.filter((k) => k !== 'color' && a[k] !== b[k]);
      for (const path of [
        ['ldn-app', 'nav button'],
        ['ldn-app', '.seg button'],
        ['ldn-app', 'ldn-preset-bar', 'button'],
        ['ldn-app', 'ldn-clock-input', 'button'],
      ]) {
        const states = await p.page.evaluate((path) => {
          let roots: (Document | ShadowRoot)[] = [document];
          let els: Element[] = [];
          path.forEach((sel, i) => { els = roots.flatMap((r) => Array.from(r.querySelectorAll(sel))); if (i < path.length - 1) roots = els.map((e) => e.shadowRoot!).filter(Boolean); });
          return els.map((e) => e.getAttribute('aria-pressed') ?? e.getAttribute('aria-selected'));
        }, path);
        const styles = await styleOf(p.page, path, props);
        const on = styles.filter((_, i) => states[i] === 'true');
        const off = styles.filter((_, i) => states[i] === 'false');
        expect(on.length, path.join(' ')).toBeGreaterThan(0);
        expect(off.length, path.join(' ')).toBeGreaterThan(0);
        // More than colour: a different weight, border, underline or (system Highlight) background.
        for (const o of off) expect(differ(on[0]!, o).length, `${path.join(' ')}: ${JSON.stringify(on[0])} vs ${JSON.stringify(o)}`).toBeGreaterThanOrEqual(2);
      }
      // Tick labels and lines take the system text colour (CanvasText), whatever the page's palette.
      const sys = await p.page.evaluate(() => {
        const probe = document.createElement('span');
        probe.style.color = 'CanvasText';
        document.body.append(probe);
        const c = getComputedStyle(probe).color;
        probe.remove();
        return c;
      });
      const tick = await styleOf(p.page, ['ldn-app', 'ldn-chart', 'svg.chart g.x-axis .tick text'], ['fill']);
      const line = await styleOf(p.page, ['ldn-app', 'ldn-chart', 'svg.chart g.series path[data-key]'], ['stroke']);
      expect(tick.length).toBeGreaterThan(0);
      expect(new Set(tick.map((t) => t['fill']))).toEqual(new Set([sys]));
      expect(new Set(line.map((t) => t['stroke']))).toEqual(new Set([sys]));
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('the Model tab is a document: contents that move focus, MathML for every equation, a description for every derived quantity, the evidence tables', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(ctx.server.url);
      await waitForCharts(p.page);
      await p.page.getByRole('tab', { name: 'Model' }).click();
      const page = p.page.locator('ldn-model-page');
      await page.getByTestId('evidence').waitFor({ timeout: 15_000 });
      const counts = await p.page.evaluate(() => {
        const root = document.querySelector('ldn-app')!.shadowRoot!.querySelector('ldn-model-page')!.shadowRoot!;
        const items = (id: string) => Array.from(root.querySelectorAll(`#${id} .item`));
        return {
          odes: items('m-odes').filter((i) => i.querySelector('math mfrac')).length,
          derived: items('m-derived').filter((i) => i.querySelector('math')).length,
          described: items('m-derived').filter((i) => (i.querySelector('.desc')?.textContent ?? '').length > 20 && !/No description/.test(i.textContent ?? '')).length,
          outputs: items('m-outputs').filter((i) => i.querySelector('math')).length,
          evidenceTables: root.querySelectorAll('#m-evidence table').length,
          pre: root.querySelectorAll('pre').length,
          // MathML Core is laid out by Chromium: a fraction is taller than a line of text.
          fractionHeight: root.querySelector('#m-derived mfrac')?.getBoundingClientRect().height ?? 0,
        };
      });
      // Every state, derived quantity and output of ldn (models/ldn.ts) as MathML, each described; no equation left as code.
      const n = { odes: ldn.states.length, derived: ldn.expressions.length, outputs: ldn.outputs.length };
      expect(counts).toMatchObject({ ...n, described: n.derived, pre: 0 });
      expect(counts.evidenceTables).toBeGreaterThanOrEqual(3);
      expect(counts.fractionHeight).toBeGreaterThan(24);
      await page.getByRole('link', { name: 'Derived quantities' }).click();
      await expect.poll(() => deepFocus(p.page)).toBe('h3:Derived quantities');
      expect(p.page.url()).not.toContain('m-derived'); // the hash stays the scenario's
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('at 360 × 740 the dose slider and the blockade chart are on screen together, and every control on every tab is ≥ 24 × 24 px', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    try {
      await p.page.goto(ctx.server.url);
      await waitForCharts(p.page);
      const slider = await p.page.getByRole('slider', { name: /Dose/ }).boundingBox();
      const chart = await p.page.locator('ldn-chart[data-id=blockade] svg.chart').boundingBox();
      expect(slider && chart).toBeTruthy();
      for (const box of [slider!, chart!]) {
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(740);
      }
      for (const tab of ['Simulator', 'Model', 'Research']) {
        await p.page.getByRole('tab', { name: tab }).click();
        if (tab === 'Research') await p.page.locator('ldn-research-panel h2').first().waitFor();
        if (tab === 'Model') await p.page.locator('ldn-model-page').getByTestId('evidence').waitFor({ timeout: 15_000 });
        const small = await p.page.evaluate(() => {
          const out: string[] = [];
          const visit = (root: Document | ShadowRoot) => {
            for (const el of Array.from(root.querySelectorAll('*'))) {
              if (el.shadowRoot) visit(el.shadowRoot);
              if (!el.matches('button, input, select, summary, a[href], textarea, [role=slider], [role=tab], [tabindex="0"]')) continue;
              const r = el.getBoundingClientRect();
              if (r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24)) out.push(`${el.tagName} ${Math.round(r.width)}×${Math.round(r.height)} ${(el.textContent ?? '').trim().slice(0, 30)}`);
            }
          };
          visit(document);
          return out;
        });
        expect(small, tab).toEqual([]);
      }
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('focus stays on the control after Pin, Unpin, Dismiss and a parameter reset; Play under reduced motion steps once a second', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}#dose=oops`); // a bad link: a notice with a Dismiss button
      await waitForCharts(p.page);
      await p.page.getByRole('button', { name: 'Pin this scenario' }).focus();
      await p.page.keyboard.press('Enter');
      await expect.poll(() => deepFocus(p.page)).toBe('button:Remove pinned scenario');
      await p.page.keyboard.press('Enter');
      await expect.poll(() => deepFocus(p.page)).toBe('button:Pin this scenario');
      await p.page.getByRole('button', { name: 'Dismiss' }).focus();
      await p.page.keyboard.press('Enter');
      await expect.poll(() => deepFocus(p.page)).toBe('button#tab-sim:Simulator');
      // A parameter's reset button disappears once used: focus moves to the parameter's field, not the page.
      await p.page.locator('details.params > summary').click();
      const row = p.page.locator('ldn-param-panel li:has(input[type=range])').first();
      const label = (await row.locator('label.name').textContent())!.trim();
      // Any other value within the parameter's bounds (its number field takes any): half as much again.
      await row.locator('input[type=number]').fill(String(Number(await row.locator('input[type=number]').inputValue()) * 1.5));
      await row.locator('input[type=number]').press('Enter');
      await p.page.getByRole('button', { name: `Reset ${label}` }).focus();
      await p.page.keyboard.press('Enter');
      await expect.poll(() => p.page.getByRole('button', { name: `Reset ${label}` }).count()).toBe(0);
      await expect.poll(() => deepFocus(p.page)).toMatch(/^input#p-/);
      await p.page.getByRole('button', { name: 'Reset all parameters' }).focus();
      await p.page.keyboard.press('Enter');
      await expect.poll(() => deepFocus(p.page)).toBe('button:Reset all parameters');

      const cursor = p.page.getByRole('slider', { name: 'Time cursor', exact: true });
      await p.page.getByRole('button', { name: /Play/ }).click();
      const seen = new Set<number>();
      for (let i = 0; i < 12; i++) { seen.add(Number(await cursor.inputValue())); await p.page.waitForTimeout(200); }
      // 3 h/s: whole steps of 3 h, a second apart (never the 60 small moves a second of an animation).
      expect(seen.size).toBeGreaterThanOrEqual(2);
      expect(seen.size).toBeLessThanOrEqual(4);
      for (const v of seen) expect(v % 3).toBeCloseTo(2 % 3, 6); // the cursor starts at 2 h
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
