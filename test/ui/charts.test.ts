import { describe, expect, it } from 'vitest';
import { clockTicks } from '../../ui/charts/clock-ticks';
import { nightBands } from '../../ui/charts/night-bands';
import { scaleLinear } from 'd3-scale';
import { CURVE_TOLERANCE_PX, interpolate, polyline, tenthsText } from '../../ui/charts/time-chart';
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

describe('path text', () => {
  /** The formatting the charts used before: a double-to-string of the value rounded to 0.1 px. */
  const reference = (v: number) => String(Math.round(v * 10) / 10);

  it('tenthsText writes exactly what String(Math.round(v * 10) / 10) writes', () => {
    const special = [0, -0, 0.04, -0.04, 0.05, -0.05, 0.15, -0.15, 1.25, -1.25, 9.95, -9.95, 123.45, -123.45, 1e6 + 0.05, 214748364.7, 3e9, -3e9, 1e300];
    for (const v of special) expect(tenthsText(v), String(v)).toBe(reference(v));
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 20000; i++) {
      const v = (rnd() - 0.5) * 10 ** (rnd() * 7);
      expect(tenthsText(v)).toBe(reference(v));
    }
  });

  it('polyline gives the same path as a point-by-point reference, breaks at non-finite values and clips to the x domain', () => {
    const xs = Float64Array.from({ length: 400 }, (_, i) => i * 0.1 - 2);
    const ys = Float64Array.from(xs, (t, i) => (i === 100 ? NaN : Math.exp(-t / 7) * Math.sin(t) * 3.3));
    const x = scaleLinear().domain([0, 36]).range([0, 913]);
    const y = scaleLinear().domain([-3, 4]).range([176, 0]).nice(5);
    const ref: string[] = [];
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const t = xs[i]!;
      if ((t < 0 && !(xs[i + 1]! >= 0)) || (t > 36 && !(xs[i - 1]! <= 36)) || !Number.isFinite(ys[i]!)) { pen = false; continue; }
      ref.push(`${pen ? 'L' : 'M'}${reference(x(t))},${reference(y(ys[i]! * 2))}`);
      pen = true;
    }
    expect(polyline(xs, ys, x, y, 2)).toBe(ref.join(''));
    // The same x array again (its text is cached) with another y, and after a change of scale.
    const ys2 = Float64Array.from(ys, (v) => v * -1.5);
    const x2 = scaleLinear().domain([0, 36]).range([0, 500]);
    const path = (xa: typeof x, ya: Float64Array) => {
      const out: string[] = [];
      let on = false;
      for (let i = 0; i < xs.length; i++) {
        const t = xs[i]!;
        if ((t < 0 && !(xs[i + 1]! >= 0)) || (t > 36 && !(xs[i - 1]! <= 36)) || !Number.isFinite(ya[i]!)) { on = false; continue; }
        out.push(`${on ? 'L' : 'M'}${reference(xa(t))},${reference(y(ya[i]!))}`);
        on = true;
      }
      return out.join('');
    };
    expect(polyline(xs, ys2, x, y)).toBe(path(x, ys2));
    expect(polyline(xs, ys2, x2, y)).toBe(path(x2, ys2));
  });

  /** The runs of a path's points ('M' starts a run), as numbers. */
  const runsOf = (d: string): [number, number][][] => d.split('M').filter(Boolean)
    .map((run) => run.split('L').map((p) => p.split(',').map(Number) as [number, number]));
  /** Distance from (px, py) to the segment a–b. */
  const toSegment = (px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number => {
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const u = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
    return Math.hypot(ax + u * dx - px, ay + u * dy - py);
  };

  it('polyline with a tolerance leaves out points the line passes within it of, and keeps every break and run end', () => {
    // A dose's sharp rise and slow fall, a one-point spike, a NaN break, a step, and points beyond the x domain.
    const xs = Float64Array.from({ length: 721 }, (_, i) => i / 30 - 1);
    const ys = Float64Array.from(xs, (t, i) => i === 400 ? NaN : i === 300 ? 9 : t < 0 ? 0
      : 8 * (Math.exp(-t / 6) - Math.exp(-t * 3)) + (t > 17 ? 2 : 0));
    const x = scaleLinear().domain([0, 22]).range([0, 913]);
    const y = scaleLinear().domain([0, 10]).range([280, 0]);
    const full = polyline(xs, ys, x, y);
    const lean = polyline(xs, ys, x, y, 1, CURVE_TOLERANCE_PX);
    const fullRuns = runsOf(full);
    const leanRuns = runsOf(lean);
    expect(leanRuns.length).toBe(fullRuns.length); // the NaN break stays a break
    expect(leanRuns.length).toBe(2);
    let kept = 0;
    leanRuns.forEach((run, r) => {
      const all = fullRuns[r]!;
      // Each run keeps its ends, and its points are points of the full path, in order.
      expect(run[0]).toEqual(all[0]);
      expect(run.at(-1)).toEqual(all.at(-1));
      let at = 0;
      for (const p of run) {
        while (at < all.length && (all[at]![0] !== p[0] || all[at]![1] !== p[1])) at++;
        expect(at).toBeLessThan(all.length);
      }
      kept += run.length;
    });
    // Every point drawn without the tolerance is within it of the line drawn with it; the 0.1 px rounding of the
    // coordinates (≤ 0.071 px for a point, as much for the segment's ends) is the only other difference.
    for (let i = 0; i < xs.length; i++) {
      const t = xs[i]!;
      if (!Number.isFinite(ys[i]!) || (t < 0 && !(xs[i + 1]! >= 0)) || t > 22) continue;
      const run = leanRuns[i < 400 ? 0 : 1]!;
      let best = Infinity;
      for (let s = 1; s < run.length; s++) best = Math.min(best, toSegment(x(t), y(ys[i]!), run[s - 1]!, run[s]!));
      expect(best).toBeLessThanOrEqual(CURVE_TOLERANCE_PX + 0.15);
    }
    // The one-point spike is drawn as a point (no other point is that high); the smooth fall needs few points.
    expect(leanRuns.flat().filter(([, py]) => py === Number(tenthsText(y(9))))).toHaveLength(1);
    expect(kept).toBeLessThan(120);
    expect(fullRuns.flat().length).toBeGreaterThan(500);
  });

  it('polyline with a tolerance keeps a zigzag larger than it and drops one smaller than it', () => {
    const xs = Float64Array.from({ length: 200 }, (_, i) => i);
    const x = scaleLinear().domain([0, 199]).range([0, 199]);
    const y = scaleLinear().domain([0, 100]).range([0, 100]);
    const zig = (amp: number) => Float64Array.from(xs, (_, i) => 50 + (i % 2 ? amp : -amp));
    expect(runsOf(polyline(xs, zig(0.2), x, y, 1, 0.1)).flat().length).toBe(200); // 0.4 px apart: all kept
    expect(runsOf(polyline(xs, zig(0.04), x, y, 1, 0.1)).flat().length).toBe(2); // 0.08 px: a straight line
  });

  it('polyline writes every kind of number as tenthsText does, on a grid long enough to outgrow its buffer', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const n = 20000;
    const xs = Float64Array.from({ length: n }, (_, i) => i / 100);
    // Values from tiny to beyond int32 tenths (written as a double), both signs, and exact tenths.
    const ys = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? 3e9 : i % 89 === 0 ? -0.04 : i % 83 === 0 ? 12.5 : (rnd() - 0.5) * 10 ** (rnd() * 6)));
    const x = scaleLinear().domain([0, xs[n - 1]!]).range([0, 1300]);
    const y = scaleLinear().domain([0, 1]).range([0, 1]);
    let ref = '';
    for (let i = 0; i < n; i++) ref += `${i ? 'L' : 'M'}${tenthsText(x(xs[i]!))},${tenthsText(y(ys[i]!))}`;
    expect(ref.length).toBeGreaterThan(1 << 17);
    expect(polyline(xs, ys, x, y)).toBe(ref);
  });
});
