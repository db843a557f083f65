import { parseCsv } from './csv';
import { validateEvent, type DoseEvent } from './dosing';
import { usesRecordFields } from './records';
import { checkEvents, checkLimit, quote } from './limits';
import { checkTextSize } from './input-limits';

/** Columns of an event table file, in this order, with a header row. `ii_h` and `addl` may be empty. */
export const EVENT_COLUMNS = ['time_h', 'drug', 'amt_mg', 'ii_h', 'addl'] as const;
/** Optional columns with NONMEM's semantics (docs/dosing.md), after the others in any order; cells may be empty. */
export const RECORD_COLUMNS = ['cmt', 'rate', 'dur_h', 'ss', 'evid'] as const;

/**
 * Parses an event table (CSV with header `time_h,drug,amt_mg,ii_h,addl`) into dose events.
 * @param source name used in error messages, e.g. the file name.
 * @param check a further check of each record (e.g. `checkRecordsForModel` for one record); its RangeError
 *   `events[0].FIELD: …` is reported with the file line and column.
 * @throws RangeError naming the file, line and column and what was expected.
 */
export function parseEventsCsv(text: string, source = 'events', check?: (ev: DoseEvent) => void): DoseEvent[] {
  checkTextSize(text, source);
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new RangeError(`${source}: ${(err as Error).message}`);
  }
  if (rows.length === 0) throw new RangeError(`${source}: empty file; expected a header row ${EVENT_COLUMNS.join(',')}`);
  checkLimit('eventRecords', source, rows.length - 1, 'dosing rows');
  const header = rows[0]!.map((h) => h.trim());
  const missing = EVENT_COLUMNS.slice(0, 3).filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(EVENT_COLUMNS as readonly string[]).includes(h) && !(RECORD_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    throw new RangeError(`${source} line 1: expected the header ${EVENT_COLUMNS.join(',')}` +
      `${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown column ${unknown.join(', ')}` : ''}` +
      ` (optional columns: ${RECORD_COLUMNS.join(',')})`);
  }
  const col = (name: string) => header.indexOf(name);
  const events: DoseEvent[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 1;
    if (row.length === 1 && row[0]!.trim() === '') continue; // blank line
    if (row.length !== header.length) {
      throw new RangeError(`${source} line ${line}: expected ${header.length} fields (${header.join(',')}), got ${row.length}`);
    }
    const cell = (name: string) => (col(name) >= 0 ? row[col(name)]!.trim() : '');
    const num = (name: string, what: string, optional: boolean): number | undefined => {
      const v = cell(name);
      if (v === '') {
        if (optional) return undefined;
        throw new RangeError(`${source} line ${line}, column ${name}: expected ${what}, got an empty field`);
      }
      const x = Number(v);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || !Number.isFinite(x)) {
        throw new RangeError(`${source} line ${line}, column ${name}: expected ${what}, got ${quote(v)}`);
      }
      return x;
    };
    const ev: DoseEvent = {
      timeH: num('time_h', 'a time in hours', false)!,
      drug: cell('drug'),
      amtMg: num('amt_mg', 'a dose in mg', false)!,
      ...(num('ii_h', 'an interval in hours', true) !== undefined ? { iiH: num('ii_h', '', true)! } : {}),
      ...(num('addl', 'a whole number of additional doses', true) !== undefined ? { addl: num('addl', '', true)! } : {}),
      ...(cell('cmt') !== '' ? { cmt: cell('cmt') } : {}),
      ...(num('rate', 'a rate per hour, or -1 / -2', true) !== undefined ? { rateMgPerH: num('rate', '', true)! } : {}),
      ...(num('dur_h', 'a duration in hours', true) !== undefined ? { durH: num('dur_h', '', true)! } : {}),
      ...(num('ss', '0, 1 or 2', true) !== undefined ? { ss: num('ss', '', true)! as 0 | 1 | 2 } : {}),
      ...(num('evid', '1, 2, 3 or 4', true) !== undefined ? { evid: num('evid', '', true)! as 1 | 2 | 3 | 4 } : {}),
    };
    try {
      validateEvent(ev, 'row');
      check?.(ev);
    } catch (err) {
      const msg = (err as Error).message.replace(/^(?:row|events\[0\])\.(\w+): /, (_, f: string) => `column ${f}: `);
      throw new RangeError(`${source} line ${line}, ${msg}`);
    }
    events.push(ev);
  }
  if (events.length === 0) throw new RangeError(`${source}: no dosing rows after the header`);
  checkEvents(events, source);
  return events;
}

/**
 * Writes events as an event table CSV (the inverse of `parseEventsCsv`); the optional columns only when a
 * record uses them.
 */
export function eventsToCsv(events: readonly DoseEvent[]): string {
  const quote = (t: string) => (t.includes(',') || t.includes('"') ? `"${t.replace(/"/g, '""')}"` : t);
  const extra = usesRecordFields(events);
  const lines = [[...EVENT_COLUMNS, ...(extra ? RECORD_COLUMNS : [])].join(',')];
  for (const e of events) {
    lines.push([e.timeH, quote(e.drug), e.amtMg, e.iiH ?? '', e.addl ?? '',
      ...(extra ? [quote(e.cmt ?? ''), e.rateMgPerH ?? '', e.durH ?? '', e.ss ?? '', e.evid ?? ''] : [])].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
