/** Population runs: the request, the limits and defaults, and the shapes of chunks and results. */
import type { VariabilitySpec } from '../model/types';
import type { ResultMeta, SolverSettings, SolverStats } from '../result';
import { type SimulationRequest } from '../simulate';
import { percentile } from './percentiles';

/** A population run: a simulation request plus the number of subjects, the seed and the variability. */
export interface PopulationRequest extends SimulationRequest {
  /** Number of subjects, 1 to `MAX_SUBJECTS`. */
  readonly n: number;
  /** Seed of the random streams, a whole number in [0, 2^32 − 1]. Same seed, same subjects. */
  readonly seed: number;
  /**
   * The variability to apply, replacing the model's `variability` (give `[]` for none). Default: the model's.
   * Each entry's `parameter` must exist and have a value > 0 (after presets and overrides).
   */
  readonly variability?: readonly VariabilitySpec[];
}

/**
 * Default solver settings of population runs: looser than single runs (rtol 1e-9) because the bands show a
 * between-subject spread of tens of percent, and an integration error of ~1e-5 of the peak is far below it
 * (test/engine/population.test.ts checks it against a tight single run). Method `dopri5` (Dormand–Prince
 * 5(4), engine/dopri5.ts) does the least work per subject at these tolerances (`npm run bench`); any method of
 * `solver.method` (`dop853`, `odex`) may be named instead. Stated in every result's metadata and scenario.
 */
export const POPULATION_SOLVER = { method: 'dopri5', rtol: 1e-4, atol: 1e-6, maxSteps: 100000 } as const;
/** Largest number of subjects of one run. */
export const MAX_SUBJECTS = 100_000;
/** Largest number of stored values (subjects × grid times × outputs): 400 MB of doubles. */
export const MAX_POPULATION_VALUES = 50_000_000;
/** Percentiles written for every output. */
export const PERCENTILES = [5, 50, 95] as const;
/** How often a draw outside the parameter's range is redrawn before the run gives up. */
export const MAX_REDRAWS = 1000;

/** A variability entry with its log-normal ω (standard deviation of η). */
export interface ResolvedVariability extends VariabilitySpec {
  /** ω = sqrt(ln(1 + CV²)), CV as a fraction. */
  readonly omega: number;
}

/** Subjects [from, to) of a population run: plain data with transferable buffers. */
export interface PopulationChunk {
  readonly from: number;
  readonly to: number;
  readonly timeH: Float64Array;
  /**
   * Per output: values of all subjects of the chunk, time-major (`values[i · (to − from) + (s − from)]` for grid
   * time i and subject s), so that the summary reads each time's values contiguously.
   */
  readonly columns: readonly { readonly name: string; readonly unit: string; readonly label: string; readonly values: Float64Array }[];
  /** Individual values of the varied parameters, subject-major (`[(s − from) · nVaried + k]`). */
  readonly parameters: Float64Array;
  /** Per varied parameter: draws outside its range that were redrawn. */
  readonly redraws: readonly number[];
  /** Subjects whose integration failed, with the simulation's diagnostics. */
  readonly failures: readonly { readonly subject: number; readonly diagnostics: readonly string[] }[];
  readonly stats: SolverStats;
  /** Solver settings used (as in a single run's metadata). */
  readonly solver: SolverSettings;
}

/** One output summarised over the subjects. */
export interface PopulationColumn {
  readonly name: string;
  readonly unit: string;
  readonly label: string;
  /** 5th percentile at each grid time. */
  readonly p05: Float64Array;
  /** Median at each grid time. */
  readonly p50: Float64Array;
  /** 95th percentile at each grid time. */
  readonly p95: Float64Array;
}

/**
 * Everything needed to reproduce a population run and judge it: a single run's metadata (parameters are the
 * typical values, before variability; `solver` is every subject's; `stats` are summed over subjects) plus the
 * population's own fields.
 */
export interface PopulationMeta extends ResultMeta {
  readonly n: number;
  readonly seed: number;
  readonly variability: readonly ResolvedVariability[];
  readonly percentiles: readonly number[];
  /** How percentiles are computed. */
  readonly percentileMethod: string;
  /** Per varied parameter: draws outside its declared range that were redrawn (truncated log-normal). */
  readonly redraws: Readonly<Record<string, number>>;
}

/** A population result: the grid and, per output, the 5th, 50th and 95th percentile curves. */
export interface PopulationResult {
  readonly timeH: Float64Array;
  readonly columns: readonly PopulationColumn[];
  readonly meta: PopulationMeta;
}
