import { formatClock } from '../engine/dosing';

/** Calendar day (1-based) of a time, counting from midnight before the first dose. */
export function dayOf(timeH: number, startClockH: number): number {
  return Math.floor((startClockH + timeH + 1e-9) / 24) + 1;
}

/** "23:10 (day 1)": clock time of hours-since-first-dose, with the calendar day. */
export function clockAt(timeH: number, startClockH: number): string {
  return `${formatClock(startClockH + timeH)} (day ${dayOf(timeH, startClockH)})`;
}

/** A value for display in a chart's unit: `%` values are already scaled; three significant digits otherwise. */
export function formatValue(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '–';
  if (unit === '%') return `${Math.abs(v) >= 10 ? v.toFixed(0) : Math.abs(v) >= 1 || v === 0 ? v.toFixed(1) : Number(v.toPrecision(2))}%`;
  const a = Math.abs(v);
  const text = a === 0 ? '0' : a >= 1000 ? v.toFixed(0) : a >= 0.01 ? `${Number(v.toPrecision(3))}` : v.toExponential(2);
  if (unit === '× baseline') return `${Number(v.toFixed(3))}×`;
  return `${text} ${unit}`;
}

/** Index of the grid point nearest `t` in an ascending time grid (binary search). */
export function nearestIndex(timeH: Float64Array, t: number): number {
  let lo = 0;
  let hi = timeH.length - 1;
  if (hi < 0) return -1;
  if (t <= timeH[0]!) return 0;
  if (t >= timeH[hi]!) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (timeH[mid]! <= t) lo = mid; else hi = mid;
  }
  return t - timeH[lo]! <= timeH[hi]! - t ? lo : hi;
}

/** Linear interpolation of a column at time `t`. */
export function valueAt(timeH: Float64Array, values: Float64Array, t: number): number {
  const n = timeH.length;
  if (n === 0) return NaN;
  if (t <= timeH[0]!) return values[0]!;
  if (t >= timeH[n - 1]!) return values[n - 1]!;
  const i = nearestIndex(timeH, t);
  const j = timeH[i]! <= t ? i : i - 1;
  const t0 = timeH[j]!;
  const t1 = timeH[j + 1]!;
  const f = t1 > t0 ? (t - t0) / (t1 - t0) : 0;
  return values[j]! + f * (values[j + 1]! - values[j]!);
}
