/** Percentiles over subjects: quickselect, a typed-array sort with an index, and percentiles coherent across outputs. */
import { PERCENTILES } from './types';

/**
 * The `p`-th percentile (0–100) of sorted values by linear interpolation between order statistics: with
 * h = (n − 1)·p/100, the value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). This is Hyndman & Fan's type 7, the default
 * of numpy.percentile, R's quantile and Excel's PERCENTILE.INC. Equal neighbours give exactly their value.
 * @param sorted ascending values (at least one); NaN is not allowed.
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(sorted: ArrayLike<number>, p: number, from = 0, count = sorted.length - from): number {
  if (count < 1) throw new RangeError('percentile: expected at least one value');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: expected p in [0, 100], got ${p}`);
  const h = ((count - 1) * p) / 100;
  const lo = Math.floor(h);
  const g = h - lo;
  const a = sorted[from + lo]!;
  if (g === 0) return a;
  const b = sorted[from + lo + 1]!;
  return a + g * (b - a);
}

/**
 * Several percentiles (ascending `ps`, 0–100) of unsorted values, by the same type-7 rule as `percentile`, with
 * quickselect instead of a full sort (this is the hot loop of the population summary). Reorders `values`.
 * Any NaN among the values makes every result NaN.
 */
export function percentilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n < 1) throw new RangeError('percentile: expected at least one value');
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) return ps.map(() => NaN);
  const out: number[] = [];
  let lo = 0; // everything before lo is <= everything from lo on
  let prev = -Infinity;
  for (const p of ps) {
    if (!(p >= 0 && p <= 100) || p < prev) throw new RangeError(`percentile: expected ascending p in [0, 100], got ${ps.join(', ')}`);
    prev = p;
    const h = ((n - 1) * p) / 100;
    const k = Math.floor(h);
    const g = h - k;
    if (k >= lo) { select(values, k, lo, n - 1); lo = k; }
    const a = values[k]!;
    if (g === 0) { out.push(a); continue; }
    let b = Infinity; // the next order statistic: the smallest value after k
    for (let i = k + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
    out.push(a + g * (b - a));
  }
  return out;
}

/** Hoare quickselect (median-of-three pivot): afterwards a[k] is the k-th smallest of a[lo..hi], smaller ones before it. */
export function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to a[mid]
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { swap(a, i, j); i++; j--; }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!; a[i] = a[j]!; a[j] = t;
}

/**
 * Exact percentiles of one grid time's values after another. Curves are smooth, so the subjects' order at one
 * grid time is nearly their order at the previous one: the values are laid out in that order and an insertion
 * sort finishes the job in about n steps (the order statistics, hence the percentiles, are exactly those of
 * any sort). When the order changes a lot (around a dose, or values at rounding level), insertion stops at a
 * budget and quickselect (`percentilesInPlace`) takes over; the order is then rebuilt by a full sort every
 * `RETRY` grid times, not at each one.
 */
export class CoherentPercentiles {
  private readonly order: Int32Array; // subject index at each rank, from the last sorted grid time
  private readonly out: Float64Array;
  private wait = 0; // grid times left on quickselect before the order is rebuilt (0: the order is in use)
  private backoff = 4; // quickselect stretch after the next give-up: doubles while rebuilt orders do not last
  private rebuilt = false; // the order was rebuilt at the previous grid time
  constructor(private readonly n: number) {
    this.order = new Int32Array(n);
    this.out = new Float64Array(n);
    this.reset();
  }

  reset(): void {
    for (let i = 0; i < this.n; i++) this.order[i] = i;
    this.wait = 0;
    this.backoff = 4;
    this.rebuilt = false;
  }

  /**
   * `PERCENTILES` of `values[at]` … `values[at + n − 1]` into `result[0..2]` (NaN when any value is NaN).
   * `values` is only read, so a column of shared memory can be passed as it is.
   */
  compute(values: Float64Array, at: number, result: Float64Array): void {
    const { n, order, out } = this;
    // The values laid out in the last order, checked for NaN on the way.
    let nan = false;
    for (let r = 0; r < n; r++) { const x = values[at + order[r]!]!; out[r] = x; if (x !== x) nan = true; }
    if (nan) { result.fill(NaN); return; }
    if (this.wait > 1) {
      this.wait--;
      // Quickselect finds the same order statistics in any layout. It scrambles `out`, not `order`.
      result.set(percentilesInPlace(out, PERCENTILES));
      return;
    }
    if (this.wait === 1) {
      // Rebuild the order by a full sort, and try insertion again from the next grid time.
      sortWithIndex(out, order, n);
      this.wait = 0;
      this.rebuilt = true;
    } else {
      let budget = 8 * n;
      let sorted = true;
      for (let r = 1; r < n; r++) {
        const x = out[r]!;
        if (!(x < out[r - 1]!)) continue;
        const o = order[r]!;
        let q = r - 1;
        while (q >= 0 && out[q]! > x) { out[q + 1] = out[q]!; order[q + 1] = order[q]!; q--; }
        out[q + 1] = x;
        order[q + 1] = o;
        budget -= r - 1 - q;
        if (budget < 0) { sorted = false; break; }
      }
      if (!sorted) {
        // Scrambled: quickselect for a while. Orders that do not last a single grid time wait longer each time.
        this.backoff = this.rebuilt ? Math.min(2 * this.backoff, 256) : 4;
        this.wait = this.backoff;
        this.rebuilt = false;
        result.set(percentilesInPlace(out, PERCENTILES));
        return;
      }
      this.rebuilt = false;
    }
    for (let t = 0; t < PERCENTILES.length; t++) result[t] = percentile(out, PERCENTILES[t]!);
  }
}

/**
 * Sorts `keys[0..n)` ascending and moves `idx` along: quicksort (median of three, the smaller side first) with
 * insertion sort below 16. Written for typed arrays: a comparator sort of the indexes called back into JS for
 * every comparison and was a quarter of a population's summary.
 */
export function sortWithIndex(keys: Float64Array, idx: Int32Array, n: number): void {
  const stack: number[] = [];
  let lo = 0, hi = n - 1;
  for (;;) {
    while (hi - lo >= 16) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < keys[lo]!) swapPair(keys, idx, mid, lo);
      if (keys[hi]! < keys[lo]!) swapPair(keys, idx, hi, lo);
      if (keys[hi]! < keys[mid]!) swapPair(keys, idx, hi, mid);
      const pivot = keys[mid]!;
      let i = lo, j = hi;
      while (i <= j) {
        while (keys[i]! < pivot) i++;
        while (keys[j]! > pivot) j--;
        if (i <= j) { swapPair(keys, idx, i, j); i++; j--; }
      }
      // Recurse (through the stack) into the larger side later: the stack stays O(log n).
      if (j - lo < hi - i) { stack.push(i, hi); hi = j; } else { stack.push(lo, j); lo = i; }
    }
    for (let r = lo + 1; r <= hi; r++) {
      const x = keys[r]!, o = idx[r]!;
      let q = r - 1;
      while (q >= lo && keys[q]! > x) { keys[q + 1] = keys[q]!; idx[q + 1] = idx[q]!; q--; }
      keys[q + 1] = x;
      idx[q + 1] = o;
    }
    if (stack.length === 0) return;
    hi = stack.pop()!;
    lo = stack.pop()!;
  }
}

function swapPair(keys: Float64Array, idx: Int32Array, i: number, j: number): void {
  const t = keys[i]!; keys[i] = keys[j]!; keys[j] = t;
  const u = idx[i]!; idx[i] = idx[j]!; idx[j] = u;
}
