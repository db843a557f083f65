import { describe, expect, it } from 'vitest';
import { intervalsAbove, terminalHalfLife, trapezoid, windowIntervals } from '../../engine/metrics';
import { expectClose } from '../helpers/expect-close';

describe('metric primitives against closed forms', () => {
  it('the trapezoid rule is exact for a straight line, on any sub-interval', () => {
    const t = [0, 1, 2, 3];
    const y = t.map((x) => 2 * x + 1);
    expect(trapezoid(t, y)).toBe(12); // ∫0..3 (2x+1) dx = 9 + 3
    expectClose(trapezoid(t, y, 0.5, 2.5), 8, { rtol: 1e-14 }); // ∫.5..2.5 (2x+1) dx
  });

  it('the terminal half-life of a pure exponential is recovered exactly', () => {
    const t = Array.from({ length: 100 }, (_, i) => i * 0.5);
    const y = t.map((x) => 3 * Math.exp((-Math.LN2 / 6.5) * x));
    expectClose(terminalHalfLife(t, y)!, 6.5, { rtol: 1e-9 });
  });

  it('a rising curve has no terminal half-life', () => {
    const t = [0, 1, 2, 3, 4];
    expect(terminalHalfLife(t, t.map((x) => x))).toBeNull();
  });

  it('time above a threshold interpolates the crossings', () => {
    // A triangle 0 → 2 → 0 over [0, 2]; above 1 from 0.5 to 1.5.
    expect(intervalsAbove([0, 1, 2], [0, 2, 0], 1)).toEqual([[0.5, 1.5]]);
  });

  it('a 23:00–07:00 window after a 22:00 start falls at 1–9 h, 25–33 h, …', () => {
    expect(windowIntervals({ startClockH: 23, endClockH: 7 }, 22, 48)).toEqual([[1, 9], [25, 33]]);
    // Starting inside the window (02:00) catches the part that began the evening before.
    expect(windowIntervals({ startClockH: 23, endClockH: 7 }, 2, 30)).toEqual([[0, 5], [21, 29]]);
  });
});
