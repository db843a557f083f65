/**
 * The model format: a model is plain data (mrgsolve's blocks as an object).
 *
 * The shape mirrors the JSON printed by `ldn-sim model ID --json`, so exporting a model is `JSON.stringify`
 * and a researcher's exported file loads back unchanged. Expressions are mathjs strings restricted to numbers,
 * names, `t` (hours since time 0), `+ - * / ^`, parentheses and `exp log sqrt min max abs`.
 */

/** A number or a mathjs expression string. */
export type ExprSource = string | number;

/** Physical bounds of a parameter, in its unit; each key optional (JSON Schema's numeric keywords). */
export interface ParameterBounds {
  /** Smallest valid value (inclusive). */
  readonly minimum?: number;
  /** Values must be greater than this. */
  readonly exclusiveMinimum?: number;
  /** Largest valid value (inclusive). */
  readonly maximum?: number;
  /** Values must be less than this. */
  readonly exclusiveMaximum?: number;
}

/** A model parameter (mrgsolve `$PARAM`). */
export interface ParameterSpec {
  /** Symbol used in expressions, e.g. `ka_per_h`. Units belong in the name. */
  readonly name: string;
  /** Default value, in `unit`. */
  readonly value: number;
  /** Unit, e.g. `1/h`, `L`, `fraction`, `nM`. Use `1` for dimensionless. */
  readonly unit: string;
  /** Human label for controls and docs, e.g. "Absorption rate constant". */
  readonly label: string;
  /**
   * Typical range `[min, max]`: where the slider goes. A value outside it (but within `bounds`) runs, with a note
   * (CLI stderr, the scenario's `notes`, a mark in the app's parameter panel).
   */
  readonly range?: readonly [number, number];
  /**
   * Physical bounds: what values are valid at all (JSON Schema's keywords), e.g. `{ exclusiveMinimum: 0 }` for a
   * clearance, `{ minimum: 0, maximum: 1 }` for a fraction, `{}` for none. Values outside are refused, naming the
   * parameter. Default (omitted): by the default value's sign, `> 0` when it is > 0, `≥ 0` when it is 0, none
   * when it is negative (engine/model/bounds.ts). The typical `range` must lie within them.
   */
  readonly bounds?: ParameterBounds;
  /** Slider scale hint: `log` for parameters spanning decades. */
  readonly scale?: 'linear' | 'log';
  /**
   * Where the value comes from: a citation, or text beginning with `Assumption:` that names the observation
   * the value was chosen to reproduce.
   */
  readonly source: string;
  /** True when the value is a labelled assumption rather than a measured figure. */
  readonly assumption?: boolean;
}

/** A state variable (an amount, mrgsolve `$CMT`). */
export interface StateSpec {
  readonly name: string;
  readonly unit: string;
  /** Initial value (number or an expression of parameters). */
  readonly initial: ExprSource;
  readonly label?: string;
  /**
   * Absolute integration tolerance for this state, in its unit. Defaults to the engine's default; set it when
   * a state's natural scale is far from 1 (e.g. amounts of micrograms kept in mg).
   */
  readonly atol?: number;
  /**
   * The state cannot be negative (an amount, a concentration ratio, a relative level). The integrator then keeps
   * it ≥ 0: each accepted step and each sample projects a negative value (integration error, at most about the
   * tolerances, once the true value has decayed towards 0) onto 0 — Shampine, Thompson & Kierzenka, "Solving ODEs
   * with non-negative solutions", Appl Numer Math 2005. Default false.
   */
  readonly nonNegative?: boolean;
}

/** A derived quantity evaluated in order before the ODEs (mrgsolve `$MAIN`/`$ODE` locals). */
export interface ExpressionSpec {
  readonly name: string;
  readonly expr: ExprSource;
  readonly unit?: string;
  readonly label?: string;
}

/** An output column (mrgsolve `$TABLE`). */
export interface OutputSpec {
  /** Column name, carrying its unit (`conc_mg_per_l`, `mu_blockade`, `endorphin_rel`). */
  readonly name: string;
  readonly expr: ExprSource;
  readonly unit: string;
  readonly label?: string;
  /**
   * Only written when a dose of this drug is in the event table (e.g. agonist columns). An array means "when
   * any of these drugs is dosed", e.g. `['morphine', 'codeine']` for a column fed by several agonists.
   */
  readonly requiresDrug?: string | readonly string[];
}

/** How a dose of one drug enters the model. One drug may have several entries (it enters several states). */
export interface DoseSpec {
  /** Drug name used in event tables (`drug` column). */
  readonly drug: string;
  /** State that receives `amt_mg × bioavailability`. */
  readonly state: string;
  /** Fraction of the dose that enters `state`; an expression of parameters. Default 1. */
  readonly bioavailability: ExprSource;
  /** Delay between the dose and its entry, hours; an expression of parameters. Default 0. */
  readonly lag_h: ExprSource;
  /** Human label for the drug, e.g. "Naltrexone HCl". */
  readonly label?: string;
}

/**
 * A state that dosing records may name in `cmt` (NONMEM's compartment), with its bioavailability and lag as
 * expressions of parameters (NONMEM's F1/ALAG1 for compartment 1, F2/ALAG2 …). See docs/dosing.md.
 */
export interface DosedStateSpec {
  /** The state that receives `amt × bioavailability`. */
  readonly state: string;
  /** Fraction of the amount that enters (NONMEM Fn); an expression of parameters. Default 1. */
  readonly bioavailability?: ExprSource;
  /** Delay between the record's time and the input, hours (NONMEM ALAGn); an expression of parameters. Default 0. */
  readonly lag_h?: ExprSource;
  /** Zero-order rate, amount per hour, used by records with `rate = -1` (NONMEM Rn); an expression of parameters. */
  readonly rate_per_h?: ExprSource;
  /** Zero-order duration, hours, used by records with `rate = -2` (NONMEM Dn); an expression of parameters. */
  readonly dur_h?: ExprSource;
  readonly label?: string;
}

/** A named set of parameter values, e.g. `hepatic: compensated-cirrhosis`. */
export interface PresetGroupSpec {
  /** Flag-friendly name of the group, e.g. `hepatic` (CLI: `--hepatic VALUE`). */
  readonly name: string;
  readonly label: string;
  /** Option used when the group is not named. */
  readonly default: string;
  readonly options: readonly {
    readonly name: string;
    readonly label: string;
    /** Parameter values this option sets; the source of each value belongs in `source`. */
    readonly parameters: Readonly<Record<string, number>>;
    readonly source: string;
  }[];
}

/** A complete model. */
export interface ModelSpec {
  /** Stable id, e.g. `one-compartment`, `ldn`. */
  readonly id: string;
  /** Semantic version of the model (not of ldn-sim); bump it when numbers change. */
  readonly version: string;
  readonly title: string;
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  readonly states: readonly StateSpec[];
  /** Evaluated in this order; each may use parameters, states, `t` and earlier expressions. */
  readonly expressions: readonly ExpressionSpec[];
  /** d(state)/dt, per hour, for every state. */
  readonly odes: Readonly<Record<string, ExprSource>>;
  readonly outputs: readonly OutputSpec[];
  readonly doses: readonly DoseSpec[];
  /**
   * States that dosing records may name in `cmt`, each with its bioavailability, lag and optional model-defined
   * rate or duration (docs/dosing.md). Records without `cmt` use the drug's `doses` entries.
   */
  readonly dosedStates?: readonly DosedStateSpec[];
  readonly presets?: readonly PresetGroupSpec[];
  /** What the CLI and the app use when the user names no dose: drug, amount as prescribed, clock time. */
  readonly defaults?: ModelDefaults;
  /**
   * Between-subject variability for population runs (`ldn-sim population`): log-normal, independent per
   * parameter. Parameters not listed do not vary. Single runs ignore it.
   */
  readonly variability?: readonly VariabilitySpec[];
}

/**
 * Log-normal between-subject variability of one parameter: θ_i = θ · exp(η_i), η_i ~ N(0, ω²) with the exact
 * ω² = ln(1 + CV²), so that the coefficient of variation of θ_i is `cvPercent` (the median of θ_i is θ).
 * @example { parameter: 'cl_l_per_h', cvPercent: 48, source: 'Derived from Bertolotti 1997 (AUC 200 ± 97 ng·h/mL)' }
 */
export interface VariabilitySpec {
  /** Name of a parameter of the model; its value must be > 0. */
  readonly parameter: string;
  /** Coefficient of variation of the individual values, percent (> 0). */
  readonly cvPercent: number;
  /** Where the CV comes from: a citation, or text beginning with `Assumption:`. */
  readonly source: string;
  /** True when the CV is a labelled assumption rather than a published figure. */
  readonly assumption?: boolean;
}

/** Default regimen of a model, for the CLI's `--dose`/`--at` and the app's first view. */
export interface ModelDefaults {
  /** Drug dosed by `--dose` (default: the first drug in `doses`). */
  readonly drug?: string;
  /** Dose in mg when `--dose` is not given. */
  readonly doseMg?: number;
  /** Clock time HH:MM of the daily dose when `--at` is not given. */
  readonly clock?: string;
}
