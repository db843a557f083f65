/**
 * Observed points on the Simulator's charts (issue #14): which of the Research tab's observations belong on a chart,
 * as `ObservedMark`s (ui/observed-marks.ts). The app fetches this module when observations first arrive: the first
 * screen has none (issue #18).
 */
import type { ObservationSet } from '../engine/fit';
import type { ChartConfig } from './chart-config';
import { formatSignificant } from './format';
import type { ObservedMark } from './observed-marks';
import { STRINGS } from './strings';

/** Three significant digits in the page's language (4,5 in Spanish). */
const fmt = (v: number) => formatSignificant(v, 3);

/**
 * The observations of a chart: single-time rows (not summaries such as `max:`) whose output column is one of the
 * chart's series, with values and errors shown in the chart's unit (× `scale`, e.g. % for fractions).
 */
export function observedMarksFor(set: ObservationSet | null, cfg: ChartConfig): ObservedMark[] {
  if (!set) return [];
  // The same array while nothing changed (the app re-renders on every cursor move); the labels follow the language.
  const lang = STRINGS.observed.heading(0);
  let byChart = CACHE.get(set);
  if (!byChart || byChart.lang !== lang) CACHE.set(set, (byChart = { lang, marks: new Map() }));
  let marks = byChart.marks.get(cfg);
  if (!marks) byChart.marks.set(cfg, (marks = computeMarks(set, cfg)));
  return marks;
}

const CACHE = new WeakMap<ObservationSet, { lang: string; marks: Map<ChartConfig, ObservedMark[]> }>();

function computeMarks(set: ObservationSet, cfg: ChartConfig): ObservedMark[] {
  const k = cfg.scale ?? 1;
  const unit = cfg.unit === '%' ? '%' : ` ${cfg.unit}`;
  const groups = set.groups.map((g) => g.name);
  return set.observations.flatMap((o) => {
    const s = cfg.series.find((x) => x.column === o.column);
    if (!s || o.metric !== undefined) return [];
    const err = o.sd ?? (o.cv !== undefined ? o.cv * Math.abs(o.value) : 0);
    const censored = o.lloq !== undefined && o.value < o.lloq;
    return [{
      id: `obs-${o.line}`, timeH: o.timeH, value: o.value, err, censored, group: o.group, groupIndex: Math.max(0, groups.indexOf(o.group)), color: s.color,
      label: STRINGS.observed.item(o.group, s.label ?? o.column, `${fmt(o.value * k)}${err > 0 ? ` ± ${fmt(err * k)}` : ''}${unit}`, fmt(o.timeH), censored),
    }];
  });
}
