import { describe, expect, it } from 'vitest';
import { openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';

// Issue #15: in Spanish the page's numbers use the decimal comma (Intl), through ui/format.ts: the dose slider's
// marks and value, the charts' axis ticks and the embed panel, under the app's strict CSP.
const APP_CSP = STRICT_CSP;

describe('the app in Spanish (?lang=es) formats numbers for the language', () => {
  const ctx = servedDist({ basePath: '/course/ldn/', headers: { 'Content-Security-Policy': APP_CSP } });

  it('the dose slider shows "4,5" (marks, value, spoken value) and the y-axis ticks have "," decimals and no "."; English keeps "4.5"; no console errors', async () => {
    for (const [lang, dec, other] of [['es', ',', '.'], ['en', '.', ',']] as const) {
      const p = await openPage(ctx.browser, { locale: 'en-US' });
      try {
        await p.page.goto(`${ctx.server.url}?lang=${lang}`);
        const chart = p.page.locator('ldn-chart').first();
        await p.explain(chart.locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 30_000 }));
        const slider = p.page.locator('ldn-dose-slider');
        const marks = await slider.locator('.mark').allTextContents();
        expect(marks).toEqual(['0.5', '4.5', '50', '100'].map((m) => m.replace('.', dec)));
        expect(await slider.locator('output').textContent()).toBe(`4${dec}5 mg`);
        expect(await slider.locator('input[type="range"]').getAttribute('aria-valuetext')).toBe(`4${dec}5 mg`);
        // The exact-dose field is a number input: its value stays machine-readable.
        expect(await slider.locator('input[type="number"]').inputValue()).toBe('4.5');
        // The rebound chart (× baseline, near 1) has decimal ticks.
        await p.page.locator('ldn-chart').last().locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 30_000 });
        const ticks = await p.page.locator('ldn-chart g.tick text').allTextContents();
        const decimals = ticks.filter((t) => /\d[.,]\d/.test(t));
        expect(decimals.length, `decimal ticks among ${ticks.join(' | ')}`).toBeGreaterThan(0);
        expect(decimals.every((t) => t.includes(dec) && !t.includes(other)), ticks.join(' | ')).toBe(true);
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    }
  });

  // The models' own texts (labels of parameters, outputs, presets; the title) come from ui/i18n/models-es.ts in Spanish.
  it('model texts: a parameter label, the liver presets, the model menu and title, a Research metric name and a fallback chart legend are Spanish with ?lang=es, English without; no console errors', async () => {
    const WANT = {
      es: { param: 'Ki de la naltrexona en los receptores mu', group: 'Función hepática', option: 'Cirrosis compensada', title: 'Naltrexona en dosis bajas', modelTab: 'Modelo', researchTab: 'Investigación', metric: 'Máximo de naltrexona plasmática', legend: 'Cantidad en el compartimento periférico' },
      en: { param: 'Naltrexone Ki at mu receptors', group: 'Liver function', option: 'Compensated cirrhosis', title: 'Low-dose naltrexone', modelTab: 'Model', researchTab: 'Research', metric: 'Peak of Plasma naltrexone', legend: 'Amount in the peripheral compartment' },
    } as const;
    for (const lang of ['es', 'en'] as const) {
      const w = WANT[lang];
      const p = await openPage(ctx.browser, { locale: 'en-US' });
      try {
        await p.page.goto(`${ctx.server.url}?lang=${lang}`);
        await p.explain(p.page.locator('ldn-chart').first().locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 30_000 }));
        const panel = p.page.locator('ldn-param-panel');
        expect(await panel.locator('li[data-param="ki_naltrexone_mu_nm"] .name').textContent()).toBe(w.param);
        expect(await panel.locator('label[for="g-hepatic"]').textContent()).toBe(w.group);
        expect(await panel.locator('#g-hepatic option[value="compensated-cirrhosis"]').textContent()).toBe(w.option);
        expect(await p.page.locator('select#model option[value="ldn"]').textContent()).toMatch(new RegExp(`^${w.title}`));
        await p.page.getByRole('tab', { name: w.modelTab, exact: true }).click();
        await expect(p.page.locator('ldn-model-page h2#m-title').textContent({ timeout: 30_000 })).resolves.toContain(w.title);
        await p.page.getByRole('tab', { name: w.researchTab, exact: true }).click();
        const metrics = p.page.locator('ldn-research-panel [data-select="sweep-metric"] option');
        await metrics.first().waitFor({ state: 'attached', timeout: 30_000 });
        expect(await metrics.allTextContents()).toContain(w.metric);
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
      // A model without a chart configuration draws one chart per output, its legend the output's label.
      const q = await openPage(ctx.browser, { locale: 'en-US' });
      try {
        await q.page.goto(`${ctx.server.url}?lang=${lang}#model=two-compartment`);
        const legends = q.page.locator('ldn-chart header ul li');
        await q.explain(legends.first().waitFor({ state: 'attached', timeout: 30_000 }));
        expect(await legends.allTextContents()).toContain(w.legend);
        expect(q.errors()).toEqual([]);
      } finally {
        await q.close();
      }
    }
  });
});
