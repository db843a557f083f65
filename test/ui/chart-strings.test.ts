import { afterEach, describe, expect, it } from 'vitest';
import { CHART_STRINGS } from '../../ui/chart-strings';
import { STRINGS } from '../../ui/strings';
import { catalogue, englishTable, loadLanguage, setLanguage } from '../../ui/i18n/runtime';

// Issue #18: the widget's strings are a table of their own (ui/chart-strings.ts), which the app reads through
// STRINGS under the same names; a widget page then downloads none of the app's other strings.
describe('the strings the app shares with the widget', () => {
  afterEach(() => setLanguage('en'));

  it('are STRINGS\' under the same names, the same objects, in English and after a switch to Spanish', async () => {
    expect(STRINGS.charts).toBe(CHART_STRINGS.charts);
    expect(STRINGS.series.naltrexone).toBe('Naltrexone');
    await loadLanguage('es');
    setLanguage('es');
    const es = catalogue('es')['chartStrings'] as typeof CHART_STRINGS;
    expect(STRINGS.series.naltrexone).toBe(es.series.naltrexone);
    expect(STRINGS.doseLabel).toBe('Dosis');
    expect(STRINGS.charts).toBe(CHART_STRINGS.charts);
  });

  it('are registered once: the strings table holds only the app\'s own, the chartStrings table the shared ones', () => {
    const own = Object.keys(englishTable('strings')!);
    const shared = Object.keys(englishTable('chartStrings')!);
    expect(shared).toEqual(Object.keys(CHART_STRINGS));
    expect(own.filter((k) => shared.includes(k))).toEqual([]);
    expect(own).toEqual(Object.keys(STRINGS));
    expect(own.length).toBeGreaterThan(40);
    expect(shared.length).toBeGreaterThan(30);
  });
});
