/**
 * `ldn-sim fit`: estimates model parameters from observations (docs/fitting.md). Weighted least squares on
 * log-scale parameters within their bounds, seeded multi-start Levenberg–Marquardt on worker threads; writes
 * the result as JSON and, beside `--out`, one scenario per group that reruns the fitted curves.
 */
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import pkg from '../../package.json';
import { daily, parseClock } from '../../engine/dosing';
import {
  evaluateAt, parseObservationsCsv, prepareFitProblem, profileParameter, startPoints, summarizeFit,
  type FitGroup, type FitProblem, type FitProfile, type FitResult, type Observation, type ObservationSet, type SigmaMode,
} from '../../engine/fit';
import type { PreparedModel } from '../../engine/model/load';
import { loadScenario, makeScenario, scenarioToJson } from '../../engine/scenario';
import { BUILTIN_MODELS } from '../../models/registry';
import type { SimulationRequest } from '../../engine/simulate';
import { numberFlag, UsageError, type FlagSpec } from '../args';
import { writeFileAtomic, writeStdout } from '../io';
import { parseScenario, readJson, readText } from '../scenario';
import { FIT_NONMEM_FLAGS, readNonmemFit } from './fit-nonmem';
import { runStarts } from './fit-pool';
import { RunFailure } from './run-failure';

/** Flags of `ldn-sim fit` (beside the simulation flags, which give the scenario of rows without their own). A contract. */
export const FIT_FLAGS: readonly FlagSpec[] = [
  { name: 'observations', value: 'OBS.csv', help: 'observations: time_h,output,value[,sd|cv,lloq,group,subject,…] (docs/fitting.md)' },
  { name: 'estimate', value: 'NAME[,NAME…]', help: 'parameters to estimate, within their physical bounds (log scale when every admissible value is > 0); random starts are drawn from the typical range, and an estimate outside it is noted' },
  { name: 'error', value: 'additive|proportional', help: 'residual error model: additive (default) or proportional (log residuals)' },
  { name: 'profile', value: 'NAME', help: 'also profile the objective over this estimated parameter (likelihood-based 95% interval)' },
  { name: 'evaluate', help: 'no fitting: the predictions and residuals of the observations at the start values (--param or the model\'s), e.g. to check must-hold figures at fitted values' },
  { name: 'starts', value: 'N', help: 'number of starts: the model\'s values, then seeded random points within the typical ranges (default 4)' },
  { name: 'seed', value: 'S', help: 'seed of the random starts (default 1)' },
  { name: 'sigma', value: 'estimated|known', help: 'estimated (default): sd/cv are relative weights, variance from the residuals; known: they are the measurement errors' },
  { name: 'threads', value: 'N', help: 'worker threads for the starts (default: CPU cores, at most the number of starts; 1 = no workers)' },
  { name: 'out', value: 'FIT.json', help: 'write the result to FIT.json (atomically), with FIT.scenario.json (FIT.GROUP.scenario.json per group) beside it' },
  ...FIT_NONMEM_FLAGS,
];

/**
 * Each group's scenario: its scenario file (relative to the observations file), or the dose/at/days columns on
 * top of the command line's scenario, or the command line's scenario itself.
 */
export function groupRequests(model: PreparedModel, set: ObservationSet, base: SimulationRequest, obsPath: string): FitGroup[] {
  const drug = model.spec.defaults?.drug ?? model.spec.doses[0]!.drug;
  return set.groups.map((g) => {
    const where = `--observations ${obsPath} line ${g.line}`;
    if (g.scenario !== undefined) {
      const path = resolve(dirname(obsPath), g.scenario);
      let json: unknown;
      try {
        // The same file-size and nesting limits as every scenario file (cli/scenario.ts).
        json = readJson(path, 'observations');
      } catch (err) {
        const why = (err as Error).message;
        if (/ is not valid JSON: /.test(why)) throw new UsageError(`${where}, column scenario: ${g.scenario} is not valid JSON: ${why.replace(/^.* is not valid JSON: /, '')}`);
        if (/^--observations: cannot read /.test(why)) throw new UsageError(`${where}, column scenario: cannot read ${g.scenario}`);
        throw new UsageError(`${where}, column scenario: ${why}`);
      }
      try {
        const loaded = loadScenario(json, BUILTIN_MODELS, g.scenario);
        if (loaded.model.spec.id !== model.spec.id) {
          throw new RangeError(`${g.scenario}: model.id: the scenario runs model "${loaded.model.spec.id}", the fit model "${model.spec.id}"`);
        }
        return { name: g.name, request: loaded.request };
      } catch (err) {
        if (err instanceof RangeError) throw new UsageError(`${where}, column scenario: ${err.message}`);
        throw err;
      }
    }
    if (g.doseMg !== undefined) {
      return {
        name: g.name,
        request: {
          ...base, events: daily({ drug, amtMg: g.doseMg, days: g.days ?? 1 }),
          startClockH: g.at !== undefined ? parseClock(g.at, 'at') : base.startClockH ?? 0,
        },
      };
    }
    return { name: g.name, request: base };
  });
}

function num(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/** The result as the JSON document of `ldn-sim fit` (snake_case, units in names, like the CSV columns). */
export function fitToJson(result: FitResult, extra: { observations: string; seed: number; groups: { name: string; scenario_file?: string }[]; profile?: FitProfile; dvOutput?: string }): unknown {
  return {
    ldn_sim_version: pkg.version,
    model: result.modelId,
    model_version: result.modelVersion,
    observations: extra.observations,
    ...(extra.dvOutput !== undefined ? { nonmem: true, dv_output: extra.dvOutput } : {}),
    error: result.error,
    sigma: result.sigma,
    n_observations: result.n,
    n_parameters: result.p,
    df: result.df,
    objective: result.objective,
    residual_se: num(result.residualSe),
    ci_quantile: num(result.quantile),
    estimates: result.estimates.map((e) => ({
      name: e.name, unit: e.unit, scale: e.scale, start: e.start, estimate: e.estimate, se: num(e.se),
      [e.scale === 'log' ? 'se_log' : 'se_linear']: num(e.seTransformed),
      ci95_lower: num(e.ci95?.[0]), ci95_upper: num(e.ci95?.[1]), lower: num(e.lower), upper: num(e.upper), bounds: e.bounds, at_bound: e.atBound,
      range: e.range ? [...e.range] : null, outside_range: e.outsideRange,
    })),
    correlation: { parameters: result.estimates.map((e) => e.name), matrix: result.correlation.map((row) => row.map((v) => num(v))) },
    condition_number: num(result.conditionNumber),
    convergence: {
      iterations: result.convergence.iterations,
      gradient_norm: num(result.convergence.gradientNorm),
      reason: result.convergence.reason,
      converged: result.convergence.converged,
      model_evaluations: result.convergence.evaluations,
      seed: extra.seed,
      best_start: result.convergence.bestStart,
      starts: result.convergence.starts.map((s) => ({ start: s.start, objective: num(s.objective), iterations: s.iterations, reason: s.reason })),
    },
    warnings: result.warnings,
    notes: result.notes,
    groups: extra.groups,
    residuals: result.residuals.map((r) => ({
      line: r.line, group: r.group, ...(r.subject !== undefined ? { subject: r.subject } : {}), time_h: r.timeH, output: r.output,
      observed: r.observed, predicted: num(r.predicted), residual: num(r.residual), censored: r.censored, ...(r.source !== undefined ? { source: r.source } : {}),
    })),
    ...(extra.profile ? {
      profile: {
        parameter: extra.profile.name, unit: extra.profile.unit, objective: extra.profile.objective, threshold: num(extra.profile.threshold),
        ci95_lower: extra.profile.interval[0], ci95_upper: extra.profile.interval[1],
        points: extra.profile.points.map((p) => ({ value: p.value, objective: num(p.objective) })),
      },
    } : {}),
  };
}

/** `FIT.json` → `FIT.scenario.json` (one group) or `FIT.GROUP.scenario.json`. */
export function fitScenarioPath(out: string, group: string, groups: number): string {
  const stem = out.replace(/\.json$/i, '');
  return groups === 1 ? `${stem}.scenario.json` : `${stem}.${group.replace(/[^A-Za-z0-9_.-]+/g, '_')}.scenario.json`;
}

/** A group's scenario with the fitted values, over whole days covering its observations. */
export function fittedScenarioRequest(group: FitGroup, values: Readonly<Record<string, number>>, lastObsH: number): SimulationRequest {
  const endH = Math.max(group.request.endH, 24 * Math.ceil(Math.max(lastObsH, 1e-9) / 24));
  return { ...group.request, params: { ...group.request.params, ...values }, endH };
}

/** `ldn-sim fit`. */
export async function cmdFit(argv: string[], workerUrl: URL): Promise<void> {
  const { scenario, args } = parseScenario(argv, 'fit', FIT_FLAGS);
  const f = (name: string) => args.flags.get(name) as string | undefined;
  const nonmem = f('nonmem');
  const obsPath = nonmem ?? f('observations');
  const dataFlag = nonmem !== undefined ? '--nonmem' : '--observations';
  if (obsPath === undefined) throw new UsageError('--observations: expected the observations CSV (time_h,output,value,…), e.g. --observations obs.csv (or a NONMEM data set: --nonmem DATA.csv --dv-output OUTPUT)');
  if (nonmem === undefined) {
    for (const flag of ['dv-output', 'covariate']) {
      if (args.flags.has(flag) || args.lists.has(flag)) throw new UsageError(`--${flag}: only with --nonmem DATA.csv`);
    }
  }
  const estimateText = f('estimate');
  if (estimateText === undefined) throw new UsageError('--estimate: expected the parameters to estimate, e.g. --estimate cl_f_naltrexone_l_per_h,v_f_naltrexone_l');
  const estimate = estimateText.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const error = f('error') ?? 'additive';
  if (error !== 'additive' && error !== 'proportional') throw new UsageError(`--error: expected additive or proportional, got ${JSON.stringify(error)}`);
  const sigma = (f('sigma') ?? 'estimated') as SigmaMode;
  if (sigma !== 'estimated' && sigma !== 'known') throw new UsageError(`--sigma: expected estimated or known, got ${JSON.stringify(sigma)}`);
  const starts = f('starts') !== undefined ? numberFlag(f('starts')!, 'starts', 'a whole number of starts in [1, 1000]', (x) => Number.isInteger(x) && x >= 1 && x <= 1000) : 4;
  const seed = f('seed') !== undefined ? numberFlag(f('seed')!, 'seed', 'a whole number in [0, 4294967295]', (x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff) : 1;
  const threads = f('threads') !== undefined ? numberFlag(f('threads')!, 'threads', 'a whole number of threads >= 1', (x) => Number.isInteger(x) && x >= 1 && x <= 256)
    : Math.max(1, Math.min(starts, availableParallelism()));
  const out = f('out');
  if (out !== undefined && !/\.json$/i.test(out)) throw new UsageError(`--out: expected a file name ending in .json, got ${JSON.stringify(out)}`);

  const { model } = scenario;
  let set: { observations: readonly Observation[] };
  let groups: FitGroup[];
  if (nonmem !== undefined) {
    const data = readNonmemFit(args, model, scenario.request);
    set = data;
    groups = data.groups;
  } else {
    let obs: ObservationSet;
    try {
      obs = parseObservationsCsv(readText(obsPath, 'observations'), obsPath);
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(`--observations ${err.message}`);
      throw err;
    }
    set = obs;
    groups = groupRequests(model, obs, scenario.request, obsPath);
  }
  let problem: FitProblem;
  try {
    problem = prepareFitProblem(model, { groups, observations: set.observations, estimate, error }, `${dataFlag} ${obsPath}`);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message.replace(/^estimate /, '--estimate '));
    throw err;
  }
  const evaluateOnly = args.flags.get('evaluate') === true;
  const profileName = f('profile');
  if (evaluateOnly && profileName !== undefined) throw new UsageError('--profile: not with --evaluate (nothing is fitted)');
  if (profileName !== undefined && !estimate.includes(profileName)) {
    throw new UsageError(`--profile ${profileName}: expected one of the estimated parameters (${estimate.join(', ')})`);
  }
  const points = startPoints(problem, evaluateOnly ? 1 : starts, seed);
  const results = evaluateOnly ? [evaluateAt(problem, points[0]!)] : await runStarts(model, problem, `${dataFlag} ${obsPath}`, points, {}, threads, workerUrl);
  let result: FitResult;
  try {
    result = summarizeFit(problem, results, { sigma });
  } catch (err) {
    throw new RunFailure((err as Error).message);
  }
  const profile = profileName !== undefined ? profileParameter(problem, result, profileName) : undefined;

  const lastObs = new Map<string, number>();
  for (const o of set.observations) lastObs.set(o.group, Math.max(lastObs.get(o.group) ?? 0, o.timeH));
  const scenarioFiles = groups.map((g) => (out !== undefined ? fitScenarioPath(out, g.name, groups.length) : undefined));
  const doc = fitToJson(result, {
    observations: basename(obsPath), seed, ...(nonmem !== undefined ? { dvOutput: f('dv-output')! } : {}),
    groups: groups.map((g, i) => ({ name: g.name, ...(scenarioFiles[i] ? { scenario_file: basename(scenarioFiles[i]!) } : {}) })),
    ...(profile ? { profile } : {}),
  });
  for (const w of result.warnings) process.stderr.write(`ldn-sim: warning: ${w}\n`);
  for (const n of result.notes) process.stderr.write(`ldn-sim: note: --estimate ${n}\n`);
  if (profile) {
    const [lo, hi] = profile.interval;
    process.stderr.write(`ldn-sim: profile of ${profile.name}: 95% likelihood interval [${lo ?? 'below the profiled range'}, ${hi ?? 'above the profiled range'}] ${profile.unit}\n`);
  }
  const json = JSON.stringify(doc, null, 2) + '\n';
  if (out === undefined) {
    await writeStdout(json);
    return;
  }
  // Scenarios first; if the result cannot be written, the scenarios this run created are removed again.
  const created: string[] = [];
  try {
    groups.forEach((g, i) => {
      const path = scenarioFiles[i]!;
      const req = fittedScenarioRequest(g, result.values, lastObs.get(g.name) ?? 24);
      if (!existsSync(path)) created.push(path);
      writeFileAtomic(path, scenarioToJson(makeScenario('simulate', model, req, pkg.version)), 'out');
    });
    writeFileAtomic(out, json, 'out');
  } catch (err) {
    for (const p of created) rmSync(p, { force: true });
    throw err;
  }
}
