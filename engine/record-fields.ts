/**
 * Whether a record table needs the records feature (engine/records.ts): a check small enough for the default
 * path, which decides from it whether to load and use the rest.
 */
import type { DoseEvent } from './dosing';

/** Whether a table uses anything beyond bolus doses by drug route (`cmt`, `rate`, `dur_h`, `ss`, `evid`). */
export function usesRecordFields(events: readonly DoseEvent[]): boolean {
  return events.some((e) => (e.cmt !== undefined && e.cmt !== '') || (e.rateMgPerH ?? 0) !== 0 || e.durH !== undefined ||
    (e.ss ?? 0) !== 0 || (e.evid ?? 1) !== 1);
}
