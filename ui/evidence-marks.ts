/**
 * The published human figures to mark on the blockade chart for a scenario (issue #13's Evidence toggle): the
 * typed table of models/ldn-evidence.ts, filtered to the scenario's regimen and put in chart terms.
 */
import { evidenceFor } from '../models/ldn-evidence';
import type { Scenario } from './scenario';
import { formatDoseMg, formatTick } from './format';
import { EVIDENCE_STRINGS } from './evidence-strings';

/** One mark: a time window (hours after the first dose) and measured values or a `[low, high]` range (fractions). */
export interface EvidenceMark {
  readonly id: string;
  readonly fromH: number;
  readonly toH: number;
  readonly values: readonly number[];
  readonly range: boolean;
  /** Plain words with the citation: the tooltip, the list under the chart and the text summary. */
  readonly label: string;
}

const pct = (v: number) => formatTick(Math.round(v * 100), '%');

/** The marks for a scenario of the `ldn` model: none for a titration (no human figure matches it). */
export function evidenceMarks(s: Scenario): EvidenceMark[] {
  if (s.modelId !== 'ldn' || s.regimen !== 'daily') return [];
  const every = s.intervalH ?? 24;
  return evidenceFor(s.doseMg, every === 0 ? undefined : every)
    .flatMap((e) => {
      if (e.regimen.kind !== 'repeated') return [e];
      // "just before a dose once dosing has settled": before the 4th dose and every later one
      const every = e.regimen.intervalH;
      const out = [];
      for (let k = 3; every * k <= s.days * 24; k++) out.push({ ...e, id: `${e.id}-${k}`, timeH: [every * k, every * k] as const });
      return out;
    })
    .filter((e) => e.timeH[0] <= s.days * 24)
    .map((e) => {
      const what = EVIDENCE_STRINGS.evidenceOccupancy(e.range ? `${pct(e.occupancy[0]!)}–${pct(e.occupancy[1]!)}` : e.occupancy.map(pct).join(', '));
      const when = EVIDENCE_STRINGS.evidenceWithin(e.timeH[0], e.timeH[1]);
      return {
        id: e.id, fromH: e.timeH[0], toH: e.timeH[1], values: e.occupancy, range: e.range,
        label: EVIDENCE_STRINGS.evidenceItem(what, EVIDENCE_STRINGS.evidenceAfter(when, formatDoseMg(e.regimen.doseMg), e.regimen.kind === 'repeated' ? e.regimen.intervalH : null), e.citation, e.derived),
      };
    });
}
