/**
 * The research panel's plain data and pure helpers (no DOM, no workers): which model and run the panel works
 * on, the metric and axis pickers generated from the model, request builders for populations, sweeps and
 * sensitivity, the shapes the charts draw (heatmap grid, sorted tornado rows), and the scenario JSON round trip
 * in the same form the CLI writes (`ldn-sim sweep --scenario FILE` reruns an app export).
 */
import type { ApiModelRef } from '../../engine/api';
import { formatClock, type DoseEvent } from '../../engine/dosing';
import { BUILTIN_MODELS, builtinModel, modelIds } from '../../models/registry';
import type { ClockWindow } from '../../engine/metrics';
import { prepareModel, type PreparedModel } from '../../engine/model/load';
import type { ModelSpec, VariabilitySpec } from '../../engine/model/types';
import { populationDefaults, type PopulationRequest } from '../../engine/population';
import { loadScenario, makeScenario, type ScenarioFile, type ScenarioKind } from '../../engine/scenario';
import type { SensitivityResult } from '../../engine/sensitivity';
import type { SimulationRequest } from '../../engine/simulate';
import { metricName, parseMetric, type MetricSpec, type SweepAxis, type SweepResult } from '../../engine/sweep';
import pkg from '../../package.json';
import { MAX_POINTS, stepForSpan } from '../scenario';
import { formatTick } from '../format';
import { RESEARCH_STRINGS } from './research-strings';
import { modelText } from '../i18n/model-text';

/** ldn-sim version written into scenario files. */
export const LDN_SIM_VERSION: string = pkg.version;

/** The run the research panel works on: a model (built-in or custom) and a simulation request. */
export interface ResearchBase {
  readonly spec: ModelSpec;
  /** True for a researcher's model (sent to workers as a full spec and embedded in scenario files). */
  readonly custom: boolean;
  readonly request: SimulationRequest;
  /** Where the run came from, for the panel's heading. */
  readonly origin: 'simulator' | 'custom-model' | 'events' | 'scenario';
}

/** The sleep window of the "hours of blockade" metric: 23:00–07:00. */
export const SLEEP_WINDOW: ClockWindow = { startClockH: 23, endClockH: 7 };

/** How a worker request names the base's model. */
export function modelRef(base: ResearchBase): ApiModelRef {
  return base.custom ? { model: base.spec } : { modelId: base.spec.id };
}

/** The prepared model of a base in this thread (for summaries and scenario files; never integrated here). */
export function preparedModel(base: ResearchBase): PreparedModel {
  // A built-in model must be the library's own object for makeScenario to name it instead of embedding it.
  return !base.custom && modelIds().includes(base.spec.id) ? builtinModel(base.spec.id) : prepareModel(base.spec);
}

/** A metric the pickers offer. */
export interface MetricChoice {
  readonly id: string;
  readonly label: string;
  readonly metric: MetricSpec;
  /** Unit of the metric value as shown (`%` multiplies fractions by 100). */
  readonly unit: string;
  readonly scale: number;
}

function unitScale(unit: string): { unit: string; scale: number } {
  return unit === 'fraction' ? { unit: '%', scale: 100 } : { unit: unit === '1' ? '× baseline' : unit, scale: 1 };
}

/**
 * Metrics for a model: the four for models with the `ldn` outputs (peak mu blockade, hours of blockade
 * ≥ 50% inside the 23:00–07:00 sleep window, rebound peak of opioid tone, AUC of plasma naltrexone), then the
 * peak and AUC of every output.
 */
export function metricChoices(spec: ModelSpec): MetricChoice[] {
  const has = (c: string) => spec.outputs.some((o) => o.name === c);
  const out: MetricChoice[] = [];
  const add = (id: string, label: string, unitOf: { unit: string; scale: number }) => {
    if (out.some((m) => m.id === id)) return;
    out.push({ id, label, metric: parseMetric(id), ...unitOf });
  };
  if (has('mu_blockade')) {
    add('max:mu_blockade', RESEARCH_STRINGS.metricPeakBlockade, { unit: '%', scale: 100 });
    add('hours_above_in_window:mu_blockade:0.5', RESEARCH_STRINGS.metricSleepBlockade, { unit: 'h', scale: 1 });
  }
  if (has('opioid_tone_rel')) add('peak_rise:opioid_tone_rel', RESEARCH_STRINGS.metricReboundPeak, { unit: '× baseline', scale: 1 });
  if (has('naltrexone_plasma_ng_per_ml')) add('auc:naltrexone_plasma_ng_per_ml', RESEARCH_STRINGS.metricPlasmaAuc, { unit: 'ng/mL·h', scale: 1 });
  for (const o of spec.outputs) {
    const label = modelText(spec, 'output', o.name) ?? o.name;
    add(`max:${o.name}`, RESEARCH_STRINGS.metricPeakOf(label), unitScale(o.unit));
    add(`auc:${o.name}`, RESEARCH_STRINGS.metricAucOf(label), { unit: `${o.unit === 'fraction' ? 'fraction' : o.unit}·h`, scale: 1 });
  }
  return out;
}

/** The metric text of a choice id (`KIND:COLUMN[:THRESHOLD]`). */
export function metricText(m: MetricSpec): string {
  return [m.kind, m.column, ...(m.threshold !== undefined ? [m.threshold] : [])].join(':');
}

/** A swept variable the pickers offer. */
export interface AxisChoice {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  /** Default values: [from, to, points]. */
  readonly from: number;
  readonly to: number;
  readonly points: number;
  readonly log: boolean;
}

/** `dose`, `at` (clock time) and every parameter with a range of more than one value. */
export function axisChoices(spec: ModelSpec, baseDoseMg: number): AxisChoice[] {
  const low = baseDoseMg <= 10;
  return [
    { name: 'dose', label: RESEARCH_STRINGS.axisDose, unit: 'mg', from: low ? 0.5 : baseDoseMg / 4, to: low ? 4.5 : baseDoseMg * 2, points: 9, log: false },
    { name: 'at', label: RESEARCH_STRINGS.axisClock, unit: RESEARCH_STRINGS.axisClockUnit, from: 6, to: 22, points: 9, log: false },
    ...spec.parameters.filter((p) => p.range && p.range[1] > p.range[0]).map((p) => ({
      name: p.name, label: modelText(spec, 'parameter', p.name), unit: p.unit, from: p.range![0], to: p.range![1], points: 7, log: p.scale === 'log' && p.range![0] > 0,
    })),
  ];
}

/**
 * `points` values from `from` to `to`, ends included, evenly spaced (geometrically when `log`), rounded to 6
 * significant digits so CSV columns read cleanly.
 * @example gridValues(0.5, 4.5, 9) // [0.5, 1, 1.5, …, 4.5]
 */
export function gridValues(from: number, to: number, points: number, log = false): number[] {
  const n = Math.max(1, Math.round(points));
  if (n === 1) return [from];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    const v = log ? from * Math.pow(to / from, f) : from + f * (to - from);
    out.push(i === n - 1 ? to : Number(v.toPrecision(6)));
  }
  return out;
}

/** The base dose of a run: the amount of its first dosing record (0 without records). */
export function baseDose(req: SimulationRequest): number {
  return req.events[0]?.amtMg ?? 0;
}

/** Outputs drawn as band charts: the `ldn` teaching outputs when present, else every output (at most 6). */
export function bandOutputs(spec: ModelSpec): string[] {
  const preferred = ['naltrexone_plasma_ng_per_ml', 'mu_blockade', 'endorphin_rel', 'opioid_tone_rel'];
  const names = spec.outputs.map((o) => o.name);
  const chosen = preferred.filter((n) => names.includes(n));
  return chosen.length ? chosen : names.slice(0, 6);
}

/**
 * The variability of a population run from the panel's CV% table: the model's entries with the panel's
 * changes (a CV of 0 or empty removes one; a new one is recorded as an assumption made in the app).
 */
export function variabilityFrom(spec: ModelSpec, cvs: Readonly<Record<string, number>>): VariabilitySpec[] {
  const declared = new Map((spec.variability ?? []).map((v) => [v.parameter, v]));
  const out: VariabilitySpec[] = [];
  for (const p of spec.parameters) {
    const cv = p.name in cvs ? cvs[p.name]! : declared.get(p.name)?.cvPercent;
    if (cv === undefined || !(cv > 0)) continue;
    const d = declared.get(p.name);
    out.push(d && d.cvPercent === cv ? d : { parameter: p.name, cvPercent: cv, source: 'set in the ldn-sim app (research panel)', assumption: true });
  }
  return out;
}

/** The population request of a base. */
export function populationRequest(base: ResearchBase, n: number, seed: number, variability: readonly VariabilitySpec[]): PopulationRequest {
  return populationDefaults({ ...base.request, n, seed, variability });
}

/** Settings of a sweep or sensitivity analysis (the part of the scenario file that is not the base run). */
export interface SpanSettings {
  readonly metrics: readonly MetricSpec[];
  readonly window?: ClockWindow;
  readonly fromH?: number;
}

/** Metric settings as written in a scenario file (as `ldn-sim sweep|sensitivity` writes them). */
export function spanToFile(o: SpanSettings): Record<string, unknown> {
  return {
    metrics: o.metrics.map(metricText),
    ...(o.window ? { window: { start_clock_h: o.window.startClockH, end_clock_h: o.window.endClockH } } : {}),
    ...(o.fromH !== undefined ? { from_h: o.fromH } : {}),
  };
}

function spanFromFile(s: Record<string, unknown>, where: string): SpanSettings {
  if (!Array.isArray(s.metrics)) throw new RangeError(`${where}.metrics: expected a list of KIND:COLUMN[:THRESHOLD]`);
  const metrics = (s.metrics as unknown[]).map((t) => parseMetric(String(t), `${where}.metrics`));
  const w = s.window as { start_clock_h: number; end_clock_h: number } | undefined;
  return { metrics, ...(w ? { window: { startClockH: w.start_clock_h, endClockH: w.end_clock_h } } : {}), ...(typeof s.from_h === 'number' ? { fromH: s.from_h } : {}) };
}

/** What the panel ran, for its scenario download. */
export type ResearchRun =
  | { readonly kind: 'simulate' }
  | { readonly kind: 'population'; readonly n: number; readonly seed: number; readonly variability: readonly VariabilitySpec[] }
  | { readonly kind: 'sweep'; readonly axes: readonly SweepAxis[]; readonly span: SpanSettings }
  | { readonly kind: 'sensitivity'; readonly span: SpanSettings; readonly relativeStep: number };

/** The scenario file of a run of the panel (same shape as the CLI's). */
export function researchScenario(base: ResearchBase, run: ResearchRun): ScenarioFile {
  const model = preparedModel(base);
  switch (run.kind) {
    case 'simulate': return makeScenario('simulate', model, base.request, LDN_SIM_VERSION);
    case 'population': {
      const req = populationRequest(base, run.n, run.seed, run.variability);
      return makeScenario('population', model, req, LDN_SIM_VERSION, { population: { n: run.n, seed: run.seed, variability: run.variability } });
    }
    case 'sweep':
      return makeScenario('sweep', model, base.request, LDN_SIM_VERSION, { sweep: { axes: run.axes, ...spanToFile(run.span) } });
    case 'sensitivity':
      return makeScenario('sensitivity', model, base.request, LDN_SIM_VERSION, { sensitivity: { ...spanToFile(run.span), relative_step: run.relativeStep } });
  }
}

/**
 * Reads a scenario file back into a base and the run it describes.
 * @throws RangeError naming the file and the field.
 */
export function restoreScenario(json: unknown, source: string): { base: ResearchBase; run: ResearchRun } {
  const loaded = loadScenario(json, BUILTIN_MODELS, source);
  const custom = 'spec' in loaded.file.model;
  const base: ResearchBase = { spec: loaded.model.spec, custom, request: loaded.request, origin: 'scenario' };
  const f = loaded.file;
  const kind: ScenarioKind = loaded.kind;
  try {
    if (kind === 'population') {
      const p = f.population!;
      return { base, run: { kind, n: p.n, seed: p.seed, variability: p.variability } };
    }
    if (kind === 'sweep') {
      const s = f.sweep as Record<string, unknown>;
      if (!Array.isArray(s.axes)) throw new RangeError('sweep.axes: expected [{name, values}]');
      return { base, run: { kind, axes: s.axes as SweepAxis[], span: spanFromFile(s, 'sweep') } };
    }
    if (kind === 'sensitivity') {
      const s = f.sensitivity as Record<string, unknown>;
      return { base, run: { kind, span: spanFromFile(s, 'sensitivity'), relativeStep: typeof s.relative_step === 'number' ? s.relative_step : 1e-3 } };
    }
  } catch (err) {
    throw new RangeError(`${source}: ${(err as Error).message}`);
  }
  return { base, run: { kind: 'simulate' } };
}

/** A sweep's metric on a grid for the heatmap: x = second axis (or the only one), y = first axis. */
export interface HeatmapGrid {
  readonly xName: string;
  readonly yName: string | null;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** One cell per (x, y), x fastest within a row: `cells[j * xs.length + i]` is (xs[i], ys[j]). */
  readonly cells: readonly { readonly x: number; readonly y: number; readonly value: number }[];
}

/** Arranges a sweep's rows (first axis outermost) as a heatmap grid of metric `metricIndex`. */
export function heatmapGrid(axes: readonly SweepAxis[], result: SweepResult, metricIndex: number): HeatmapGrid {
  const col = axes.length + metricIndex;
  if (axes.length === 1) {
    const xs = axes[0]!.values;
    return { xName: axes[0]!.name, yName: null, xs, ys: [0], cells: result.rows.map((r) => ({ x: r[0]!, y: 0, value: r[col]! })) };
  }
  const ys = axes[0]!.values, xs = axes[1]!.values;
  return { xName: axes[1]!.name, yName: axes[0]!.name, xs, ys, cells: result.rows.map((r) => ({ x: r[1]!, y: r[0]!, value: r[col]! })) };
}

/** Tornado rows: the parameters with a defined sensitivity of metric `metricIndex`, sorted by |S| (largest first). */
export function tornadoRows(result: SensitivityResult, metricIndex: number, labels: Readonly<Record<string, string>> = {}):
  { parameter: string; label: string; s: number }[] {
  return result.rows
    .map((r) => ({ parameter: r.parameter, label: labels[r.parameter] ?? r.parameter, s: r.sensitivities[metricIndex]! }))
    .filter((r) => Number.isFinite(r.s))
    .sort((a, b) => Math.abs(b.s) - Math.abs(a.s) || a.parameter.localeCompare(b.parameter));
}

/** Label of a swept value: clock times as HH:MM, others as numbers in the page's language. */
export function axisValueLabel(name: string, v: number): string {
  return name === 'at' ? formatClock(v) : formatTick(Number(v.toPrecision(4)));
}

/** Formats a metric value for display (fractions as %). */
export function formatMetricValue(choice: Pick<MetricChoice, 'unit' | 'scale'> | undefined, v: number): string {
  if (!Number.isFinite(v)) return RESEARCH_STRINGS.metricUndefined;
  const x = v * (choice?.scale ?? 1);
  const rounded = Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(3));
  return choice ? (choice.unit === '%' ? formatTick(rounded, '%') : `${formatTick(rounded)} ${choice.unit}`) : formatTick(rounded);
}

/**
 * The request with imported dosing records: the run lasts at least until a day after the last dose (whole days).
 */
export function withEvents(req: SimulationRequest, events: readonly DoseEvent[]): SimulationRequest {
  const last = Math.max(...events.map((e) => e.timeH + (e.iiH ?? 0) * (e.addl ?? 0)));
  const endH = Math.max(24, Math.ceil((last + 24) / 24) * 24);
  return { ...req, events: [...events], endH, stepH: endH / req.stepH > MAX_POINTS ? stepForSpan(endH) : req.stepH };
}

/** Drugs of the events that the model does not dose, for a clear message before any run. */
export function unknownDrugs(spec: ModelSpec, events: readonly DoseEvent[]): string[] {
  const drugs = new Set(spec.doses.map((d) => d.drug));
  return [...new Set(events.map((e) => e.drug).filter((d) => !drugs.has(d)))];
}

/** Metric names of a sweep or sensitivity analysis, as their CSV columns. */
export function metricColumns(metrics: readonly MetricSpec[]): string[] {
  return metrics.map(metricName);
}
