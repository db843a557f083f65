import { describe, expect, it } from 'vitest';
import { openPage } from './helpers/browser';
import { servedDist } from './helpers/dist';

// Issue #17, Research: progress and Cancel for the sensitivity analysis too, nice sweep axis ticks, full tornado labels.

describe('research tab: progress, cancel, readable axes (issue #17)', () => {
  const ctx = servedDist({ basePath: '/app/' });

  it('sensitivity shows progress and a Cancel that keeps no half result; run again, its tornado prints every label in full', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&days=3`);
      await p.page.getByRole('tab', { name: 'Research' }).click();
      const panel = p.page.locator('ldn-research-panel');
      await panel.locator('svg[data-base] path.median').first().waitFor({ state: 'attached', timeout: 30_000 });
      await panel.locator('[data-action=sensitivity]').click();
      await panel.getByRole('progressbar', { name: 'Sensitivity progress' }).waitFor({ timeout: 10_000 });
      await panel.getByRole('button', { name: 'Cancel the sensitivity analysis' }).click();
      await panel.getByTestId('sens-cancelled').waitFor();
      expect(await panel.locator('svg.tornado').count()).toBe(0);
      expect(await panel.getByRole('progressbar', { name: 'Sensitivity progress' }).count()).toBe(0);

      await panel.locator('[data-action=sensitivity]').click();
      await panel.locator('svg.tornado g.bar').first().waitFor({ state: 'attached', timeout: 90_000 });
      const labels = await p.page.evaluate(() => {
        const root = document.querySelector('ldn-app')!.shadowRoot!.querySelector('ldn-research-panel')!.shadowRoot!;
        return Array.from(root.querySelectorAll('svg.tornado g.bar')).map((g) => ({
          shown: Array.from(g.querySelectorAll('text.label tspan')).map((t) => t.textContent).join(' '),
          full: (g.querySelector('title')?.textContent ?? '').replace(/: S = .*$/, ''),
        }));
      });
      expect(labels.length).toBeGreaterThan(10);
      for (const l of labels) expect(l.shown).toBe(l.full.replace(/\s+/g, ' '));
      expect(labels.some((l) => l.shown.length > 30)).toBe(true);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 180_000);

  it('a dose × clock sweep labels its axes at round doses and whole hours, not at grid values like 0.8077 or 07:14', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}#model=one-compartment&dose=50&at=08:00&days=1`);
      await p.page.getByRole('tab', { name: 'Research' }).click();
      const panel = p.page.locator('ldn-research-panel');
      await panel.locator('svg[data-base] path.median').first().waitFor({ state: 'attached', timeout: 30_000 });
      for (const [field, value] of [['0-points', '13'], ['1-points', '17']] as const) {
        await panel.locator(`[data-axis="${field}"]`).fill(value);
        await panel.locator(`[data-axis="${field}"]`).dispatchEvent('change');
      }
      await panel.locator('[data-action=sweep]').click();
      await panel.locator('svg.heatmap rect.cell').first().waitFor({ state: 'attached', timeout: 60_000 });
      const ticks = async (cls: string) => panel.locator(`svg.heatmap text.${cls}`).allTextContents();
      const xs = await ticks('xt');
      const ys = await ticks('yt');
      expect(xs.length).toBeGreaterThanOrEqual(2);
      expect(ys.length).toBeGreaterThanOrEqual(2);
      for (const t of [...xs, ...ys]) {
        if (/:/.test(t)) expect(t).toMatch(/^\d\d:00$/);
        else expect(Number(Number(t).toPrecision(1)) === Number(t) || Number(Number(t).toPrecision(2)) === Number(t), t).toBe(true);
      }
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);
});
