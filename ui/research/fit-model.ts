/**
 * The fit tool's plain logic (no DOM): observations → a fitting problem on the research run, the curves to draw
 * beside the points, and the residuals CSV. The fit itself runs in a worker (fit.worker.ts).
 */
import { csvField, formatNumber } from '../../engine/csv';
import { daily, parseClock } from '../../engine/dosing';
import type { FitGroup, FitProblemSpec, FitResult, ObservationSet } from '../../engine/fit';
import type { ModelSpec } from '../../engine/model/types';
import { isEstimable } from '../../engine/fit/problem';
import type { SimulationRequest } from '../../engine/simulate';
import { FIT_STRINGS } from './fit-strings';
import { modelText } from '../i18n/model-text';

const S = FIT_STRINGS;

/** Parameters that can be estimated: not fixed constants (`isEstimable`). */
export function estimableParameters(spec: ModelSpec): { name: string; label: string; unit: string }[] {
  return spec.parameters.filter(isEstimable)
    .map((p) => ({ name: p.name, label: modelText(spec, 'parameter', p.name), unit: p.unit }));
}

/**
 * Each group's scenario on top of the research run: its dose_mg/at/days columns, or the run itself. Scenario
 * files named in a `scenario` column cannot be read by the page (it has no file system): the error says so.
 */
export function fitGroups(spec: ModelSpec, set: ObservationSet, base: SimulationRequest): FitGroup[] {
  const drug = spec.defaults?.drug ?? spec.doses[0]?.drug ?? '';
  return set.groups.map((g) => {
    if (g.scenario !== undefined) throw new RangeError(S.scenarioColumn(set.source, g.line));
    if (g.doseMg === undefined) return { name: g.name, request: base };
    return {
      name: g.name,
      request: { ...base, events: daily({ drug, amtMg: g.doseMg, days: g.days ?? 1 }), startClockH: g.at !== undefined ? parseClock(g.at, 'at') : base.startClockH ?? 0 },
    };
  });
}

/** The problem for the worker. */
export function fitProblem(spec: ModelSpec, set: ObservationSet, base: SimulationRequest, estimate: readonly string[], error: 'additive' | 'proportional'): FitProblemSpec {
  return { groups: fitGroups(spec, set, base), observations: set.observations, estimate, error };
}

/** The outputs observed at single times (not summaries), in model order: one chart each. */
export function observedOutputs(spec: ModelSpec, set: ObservationSet): string[] {
  const seen = new Set(set.observations.filter((o) => o.metric === undefined).map((o) => o.column));
  return spec.outputs.map((o) => o.name).filter((n) => seen.has(n));
}

/** A group's curve request: its scenario over whole days covering its observations, with `params` on top. */
export function curveRequest(group: FitGroup, lastH: number, params: Readonly<Record<string, number>>): SimulationRequest {
  const endH = Math.max(24, 24 * Math.ceil(lastH / 24));
  return { ...group.request, params: { ...group.request.params, ...params }, endH, stepH: endH / 400 };
}

/** One point to draw: time, value and the half-width of its error bar (sd, or cv × value; 0 when none). */
export interface ObservedPoint { readonly timeH: number; readonly value: number; readonly err: number; readonly censored: boolean }

export function observedPoints(set: ObservationSet, group: string, column: string): ObservedPoint[] {
  return set.observations.filter((o) => o.group === group && o.column === column && o.metric === undefined).map((o) => ({
    timeH: o.timeH, value: o.value, err: o.sd ?? (o.cv !== undefined ? o.cv * Math.abs(o.value) : 0), censored: o.lloq !== undefined && o.value < o.lloq,
  }));
}

/** The residuals of a fit as CSV (RFC 4180, CRLF), one row per observation. */
export function residualsToCsv(result: FitResult): string {
  const head = ['line', 'group', 'subject', 'time_h', 'output', 'observed', 'predicted', 'residual', 'censored'];
  const rows = result.residuals.map((r) => [String(r.line), csvField(r.group), csvField(r.subject ?? ''), formatNumber(r.timeH), csvField(r.output),
    formatNumber(r.observed), formatNumber(r.predicted), formatNumber(r.residual), r.censored ? '1' : '0'].join(','));
  return [head.join(','), ...rows].join('\r\n') + '\r\n';
}
