/**
 * One set of input limits, shared by every entry point (the CLI, the engine API, the app's URL, files and
 * editors, the Research tab and the widget), checked before any work starts. A hostile or mistyped link or
 * file must get one clear message naming the field, the value and the limit, never a frozen tab or an
 * exhausted heap.
 *
 * Each limit is generous for real use (the numbers below say what fits) and small enough that the work it
 * admits runs in seconds in a worker and fits in memory. Counts are derived cheaply (doses after expanding
 * `addl` are counted, never expanded, so `addl: 1e8` costs nothing to refuse).
 *
 * The checks throw `LimitError`, a `RangeError`: callers that already turn a `RangeError` into a message (the
 * CLI's exit status 2, the app's error lines) need nothing new.
 */

/** The limits, by name. Plain data: the app and the docs may show them. */
export const LIMITS = Object.freeze({
  /**
   * Rows of one simulation's output grid. A year on a 5-minute grid is 105 121 rows; the app's charts use at
   * most 800 points. 200 000 rows of the `ldn` model's 10 outputs are 16 MB of Float64Array (32 MB with the
   * CSV text being built), and a run that long takes seconds, not minutes. `end_h: 190000, step_h: 0.1`
   * (1.9 million rows, 1.1 GB in the browser) is refused.
   */
  outputRows: 200_000,
  /**
   * Single doses of one run after expanding `addl` (counted as the sum of `addl + 1`, never expanded). The
   * integrator restarts at every dose, so the work grows with this count: 50 000 is a dose every hour for
   * 5.7 years, or morphine every 6 h for 34 years. `addl: 1e8` is refused.
   */
  doses: 50_000,
  /** Dosing records (rows of an event table or of a scenario's `events`), before expanding `addl`. */
  eventRecords: 10_000,
  /**
   * Steps of a titration schedule. Each step lasts at least a day; 100 steps are more than three months of
   * daily changes.
   */
  titrationSteps: 100,
  /**
   * Days of one titration step. Ten years; the app's own span is much shorter (its `DAYS_MAX`), and the
   * dose limit bounds the whole run in any case. `4.5x1000000` (a million days) is refused.
   */
  titrationStepDays: 3650,
  /**
   * Characters of a link's state (the app's URL hash). A real link is a few hundred characters (a scenario,
   * a pinned one and a few parameters); a longer one is not read at all.
   */
  linkChars: 10_000,
  /**
   * Integrator steps per segment between doses (`solver.max_steps`). The default is 100 000; ten times that is
   * still seconds of work, while `max_steps: 1e12` with a tolerance of 1e-300 (found by the fuzz tests) never ends.
   */
  solverSteps: 1_000_000,
  /** Subjects of one population run (already the population engine's own `MAX_SUBJECTS`). */
  subjects: 100_000,
  /**
   * Stored values of a population run: subjects × grid times × outputs. The percentile bands need every
   * subject's curves at once; 20 million doubles are 160 MB, which the browser's page can still receive and
   * sort, while 1000 `ldn` subjects over 28 days on the population's 30-minute grid need 13.5 million.
   */
  populationValues: 20_000_000,
  /** Grid points (cells) of a sweep: a 100 × 100 grid (already the sweep engine's `MAX_SWEEP_POINTS`). */
  sweepCells: 10_000,
  /**
   * Bytes of a file read as text (scenario, model, event table). The `ldn` model as JSON is 24 kB; an
   * event table of `eventRecords` rows is about 300 kB. 1 MiB leaves room and parses in milliseconds.
   */
  fileBytes: 1_048_576,
  /**
   * Nesting depth of a JSON file. A model is 5 levels deep (`presets[].options[].parameters{}`), a scenario
   * embedding it 7. A deeper file would make recursive readers (and the structured clone to a worker) overflow
   * the stack.
   */
  jsonDepth: 20,
  /**
   * Characters of one model expression. The longest in the built-in models is under 200; the expression
   * parser's work grows with the square of the length, so a megabyte of text would freeze the page.
   */
  expressionChars: 2_000,
  /** Nesting depth of parentheses in one expression (the parser and compiler recurse on it). */
  expressionDepth: 32,
  /**
   * Named items of a model: parameters + states + expressions + outputs + dose entries. The `ldn` model has 87;
   * every right-hand-side evaluation costs time in proportion to its size.
   */
  modelItems: 1_000,
  /**
   * Characters of a name given on its own (a model id in a widget attribute or a link). Built-in model ids and
   * names are under 40 characters.
   */
  nameChars: 100,
  /**
   * Characters of any other string in a model, scenario or event table (names, units, labels, sources,
   * descriptions). The longest in the built-in models is a 725-character source citation.
   */
  stringChars: 10_000,
});

/** The name of a limit. */
export type LimitName = keyof typeof LIMITS;

/** An input over a limit: names the field, the value found and the limit. */
export class LimitError extends RangeError {
  constructor(readonly field: string, readonly value: number, readonly limit: number, readonly what: string) {
    super(`${field}: ${formatCount(value)} ${what}; at most ${formatCount(limit)} are allowed`);
    this.name = 'LimitError';
  }

  /** The same error with `prefix` (e.g. the file's name) in front of the field. */
  within(prefix: string): LimitError {
    return new LimitError(`${prefix}: ${this.field}`, this.value, this.limit, this.what);
  }
}

/** Whole numbers with thin grouping (`100 000 001`), others as they are: limits are read by people. */
function formatCount(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toLocaleString('en-US').replace(/,/g, ' ');
  return String(x);
}

/** Throws `LimitError` when `value > LIMITS[name]`. `what` says what was counted (e.g. `doses after expanding addl`). */
export function checkLimit(name: LimitName, field: string, value: number, what: string): void {
  const limit = LIMITS[name];
  if (value > limit) throw new LimitError(field, value, limit, what);
}

/**
 * Rows of the output grid `0, stepH, 2·stepH, …, endH` (the engine's `outputGrid`: `endH` is the last row, added
 * when the span is not a whole number of steps), computed, not built. NaN for unusable inputs.
 */
export function gridRows(endH: number, stepH: number): number {
  if (!(Number.isFinite(endH) && Number.isFinite(stepH) && endH > 0 && stepH > 0)) return NaN;
  const ratio = endH / stepH;
  const exact = Math.abs(ratio - Math.round(ratio)) <= 1e-9 * Math.max(1, ratio);
  return exact ? Math.round(ratio) + 1 : Math.floor(ratio + 1e-9) + 2;
}

/**
 * Checks the output grid of a run: at most `LIMITS.outputRows` rows. Inputs that are not positive finite
 * numbers are left to the caller's own checks (which name what was expected).
 */
export function checkGrid(endH: number, stepH: number, field = 'step_h'): void {
  const rows = gridRows(endH, stepH);
  if (rows > LIMITS.outputRows) {
    throw new LimitError(field, rows, LIMITS.outputRows,
      `rows requested (span ${endH} h / step ${stepH} h)`);
  }
}

/** A dosing record as far as counting goes (the engine's `DoseEvent`, or anything shaped like it). */
interface Countable { readonly addl?: unknown }

/**
 * Single doses of `events` after expanding `addl`, counted without expanding. A record whose `addl` is not a
 * whole number ≥ 0 counts as one dose (its own validation names it).
 */
export function doseCount(events: readonly Countable[]): number {
  let n = 0;
  for (const e of events) {
    const addl = e?.addl;
    n += (typeof addl === 'number' && Number.isInteger(addl) && addl > 0 ? addl : 0) + 1;
  }
  return n;
}

/** Checks the number of dosing records and of doses after expanding `addl`. */
export function checkEvents(events: readonly Countable[], field = 'events'): void {
  checkLimit('eventRecords', field, events.length, 'dosing records');
  checkLimit('doses', field, doseCount(events), 'doses after expanding addl');
}

/**
 * A value as quoted in a message: JSON, cut to `max` characters. A file or link may hold megabytes, and a
 * message must stay one readable line.
 */
export function quote(x: unknown, max = 80): string {
  let s: string | undefined;
  try { s = JSON.stringify(x); } catch { s = String(x); }
  if (s === undefined) s = String(x);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Smallest relative tolerance accepted: below ~1e-14 a double cannot resolve it and the integrator crawls. */
export const MIN_RTOL = 1e-14;

/** Checks solver settings: the step limit, and a relative tolerance a double can meet (≥ `MIN_RTOL`). */
export function checkSolver(rtol: number | undefined, maxSteps: number | undefined, field = 'solver'): void {
  if (typeof rtol === 'number' && rtol > 0 && rtol < MIN_RTOL) throw new RangeError(`${field}.rtol: expected a number in [${MIN_RTOL}, 1), got ${rtol}`);
  if (typeof maxSteps === 'number') checkLimit('solverSteps', `${field}.max_steps`, maxSteps, 'integrator steps per segment');
}

/** Checks a titration schedule's size: the number of steps and each step's days. */
export function checkTitration(steps: readonly { readonly days: number }[], field = 'titration'): void {
  checkLimit('titrationSteps', field, steps.length, 'titration steps');
  steps.forEach((s, i) => {
    if (typeof s.days === 'number') checkLimit('titrationStepDays', `${field}[${i}].days`, s.days, 'days in one step');
  });
}

// The checks of files, requests and models read at run time (populations, sweeps, text and JSON sizes, strings,
// expressions, model size) are in engine/input-limits.ts: the app's first screen needs only the above (issue #18).
