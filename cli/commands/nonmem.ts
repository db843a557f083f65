import { clockAt, csvField, formatNumber } from '../../engine/csv';
import { parseClock } from '../../engine/dosing';
import { parseNonmemCsv } from '../../engine/nonmem';
import { simulateNonmem, type CovariateConvention } from '../../engine/nonmem-run';
import { numberFlag, parseArgs, UsageError, type FlagSpec } from '../args';
import { writeFileAtomic, writeStdout } from '../io';
import { loadModelFromArgv, presetFlags, readText } from '../scenario';
import { RunFailure } from './run-failure';

/** `simulate --nonmem DATA.csv` and its flags (a contract: keep the names). */
export const NONMEM_FLAGS: readonly FlagSpec[] = [
  { name: 'nonmem', value: 'DATA.csv', help: 'a NONMEM data set (ID, TIME, AMT, CMT, EVID, II, ADDL, SS, RATE, MDV, DV): simulate every ID, one row per record (or per --step-min)' },
  { name: 'covariate', value: 'COL=PARAM', help: 'with --nonmem: data column COL sets parameter PARAM, record by record (repeatable)', repeatable: true },
  { name: 'covariate-mode', value: 'nocb|locf', help: "with --nonmem: how a changing covariate applies over time: nocb (NONMEM's, default) or locf (from the record on)" },
];

const OTHER_FLAGS: readonly FlagSpec[] = [
  { name: 'model', value: 'ID', help: '' }, { name: 'model-file', value: 'FILE.json', help: '' },
  { name: 'param', value: 'NAME=VALUE', help: '', repeatable: true }, { name: 'step-min', value: 'M', help: '' },
  { name: 'at', value: 'HH:MM', help: '' }, { name: 'out', value: 'FILE', help: '' },
];

/**
 * `ldn-sim simulate --nonmem DATA.csv`: every individual of a NONMEM data set, written as one CSV with an `id`
 * column first (then `time_h`, `clock_h` and the model's outputs), a row at every record of the data set in
 * file order, or on the `--step-min` grid of each individual.
 */
export async function cmdNonmem(argv: readonly string[]): Promise<void> {
  const model = loadModelFromArgv(argv);
  const known = [...NONMEM_FLAGS, ...OTHER_FLAGS, ...presetFlags(model)];
  let args;
  try {
    args = parseArgs(argv, known, 'simulate --nonmem');
  } catch (err) {
    if (err instanceof UsageError && /unknown option --(dose|days|drug|events|hours|steady-state|scenario)\b/.test(err.message)) {
      const flag = /--([a-z-]+)/.exec(err.message.replace('simulate --nonmem', ''))![1];
      throw new UsageError(`--nonmem replaces --dose, --days, --drug, --events, --hours, --steady-state and --scenario: the data set holds the records; give --nonmem or --${flag}, not both`);
    }
    throw err;
  }
  if (args.positional.length) throw new UsageError(`simulate: unexpected argument ${JSON.stringify(args.positional[0])}; options start with --`);
  const f = (name: string) => args.flags.get(name) as string | undefined;
  const file = f('nonmem')!;
  const { spec } = model;
  const covariates = covariateFlags(args.lists.get('covariate'));
  const mode = f('covariate-mode') ?? 'nocb';
  if (mode !== 'nocb' && mode !== 'locf') throw new UsageError(`--covariate-mode: expected nocb or locf, got ${JSON.stringify(mode)}`);
  if (f('covariate-mode') !== undefined && Object.keys(covariates).length === 0) throw new UsageError('--covariate-mode: needs at least one --covariate COL=PARAM');
  let startClockH: number;
  try {
    startClockH = parseClock(f('at') ?? spec.defaults?.clock ?? '22:00', '--at');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const stepH = f('step-min') !== undefined ? numberFlag(f('step-min')!, 'step-min', 'an output step in minutes > 0', (x) => x > 0) / 60 : undefined;
  const params: Record<string, number> = {};
  for (const item of args.lists.get('param') ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(item);
    if (!m) throw new UsageError(`--param: expected NAME=VALUE (e.g. ka_per_h=1.5), got ${JSON.stringify(item)}`);
    const p = spec.parameters.find((x) => x.name === m[1]);
    if (!p) throw new UsageError(`--param ${m[1]}: model "${spec.id}" has no such parameter; valid: ${spec.parameters.map((x) => x.name).join(', ')}`);
    params[m[1]!] = numberFlag(m[2]!, `param ${m[1]}`, `a number (${p.unit})`);
  }
  const presets: Record<string, string> = {};
  for (const g of spec.presets ?? []) if (f(g.name) !== undefined) presets[g.name] = f(g.name)!;
  // Refused before it is read when over the shared file-size limit, as every other input file.
  const text = readText(file, 'nonmem');
  let subjects;
  try {
    subjects = parseNonmemCsv(text, file, model, covariates);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message.startsWith('--') ? err.message : `--nonmem ${err.message}`);
    throw err;
  }
  const results = simulateNonmem(model, subjects, { params, presets, covariates: mode as CovariateConvention, ...(stepH !== undefined ? { stepH } : {}) });
  const failed = results.flatMap((r) => r.diagnostics);
  if (failed.length) throw new RunFailure(`the simulation failed: ${failed.join('; ')}`);
  const names = results[0]!.columns.map((c) => c.name);
  const lines = [['id', 'time_h', 'clock_h', ...names].map(csvField).join(',')];
  for (const r of results) {
    const cols = names.map((n) => r.columns.find((c) => c.name === n)?.values);
    for (let i = 0; i < r.timeH.length; i++) {
      lines.push([csvField(r.id), formatNumber(r.timeH[i]!), formatNumber(clockAt(startClockH, r.timeH[i]!)),
        ...cols.map((v) => (v ? formatNumber(v[i]!) : ''))].join(','));
    }
  }
  const csv = lines.join('\r\n') + '\r\n';
  const out = f('out');
  if (out !== undefined) writeFileAtomic(out, csv);
  else await writeStdout(csv);
}

/**
 * The `--covariate COL=PARAM` flags (repeatable) of `simulate --nonmem` and `fit --nonmem`: data-set column →
 * model parameter, each column once.
 * @throws UsageError naming the flag and what was expected.
 */
export function covariateFlags(items: readonly string[] | undefined): Record<string, string> {
  const covariates: Record<string, string> = {};
  for (const item of items ?? []) {
    const m = /^([^=\s]+)=([A-Za-z_][A-Za-z0-9_]*)$/.exec(item);
    if (!m) throw new UsageError(`--covariate: expected COL=PARAM (e.g. WT=v_l), got ${JSON.stringify(item)}`);
    if (m[1]! in covariates) throw new UsageError(`--covariate ${m[1]}: the column is mapped twice; map it once`);
    covariates[m[1]!] = m[2]!;
  }
  return covariates;
}
