import type { Timing } from './timing';

/**
 * A benchmark section: one concern (simulation courses, expression evaluation, a comparison with SciPy, a
 * browser frame time…) in its own file under `bench/sections/`. Add a section by writing a file that exports
 * a `BenchSection` and listing it in `bench/sections/index.ts`.
 */
export interface BenchSection {
  /** Short id, e.g. `simulate`; also accepted by `npm run bench -- --only ID[,ID]`. */
  readonly id: string;
  /** Heading of the text report. */
  readonly title: string;
  run(ctx: BenchContext): Promise<SectionResult> | SectionResult;
}

/** What every section receives. */
export interface BenchContext {
  /** `--quick`: few repetitions, for tests that only check the report's shape. Figures are then rough. */
  readonly quick: boolean;
  /** Figures of the sections run so far (flat, as in the JSON report), e.g. for ratios against them. */
  readonly figures: Readonly<Record<string, number>>;
  /** Picks a repetition count: `full` normally, `quick` under `--quick`. */
  reps(full: number, quick: number): number;
}

/** What a section reports. */
export interface SectionResult {
  /**
   * Headline figures for the JSON report, flat, with the unit in the name: `one_compartment_day_ms` (a median),
   * `expr_closure_ns`, `speedup_vs_scipy` (a ratio).
   */
  readonly figures: Record<string, number>;
  /** Full statistics behind figures that are timings (same keys), for the JSON `stats` object. */
  readonly stats?: Record<string, Timing>;
  /** Lines of the text report. */
  readonly lines: readonly string[];
  /** Things the reader must know (a comparison skipped, a result that disagrees); shown in both reports. */
  readonly notes?: readonly string[];
}

/** `one-compartment` → `one_compartment`: a model id as a JSON key prefix. */
export function keyOf(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}
