import { registerTable } from './i18n/runtime';

/**
 * The words of a published human figure marked on the blockade chart (ui/evidence-marks.ts, loaded when the
 * "Evidence" box is ticked): a table of their own, so that the widget and the app's first screen do not download
 * them (issue #18). The chart's heading and summary of the marks stay in `STRINGS.blockade`.
 * English source; `registerTable` fills it in the page's language from the `evidence` entry of ui/i18n/es.ts and the
 * like (also when the table is first loaded on a page whose language is already set).
 */
export const EVIDENCE_STRINGS = {
  evidenceItem: (what: string, when: string, citation: string, derived: boolean) => `${what} ${when} (${citation}${derived ? ', derived' : ''})`,
  evidenceWithin: (from: number, to: number) => (from === to ? `at ${from} h` : `within ${to} h of the dose`),
  evidenceOccupancy: (values: string) => `${values} mu occupancy`,
  evidenceAfter: (when: string, doseMg: string, everyH: number | null) => `${when} after ${doseMg} mg${everyH === null ? '' : ` every ${everyH} h`}`,
} as const;

registerTable('evidence', EVIDENCE_STRINGS);
