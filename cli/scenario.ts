import { readFileSync, statSync } from 'node:fs';
import { daily, expand, parseClock, type DoseEvent } from '../engine/dosing';
import { parseEventsCsv } from '../engine/events-csv';
import { checkRecordsForModel } from '../engine/records-check';
import { BUILTIN_MODELS, builtinModel, DEFAULT_MODEL_ID, modelIds } from '../models/registry';
import { ModelError, prepareModel, type PreparedModel } from '../engine/model/load';
import { loadScenario, type ScenarioFile } from '../engine/scenario';
import { checkLimit } from '../engine/limits';
import { checkFileSize, jsonDepth } from '../engine/input-limits';
import type { SimulationRequest } from '../engine/simulate';
import { describeBounds, rangeNote, withinBounds } from '../engine/model/bounds';
import { numberFlag, parseArgs, UsageError, type FlagSpec, type ParsedArgs } from './args';

/** Flags shared by every command that runs a simulation (`simulate`, `metrics`, …). A contract: keep names. */
export const SIMULATION_FLAGS: readonly FlagSpec[] = [
  { name: 'model', value: 'ID', help: `built-in model (default ${DEFAULT_MODEL_ID}); see \`ldn-sim models\`` },
  { name: 'model-file', value: 'FILE.json', help: 'a model in the JSON format of `ldn-sim model ID --json` instead of --model' },
  { name: 'dose', value: 'MG', help: 'daily dose in mg, as prescribed (naltrexone: the hydrochloride salt)' },
  { name: 'drug', value: 'NAME', help: "drug of --dose (default: the model's first drug)" },
  { name: 'at', value: 'HH:MM', help: 'clock time of the daily dose, which is also time 0 (default: the model\'s, else 22:00)' },
  { name: 'days', value: 'N', help: 'number of daily doses (default 1)' },
  { name: 'hours', value: 'H', help: 'simulated span in hours (default 24 × days)' },
  { name: 'step-min', value: 'M', help: 'output grid step in minutes (default 5)' },
  { name: 'param', value: 'NAME=VALUE', help: 'set a model parameter (repeatable)', repeatable: true },
  { name: 'events', value: 'FILE.csv', help: 'dosing records time_h,drug,amt_mg,ii_h,addl[,cmt,rate,dur_h,ss,evid] (with header) instead of --dose/--days' },
  { name: 'steady-state', help: 'start at the steady state of the daily --dose (as if taken every 24 h for ever; NONMEM ss 1)' },
  { name: 'scenario', value: 'FILE.json', help: 'rerun a scenario file (written beside every CSV) instead of all the options above' },
];

/** A resolved scenario: the model and the request to run. */
export interface Scenario {
  readonly model: PreparedModel;
  readonly request: SimulationRequest;
  /** The scenario file, when the run comes from `--scenario FILE.json`. */
  readonly file?: ScenarioFile;
}

/** `--scenario FILE.json`: the run recorded in a scenario file; no other simulation flag may be given. */
function parseScenarioFlag(argv: readonly string[], command: string, extra: readonly FlagSpec[]): { scenario: Scenario; args: ParsedArgs } {
  const args = parseArgs(argv, [...SIMULATION_FLAGS, ...extra], command);
  if (args.positional.length) throw new UsageError(`${command}: unexpected argument ${JSON.stringify(args.positional[0])}; options start with --`);
  for (const flag of SIMULATION_FLAGS) {
    if (flag.name !== 'scenario' && (args.flags.has(flag.name) || args.lists.has(flag.name))) {
      throw new UsageError(`--scenario replaces the simulation options; give --scenario or --${flag.name}, not both`);
    }
  }
  const file = args.flags.get('scenario') as string;
  const json = readJson(file, 'scenario');
  try {
    const loaded = loadScenario(json, BUILTIN_MODELS, file);
    for (const [name, v] of Object.entries(loaded.request.params ?? {})) {
      const p = loaded.model.spec.parameters.find((x) => x.name === name);
      const note = p && withinBounds(p, v) ? rangeNote(p, v) : undefined;
      if (note) process.stderr.write(`ldn-sim: note: --scenario ${file}: ${note}\n`);
    }
    return { scenario: { model: loaded.model, request: loaded.request, file: loaded.file }, args };
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`--scenario ${err.message}`);
    throw err;
  }
}

/** A JSON file, read only when within the size limit and parsed only when within the nesting limit. */
export function readJson(path: string, flag: string): unknown {
  const text = readText(path, flag);
  try {
    checkLimit('jsonDepth', `--${flag} ${path}`, jsonDepth(text), 'levels of nesting');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--${flag}: ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** A file's text, refused (before it is read) when larger than `LIMITS.fileBytes`. */
export function readText(path: string, flag: string): string {
  try {
    const st = statSync(path);
    if (st.isFile()) checkFileSize(st.size, `--${flag} ${path}`);
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--${flag}: cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? `: ${code}` : ''}`);
  }
}

/** Loads a model from `--model-file` (validated like a built-in one) or a built-in id from `--model`. */
export function loadModelFromArgv(argv: readonly string[]): PreparedModel {
  const valueOf = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === `--${name}`) return argv[i + 1];
      if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    }
    return undefined;
  };
  const file = valueOf('model-file');
  const id = valueOf('model');
  if (file !== undefined && id !== undefined) throw new UsageError('--model and --model-file: give one or the other');
  if (file !== undefined) {
    const json = readJson(file, 'model-file');
    try {
      return prepareModel(json);
    } catch (err) {
      if (err instanceof ModelError) throw new UsageError(`--model-file ${file}: ${err.message}`);
      throw err;
    }
  }
  const chosen = id ?? DEFAULT_MODEL_ID;
  if (!modelIds().includes(chosen)) {
    throw new UsageError(`--model: no built-in model ${JSON.stringify(chosen)}; available: ${modelIds().join(', ')}`);
  }
  return builtinModel(chosen);
}

/** The flags of a model's preset groups, e.g. `--hepatic none|compensated-cirrhosis|…`. */
export function presetFlags(model: PreparedModel): FlagSpec[] {
  return (model.spec.presets ?? []).map((g) => ({
    name: g.name,
    value: g.options.map((o) => o.name).join('|'),
    help: `${g.label} (default ${g.default})`,
  }));
}

/**
 * Parses the simulation flags (plus `extra` command flags) into a scenario. Every problem is a UsageError that
 * names the flag, parameter or file line and says what was expected.
 */
export function parseScenario(argv: readonly string[], command: string, extra: readonly FlagSpec[] = []): { scenario: Scenario; args: ParsedArgs } {
  if (argv.some((a) => a === '--scenario' || a.startsWith('--scenario='))) return parseScenarioFlag(argv, command, extra);
  const model = loadModelFromArgv(argv);
  const args = parseArgs(argv, [...SIMULATION_FLAGS, ...presetFlags(model), ...extra], command);
  if (args.positional.length) throw new UsageError(`${command}: unexpected argument ${JSON.stringify(args.positional[0])}; options start with --`);
  const f = (name: string) => args.flags.get(name) as string | undefined;
  const { spec } = model;
  const drugs = [...new Set(spec.doses.map((d) => d.drug))];

  const atText = f('at') ?? spec.defaults?.clock ?? '22:00';
  let startClockH: number;
  try {
    startClockH = parseClock(atText, '--at');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }

  let events: DoseEvent[];
  let days = 1;
  if (f('events') !== undefined) {
    for (const clash of ['dose', 'days', 'drug', 'steady-state']) {
      if (f(clash) !== undefined) throw new UsageError(`--events replaces --dose, --days, --drug and --steady-state (put ss in the file); give --events or --${clash}, not both`);
    }
    const file = f('events')!;
    try {
      events = parseEventsCsv(readText(file, 'events'), file, (ev) => checkRecordsForModel(model, [ev]));
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--events ${(err as Error).message}`);
    }
    events.forEach((e, i) => {
      if (!drugs.includes(e.drug)) {
        throw new UsageError(`--events ${file} dosing row ${i + 1}, column drug: model "${spec.id}" has no drug ${JSON.stringify(e.drug)}; expected one of ${drugs.join(', ')}`);
      }
    });
  } else {
    const drug = f('drug') ?? spec.defaults?.drug ?? drugs[0]!;
    if (!drugs.includes(drug)) throw new UsageError(`--drug: model "${spec.id}" has no drug ${JSON.stringify(drug)}; expected one of ${drugs.join(', ')}`);
    const defaultDose = spec.defaults?.doseMg;
    if (f('dose') === undefined && defaultDose === undefined) throw new UsageError(`--dose: model "${spec.id}" has no default dose; give --dose MG`);
    const doseMg = f('dose') !== undefined ? numberFlag(f('dose')!, 'dose', 'a dose in mg >= 0', (x) => x >= 0) : defaultDose!;
    if (f('days') !== undefined) days = numberFlag(f('days')!, 'days', 'a whole number of daily doses >= 1', (x) => Number.isInteger(x) && x >= 1);
    try { checkLimit('doses', '--days', days, 'daily doses'); } catch (err) { throw new UsageError((err as Error).message); }
    events = daily({ drug, amtMg: doseMg, days });
    if (args.flags.has('steady-state')) events = events.map((e) => ({ ...e, ss: 1 as const }));
  }

  let endH: number;
  if (f('hours') !== undefined) {
    endH = numberFlag(f('hours')!, 'hours', 'a simulated span in hours > 0', (x) => x > 0);
  } else if (f('events') !== undefined) {
    const last = Math.max(...expand(events).map((e) => e.timeH));
    endH = 24 * (Math.floor(last / 24) + 1);
  } else {
    endH = 24 * days;
  }
  const stepMin = f('step-min') !== undefined ? numberFlag(f('step-min')!, 'step-min', 'an output step in minutes > 0', (x) => x > 0) : 5;

  const params: Record<string, number> = {};
  for (const item of args.lists.get('param') ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(item);
    if (!m) throw new UsageError(`--param: expected NAME=VALUE (e.g. ka_per_h=1.5), got ${JSON.stringify(item)}`);
    const [, name, value] = m as unknown as [string, string, string];
    const p = spec.parameters.find((x) => x.name === name);
    if (!p) throw new UsageError(`--param ${name}: model "${spec.id}" has no such parameter; valid: ${spec.parameters.map((x) => x.name).join(', ')}`);
    if (name in params) throw new UsageError(`--param ${name} is given twice; give it once`);
    params[name] = numberFlag(value, `param ${name}`, `a number ${describeBounds(p)} (${p.unit}; its physical bounds)`, (x) => withinBounds(p, x));
    const note = rangeNote(p, params[name]!);
    if (note) process.stderr.write(`ldn-sim: note: --param ${note}\n`);
  }
  const presets: Record<string, string> = {};
  for (const g of spec.presets ?? []) {
    const v = f(g.name);
    if (v !== undefined) {
      if (!g.options.some((o) => o.name === v)) throw new UsageError(`--${g.name}: expected one of ${g.options.map((o) => o.name).join(', ')}, got ${JSON.stringify(v)}`);
      presets[g.name] = v;
    }
  }
  return { scenario: { model, request: { params, presets, events, endH, stepH: stepMin / 60, startClockH } }, args };
}
