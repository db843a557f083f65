import { describe, expect, it } from 'vitest';
import { clockTicks } from '../../ui/charts/clock-ticks';
import { nightBands } from '../../ui/charts/night-bands';
import { interpolate } from '../../ui/charts/time-chart';
import { DOSE_LADDER_MG, ladderIndex } from '../../ui/dose-ladder';
import { fromPosition, toPosition } from '../../ui/param-scale';

describe('clock ticks', () => {
  it('a 72 h run starting at 22:00 gets ticks on round clock hours, midnight flagged with its day', () => {
    const ticks = clockTicks().startClockH(22).maxTicks(8)(72);
    expect(ticks[0]!.timeH).toBe(2); // 00:00 is 2 h after a 22:00 dose
    expect(ticks[0]!.label).toBe('00:00');
    expect(ticks[0]!.midnight).toBe(true);
    expect(ticks[0]!.day).toBe(2);
    expect(ticks.every((t) => Number.isInteger((22 + t.timeH) / 12))).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(8);
  });

  it('a 28-day run is labelled by day', () => {
    const ticks = clockTicks().startClockH(8).maxTicks(8)(28 * 24);
    expect(ticks[0]!.label).toMatch(/^day \d+$/);
  });
});

describe('night bands', () => {
  it('a run starting at 22:00 is in the night from 0 to 9 h (07:00), then each night 22:00–07:00', () => {
    expect(nightBands().startClockH(22)(48)).toEqual([[0, 9], [24, 33]]);
  });

  it('a run starting at 08:00 has its first night from 14 h to 23 h', () => {
    expect(nightBands().startClockH(8)(30)).toEqual([[14, 23]]);
  });

  it('a run starting at 03:00 begins inside a night that ends at 4 h', () => {
    expect(nightBands().startClockH(3)(24)[0]).toEqual([0, 4]);
  });
});

describe('interpolation and the dose ladder', () => {
  it('interpolates linearly and is NaN outside the data', () => {
    const x = new Float64Array([0, 1, 2]);
    const y = new Float64Array([0, 10, 30]);
    expect(interpolate(x, y, 1.5)).toBe(20);
    expect(interpolate(x, y, 3)).toBeNaN();
  });

  it('the dose ladder steps 0.25 mg through the low-dose range and reaches 50 and 100 mg', () => {
    expect(DOSE_LADDER_MG).toContain(0.5);
    expect(DOSE_LADDER_MG).toContain(4.5);
    expect(DOSE_LADDER_MG).toContain(50);
    expect(DOSE_LADDER_MG).toContain(100);
    expect(DOSE_LADDER_MG[ladderIndex(4.5) + 1]).toBe(4.75);
    expect(DOSE_LADDER_MG.filter((d) => d >= 0.5 && d <= 4.5)).toHaveLength(17);
    expect(ladderIndex(90)).toBe(DOSE_LADDER_MG.indexOf(100));
  });

  it('a log-scale parameter slider maps its ends to the range and round-trips a value', () => {
    const p = { name: 'k', value: 2, unit: '1/h', label: 'k', range: [0.1, 20] as const, scale: 'log' as const, source: 's' };
    expect(fromPosition(p, 0)).toBe(0.1);
    expect(fromPosition(p, 1000)).toBe(20);
    expect(fromPosition(p, toPosition(p, 2))).toBeCloseTo(2, 1);
  });
});
