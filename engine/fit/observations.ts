/**
 * Observations for fitting: a CSV with one row per measurement (docs/fitting.md).
 *
 * Required columns: `time_h`, `output`, `value`. Optional: `sd` or `cv` (the spread that weights the row),
 * `lloq`, `group`, `subject`, `from_h`, the group's scenario (`scenario`, or `dose_mg`, `at`, `days`), and
 * `source`/`note` (free text, e.g. the citation of a published figure).
 *
 * `output` names a model output column (`naltrexone_plasma_ng_per_ml`), or a summary of one over the window
 * [from_h, time_h] (default from_h = 0) as `KIND:COLUMN`, so that published summary data are rows too:
 * `max:COLUMN` (Cmax, a PET peak), `tmax:COLUMN`, `min:COLUMN`, `auc:COLUMN` (trapezoidal, the column's unit × h)
 * and `thalf:COLUMN` (half-life, h, from a log-linear regression over the window), and the hours the column spends
 * below or above a threshold in its own unit, `hours_below:COLUMN:THRESHOLD` and `hours_above:COLUMN:THRESHOLD` (the
 * text form of `ldn-sim sweep --metric`, engine/sweep.ts), e.g. `hours_below:mu_blockade:0.1`.
 */
import { parseCsv } from '../csv';
import { parseClock } from '../dosing';

/** Summaries of an output over a window that a row may observe. */
export type ObservedMetric = 'max' | 'min' | 'tmax' | 'auc' | 'thalf' | 'hours_below' | 'hours_above';
export const OBSERVED_METRICS: readonly ObservedMetric[] = ['max', 'min', 'tmax', 'auc', 'thalf', 'hours_below', 'hours_above'];
/** The summaries that take a threshold: `KIND:COLUMN:THRESHOLD`. */
export const THRESHOLD_METRICS: readonly ObservedMetric[] = ['hours_below', 'hours_above'];

/** Every column an observations file may have. */
export const OBSERVATION_COLUMNS = ['time_h', 'output', 'value', 'sd', 'cv', 'lloq', 'group', 'subject', 'from_h',
  'dose_mg', 'at', 'days', 'scenario', 'source', 'note'] as const;

/** Group name of rows without a `group` column (or with an empty one). */
export const DEFAULT_GROUP = 'all';

/** One measurement. */
export interface Observation {
  /** Line of the file (1 = header), for messages. */
  readonly line: number;
  /** Time of the measurement, or the end of a summary's window, hours since time 0 of the group's scenario. */
  readonly timeH: number;
  /** `output` as written (`max:mu_blockade`). */
  readonly output: string;
  /** The model output column observed. */
  readonly column: string;
  /** A summary over [fromH, timeH], or undefined for a value at timeH. */
  readonly metric?: ObservedMetric;
  /** Start of a summary's window, hours (0 unless given). */
  readonly fromH: number;
  /** The threshold of `hours_below`/`hours_above`, in the column's unit (`hours_below:mu_blockade:0.1` → 0.1). */
  readonly threshold?: number;
  readonly value: number;
  /** Standard deviation of the measurement, in the output's unit. */
  readonly sd?: number;
  /** Coefficient of variation, a fraction (0.2 = 20%). */
  readonly cv?: number;
  /** Lower limit of quantification: a value below it is censored (docs/fitting.md). */
  readonly lloq?: number;
  readonly group: string;
  readonly subject?: string;
  readonly source?: string;
}

/** A group of rows sharing one dosing scenario. */
export interface ObservationGroup {
  readonly name: string;
  /** First line of the group, for messages. */
  readonly line: number;
  /** A scenario JSON file (path as written, relative to the observations file). */
  readonly scenario?: string;
  /** Daily dose in mg as prescribed, the clock time (HH:MM) and the number of daily doses. */
  readonly doseMg?: number;
  readonly at?: string;
  readonly days?: number;
}

/** A parsed observations file. */
export interface ObservationSet {
  readonly source: string;
  readonly observations: readonly Observation[];
  readonly groups: readonly ObservationGroup[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** How the threshold kinds are written, for messages. */
const KIND_THRESHOLD = ` (${THRESHOLD_METRICS.map((k) => `${k}:COLUMN:THRESHOLD`).join(', ')})`;

/**
 * Parses an observations CSV.
 * @param source the file name, for messages.
 * @throws RangeError naming the file, the line and the column, and what was expected.
 */
export function parseObservationsCsv(text: string, source = 'observations'): ObservationSet {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new RangeError(`${source}: ${(err as Error).message}`);
  }
  if (rows.length === 0) throw new RangeError(`${source}: empty file; expected a header row with at least time_h,output,value`);
  const header = rows[0]!.map((h) => h.trim());
  const missing = ['time_h', 'output', 'value'].filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(OBSERVATION_COLUMNS as readonly string[]).includes(h));
  const dup = header.filter((h, i) => header.indexOf(h) !== i);
  if (missing.length || unknown.length || dup.length) {
    throw new RangeError(`${source} line 1: expected a header with time_h,output,value and optionally ${OBSERVATION_COLUMNS.slice(3).join(',')}` +
      `${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown column ${unknown.join(', ')}` : ''}` +
      `${dup.length ? `; column ${dup.join(', ')} given twice` : ''}`);
  }
  const col = (name: string) => header.indexOf(name);
  const observations: Observation[] = [];
  const groups = new Map<string, ObservationGroup>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 1;
    if (row.length === 1 && row[0]!.trim() === '') continue;
    if (row.length !== header.length) throw new RangeError(`${source} line ${line}: expected ${header.length} fields (${header.join(',')}), got ${row.length}`);
    const cell = (name: string) => (col(name) >= 0 ? row[col(name)]!.trim() : '');
    const fail = (name: string, what: string, got = cell(name)): never => {
      throw new RangeError(`${source} line ${line}, column ${name}: expected ${what}, got ${got === '' ? 'an empty field' : JSON.stringify(got)}`);
    };
    const num = (name: string, what: string, ok: (x: number) => boolean, optional: boolean): number | undefined => {
      const v = cell(name);
      if (v === '') return optional ? undefined : fail(name, what);
      const x = Number(v);
      if (!NUMBER.test(v) || !Number.isFinite(x) || !ok(x)) fail(name, what);
      return x;
    };
    const timeH = num('time_h', 'a time in hours >= 0', (x) => x >= 0, false)!;
    const output = cell('output');
    const m = /^(?:([a-z_]+):)?([A-Za-z_][A-Za-z0-9_]*)(?::([^:]*))?$/.exec(output);
    if (!m) fail('output', 'a model output column (e.g. naltrexone_plasma_ng_per_ml) or KIND:COLUMN with KIND one of ' + OBSERVED_METRICS.join(', ') + KIND_THRESHOLD);
    const kind = m![1] as ObservedMetric | undefined;
    if (kind !== undefined && !OBSERVED_METRICS.includes(kind)) fail('output', `KIND:COLUMN with KIND one of ${OBSERVED_METRICS.join(', ')}${KIND_THRESHOLD}`);
    let threshold: number | undefined;
    if (kind !== undefined && THRESHOLD_METRICS.includes(kind)) {
      const thr = m![3];
      if (thr === undefined || !NUMBER.test(thr.trim()) || !Number.isFinite(Number(thr))) {
        fail('output', `${kind}:COLUMN:THRESHOLD with the threshold a number in the column's unit (e.g. ${kind}:mu_blockade:0.1)`);
      }
      threshold = Number(thr);
    } else if (m![3] !== undefined) {
      fail('output', kind === undefined ? 'a model output column or KIND:COLUMN' : `${kind}:COLUMN (a threshold belongs to ${THRESHOLD_METRICS.join(', ')} only)`);
    }
    const value = num('value', 'a finite number', () => true, false)!;
    const sd = num('sd', 'a standard deviation > 0 (or an empty field)', (x) => x > 0, true);
    const cv = num('cv', 'a coefficient of variation > 0 as a fraction, e.g. 0.2 (or an empty field)', (x) => x > 0, true);
    if (sd !== undefined && cv !== undefined) throw new RangeError(`${source} line ${line}, columns sd and cv: expected one of them, not both`);
    const lloq = num('lloq', 'a quantification limit > 0 (or an empty field)', (x) => x > 0, true);
    const fromH = num('from_h', 'the start of the summary window in hours, >= 0 and < time_h', (x) => x >= 0 && x < timeH, true);
    if (fromH !== undefined && kind === undefined) fail('from_h', 'an empty field for a value at one time (from_h belongs to KIND:COLUMN rows)');
    if (kind !== undefined && timeH === 0) fail('time_h', 'the end of the summary window, > 0 h', String(timeH));
    const group = cell('group') || DEFAULT_GROUP;
    const doseMg = num('dose_mg', 'a dose in mg >= 0 (or an empty field)', (x) => x >= 0, true);
    const days = num('days', 'a whole number of daily doses >= 1 (or an empty field)', (x) => Number.isInteger(x) && x >= 1, true);
    const at = cell('at') || undefined;
    if (at !== undefined) {
      try { parseClock(at, 'at'); } catch { fail('at', 'a clock time HH:MM (e.g. 22:00)'); }
    }
    const scenario = cell('scenario') || undefined;
    if (scenario !== undefined && (doseMg !== undefined || days !== undefined)) {
      throw new RangeError(`${source} line ${line}, column scenario: a group names a scenario file or dose_mg/days, not both`);
    }
    if (doseMg === undefined && days !== undefined) fail('dose_mg', 'a dose in mg when days is given');
    const g: ObservationGroup = {
      name: group, line,
      ...(scenario !== undefined ? { scenario } : {}), ...(doseMg !== undefined ? { doseMg } : {}),
      ...(at !== undefined ? { at } : {}), ...(days !== undefined ? { days } : {}),
    };
    const seen = groups.get(group);
    if (!seen) groups.set(group, g);
    else {
      for (const k of ['scenario', 'doseMg', 'at', 'days'] as const) {
        if (seen[k] !== g[k]) {
          const name = { scenario: 'scenario', doseMg: 'dose_mg', at: 'at', days: 'days' }[k];
          throw new RangeError(`${source} line ${line}, column ${name}: rows of group ${JSON.stringify(group)} share one scenario; ` +
            `line ${seen.line} has ${JSON.stringify(seen[k] ?? '')}, this row ${JSON.stringify(g[k] ?? '')}`);
        }
      }
    }
    observations.push({
      line, timeH, output, column: m![2]!, ...(kind !== undefined ? { metric: kind } : {}), fromH: fromH ?? 0,
      ...(threshold !== undefined ? { threshold } : {}), value,
      ...(sd !== undefined ? { sd } : {}), ...(cv !== undefined ? { cv } : {}), ...(lloq !== undefined ? { lloq } : {}), group,
      ...(cell('subject') ? { subject: cell('subject') } : {}), ...(cell('source') ? { source: cell('source') } : {}),
    });
  }
  if (observations.length === 0) throw new RangeError(`${source}: no observation rows after the header`);
  return { source, observations, groups: [...groups.values()] };
}
