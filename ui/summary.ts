/**
 * Text summaries of each chart, computed from the results (PhET's interactive description): what a sighted
 * reader takes from the curve, in one or two sentences.
 */
import type { SimulationResult } from '../engine/result';
import type { ChartConfig } from './chart-config';
import { clockAt, formatValue } from './format';

/** Fraction under which a blockade counts as cleared. */
export const CLEARED_BELOW = 0.1;

interface Peak { value: number; index: number }

function peakOf(values: Float64Array, from = 0): Peak {
  let index = -1;
  let value = -Infinity;
  for (let i = from; i < values.length; i++) if (values[i]! > value) { value = values[i]!; index = i; }
  return { value, index };
}

function troughOf(values: Float64Array): Peak {
  let index = -1;
  let value = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! < value) { value = values[i]!; index = i; }
  return { value, index };
}

/** The summary sentence(s) of one chart; labels and units come from the chart configuration. */
export function summarizeChart(config: ChartConfig, result: SimulationResult): string {
  const scale = config.scale ?? 1;
  const t = result.timeH;
  const start = result.meta.startClockH;
  const fmt = (v: number) => formatValue(v * scale, config.unit);
  const cols = config.series
    .map((s) => ({ s, col: result.columns.find((c) => c.name === s.column) }))
    .filter((x): x is { s: typeof x.s; col: NonNullable<typeof x.col> } => !!x.col);
  if (cols.length === 0 || t.length === 0) return '';
  const label = (i: number) => cols[i]!.s.label ?? cols[i]!.col.label;

  if (config.summary === 'blockade') {
    const v = cols[0]!.col.values;
    const p = peakOf(v);
    let text = `Peak ${label(0).toLowerCase()} ${fmt(p.value)} at ${clockAt(t[p.index]!, start)}`;
    if (p.value < CLEARED_BELOW) return `${text}; it stays below ${fmt(CLEARED_BELOW)} throughout.`;
    let cleared = -1;
    for (let i = p.index; i < v.length; i++) if (v[i]! < CLEARED_BELOW) { cleared = i; break; }
    text += cleared >= 0
      ? `; cleared below ${fmt(CLEARED_BELOW)} by ${clockAt(t[cleared]!, start)}.`
      : `; it does not fall below ${fmt(CLEARED_BELOW)} before the end (lowest after the peak ${fmt(troughAfter(v, p.index))}).`;
    const rest = cols.slice(1).map((c, i) => { const q = peakOf(c.col.values); return `${label(i + 1)} peaks at ${fmt(q.value)} at ${clockAt(t[q.index]!, start)}`; });
    return rest.length ? `${text} ${rest.join('; ')}.` : text;
  }

  if (config.summary === 'rebound') {
    const v = cols[0]!.col.values;
    const low = troughOf(v);
    const high = peakOf(v, low.index);
    const parts = [`${label(0)} is lowest at ${fmt(low.value)} at ${clockAt(t[low.index]!, start)}`];
    const base = config.baseline ?? 1;
    if (high.value > base * 1.001) parts.push(`the rebound peaks at ${fmt(high.value)} at ${clockAt(t[high.index]!, start)}`);
    else parts.push(`no rebound above baseline before the end`);
    const rest = cols.slice(1).map((c, i) => { const q = peakOf(c.col.values); return `${label(i + 1).toLowerCase()} peaks at ${fmt(q.value)}`; });
    return `${parts.join('; ')}${rest.length ? `. ${capitalise(rest.join('; '))}` : ''}.`;
  }

  return `${cols.map((c, i) => { const q = peakOf(c.col.values); return `Peak ${i === 0 ? label(i).toLowerCase() : label(i).toLowerCase()} ${fmt(q.value)} at ${clockAt(t[q.index]!, start)}`; }).join('; ')}.`;
}

function troughAfter(values: Float64Array, from: number): number {
  let m = Infinity;
  for (let i = from; i < values.length; i++) m = Math.min(m, values[i]!);
  return m;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
