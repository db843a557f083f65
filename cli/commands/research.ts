/** `ldn-sim sweep` and `ldn-sim sensitivity`: grids of runs → metrics, and normalised local sensitivities. */
import pkg from '../../package.json';
import { parseClock } from '../../engine/dosing';
import type { ClockWindow } from '../../engine/metrics';
import { checkLimit } from '../../engine/limits';
import { makeScenario } from '../../engine/scenario';
import { DEFAULT_RELATIVE_STEP, sensitivity, sensitivityToCsv } from '../../engine/sensitivity';
import { parseMetric, runSweep, sweepToCsv, type MetricSpec, type SweepAxis } from '../../engine/sweep';
import { numberFlag, parseWindow, UsageError, type FlagSpec, type ParsedArgs } from '../args';
import { parseScenario, type Scenario } from '../scenario';
import { emitWithScenario, OUT_FLAG, SCENARIO_OUT_FLAG } from './output';
import { RunFailure } from './run-failure';

const METRIC_FLAG: FlagSpec = {
  name: 'metric', value: 'KIND:COLUMN[:THR]', repeatable: true,
  help: 'metric (repeatable): max, min, tmax, auc, peak_rise, auc_in_window, or hours_above[_in_window] with a threshold, e.g. hours_above_in_window:mu_blockade:0.5',
};
const SPAN_FLAGS: FlagSpec[] = [
  { name: 'window', value: 'HH:MM-HH:MM', help: 'daily clock window of the *_in_window metrics, e.g. a sleep window 23:00-07:00' },
  { name: 'last-day', help: 'compute the metrics over the last 24 h only (steady state of a multi-day run)' },
];
export const SWEEP_FLAGS: readonly FlagSpec[] = [
  { name: 'vary', value: 'NAME=VALUES', repeatable: true, help: 'swept variable (1 or 2): dose, at or a parameter; VALUES a list 1,2,4.5 or a range 0.5..4.5/9 (9 points); at takes HH:MM' },
  METRIC_FLAG, ...SPAN_FLAGS,
];
export const SENSITIVITY_FLAGS: readonly FlagSpec[] = [
  METRIC_FLAG, ...SPAN_FLAGS,
  { name: 'relative-step', value: 'H', help: `relative step of the central differences (default ${DEFAULT_RELATIVE_STEP})` },
];

/** `dose=0.5..4.5/9`, `at=20:00,22:00`, `cl_l_per_h=300,475`. */
export function parseAxis(text: string): SweepAxis {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(text);
  if (!m) throw new UsageError(`--vary: expected NAME=VALUES (e.g. dose=0.5..4.5/9 or at=20:00,22:00), got ${JSON.stringify(text)}`);
  const name = m[1]!;
  const spec = m[2]!.trim();
  const one = (v: string): number => {
    if (name === 'at') {
      try { return parseClock(v, `--vary at`); } catch (err) { throw new UsageError((err as Error).message); }
    }
    return numberFlag(v, `vary ${name}`, 'a number');
  };
  const range = /^(.+)\.\.(.+)\/(.+)$/.exec(spec);
  if (range) {
    const a = one(range[1]!.trim());
    const b = one(range[2]!.trim());
    const n = numberFlag(range[3]!, `vary ${name}`, 'a whole number of points >= 2 after /', (x) => Number.isInteger(x) && x >= 2);
    try { checkLimit('sweepCells', `--vary ${name}`, n, 'points'); } catch (err) { throw new UsageError((err as Error).message); }
    return { name, values: Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1))) };
  }
  return { name, values: spec.split(',').map((v) => one(v.trim())) };
}

interface SpanOptions { metrics: MetricSpec[]; window?: ClockWindow; fromH?: number }

function spanOptions(args: ParsedArgs, scenario: Scenario): SpanOptions {
  const list = args.lists.get('metric') ?? [];
  if (list.length === 0) throw new UsageError('--metric: expected at least one metric, e.g. --metric max:mu_blockade');
  const metrics = list.map((t) => {
    try { return parseMetric(t, `--metric ${t}`); } catch (err) { throw new UsageError((err as Error).message); }
  });
  const w = args.flags.get('window');
  const fromH = args.flags.get('last-day') ? scenario.request.endH - 24 : undefined;
  if (fromH !== undefined && fromH < 0) throw new UsageError(`--last-day: the run is shorter than 24 h (${scenario.request.endH} h)`);
  return { metrics, ...(typeof w === 'string' ? { window: parseWindow(w) } : {}), ...(fromH !== undefined ? { fromH } : {}) };
}

/** Span settings as stored in a scenario file. */
function spanToFile(o: SpanOptions): Record<string, unknown> {
  return {
    metrics: o.metrics.map((m) => [m.kind, m.column, ...(m.threshold !== undefined ? [m.threshold] : [])].join(':')),
    ...(o.window ? { window: { start_clock_h: o.window.startClockH, end_clock_h: o.window.endClockH } } : {}),
    ...(o.fromH !== undefined ? { from_h: o.fromH } : {}),
  };
}

function spanFromFile(s: Record<string, unknown>, where: string): SpanOptions {
  try {
    const metrics = (s.metrics as string[]).map((t) => parseMetric(t, `${where}.metrics`));
    const w = s.window as { start_clock_h: number; end_clock_h: number } | undefined;
    return { metrics, ...(w ? { window: { startClockH: w.start_clock_h, endClockH: w.end_clock_h } } : {}), ...(typeof s.from_h === 'number' ? { fromH: s.from_h } : {}) };
  } catch (err) {
    throw new UsageError(`--scenario: ${(err as Error).message}`);
  }
}

function noRunFlags(args: ParsedArgs, names: readonly string[]): void {
  for (const n of names) {
    if (args.flags.has(n) || args.lists.has(n)) throw new UsageError(`--scenario replaces the run options; give --scenario or --${n}, not both`);
  }
}

function wrongKind(kind: string, expected: string): never {
  throw new UsageError(`--scenario: this file describes a ${kind} run; rerun it with \`ldn-sim ${kind} --scenario FILE\` (not ${expected})`);
}

/** `ldn-sim sweep`. */
export async function cmdSweep(argv: string[]): Promise<void> {
  const { scenario, args } = parseScenario(argv, 'sweep', [...SWEEP_FLAGS, OUT_FLAG, SCENARIO_OUT_FLAG]);
  let axes: SweepAxis[];
  let span: SpanOptions;
  if (scenario.file) {
    if (scenario.file.kind !== 'sweep') wrongKind(scenario.file.kind, 'sweep');
    noRunFlags(args, ['vary', 'metric', 'window', 'last-day']);
    const s = scenario.file.sweep as Record<string, unknown>;
    axes = s.axes as SweepAxis[];
    span = spanFromFile(s, 'sweep');
  } else {
    const vary = args.lists.get('vary') ?? [];
    if (vary.length < 1 || vary.length > 2) throw new UsageError(`--vary: expected one or two swept variables (e.g. --vary dose=0.5..4.5/9 --vary at=20:00,22:00), got ${vary.length}`);
    axes = vary.map(parseAxis);
    span = spanOptions(args, scenario);
  }
  const req = { base: scenario.request, axes, ...span };
  const result = runSweep(scenario.model, req);
  if (result.diagnostics.length) throw new RunFailure(`the sweep failed at ${result.diagnostics.length} grid point(s): ${result.diagnostics[0]}`);
  const file = makeScenario('sweep', scenario.model, scenario.request, pkg.version, { sweep: { axes, ...spanToFile(span) } });
  await emitWithScenario(sweepToCsv(result), args, file);
}

/** `ldn-sim sensitivity`. */
export async function cmdSensitivity(argv: string[]): Promise<void> {
  const { scenario, args } = parseScenario(argv, 'sensitivity', [...SENSITIVITY_FLAGS, OUT_FLAG, SCENARIO_OUT_FLAG]);
  let span: SpanOptions;
  let relativeStep: number;
  if (scenario.file) {
    if (scenario.file.kind !== 'sensitivity') wrongKind(scenario.file.kind, 'sensitivity');
    noRunFlags(args, ['metric', 'window', 'last-day', 'relative-step']);
    const s = scenario.file.sensitivity as Record<string, unknown>;
    span = spanFromFile(s, 'sensitivity');
    relativeStep = s.relative_step as number;
  } else {
    span = spanOptions(args, scenario);
    const h = args.flags.get('relative-step') as string | undefined;
    relativeStep = h !== undefined ? numberFlag(h, 'relative-step', 'a relative step in (0, 0.1]', (x) => x > 0 && x <= 0.1) : DEFAULT_RELATIVE_STEP;
  }
  const result = sensitivity(scenario.model, { base: scenario.request, ...span, relativeStep });
  if (result.diagnostics.length) throw new RunFailure(`a perturbed run failed: ${result.diagnostics[0]}`);
  const file = makeScenario('sensitivity', scenario.model, scenario.request, pkg.version, { sensitivity: { ...spanToFile(span), relative_step: relativeStep } });
  await emitWithScenario(sensitivityToCsv(result), args, file);
}
