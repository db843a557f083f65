import type { DoseEvent } from './dosing';
import type { SteadyStateReport } from './records';

/** One output column of a simulation. */
export interface Column {
  /** Column name as in the CSV, carrying its unit (`conc_mg_per_l`). */
  readonly name: string;
  readonly unit: string;
  readonly label: string;
  readonly values: Float64Array;
}

/** Integrator settings used for a run. */
export interface SolverSettings {
  /** Integration method (`dop853`, `odex`), or `custom` for an integrator passed in code. */
  readonly method: string;
  /** Relative tolerance. */
  readonly rtol: number;
  /** Absolute tolerance per state, in the state's unit. */
  readonly atol: readonly number[];
  /** Step limit per integration segment (between two dose times). */
  readonly maxSteps: number;
}

/** Integrator statistics summed over all segments. */
export interface SolverStats {
  readonly segments: number;
  readonly steps: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly evaluations: number;
}

/** Everything needed to reproduce a run and judge its numbers. */
export interface ResultMeta {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Every parameter's value used (defaults merged with overrides and presets). */
  readonly parameters: Readonly<Record<string, number>>;
  /** Selected preset option per preset group, e.g. `{ hepatic: 'none' }`. */
  readonly presets: Readonly<Record<string, string>>;
  readonly events: readonly DoseEvent[];
  /** Clock time (hours of day) at time 0. */
  readonly startClockH: number;
  readonly solver: SolverSettings;
  readonly stats: SolverStats;
  /**
   * Present when records start at steady state (`ss`): how it was computed (repeated dosing intervals to a
   * relative tolerance) and how many intervals each steady state took.
   */
  readonly steadyState?: SteadyStateReport;
  /**
   * Problems found while integrating (a step limit hit, a non-finite value). Empty when the run is sound.
   * A result with diagnostics is never silently truncated: `ok` is false and the CLI refuses to write it.
   */
  readonly diagnostics: readonly string[];
  readonly ok: boolean;
  /**
   * One line per parameter override outside its typical range (it ran; values outside the physical bounds are
   * refused). Absent when there are none.
   */
  readonly notes?: readonly string[];
}

/** An immutable simulation result: a time grid and output columns. */
export interface SimulationResult {
  /** Output grid, hours since time 0, both ends included. */
  readonly timeH: Float64Array;
  readonly columns: readonly Column[];
  readonly meta: ResultMeta;
}

/** Looks a column up by name; throws listing the available names when it is missing. */
export function column(result: SimulationResult, name: string): Float64Array {
  const c = result.columns.find((col) => col.name === name);
  if (!c) {
    throw new RangeError(`column: no column ${JSON.stringify(name)}; available: ${result.columns.map((x) => x.name).join(', ')}`);
  }
  return c.values;
}
