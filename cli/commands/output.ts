import { existsSync, rmSync } from 'node:fs';
import { scenarioToJson, type ScenarioFile } from '../../engine/scenario';
import type { FlagSpec, ParsedArgs } from '../args';
import { UsageError } from '../args';
import { writeFileAtomic, writeStdout } from '../io';

/** `--out FILE`: where the CSV goes. */
export const OUT_FLAG: FlagSpec = { name: 'out', value: 'FILE', help: 'write to FILE (atomically) instead of stdout, with FILE.scenario.json beside it' };
/** `--scenario-out FILE`: where the scenario JSON goes (default: beside `--out`; none for stdout runs). */
export const SCENARIO_OUT_FLAG: FlagSpec = {
  name: 'scenario-out', value: 'FILE.json',
  help: 'write the scenario JSON (rerun with `ldn-sim simulate --scenario FILE.json`) to FILE.json',
};

/** `results/run.csv` → `results/run.scenario.json`; a name without `.csv` gets `.scenario.json` appended. */
export function scenarioPathFor(csvPath: string): string {
  return /\.csv$/i.test(csvPath) ? csvPath.replace(/\.csv$/i, '.scenario.json') : `${csvPath}.scenario.json`;
}

/**
 * Writes a CSV to `--out` (atomically) or stdout, and its scenario JSON to `--scenario-out`, or beside `--out`
 * as `X.scenario.json`. The scenario is written first; if the CSV then cannot be written, a scenario file this
 * call created is removed again, so a failed run leaves neither file behind.
 */
export async function emitWithScenario(csv: string, args: ParsedArgs, scenario: ScenarioFile): Promise<void> {
  const out = args.flags.get('out') as string | undefined;
  const explicit = args.flags.get('scenario-out') as string | undefined;
  const scenarioPath = explicit ?? (out !== undefined ? scenarioPathFor(out) : undefined);
  if (out !== undefined && scenarioPath !== undefined && scenarioPath === out) {
    throw new UsageError('--scenario-out: expected a different file from --out');
  }
  let created = false;
  if (scenarioPath !== undefined) {
    created = !existsSync(scenarioPath);
    writeFileAtomic(scenarioPath, scenarioToJson(scenario), explicit !== undefined ? 'scenario-out' : 'out');
  }
  try {
    if (out !== undefined) writeFileAtomic(out, csv);
    else await writeStdout(csv);
  } catch (err) {
    if (created && scenarioPath !== undefined) rmSync(scenarioPath, { force: true });
    throw err;
  }
}
