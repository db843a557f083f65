/**
 * Reproducible exports: a versioned scenario JSON that records everything a run depends on — the model (id and
 * version, or the complete spec of a custom model), every parameter value, presets, events, grid, solver,
 * and for population/sweep/sensitivity runs their settings — so that `ldn-sim simulate --scenario FILE.json`
 * regenerates the same numbers (byte-identical CSV with the same ldn-sim version).
 *
 * The file is plain data in snake_case, like the CSV columns. The app offers it beside every CSV download;
 * the CLI writes it beside every CSV (`X.csv` → `X.scenario.json`).
 */
import type { DoseEvent } from './dosing';
import { isLibraryModel, type ModelLibrary } from './library';
import { ModelError, prepareModel, type PreparedModel } from './model/load';
import type { ModelSpec, VariabilitySpec } from './model/types';
import { DEFAULT_SOLVER, resolveParameters, type SimulationRequest } from './simulate';
import { DEFAULT_INTEGRATOR } from './integrators';
import { checkEvents, checkGrid, checkSolver, LimitError, quote } from './limits';
import { checkPopulation, checkSweepCells } from './input-limits';

/** Version of the scenario file format (not of ldn-sim). */
export const SCENARIO_FORMAT = 1;

/** Which command a scenario describes. */
export type ScenarioKind = 'simulate' | 'population' | 'sweep' | 'sensitivity';
export const SCENARIO_KINDS: readonly ScenarioKind[] = ['simulate', 'population', 'sweep', 'sensitivity'];

/** A dosing record as written in a scenario file (the event-table CSV's columns). */
export interface ScenarioEvent {
  readonly time_h: number;
  readonly drug: string;
  readonly amt_mg: number;
  readonly ii_h?: number;
  readonly addl?: number;
  /** NONMEM's fields (docs/dosing.md), written only when a record uses them. */
  readonly cmt?: string;
  readonly rate?: number;
  readonly dur_h?: number;
  readonly ss?: 0 | 1 | 2;
  readonly evid?: 1 | 2 | 3 | 4;
}

/** The scenario JSON. */
export interface ScenarioFile {
  /** Format version, `SCENARIO_FORMAT`. */
  readonly ldn_sim_scenario: number;
  /** ldn-sim version that wrote the file. */
  readonly ldn_sim_version: string;
  readonly kind: ScenarioKind;
  /** A built-in model by id and version, or the complete spec of a custom model. */
  readonly model: { readonly id: string; readonly version: string } | { readonly spec: ModelSpec };
  /** Every parameter's value used (defaults merged with presets and overrides). */
  readonly parameters: Readonly<Record<string, number>>;
  readonly presets: Readonly<Record<string, string>>;
  readonly events: readonly ScenarioEvent[];
  /** Clock time at time 0, hours of the day. */
  readonly start_clock_h: number;
  readonly end_h: number;
  readonly step_h: number;
  readonly solver: { readonly method: string; readonly rtol: number; readonly atol: number; readonly max_steps: number };
  /** Population runs: subjects, seed and the variability applied. */
  readonly population?: { readonly n: number; readonly seed: number; readonly variability: readonly VariabilitySpec[] };
  /** Sweeps and sensitivity analyses: their settings, as the command's own plain data. */
  readonly sweep?: Readonly<Record<string, unknown>>;
  readonly sensitivity?: Readonly<Record<string, unknown>>;
  /**
   * One line per parameter outside its typical range (the run used it; it is within the physical bounds). Absent
   * when there are none. Informative only: reading a scenario ignores it.
   */
  readonly notes?: readonly string[];
}

/** A scenario read back: the model, the request to run, and the file (for the kind-specific settings). */
export interface LoadedScenario {
  readonly kind: ScenarioKind;
  readonly model: PreparedModel;
  readonly request: SimulationRequest;
  readonly file: ScenarioFile;
}

/**
 * Builds the scenario of a run. A model from a model library, unchanged, is named by id and version; any other is
 * embedded as its complete spec. Parameters are written in full (after presets and overrides) and the solver
 * with its defaults filled in, so the file does not depend on future defaults.
 */
export function makeScenario(kind: ScenarioKind, model: PreparedModel, req: SimulationRequest, ldnSimVersion: string,
  extra: Pick<ScenarioFile, 'population' | 'sweep' | 'sensitivity'> = {}): ScenarioFile {
  const { values, presets, notes } = resolveParameters(model, req.params, req.presets);
  return {
    ldn_sim_scenario: SCENARIO_FORMAT,
    ldn_sim_version: ldnSimVersion,
    kind,
    model: isLibraryModel(model) ? { id: model.spec.id, version: model.spec.version } : { spec: model.spec },
    parameters: values,
    presets,
    events: req.events.map((e) => ({
      time_h: e.timeH, drug: e.drug, amt_mg: e.amtMg,
      ...(e.iiH !== undefined ? { ii_h: e.iiH } : {}), ...(e.addl !== undefined ? { addl: e.addl } : {}),
      ...recordFieldsToFile(e),
    })),
    start_clock_h: req.startClockH ?? 0,
    end_h: req.endH,
    step_h: req.stepH,
    solver: {
      method: req.solver?.method ?? DEFAULT_INTEGRATOR,
      rtol: req.solver?.rtol ?? DEFAULT_SOLVER.rtol,
      atol: req.solver?.atol ?? DEFAULT_SOLVER.atol,
      max_steps: req.solver?.maxSteps ?? DEFAULT_SOLVER.maxSteps,
    },
    ...extra,
    ...(notes.length ? { notes } : {}),
  };
}

/** The scenario as pretty-printed JSON with a final newline (numbers round-trip exactly). */
export function scenarioToJson(s: ScenarioFile): string {
  return JSON.stringify(s, null, 2) + '\n';
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads a scenario (parsed JSON) back into a model and a request.
 * @param library the models a scenario may name by id (the built-in ones: `BUILTIN_MODELS` of models/registry.ts).
 * @param source name for messages, e.g. the file name.
 * @throws RangeError naming the file and the field (e.g. `scenario s.json: events[2].amt_mg: expected …`), or
 * when a built-in model's version differs from the file's (the numbers would differ).
 */
export function loadScenario(json: unknown, library: ModelLibrary, source = 'scenario'): LoadedScenario {
  const fail = (field: string, what: string): never => { throw new RangeError(`${source}: ${field}: ${what}`); };
  if (!isObject(json)) fail('scenario', 'expected a JSON object');
  const f = json as Record<string, unknown>;
  if (f.ldn_sim_scenario !== SCENARIO_FORMAT) fail('ldn_sim_scenario', `expected ${SCENARIO_FORMAT} (the scenario format this ldn-sim reads), got ${quote(f.ldn_sim_scenario)}`);
  if (!SCENARIO_KINDS.includes(f.kind as ScenarioKind)) fail('kind', `expected one of ${SCENARIO_KINDS.join(', ')}, got ${quote(f.kind)}`);
  // A limit's own message names the field; the file's name goes in front, as for every other field.
  const limited = (check: () => void): void => {
    try { check(); } catch (err) { throw err instanceof LimitError ? err.within(source) : err; }
  };
  const num = (x: unknown, field: string, what: string, ok: (v: number) => boolean = () => true): number => {
    if (typeof x !== 'number' || !Number.isFinite(x) || !ok(x)) fail(field, `expected ${what}, got ${quote(x)}`);
    return x as number;
  };

  let model: PreparedModel;
  if (!isObject(f.model)) fail('model', 'expected {id, version} of a built-in model or {spec} of a custom model');
  const m = f.model as Record<string, unknown>;
  if (m.spec !== undefined) {
    try {
      model = prepareModel(m.spec);
    } catch (err) {
      if (err instanceof ModelError) fail('model.spec', err.message);
      throw err;
    }
  } else {
    const id = m.id;
    if (typeof id !== 'string' || !library.ids().includes(id)) fail('model.id', `expected a built-in model (${library.ids().join(', ')}), got ${quote(id)}`);
    model = library.model(id as string);
    if (m.version !== model.spec.version) {
      fail('model.version', `the file was made with model "${id}" ${quote(m.version)}, this ldn-sim has ${model.spec.version}; ` +
        'the numbers would differ (export the old model with `ldn-sim model ID --json` and embed it as model.spec to rerun it)');
    }
  }
  model = model!;

  if (!isObject(f.presets)) fail('presets', 'expected an object {group: option}');
  const presets = f.presets as Record<string, string>;
  let base: Record<string, number>;
  try {
    base = resolveParameters(model, {}, presets).values;
  } catch (err) {
    return fail('presets', (err as Error).message);
  }
  if (!isObject(f.parameters)) fail('parameters', 'expected an object {name: value}');
  const params: Record<string, number> = {};
  for (const [k, v] of Object.entries(f.parameters as Record<string, unknown>)) {
    if (!(k in base)) fail(`parameters.${k}`, `model "${model.spec.id}" has no such parameter`);
    num(v, `parameters.${k}`, 'a finite number');
    // Only values that differ from defaults + presets are overrides (presets may lie outside slider ranges).
    if (v !== base[k]) params[k] = v as number;
  }

  if (!Array.isArray(f.events)) fail('events', 'expected an array of {time_h, drug, amt_mg, ii_h?, addl?}');
  limited(() => checkEvents(f.events as { addl?: unknown }[]));
  const events: DoseEvent[] = (f.events as unknown[]).map((e, i) => {
    if (!isObject(e)) return fail(`events[${i}]`, 'expected {time_h, drug, amt_mg, ii_h?, addl?}');
    if (typeof e.drug !== 'string') fail(`events[${i}].drug`, `expected a drug name, got ${quote(e.drug)}`);
    return {
      timeH: num(e.time_h, `events[${i}].time_h`, 'a time in hours'),
      drug: e.drug as string,
      amtMg: num(e.amt_mg, `events[${i}].amt_mg`, 'a dose in mg'),
      ...(e.ii_h !== undefined ? { iiH: num(e.ii_h, `events[${i}].ii_h`, 'an interval in hours') } : {}),
      ...(e.addl !== undefined ? { addl: num(e.addl, `events[${i}].addl`, 'a whole number') } : {}),
      ...recordFieldsFromFile(e, `events[${i}]`, num, fail),
    };
  });
  if (!isObject(f.solver)) fail('solver', 'expected {method, rtol, atol, max_steps}');
  const s = f.solver as Record<string, unknown>;
  if (typeof s.method !== 'string') fail('solver.method', `expected a method name, got ${quote(s.method)}`);
  const request: SimulationRequest = {
    params, presets, events,
    startClockH: num(f.start_clock_h, 'start_clock_h', 'a clock time in [0, 24) h', (x) => x >= 0 && x < 24),
    endH: num(f.end_h, 'end_h', 'a simulated span in hours > 0', (x) => x > 0),
    stepH: num(f.step_h, 'step_h', 'an output step in hours > 0', (x) => x > 0),
    solver: {
      method: s.method as string,
      rtol: num(s.rtol, 'solver.rtol', 'a number in (0, 1)', (x) => x > 0 && x < 1),
      atol: num(s.atol, 'solver.atol', 'a number > 0', (x) => x > 0),
      maxSteps: num(s.max_steps, 'solver.max_steps', 'a whole number > 0', (x) => Number.isInteger(x) && x > 0),
    },
  };
  limited(() => checkGrid(request.endH, request.stepH, 'step_h'));
  try { checkSolver(request.solver!.rtol, request.solver!.maxSteps); } catch (err) { throw err instanceof LimitError ? err.within(source) : new RangeError(`${source}: ${(err as Error).message}`); }
  if (f.kind === 'population') {
    if (!isObject(f.population)) fail('population', 'expected {n, seed, variability} in a population scenario');
    const p = f.population as Record<string, unknown>;
    num(p.n, 'population.n', 'a whole number of subjects', (x) => Number.isInteger(x) && x >= 1);
    num(p.seed, 'population.seed', 'a whole-number seed');
    if (!Array.isArray(p.variability)) fail('population.variability', 'expected an array of {parameter, cvPercent, source}');
    limited(() => checkPopulation(p.n as number, request.endH, request.stepH, model.spec.outputs.length, 'population.n'));
  }
  if (f.kind === 'sweep' && !isObject(f.sweep)) fail('sweep', 'expected the sweep settings in a sweep scenario');
  if (f.kind === 'sweep') {
    const axes = (f.sweep as Record<string, unknown>).axes;
    if (!Array.isArray(axes) || axes.length < 1 || axes.length > 2) fail('sweep.axes', `expected 1 or 2 swept variables [{name, values}], got ${quote(axes)}`);
    (axes as unknown[]).forEach((a, i) => {
      if (!isObject(a) || typeof a.name !== 'string') return fail(`sweep.axes[${i}]`, `expected {name, values}, got ${quote(a)}`);
      if (!Array.isArray(a.values) || a.values.length < 1 || !a.values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        fail(`sweep.axes[${i}].values`, `expected a list of finite numbers, got ${quote(a.values)}`);
      }
    });
    limited(() => checkSweepCells((axes as { values: unknown[] }[]).map((a) => a.values.length), 'sweep.axes'));
  }
  if (f.kind === 'sensitivity' && !isObject(f.sensitivity)) fail('sensitivity', 'expected the sensitivity settings in a sensitivity scenario');
  return { kind: f.kind as ScenarioKind, model, request, file: f as unknown as ScenarioFile };
}

/** A record's NONMEM fields in the file's names (`cmt`, `rate`, `dur_h`, `ss`, `evid`), when given. */
function recordFieldsToFile(e: DoseEvent): Partial<ScenarioEvent> {
  return {
    ...(e.cmt !== undefined ? { cmt: e.cmt } : {}), ...(e.rateMgPerH !== undefined ? { rate: e.rateMgPerH } : {}),
    ...(e.durH !== undefined ? { dur_h: e.durH } : {}), ...(e.ss !== undefined ? { ss: e.ss } : {}),
    ...(e.evid !== undefined ? { evid: e.evid } : {}),
  };
}

/** The NONMEM fields of a scenario file's record (checked in full by `validateEvent` when it runs). */
function recordFieldsFromFile(e: Record<string, unknown>, where: string,
  num: (v: unknown, field: string, what: string) => number, fail: (field: string, what: string) => never): Partial<DoseEvent> {
  if (e.cmt !== undefined && typeof e.cmt !== 'string') fail(`${where}.cmt`, `expected a state name, got ${quote(e.cmt)}`);
  return {
    ...(e.cmt !== undefined ? { cmt: e.cmt as string } : {}),
    ...(e.rate !== undefined ? { rateMgPerH: num(e.rate, `${where}.rate`, 'a rate per hour, or -1 / -2') } : {}),
    ...(e.dur_h !== undefined ? { durH: num(e.dur_h, `${where}.dur_h`, 'a duration in hours') } : {}),
    ...(e.ss !== undefined ? { ss: num(e.ss, `${where}.ss`, '0, 1 or 2') as 0 | 1 | 2 } : {}),
    ...(e.evid !== undefined ? { evid: num(e.evid, `${where}.evid`, '1, 2, 3 or 4') as 1 | 2 | 3 | 4 } : {}),
  };
}
