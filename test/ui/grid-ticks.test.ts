import { describe, expect, it } from 'vitest';
import { gridTicks, isGeometric, wrapLabel } from '../../ui/research/charts/grid-ticks';
import { gridValues } from '../../ui/research/research-model';

describe('nice ticks on a sweep axis (d3 nice values placed between cells)', () => {
  it('a linear dose grid 0.5–4.5 mg in 7 points ticks at round doses, at their true positions', () => {
    const v = gridValues(0.5, 4.5, 7); // 0.5, 1.1667, …
    const t = gridTicks(v, 6);
    expect(t.map((x) => x.value)).toEqual([1, 2, 3, 4]);
    // 1 mg lies (1 − 0.5)/(4/6) = 0.75 cells from the first centre.
    expect(t[0]!.pos).toBeCloseTo(0.75, 12);
    expect(t.every((x) => Number.isInteger(x.value))).toBe(true);
  });
  it('a geometric grid 0.1–100 ticks at decades on a log scale', () => {
    const v = gridValues(0.1, 100, 13, true);
    expect(isGeometric(v)).toBe(true);
    const t = gridTicks(v, 5);
    expect(t.map((x) => x.value)).toEqual([0.1, 1, 10, 100]);
    expect(t.map((x) => x.pos)).toEqual([0, 4, 8, 12].map((p) => expect.closeTo(p, 9)));
  });
  it('a clock axis 07:14–22:46 ticks on whole hours, never at 07:14', () => {
    const v = gridValues(7 + 14 / 60, 22 + 46 / 60, 40);
    const t = gridTicks(v, 6, true);
    expect(t.map((x) => x.value)).toEqual([9, 12, 15, 18, 21]);
    expect(t.every((x) => x.pos >= 0 && x.pos <= 39)).toBe(true);
  });
  it('40 points still give at most the ticks asked for, and one value is its own tick', () => {
    expect(gridTicks(gridValues(0.8077, 50, 40), 8).length).toBeLessThanOrEqual(8);
    expect(gridTicks([3], 5)).toEqual([{ value: 3, pos: 0 }]);
    expect(isGeometric([1, 2, 3])).toBe(false);
  });
});

describe('tornado labels wrap instead of being cut', () => {
  it('keeps every word, each line within the width', () => {
    const label = 'Plasma–brain equilibration half-time, 6β-naltrexol (cl_app_naltrexol_l_per_h_extremely_long)';
    const lines = wrapLabel(label, 20);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toBe(label.replace(/\s/g, ''));
    expect(wrapLabel('Short', 20)).toEqual(['Short']);
  });
});
