import pkg from '../package.json';
import { toCsv } from '../engine/csv';
import { builtinModel, modelIds } from '../models/registry';
import { computeMetrics } from '../engine/metrics';
import { setDefaultEvaluation, simulate } from '../engine/simulate';
import type { SimulationResult } from '../engine/result';
import { numberFlag, parseArgs, parseWindow, UsageError, type FlagSpec } from './args';
import { writeFileAtomic, writeStdout } from './io';
import { parseScenario, SIMULATION_FLAGS, type Scenario } from './scenario';
import { makeScenario } from '../engine/scenario';
import { emitWithScenario, SCENARIO_OUT_FLAG } from './commands/output';
import { cmdPopulation, POPULATION_FLAGS } from './commands/population';
import { RunFailure } from './commands/run-failure';
import { cmdNonmem, NONMEM_FLAGS } from './commands/nonmem';
import { cmdSensitivity, cmdSweep, SENSITIVITY_FLAGS, SWEEP_FLAGS } from './commands/research';
import { cmdFit, FIT_FLAGS } from './commands/fit';

// Node has no Content-Security-Policy: generated JS evaluates models ~3× faster than closures, with
// bit-identical results. At module level so that the population worker threads (which load this bundle) get it.
setDefaultEvaluation('generated');

/** A failure that is not the user's input (e.g. the integrator hit its step limit): exit status 1. */
export class RunError extends Error {}

const OUT_FLAG: FlagSpec = { name: 'out', value: 'FILE', help: 'write to FILE (atomically) instead of stdout' };
const METRICS_FLAGS: FlagSpec[] = [
  { name: 'threshold', value: 'COLUMN=VALUE', help: 'report hours above VALUE for COLUMN (repeatable)', repeatable: true },
  { name: 'window', value: 'HH:MM-HH:MM', help: 'daily clock window for "in window" metrics, e.g. 23:00-07:00' },
];

function flagHelp(flags: readonly FlagSpec[]): string {
  return flags.map((f) => {
    const left = `  --${f.name}${f.value ? ` ${f.value}` : ''}`;
    return `${left.padEnd(30)} ${f.help}`;
  }).join('\n');
}

function usage(): string {
  return `ldn-sim ${pkg.version} — PK/PD simulation of (low-dose) naltrexone. For education and research, not medical advice.

Usage:
  ldn-sim simulate [options]        simulate and write CSV (time_h, clock_h, then the model's outputs)
  ldn-sim metrics [options]         simulate and print metrics as JSON (Cmax, tmax, AUC, t½, time above…)
  ldn-sim model ID [--json]         describe a model; --json prints the complete model
  ldn-sim models                    list the built-in models
  ldn-sim population [options]      N virtual subjects: 5th/50th/95th percentile of every output as CSV
  ldn-sim sweep [options]           a grid of dose, clock time or parameters → metrics, as CSV
  ldn-sim sensitivity [options]     normalised local sensitivity of metrics to every parameter, as CSV
  ldn-sim fit --observations OBS.csv --estimate NAME[,NAME…] [options]
                                    estimate parameters from observations; JSON result (docs/fitting.md)
  ldn-sim --help | --version

Simulation options:
${flagHelp(SIMULATION_FLAGS)}
  --<preset> OPTION              a model's preset group, e.g. --hepatic compensated-cirrhosis (see \`ldn-sim model ID\`)
${flagHelp([OUT_FLAG, SCENARIO_OUT_FLAG])}
${flagHelp(NONMEM_FLAGS)}
  With --out X.csv the scenario (model, parameters, events, solver, seed…) is written to X.scenario.json;
  \`ldn-sim simulate --scenario X.scenario.json\` regenerates the same numbers, whichever command wrote it.

Population options (with the simulation options; --step-min defaults to 30):
${flagHelp(POPULATION_FLAGS)}

Sweep options (with the simulation options):
${flagHelp(SWEEP_FLAGS)}

Sensitivity options (with the simulation options):
${flagHelp(SENSITIVITY_FLAGS.filter((f) => !SWEEP_FLAGS.includes(f)))}

Fit options (with the simulation options, which give the scenario of rows without a group scenario):
${flagHelp(FIT_FLAGS)}

Metrics options (with the simulation options):
${flagHelp(METRICS_FLAGS)}

Time 0 is the first dose (or time 0 of the events file), at the clock time --at.
Exit status: 0 success, 1 the simulation failed (diagnostics on stderr), 2 bad input.

Examples:
  ldn-sim simulate --dose 4.5 --at 22:00 --days 7 --out ldn.csv
  ldn-sim simulate --model one-compartment --dose 50 --param ka_per_h=1.2 --hours 48 --step-min 15
  ldn-sim metrics --dose 4.5 --days 28 --threshold mu_blockade=0.5 --window 23:00-07:00
`;
}

function run(s: Scenario): SimulationResult {
  const result = simulate(s.model, s.request);
  if (!result.meta.ok) throw new RunError(`the simulation failed: ${result.meta.diagnostics.join('; ')}`);
  return result;
}

async function emit(text: string, out: string | undefined): Promise<void> {
  if (out !== undefined) writeFileAtomic(out, text);
  else await writeStdout(text);
}

async function cmdSimulate(argv: string[]): Promise<void> {
  if (argv.some((a) => a === '--nonmem' || a.startsWith('--nonmem='))) return cmdNonmem(argv);
  const { scenario, args } = parseScenario(argv, 'simulate', [OUT_FLAG, SCENARIO_OUT_FLAG]);
  // A scenario file written by another command (population, sweep…) is rerun by that command.
  if (scenario.file && scenario.file.kind !== 'simulate') return COMMANDS[scenario.file.kind]!(argv);
  const csv = toCsv(run(scenario));
  await emitWithScenario(csv, args, makeScenario('simulate', scenario.model, scenario.request, pkg.version));
}

/** JSON for researchers uses snake_case with units in the names (`tmax_h`), like the CSV columns. */
function snakeKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(snakeKeys);
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(v)]));
}

async function cmdMetrics(argv: string[]): Promise<void> {
  const { scenario, args } = parseScenario(argv, 'metrics', [...METRICS_FLAGS, OUT_FLAG]);
  const result = run(scenario);
  const thresholds: Record<string, number> = {};
  for (const item of args.lists.get('threshold') ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(item);
    if (!m) throw new UsageError(`--threshold: expected COLUMN=VALUE (e.g. mu_blockade=0.5), got ${JSON.stringify(item)}`);
    if (!result.columns.some((c) => c.name === m[1])) {
      throw new UsageError(`--threshold ${m[1]}: no such column; columns: ${result.columns.map((c) => c.name).join(', ')}`);
    }
    thresholds[m[1]!] = numberFlag(m[2]!, `threshold ${m[1]}`, 'a number');
  }
  const w = args.flags.get('window');
  const metrics = computeMetrics(result, { thresholds, ...(typeof w === 'string' ? { window: parseWindow(w) } : {}) });
  const doc = {
    ldn_sim_version: pkg.version,
    model: result.meta.modelId,
    model_version: result.meta.modelVersion,
    presets: result.meta.presets,
    start_clock_h: result.meta.startClockH,
    span_h: metrics.spanH,
    ...(metrics.window ? { window: typeof w === 'string' ? w : undefined, window_start_clock_h: metrics.window.startClockH, window_end_clock_h: metrics.window.endClockH } : {}),
    columns: snakeKeys(metrics.columns),
  };
  await emit(JSON.stringify(doc, null, 2) + '\n', args.flags.get('out') as string | undefined);
}

async function cmdModel(argv: string[]): Promise<void> {
  const args = parseArgs(argv, [{ name: 'json', help: 'print the complete model as JSON' }, OUT_FLAG], 'model');
  if (args.positional.length !== 1) throw new UsageError(`model: expected one model id (available: ${modelIds().join(', ')})`);
  const id = args.positional[0]!;
  if (!modelIds().includes(id)) throw new UsageError(`model: no built-in model ${JSON.stringify(id)}; available: ${modelIds().join(', ')}`);
  const { spec } = builtinModel(id);
  const out = args.flags.get('out') as string | undefined;
  if (args.flags.get('json')) {
    await emit(JSON.stringify(spec, null, 2) + '\n', out);
    return;
  }
  const lines = [`${spec.id} ${spec.version} — ${spec.title}`, '', spec.description, '', 'Parameters:'];
  for (const p of spec.parameters) {
    lines.push(`  ${p.name.padEnd(22)} ${String(p.value).padStart(10)} ${p.unit.padEnd(10)} ${p.label}${p.assumption ? ' [assumption]' : ''}`);
  }
  lines.push('', 'Outputs (CSV columns after time_h, clock_h):');
  for (const o of spec.outputs) lines.push(`  ${o.name.padEnd(28)} ${o.unit.padEnd(10)} ${o.label ?? ''}${o.requiresDrug ? ` (only when ${[o.requiresDrug].flat().join(' or ')} is dosed)` : ''}`);
  lines.push('', `Drugs: ${[...new Set(spec.doses.map((d) => d.drug))].join(', ')}`);
  const dosed = new Set((spec.dosedStates ?? []).map((d) => d.state));
  lines.push('', 'States (CMT in a NONMEM data set; * may be dosed by cmt, docs/dosing.md):');
  spec.states.forEach((st, i) => lines.push(`  ${String(i + 1).padStart(2)} ${st.name}${dosed.has(st.name) ? ' *' : ''}`));
  for (const g of spec.presets ?? []) lines.push(`Preset --${g.name}: ${g.options.map((o) => o.name).join(' | ')} (default ${g.default})`);
  await emit(lines.join('\n') + '\n', out);
}

async function cmdModels(argv: string[]): Promise<void> {
  const args = parseArgs(argv, [], 'models');
  if (args.positional.length) throw new UsageError(`models: unexpected argument ${JSON.stringify(args.positional[0])}`);
  const lines = modelIds().map((id) => {
    const { spec } = builtinModel(id);
    return `${spec.id.padEnd(18)} ${spec.version.padEnd(8)} ${spec.title}`;
  });
  await writeStdout(lines.join('\n') + '\n');
}

/** Commands by name. Other commands (population, sweep, …) register here. */
export const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  simulate: cmdSimulate,
  population: (argv) => cmdPopulation(argv, new URL(import.meta.url)),
  sweep: cmdSweep,
  sensitivity: cmdSensitivity,
  fit: (argv) => cmdFit(argv, new URL(import.meta.url)),
  metrics: cmdMetrics,
  model: cmdModel,
  models: cmdModels,
};

/**
 * Runs the command line and returns the exit status: 0 success, 1 a failed run, 2 bad input. Messages go to
 * stderr as one line `ldn-sim: …`, without a stack trace (set LDN_SIM_DEBUG=1 to see one).
 */
export async function main(argv: string[]): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      await writeStdout(usage());
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '--version' || cmd === '-v') {
      await writeStdout(`${pkg.version}\n`);
      return 0;
    }
    const fn = COMMANDS[cmd];
    if (!fn) throw new UsageError(`unknown command ${JSON.stringify(cmd)}; commands: ${Object.keys(COMMANDS).join(', ')} (see ldn-sim --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      await writeStdout(usage());
      return 0;
    }
    await fn(rest);
    return 0;
  } catch (err) {
    if (process.env.LDN_SIM_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return 0; // output piped into `head`: not an error
    if (err instanceof UsageError || err instanceof RangeError) {
      process.stderr.write(`ldn-sim: ${err.message}\n`);
      return 2;
    }
    if (err instanceof RunError || err instanceof RunFailure) {
      process.stderr.write(`ldn-sim: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`ldn-sim: internal error: ${(err as Error).message} (please report it; LDN_SIM_DEBUG=1 shows the stack)\n`);
    return 1;
  }
}
