import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { linearScale } from '../../ui/charts/linear-scale';
import { rng } from '../helpers/random-expr';

describe('linearScale: the charts\' own linear scale gives d3-scale\'s scaleLinear numbers exactly (issue #18)', () => {
  // Domains like the charts' (hours, concentrations scaled to ng/mL, fractions, a shrunk log axis, reversed, empty).
  const fixed: [number, number][] = [[0, 72], [0, 1], [0, 104.7], [-1.3, 2.8], [0.95, 1.1], [5, 5], [3, -2], [0, 1e-9], [-3, 4]];
  const r = rng(18);
  const random: [number, number][] = Array.from({ length: 300 }, () => {
    const mag = 10 ** (Math.floor(r() * 12) - 6);
    const a = (r() - 0.3) * mag;
    return [a, a + (r() - 0.1) * mag * 3];
  });
  const ranges: [number, number][] = [[176, 0], [0, 500], [0, 1], [240.5, 12]];

  it('map, invert, nice(5), ticks(5), copy: identical on 309 domains × 4 ranges', () => {
    for (const d of [...fixed, ...random]) {
      for (const rg of ranges) {
        const ours = linearScale().domain(d).range(rg).nice(5);
        const ref = scaleLinear().domain(d).range(rg).nice(5);
        expect(ours.domain(), `nice(5) of [${d}]`).toEqual(ref.domain());
        expect(ours.range()).toEqual(ref.range());
        expect(ours.ticks(5), `ticks(5) of [${d}]`).toEqual(ref.ticks(5));
        expect(ours.ticks(), `ticks() of [${d}]`).toEqual(ref.ticks());
        const [a, b] = ref.domain() as [number, number];
        for (const v of [a, b, (a + b) / 2, a - (b - a) * 0.37, b + 1.5, 0]) {
          expect(Object.is(ours(v), ref(v)), `x(${v}) on [${d}] → [${rg}]: ${ours(v)} vs ${ref(v)}`).toBe(true);
          expect(Object.is(ours.copy()(v), ref(v))).toBe(true);
        }
        for (const px of [rg[0], rg[1], (rg[0] + rg[1]) / 3, -7]) {
          expect(Object.is(ours.invert(px), ref.invert(px)), `invert(${px}) on [${d}] → [${rg}]`).toBe(true);
        }
      }
    }
  });

  it('without nice, and for NaN input (d3: undefined)', () => {
    const ours = linearScale().domain([0, 10]).range([0, 100]);
    const ref = scaleLinear().domain([0, 10]).range([0, 100]);
    expect(ours(2.5)).toBe(ref(2.5));
    expect(ours(NaN)).toBe(ref(NaN));
    expect(ours.domain()).toEqual([0, 10]);
    // The copy is independent: changing it leaves the original as it was.
    ours.copy().domain([0, 20]);
    expect(ours(10)).toBe(100);
  });
});
