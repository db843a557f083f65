/**
 * The scenario a user builds with the controls: plain data that maps to one `ApiSimulationRequest` and round-trips
 * through the page URL. View-only state (open panels, chart size) never enters it.
 */
import { describeBounds, withinBounds } from '../engine/model/bounds';
import type { ApiSimulationRequest } from '../engine/api';
import { daily, titration, formatClock, parseClock, type DoseEvent, type TitrationStep } from '../engine/dosing';
import { LIMITS, LimitError } from '../engine/limits';
import type { ModelSpec } from '../engine/model/types';
import type { ModelView } from './chart-config';
import { CHART_STRINGS as STRINGS, formatMg } from './chart-strings';
import { formatDoseMg } from './format';
import { clockProblem, limitText } from './i18n/messages';

/** Opioid agonist co-medication: `amtMg` every `everyH` hours from time 0. */
export interface Agonist {
  readonly amtMg: number;
  readonly everyH: number;
  /** The drug (one the model doses); default: the model's agonist (`ModelView.agonistDrug`, morphine). */
  readonly drug?: string;
}

/** Everything that defines a run. */
export interface Scenario {
  /** Built-in model id. */
  readonly modelId: string;
  /** Daily dose of the main drug, mg (regimen `daily`). */
  readonly doseMg: number;
  /** Clock time of each dose, hours of the day (time 0 of the run). */
  readonly clockH: number;
  /** Simulated days, from the first dose. */
  readonly days: number;
  readonly regimen: 'daily' | 'titration';
  /** Titration steps (regimen `titration`). */
  readonly titration: readonly TitrationStep[];
  readonly agonist: Agonist | null;
  /** Parameter overrides by name (only the changed ones). */
  readonly params: Readonly<Record<string, number>>;
  /** Preset option per preset group (only non-default ones). */
  readonly presets: Readonly<Record<string, string>>;
  /**
   * Hours between doses of regimen `daily`: 24 when absent, 48 (every second day), or 0 for one dose only
   * (issue #13: the human PET figures after one 50 mg dose and on every-other-day dosing).
   */
  readonly intervalH?: 0 | 24 | 48;
  /**
   * Start at the regimen's steady state (the first dose is a NONMEM `ss` 1 record, docs/dosing.md). Only for the
   * `daily` regimen with a dosing interval (not a single dose). URL: `ss=1`.
   */
  readonly steadyState?: boolean;
}

/** The dosing intervals a scenario may carry (`intervalH`). */
export const INTERVALS_H = [0, 24, 48] as const;

export const DOSE_MIN_MG = 0.25;
export const DOSE_MAX_MG = 150;
export const DAYS_MAX = 56;

export const DEFAULT_TITRATION: readonly TitrationStep[] = [
  { amtMg: 0.5, days: 7 }, { amtMg: 1.5, days: 7 }, { amtMg: 3, days: 7 }, { amtMg: 4.5, days: 7 },
];

export function defaultScenario(modelId: string): Scenario {
  return { modelId, doseMg: 4.5, clockH: 22, days: 3, regimen: 'daily', titration: DEFAULT_TITRATION, agonist: null, params: {}, presets: {} };
}

/**
 * Output step for a span: the finest round step that keeps the grid at 800 points or fewer (2 min for a day,
 * 6 min for 3 days, 1 h for 28 days). A chart is about 1000 px wide, so more points add no detail to the picture
 * but cost time in the worker (every grid point evaluates every output) and in the redraw.
 */
export const MAX_POINTS = 800;
export function stepForSpan(endH: number): number {
  const steps = [1 / 60, 1 / 30, 1 / 20, 1 / 12, 0.1, 0.25, 0.5, 1, 2];
  return steps.find((s) => endH / s <= MAX_POINTS) ?? 2;
}

/** Total days of a titration schedule. */
export function titrationDays(steps: readonly TitrationStep[]): number {
  return steps.reduce((a, s) => a + s.days, 0);
}

/** The dosing records of a scenario. */
export function scenarioEvents(s: Scenario, view: ModelView): DoseEvent[] {
  const every = s.intervalH ?? 24;
  const main = s.regimen === 'titration' && s.titration.length > 0
    ? titration(view.mainDrug, s.titration)
    : withSteadyState(every === 24 ? daily({ drug: view.mainDrug, amtMg: s.doseMg, days: s.days })
      : [{ timeH: 0, drug: view.mainDrug, amtMg: s.doseMg, ...(every > 0 ? { iiH: every, addl: Math.max(0, Math.ceil((s.days * 24) / every) - 1) } : {}) }], s);
  const endH = s.days * 24;
  // Doses after the end change nothing: a titration step longer than the run keeps only its doses inside it.
  const out = main.filter((e) => e.timeH < endH).map((e) => (e.addl && e.iiH && e.timeH + e.addl * e.iiH >= endH
    ? { ...e, addl: Math.max(0, Math.ceil((endH - e.timeH) / e.iiH) - 1) } : e));
  const agonistDrug = s.agonist?.drug ?? view.agonistDrug;
  if (s.agonist && agonistDrug) {
    const n = Math.max(1, Math.ceil(endH / s.agonist.everyH));
    out.push({ timeH: 0, drug: agonistDrug, amtMg: s.agonist.amtMg, iiH: s.agonist.everyH, addl: n - 1 });
  }
  return out;
}

/** The daily records start at steady state when the scenario asks for it (daily regimen only). */
function withSteadyState(events: DoseEvent[], s: Scenario): DoseEvent[] {
  // A single dose (interval 0) has no dosing interval, hence no steady state.
  return s.steadyState && events[0]?.iiH ? events.map((e, i) => (i === 0 ? { ...e, ss: 1 as const } : e)) : events;
}

/** The worker request for a scenario. */
export function scenarioRequest(s: Scenario, view: ModelView): ApiSimulationRequest {
  const endH = s.days * 24;
  return {
    modelId: s.modelId,
    events: scenarioEvents(s, view),
    endH,
    stepH: stepForSpan(endH),
    startClockH: s.clockH,
    params: { ...s.params },
    presets: { ...s.presets },
  };
}

/** A short human description ("4.5 mg daily at 22:00, 3 days"), used for the pinned scenario's legend. */
export function describeScenario(s: Scenario): string {
  const T = STRINGS.scenarioText;
  const dosing = s.regimen === 'titration'
    ? T.titration(s.titration.map((t) => `${formatDoseMg(t.amtMg)} mg×${t.days} d`).join(' → '))
    : s.intervalH === 0 ? T.once(formatDoseMg(s.doseMg)) : s.intervalH === 48 ? T.every48(formatDoseMg(s.doseMg)) : T.daily(formatDoseMg(s.doseMg));
  const extras = [
    s.agonist ? T.agonist(s.agonist.drug ?? 'morphine', formatDoseMg(s.agonist.amtMg), s.agonist.everyH) : '',
    ...Object.entries(s.presets).map(([g, v]) => `${g}: ${v}`),
    Object.keys(s.params).length ? T.params(Object.keys(s.params).length) : '',
  ].filter(Boolean);
  const at = T.at(dosing, formatClock(s.clockH), STRINGS.dayCount(s.days));
  return [s.steadyState && s.regimen === 'daily' ? T.fromSteadyState(at) : at, ...extras].join('; ');
}

/** A scenario preset (a button on the page). */
export interface ScenarioPreset {
  readonly id: string;
  readonly label: string;
  /** Applies the preset to a scenario of the given model; `null` when the model cannot express it. */
  apply(base: Scenario, spec: ModelSpec, view: ModelView): Scenario | null;
}

function hasPreset(spec: ModelSpec, group: string, option: string): boolean {
  return !!spec.presets?.some((g) => g.name === group && g.options.some((o) => o.name === option));
}

const clean = (b: Scenario): Scenario => ({ ...defaultScenario(b.modelId) });

/** The presets of the issue: LDN bedtime and morning, standard 50 mg, titration, opioid co-medication, liver disease. */
export const SCENARIO_PRESETS: readonly ScenarioPreset[] = [
  { id: 'ldn-bedtime', get label() { return STRINGS.presets['ldn-bedtime']; }, apply: (b) => ({ ...clean(b), doseMg: 4.5, clockH: 22 }) },
  { id: 'ldn-morning', get label() { return STRINGS.presets['ldn-morning']; }, apply: (b) => ({ ...clean(b), doseMg: 4.5, clockH: 8 }) },
  { id: 'standard-50', get label() { return STRINGS.presets['standard-50']; }, apply: (b) => ({ ...clean(b), doseMg: 50, clockH: 8 }) },
  {
    id: 'titration', get label() { return STRINGS.presets['titration']; },
    apply: (b) => ({ ...clean(b), regimen: 'titration', titration: DEFAULT_TITRATION, days: titrationDays(DEFAULT_TITRATION), clockH: 22 }),
  },
  {
    id: 'opioid', get label() { return STRINGS.presets['opioid']; },
    apply: (b, _spec, view) => (view.agonistDrug ? { ...clean(b), doseMg: 4.5, clockH: 22, agonist: { amtMg: 10, everyH: 6 } } : null),
  },
  {
    id: 'pet-50-once', get label() { return STRINGS.blockade.regimenOnce; },
    apply: (b) => ({ ...clean(b), doseMg: 50, clockH: 8, days: 7, intervalH: 0 }),
  },
  {
    id: 'pet-50-every-48', get label() { return STRINGS.blockade.regimenEvery48; },
    apply: (b) => ({ ...clean(b), doseMg: 50, clockH: 8, days: 14, intervalH: 48 }),
  },
  {
    id: 'liver', get label() { return STRINGS.presets['liver']; },
    apply: (b, spec) => (hasPreset(spec, 'hepatic', 'compensated-cirrhosis')
      ? { ...clean(b), doseMg: 4.5, clockH: 22, presets: { hepatic: 'compensated-cirrhosis' } } : null),
  },
];

/** Which preset (if any) a scenario equals, for highlighting the active button. */
export function matchingPreset(s: Scenario, spec: ModelSpec, view: ModelView): string | null {
  const own = encodeScenario(s).toString();
  for (const p of SCENARIO_PRESETS) {
    const t = p.apply(s, spec, view);
    if (t && encodeScenario(t).toString() === own) return p.id;
  }
  return null;
}

// ---- URL round trip ---------------------------------------------------------------------------------------

/**
 * Encodes a scenario as URL parameters, every field explicit so that a link restores the page exactly even if
 * defaults change. `prefix` namespaces a second scenario (the pinned one: `pin.`).
 */
export function encodeScenario(s: Scenario, prefix = '', into = new URLSearchParams()): URLSearchParams {
  into.set(`${prefix}model`, s.modelId);
  into.set(`${prefix}dose`, formatMg(s.doseMg));
  into.set(`${prefix}at`, formatClock(s.clockH));
  into.set(`${prefix}days`, String(s.days));
  if (s.regimen === 'titration') into.set(`${prefix}titration`, s.titration.map((t) => `${formatMg(t.amtMg)}x${t.days}`).join(','));
  if (s.steadyState && s.regimen === 'daily') into.set(`${prefix}ss`, '1');
  if (s.agonist) into.set(`${prefix}morphine`, `${formatMg(s.agonist.amtMg)}@${s.agonist.everyH}`);
  if (s.intervalH !== undefined && s.intervalH !== 24) into.set(`${prefix}every`, String(s.intervalH));
  for (const [g, v] of Object.entries(s.presets).sort()) into.set(`${prefix}${g}`, v);
  for (const [k, v] of Object.entries(s.params).sort()) into.set(`${prefix}p.${k}`, String(v));
  return into;
}

/** Problems listed from one link; the rest are counted. */
const MAX_PROBLEMS = 10;

/** A value quoted in a message, cut to 40 characters: a link may hold megabytes. */
function clip(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function num(text: string | null, field: string, min: number, max: number, problems: string[]): number | undefined {
  if (text === null) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
    problems.push(STRINGS.link.number(field.length > 40 ? `${field.slice(0, 40)}…` : field, min, max, clip(text)));
    return undefined;
  }
  return v;
}

/**
 * Decodes a scenario from URL parameters. Missing fields take the default; a malformed field is reported in
 * `problems` (naming the field) and takes the default. Parameters and preset groups are checked against the
 * model's metadata, so a link never sends the worker a name the model lacks.
 */
export function decodeScenario(q: URLSearchParams, specs: readonly ModelSpec[], defaultModelId: string, prefix = ''):
  { scenario: Scenario | null; problems: string[] } {
  const problems: string[] = [];
  let chars = 0;
  for (const [k, v] of q) chars += k.length + v.length + 2;
  if (chars > LIMITS.linkChars) {
    // Read nothing from a link this long (a real one is a few hundred characters): the defaults, one message.
    if (prefix) return { scenario: null, problems };
    return { scenario: defaultScenario(defaultModelId), problems: [limitText(new LimitError('link', chars, LIMITS.linkChars, 'characters'))] };
  }
  if (prefix && !q.has(`${prefix}model`) && !q.has(`${prefix}dose`)) return { scenario: null, problems };
  let modelId = q.get(`${prefix}model`) ?? defaultModelId;
  let spec = specs.find((m) => m.id === modelId);
  if (!spec) {
    problems.push(STRINGS.link.model(clip(modelId)));
    modelId = defaultModelId;
    spec = specs.find((m) => m.id === modelId)!;
  }
  const d = defaultScenario(modelId);
  const doseMg = num(q.get(`${prefix}dose`), 'dose', DOSE_MIN_MG, DOSE_MAX_MG, problems) ?? d.doseMg;
  let clockH = d.clockH;
  const at = q.get(`${prefix}at`);
  if (at !== null) {
    try { clockH = parseClock(at.slice(0, 40), 'at'); } catch { problems.push(clockProblem('at', at.slice(0, 40))); }
  }
  let days = num(q.get(`${prefix}days`), 'days', 1, DAYS_MAX, problems) ?? d.days;
  days = Math.round(days);
  let regimen: Scenario['regimen'] = 'daily';
  let steps = d.titration;
  const t = q.get(`${prefix}titration`);
  const tSteps = t === null ? 0 : t.split(',').length;
  if (t !== null && tSteps > LIMITS.titrationSteps) {
    problems.push(STRINGS.link.titrationSteps(tSteps, LIMITS.titrationSteps));
  } else if (t !== null) {
    const parsed = t.split(',').map((part) => {
      const m = /^([\d.]+)x(\d+)$/.exec(part.trim());
      const amtMg = m ? Number(m[1]) : NaN;
      const stepDays = m ? Number(m[2]) : NaN;
      return Number.isFinite(amtMg) && amtMg >= 0 && amtMg <= DOSE_MAX_MG && Number.isInteger(stepDays) && stepDays >= 1 ? { amtMg, days: stepDays } : null;
    });
    const tooLong = parsed.findIndex((x) => x !== null && x.days > DAYS_MAX);
    if (parsed.length > 0 && parsed.every((x) => x !== null) && tooLong < 0) {
      regimen = 'titration';
      steps = parsed as TitrationStep[];
    } else if (tooLong >= 0) {
      problems.push(STRINGS.link.titrationStepDays(tooLong + 1, parsed[tooLong]!.days, DAYS_MAX));
    } else problems.push(STRINGS.link.titration(clip(t)));
  }
  let agonist: Agonist | null = null;
  const ag = q.get(`${prefix}morphine`);
  if (ag !== null) {
    const m = /^([\d.]+)@([\d.]+)$/.exec(ag.trim());
    const amtMg = m ? Number(m[1]) : NaN;
    const everyH = m ? Number(m[2]) : NaN;
    if (amtMg > 0 && amtMg <= 1000 && everyH >= 1 && everyH <= 48) agonist = { amtMg, everyH };
    else problems.push(STRINGS.link.morphine(clip(ag)));
  }
  let intervalH: Scenario['intervalH'];
  const every = q.get(`${prefix}every`);
  if (every !== null) {
    const v = Number(every);
    if ((INTERVALS_H as readonly number[]).includes(v) && every.trim() !== '') intervalH = v === 24 ? undefined : (v as 0 | 48);
    else problems.push(STRINGS.link.every(INTERVALS_H.join(', '), clip(every)));
  }
  const ssText = q.get(`${prefix}ss`);
  if (ssText !== null && ssText !== '1' && ssText !== '0') problems.push(STRINGS.link.steadyState(clip(ssText)));
  const steadyState = ssText === '1' && regimen === 'daily' && intervalH !== 0;
  const params: Record<string, number> = {};
  const presets: Record<string, string> = {};
  for (const [key, value] of q) {
    if (!key.startsWith(prefix)) continue;
    const k = key.slice(prefix.length);
    if (k.startsWith('p.')) {
      const name = k.slice(2);
      const p = spec.parameters.find((x) => x.name === name);
      if (!p) { problems.push(STRINGS.link.noParam(`p.${name.length > 40 ? `${name.slice(0, 40)}…` : name}`, modelId)); continue; }
      // Any value within the parameter's physical bounds (the slider's range is only the typical one).
      const v = Number(value);
      if (value.trim() !== '' && withinBounds(p, v)) params[name] = v;
      else problems.push(STRINGS.link.paramBounds(`p.${name}`, describeBounds(p), clip(value)));
    } else {
      const g = spec.presets?.find((x) => x.name === k);
      if (!g) continue;
      if (g.options.some((o) => o.name === value)) presets[k] = value;
      else problems.push(STRINGS.link.option(k, g.options.map((o) => o.name).join(', '), clip(value)));
    }
  }
  // One line per field, at most a few: the notice must stay readable whatever the link holds.
  const shown = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), STRINGS.link.more(problems.length - MAX_PROBLEMS)] : problems;
  const scenario: Scenario = { modelId, doseMg, clockH, days, regimen, titration: steps, agonist, params, presets, ...(steadyState ? { steadyState } : {}) };
  return { scenario: intervalH === undefined ? scenario : { ...scenario, intervalH }, problems: shown };
}
