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

function peakOf(values: Float64Array, from = 0, to = values.length): Peak {
  let index = -1;
  let value = -Infinity;
  for (let i = from; i < to; i++) if (values[i]! > value) { value = values[i]!; index = i; }
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
    // With repeated doses, describe the first dosing interval (what one dose does), then the whole run.
    const second = secondDoseTime(result);
    const end = second === null ? v.length : firstIndexAtOrAfter(t, second);
    const p = peakOf(v, 0, end);
    const lead = second === null ? 'Peak' : 'After the first dose, peak';
    let text = `${lead} ${label(0).toLowerCase()} ${fmt(p.value)} at ${clockAt(t[p.index]!, start)}`;
    if (p.value < CLEARED_BELOW && second === null) return `${text}; it stays below ${fmt(CLEARED_BELOW)} throughout.`;
    let cleared = -1;
    for (let i = p.index; i < end; i++) if (v[i]! < CLEARED_BELOW) { cleared = i; break; }
    if (p.value < CLEARED_BELOW) text += `, below ${fmt(CLEARED_BELOW)}.`;
    else if (cleared >= 0) text += `; cleared below ${fmt(CLEARED_BELOW)} by ${clockAt(t[cleared]!, start)}.`;
    else {
      text += second === null
        ? `; it does not fall below ${fmt(CLEARED_BELOW)} before the end (lowest after the peak ${fmt(troughAfter(v, p.index, end))}).`
        : `; it does not fall below ${fmt(CLEARED_BELOW)} before the next dose (lowest ${fmt(troughAfter(v, p.index, end))}).`;
    }
    if (second !== null) {
      const all = peakOf(v);
      text += ` Highest over the whole run ${fmt(all.value)} at ${clockAt(t[all.index]!, start)}.`;
    }
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

function troughAfter(values: Float64Array, from: number, to = values.length): number {
  let m = Infinity;
  for (let i = from; i < to; i++) m = Math.min(m, values[i]!);
  return m;
}

/** Time of the second dose of the first-dosed drug, or null for a single dose. */
function secondDoseTime(result: SimulationResult): number | null {
  const events = result.meta.events;
  if (events.length === 0) return null;
  const drug = events[0]!.drug;
  const times: number[] = [];
  for (const e of events) {
    if (e.drug !== drug) continue;
    for (let k = 0; k <= (e.addl ?? 0); k++) times.push(e.timeH + k * (e.iiH ?? 0));
  }
  times.sort((a, b) => a - b);
  const end = result.timeH[result.timeH.length - 1]!;
  return times.length > 1 && times[1]! < end ? times[1]! : null;
}

function firstIndexAtOrAfter(t: Float64Array, time: number): number {
  for (let i = 0; i < t.length; i++) if (t[i]! >= time - 1e-9) return i;
  return t.length;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
