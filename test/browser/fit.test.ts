import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { daily } from '../../engine/dosing';
import { builtinModel } from '../../models/registry';
import { column } from '../../engine/result';
import { simulate } from '../../engine/simulate';
import { openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';

// The Research tab's fit tool in the built app (dist/), in real Chromium under a strict CSP (no eval: the fit
// worker evaluates the model with closures).
const CSP = STRICT_CSP;

// Observations made by the engine at kp_brain = 0.5 (the model's value is 0.34): mu blockade after 4.5 mg and 15 mg.
const KP = 0.5;
function observations(): string {
  const model = builtinModel('ldn');
  const rows = ['time_h,output,value,sd,group,dose_mg'];
  for (const dose of [4.5, 15]) {
    const r = simulate(model, { events: daily({ drug: 'naltrexone', amtMg: dose, days: 1 }), endH: 12, stepH: 0.5, params: { kp_brain: KP } });
    const y = column(r, 'mu_blockade');
    for (const t of [1, 2, 4, 8]) rows.push(`${t},mu_blockade,${y[t * 2]},0.02,g${dose},${dose}`);
  }
  return rows.join('\n') + '\n';
}

async function openFit(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('tab', { name: 'Research' }).click();
  const fit = page.locator('ldn-fit-panel');
  await fit.locator('[data-input=observations]').waitFor({ timeout: 20_000 });
  return fit;
}

async function downloadText(page: Page, locator: ReturnType<Page['locator']>): Promise<{ text: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  return { text: readFileSync((await d.path())!, 'utf8'), name: d.suggestedFilename() };
}

describe('fitting in the Research tab (dist/) in Chromium', () => {
  const ctx = servedDist({ basePath: '/course/ldn/', headers: { 'Content-Security-Policy': CSP } });

  it('pasted observations are drawn with error bars; the fit in a worker recovers kp_brain; the table, residuals CSV, SVG export and Apply (the URL) follow', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      const fit = await openFit(p.page, `${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      await fit.locator('[data-input=observations]').fill(observations());
      await fit.locator('[data-action=load-observations]').click();
      await expect(fit.getByTestId('fit-message').textContent()).resolves.toBe('8 observations in 2 groups, 1 chart.');
      const chart = fit.locator('svg[data-fit-chart=mu_blockade]');
      await chart.locator('path.curve').first().waitFor({ state: 'attached', timeout: 20_000 });
      await expect(chart.locator('path.point').count()).resolves.toBe(8);
      await expect(chart.locator('line.errorbar').count()).resolves.toBe(8);
      await expect(chart.locator('path.curve').count()).resolves.toBe(2);

      await fit.locator('input[data-estimate=kp_brain]').check();
      await fit.locator('[data-action=fit]').click();
      const estimate = fit.locator('tr[data-param=kp_brain] [data-testid=estimate]');
      await estimate.waitFor({ timeout: 60_000 });
      // Noise-free data made at kp_brain 0.5: the fit returns it (4 significant digits shown).
      expect(Number(await estimate.textContent())).toBeCloseTo(KP, 3);
      await expect(fit.getByTestId('fit-summary').textContent()).resolves.toMatch(/over 8 observations and 1 parameter/);

      const res = await downloadText(p.page, fit.locator('[data-action=fit-residuals]'));
      expect(res.name).toBe('ldn-sim-ldn-fit-residuals.csv');
      const rows = parseCsv(res.text);
      expect(rows[0]).toEqual(['line', 'group', 'subject', 'time_h', 'output', 'observed', 'predicted', 'residual', 'censored']);
      expect(rows.length).toBe(9);
      for (const r of rows.slice(1)) expect(Math.abs(Number(r[7]))).toBeLessThan(1e-3);

      const svg = await downloadText(p.page, fit.locator('[data-action=fit-svg]').first());
      expect(svg.name).toBe('ldn-sim-fit-mu_blockade.svg');
      expect(svg.text.match(/class="point"/g)?.length).toBe(8);
      expect(svg.text.match(/class="errorbar"/g)?.length).toBe(8);

      await fit.locator('[data-action=fit-apply]').click();
      // The applied estimate lands in the link (to the fit's precision: 0.4999… or 0.5000… both round to 0.500).
      await p.page.waitForFunction(() => {
        const v = new URLSearchParams(location.hash.slice(1)).get('p.kp_brain');
        return v !== null && Math.abs(Number(v) - 0.5) < 5e-4;
      }, null, { timeout: 5000 });
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);

  it('a bad row is refused with its line and column; Cancel stops a long fit and leaves the page usable', async () => {
    const p = await openPage(ctx.browser);
    try {
      const fit = await openFit(p.page, `${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      await fit.locator('[data-input=observations]').fill('time_h,output,value\n1,mu_blockade,0.4\n2,mu_blockade,lots\n');
      await fit.locator('[data-action=load-observations]').click();
      await expect(fit.getByTestId('obs-error').textContent()).resolves.toBe('pasted observations line 3, column value: expected a finite number, got "lots"');

      await fit.locator('[data-input=observations]').fill(observations());
      await fit.locator('[data-action=load-observations]').click();
      for (const name of ['kp_brain', 'ka_naltrexone_per_h', 'cl_f_naltrexone_l_per_h', 'v_f_naltrexone_l', 't_half_brain_naltrexone_h']) {
        await fit.locator(`input[data-estimate=${name}]`).check();
      }
      await fit.locator('input[type=number]').fill('20');
      await fit.locator('input[type=number]').dispatchEvent('change');
      await fit.locator('[data-action=fit]').click();
      const cancel = fit.getByRole('button', { name: 'Cancel the fit' });
      await cancel.waitFor({ timeout: 10_000 });
      await cancel.click();
      await fit.getByTestId('fit-cancelled').waitFor({ timeout: 5000 });
      await expect(fit.locator('progress').count()).resolves.toBe(0);
      await expect(fit.getByTestId('fit-table').count()).resolves.toBe(0);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);
});
