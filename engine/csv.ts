import type { SimulationResult } from './result';

/**
 * Formats a number for CSV: 10 significant digits (the CLI promises at least 8), `.` decimals, no grouping,
 * trailing zeros dropped; integers stay integers. Non-finite values are written as `NaN`/`Infinity` so that a
 * failed row is visible, never blank.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(10)));
}

/** Quotes a CSV field when RFC 4180 requires it (comma, quote, CR or LF). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Hour of the day (0 ≤ clock_h < 24) at `timeH` hours after a start at `startClockH`. */
export function clockAt(startClockH: number, timeH: number): number {
  const c = (startClockH + timeH) % 24;
  return c < 0 ? c + 24 : c;
}

/**
 * The result as RFC 4180 CSV: a header row `time_h,clock_h,<outputs…>`, then one row per grid time, lines
 * ending in CRLF as the RFC specifies. The same function serves the CLI and the app's download button.
 */
export function toCsv(result: SimulationResult): string {
  const header = ['time_h', 'clock_h', ...result.columns.map((c) => c.name)].map(csvField).join(',');
  const lines: string[] = [header];
  const { timeH, columns } = result;
  const start = result.meta.startClockH;
  for (let i = 0; i < timeH.length; i++) {
    const row = [formatNumber(timeH[i]!), formatNumber(clockAt(start, timeH[i]!))];
    for (const c of columns) row.push(formatNumber(c.values[i]!));
    lines.push(row.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Parses RFC 4180 CSV text into rows of fields (quoted fields, doubled quotes, CRLF or LF line ends).
 * A final empty line is ignored. Used for event tables and in tests.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM from spreadsheet exports
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(field); rows.push(row); row = []; field = '';
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; i++;
  }
  if (quoted) throw new SyntaxError('CSV: a quoted field is not closed');
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
