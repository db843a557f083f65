/**
 * Night intervals on a time axis measured in hours since time 0: a d3-style factory.
 *
 * @example nightBands().startClockH(22).from(22).to(7)(48) // [[0, 9], [24, 33]]
 */
export interface NightBands {
  (spanH: number): [number, number][];
  startClockH(): number;
  startClockH(h: number): NightBands;
  /** Clock hour the night starts (default 22). */
  from(): number;
  from(h: number): NightBands;
  /** Clock hour the night ends (default 7). */
  to(): number;
  to(h: number): NightBands;
}

export function nightBands(): NightBands {
  let start = 0;
  let from = 22;
  let to = 7;
  const bands = ((spanH: number) => {
    const out: [number, number][] = [];
    const length = ((to - from) % 24 + 24) % 24;
    // Night k starts at clock `from` on calendar day k (k = -1 covers a night already under way at time 0).
    for (let k = -1; ; k++) {
      const s = k * 24 + from - start;
      if (s > spanH) break;
      const a = Math.max(0, s);
      const b = Math.min(spanH, s + length);
      if (b > a) out.push([a, b]);
    }
    return out;
  }) as NightBands;
  bands.startClockH = ((h?: number) => (h === undefined ? start : ((start = h), bands))) as NightBands['startClockH'];
  bands.from = ((h?: number) => (h === undefined ? from : ((from = h), bands))) as NightBands['from'];
  bands.to = ((h?: number) => (h === undefined ? to : ((to = h), bands))) as NightBands['to'];
  return bands;
}
