/**
 * Timing primitives for `npm run bench`: warm up, then repeat until a repetition count or a time budget is
 * reached, and report order statistics (the median is the headline figure; min and p95 show the spread).
 */

/** Order statistics of repeated measurements, milliseconds per repetition. */
export interface Timing {
  /** Number of timed repetitions (after warm-up). */
  readonly n: number;
  readonly min: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** How hard to measure. */
export interface MeasureOptions {
  /** Untimed calls before measuring, so that the JIT has compiled the hot paths. */
  readonly warmup: number;
  /** Timed repetitions wanted. */
  readonly reps: number;
  /** Stop early once this much time (ms) has been spent timing, provided at least `minReps` ran. */
  readonly budgetMs?: number;
  /** Repetitions always run, whatever the budget. Default 3 (or `reps` when smaller). */
  readonly minReps?: number;
}

/** Written by every measured call, so that no result is dead code the JIT may drop. */
export let sink: unknown;

/** Order statistics of a sample (values in ms). `p95` is the nearest-rank 95th percentile. */
export function summarize(samples: readonly number[]): Timing {
  if (samples.length === 0) throw new RangeError('summarize: expected at least one sample');
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { n, min: s[0]!, median, p95: s[Math.min(n - 1, Math.ceil(0.95 * n) - 1)]!, max: s[n - 1]! };
}

/** Times `fn` (one repetition per call) after `warmup` untimed calls. */
export function measure(fn: () => unknown, opts: MeasureOptions): Timing {
  for (let i = 0; i < opts.warmup; i++) sink = fn();
  const minReps = Math.min(opts.reps, opts.minReps ?? 3);
  const samples: number[] = [];
  let spent = 0;
  for (let i = 0; i < opts.reps; i++) {
    const t0 = performance.now();
    sink = fn();
    const dt = performance.now() - t0;
    samples.push(dt);
    spent += dt;
    if (opts.budgetMs !== undefined && spent > opts.budgetMs && samples.length >= minReps) break;
  }
  return summarize(samples);
}

/** Formats milliseconds with 3 significant digits (`0.412 ms`, `18.3 ms`, `1234 ms`). */
export function fmtMs(ms: number): string {
  return `${ms >= 1000 ? ms.toFixed(0) : ms.toPrecision(3)} ms`;
}

/** One table row: label, median, min, p95, n. */
export function timingRow(label: string, t: Timing, width = 54): string {
  return `${label.padEnd(width)} median ${fmtMs(t.median).padStart(10)}   min ${fmtMs(t.min).padStart(10)}   p95 ${fmtMs(t.p95).padStart(10)}   n ${t.n}`;
}
