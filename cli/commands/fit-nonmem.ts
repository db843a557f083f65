/**
 * `ldn-sim fit --nonmem DATA.csv --dv-output OUTPUT`: a NONMEM data set as the fit's groups (one per ID, its own
 * dosing records) and observations (its DV rows, of the model output OUTPUT). docs/fitting.md.
 */
import { nonmemFitData, type NonmemFitData } from '../../engine/fit/nonmem-groups';
import type { PreparedModel } from '../../engine/model/load';
import { parseNonmemCsv } from '../../engine/nonmem';
import type { SimulationRequest } from '../../engine/simulate';
import { UsageError, type FlagSpec, type ParsedArgs } from '../args';
import { readText } from '../scenario';
import { covariateFlags } from './nonmem';

/** The NONMEM flags of `ldn-sim fit` (a contract: keep the names). */
export const FIT_NONMEM_FLAGS: readonly FlagSpec[] = [
  { name: 'nonmem', value: 'DATA.csv', help: 'fit a NONMEM data set instead of --observations: every ID is one group with its own records; DV rows (EVID 0, MDV 0) are the observations' },
  { name: 'dv-output', value: 'OUTPUT', help: 'with --nonmem: the model output DV measures, e.g. conc_mg_per_l (in that output\'s unit)' },
  { name: 'covariate', value: 'COL=PARAM', help: 'with --nonmem: data column COL sets parameter PARAM for each ID (one value per ID) (repeatable)', repeatable: true },
];

/** Flags the data set replaces (it holds the dosing records). */
const REPLACED = ['dose', 'days', 'drug', 'events', 'steady-state', 'observations'];

/**
 * Reads `--nonmem` (through the shared file-size limit) into groups and observations on top of `base` (the command
 * line's parameters, presets and clock).
 * @throws UsageError naming the flag, or the data set's line and column.
 */
export function readNonmemFit(args: ParsedArgs, model: PreparedModel, base: SimulationRequest): NonmemFitData {
  const f = (name: string) => args.flags.get(name) as string | undefined;
  const file = f('nonmem')!;
  for (const flag of REPLACED) {
    if (args.flags.has(flag)) throw new UsageError(`--nonmem replaces --${REPLACED.join(', --')}: the data set holds the records and the DV observations; give --nonmem or --${flag}, not both`);
  }
  const output = f('dv-output');
  if (output === undefined) {
    throw new UsageError(`--dv-output: expected the model output that DV measures with --nonmem; outputs: ${model.spec.outputs.map((o) => o.name).join(', ')}`);
  }
  const covariates = covariateFlags(args.lists.get('covariate'));
  const text = readText(file, 'nonmem');
  try {
    const subjects = parseNonmemCsv(text, file, model, covariates);
    return nonmemFitData(model, subjects, output, base, file, covariates);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(/^--|^dv-output /.test(err.message) ? err.message.replace(/^dv-output /, '--dv-output ') : `--nonmem ${err.message}`);
    throw err;
  }
}
