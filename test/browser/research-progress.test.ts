import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from './helpers/browser';
import { servedDist } from './helpers/dist';

// Issue #17, "Long but legal work runs in a worker with progress from the start and a Cancel that works": population
// and sweep runs in the Research tab show their progress bar and Cancel in the very update that starts them (before
// any chunk can have come back from a worker), the bar moves while the run goes on, and Cancel stops it at once.

/** Clicks `action` in the panel from inside the page and reads the panel right after its update (no task boundary). */
function startAndRead(page: Page, action: string, progressName: string): Promise<{ progress: number | null; cancel: boolean }> {
  return page.evaluate(async ({ action, progressName }) => {
    const panel = document.querySelector('ldn-app')!.shadowRoot!.querySelector('ldn-research-panel')! as unknown as HTMLElement & { updateComplete: Promise<unknown> };
    const root = panel.shadowRoot!;
    (root.querySelector(`[data-action="${action}"]`) as HTMLButtonElement).click();
    await panel.updateComplete;
    const bar = root.querySelector(`progress[aria-label="${progressName}"]`) as HTMLProgressElement | null;
    return { progress: bar ? bar.value : null, cancel: !!root.querySelector(`[data-action="${action === 'population' ? 'pop' : action}-cancel"]`) };
  }, { action, progressName });
}

/** Waits until the bar shows a fraction strictly between 0 and 1: the run reports progress while it goes on. */
async function waitForMovingBar(panel: Locator, name: string): Promise<number> {
  const bar = panel.getByRole('progressbar', { name });
  let seen = 0;
  await expect.poll(async () => {
    seen = (await bar.count()) ? Number(await bar.evaluate((el) => (el as HTMLProgressElement).value)) : -1;
    return seen > 0 && seen < 1;
  }, { timeout: 120_000, interval: 50 }).toBe(true);
  return seen;
}

describe('research tab: population and sweep show progress from the start, and Cancel stops them at once (issue #17)', () => {
  const ctx = servedDist({ basePath: '/app/' });

  it('population (2000 subjects, 28 days): bar at 0 and Cancel in the first update, the bar moves, Cancel removes it and no result follows', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=28`);
      await p.page.getByRole('tab', { name: 'Research' }).click();
      const panel = p.page.locator('ldn-research-panel');
      await panel.locator('svg[data-base] path.median').first().waitFor({ state: 'attached', timeout: 30_000 });
      const n = panel.locator('input[type=number]').first();
      await n.fill('2000');
      await n.dispatchEvent('change');
      expect(await startAndRead(p.page, 'population', 'Population progress')).toEqual({ progress: 0, cancel: true });
      await waitForMovingBar(panel, 'Population progress');
      await panel.getByRole('button', { name: 'Cancel the population run' }).click();
      await panel.getByTestId('pop-cancelled').waitFor({ timeout: 2_000 });
      expect(await panel.getByRole('progressbar', { name: 'Population progress' }).count()).toBe(0);
      await p.page.waitForTimeout(1_000);
      expect(await panel.getByTestId('pop-summary').count()).toBe(0);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 180_000);

  it('sweep (40 × 40 grid): bar at 0 and Cancel in the first update, the bar moves, Cancel removes it and no heat map follows', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce' });
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=3`);
      await p.page.getByRole('tab', { name: 'Research' }).click();
      const panel = p.page.locator('ldn-research-panel');
      await panel.locator('svg[data-base] path.median').first().waitFor({ state: 'attached', timeout: 30_000 });
      for (const field of ['0-points', '1-points']) {
        await panel.locator(`[data-axis="${field}"]`).fill('40');
        await panel.locator(`[data-axis="${field}"]`).dispatchEvent('change');
      }
      expect(await startAndRead(p.page, 'sweep', 'Sweep progress')).toEqual({ progress: 0, cancel: true });
      await waitForMovingBar(panel, 'Sweep progress');
      await panel.getByRole('button', { name: 'Cancel the sweep' }).click();
      await panel.getByTestId('sweep-cancelled').waitFor({ timeout: 2_000 });
      expect(await panel.getByRole('progressbar', { name: 'Sweep progress' }).count()).toBe(0);
      await p.page.waitForTimeout(1_000);
      expect(await panel.locator('svg.heatmap rect.cell').count()).toBe(0);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 180_000);
});
