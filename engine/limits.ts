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

/** Checks a population's size: subjects, and subjects × grid times × outputs stored for the percentiles. */
export function checkPopulation(n: number, endH: number, stepH: number, outputs: number, field = 'n'): void {
  checkLimit('subjects', field, n, 'subjects');
  const values = n * gridRows(endH, stepH) * outputs;
  if (values > LIMITS.populationValues) {
    throw new LimitError(field, values, LIMITS.populationValues,
      `values to store (${n} subjects × ${gridRows(endH, stepH)} grid times × ${outputs} outputs; use fewer subjects or a coarser step)`);
  }
}

/** Checks a sweep's number of grid points (the product of the axes' lengths). */
export function checkSweepCells(axisLengths: readonly number[], field = 'sweep'): void {
  const cells = axisLengths.reduce((a, b) => a * b, 1);
  checkLimit('sweepCells', field, cells, 'grid points');
}

/** Checks a text's size in bytes (UTF-8) before it is parsed. `field` names the file. */
export function checkTextSize(text: string, field: string): void {
  // UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: the exact count only when it matters.
  if (text.length * 3 <= LIMITS.fileBytes) return;
  checkLimit('fileBytes', field, utf8Bytes(text), 'bytes');
}

/**
 * The length of `text` encoded as UTF-8 (what `TextEncoder` would give, lone surrogates as U+FFFD: 3 bytes), counted
 * without building the encoding: a megabyte of text is counted in milliseconds, with nothing allocated (the browser
 * fuzz test saw `TextEncoder.encode` of a 1 MB model text take up to 185 ms of the page's main thread).
 */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Checks a file's size in bytes from its metadata (a browser `File`, `fs.statSync`), before reading it. */
export function checkFileSize(bytes: number, field: string): void {
  checkLimit('fileBytes', field, bytes, 'bytes');
}

/**
 * The deepest nesting of `[` and `{` in JSON text, found by one scan that skips strings (no parsing, no
 * recursion), so a file of a million `[` is refused before `JSON.parse` builds it.
 */
export function jsonDepth(text: string): number {
  let depth = 0, max = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) { if (++depth > max) max = depth; }
    else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

/**
 * Parses JSON text after checking its size and nesting depth.
 * @param field names the file in messages, e.g. `scenario s.json`.
 * @throws LimitError over a limit; RangeError naming `field` when the text is not JSON.
 */
export function parseJsonLimited(text: string, field: string): unknown {
  checkTextSize(text, field);
  checkLimit('jsonDepth', field, jsonDepth(text), 'levels of nesting');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new RangeError(`${field}: not valid JSON: ${(err as Error).message}`);
  }
}

/** Checks one string's length. */
export function checkString(value: unknown, field: string, name: LimitName = 'stringChars'): void {
  if (typeof value === 'string') checkLimit(name, field, value.length, 'characters');
}

/** Checks a model expression's length and parenthesis depth before it is parsed. */
export function checkExpression(src: unknown, field: string): void {
  if (typeof src !== 'string') return;
  checkLimit('expressionChars', field, src.length, 'characters in an expression');
  let depth = 0, max = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 40) { if (++depth > max) max = depth; } else if (c === 41) depth--;
  }
  checkLimit('expressionDepth', field, max, 'levels of parentheses');
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/**
 * Checks a model's size before it is validated and parsed: the number of named items, every expression's
 * length and depth, and every string's length. Cheap (one pass over the spec); shapes it does not expect are
 * left to the model validator, which names what was expected.
 */
export function checkModelSize(input: unknown, field = 'model'): void {
  if (!isObj(input)) return;
  const at = (k: string) => (field ? `${field}.${k}` : k);
  const lists = ['parameters', 'states', 'expressions', 'outputs', 'doses'] as const;
  const items = lists.reduce((n, k) => n + arr(input[k]).length, 0) + (isObj(input.odes) ? Object.keys(input.odes).length : 0);
  checkLimit('modelItems', field || 'model', items, 'named items (parameters, states, expressions, outputs, doses)');
  const exprs: [unknown, string][] = [
    ...arr(input.expressions).map((e, i): [unknown, string] => [isObj(e) ? e.expr : undefined, at(`expressions[${i}].expr`)]),
    ...arr(input.outputs).map((e, i): [unknown, string] => [isObj(e) ? e.expr : undefined, at(`outputs[${i}].expr`)]),
    ...arr(input.states).map((e, i): [unknown, string] => [isObj(e) ? e.initial : undefined, at(`states[${i}].initial`)]),
    ...arr(input.doses).flatMap((e, i): [unknown, string][] => (isObj(e) ? [[e.bioavailability, at(`doses[${i}].bioavailability`)], [e.lag_h, at(`doses[${i}].lag_h`)]] : [])),
    ...(isObj(input.odes) ? Object.entries(input.odes).map(([k, v]): [unknown, string] => [v, at(`odes.${k}`)]) : []),
  ];
  for (const [src, where] of exprs) checkExpression(src, where);
  // Every string anywhere in the spec (bounded by the item count and the JSON depth of the file it came from).
  const walk = (x: unknown, where: string, depth: number): void => {
    if (typeof x === 'string') { checkString(x, where || 'model'); return; }
    if (depth > LIMITS.jsonDepth) throw new LimitError(where || 'model', depth, LIMITS.jsonDepth, 'levels of nesting');
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${where}[${i}]`, depth + 1));
    else if (isObj(x)) for (const [k, v] of Object.entries(x)) { checkString(k, `${where || 'model'} key`); walk(v, where ? `${where}.${k}` : k, depth + 1); }
  };
  walk(input, field, 0);
}
