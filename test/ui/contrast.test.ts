import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../engine/result';
import { MODEL_VIEWS } from '../../ui/chart-config';
import { chartSeries, formatPower, logDomain, logValues, PINNED_WIDTH_PX, CURRENT_WIDTH_PX } from '../../ui/charts/chart-series';
import { contrastRatio, relativeLuminance } from '../../ui/contrast';
import { LINE, RECEPTOR_COLORS, SERIES_COLORS } from '../../ui/palette';
import { THEMES, type ThemeName } from '../../ui/theme';

/** A chart colour as drawn in a theme: `currentColor` is the theme's ink. */
const resolve = (color: string, theme: ThemeName) => (color === 'currentColor' ? THEMES[theme].ink : color);

describe('WCAG contrast arithmetic', () => {
  it('black on white is 21:1 and a colour on itself 1:1 (WCAG 2.2 definition)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#0072B2', '#0072b2')).toBe(1);
  });
  it('#777777 on white is 4.48:1, just under AA for text (the well-known WebAIM example, ±0.01)', () => {
    expect(contrastRatio('#777', '#fff')).toBeCloseTo(4.48, 2);
    expect(relativeLuminance('#ffffff')).toBe(1);
  });
  it('refuses a colour it cannot read, naming it', () => {
    expect(() => relativeLuminance('rgb(0,0,0)')).toThrow(/colour: expected #rgb or #rrggbb, got "rgb\(0,0,0\)"/);
  });
});

describe('every chart line has ≥ 3:1 contrast with the chart surface (WCAG 1.4.11), light and dark', () => {
  const lines = [
    ...Object.entries(MODEL_VIEWS).flatMap(([model, v]) => v.charts.flatMap((c) => c.series.map((s) => ({ what: `${model}/${c.id}/${s.column}`, color: s.color })))),
    ...SERIES_COLORS.map((color, i) => ({ what: `fallback series ${i}`, color })),
    ...Object.entries(LINE).map(([name, color]) => ({ what: `LINE.${name} (dose markers, research charts)`, color })),
  ];
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: ${lines.length} line colours, each ≥ 3:1 against ${THEMES[theme].surface}`, () => {
      const bad = lines
        .map((l) => ({ ...l, ratio: contrastRatio(resolve(l.color, theme), THEMES[theme].surface) }))
        .filter((l) => !(l.ratio >= 3));
      expect(bad).toEqual([]);
    });
  }

  it('text tokens meet 4.5:1 on the surface and control borders 3:1, in both themes', () => {
    for (const t of Object.values(THEMES)) {
      expect(contrastRatio(t.ink, t.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t.muted, t.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t.onBrand, t.brand)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t.warnInk, t.warnBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t.errorInk, t.errorBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t.okInk, t.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t.fieldBorder, t.surface)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(t.focus, t.surface)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(t.brand, t.surface)).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('the receptor picture keeps ≥ 3:1 contrast (WCAG 1.4.11) in light and dark', () => {
  for (const theme of ['light', 'dark'] as const) {
    const t = THEMES[theme];
    it(`${theme}: receptor and empty-place outlines on the membrane and its band; ligands (fill and ink outline) inside a receptor; ligand outlines on the membrane`, () => {
      const pairs: [string, string, string][] = [
        ['receptor outline / membrane', t.receptor, t.membrane], ['receptor outline / band', t.receptor, t.membraneBand],
        ['receptor outline / its inside', t.receptor, t.surface],
        ['empty place / membrane', t.receptorGap, t.membrane], ['empty place / band', t.receptorGap, t.membraneBand],
        ['ligand outline / receptor inside', t.ink, t.surface], ['ligand outline / membrane', t.ink, t.membrane],
        ...Object.entries(RECEPTOR_COLORS).map(([o, c]) => [`${o} fill / receptor inside`, c, t.surface] as [string, string, string]),
      ];
      const bad = pairs.map(([what, a, b]) => ({ what, ratio: contrastRatio(a, b) })).filter((p) => !(p.ratio >= 3));
      expect(bad).toEqual([]);
    });
  }
  it('the dark picture is dark: its membrane as dark as the dark surface allows (luminance < 0.05), the light one light (> 0.8)', () => {
    expect(relativeLuminance(THEMES.dark.membrane)).toBeLessThan(0.05);
    expect(relativeLuminance(THEMES.light.membrane)).toBeGreaterThan(0.8);
  });
});

/** A minimal result with the given columns on a 3-point grid. */
function result(cols: Record<string, number[]>): SimulationResult {
  return {
    timeH: Float64Array.from([0, 1, 2]),
    columns: Object.entries(cols).map(([name, v]) => ({ name, unit: 'ng/mL', label: name, values: Float64Array.from(v) })),
    meta: { startClockH: 22 },
  } as unknown as SimulationResult;
}

describe('compare lines: scenarios told apart by width and form, never by opacity', () => {
  const cfg = MODEL_VIEWS['ldn']!.charts[0]!;
  const cols = { naltrexone_plasma_ng_per_ml: [0, 2, 1], naltrexol_plasma_ng_per_ml: [0, 8, 7] };
  const r = result(cols);
  const p = result({ naltrexone_plasma_ng_per_ml: [0, 20, 10], naltrexol_plasma_ng_per_ml: [0, 80, 70] });
  const shown = new Map(r.columns.map((c) => [c.name, c.values] as const));
  const series = chartSeries(cfg, { result: r, shown, pinned: p, pinnedX: p.timeH, log: false });

  it('every line, pinned included, is drawn at full opacity', () => {
    expect(series.length).toBe(6);
    expect(series.every((s) => s.opacity === undefined || s.opacity === 1)).toBe(true);
  });
  it('a pinned line is a wide rail in the series colour with a hollow core; the current line is narrower and solid-cored', () => {
    const rail = series.find((s) => s.key === 'pin:naltrexone_plasma_ng_per_ml')!;
    const core = series.find((s) => s.key === 'pin-core:naltrexone_plasma_ng_per_ml')!;
    const cur = series.find((s) => s.key === 'naltrexone_plasma_ng_per_ml')!;
    expect(rail.color).toBe(cur.color);
    expect(rail.width).toBe(PINNED_WIDTH_PX);
    expect(cur.width).toBe(CURRENT_WIDTH_PX);
    expect(PINNED_WIDTH_PX - (core.width ?? 0)).toBeGreaterThanOrEqual(2 * 1.5); // each edge of the rail ≥ 1.5 px
    expect(core.className).toBe('core');
    // Drawn under the current lines.
    expect(series.indexOf(rail)).toBeLessThan(series.indexOf(cur));
  });
});

describe('log axis of the plasma chart', () => {
  it('maps values to log10 and zero to a gap', () => {
    expect([...logValues([0, 0.001, 10], 1000)]).toEqual([NaN, 0, 4]);
  });
  it('spans whole decades: 4.5 mg (peak ~1 ng/mL) and 50 mg (peak ~10 ng/mL) both fit, at most 4 decades down', () => {
    expect(logDomain([{ y: [-3, -0.2, 0.1] }, { y: [1.05, 0.3] }])).toEqual([-2, 2]);
    expect(logDomain([{ y: [0.2, 0.5] }])).toEqual([-1, 1]);
    expect(logDomain([{ y: [NaN] }])).toEqual([-1, 1]);
  });
  it('labels ticks as plain numbers', () => {
    expect([-2, -1, 0, 1, 2, 0.5].map(formatPower)).toEqual(['0.01', '0.1', '1', '10', '100', '3.16']);
  });
});
