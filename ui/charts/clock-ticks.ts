/**
 * Ticks for a time axis measured in hours since time 0 but read as clock time: a d3-style factory.
 *
 * @example clockTicks().startClockH(22).maxTicks(8)(72) // ticks every 6 h at 00:00, 06:00, …
 */
import { formatClock } from '../../engine/dosing';
import { CHART_STRINGS as STRINGS } from '../chart-strings';

export interface ClockTick {
  /** Hours since time 0. */
  readonly timeH: number;
  /** Clock label, e.g. `06:00`. */
  readonly label: string;
  /** True at midnight: the start of a new calendar day. */
  readonly midnight: boolean;
  /** Calendar day (1-based) that starts at this tick, when `midnight`. */
  readonly day: number;
}

const STEPS_H = [1, 2, 3, 4, 6, 12, 24, 48, 72, 168];

export interface ClockTicks {
  (spanH: number): ClockTick[];
  startClockH(): number;
  startClockH(h: number): ClockTicks;
  maxTicks(): number;
  maxTicks(n: number): ClockTicks;
}

export function clockTicks(): ClockTicks {
  let start = 0;
  let max = 8;
  const ticks = ((spanH: number) => {
    const step = STEPS_H.find((s) => spanH / s <= max) ?? STEPS_H[STEPS_H.length - 1]!;
    // First clock time that is a multiple of the step (in absolute clock hours), at or after time 0.
    const first = Math.ceil((start - 1e-9) / step) * step - start;
    const out: ClockTick[] = [];
    for (let k = 0; ; k++) {
      const t = first + k * step;
      if (t > spanH + 1e-9) break;
      const clock = start + t;
      const midnight = Math.abs(clock / 24 - Math.round(clock / 24)) < 1e-9;
      out.push({ timeH: t, label: step >= 24 ? STRINGS.dayTick(Math.round(clock / 24) + 1) : formatClock(clock), midnight, day: Math.round(clock / 24) + 1 });
    }
    return out;
  }) as ClockTicks;
  ticks.startClockH = ((h?: number) => (h === undefined ? start : ((start = h), ticks))) as ClockTicks['startClockH'];
  ticks.maxTicks = ((n?: number) => (n === undefined ? max : ((max = n), ticks))) as ClockTicks['maxTicks'];
  return ticks;
}
