/**
 * A NONMEM data set (engine/nonmem.ts `parseNonmemCsv`) as a fitting problem's groups and observations: every ID
 * is one group with its own dosing records, and its DV rows (EVID 0 and MDV 0; dose, other-event and reset rows
 * and MDV 1 rows are not observations, as in NONMEM) are observations of one model output (docs/fitting.md).
 */
import type { PreparedModel } from '../model/load';
import type { NonmemSubject } from '../nonmem';
import { splitOccasions } from '../nonmem-run';
import type { SimulationRequest } from '../simulate';
import type { Observation } from './observations';
import type { FitGroup } from './problem';

/** Groups and observations for `prepareFitProblem`. */
export interface NonmemFitData {
  readonly groups: FitGroup[];
  readonly observations: Observation[];
}

/**
 * One group per ID (named by the ID) with the ID's dosing records on top of `base` (its parameters, presets and
 * clock), and one observation per DV row of the model output `output`. A covariate mapped to a parameter
 * (`covariates`: data column → parameter) sets that parameter for the ID; it must hold one value within the ID
 * (`simulate --nonmem` runs time-varying covariates, a fit does not yet).
 * @throws RangeError naming `output` (with the valid outputs), or the file line and column of the first row that
 *   cannot be fitted; also when the data set has no DV row at all.
 */
export function nonmemFitData(model: PreparedModel, subjects: readonly NonmemSubject[], output: string, base: SimulationRequest,
  source: string, covariates: Readonly<Record<string, string>> = {}): NonmemFitData {
  const outputs = model.spec.outputs.map((o) => o.name);
  if (!outputs.includes(output)) throw new RangeError(`dv-output ${output}: model "${model.spec.id}" has no such output; outputs: ${outputs.join(', ')}`);
  const columnOf = new Map(Object.entries(covariates).map(([col, param]) => [param, col]));
  const groups: FitGroup[] = [];
  const observations: Observation[] = [];
  let observedCmt: { cmt: string; line: number } | undefined;
  for (const s of subjects) {
    const params: Record<string, number> = {};
    const firstLine: Record<string, number> = {};
    for (const r of s.records) {
      for (const [param, v] of Object.entries(r.params)) {
        if (!(param in params)) { params[param] = v; firstLine[param] = r.line; continue; }
        if (params[param] !== v) {
          throw new RangeError(`${source} line ${r.line}, column ${columnOf.get(param) ?? param}: ${param} changes within ID ${s.id} (${params[param]} at line ${firstLine[param]}, ${v} here); ` +
            'a fit takes one value per ID (time-varying covariates run in simulate --nonmem, not yet in fit)');
        }
      }
    }
    // TIME restarts after a reset record (an occasion, #16): each occasion is its own group, as simulate
    // --nonmem runs it, so no event table ever goes back in time.
    const occasions = splitOccasions(s);
    const occasionName = (k: number) => (occasions.length === 1 ? s.id : `${s.id} occasion ${k + 1}`);
    occasions.forEach((occ, k) => {
      groups.push({ name: occasionName(k), request: { ...base, events: [...occ.events], params: { ...base.params, ...params } } });
    });
    for (const o of s.observations) {
      const k = o.occasion ?? 0;
      const occ = occasions[k]!;
      let group = occasionName(k);
      // NONMEM predicts a DV row after the records above it only: a dose or reset listed after it at the same
      // time (a pre-dose sample, a baseline at TIME 0 before an IV bolus) has not happened yet. A grid row shows
      // every record at its time, so such a row gets a run of its own with only the records above it.
      if (occ.records.some((r) => r.line > o.line && r.timeH === o.timeH && r.event !== undefined && r.evid !== 2)) {
        group = `${occasionName(k)} before line ${o.line}`;
        const above = occ.records.filter((r) => r.line < o.line && r.event !== undefined).map((r) => occ.events[r.event!]!);
        groups.push({ name: group, request: { ...base, events: above, params: { ...base.params, ...params } } });
      }
      if (o.cmt !== undefined) {
        if (observedCmt && observedCmt.cmt !== o.cmt) {
          throw new RangeError(`${source} line ${o.line}, column CMT: the DV rows observe more than one compartment (${observedCmt.cmt} at line ${observedCmt.line}, ${o.cmt} here); ` +
            `fit reads every DV as the one output --dv-output ${output}`);
        }
        observedCmt ??= { cmt: o.cmt, line: o.line };
      }
      observations.push({ line: o.line, timeH: o.timeH, output, column: output, fromH: 0, value: o.dv, group, subject: s.id });
    }
  }
  if (observations.length === 0) throw new RangeError(`${source}: no DV rows to fit (rows with EVID 0 and MDV 0)`);
  return { groups, observations };
}
