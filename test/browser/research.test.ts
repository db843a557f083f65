import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/csv';
import { openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';

// The Research tab of the built app (dist/) in real Chromium, under the same strict CSP as app.test.ts.
const CSP = STRICT_CSP;
const SHOTS = process.env.LDN_SIM_SHOTS; // a directory: save screenshots there (for looking at the panel)

async function openResearch(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('tab', { name: 'Research' }).click();
  await page.locator('ldn-research-panel svg[data-base] path.median').first().waitFor({ state: 'attached', timeout: 20_000 });
}

async function downloadText(page: Page, selector: string): Promise<{ text: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { text: readFileSync((await d.path())!, 'utf8'), name: d.suggestedFilename() };
}

describe('the research panel (dist/) in Chromium', () => {
  const ctx = servedDist({ basePath: '/course/ldn/', headers: { 'Content-Security-Policy': CSP } });

  it('Cancel stops a long population run (workers restarted), keeps the page usable, and the next run completes', async () => {
    const p = await openPage(ctx.browser);
    try {
      await openResearch(p.page, `${ctx.server.url}#dose=4.5&at=22:00&days=28`);
      const panel = p.page.locator('ldn-research-panel');
      const n = panel.locator('input[type=number]').first();
      await n.fill('2000');
      await n.dispatchEvent('change');
      await panel.locator('[data-action=population]').click();
      const cancel = panel.getByRole('button', { name: 'Cancel the population run' });
      await cancel.waitFor({ timeout: 10_000 });
      await cancel.click();
      await panel.getByTestId('pop-cancelled').waitFor({ timeout: 5_000 });
      await expect(panel.locator('progress').count()).resolves.toBe(0);
      await expect(panel.getByTestId('pop-summary').count()).resolves.toBe(0);
      // The next run uses the restarted workers and completes.
      await n.fill('40');
      await n.dispatchEvent('change');
      await panel.locator('[data-action=population]').click();
      await panel.getByTestId('pop-summary').waitFor({ timeout: 60_000 });
      await expect(panel.getByTestId('pop-summary').textContent()).resolves.toMatch(/^40 subjects/);
      await expect(panel.getByTestId('pop-cancelled').count()).resolves.toBe(0);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a one-compartment population draws bands, and its CSV has time_h, clock_h and <output>_p05/_p50/_p95', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      await openResearch(p.page, `${ctx.server.url}#model=one-compartment&dose=50&at=08:00&days=1`);
      const panel = p.page.locator('ldn-research-panel');
      await panel.locator('input[type=number]').first().fill('120');
      await panel.locator('input[type=number]').first().dispatchEvent('change');
      await panel.locator('[data-action=population]').click();
      await panel.locator('svg[data-band] path.band').first().waitFor({ state: 'attached', timeout: 30_000 });
      await expect(panel.getByTestId('pop-summary').textContent()).resolves.toMatch(/120 subjects, seed 1, 3 parameters varied/);
      const { text, name } = await downloadText(p.page, 'ldn-research-panel [data-action=pop-csv]');
      expect(name).toMatch(/population\.csv$/);
      const rows = parseCsv(text);
      expect(rows[0]!.slice(0, 5)).toEqual(['time_h', 'clock_h', 'conc_mg_per_l_p05', 'conc_mg_per_l_p50', 'conc_mg_per_l_p95']);
      const i = rows[0]!.indexOf('conc_mg_per_l_p05');
      const body = rows.slice(1).map((r) => r.map(Number));
      expect(body.every((r) => r[i]! <= r[i + 1]! && r[i + 1]! <= r[i + 2]!)).toBe(true);
      expect(body.some((r) => r[i + 2]! > r[i]! * 1.2)).toBe(true); // a real spread with CL/F 48%
      if (SHOTS) await p.page.screenshot({ path: `${SHOTS}/research-population.png`, fullPage: true });
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('ldn declares its variability (the hint lists it, the assumption marked; the Model tab gives the sources) and its bands open around the median', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      await openResearch(p.page, `${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      const panel = p.page.locator('ldn-research-panel');
      await expect(panel.getByTestId('no-variability').count()).resolves.toBe(0);
      await expect(panel.getByTestId('declared-variability').textContent()).resolves
        .toMatch(/cl_f_naltrexone_l_per_h 48\.5%, cl_app_naltrexol_l_per_h 29\.6%, v_app_naltrexol_l 50% \(assumption\), kp_brain 31%/);
      await panel.locator('input[type=number]').first().fill('40');
      await panel.locator('input[type=number]').first().dispatchEvent('change');
      await panel.locator('[data-action=population]').click();
      await panel.locator('svg[data-band] path.band').first().waitFor({ state: 'attached', timeout: 30_000 });
      await expect(panel.getByTestId('pop-summary').textContent()).resolves.toMatch(/40 subjects, seed 1, 4 parameters varied/);
      const rows = parseCsv((await downloadText(p.page, 'ldn-research-panel [data-action=pop-csv]')).text);
      const body = rows.slice(1).map((r) => r.map(Number)).filter((r) => r[0]! > 0); // at time 0 nothing is dosed yet
      for (const name of ['naltrexone_plasma_ng_per_ml', 'mu_blockade']) {
        const i = rows[0]!.indexOf(`${name}_p05`);
        expect(i, name).toBeGreaterThan(1);
        expect(body.every((r) => r[i]! < r[i + 1]! && r[i + 1]! < r[i + 2]!), name).toBe(true);
      }
      // CL/F's 48.5% (Bertolotti 1997) alone would put the 95th percentile of a concentration ≥ 1.3× the 5th.
      const i = rows[0]!.indexOf('naltrexone_plasma_ng_per_ml_p05');
      expect(body.some((r) => r[i + 2]! > 1.3 * r[i]!)).toBe(true);
      // "Sources on the Model tab": the variability table with the sources, the assumption badged.
      await p.page.getByRole('tab', { name: 'Model' }).click();
      const table = p.page.locator('ldn-model-page table[data-testid=variability]');
      await expect(table.locator('tbody tr').count()).resolves.toBe(4);
      await expect(table.locator('tbody tr', { hasText: 'cl_f_naltrexone_l_per_h' }).textContent()).resolves.toMatch(/Bertolotti/);
      await expect(table.locator('tbody tr', { hasText: 'v_app_naltrexol_l' }).locator('.badge').textContent()).resolves.toBe('assumption');
      await expect(table.locator('.badge').count()).resolves.toBe(1);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('without variability the bands collapse onto the median: every ldn CV set to 0, and a model that declares none (the note says so)', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      await openResearch(p.page, `${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      const panel = p.page.locator('ldn-research-panel');
      const collapsed = async () => {
        await panel.locator('input[type=number]').first().fill('5');
        await panel.locator('input[type=number]').first().dispatchEvent('change');
        await panel.locator('[data-action=population]').click();
        await panel.locator('svg[data-band] path.band').first().waitFor({ state: 'attached', timeout: 30_000 });
        await expect(panel.getByTestId('pop-summary').textContent()).resolves.toMatch(/5 subjects, seed 1, 0 parameters varied/);
        const rows = parseCsv((await downloadText(p.page, 'ldn-research-panel [data-action=pop-csv]')).text);
        const i = rows[0]!.indexOf('mu_blockade_p05');
        expect(i).toBeGreaterThan(1);
        expect(rows.slice(1).every((r) => r[i] === r[i + 1] && r[i + 1] === r[i + 2])).toBe(true);
      };
      // 1. The model's entries removed in the CV table (0 removes one).
      const pop = panel.locator('[data-section=population]');
      await pop.locator('details summary').click();
      for (const name of ['cl_f_naltrexone_l_per_h', 'cl_app_naltrexol_l_per_h', 'v_app_naltrexol_l', 'kp_brain']) {
        await pop.locator(`input[data-cv=${name}]`).fill('0');
        await pop.locator(`input[data-cv=${name}]`).dispatchEvent('change');
      }
      await expect(pop.locator('details summary').textContent()).resolves.toMatch(/\(0 parameters varied\)/);
      await collapsed();
      // 2. ldn without its variability, as a custom model: the note says the bands collapse.
      const area = panel.locator('textarea[data-input=model]');
      const { variability: _v, ...fixed } = JSON.parse(await area.inputValue());
      await area.fill(JSON.stringify({ ...fixed, id: 'ldn-fixed', title: 'ldn without variability' }));
      await panel.locator('[data-action=validate-model]').click();
      await expect(panel.getByTestId('base-desc').textContent()).resolves.toMatch(/ldn without variability \(custom model\)/);
      await expect(panel.getByTestId('no-variability').textContent()).resolves.toMatch(/declares no between-subject variability: the bands collapse onto the median/);
      await collapsed();
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a dose × clock sweep draws N×M cells, reads by keyboard, and its one-compartment peak equals the Bateman maximum', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      await openResearch(p.page, `${ctx.server.url}#model=one-compartment&dose=50&at=08:00&days=1`);
      const panel = p.page.locator('ldn-research-panel');
      await panel.locator('[data-axis="0-points"]').fill('4');
      await panel.locator('[data-axis="0-points"]').dispatchEvent('change');
      await panel.locator('[data-axis="1-points"]').fill('3');
      await panel.locator('[data-axis="1-points"]').dispatchEvent('change');
      await panel.locator('[data-action=sweep]').click();
      await panel.locator('svg.heatmap rect.cell').first().waitFor({ state: 'attached', timeout: 30_000 });
      expect(await panel.locator('svg.heatmap rect.cell').count()).toBe(12);
      await panel.locator('svg.heatmap').focus();
      await p.page.keyboard.press('ArrowRight');
      await expect(panel.getByTestId('cell-readout').textContent()).resolves.toMatch(/Dose \(mg\) .*, Dosing clock time \d\d:\d\d: /);
      await expect(panel.getByTestId('sweep-summary').textContent()).resolves.toMatch(/over 12 cells: highest/);
      const rows = parseCsv((await downloadText(p.page, 'ldn-research-panel [data-action=sweep-csv]')).text);
      expect(rows[0]).toEqual(['dose_mg', 'at_clock_h', 'conc_mg_per_l_max']);
      // Bateman: C(t) = F·D·ka/(V(ka−k))·(e^(−kt) − e^(−ka·t)), maximal at tmax = ln(ka/k)/(ka−k).
      const ka = 2, k = 475 / 3000, V = 3000;
      const tmax = Math.log(ka / k) / (ka - k);
      for (const r of rows.slice(1)) {
        const D = Number(r[0]);
        const cmax = (D * ka) / (V * (ka - k)) * (Math.exp(-k * tmax) - Math.exp(-ka * tmax));
        expect(Math.abs(Number(r[2]) - cmax) / cmax).toBeLessThan(2e-3); // grid of 2 min around the peak
      }
      if (SHOTS) await p.page.screenshot({ path: `${SHOTS}/research-sweep.png`, fullPage: true });
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('sensitivity draws a tornado with bars sorted by |S|; AUC of a one-compartment run has S = −1 to CL/F', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      await openResearch(p.page, `${ctx.server.url}#model=one-compartment&dose=50&at=08:00&days=3`);
      const panel = p.page.locator('ldn-research-panel');
      await panel.locator('[data-select=sens-metric]').selectOption('auc:conc_mg_per_l');
      await panel.locator('[data-action=sensitivity]').click();
      await panel.locator('svg.tornado g.bar rect').first().waitFor({ state: 'attached', timeout: 30_000 });
      const widths = (await panel.locator('svg.tornado g.bar rect').evaluateAll((els) => els.map((e) => Number(e.getAttribute('width')))));
      expect(widths.length).toBeGreaterThan(2);
      expect([...widths].sort((a, b) => b - a)).toEqual(widths);
      const rows = parseCsv((await downloadText(p.page, 'ldn-research-panel [data-action=sens-csv]')).text);
      expect(rows[0]).toEqual(['parameter', 'value', 'unit', 'difference', 'conc_mg_per_l_auc_sensitivity']);
      const cl = rows.find((r) => r[0] === 'cl_l_per_h')!;
      expect(Number(cl[4])).toBeCloseTo(-1, 1); // AUC = F·D/CL, less the tail beyond 72 h
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a broken custom model names the field and expression; a valid one runs', async () => {
    const p = await openPage(ctx.browser);
    try {
      await openResearch(p.page, `${ctx.server.url}#model=one-compartment&dose=50&at=08:00&days=1`);
      const panel = p.page.locator('ldn-research-panel');
      const area = panel.locator('textarea[data-input=model]');
      const json = JSON.parse(await area.inputValue());
      const broken = { ...json, id: 'my-model', expressions: json.expressions.map((e: { name: string; expr: string }, i: number) => (i === 0 ? { ...e, expr: 'cl_l_per_h / v_litres' } : e)) };
      await area.fill(JSON.stringify(broken, null, 2));
      await panel.locator('[data-action=validate-model]').click();
      const err = await panel.getByTestId('model-error').textContent();
      expect(err).toMatch(/expressions\[0\]/);
      expect(err).toMatch(/v_litres/);
      const fixed = { ...json, id: 'my-model', title: 'My model', parameters: json.parameters.map((q: { name: string; value: number }) => (q.name === 'cl_l_per_h' ? { ...q, value: 237.5 } : q)) };
      await area.fill(JSON.stringify(fixed));
      await panel.locator('[data-action=validate-model]').click();
      await expect(panel.getByTestId('base-desc').textContent()).resolves.toMatch(/My model \(custom model\)/);
      await expect(panel.getByTestId('model-error').count()).resolves.toBe(0);
      await panel.locator('svg[data-base] path.median').first().waitFor({ state: 'attached' });
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('an event table runs; a bad one names the line and column', async () => {
    const p = await openPage(ctx.browser);
    try {
      await openResearch(p.page, `${ctx.server.url}#model=one-compartment&dose=50&at=08:00&days=1`);
      const panel = p.page.locator('ldn-research-panel');
      const area = panel.locator('textarea[data-input=events]');
      await area.fill('time_h,drug,amt_mg,ii_h,addl\n0,drug,50,,\n12,drug,lots,,\n');
      await panel.locator('[data-action=events]').click();
      await expect(panel.getByTestId('events-error').textContent()).resolves.toMatch(/line 3, column amt_mg/);
      await panel.locator('input[data-input=events-file]').setInputFiles({ name: 'doses.csv', mimeType: 'text/csv', buffer: Buffer.from('time_h,drug,amt_mg,ii_h,addl\r\n0,drug,25,12,5\r\n') });
      await expect.poll(() => panel.getByTestId('base-desc').textContent(), { timeout: 10_000 }).toMatch(/1 dosing record, 4 days from 08:00 .*imported event table/);
      await expect(panel.getByTestId('events-error').count()).resolves.toBe(0);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a sweep scenario downloaded and loaded again restores the run and gives the same CSV', async () => {
    const p = await openPage(ctx.browser, { acceptDownloads: true });
    try {
      await openResearch(p.page, `${ctx.server.url}#model=one-compartment&dose=50&at=08:00&days=2`);
      const panel = p.page.locator('ldn-research-panel');
      await panel.locator('[data-axis="0-points"]').fill('3');
      await panel.locator('[data-axis="0-points"]').dispatchEvent('change');
      await panel.locator('[data-axis="1-points"]').fill('2');
      await panel.locator('[data-axis="1-points"]').dispatchEvent('change');
      await panel.locator('[data-action=sweep]').click();
      await panel.locator('svg.heatmap rect.cell').first().waitFor({ state: 'attached', timeout: 30_000 });
      const csv = (await downloadText(p.page, 'ldn-research-panel [data-action=sweep-csv]')).text;
      const scen = await downloadText(p.page, 'ldn-research-panel [data-action=sweep-scenario]');
      expect(JSON.parse(scen.text)).toMatchObject({ ldn_sim_scenario: 1, kind: 'sweep', model: { id: 'one-compartment' } });
      // A fresh page on another scenario, then load the file.
      await openResearch(p.page, `${ctx.server.url}#dose=4.5&at=22:00&days=1`);
      await panel.locator('input[data-input=scenario-file]').setInputFiles({ name: scen.name, mimeType: 'application/json', buffer: Buffer.from(scen.text) });
      await panel.locator('svg.heatmap rect.cell').nth(5).waitFor({ state: 'attached', timeout: 30_000 });
      await expect.poll(() => panel.getByTestId('base-desc').textContent()).toMatch(/One-compartment.*loaded scenario file/s);
      expect((await downloadText(p.page, 'ldn-research-panel [data-action=sweep-csv]')).text).toBe(csv);
      // A broken file names the field.
      await panel.locator('input[data-input=scenario-file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(scen.text.replace('"end_h": 48', '"end_h": -1')) });
      await expect(panel.getByTestId('scenario-error').textContent()).resolves.toMatch(/bad\.json: end_h/);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('is usable at 360 px: nothing wider than the screen', async () => {
    const p = await openPage(ctx.browser, { viewport: { width: 360, height: 740 } });
    try {
      await openResearch(p.page, `${ctx.server.url}#model=one-compartment&dose=50&at=08:00&days=1`);
      const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(360);
      if (SHOTS) await p.page.screenshot({ path: `${SHOTS}/research-360.png`, fullPage: true });
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
