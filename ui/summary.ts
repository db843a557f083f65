/**
 * Text summaries of each chart, computed from the results (PhET's interactive description): what a sighted
 * reader takes from the curve, in one or two sentences.
 */
import type { SimulationResult } from '../engine/result';
import type { ChartConfig } from './chart-config';
import { clockAt, formatValue } from './format';
import { CHART_STRINGS as STRINGS } from './chart-strings';

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
    const S = STRINGS.summary;
    let text = (second === null ? S.peak : S.firstPeak)(label(0).toLowerCase(), fmt(p.value), clockAt(t[p.index]!, start));
    if (p.value < CLEARED_BELOW && second === null) return `${text}${S.staysBelow(fmt(CLEARED_BELOW))}`;
    let cleared = -1;
    for (let i = p.index; i < end; i++) if (v[i]! < CLEARED_BELOW) { cleared = i; break; }
    if (p.value < CLEARED_BELOW) text += S.below(fmt(CLEARED_BELOW));
    else if (cleared >= 0) text += S.clearedBy(fmt(CLEARED_BELOW), clockAt(t[cleared]!, start));
    else {
      text += second === null
        ? S.notBelowEnd(fmt(CLEARED_BELOW), fmt(troughAfter(v, p.index, end)))
        : S.notBelowNext(fmt(CLEARED_BELOW), fmt(troughAfter(v, p.index, end)));
    }
    if (second !== null) {
      const all = peakOf(v);
      text += S.highestRun(fmt(all.value), clockAt(t[all.index]!, start));
    }
    const rest = cols.slice(1).map((c, i) => { const q = peakOf(c.col.values); return S.peaksAtTime(label(i + 1), fmt(q.value), clockAt(t[q.index]!, start)); });
    return rest.length ? `${text} ${rest.join('; ')}.` : text;
  }

  if (config.summary === 'rebound') {
    const v = cols[0]!.col.values;
    const low = troughOf(v);
    const high = peakOf(v, low.index);
    const S = STRINGS.summary;
    const parts = [S.lowest(label(0), fmt(low.value), clockAt(t[low.index]!, start))];
    const base = config.baseline ?? 1;
    if (high.value > base * 1.001) parts.push(S.reboundPeak(fmt(high.value), clockAt(t[high.index]!, start)));
    else parts.push(S.noRebound);
    const rest = cols.slice(1).map((c, i) => { const q = peakOf(c.col.values); return S.peaksAt(label(i + 1).toLowerCase(), fmt(q.value)); });
    return `${parts.join('; ')}${rest.length ? `. ${capitalise(rest.join('; '))}` : ''}.`;
  }

  return `${cols.map((c, i) => { const q = peakOf(c.col.values); return STRINGS.summary.peak(label(i).toLowerCase(), fmt(q.value), clockAt(t[q.index]!, start)); }).join('; ')}.`;
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
