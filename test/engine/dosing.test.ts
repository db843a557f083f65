import { describe, expect, it } from 'vitest';
import { combine, daily, expand, formatClock, parseClock, titration } from '../../engine/dosing';
import { parseEventsCsv, eventsToCsv } from '../../engine/events-csv';
import { outputGrid } from '../../engine/simulate';

describe('dosing helpers', () => {
  it('daily gives one record with addl = days − 1 every 24 h', () => {
    expect(daily({ drug: 'naltrexone', amtMg: 4.5, days: 7 })).toEqual([{ timeH: 0, drug: 'naltrexone', amtMg: 4.5, iiH: 24, addl: 6 }]);
  });

  it('expand lists every dose at timeH + k·iiH, so day 365 falls exactly on its hour', () => {
    const doses = expand(daily({ drug: 'naltrexone', amtMg: 1, days: 365, firstTimeH: 0.1 }));
    expect(doses).toHaveLength(365);
    expect(doses[364]!.timeH).toBe(0.1 + 364 * 24);
  });

  it('a titration 1.5 mg × 7 d, 3 mg × 7 d, 4.5 mg × 14 d gives 28 daily doses in the right amounts', () => {
    const doses = expand(titration('naltrexone', [{ amtMg: 1.5, days: 7 }, { amtMg: 3, days: 7 }, { amtMg: 4.5, days: 14 }]));
    expect(doses).toHaveLength(28);
    expect(doses.map((d) => d.timeH)).toEqual(Array.from({ length: 28 }, (_, i) => 24 * i));
    expect(doses.slice(0, 7).every((d) => d.amtMg === 1.5)).toBe(true);
    expect(doses.slice(7, 14).every((d) => d.amtMg === 3)).toBe(true);
    expect(doses.slice(14).every((d) => d.amtMg === 4.5)).toBe(true);
  });

  it('combine orders regimens by time and keeps the input order for equal times', () => {
    const a = [{ timeH: 10, drug: 'a', amtMg: 1 }, { timeH: 0, drug: 'a', amtMg: 2 }];
    const b = [{ timeH: 0, drug: 'b', amtMg: 3 }];
    expect(combine(a, b).map((e) => `${e.drug}${e.timeH}`)).toEqual(['a0', 'b0', 'a10']);
  });

  it('bad records are refused with the field named', () => {
    expect(() => daily({ drug: 'x', amtMg: 1, days: 0 })).toThrow(/days: expected a whole number of days >= 1/);
    expect(() => expand([{ timeH: -1, drug: 'x', amtMg: 1 }])).toThrow(/events\[0\]\.time_h: expected a time >= 0 h/);
    expect(() => expand([{ timeH: 0, drug: 'x', amtMg: NaN }])).toThrow(/events\[0\]\.amt_mg: expected a dose in mg/);
    expect(() => expand([{ timeH: 0, drug: 'x', amtMg: 1, addl: 2 }])).toThrow(/ii_h: expected an interval in hours when addl > 0/);
    expect(() => expand([{ timeH: 0, drug: 'x', amtMg: 1, addl: 1.5, iiH: 24 }])).toThrow(/addl: expected a whole number/);
    expect(() => titration('x', [])).toThrow(/at least one titration step/);
  });

  it('clock times parse and format both ways', () => {
    expect(parseClock('22:30')).toBe(22.5);
    expect(parseClock('07:05')).toBeCloseTo(7 + 5 / 60, 12);
    expect(formatClock(22.5)).toBe('22:30');
    expect(formatClock(24 + 1.25)).toBe('01:15');
    expect(() => parseClock('24:00')).toThrow(/HH 00–23/);
    expect(() => parseClock('7pm', '--at')).toThrow(/--at: expected a clock time HH:MM/);
  });
});

describe('event tables (CSV)', () => {
  it('round-trips through eventsToCsv and parseEventsCsv', () => {
    const events = [{ timeH: 0, drug: 'naltrexone', amtMg: 4.5, iiH: 24, addl: 6 }, { timeH: 170, drug: 'morphine', amtMg: 30 }];
    expect(parseEventsCsv(eventsToCsv(events))).toEqual(events);
  });

  it('accepts columns in any order, LF or CRLF, a BOM, quoted fields and blank lines', () => {
    const text = '\ufeffdrug,time_h,amt_mg\r\n"naltrexone",0,1.5\n\nnaltrexone,24,3\n';
    expect(parseEventsCsv(text)).toEqual([{ timeH: 0, drug: 'naltrexone', amtMg: 1.5 }, { timeH: 24, drug: 'naltrexone', amtMg: 3 }]);
  });

  it('names the line and column of a bad field', () => {
    expect(() => parseEventsCsv('time_h,drug,amt_mg\n0,x,1\n1e999,x,1\n', 'e.csv')).toThrow(/e\.csv line 3, column time_h: expected a time in hours, got "1e999"/);
    expect(() => parseEventsCsv('time_h,drug,amt_mg\n0,x\n', 'e.csv')).toThrow(/e\.csv line 2: expected 3 fields/);
    expect(() => parseEventsCsv('time_h,drug,amt_mg\n-3,x,1\n', 'e.csv')).toThrow(/line 2, column time_h: expected a time >= 0 h/);
    expect(() => parseEventsCsv('time_h,drug,amt_mg\n0,,1\n', 'e.csv')).toThrow(/line 2, column drug: expected a drug name/);
    expect(() => parseEventsCsv('time_h,drug,amt_mg\n', 'e.csv')).toThrow(/no dosing rows/);
    expect(() => parseEventsCsv('', 'e.csv')).toThrow(/empty file/);
  });
});

describe('output grid', () => {
  it('is index-based with both ends: 24 h at 5 min has 289 points ending exactly at 24', () => {
    const g = outputGrid(24, 5 / 60);
    expect(g.length).toBe(289);
    expect(g[288]).toBe(24);
    expect(g[12]).toBe(1);
  });

  it('adds the end when the span is not a multiple of the step', () => {
    expect(Array.from(outputGrid(1, 0.4))).toEqual([0, 0.4, 0.8, 1]);
  });
});
