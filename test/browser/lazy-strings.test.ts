import { describe, expect, it } from 'vitest';
import { openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';

// Issue #18: the strings of the tabs the first screen does not show (Research, fit, Model, Lessons, Embed) are
// tables of their own, in the chunks of those tabs, registered when the chunk arrives, after the page's language
// was applied. On a Spanish page each must still come up in Spanish (ui/i18n/es.ts), never in English.
describe('the lazily loaded tabs speak the page\'s language (issue #18)', () => {
  const ctx = servedDist({ headers: { 'Content-Security-Policy': STRICT_CSP } });

  it('?lang=es: the Research tab, its fit panel, the Model tab with the blockade bound, the Lessons tab and the Embed panel show their Spanish headings, not the English ones; no console errors', async () => {
    const p = await openPage(ctx.browser, { locale: 'en-US' });
    try {
      await p.page.goto(`${ctx.server.url}?lang=es`);
      await p.explain(p.page.locator('ldn-chart').first().locator('path[data-key]').first().waitFor({ state: 'attached', timeout: 30_000 }));
      const shows = async (element: string, es: string, en: string) => {
        const el = p.page.locator(element);
        await p.explain(el.getByText(es, { exact: false }).first().waitFor({ state: 'attached', timeout: 30_000 }));
        const text = await el.first().evaluate((e) => e.shadowRoot?.textContent ?? '');
        expect(text).toContain(es);
        expect(text, `${element} in English`).not.toContain(en);
      };
      // The Embed panel is on the Simulator tab, upgraded when the later panels' chunk arrives.
      await shows('ldn-embed-panel', 'Ponga este escenario en una página de curso', 'Put this scenario on a course page');
      await p.page.getByRole('tab', { name: 'Investigación', exact: true }).click();
      await shows('ldn-research-panel', 'Herramientas de investigación', 'Research tools');
      await shows('ldn-fit-panel', 'Ajuste a observaciones', 'Fit to observations');
      await p.page.getByRole('tab', { name: 'Modelo', exact: true }).click();
      await shows('ldn-model-page', 'El compromiso: el bloqueo de 50 mg frente al mínimo de la LDN', 'The trade-off');
      await shows('ldn-model-page', 'Limitaciones', 'Limitations');
      await p.page.getByRole('tab', { name: 'Lecciones', exact: true }).click();
      await shows('ldn-lessons', 'Lecciones guiadas', 'Guided lessons');
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
