import { formatClock } from '../engine/dosing';
import { language } from './i18n/runtime';
import { CHART_STRINGS as STRINGS } from './chart-strings';

/** Calendar day (1-based) of a time, counting from midnight before the first dose. */
export function dayOf(timeH: number, startClockH: number): number {
  return Math.floor((startClockH + timeH + 1e-9) / 24) + 1;
}

/** "23:10 (day 1)": clock time of hours-since-first-dose, with the calendar day. */
export function clockAt(timeH: number, startClockH: number): string {
  return STRINGS.clockDay(formatClock(startClockH + timeH), dayOf(timeH, startClockH));
}

/** A value for display in a chart's unit, in the page's language: `%` values are already scaled; three significant digits otherwise. */
export function formatValue(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '–';
  if (unit === '%') {
    const a = Math.abs(v);
    const opts: Intl.NumberFormatOptions = a >= 10 ? { maximumFractionDigits: 0 } : a >= 1 || v === 0
      ? { minimumFractionDigits: 1, maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 };
    return fmt({ style: 'percent', ...opts }).format(v / 100);
  }
  const a = Math.abs(v);
  const text = a === 0 ? '0' : a >= 1000 ? fmt({ maximumFractionDigits: 0 }).format(v) : a >= 0.01 ? fmt({ maximumSignificantDigits: 3 }).format(v)
    : v.toExponential(2).replace('.', fmt({}).formatToParts(1.5).find((x) => x.type === 'decimal')?.value ?? '.');
  if (unit === '× baseline') return `${fmt({ maximumFractionDigits: 3 }).format(v)}×`;
  return `${text} ${unit}`;
}

/**
 * A dose in mg for reading, in the page's language, with the fewest digits that show it exactly (4.5 → "4.5";
 * "4,5" in Spanish). Not for form fields, file names or addresses: those keep `formatMg` (always ".").
 */
export function formatDoseMg(mg: number): string {
  if (!Number.isFinite(mg)) return '–';
  return fmt({ maximumSignificantDigits: 6 }).format(mg);
}

/**
 * An axis tick value in the page's language ("0.5" → "0,5" in Spanish), without grouping, as many decimals as the
 * tick has (up to 6, which also hides floating-point noise such as 0.30000000000000004). `unit` '%' gives the
 * language's percent sign ("50%", "50 %"); '×' appends "×".
 */
export function formatTick(v: number, unit?: '%' | '×'): string {
  if (!Number.isFinite(v)) return '–';
  const x = v === 0 ? 0 : v;
  if (unit === '%') return fmt({ style: 'percent', maximumFractionDigits: 6 }).format(x / 100);
  const text = fmt({ maximumFractionDigits: 6 }).format(x);
  return unit === '×' ? `${text}×` : text;
}

/** A number with at most `digits` significant digits, without grouping, in the page's language (fit estimates). */
export function formatSignificant(v: number, digits: number): string {
  if (!Number.isFinite(v)) return '–';
  return fmt({ maximumSignificantDigits: digits }).format(v === 0 ? 0 : v);
}

const formats = new Map<string, Intl.NumberFormat>();
/** A cached `Intl.NumberFormat` of the page's language, without grouping separators (as the charts' axes). */
function fmt(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language()}${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) { f = new Intl.NumberFormat(language(), { useGrouping: false, ...opts }); formats.set(key, f); }
  return f;
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
