/**
 * Summaries of a sampled output over a window, as an observations file's `KIND:COLUMN[:THRESHOLD]` rows observe them
 * (engine/fit/observations.ts, docs/fitting.md): extremes, their time, area, half-life, hours below/above a threshold.
 */

/** Parabolic refinement of an extremum at sample i (interior): the vertex through (i−1, i, i+1). */
function vertex(t: Float64Array, y: Float64Array, i: number): [number, number] {
  const t0 = t[i - 1]!, t1 = t[i]!, t2 = t[i + 1]!;
  const y0 = y[i - 1]!, y1 = y[i]!, y2 = y[i + 1]!;
  const d0 = (y1 - y0) / (t1 - t0);
  const d1 = (y2 - y1) / (t2 - t1);
  const c = (d1 - d0) / (t2 - t0);
  if (c === 0) return [t1, y1];
  const b = d0 - c * (t0 + t1);
  const tv = Math.min(t2, Math.max(t0, -b / (2 * c)));
  // y = y0 + d0 (t − t0) + c (t − t0)(t − t1)
  return [tv, y0 + d0 * (tv - t0) + c * (tv - t0) * (tv - t1)];
}

/**
 * A summary of y over samples [a, b] (engine/fit/observations.ts): `max`, `min`, `tmax`, `auc`, `thalf`, and
 * `hours_below`/`hours_above` the `threshold` (in y's unit), hours, with the crossings located by linear
 * interpolation between samples (a sample equal to the threshold counts as below).
 */
export function windowMetric(kind: string, t: Float64Array, y: Float64Array, a: number, b: number, threshold = NaN): number {
  if (kind === 'hours_below' || kind === 'hours_above') {
    if (!Number.isFinite(threshold)) throw new RangeError(`${kind}: expected a finite threshold, got ${threshold}`);
    let above = 0;
    for (let i = a; i < b; i++) {
      const t0 = t[i]!, t1 = t[i + 1]!;
      const y0 = y[i]! - threshold, y1 = y[i + 1]! - threshold;
      if (y0 > 0 && y1 > 0) above += t1 - t0;
      else if (y0 > 0) above += (t1 - t0) * (y0 / (y0 - y1));
      else if (y1 > 0) above += (t1 - t0) * (y1 / (y1 - y0));
    }
    return kind === 'hours_above' ? above : t[b]! - t[a]! - above;
  }
  if (kind === 'max' || kind === 'min' || kind === 'tmax') {
    const sgn = kind === 'min' ? -1 : 1;
    let best = a;
    for (let i = a + 1; i <= b; i++) if (sgn * y[i]! > sgn * y[best]!) best = i;
    const [tv, yv] = best > a && best < b ? vertex(t, y, best) : [t[best]!, y[best]!];
    return kind === 'tmax' ? tv : yv;
  }
  if (kind === 'auc') {
    let s = 0;
    for (let i = a; i < b; i++) s += 0.5 * (y[i]! + y[i + 1]!) * (t[i + 1]! - t[i]!);
    return s;
  }
  // thalf: log-linear regression over the positive samples of the window.
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = a; i <= b; i++) {
    if (!(y[i]! > 0)) continue;
    const ly = Math.log(y[i]!);
    n++; sx += t[i]!; sy += ly; sxx += t[i]! * t[i]!; sxy += t[i]! * ly;
  }
  const slope = n >= 2 ? (sxy - (sx * sy) / n) / (sxx - (sx * sx) / n) : NaN;
  return slope < 0 ? Math.LN2 / -slope : NaN;
}
