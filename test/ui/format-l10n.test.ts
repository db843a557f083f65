import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatPower } from '../../ui/charts/chart-series';
import { formatDoseMg, formatSignificant, formatTick } from '../../ui/format';
import { loadCatalogue, setLanguage } from '../../ui/i18n/runtime';
import { axisValueLabel, formatMetricValue } from '../../ui/research/research-model';
import { describeScenario, defaultScenario } from '../../ui/scenario';
import { STRINGS } from '../../ui/strings';

// Issue #15: numbers the page shows (axis ticks, dose marks, summaries, tooltips) follow the language through one
// helper (ui/format.ts), so Spanish reads "4,5" and "0,5"; English stays as it was ("4.5").
// The Spanish catalogue is its own chunk (loaded only for Spanish pages): load it before switching.
beforeAll(() => loadCatalogue('es'));

describe('numbers in the language of the page', () => {
  afterEach(() => setLanguage('en'));

  it('English: ticks and doses with "." and no grouping, as before', () => {
    expect(formatTick(0.5)).toBe('0.5');
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(12000)).toBe('12000');
    expect(formatTick(-0)).toBe('0');
    expect(formatTick(50, '%')).toBe('50%');
    expect(formatTick(1.5, '×')).toBe('1.5×');
    expect(formatDoseMg(4.5)).toBe('4.5');
    for (const x of [0.49996, 123456, 0.0001234567, -2.5]) expect(formatSignificant(x, 4)).toBe(String(Number(x.toPrecision(4))));
    expect(formatDoseMg(0.25)).toBe('0.25');
    expect(formatPower(-1)).toBe('0.1');
    expect(formatPower(0.5)).toBe('3.16');
    expect(formatMetricValue({ unit: '%', scale: 100 }, 0.523)).toBe('52.3%');
    expect(axisValueLabel('dose', 0.8077)).toBe('0.8077');
    expect(STRINGS.paramRange(formatTick(0.5), formatTick(6), '1/h', true, formatTick(2.7))).toBe('0.5 – 6 1/h (log scale); default 2.7');
  });

  it('Spanish: the same values with "," decimals and the Spanish percent sign', () => {
    setLanguage('es');
    expect(formatTick(0.5)).toBe('0,5');
    expect(formatTick(0.1 + 0.2)).toBe('0,3');
    expect(formatTick(12000)).toBe('12000');
    expect(formatTick(50, '%')).toMatch(/^50\s%$/);
    expect(formatTick(1.5, '×')).toBe('1,5×');
    expect(formatDoseMg(4.5)).toBe('4,5');
    expect(formatSignificant(0.49996, 4)).toBe('0,5');
    expect(formatPower(-1)).toBe('0,1');
    expect(formatMetricValue({ unit: 'h', scale: 1 }, 8.84)).toBe('8,84 h');
    expect(formatMetricValue({ unit: 'h', scale: 1 }, NaN)).toBe('no definido');
    expect(axisValueLabel('dose', 0.8077)).toBe('0,8077');
    expect(axisValueLabel('at', 22.5)).toBe('22:30');
    expect(describeScenario({ ...defaultScenario('ldn'), doseMg: 4.5 })).toContain('4,5 mg');
    expect(STRINGS.doseMarker('4,5', 'naltrexone', '22:00 (día 1)')).toBe('Dosis: 4,5 mg de naltrexona a las 22:00 (día 1)');
    expect(STRINGS.paramRange(formatTick(0.5), formatTick(6), '1/h', true, formatTick(2.7))).toBe('0,5 – 6 1/h (escala logarítmica); por defecto 2,7');
  });
});
