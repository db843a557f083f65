/**
 * Output rows at records (docs/dosing.md): an `evid` 2 record (NONMEM's other-type event) asks for an output
 * row at its time, as NONMEM's table has a row at every record. Those times are merged into the output grid.
 */
import type { DoseEvent } from './dosing';

/**
 * The grid with a row added at the time of every `evid` 2 record within [0, last grid time], in time order.
 * A time that is already a row (within 1e-9 h, relative to its size above 1 h: a grid time `i × step` may
 * differ from the written time by rounding) adds nothing, so rows are never duplicated. Without `evid` 2
 * records the grid is returned unchanged (the same array).
 */
export function withRecordTimes(grid: Float64Array, events: readonly DoseEvent[]): Float64Array {
  const endH = grid[grid.length - 1]!;
  const wanted = events.filter((e) => e.evid === 2 && e.timeH <= endH).map((e) => e.timeH);
  if (wanted.length === 0) return grid;
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  const extra = [...new Set(wanted)].sort((a, b) => a - b).filter((t) => !hasNear(grid, t, same));
  if (extra.length === 0) return grid;
  const out = new Float64Array(grid.length + extra.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) out[k] = j >= extra.length || (i < grid.length && grid[i]! < extra[j]!) ? grid[i++]! : extra[j++]!;
  // Two record times closer than the tolerance to each other: keep one.
  return out.filter((t, k) => k === 0 || !same(out[k - 1]!, t));
}

/** Whether the sorted `grid` holds a time `same` as t (binary search). */
function hasNear(grid: Float64Array, t: number, same: (a: number, b: number) => boolean): boolean {
  let lo = 0;
  let hi = grid.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (grid[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return same(grid[lo]!, t) || (lo > 0 && same(grid[lo - 1]!, t));
}
