import type { DoseEvent } from './dosing';
import type { PreparedModel } from './model/load';

/**
 * Checks a record table against a model, naming the record and field: `cmt` must be one of the model's dosed
 * states, and `rate` −1 / −2 need the targeted states to define a rate / duration (NONMEM's Rn / Dn).
 * @throws RangeError, e.g. `events[2].cmt: model "two-compartment" doses the states depot_mg, central_mg; got "gut"`.
 */
export function checkRecordsForModel(model: PreparedModel, events: readonly DoseEvent[]): void {
  const { spec } = model;
  const dosed = spec.dosedStates ?? [];
  events.forEach((e, i) => {
    const where = `events[${i}]`;
    if (e.cmt !== undefined && e.cmt !== '' && !dosed.some((d) => d.state === e.cmt)) {
      throw new RangeError(`${where}.cmt: model "${spec.id}" ${dosed.length ? `doses the states ${dosed.map((d) => d.state).join(', ')}` : 'declares no dosed states (dosedStates), so records cannot name cmt'}; got ${JSON.stringify(e.cmt)}`);
    }
    const rate = e.rateMgPerH ?? 0;
    if (rate !== -1 && rate !== -2) return;
    const key = rate === -1 ? 'rate_per_h' : 'dur_h';
    const states = e.cmt ? [e.cmt] : spec.doses.filter((d) => d.drug === e.drug).map((d) => d.state);
    for (const st of states) {
      const d = dosed.find((x) => x.state === st);
      if (!d || d[key] === undefined) {
        throw new RangeError(`${where}.rate: rate ${rate} takes the ${rate === -1 ? 'rate' : 'duration'} from the model, but model "${spec.id}" defines no dosedStates ${key} for state ${st}`);
      }
    }
  });
}
