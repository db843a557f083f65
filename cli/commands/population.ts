import { describeBounds } from '../../engine/model/bounds';
import pkg from '../../package.json';
import type { VariabilitySpec } from '../../engine/model/types';
import {
  POPULATION_SOLVER, populationDefaults, populationToCsv, resolveVariability, validatePopulation,
  type PopulationRequest,
} from '../../engine/population';
import { checkPopulation } from '../../engine/input-limits';
import { makeScenario } from '../../engine/scenario';
import { numberFlag, UsageError, type FlagSpec, type ParsedArgs } from '../args';
import { parseScenario } from '../scenario';
import { emitWithScenario, OUT_FLAG, SCENARIO_OUT_FLAG } from './output';
import { defaultThreads, runPopulation } from './pool';
import { RunFailure } from './run-failure';

/** Flags of `ldn-sim population` (beside the simulation flags). */
export const POPULATION_FLAGS: readonly FlagSpec[] = [
  { name: 'n', value: 'N', help: 'number of virtual subjects (default 1000)' },
  { name: 'seed', value: 'S', help: 'random seed, a whole number in [0, 4294967295] (default 1); same seed, same subjects' },
  { name: 'cv', value: 'NAME=PERCENT', help: "between-subject CV of a parameter, replacing the model's (0 = none; repeatable)", repeatable: true },
  { name: 'threads', value: 'N', help: 'worker threads (default: the number of CPU cores; 1 = no workers)' },
  { name: 'method', value: 'NAME', help: `integrator: dopri5 (default), dop853 or odex` },
  { name: 'rtol', value: 'X', help: `relative tolerance (default ${POPULATION_SOLVER.rtol})` },
  { name: 'atol', value: 'X', help: `absolute tolerance for states that declare none (default ${POPULATION_SOLVER.atol})` },
];

/** Default output step of population runs, minutes (coarser than `simulate`'s 5: N curves are kept in memory). */
export const POPULATION_STEP_MIN = 30;

function variabilityFromFlags(args: ParsedArgs, base: readonly VariabilitySpec[], paramNames: readonly string[]): VariabilitySpec[] {
  const list = [...base];
  const seen = new Set<string>();
  for (const item of args.lists.get('cv') ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(item);
    if (!m) throw new UsageError(`--cv: expected NAME=PERCENT (e.g. cl_l_per_h=40), got ${JSON.stringify(item)}`);
    const name = m[1]!;
    if (!paramNames.includes(name)) throw new UsageError(`--cv ${name}: the model has no such parameter; valid: ${paramNames.join(', ')}`);
    if (seen.has(name)) throw new UsageError(`--cv ${name} is given twice; give it once`);
    seen.add(name);
    const cv = numberFlag(m[2]!, `cv ${name}`, 'a coefficient of variation in percent >= 0', (x) => x >= 0);
    const i = list.findIndex((v) => v.parameter === name);
    if (i >= 0) list.splice(i, 1);
    if (cv > 0) list.push({ parameter: name, cvPercent: cv, source: 'Set on the command line (--cv).', assumption: true });
  }
  return list;
}

/** `ldn-sim population`: N subjects → the 5th, 50th and 95th percentile of every output, as CSV. */
export async function cmdPopulation(argv: string[], workerUrl: URL): Promise<void> {
  const { scenario, args } = parseScenario(argv, 'population', [...POPULATION_FLAGS, OUT_FLAG, SCENARIO_OUT_FLAG]);
  const f = (name: string) => args.flags.get(name) as string | undefined;
  const { model } = scenario;
  let req: PopulationRequest;
  if (scenario.file) {
    for (const name of ['n', 'seed', 'method', 'rtol', 'atol']) {
      if (f(name) !== undefined) throw new UsageError(`--scenario replaces the run options; give --scenario or --${name}, not both`);
    }
    if (args.lists.has('cv')) throw new UsageError('--scenario replaces the run options; give --scenario or --cv, not both');
    if (scenario.file.kind !== 'population') throw new UsageError(`--scenario: this file describes a ${scenario.file.kind} run; rerun it with \`ldn-sim ${scenario.file.kind} --scenario FILE\``);
    const p = scenario.file.population!;
    req = { ...scenario.request, n: p.n, seed: p.seed, variability: p.variability };
  } else {
    const n = f('n') !== undefined ? numberFlag(f('n')!, 'n', 'a whole number of subjects >= 1', (x) => Number.isInteger(x) && x >= 1) : 1000;
    const seed = f('seed') !== undefined ? numberFlag(f('seed')!, 'seed', 'a whole number in [0, 4294967295]', (x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff) : 1;
    const method = f('method') ?? POPULATION_SOLVER.method;
    if (!['dopri5', 'dop853', 'odex'].includes(method)) throw new UsageError(`--method: expected dopri5, dop853 or odex, got ${JSON.stringify(method)}`);
    const rtol = f('rtol') !== undefined ? numberFlag(f('rtol')!, 'rtol', 'a relative tolerance in (0, 1)', (x) => x > 0 && x < 1) : POPULATION_SOLVER.rtol;
    const atol = f('atol') !== undefined ? numberFlag(f('atol')!, 'atol', 'an absolute tolerance > 0', (x) => x > 0) : POPULATION_SOLVER.atol;
    const variability = variabilityFromFlags(args, model.spec.variability ?? [], model.spec.parameters.map((p) => p.name));
    const stepH = args.flags.has('step-min') ? scenario.request.stepH : POPULATION_STEP_MIN / 60;
    req = populationDefaults({ ...scenario.request, stepH, n, seed, variability, solver: { method, rtol, atol } });
  }
  const threads = f('threads') !== undefined ? numberFlag(f('threads')!, 'threads', 'a whole number of threads >= 1', (x) => Number.isInteger(x) && x >= 1 && x <= 256) : defaultThreads();
  validatePopulation(req);
  checkPopulation(req.n, req.endH, req.stepH, model.spec.outputs.length, '--n');
  const variability = resolveVariability(model, req); // checks before any worker starts
  const result = await runPopulation(model, req, threads, workerUrl);
  if (!result.meta.ok) throw new RunFailure(`the population run failed: ${result.meta.diagnostics.join('; ')}`);
  const redrawn = Object.entries(result.meta.redraws).filter(([, c]) => c > 0);
  if (redrawn.length) {
    process.stderr.write(`ldn-sim: note: draws outside a parameter's physical bounds were redrawn (truncated log-normal): ${redrawn.map(([k, c]) => {
      const p = model.spec.parameters.find((x) => x.name === k)!;
      return `${k} ${c}× (bounds ${describeBounds(p)} ${p.unit})`;
    }).join(', ')}\n`);
  }
  const file = makeScenario('population', model, req, pkg.version, {
    population: { n: req.n, seed: req.seed, variability: variability.map(({ omega: _o, ...v }) => v) },
  });
  await emitWithScenario(populationToCsv(result), args, file);
}
