/**
 * What the Export buttons of `<ldn-app>` write: the file name shared by CSV, SVG and PNG, and the one SVG figure
 * made from every chart on the page. The element only triggers the downloads.
 */
import { formatClock } from '../../engine/dosing';
import type { SimulationResult } from '../../engine/result';
import { composeSvg } from '../export';
import type { LdnChart } from '../ldn-chart';
import { observedSummary } from '../observed-marks';
import { describeScenario, type Scenario } from '../scenario';
import { STRINGS, formatMg } from '../strings';
import { summarizeChart } from '../summary';

/**
 * File name without extension, saying what was simulated, e.g. `ldn-sim-ldn-4.5mg-2200-3d` (model, dose or
 * `titration`, dosing time, days), so that downloads of different scenarios sort and do not overwrite each other.
 */
export function exportFileStem(s: Scenario): string {
  const dose = s.regimen === 'titration' ? 'titration' : `${formatMg(s.doseMg)}mg`;
  return `ldn-sim-${s.modelId}-${dose}-${formatClock(s.clockH).replace(':', '')}-${s.days}d`;
}

/**
 * One SVG of every drawn chart, each with its title and text summary, headed by the scenario (and the pinned
 * one) and closed by the disclaimer and the model's id and version. Null before there is a result.
 */
export function composeFigure(charts: Iterable<LdnChart>, scenario: Scenario | null, pinned: Scenario | null,
  result: SimulationResult | null): SVGSVGElement | null {
  if (!result || !scenario) return null;
  const snaps = [...charts].flatMap((el) => {
    const svg = el.snapshot();
    const observed = el.observed?.length ? ` ${observedSummary(el.observed)}` : '';
    return svg && el.config ? [{ svg, title: el.config.title, summary: (el.result ? summarizeChart(el.config, el.result) : '') + observed }] : [];
  });
  const heading = `ldn-sim: ${describeScenario(scenario)}${pinned ? ` (${STRINGS.pinnedNote(describeScenario(pinned))})` : ''}`;
  return composeSvg(snaps, heading, `${STRINGS.disclaimer} Model ${result.meta.modelId} ${result.meta.modelVersion}.`);
}
