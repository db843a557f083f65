import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from './helpers/browser';
import { servedDist } from './helpers/dist';

// The "start at steady state" switch of the built app (dist/), by keyboard, in real Chromium.

/** The `d` of the first chart's curves, once drawn. */
async function curves(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const d = document.querySelector('ldn-app')?.shadowRoot?.querySelector('ldn-chart')?.shadowRoot?.querySelector('path[data-key]')?.getAttribute('d');
    return !!d && d.length > 20;
  }, undefined, { timeout: 30_000 });
  return page.evaluate(() => [...document.querySelector('ldn-app')!.shadowRoot!.querySelector('ldn-chart')!.shadowRoot!.querySelectorAll('path[data-key]')]
    .map((x) => x.getAttribute('d')).join('|'));
}

describe('app: start at steady state', () => {
  const ctx = servedDist({ basePath: '/app/' });

  it('the switch is a labelled checkbox with a hint; Space turns it on, the URL gets ss=1, the curves change, and a link restores it', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      const before = await curves(p.page);
      const box = p.page.getByRole('checkbox', { name: 'Start at steady state' });
      expect(await box.isChecked()).toBe(false);
      await expect.poll(() => box.getAttribute('aria-describedby')).toBe('hint');
      await box.focus();
      await p.page.keyboard.press('Space');
      await p.page.waitForFunction(() => location.hash.includes('ss=1'), undefined, { timeout: 10_000 });
      await p.page.waitForFunction((old) => {
        const paths = document.querySelector('ldn-app')?.shadowRoot?.querySelector('ldn-chart')?.shadowRoot?.querySelectorAll('path[data-key]');
        return !!paths && [...paths].map((x) => x.getAttribute('d')).join('|') !== old;
      }, before, { timeout: 30_000 });
      expect(await curves(p.page)).not.toBe(before);
      const url = p.page.url();
      const q = await openPage(ctx.browser, { reducedMotion: 'reduce' });
      try {
        await q.page.goto(url);
        await curves(q.page);
        expect(await q.page.getByRole('checkbox', { name: 'Start at steady state' }).isChecked()).toBe(true);
        expect(q.errors()).toEqual([]);
      } finally {
        await q.close();
      }
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);
});
