/*
 * Published human figures on mu receptor blockade, as data: what the app's "Evidence" toggle marks on the blockade
 * chart, and what docs/model.md ("Two calibrations") compares both calibrations with. Each entry says which
 * regimen it belongs to, so only the figures relevant to the scenario on screen are marked.
 *
 * Sources: ../shared/science/naltrexone-data.md §3 and §3a (primary citations below). PET reads the loss of
 * specific [11C]carfentanil binding, so these compare with the model's `mu_pet_occupancy`.
 */

/** The dosing an evidence figure was measured under. */
export type EvidenceRegimen =
  /** One oral dose of `doseMg`, nothing before it. */
  | { readonly kind: 'single'; readonly doseMg: number }
  /** `doseMg` every `intervalH` hours, measured just before a dose once dosing has settled. */
  | { readonly kind: 'repeated'; readonly doseMg: number; readonly intervalH: number };

/** One published (or directly derived) human figure. */
export interface BlockadeEvidence {
  /** Stable id, e.g. `pet-5mg`. */
  readonly id: string;
  readonly regimen: EvidenceRegimen;
  /**
   * When, in hours after the (last) dose: `[from, to]`. PET peaks were scanned "within 8 h" (Rabiner 2011), so
   * they span [0, 8]; a figure at one time has from = to.
   */
  readonly timeH: readonly [number, number];
  /** Mu occupancy, fraction: the measured values, or `[low, high]` of a published range. */
  readonly occupancy: readonly number[];
  /** True when `occupancy` is a range `[low, high]` rather than individual values. */
  readonly range: boolean;
  /** Short citation, e.g. "Rabiner 2011". */
  readonly citation: string;
  /** Full reference. */
  readonly reference: string;
  /** True when the numbers are derived here from a published figure (the derivation is in `note`). */
  readonly derived: boolean;
  /** How the figure was obtained or derived, in one sentence. */
  readonly note: string;
}

const RABINER = 'Rabiner EA et al., Mol Psychiatry 2011;16:826 (tabulated by Trøstheim M et al., Neuropsychopharmacology 2023)';
const LEE = 'Lee MC, Wagner HN, Tanada S, Frost JJ, Bice AN, Dannals RF. J Nucl Med 1988;29:1207–1211';

/**
 * Occupancy expected t hours after one 50 mg dose from Lee 1988's blockade half-time (72–108 h), starting from the
 * 50 mg PET peak (92–98%, Rabiner 2011): [0.92 · 2^(−t/72), 0.98 · 2^(−t/108)] (derived; mono-exponential decline).
 */
export function leeRange(timeH: number): [number, number] {
  return [0.92 * 2 ** (-timeH / 72), 0.98 * 2 ** (-timeH / 108)];
}

const leeAt = (h: number): BlockadeEvidence => ({
  id: `lee-50mg-${h}h`, regimen: { kind: 'single', doseMg: 50 }, timeH: [h, h], occupancy: leeRange(h).map((v) => Math.round(v * 1000) / 1000),
  range: true, citation: 'Lee 1988', reference: LEE, derived: true,
  note: `Derived from the published blockade half-time of 72–108 h (5 volunteers, [11C]carfentanil, scans at 1, 48, 72, 120 and 168 h) ` +
    `and the 50 mg PET peak of 92–98%: 0.92·2^(−${h}/72) to 0.98·2^(−${h}/108).`,
});

/** Every human figure on mu blockade in the data set. */
export const BLOCKADE_EVIDENCE: readonly BlockadeEvidence[] = [
  {
    id: 'pet-2mg', regimen: { kind: 'single', doseMg: 2 }, timeH: [0, 8], occupancy: [0.27], range: false, citation: 'Rabiner 2011',
    reference: RABINER, derived: false, note: '[11C]carfentanil PET within 8 h of one oral dose.',
  },
  {
    id: 'pet-5mg', regimen: { kind: 'single', doseMg: 5 }, timeH: [0, 8], occupancy: [0.43, 0.46, 0.58], range: false, citation: 'Rabiner 2011',
    reference: RABINER, derived: false, note: '[11C]carfentanil PET within 8 h of one oral dose, three subjects.',
  },
  {
    id: 'pet-15mg', regimen: { kind: 'single', doseMg: 15 }, timeH: [0, 8], occupancy: [0.61], range: false, citation: 'Rabiner 2011',
    reference: RABINER, derived: false, note: '[11C]carfentanil PET within 8 h of one oral dose.',
  },
  {
    id: 'pet-50mg', regimen: { kind: 'single', doseMg: 50 }, timeH: [0, 8], occupancy: [0.92, 0.98], range: false, citation: 'Rabiner 2011',
    reference: RABINER, derived: false, note: '[11C]carfentanil PET within 8 h of one oral dose, two subjects.',
  },
  leeAt(48),
  leeAt(72),
  leeAt(168),
  {
    id: 'pi-50mg-q48h', regimen: { kind: 'repeated', doseMg: 50, intervalH: 48 }, timeH: [48, 48], occupancy: [0.7, 0.8], range: true,
    citation: 'product information', reference: 'Swiss product information, naltrexone 50 mg tablets (pharmacokinetics section)', derived: false,
    note: 'With 50 mg every second day, 70–80% of mu receptors are still blocked 48 h after a dose.',
  },
];

/**
 * The evidence relevant to a scenario: figures whose regimen matches the doses on screen, times in hours after
 * the first dose. `doseMg` and `intervalH` describe the scenario's naltrexone regimen (intervalH = undefined for a
 * single dose). A single-dose figure also applies to the first dose of a repeated regimen when it was measured
 * before the second dose would come.
 * @example evidenceFor(50, undefined) // the 50 mg PET peak and Lee 1988's 48/72/168-h figures
 * @example evidenceFor(4.5, 24) // none: no human figure at 4.5 mg
 */
export function evidenceFor(doseMg: number, intervalH: number | undefined): BlockadeEvidence[] {
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  return BLOCKADE_EVIDENCE.filter((e) => e.regimen.kind === 'single'
    ? close(e.regimen.doseMg, doseMg) && (intervalH === undefined || e.timeH[1] < intervalH)
    : intervalH !== undefined && close(e.regimen.doseMg, doseMg) && close(e.regimen.intervalH, intervalH));
}
