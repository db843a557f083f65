/**
 * NONMEM-format data sets (docs/dosing.md): `ID, TIME, AMT, CMT, EVID, II, ADDL, SS, RATE, MDV, DV` plus
 * covariate columns mapped to parameters, parsed into per-ID dosing records and observations. The parser is
 * shared: the CLI simulates the records (`--nonmem`), fitting tools read the observations.
 */
import { parseCsv } from './csv';
import { validateEvent, type DoseEvent } from './dosing';
import type { PreparedModel } from './model/load';
import { checkRecordsForModel } from './records-check';

/** The data items ldn-sim reads, by their NONMEM names (matched without regard to case). */
export const NONMEM_COLUMNS = ['ID', 'TIME', 'AMT', 'CMT', 'EVID', 'II', 'ADDL', 'SS', 'RATE', 'MDV', 'DV'] as const;

/** One row of the data set. */
export interface NonmemRecord {
  /** Line of the file (1 = header). */
  readonly line: number;
  readonly timeH: number;
  /** 0 observation, 1 dose, 2 other, 3 reset, 4 reset and dose (inferred from AMT and MDV when EVID is absent). */
  readonly evid: 0 | 1 | 2 | 3 | 4;
  /** The row's covariate values, by parameter name (`--covariate COL=PARAM`). */
  readonly params: Readonly<Record<string, number>>;
  /** Index in `events` of this row's dosing record (evid 1–4). */
  readonly event?: number;
  /**
   * The occasion: absent before the first time TIME goes back, then 1, 2, … from each reset record (EVID 3 or 4)
   * at which TIME goes back (NONMEM allows TIME to restart there). Each occasion is simulated on its own.
   */
  readonly occasion?: number;
}

/** An observation: a row with EVID 0 and MDV 0 (for fitting tools). */
export interface NonmemObservation {
  readonly line: number;
  readonly timeH: number;
  readonly dv: number;
  /** The observed state (CMT, by name), when CMT is given. */
  readonly cmt?: string;
  /** The row's occasion (`NonmemRecord.occasion`), when TIME restarted after a reset before it. */
  readonly occasion?: number;
}

/** One individual (a run of rows with the same ID). */
export interface NonmemSubject {
  readonly id: string;
  /** Every row, in file order. */
  readonly records: readonly NonmemRecord[];
  /**
   * The dosing records (EVID 1–4), in file order: `simulate`'s event table. When TIME restarts after a reset
   * (records with an `occasion`), times go back within it: `simulateNonmem` runs each occasion on its own.
   */
  readonly events: readonly DoseEvent[];
  readonly observations: readonly NonmemObservation[];
}

const NUM_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FIELD_TO_COLUMN: Record<string, string> = { time_h: 'TIME', amt_mg: 'AMT', ii_h: 'II', addl: 'ADDL', rate: 'RATE', ss: 'SS', evid: 'EVID', cmt: 'CMT', dur_h: 'RATE', drug: 'CMT' };

/**
 * Parses a NONMEM data set for `model`. `CMT` numbers the model's states in declaration order (1 = the first);
 * empty or 0 on a dose means the model's default route. `.` is an empty cell, as in NONMEM. Columns other than
 * NONMEM's and the mapped covariates are ignored.
 * @param covariates data column → parameter name, e.g. `{ WT: 'v_l' }`; every row must give a number within
 *   the parameter's range.
 * @throws RangeError naming the file, line and column, e.g. `data.csv line 7, column SS: …`.
 */
export function parseNonmemCsv(text: string, source: string, model: PreparedModel,
  covariates: Readonly<Record<string, string>> = {}): NonmemSubject[] {
  const { spec } = model;
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new RangeError(`${source}: ${(err as Error).message}`);
  }
  if (rows.length === 0) throw new RangeError(`${source}: empty file; expected a header row with ID and TIME`);
  const header = rows[0]!.map((h, i) => (i === 0 ? h.trim().replace(/^#\s*/, '') : h.trim()));
  const colOf = (name: string) => header.findIndex((h) => h.toUpperCase() === name);
  for (const req of ['ID', 'TIME']) {
    if (colOf(req) < 0) throw new RangeError(`${source} line 1: expected a header with ${req} (NONMEM columns: ${NONMEM_COLUMNS.join(', ')}); got ${header.join(',')}`);
  }
  for (const [col, param] of Object.entries(covariates)) {
    if (!header.includes(col)) throw new RangeError(`--covariate ${col}=${param}: ${source} has no column ${col}; columns: ${header.join(', ')}`);
    if (!spec.parameters.some((p) => p.name === param)) {
      throw new RangeError(`--covariate ${col}=${param}: model "${spec.id}" has no parameter ${param}; valid: ${spec.parameters.map((p) => p.name).join(', ')}`);
    }
  }
  const drug = spec.defaults?.drug ?? spec.doses[0]!.drug;
  const stateNames = spec.states.map((s) => s.name);
  const subjects: NonmemSubject[] = [];
  const seen = new Set<string>();
  let current: { id: string; records: NonmemRecord[]; events: DoseEvent[]; observations: NonmemObservation[] } | undefined;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 1;
    if (row.every((c) => c.trim() === '')) continue;
    const at = `${source} line ${line}`;
    if (row.length !== header.length) throw new RangeError(`${at}: expected ${header.length} fields (${header.join(',')}), got ${row.length}`);
    const cell = (name: string) => { const i = colOf(name); const v = i < 0 ? '' : row[i]!.trim(); return v === '.' ? '' : v; };
    const num = (name: string, what: string, ok: (x: number) => boolean = () => true): number | undefined => {
      const v = cell(name);
      if (v === '') return undefined;
      const x = Number(v);
      if (!NUM_RE.test(v) || !Number.isFinite(x) || !ok(x)) throw new RangeError(`${at}, column ${name}: expected ${what}, got ${JSON.stringify(v)}`);
      return x;
    };
    const id = cell('ID');
    if (id === '') throw new RangeError(`${at}, column ID: expected an individual's id, got an empty field`);
    if (!current || current.id !== id) {
      if (seen.has(id)) throw new RangeError(`${at}, column ID: the rows of ID ${id} must be together (it appeared before another ID)`);
      seen.add(id);
      current = { id, records: [], events: [], observations: [] };
      subjects.push(current);
    }
    const timeH = num('TIME', 'a time in hours >= 0', (x) => x >= 0);
    if (timeH === undefined) throw new RangeError(`${at}, column TIME: expected a time in hours, got an empty field`);
    const whole = (x: number) => Number.isInteger(x);
    const amt = num('AMT', 'an amount >= 0', (x) => x >= 0) ?? 0;
    const mdv = num('MDV', '0 or 1', (x) => x === 0 || x === 1) ?? 0;
    const evidGiven = num('EVID', '0, 1, 2, 3 or 4', (x) => [0, 1, 2, 3, 4].includes(x));
    const evid = (evidGiven ?? (amt > 0 ? 1 : mdv === 1 ? 2 : 0)) as 0 | 1 | 2 | 3 | 4;
    // TIME is non-decreasing within an ID, except that it may restart (go back) on a reset record, as in NONMEM.
    const prev = current.records[current.records.length - 1];
    let occasion = prev?.occasion ?? 0;
    if (prev && timeH < prev.timeH) {
      if (evid !== 3 && evid !== 4) {
        throw new RangeError(`${at}, column TIME: expected a time >= ${prev.timeH} h (the previous row of ID ${id}); TIME may go back only on a reset record (EVID 3 or 4), got EVID ${evid}`);
      }
      occasion++;
    }
    const occ = occasion > 0 ? { occasion } : {};
    const cmtNum = num('CMT', `a compartment number 1–${stateNames.length} (the model's states in order: ${stateNames.join(', ')}) or empty`, (x) => whole(x) && x >= 0 && x <= stateNames.length);
    const cmt = cmtNum ? stateNames[cmtNum - 1] : undefined;
    const params: Record<string, number> = {};
    for (const [col, param] of Object.entries(covariates)) {
      const p = spec.parameters.find((x) => x.name === param)!;
      const v = num(col, `a number (${p.unit}) for parameter ${param}`);
      if (v === undefined) throw new RangeError(`${at}, column ${col}: expected a number (${p.unit}) for parameter ${param}, got an empty field`);
      if (p.range && (v < p.range[0] || v > p.range[1])) throw new RangeError(`${at}, column ${col}: expected a value of ${param} in [${p.range[0]}, ${p.range[1]}] ${p.unit}, got ${v}`);
      params[param] = v;
    }
    const ii = num('II', 'an interval in hours >= 0', (x) => x >= 0);
    const addl = num('ADDL', 'a whole number >= 0', (x) => whole(x) && x >= 0);
    const ss = num('SS', '0, 1 or 2', (x) => [0, 1, 2].includes(x));
    const rate = num('RATE', 'a rate per hour >= 0, or -1 / -2');
    if (evid === 0) {
      for (const [name, v] of [['AMT', amt], ['RATE', rate], ['SS', ss], ['II', ii], ['ADDL', addl]] as const) {
        if ((v ?? 0) !== 0) throw new RangeError(`${at}, column ${name}: an observation record (EVID 0) may not carry a dose; expected 0 or empty, got ${v}`);
      }
      current.records.push({ line, timeH, evid, params, ...occ });
      if (mdv === 0) {
        const dv = num('DV', 'an observed value');
        if (dv === undefined) throw new RangeError(`${at}, column DV: expected an observed value (or MDV 1), got an empty field`);
        current.observations.push({ line, timeH, dv, ...(cmt ? { cmt } : {}), ...occ });
      }
      continue;
    }
    const ev: DoseEvent = {
      timeH, drug, amtMg: amt,
      ...(ii !== undefined ? { iiH: ii } : {}), ...(addl !== undefined ? { addl } : {}),
      ...(cmt ? { cmt } : {}), ...(rate !== undefined && rate !== 0 ? { rateMgPerH: rate } : {}),
      ...(ss ? { ss: ss as 1 | 2 } : {}), ...(evidGiven !== undefined ? { evid: evid as 1 | 2 | 3 | 4 } : {}),
    };
    try {
      validateEvent(ev, 'row');
      checkRecordsForModel(model, [ev]);
    } catch (err) {
      const msg = (err as Error).message.replace(/^(?:row|events\[0\])\.(\w+): /, (_, f: string) => `column ${FIELD_TO_COLUMN[f] ?? f}: `);
      throw new RangeError(`${at}, ${msg}`);
    }
    current.records.push({ line, timeH, evid, params, event: current.events.length, ...occ });
    current.events.push(ev);
  }
  if (subjects.length === 0) throw new RangeError(`${source}: no data rows after the header`);
  return subjects;
}
