/**
 * Nice ticks for an axis of grid cells (a sweep's heatmap): the cells sit at the grid's own values (0.8077 mg,
 * 07:14), but the labels go at round values (d3's nice ticks: 0.5, 1, 2, 5 …; whole hours for a clock axis),
 * placed between cell centres where the grid spacing puts them. Pure: values in, tick positions out.
 */
import { scaleLinear, scaleLog } from 'd3-scale';

/** A tick: its value and its position in cell units (0 = the first cell's centre, n − 1 the last's). */
export interface GridTick { readonly value: number; readonly pos: number }

/** True when the values are evenly spaced on a log scale (a geometric grid), not on a linear one. */
export function isGeometric(values: readonly number[]): boolean {
  if (values.length < 3 || values.some((v) => !(v > 0))) return false;
  const r = values[1]! / values[0]!;
  const d = values[1]! - values[0]!;
  const geometric = values.every((v, i) => i === 0 || Math.abs(v / values[i - 1]! / r - 1) < 1e-4);
  const linear = values.every((v, i) => i === 0 || Math.abs(v - values[i - 1]! - d) <= 1e-4 * Math.abs(d));
  return geometric && !linear;
}

const CLOCK_STEPS_H = [1, 2, 3, 4, 6, 8, 12, 24];

/**
 * Ticks for the grid `values` (ascending, evenly spaced linearly or geometrically), at most `maxTicks` of them.
 * `clock`: the values are hours of the day, ticked on whole hours (1, 2, 3, 4, 6, 8 or 12 apart).
 * A single value is its own tick.
 */
export function gridTicks(values: readonly number[], maxTicks: number, clock = false): GridTick[] {
  const n = values.length;
  if (n === 0) return [];
  if (n === 1) return [{ value: values[0]!, pos: 0 }];
  const lo = values[0]!;
  const hi = values[n - 1]!;
  const max = Math.max(2, Math.floor(maxTicks));
  if (clock) {
    const step = CLOCK_STEPS_H.find((s) => Math.floor(hi / s) - Math.ceil(lo / s) + 1 <= max) ?? 24;
    const scale = scaleLinear().domain([lo, hi]).range([0, n - 1]);
    const out: GridTick[] = [];
    for (let h = Math.ceil(lo / step - 1e-9) * step; h <= hi + 1e-9; h += step) out.push({ value: h, pos: scale(h) });
    return out.length ? out : [{ value: lo, pos: 0 }];
  }
  const scale = isGeometric(values) ? scaleLog().domain([lo, hi]).range([0, n - 1]) : scaleLinear().domain([lo, hi]).range([0, n - 1]);
  const log = isGeometric(values);
  let ticks = scale.ticks(max);
  if (log) {
    // A log scale's ticks include every 2, 3 … 9 within a decade: keep the decades when there are too many.
    const decades = ticks.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
    if (ticks.length > max && decades.length >= 2) ticks = decades;
    else if (ticks.length > max) ticks = ticks.filter((_, i) => i % Math.ceil(ticks.length / max) === 0);
  } else {
    // d3's count is a hint: ask for fewer until the ticks fit.
    for (let k = max - 1; ticks.length > max && k >= 1; k--) ticks = scale.ticks(k);
  }
  const inside = ticks.filter((t) => t >= Math.min(lo, hi) - 1e-12 && t <= Math.max(lo, hi) + 1e-12);
  return (inside.length ? inside : [lo, hi]).map((value) => ({ value, pos: scale(value) }));
}

/**
 * Splits a label into lines of at most `maxChars` characters at spaces; a word longer than a line is cut into
 * line-long pieces. Nothing of the label is dropped (the tornado's labels were cut to fit its margin).
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const width = Math.max(4, Math.floor(maxChars));
  const words = label.split(/\s+/).filter(Boolean).flatMap((w) => {
    const pieces: string[] = [];
    for (let i = 0; i < w.length; i += width) pieces.push(w.slice(i, i + width));
    return pieces;
  });
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + w.length <= width) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines.length ? lines : [''];
}
