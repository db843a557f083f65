import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './helpers/axe';
import { openPage } from './helpers/browser';
import { servedDist } from './helpers/dist';

// Observations imported in the Research tab's fit card show on the Simulator's own charts (issue #14): matched by
// output column, with error bars, a <title> and a focusable list entry each, named in the chart's summary, and
// carried into the SVG export.
const OBS = [
  'time_h,output,value,sd,cv,lloq,group,dose_mg',
  '1,mu_blockade,0.40,0.05,,,g45,4.5',
  '2,mu_blockade,0.35,0.05,,,g45,4.5',
  '4,mu_blockade,0.25,0.05,,,g45,4.5',
  '8,mu_blockade,0.10,0.05,,,g45,4.5',
  '1,naltrexone_plasma_ng_per_ml,1.2,,0.2,,g45,4.5',
  '12,naltrexone_plasma_ng_per_ml,0.01,,,0.05,g45,4.5',
  '24,max:mu_blockade,0.5,0.05,,,g45,4.5',
].join('\n') + '\n';

describe('observed points on the Simulator charts (dist/) in Chromium', () => {
  const ctx = servedDist({ basePath: '/course/ldn/' });

  it('are drawn at their values with ± sd bars on the matching charts only, hollow when censored, listed and summarized, and exported', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      const page = p.page;
      await page.goto(`${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      await page.getByRole('tab', { name: 'Research' }).click();
      const fit = page.locator('ldn-fit-panel');
      await fit.locator('[data-input=observations]').waitFor({ timeout: 20_000 });
      await fit.locator('[data-input=observations]').fill(OBS);
      await fit.locator('[data-action=load-observations]').click();
      await fit.getByTestId('fit-message').waitFor({ timeout: 20_000 });
      await page.getByRole('tab', { name: 'Simulator' }).click();

      const blockade = page.locator('ldn-chart[data-id=blockade]');
      const points = blockade.locator('svg.chart g.observed g.point');
      await points.first().waitFor({ state: 'attached', timeout: 20_000 });
      // The 4 single-time mu_blockade rows; the max: summary row is not a point.
      await expect(points.count()).resolves.toBe(4);
      await expect(blockade.locator('svg.chart g.observed line.errorbar').count()).resolves.toBe(4);
      await expect(points.first().locator('title').textContent()).resolves.toBe('Group g45: Mu blockade 40 ± 5% at 1 h');
      // Placed on the chart's own y axis: 40% between the 0% and 100% ticks, the bar ±5 points around it.
      const geom = await blockade.evaluate((el) => {
        const svg = el.shadowRoot!.querySelector('svg.chart')!;
        const tickY = (label: string) => {
          const t = [...svg.querySelectorAll('g.y-axis g.tick')].find((g) => g.textContent === label)!;
          return Number(/translate\(0,([-\d.]+)\)/.exec(t.getAttribute('transform')!)![1]);
        };
        const first = svg.querySelector('g.observed g.point')!;
        const cy = Number(/translate\([-\d.]+,([-\d.]+)\)/.exec(first.querySelector('path.marker')!.getAttribute('transform')!)![1]);
        const bar = first.querySelector('line.errorbar')!;
        return { y0: tickY('0%'), y100: tickY('100%'), cy, b1: Number(bar.getAttribute('y1')), b2: Number(bar.getAttribute('y2')) };
      });
      // Within 1 px (d3 offsets tick lines by 0.5 px for crisp edges; 5 points of the axis are ~9 px here).
      const at = (v: number) => geom.y0 + v * (geom.y100 - geom.y0);
      expect(Math.abs(geom.y0 - geom.y100)).toBeGreaterThan(100);
      expect(Math.abs(geom.cy - at(0.40))).toBeLessThan(1);
      expect(Math.abs(Math.max(geom.b1, geom.b2) - at(0.35))).toBeLessThan(1);
      expect(Math.abs(Math.min(geom.b1, geom.b2) - at(0.45))).toBeLessThan(1);

      // Plasma: the two naltrexone rows, the one below its lloq hollow; other charts get none.
      const plasma = page.locator('ldn-chart[data-id=plasma]');
      await expect(plasma.locator('svg.chart g.observed g.point').count()).resolves.toBe(2);
      await expect(plasma.locator('svg.chart g.observed path.marker').nth(1).getAttribute('fill')).resolves.toBe('#ffffff');
      await expect(plasma.locator('svg.chart g.observed g.point').nth(1).locator('title').textContent()).resolves.toMatch(/below the quantification limit/);
      await expect(page.locator('ldn-chart[data-id=adaptation] svg.chart g.observed').count()).resolves.toBe(0);

      // Named in the summary; listed under the chart, each entry focusable and ringing its point.
      await expect(blockade.locator('p.summary').textContent()).resolves.toMatch(/Observed: 4 points from the Research tab's observations \(group g45\)/);
      await blockade.locator('details.observed summary').click();
      const items = blockade.locator('details.observed li');
      await expect(items.count()).resolves.toBe(4);
      await items.nth(2).focus();
      await expect(points.nth(2).locator('path.marker').getAttribute('stroke-width')).resolves.toBe('2.5');
      await expect(points.nth(0).locator('path.marker').getAttribute('stroke-width')).resolves.toBe('1.5');
      // The page with the points and the open list stays free of axe violations (WCAG 2.2 AA rules).
      expect(await axeViolations(page)).toEqual([]);

      // The SVG export carries the points and the summary sentence.
      const [d] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export=svg]').click()]);
      const svg = readFileSync((await d.path())!, 'utf8');
      expect(svg.match(/<g class="point"/g)?.length).toBe(6);
      expect(svg).toContain('Observed: 4 points');
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);
});
