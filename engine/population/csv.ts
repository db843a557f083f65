/** A population result as CSV (the CLI's columns). */
import { clockAt, csvField, formatNumber } from '../csv';
import { type PopulationResult } from './types';

/**
 * The population as RFC 4180 CSV: `time_h,clock_h`, then `<output>_p05,<output>_p50,<output>_p95` per output,
 * one row per grid time, CRLF line ends, numbers as in `toCsv`.
 */
export function populationToCsv(result: PopulationResult): string {
  const header = ['time_h', 'clock_h', ...result.columns.flatMap((c) => [`${c.name}_p05`, `${c.name}_p50`, `${c.name}_p95`])];
  const lines = [header.map(csvField).join(',')];
  const { timeH, columns } = result;
  for (let i = 0; i < timeH.length; i++) {
    const row = [formatNumber(timeH[i]!), formatNumber(clockAt(result.meta.startClockH, timeH[i]!))];
    for (const c of columns) row.push(formatNumber(c.p05[i]!), formatNumber(c.p50[i]!), formatNumber(c.p95[i]!));
    lines.push(row.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
