import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';
import { waitForAppCurves as waitForCurves } from './helpers/dom';

// Issue #13 in the built app (dist/), real Chromium, strict CSP: the blockade switch, the compare preset, the
// Evidence toggle on the blockade chart and the trade-off slider of the Model tab.
const CSP = STRICT_CSP;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const app = (page: Page) => page.locator('ldn-app');
const blockadeChart = (page: Page) => app(page).locator('ldn-chart').filter({ has: page.locator('svg[data-chart="blockade"]') });

async function summaryOf(page: Page): Promise<string> {
  return (await blockadeChart(page).locator('p.summary').textContent()) ?? '';
}

/** axe-core over the element (inside shadow roots), WCAG 2.x A/AA rules: the violations' ids and targets. */
async function axe(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async (sel) => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } };
    const r = await w.axe.run({ include: [['ldn-app', sel]] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, selector);
}

describe('issue #13 in the app: blockade switch, compare preset, Evidence toggle, trade-off slider', () => {
  const ctx = servedDist({ basePath: '/course/ldn/', headers: { 'Content-Security-Policy': CSP } });

  it('the switch beside the dose slider works by keyboard, says what each calibration rests on, reruns, and is kept in the link', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce', bypassCSP: true });
    try {
      await p.page.goto(ctx.server.url);
      await p.explain(waitForCurves(p.page));
      const sw = app(p.page).locator('ldn-blockade-switch');
      const brief = sw.getByRole('radio', { name: 'LDN hypothesis (brief; mouse data)' });
      const long = sw.getByRole('radio', { name: 'Human PET (long)' });
      await expect.poll(() => brief.isChecked()).toBe(true);
      expect(await sw.locator('#note').textContent()).toMatch(/hypothesis.*mice/);
      const before = await summaryOf(p.page);
      await brief.focus();
      await p.page.keyboard.press('ArrowRight'); // native radio group: the arrow moves and selects
      await expect.poll(() => long.isChecked()).toBe(true);
      expect(await sw.locator('#note').textContent()).toMatch(/human PET after 50 mg/);
      await expect.poll(() => p.page.evaluate(() => location.hash)).toMatch(/blockade=long/);
      await expect.poll(() => summaryOf(p.page), { timeout: 30_000 }).not.toBe(before);
      // the link restores it
      await p.page.reload();
      await p.explain(waitForCurves(p.page));
      await expect.poll(() => app(p.page).locator('ldn-blockade-switch').getByRole('radio', { name: 'Human PET (long)' }).isChecked()).toBe(true);
      expect(await axe(p.page, 'ldn-blockade-switch')).toEqual([]);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);

  it('"LDN hypothesis vs human PET" pins brief and shows long over it', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(ctx.server.url);
      await p.explain(waitForCurves(p.page));
      await app(p.page).getByRole('button', { name: 'LDN hypothesis vs human PET' }).click();
      await expect.poll(() => p.page.evaluate(() => location.hash)).toMatch(/(^|&|#)blockade=long/);
      expect(await p.page.evaluate(() => location.hash)).toMatch(/pin\.model=ldn/);
      expect(await p.page.evaluate(() => location.hash)).not.toMatch(/pin\.blockade/);
      await expect.poll(() => app(p.page).locator('.pinned-note').textContent()).toMatch(/Pinned/);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);

  it('Evidence marks the human figures of the scenario on the blockade chart, each with its citation on hover (title), on focus (the list highlights its mark) and in the text summary', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce', bypassCSP: true });
    try {
      await p.page.goto(ctx.server.url);
      await p.explain(waitForCurves(p.page));
      const toggle = app(p.page).getByRole('checkbox', { name: /Evidence/ });
      await toggle.check();
      // 4.5 mg daily: no human figure at that dose, and the summary says so
      await expect.poll(() => summaryOf(p.page)).toMatch(/No published human figure matches this scenario/);
      await app(p.page).getByRole('button', { name: '50 mg once, followed for a week (human PET)' }).click();
      await expect.poll(() => blockadeChart(p.page).locator('g.evidence g.mark').count(), { timeout: 30_000 }).toBe(4);
      const titles = await blockadeChart(p.page).locator('g.evidence g.mark title').allTextContents();
      expect(titles.some((t) => /92%, 98%.*Rabiner 2011/.test(t))).toBe(true);
      expect(titles.filter((t) => /Lee 1988, derived/.test(t))).toHaveLength(3);
      expect(await summaryOf(p.page)).toMatch(/Evidence: 4 published human figures marked.*Lee 1988/);
      const item = blockadeChart(p.page).locator('ul.evidence li[data-evidence="lee-50mg-48h"]');
      await item.focus();
      await expect.poll(() => blockadeChart(p.page).locator('g.mark[data-evidence="lee-50mg-48h"] line').first().getAttribute('stroke')).toBe('#D55E00');
      expect(await axe(p.page, 'section.results')).toEqual([]);
      await toggle.uncheck();
      await expect.poll(() => blockadeChart(p.page).locator('g.evidence').count()).toBe(0);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);

  it('the Model tab\'s trade-off slider moves along a curve the engine computed: towards long, the 50 mg blockade at 48 h and the LDN trough both rise', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(ctx.server.url);
      await p.explain(waitForCurves(p.page));
      await app(p.page).getByRole('tab', { name: 'Model' }).click();
      const bound = app(p.page).locator('ldn-blockade-bound');
      const slider = bound.getByRole('slider', { name: 'Position between the two calibrations' });
      await expect.poll(() => slider.isEnabled(), { timeout: 60_000 }).toBe(true);
      const read = async () => {
        const t = (await bound.locator('#bound-desc').textContent()) ?? '';
        const m = /PET would read (-?\d+)%.*leaves (\d+)%/.exec(t);
        return m ? [Number(m[1]), Number(m[2])] : null;
      };
      const first = await read();
      expect(first).not.toBeNull();
      await slider.focus();
      await p.page.keyboard.press('End');
      await expect.poll(() => bound.locator('output').textContent()).toMatch(/long \(human PET\)/);
      const last = await read();
      expect(last![0]!).toBeGreaterThan(first![0]! + 30);
      expect(last![1]!).toBeGreaterThan(first![1]! + 30);
      expect(await bound.locator('svg circle').count()).toBe(9);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);
});
