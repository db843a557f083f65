/**
 * A linear scale for the time charts: the part of d3-scale's `scaleLinear` they use (`domain`, `range`, `nice`,
 * `ticks`, `invert`, `copy`, and calling it), written out with the same arithmetic, so the charts draw the same
 * pixels. d3-scale's own pulls in d3-interpolate, d3-color and d3-format (for colour ranges and tick formats the
 * charts never use): about 7 kB gzip on the first screen of the app and the widget (issue #18).
 * test/ui/linear-scale.test.ts checks it against d3-scale.
 */
import { tickIncrement, ticks as arrayTicks } from 'd3-array';

/** A linear map from a domain [d0, d1] to a range [r0, r1], d3-style (chainable setters, callable). */
export interface LinearScale {
  (x: number): number;
  /** The value of the domain that maps to `y`. */
  invert(y: number): number;
  domain(): [number, number];
  domain(d: readonly [number, number]): LinearScale;
  range(): [number, number];
  range(r: readonly [number, number]): LinearScale;
  /** Extends the domain to round values (d3's `nice(count)`). */
  nice(count?: number): LinearScale;
  /** About `count` round values inside the domain (d3-array's `ticks`). */
  ticks(count?: number): number[];
  copy(): LinearScale;
}

/** (x − a) / (b − a), or 0.5 when a = b (d3-scale's `normalize`). */
function normalize(a: number, b: number): (x: number) => number {
  const span = b - a;
  return span ? (x) => (x - a) / span : () => (Number.isNaN(span) ? NaN : 0.5);
}

/** a(1 − t) + b t (d3-interpolate's `interpolateNumber`). */
function lerp(a: number, b: number): (t: number) => number {
  return (t) => a * (1 - t) + b * t;
}

/** A map from [d0, d1] to [r0, r1] (d3-scale's `bimap`, which normalizes over the ascending domain). */
function bimap([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (x: number) => number {
  const [n, i] = d1 < d0 ? [normalize(d1, d0), lerp(r1, r0)] : [normalize(d0, d1), lerp(r0, r1)];
  return (x) => i(n(x));
}

/** A linear scale with domain and range [0, 1], as `scaleLinear()`. */
export function linearScale(): LinearScale {
  let dom: [number, number] = [0, 1];
  let ran: [number, number] = [0, 1];
  let forward = bimap(dom, ran);
  let backward = bimap(ran, dom);
  const rescale = () => { forward = bimap(dom, ran); backward = bimap(ran, dom); };

  const scale = ((x: number) => (Number.isNaN(x = +x) ? (undefined as unknown as number) : forward(x))) as LinearScale;
  scale.invert = (y) => backward(y);
  scale.domain = ((d?: readonly [number, number]) => {
    if (!d) return [...dom] as [number, number];
    dom = [+d[0], +d[1]];
    rescale();
    return scale;
  }) as LinearScale['domain'];
  scale.range = ((r?: readonly [number, number]) => {
    if (!r) return [...ran] as [number, number];
    ran = [+r[0], +r[1]];
    rescale();
    return scale;
  }) as LinearScale['range'];
  scale.ticks = (count = 10) => arrayTicks(dom[0], dom[1], count);
  scale.nice = (count = 10) => {
    // d3-scale's linearish `nice`, for a two-value domain.
    const d = [...dom] as [number, number];
    let i0 = 0;
    let i1 = 1;
    let start: number = d[0];
    let stop: number = d[1];
    let prestep: number | undefined;
    let step: number;
    let maxIter = 10;
    if (stop < start) { [start, stop] = [stop, start]; [i0, i1] = [i1, i0]; }
    while (maxIter-- > 0) {
      step = tickIncrement(start, stop, count);
      if (step === prestep) {
        d[i0] = start;
        d[i1] = stop;
        return scale.domain(d);
      } else if (step > 0) {
        start = Math.floor(start / step) * step;
        stop = Math.ceil(stop / step) * step;
      } else if (step < 0) {
        start = Math.ceil(start * step) / step;
        stop = Math.floor(stop * step) / step;
      } else {
        break;
      }
      prestep = step;
    }
    return scale;
  };
  scale.copy = () => linearScale().domain(dom).range(ran);
  return scale;
}
