/**
 * The dose slider's stops: 0.25 mg steps over the low-dose range (0.25–5 mg), then coarser steps that reach the
 * standard 50 and 100 mg doses (a piecewise, roughly logarithmic scale), so a keyboard user moves 4.5 → 4.75 with
 * one arrow press and reaches 50 mg with a dozen more.
 */
export const DOSE_LADDER_MG: readonly number[] = [
  ...Array.from({ length: 20 }, (_, i) => (i + 1) * 0.25),
  6, 7, 8, 9, 10, 12.5, 15, 17.5, 20, 25, 30, 37.5, 50, 62.5, 75, 100, 125, 150,
];

/** Index of the stop nearest a dose (in log terms, so 4.6 maps to 4.5 and 90 to 100). */
export function ladderIndex(doseMg: number): number {
  let best = 0;
  let bestD = Infinity;
  DOSE_LADDER_MG.forEach((d, i) => {
    const dist = Math.abs(Math.log(d) - Math.log(Math.max(doseMg, 1e-6)));
    if (dist < bestD) { bestD = dist; best = i; }
  });
  return best;
}
