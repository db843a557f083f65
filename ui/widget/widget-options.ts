/**
 * The widget's attributes as plain data: parsing and checking them (with a message naming the attribute when a
 * value is unusable), choosing the charts a `view` names, and the metrics sent with `ldn-sim-result`. Pure: no
 * DOM, so it is tested in Node (test/ui/widget-options.test.ts).
 */
import { formatClock, parseClock } from '../../engine/dosing';
import { LIMITS, LimitError } from '../../engine/limits';
import { clockProblem, limitText } from '../i18n/messages';
import type { SimulationResult } from '../../engine/result';
import type { ChartConfig, ModelView } from '../chart-config';
import { clockAt } from '../format';
import { DAYS_MAX, DOSE_MAX_MG, DOSE_MIN_MG, defaultScenario, titrationDays, type Scenario } from '../scenario';
import type { TitrationStep } from '../../engine/dosing';
import { parseDosingAttributes, type Comedication } from './widget-dosing';
import { summarizeChart } from '../summary';
import { WIDGET_STRINGS } from './widget-strings';

/** Every attribute of `<ldn-sim-widget>`, in the order the docs list them. */
export const WIDGET_ATTRIBUTES = ['dose', 'time', 'days', 'model', 'view', 'controls', 'compare', 'autoplay', 'height', 'blockade',
  'titration', 'comedication', 'params', 'presets', 'theme', 'lesson', 'lang'] as const;
export type WidgetAttribute = (typeof WIDGET_ATTRIBUTES)[number];

/** Defaults of the attributes, as written in HTML. */
export const WIDGET_DEFAULTS = {
  dose: 4.5,
  time: '22:00',
  days: 3,
  view: 'plasma,blockade',
  controls: 'dose,time',
  height: 220,
} as const;

/** Chart height limits, px. */
export const HEIGHT_MIN = 120;
export const HEIGHT_MAX = 600;

/** Controls a `controls` attribute may name. */
export const CONTROL_NAMES = ['dose', 'time', 'days', 'play'] as const;
export type ControlName = (typeof CONTROL_NAMES)[number];

/** View names with a meaning beyond a chart id. */
export const VIEW_NAMES = ['plasma', 'blockade', 'rebound', 'receptors', 'all'] as const;

/** The simulated scenario of a widget: what `ldn-sim-change` carries. */
export interface WidgetScenario {
  /** Built-in model id; `undefined` = the library's default model. */
  readonly model: string | undefined;
  /** Daily dose, mg. */
  readonly dose: number;
  /** Clock time of each dose, `HH:MM`. */
  readonly time: string;
  /** Simulated days from the first dose. */
  readonly days: number;
  /** A second daily dose drawn dashed for comparison, mg; `null` for none. */
  readonly compare: number | null;
  /**
   * The `ldn` model's blockade calibration (`brief` = the LDN hypothesis, `long` = human PET), when the `blockade`
   * attribute names one; absent = the model's default (`brief`).
   */
  readonly blockade?: 'brief' | 'long';
  /** Titration steps (mg × days) instead of the daily `dose`. This and the three fields below are present only when
   * set (absent: daily dosing, no co-medication, the model's parameters and preset defaults). */
  readonly titration?: readonly TitrationStep[] | null;
  /** Co-medication (drug, mg, every hours); `null` for none. */
  readonly comedication?: Comedication | null;
  /** Parameter overrides by name (empty: the model's values). */
  readonly params?: Readonly<Record<string, number>>;
  /** Option per preset group, e.g. `{ hepatic: 'compensated-cirrhosis' }` (empty: the model's defaults). */
  readonly presets?: Readonly<Record<string, string>>;
}

/** Raw property values of the element (attributes already converted by Lit). */
export interface WidgetInput {
  readonly dose: number;
  readonly time: string;
  readonly days: number;
  readonly model: string | null;
  readonly compare: number | null;
  /** The `blockade` attribute (`brief` or `long`); null or absent = the model's default. */
  readonly blockade?: string | null;
  readonly titration?: string | null;
  readonly comedication?: string | null;
  readonly params?: string | null;
  readonly presets?: string | null;
}

/** A checked scenario and the problems found (one line each, naming the attribute); defaults replace bad values. */
export function checkScenario(input: WidgetInput): { scenario: WidgetScenario; problems: string[] } {
  const problems: string[] = [];
  const dose = checkDose(input.dose, 'dose', problems) ?? WIDGET_DEFAULTS.dose;
  const compare = input.compare === null ? null : checkDose(input.compare, 'compare', problems) ?? null;
  let time: string = WIDGET_DEFAULTS.time;
  try {
    time = formatClock(parseClock(String(input.time).slice(0, 40), 'time'));
  } catch {
    problems.push(WIDGET_STRINGS.problems.time(clockProblem('time', String(input.time).slice(0, 40)), WIDGET_DEFAULTS.time));
  }
  let days: number = WIDGET_DEFAULTS.days;
  if (Number.isInteger(input.days) && input.days >= 1 && input.days <= DAYS_MAX) days = input.days;
  else problems.push(WIDGET_STRINGS.problems.days(DAYS_MAX, String(input.days), WIDGET_DEFAULTS.days));
  let model = input.model && input.model.trim() ? input.model.trim() : undefined;
  if (model !== undefined && model.length > LIMITS.nameChars) {
    problems.push(WIDGET_STRINGS.problems.modelName(limitText(new LimitError('model', model.length, LIMITS.nameChars, 'characters'))));
    model = undefined;
  }
  const b = input.blockade?.trim().toLowerCase();
  if (b && b !== 'brief' && b !== 'long') problems.push(WIDGET_STRINGS.problems.blockade(JSON.stringify(b.length > 40 ? `${b.slice(0, 40)}…` : b)));
  const dosing = parseDosingAttributes({
    titration: input.titration ?? null, comedication: input.comedication ?? null, params: input.params ?? null, presets: input.presets ?? null,
  });
  problems.push(...dosing.problems);
  const { titration } = dosing.attrs;
  if (titration) days = titrationDays(titration);
  // The dosing fields appear only when set, so a plain widget's scenario stays { model, dose, time, days, compare }.
  const { comedication, params, presets } = dosing.attrs;
  return {
    scenario: {
      model, dose, time, days, compare,
      ...(b === 'brief' || b === 'long' ? { blockade: b } : {}),
      ...(titration ? { titration } : {}), ...(comedication ? { comedication } : {}),
      ...(Object.keys(params).length ? { params } : {}), ...(Object.keys(presets).length ? { presets } : {}),
    },
    problems,
  };
}

function checkDose(v: number, name: string, problems: string[]): number | undefined {
  if (Number.isFinite(v) && v >= DOSE_MIN_MG && v <= DOSE_MAX_MG) return v;
  problems.push(WIDGET_STRINGS.problems.dose(name, DOSE_MIN_MG, DOSE_MAX_MG, String(v), name === 'dose' ? WIDGET_DEFAULTS.dose : null));
  return undefined;
}

/** Chart height from the `height` attribute, clamped to [HEIGHT_MIN, HEIGHT_MAX] px. */
export function checkHeight(h: number): number {
  if (!Number.isFinite(h)) return WIDGET_DEFAULTS.height;
  return Math.round(Math.min(HEIGHT_MAX, Math.max(HEIGHT_MIN, h)));
}

/**
 * The app's scenario for a widget scenario: titration or daily dosing, co-medication, parameters and presets.
 * `compare` gives the comparison run: daily `doseMg` over the same days, with the same co-medication and model.
 * The `blockade` attribute applies to models that have the group (ldn); a `presets` entry for the group wins.
 */
export function toAppScenario(s: WidgetScenario, modelId: string, doseMg = s.dose, compare = false): Scenario {
  const titration = !compare && s.titration ? s.titration : null;
  const blockade: Record<string, string> = s.blockade && modelId === 'ldn' ? { blockade: s.blockade } : {};
  return {
    ...defaultScenario(modelId), doseMg, clockH: parseClock(s.time), days: s.days,
    ...(titration ? { regimen: 'titration' as const, titration } : {}),
    agonist: s.comedication ? { amtMg: s.comedication.amtMg, everyH: s.comedication.everyH, drug: s.comedication.drug } : null,
    params: { ...(s.params ?? {}) }, presets: { ...blockade, ...(s.presets ?? {}) },
  };
}

/** Names listed in a message about an attribute: at most five, each cut to 40 characters, the rest counted. */
export function listedNames(names: readonly string[]): string[] {
  const cut = names.slice(0, 5).map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n));
  return names.length > 5 ? [...cut, `${names.length - 5} more`] : cut;
}

/** Splits a comma- or space-separated list, lower-cased, without blanks or repeats. */
export function parseList(text: string | null | undefined): string[] {
  return [...new Set(String(text ?? '').toLowerCase().split(/[\s,]+/).filter(Boolean))];
}

/** The controls a `controls` attribute asks for (`none` or empty: no controls), and the names not understood. */
export function parseControls(text: string | null | undefined): { controls: ControlName[]; unknown: string[] } {
  const names = parseList(text);
  const controls = CONTROL_NAMES.filter((c) => names.includes(c));
  const unknown = names.filter((n) => n !== 'none' && !(CONTROL_NAMES as readonly string[]).includes(n));
  return { controls, unknown: listedNames(unknown) };
}

/** What a `view` attribute selects for one model. */
export interface ViewSelection {
  readonly charts: readonly ChartConfig[];
  /** Show the receptor diagram (only for models with receptor columns). */
  readonly receptors: boolean;
  /** Names that matched nothing in this model (shown to the author, not fatal). */
  readonly unmatched: readonly string[];
}

/**
 * How the generic view names find charts in a model's chart configuration (`ui/chart-config.ts`), so that a
 * model with another layout needs no widget code: `plasma` is the chart with id `plasma` or `conc`, else the
 * model's first chart; `blockade` and `rebound` are the charts summarised as blockade or rebound. Any chart id
 * of the model (e.g. `tlr4`) also works.
 */
export function chartsNamed(view: ModelView, name: string): ChartConfig[] {
  const byId = view.charts.filter((c) => c.id === name);
  if (byId.length) return byId;
  if (name === 'plasma') {
    const pk = view.charts.filter((c) => c.id === 'plasma' || c.id === 'conc');
    return pk.length ? pk : view.charts.slice(0, 1);
  }
  if (name === 'blockade' || name === 'rebound') return view.charts.filter((c) => c.summary === name);
  return [];
}

/** The charts and diagram a `view` attribute names, in the model's chart order. Empty view → the default. */
export function selectView(view: ModelView, text: string | null | undefined): ViewSelection {
  let names = parseList(text);
  if (names.length === 0) names = parseList(WIDGET_DEFAULTS.view);
  const wanted = new Set<string>();
  let receptors = false;
  const unmatched: string[] = [];
  for (const n of names) {
    if (n === 'all') { view.charts.forEach((c) => wanted.add(c.id)); receptors ||= !!view.receptor; continue; }
    if (n === 'receptors') { if (view.receptor) receptors = true; else unmatched.push(n); continue; }
    const found = chartsNamed(view, n);
    if (found.length === 0) unmatched.push(n);
    found.forEach((c) => wanted.add(c.id));
  }
  const charts = view.charts.filter((c) => wanted.has(c.id));
  // Never an empty widget: a view that names nothing this model has shows its first chart.
  if (charts.length === 0 && !receptors && view.charts[0]) charts.push(view.charts[0]);
  return { charts, receptors, unmatched: listedNames(unmatched) };
}

/** Peak and final value of one output column, in the column's own unit. */
export interface ColumnMetrics {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly peak: number;
  /** Hours after the first dose at which the peak occurs. */
  readonly peakTimeH: number;
  /** Clock time and day of the peak, e.g. `23:10 (day 1)`. */
  readonly peakAt: string;
  /** Value at the end of the simulation. */
  readonly final: number;
}

/** The `detail` of `ldn-sim-result`. */
export interface WidgetResultDetail {
  readonly scenario: WidgetScenario;
  /** Model id actually simulated. */
  readonly model: string;
  /** Every output column of the main run. */
  readonly metrics: readonly ColumnMetrics[];
  /** Metrics of the comparison run (`compare`), or `null`. */
  readonly compareMetrics: readonly ColumnMetrics[] | null;
  /** The text summary of each chart shown (the same sentences screen readers get). */
  readonly summaries: readonly { readonly chart: string; readonly title: string; readonly text: string }[];
}

/** Peak, time of peak and final value of every column of a result. */
export function resultMetrics(result: SimulationResult): ColumnMetrics[] {
  const t = result.timeH;
  return result.columns.map((c) => {
    let peak = -Infinity;
    let at = 0;
    c.values.forEach((v, i) => { if (v > peak) { peak = v; at = i; } });
    const peakTimeH = t[at] ?? 0;
    return {
      name: c.name, label: c.label, unit: c.unit, peak, peakTimeH,
      peakAt: clockAt(peakTimeH, result.meta.startClockH),
      final: c.values[c.values.length - 1] ?? NaN,
    };
  });
}

/** The `ldn-sim-result` detail for a run and the charts shown. */
export function resultDetail(scenario: WidgetScenario, result: SimulationResult, compare: SimulationResult | null,
  charts: readonly ChartConfig[]): WidgetResultDetail {
  return {
    scenario,
    model: result.meta.modelId,
    metrics: resultMetrics(result),
    compareMetrics: compare ? resultMetrics(compare) : null,
    summaries: charts.map((c) => ({ chart: c.id, title: c.title, text: summarizeChart(c, result) })),
  };
}
