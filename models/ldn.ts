import type { ModelSpec, ParameterSpec } from '../engine/model/types';

/*
 * ldn: oral naltrexone → 6β-naltrexol, brain mu/kappa receptor blockade in competition with endogenous opioids
 * (and an opioid agonist), the homeostatic rebound of endogenous opioid signalling, and TLR4 (hypothesis).
 *
 * docs/model.md gives the equations, the parameter table, what calibrated what and the validation figures.
 * Calibrated values come from scripts/calibration/ldn_calibrate.py (re-run it after changing the PK structure).
 *
 * Conventions: doses are mg as prescribed (naltrexone HCl; oral morphine-equivalent mg for agonists). Naltrexone
 * and 6β-naltrexol amounts are mg of naltrexone base (6β-naltrexol in naltrexone-base equivalents, so moles are
 * conserved and the mass balance closes exactly). Brain levels are states relative to the receptor's Ki
 * ("occupancy ratios"), so receptor binding is algebraic (quasi-steady) and no ODE is faster than minutes.
 */

/** Shorthand for a parameter that is a labelled assumption: the source must say what it was chosen to reproduce. */
function assumption(p: Omit<ParameterSpec, 'assumption'>): ParameterSpec {
  if (!p.source.startsWith('Assumption:')) throw new Error(`ldn: ${p.name}: an assumption's source must begin with "Assumption:"`);
  return { ...p, assumption: true };
}

/**
 * The two calibrations of the `blockade` preset group (issue #13; docs/model.md, "Two calibrations"): the values
 * each sets. `brief` (the default, so the parameters' own values are brief's) reproduces the LDN hypothesis of a
 * daily blockade that clears within hours (mouse data); `long` the human blockade that lasts days after 50 mg
 * (PET). Fitted by scripts/calibration/ldn_blockade.py; both fit the PET peaks (Rabiner 2011).
 */
const BRIEF = {
  kp_brain: 0.342,
  kp_naltrexol_rel: 0.01,
  t_half_brain_naltrexol_h: 0.5,
  slow_brain_capacity_rel: 0,
  t_half_brain_slow_h: 96,
} as const;
const LONG = {
  kp_brain: 0.319,
  kp_naltrexol_rel: 0.1,
  t_half_brain_naltrexol_h: 12,
  slow_brain_capacity_rel: 4.46,
  t_half_brain_slow_h: 96,
} as const;
/*
 * Physical bounds (definitions, not measurements): the values a parameter can take at all. The typical `range` is
 * where a slider goes; a value between the two runs with a note. Rates, clearances, volumes, affinities, half-lives
 * and molar masses are > 0 (they divide or are divided by); fractions are in [0, 1], > 0 where a volume or
 * occupancy ratio divides by them; the baseline occupancy is in (0, 1) (the model divides by it and by 1 − it).
 */
const POSITIVE = { exclusiveMinimum: 0 } as const;
const NON_NEGATIVE = { minimum: 0 } as const;
const FRACTION = { minimum: 0, maximum: 1 } as const;
const POSITIVE_FRACTION = { exclusiveMinimum: 0, maximum: 1 } as const;
const OPEN_FRACTION = { exclusiveMinimum: 0, exclusiveMaximum: 1 } as const;

const parameters: ParameterSpec[] = [
  // ---- Molar masses: the salt-to-base conversion is explicit -------------------------------------------------
  {
    name: 'mw_naltrexone_base', value: 341.41, unit: 'g/mol', label: 'Molar mass, naltrexone base', range: [341.41, 341.41], bounds: POSITIVE,
    source: 'USP monograph, naltrexone hydrochloride (C20H23NO4, 341.41 g/mol).',
  },
  {
    name: 'mw_naltrexone_hcl', value: 377.86, unit: 'g/mol', label: 'Molar mass, naltrexone hydrochloride', range: [377.86, 377.86], bounds: POSITIVE,
    source: 'USP monograph, naltrexone hydrochloride (C20H23NO4·HCl, 377.86 g/mol): a 50 mg tablet holds 45.2 mg base.',
  },
  {
    name: 'mw_naltrexol', value: 343.42, unit: 'g/mol', label: 'Molar mass, 6β-naltrexol', range: [343.42, 343.42], bounds: POSITIVE,
    source: 'Derived from the formula C20H25NO4 (naltrexone + 2 H); see docs/science-additions.md.',
  },
  {
    name: 'mw_morphine', value: 285.34, unit: 'g/mol', label: 'Molar mass, morphine base', range: [285.34, 285.34], bounds: POSITIVE,
    source: 'Derived from the formula C17H19NO3; see docs/science-additions.md.',
  },

  // ---- Naltrexone PK (apparent oral values in healthy adults) -------------------------------------------------
  {
    name: 'ka_naltrexone_per_h', value: 2.7, unit: '1/h', label: 'Naltrexone absorption rate constant', range: [0.5, 6], scale: 'log', bounds: POSITIVE,
    source: 'Calibrated (scripts/calibration/ldn_calibrate.py) to tmax ≈ 1 h of naltrexone and 6β-naltrexol (Meyer MC et al., ' +
      'J Clin Psychiatry 1984;45(9 Pt 2):15; Swiss product information); Licko V, NIDA Res Monogr 1981;28:161 gives ka ≈ 0.7 /h.',
  },
  {
    name: 'cl_f_naltrexone_l_per_h', value: 464, unit: 'L/h', label: 'Naltrexone apparent oral clearance CL/F (healthy)', range: [150, 1500], scale: 'log', bounds: POSITIVE,
    source: 'Calibrated to 100 mg AUC0–24 200 ± 97 ng·h/mL (Bertolotti M et al., J Hepatol 1997;27:505) and 50 mg Cmax 13.3 ng/mL ' +
      '(Meyer 1984; Swiss product information).',
  },
  {
    name: 'v_f_naltrexone_l', value: 2680, unit: 'L', label: 'Naltrexone apparent volume V/F (healthy)', range: [800, 8000], scale: 'log', bounds: POSITIVE,
    source: 'Calibrated to t½ ≈ 4 h (Meyer 1984; Wall ME et al., Drug Metab Dispos 1981;9:369) and 50 mg Cmax 13.3 ng/mL (Meyer 1984).',
  },
  {
    name: 'f_naltrexone_sys', value: 0.05, unit: 'fraction', label: 'Systemic bioavailability of naltrexone (healthy)', range: [0.02, 0.1], bounds: POSITIVE_FRACTION,
    source: 'Meyer 1984 (~5%; 5–40% elsewhere, assay-dependent). Only the split between systemic naltrexone and presystemic ' +
      'metabolism depends on it (concentrations use CL/F and V/F). Values above 0.1 would make the 10-fold exposure of ' +
      'decompensated cirrhosis (product information) impossible (F > 1).',
  },
  {
    name: 'hepatic_exposure_fold', value: 1, unit: '1', label: 'Naltrexone exposure relative to healthy liver', range: [1, 15], bounds: POSITIVE,
    source: 'Healthy: 1. Cirrhosis raises naltrexone exposure 5–10-fold (product information) by reducing presystemic conversion, ' +
      'with elimination half-lives unchanged (Bertolotti 1997); set by the hepatic preset.',
  },
  {
    name: 'fu_naltrexone', value: 0.79, unit: 'fraction', label: 'Unbound fraction of naltrexone in plasma', range: [0.5, 1], bounds: FRACTION,
    source: 'Product information (21% bound to plasma proteins).',
  },

  // ---- 6β-naltrexol PK ----------------------------------------------------------------------------------------
  {
    name: 'fm_naltrexol', value: 0.41, unit: 'fraction', label: 'Fraction of metabolised naltrexone that forms 6β-naltrexol', range: [0.41, 1], bounds: POSITIVE_FRACTION,
    source: 'Lower bound: 25% free + 16% conjugated 6β-naltrexol in urine by 48 h (Wall 1981; Cone EJ et al., Drug Metab Dispos ' +
      '1974;2:506). Only the mass partition depends on it: 6β-naltrexol disposition uses apparent values (CL/fm, V/fm).',
  },
  {
    name: 'cl_app_naltrexol_l_per_h', value: 23.6, unit: 'L/h', label: '6β-naltrexol apparent clearance CL/fm', range: [8, 80], scale: 'log', bounds: POSITIVE,
    source: 'Calibrated to 100 mg 6β-naltrexol AUC0–24 2467 ± 730 ng·h/mL (AUC ratio ≈ 12; Bertolotti 1997) and 50 mg Cmax ≈ 108 ng/mL ' +
      '(Swiss product information; Meyer 1984).',
  },
  {
    name: 'v_app_naltrexol_l', value: 423, unit: 'L', label: '6β-naltrexol apparent volume V/fm', range: [100, 2000], scale: 'log', bounds: POSITIVE,
    source: 'Calibrated to t½ 12–13 h (Meyer 1984) and 50 mg Cmax ≈ 108 ng/mL (Swiss product information).',
  },
  assumption({
    name: 'fu_naltrexol', value: 0.79, unit: 'fraction', label: 'Unbound fraction of 6β-naltrexol in plasma', range: [0.5, 1], bounds: FRACTION,
    source: 'Assumption: equal to naltrexone\'s (product information); no figure for 6β-naltrexol in the data set. Only the product ' +
      'fu × brain penetration matters, and brain penetration is taken relative to naltrexone.',
  }),

  // ---- Receptor binding ----------------------------------------------------------------------------------------
  {
    name: 'ki_naltrexone_mu_nm', value: 1.0, unit: 'nM', label: 'Naltrexone Ki at mu receptors', range: [0.1, 3], scale: 'log', bounds: POSITIVE,
    source: 'Michel ME et al., Methods Find Exp Clin Pharmacol 1985;7:175: an IC50 of 1.0 nM in rat brain, taken as the Ki (an IC50, not a ' +
      'Ki). A later figure on the cloned human receptor (1.15 nM) is a separate assay whose source is not verified; some assays give ' +
      '0.1–0.4 nM (naltrexone-data.md §2).',
  },
  {
    name: 'ki_naltrexone_kappa_nm', value: 2.0, unit: 'nM', label: 'Naltrexone Ki at kappa receptors', range: [0.2, 6], scale: 'log', bounds: POSITIVE,
    source: 'Derived: mu Ki × 2 from the mu : kappa selectivity ≈ 1 : 2 (Trøstheim M et al., Neuropsychopharmacology 2023, review table).',
  },
  {
    name: 'ki_naltrexol_mu_nm', value: 2.12, unit: 'nM', label: '6β-naltrexol Ki at mu receptors', range: [0.5, 10], scale: 'log', bounds: POSITIVE,
    source: 'Yancey-Wrona JE et al., Life Sci 2009;85:413.',
  },
  {
    name: 'ki_naltrexol_kappa_nm', value: 7.24, unit: 'nM', label: '6β-naltrexol Ki at kappa receptors', range: [2, 30], scale: 'log', bounds: POSITIVE,
    source: 'Yancey-Wrona 2009.',
  },
  {
    name: 'kp_brain', value: BRIEF.kp_brain, unit: '1', label: 'In vivo brain factor for naltrexone (unbound brain : plasma × in vitro → in vivo affinity)',
    range: [0.05, 3], scale: 'log', bounds: POSITIVE,
    source: 'Calibrated to the [11C]carfentanil PET dose–occupancy table (2 mg 27%, 5 mg 43–58%, 15 mg 61%, 50 mg 92–98%; ' +
      'Rabiner EA et al., Mol Psychiatry 2011;16:826); set per calibration by the blockade preset. Equivalent unbound in vivo KB = Ki / ' +
      'kp_brain. Not compared with the monkey apparent pA2 8.66 (Ko MC et al., JPET, PMC2882849): an in vivo Schild pA2 of that kind ' +
      'is computed from antagonist doses (log mol/kg), not plasma concentrations, so it is no KB in nM.',
  },
  assumption({
    name: 'kp_naltrexol_rel', value: BRIEF.kp_naltrexol_rel, unit: '1', label: '6β-naltrexol brain penetration relative to naltrexone',
    range: [0.01, 1], scale: 'log', bounds: POSITIVE,
    source: 'Assumption: 0.01 in the brief calibration, chosen to reproduce the LDN hypothesis of a daily blockade that clears within ' +
      'hours (Zagon & McLaughlin 1983, mice); it makes 6β-naltrexol ≈ 210× less potent centrally than naltrexone at equal unbound ' +
      'plasma levels, 3× beyond the weakest in vivo figure (71×, monkey, Li JX et al., Psychopharmacology 2008; 16×, mouse, Yan LD ' +
      'et al. 2003). Even at 1/71 the 4.5 mg daily blockade stays below 10% for only ≈ 7 h a day (scripts/calibration/ldn_blockade.py ' +
      '--grid). The long calibration uses the data-backed 0.1 (Yancey-Wrona JE et al., Life Sci 2009;85:413: ~10-fold peripheral ' +
      'selectivity; with the Ki values ≈ 21× less potent centrally, inside 16–71×).',
  }),
  assumption({
    name: 't_half_brain_naltrexone_h', value: 0.5, unit: 'h', label: 'Plasma–brain equilibration half-time, naltrexone', range: [0.1, 3], bounds: POSITIVE,
    source: 'Assumption: brain entry is fast (rat brain and plasma peak within 0.5 h, Misra AL et al., Drug Metab Dispos 1976;4:276); ' +
      '0.5 h leaves the occupancy lagging plasma (the hysteresis reported by Rabiner 2011) without changing the 8-h PET peaks by > 2 points.',
  }),
  assumption({
    name: 't_half_brain_naltrexol_h', value: BRIEF.t_half_brain_naltrexol_h, unit: 'h', label: 'Plasma–brain equilibration half-time, 6β-naltrexol', range: [0.25, 24], scale: 'log', bounds: POSITIVE,
    source: 'Assumption: no rate measured. Brief calibration: 0.5 h, as naltrexone, chosen so that 6β-naltrexol\'s small brain ' +
      'share follows plasma and clears with it (the LDN hypothesis). Long calibration: 12 h, slower because 6β-naltrexol crosses the ' +
      'blood–brain barrier poorly (Yancey-Wrona 2009), so its contribution lags (Rabiner 2011 hysteresis). docs/model.md shows 0.5–24 h.',
  }),
  assumption({
    name: 'slow_brain_capacity_rel', value: BRIEF.slow_brain_capacity_rel, unit: '1',
    label: 'Capacity of the slowly exchanging brain naltrexone pool, relative to the fast one', range: [0, 20], bounds: NON_NEGATIVE,
    source: 'Assumption: 0 under the brief calibration (no slow pool, the LDN hypothesis). Under the long calibration it is fitted ' +
      '(scripts/calibration/ldn_blockade.py) to the human blockade after 50 mg: half-time 72–108 h (Lee MC et al., J Nucl Med ' +
      '1988;29:1207) and 70–80% blocked 48 h into 50 mg every second day (Swiss product information). No pool of this kind is ' +
      'measured: it stands for whatever keeps naltrexone at the receptors for days (slow dissociation, a deep brain compartment) ' +
      'without changing plasma levels; a plasma phase that large would contradict the measured 4-h half-life (docs/model.md).',
  }),
  assumption({
    name: 't_half_brain_slow_h', value: BRIEF.t_half_brain_slow_h, unit: 'h', label: 'Exchange half-time of the slow brain naltrexone pool',
    range: [24, 240], scale: 'log', bounds: POSITIVE,
    source: 'Assumption: the terminal phase Lee MC et al. (J Nucl Med 1988;29:1207) matched to the blockade\'s 72–108 h half-time: ' +
      '96 h, the value they name; used only when slow_brain_capacity_rel > 0.',
  }),
  assumption({
    name: 'endo_kappa_occupancy_baseline', value: 0.1, unit: 'fraction', label: 'Kappa receptors occupied by endogenous opioids (dynorphins) at baseline',
    range: [0.01, 0.5], bounds: OPEN_FRACTION,
    source: 'Assumption: no human or animal figure in the data set. 0.1 is chosen equal to the mu assumption, so that at rest most ' +
      'kappa receptors are free; only kappa_blockade depends on it (a higher value lowers it, e.g. 0.3 lowers the 4.5 mg peak by ' +
      'about a fifth).',
  }),
  assumption({
    name: 'endo_mu_occupancy_baseline', value: 0.1, unit: 'fraction', label: 'Mu receptors occupied by endogenous opioids at baseline', range: [0.01, 0.5], bounds: OPEN_FRACTION,
    source: 'Assumption: small, so that at rest most receptors are free to bind the PET tracer; no human figure in the data set. ' +
      'The PET calibration absorbs it (kp_brain), so it matters mainly for how strongly the endorphin level moves opioid tone.',
  }),

  // ---- The rebound (homeostatic response to mu signalling) ------------------------------------------------------
  assumption({
    name: 'gain_mu_density', value: 0.8, unit: '1', label: 'Mu receptor up-regulation under complete, continuous blockade', range: [0, 1.5], bounds: NON_NEGATIVE,
    source: 'Assumption: the rodent figure applied to humans, where it is not measured. Rodents, 7–8 days of continuous antagonist: ' +
      'mu density +80% (Lesscher HMB et al., Eur J Neurosci 2003;17:1006); +50% to +90% across studies (Yoburn BC lab; Unterwald EM ' +
      'et al., Mol Brain Res 1995;33:351). Chosen to reproduce the +80% mean.',
  }),
  assumption({
    name: 't_half_mu_density_h', value: 60, unit: 'h', label: 'Mu receptor turnover half-time', range: [12, 240], scale: 'log', bounds: POSITIVE,
    source: 'Assumption: a rodent figure applied to humans. Mu receptors recover within ~8 days after an irreversible antagonist ' +
      '(Burke TF, Woods JH, Lewis JW, Medzihradsky F, JPET 1994;271:715; clocinnamox in mice) → replacement half-life ≈ 2–3 days ' +
      '(derived, uncertain); 60 h reproduces that middle value.',
  }),
  assumption({
    name: 'gain_endorphin', value: 0.6, unit: '1', label: 'Endogenous opioid production increase under complete, continuous blockade', range: [0, 2], bounds: NON_NEGATIVE,
    source: 'Assumption: direction from Donahue RN et al., Exp Biol Med 2011;236:1036 and Ludwig MD et al., Exp Biol Med 2017;242:1524; ' +
      'magnitude not measured. Chosen so that signalling right after a long complete blockade, (1 + 0.8)(1 + 0.6) = 2.9× baseline, ' +
      'stays inside the 1.7–3× morphine supersensitivity measured after continuous antagonist in rodents, and so that the brief ' +
      'calibration\'s endorphin level peaks ≥ 1.10 at 4.5 mg daily (issue #13; 0.5 gave 1.097).',
  }),
  assumption({
    name: 't_half_endorphin_h', value: 6, unit: 'h', label: 'Endogenous opioid production response half-time', range: [1, 72], scale: 'log', bounds: POSITIVE,
    source: 'Assumption: chosen so that a 4–6 h daily blockade (Zagon IS & McLaughlin PJ, Science 1983;221:671, mice) is followed by ' +
      'a rise of opioid signalling above baseline on the same day; no human or animal time constant measured.',
  }),

  // ---- TLR4 (hypothesis) --------------------------------------------------------------------------------------
  assumption({
    name: 'tlr4_ic50_um', value: 10, unit: 'µM', label: 'Naltrexone IC50 at TLR4 (microglia, in vitro)', range: [1, 1000], scale: 'log', bounds: POSITIVE,
    source: 'Assumption: the low end of the published "tens of µM or higher" (Hutchinson MR et al., Eur J Neurosci 2008;28:20; ' +
      'Wang X et al., Br J Pharmacol 2016;173:856; no effect up to 200 µM in human blood cells, Cant R et al., Front Immunol 2017;8:809) — ' +
      'the case most favourable to the TLR4 hypothesis.',
  }),

  // ---- Opioid agonist (morphine; codeine, tramadol and hydrocodone as morphine equivalents) --------------------
  {
    name: 'f_morphine_oral', value: 0.2, unit: 'fraction', label: 'Oral bioavailability of morphine', range: [0.15, 0.4], bounds: FRACTION,
    source: 'Westerling D et al., Ther Drug Monit 1993;15:364 (≈ 0.2, 0.15–0.4).',
  },
  assumption({
    name: 'ka_morphine_per_h', value: 2, unit: '1/h', label: 'Morphine absorption rate constant', range: [0.5, 6], scale: 'log', bounds: POSITIVE,
    source: 'Assumption: chosen for a tmax near 1 h, typical of immediate-release oral opioids; not in the data set.',
  }),
  {
    name: 'cl_morphine_l_per_h', value: 88, unit: 'L/h', label: 'Morphine clearance', range: [40, 200], scale: 'log', bounds: POSITIVE,
    source: 'Stuart-Harris R et al., Br J Clin Pharmacol 2000;49:207 (i.v. clearance ≈ 88–95 L/h).',
  },
  {
    name: 'v_morphine_l', value: 280, unit: 'L', label: 'Morphine volume of distribution', range: [150, 400], bounds: POSITIVE,
    source: 'Stuart-Harris 2000 (≈ 250–280 L); with 88 L/h gives t½ 2.2 h (published 2.2–2.6 h).',
  },
  {
    name: 'fu_morphine', value: 0.62, unit: 'fraction', label: 'Unbound fraction of morphine in plasma', range: [0.4, 1], bounds: FRACTION,
    source: 'Emoto C et al., CPT Pharmacometrics Syst Pharmacol 2017;6:110.',
  },
  {
    name: 'ki_morphine_mu_nm', value: 1.2, unit: 'nM', label: 'Morphine Ki at mu receptors', range: [0.3, 30], scale: 'log', bounds: POSITIVE,
    source: 'Chen ZR et al., Life Sci 1991;48:2165 (M6G 0.6 nM, not modelled).',
  },
  {
    name: 't_half_brain_morphine_h', value: 3.85, unit: 'h', label: 'Plasma–effect equilibration half-time, morphine', range: [0.5, 8], bounds: POSITIVE,
    source: 'Dershwitz M et al., Anesthesiology 2000;93:619 (ke0 ≈ 0.003 /min, pupil) → t½ = ln 2 / 0.18 h⁻¹ = 3.85 h.',
  },
  assumption({
    name: 'kp_brain_morphine', value: 0.34, unit: '1', label: 'In vivo brain factor for morphine (unbound brain : plasma)', range: [0.05, 3], scale: 'log', bounds: POSITIVE,
    source: 'Assumption: the in vivo factor calibrated for naltrexone (kp_brain) applied to morphine with its in vitro Ki; no morphine ' +
      'PET occupancy in the data set. Morphine is a weaker brain penetrant than naltrexone, so this may overstate its occupancy; the ' +
      'displacement pattern, not its level, is what the scenario shows.',
  }),
  assumption({
    name: 'agonist_efficacy_rel', value: 1, unit: '1', label: 'Agonist signalling per occupied receptor, relative to endogenous opioids', range: [0, 2], bounds: NON_NEGATIVE,
    source: 'Assumption: a full agonist signals like the endogenous opioids, so that the homeostatic loop (tolerance/dependence) ' +
      'responds to total mu signalling; not measured.',
  }),
  {
    name: 'mme_codeine', value: 0.15, unit: '1', label: 'Morphine milligram equivalent factor, codeine', range: [0.1, 0.3], bounds: NON_NEGATIVE,
    source: 'Dowell D et al., CDC Clinical Practice Guideline for Prescribing Opioids for Pain, MMWR Recomm Rep 2022;71(3):1 (Table). ' +
      'See docs/science-additions.md.',
  },
  {
    name: 'mme_tramadol', value: 0.2, unit: '1', label: 'Morphine milligram equivalent factor, tramadol', range: [0.1, 0.3], bounds: NON_NEGATIVE,
    source: 'Dowell 2022 (0.2; the 2016 guideline used 0.1). Tramadol also acts on monoamine uptake, which is not modelled.',
  },
  {
    name: 'mme_hydrocodone', value: 1, unit: '1', label: 'Morphine milligram equivalent factor, hydrocodone', range: [0.5, 1.5], bounds: NON_NEGATIVE,
    source: 'Dowell 2022.',
  },
];

const ln2 = 'log(2)';
/**
 * Absolute tolerance of every state (mg or relative level). 1e-11 keeps a 0.5 mg course within 1e-7 of each
 * column's peak against SciPy LSODA at rtol 1e-10 (shared/tools/crosscheck_scipy.py; 1e-9 gave 1.3e-5 at 1 mg),
 * with fewer steps than the engine's 1e-12 default.
 */
const ATOL = 1e-11;

/** The `ldn` model: see docs/model.md. */
export const ldn: ModelSpec = {
  id: 'ldn',
  version: '2.0.0',
  title: 'Low-dose naltrexone: PK, brain receptor blockade and rebound',
  description:
    'Oral naltrexone HCl → gut → plasma naltrexone, with presystemic and systemic conversion to 6β-naltrexol. Brain levels of both ' +
    '(with a plasma–brain delay) block mu and kappa receptors competitively with endogenous opioids and an optional opioid agonist ' +
    '(morphine; codeine, tramadol, hydrocodone as morphine equivalents). Endogenous opioid production and mu receptor density ' +
    'respond to lost signalling with a delay (the rebound; gains and time constants are labelled assumptions bounded by animal data). ' +
    'TLR4 inhibition by mass action from in vitro IC50s is a hypothesis. For education and research, not medical advice.',
  parameters,
  states: [
    { name: 'gut_naltrexone_mg', unit: 'mg', initial: 0, atol: ATOL, nonNegative: true, label: 'Naltrexone (base) in the gut' },
    { name: 'naltrexone_mg', unit: 'mg', initial: 0, atol: ATOL, nonNegative: true, label: 'Naltrexone (base) in the body' },
    { name: 'naltrexol_mg', unit: 'mg', initial: 0, atol: ATOL, nonNegative: true, label: '6β-naltrexol in the body (naltrexone-base equivalents)' },
    { name: 'cleared_naltrexone_mg', unit: 'mg', initial: 0, atol: ATOL, nonNegative: true, label: 'Naltrexone and 6β-naltrexol cleared (cumulative, naltrexone-base equivalents)' },
    { name: 'brain_naltrexone_rel', unit: '1', initial: 0, atol: ATOL, nonNegative: true, label: 'Brain naltrexone relative to its mu Ki' },
    { name: 'brain_naltrexol_rel', unit: '1', initial: 0, atol: ATOL, nonNegative: true, label: 'Brain 6β-naltrexol relative to its mu Ki' },
    {
      name: 'brain_naltrexone_slow_rel', unit: '1', initial: 0, atol: ATOL, nonNegative: true,
      label: 'Naltrexone in the slowly exchanging brain pool, relative to its mu Ki (0 under the brief calibration)',
    },
    { name: 'gut_agonist_mg', unit: 'mg', initial: 0, atol: ATOL, nonNegative: true, label: 'Agonist in the gut (oral morphine equivalents)' },
    { name: 'agonist_mg', unit: 'mg', initial: 0, atol: ATOL, nonNegative: true, label: 'Agonist in the body (morphine)' },
    { name: 'cleared_agonist_mg', unit: 'mg', initial: 0, atol: ATOL, nonNegative: true, label: 'Agonist cleared (cumulative, morphine)' },
    { name: 'brain_agonist_rel', unit: '1', initial: 0, atol: ATOL, nonNegative: true, label: 'Brain agonist relative to its mu Ki' },
    { name: 'endorphin', unit: '1', initial: 1, atol: ATOL, nonNegative: true, label: 'Endogenous opioid level relative to baseline' },
    { name: 'mu_density', unit: '1', initial: 1, atol: ATOL, nonNegative: true, label: 'Mu receptor density relative to baseline' },
  ],
  expressions: [
    // PK
    { name: 'f_sys', expr: 'min(1, f_naltrexone_sys * hepatic_exposure_fold)', unit: 'fraction', label: 'Naltrexone escaping presystemic metabolism' },
    { name: 'v_naltrexone_l', expr: 'f_naltrexone_sys * v_f_naltrexone_l', unit: 'L', label: 'Naltrexone volume (systemic)' },
    { name: 'k_naltrexone_per_h', expr: 'cl_f_naltrexone_l_per_h / v_f_naltrexone_l', unit: '1/h', label: 'Naltrexone elimination rate constant' },
    { name: 'v_naltrexol_l', expr: 'fm_naltrexol * v_app_naltrexol_l', unit: 'L', label: '6β-naltrexol volume: the apparent volume V/fm times the fraction fm of metabolised naltrexone that forms it' },
    { name: 'k_naltrexol_per_h', expr: 'cl_app_naltrexol_l_per_h / v_app_naltrexol_l', unit: '1/h', label: '6β-naltrexol elimination rate constant' },
    { name: 'absorbed_mg_per_h', expr: 'ka_naltrexone_per_h * gut_naltrexone_mg', unit: 'mg/h', label: 'Naltrexone absorption rate' },
    { name: 'metabolised_mg_per_h', expr: '(1 - f_sys) * absorbed_mg_per_h + k_naltrexone_per_h * naltrexone_mg', unit: 'mg/h', label: 'Naltrexone metabolism (presystemic + systemic)' },
    { name: 'naltrexone_ng_per_ml', expr: '1000 * naltrexone_mg / v_naltrexone_l', unit: 'ng/mL', label: 'Plasma naltrexone concentration: the systemic amount over its volume (mg/L × 1000 = ng/mL)' },
    { name: 'naltrexol_ng_per_ml', expr: '1000 * naltrexol_mg * (mw_naltrexol / mw_naltrexone_base) / v_naltrexol_l', unit: 'ng/mL', label: 'Plasma 6β-naltrexol concentration: the amount (kept as naltrexone-base equivalents, converted by the molar masses) over its volume' },
    { name: 'naltrexone_unbound_nm', expr: 'fu_naltrexone * 1000 * naltrexone_ng_per_ml / mw_naltrexone_base', unit: 'nM', label: 'Unbound plasma naltrexone, molar: the free fraction of the concentration over the molar mass (ng/mL → nM)' },
    { name: 'naltrexol_unbound_nm', expr: 'fu_naltrexol * 1000 * naltrexol_ng_per_ml / mw_naltrexol', unit: 'nM', label: 'Unbound plasma 6β-naltrexol, molar: the free fraction of the concentration over the molar mass' },
    { name: 'agonist_ng_per_ml', expr: '1000 * agonist_mg / v_morphine_l', unit: 'ng/mL', label: 'Plasma morphine (or morphine-equivalent) concentration: amount over volume' },
    { name: 'agonist_unbound_nm', expr: 'fu_morphine * 1000 * agonist_ng_per_ml / mw_morphine', unit: 'nM', label: 'Unbound plasma morphine, molar: the free fraction of the concentration over the molar mass' },
    // Receptors: competitive, quasi-steady occupancy; x = C/Ki occupancy ratios
    { name: 'endo_ratio0', expr: 'endo_mu_occupancy_baseline / (1 - endo_mu_occupancy_baseline)', unit: '1', label: 'Endogenous occupancy ratio at baseline' },
    { name: 'endo_ratio', expr: 'endo_ratio0 * endorphin', unit: '1', label: 'Endogenous occupancy ratio now (ligand level over its Ki): the baseline ratio times the relative endorphin level' },
    {
      name: 'antagonist_mu_ratio', expr: 'brain_naltrexone_rel + brain_naltrexol_rel + brain_naltrexone_slow_rel', unit: '1',
      label: 'Antagonist occupancy ratio at mu: brain naltrexone (fast and slow pools) and 6β-naltrexol, each as concentration over its mu Ki, added because they compete for one site',
    },
    { name: 'mu_denominator', expr: '1 + endo_ratio + antagonist_mu_ratio + brain_agonist_rel', unit: '1', label: 'Denominator of competitive binding at mu (law of mass action): 1 for the free receptor plus the occupancy ratio of every ligand' },
    { name: 'endo_mu_occupancy', expr: 'endo_ratio / mu_denominator', unit: 'fraction', label: 'Fraction of mu receptors occupied by endogenous opioids (competitive binding)' },
    { name: 'agonist_occupancy', expr: 'brain_agonist_rel / mu_denominator', unit: 'fraction', label: 'Fraction of mu receptors occupied by morphine (competitive binding)' },
    {
      name: 'antagonist_kappa_ratio',
      expr: '(brain_naltrexone_rel + brain_naltrexone_slow_rel) * ki_naltrexone_mu_nm / ki_naltrexone_kappa_nm + ' +
        'brain_naltrexol_rel * ki_naltrexol_mu_nm / ki_naltrexol_kappa_nm',
      unit: '1', label: 'Antagonist occupancy ratio at kappa: the brain levels of naltrexone (both pools) and 6β-naltrexol rescaled from their mu Ki to their kappa Ki',
    },
    // Signalling and the homeostatic loop
    { name: 'endo_kappa_ratio0', expr: 'endo_kappa_occupancy_baseline / (1 - endo_kappa_occupancy_baseline)', unit: '1', label: 'Endogenous occupancy ratio at kappa at baseline (dynorphins; occupancy over free fraction)' },
    { name: 'tone', expr: 'mu_density * endo_mu_occupancy / endo_mu_occupancy_baseline', unit: '1', label: 'Endogenous mu signalling / baseline' },
    {
      // What a receptor signals (endogenous + agonist), relative to baseline, at baseline endorphin and density: the
      // drive of the slow response. R and E are left out on purpose (open loop; docs/model.md, "The rebound").
      name: 'receptor_signal',
      expr: '(endo_ratio0 + agonist_efficacy_rel * brain_agonist_rel) / (1 + endo_ratio0 + antagonist_mu_ratio + brain_agonist_rel) / endo_mu_occupancy_baseline',
      unit: '1', label: 'Signalling per mu receptor (endogenous + agonist) / baseline, at baseline opioid level',
    },
    { name: 'mu_density_target', expr: '(1 + gain_mu_density) / (1 + gain_mu_density * receptor_signal)', unit: '1', label: 'Mu receptor density the slow response moves towards: 1 at baseline signalling, higher when signalling per receptor falls; its gain is a labelled assumption bounded by animal data' },
    { name: 'endorphin_target', expr: '(1 + gain_endorphin) / (1 + gain_endorphin * receptor_signal)', unit: '1', label: 'Endorphin level the slow response moves towards: 1 at baseline signalling, higher when signalling per receptor falls; its gain is a labelled assumption bounded by animal data' },
  ],
  odes: {
    gut_naltrexone_mg: '-absorbed_mg_per_h',
    naltrexone_mg: 'f_sys * absorbed_mg_per_h - k_naltrexone_per_h * naltrexone_mg',
    naltrexol_mg: 'fm_naltrexol * metabolised_mg_per_h - k_naltrexol_per_h * naltrexol_mg',
    cleared_naltrexone_mg: '(1 - fm_naltrexol) * metabolised_mg_per_h + k_naltrexol_per_h * naltrexol_mg',
    brain_naltrexone_rel: `${ln2} / t_half_brain_naltrexone_h * (kp_brain * naltrexone_unbound_nm / ki_naltrexone_mu_nm - brain_naltrexone_rel)`,
    brain_naltrexol_rel:
      `${ln2} / t_half_brain_naltrexol_h * (kp_brain * kp_naltrexol_rel * naltrexol_unbound_nm / ki_naltrexol_mu_nm - brain_naltrexol_rel)`,
    brain_naltrexone_slow_rel:
      `${ln2} / t_half_brain_slow_h * (slow_brain_capacity_rel * kp_brain * naltrexone_unbound_nm / ki_naltrexone_mu_nm - brain_naltrexone_slow_rel)`,
    gut_agonist_mg: '-ka_morphine_per_h * gut_agonist_mg',
    agonist_mg: 'ka_morphine_per_h * gut_agonist_mg - cl_morphine_l_per_h / v_morphine_l * agonist_mg',
    cleared_agonist_mg: 'cl_morphine_l_per_h / v_morphine_l * agonist_mg',
    brain_agonist_rel: `${ln2} / t_half_brain_morphine_h * (kp_brain_morphine * agonist_unbound_nm / ki_morphine_mu_nm - brain_agonist_rel)`,
    endorphin: `${ln2} / t_half_endorphin_h * (endorphin_target - endorphin)`,
    mu_density: `${ln2} / t_half_mu_density_h * (mu_density_target - mu_density)`,
  },
  outputs: [
    { name: 'naltrexone_plasma_ng_per_ml', expr: 'naltrexone_ng_per_ml', unit: 'ng/mL', label: 'Plasma naltrexone' },
    { name: 'naltrexol_plasma_ng_per_ml', expr: 'naltrexol_ng_per_ml', unit: 'ng/mL', label: 'Plasma 6β-naltrexol' },
    { name: 'mu_blockade', expr: 'antagonist_mu_ratio / mu_denominator', unit: 'fraction', label: 'Mu receptors blocked (naltrexone + 6β-naltrexol)' },
    {
      name: 'kappa_blockade', expr: 'antagonist_kappa_ratio / (1 + endo_kappa_ratio0 + antagonist_kappa_ratio)', unit: 'fraction',
      label: 'Kappa receptors blocked (naltrexone + 6β-naltrexol)',
    },
    { name: 'endorphin_rel', expr: 'endorphin', unit: '1', label: 'Endogenous opioid level (baseline = 1)' },
    { name: 'mu_density_rel', expr: 'mu_density', unit: '1', label: 'Mu receptor density (baseline = 1)' },
    { name: 'opioid_tone_rel', expr: 'tone', unit: '1', label: 'Endogenous opioid signalling at mu receptors (baseline = 1)' },
    {
      name: 'tlr4_inhibition', expr: 'naltrexone_unbound_nm / (naltrexone_unbound_nm + 1000 * tlr4_ic50_um)', unit: 'fraction',
      label: 'TLR4 inhibition by naltrexone (hypothesis; in vitro IC50)',
    },
    {
      // [11C]carfentanil binds free receptors: specific binding ∝ density × free fraction. Against the untreated
      // baseline (R = 1, E = 1, no drug) the loss is 1 − R·(1 + e0)/den; it moves with receptor density and the
      // endogenous level, and is negative when up-regulated receptors bind more tracer than before treatment.
      name: 'mu_pet_occupancy', expr: '1 - mu_density * (1 + endo_ratio0) / mu_denominator', unit: 'fraction',
      label: 'Mu occupancy a [11C]carfentanil PET scan would read (loss of specific binding vs the untreated baseline)',
    },
    {
      name: 'agonist_plasma_ng_per_ml', expr: 'agonist_ng_per_ml', unit: 'ng/mL', label: 'Plasma agonist (morphine equivalents)',
      requiresDrug: ['morphine', 'codeine', 'tramadol', 'hydrocodone'],
    },
    {
      name: 'agonist_mu_occupancy', expr: 'agonist_occupancy', unit: 'fraction', label: 'Mu receptors occupied by the agonist',
      requiresDrug: ['morphine', 'codeine', 'tramadol', 'hydrocodone'],
    },
  ],
  doses: [
    {
      drug: 'naltrexone', state: 'gut_naltrexone_mg', bioavailability: 'mw_naltrexone_base / mw_naltrexone_hcl', lag_h: 0,
      label: 'Naltrexone hydrochloride, oral (mg of salt; enters as base)',
    },
    { drug: 'morphine', state: 'gut_agonist_mg', bioavailability: 'f_morphine_oral', lag_h: 0, label: 'Morphine, oral (mg)' },
    { drug: 'codeine', state: 'gut_agonist_mg', bioavailability: 'f_morphine_oral * mme_codeine', lag_h: 0, label: 'Codeine, oral (mg; as morphine equivalents)' },
    { drug: 'tramadol', state: 'gut_agonist_mg', bioavailability: 'f_morphine_oral * mme_tramadol', lag_h: 0, label: 'Tramadol, oral (mg; as morphine equivalents)' },
    {
      drug: 'hydrocodone', state: 'gut_agonist_mg', bioavailability: 'f_morphine_oral * mme_hydrocodone', lag_h: 0,
      label: 'Hydrocodone, oral (mg; as morphine equivalents)',
    },
  ],
  defaults: { drug: 'naltrexone', doseMg: 4.5, clock: '22:00' },
  presets: [
    {
      name: 'blockade', label: 'Blockade duration', default: 'brief',
      options: [
        {
          name: 'brief', label: 'LDN hypothesis (brief; mouse data)', parameters: { ...BRIEF },
          source: 'Assumption: chosen to reproduce the LDN hypothesis as its proponents state it, a daily blockade that clears within ' +
            'hours (4–6 h of blockade a day in mice given 0.1 mg/kg s.c.: Zagon IS & McLaughlin PJ, Science 1983;221:671), with the ' +
            'PET peaks (Rabiner 2011). It contradicts the human duration after 50 mg (Lee MC et al., J Nucl Med 1988;29:1207; ' +
            'product information): see docs/model.md, "Two calibrations".',
        },
        {
          name: 'long', label: 'Human PET (long)', parameters: { ...LONG },
          source: 'Fitted to the human blockade after 50 mg: half-time 72–108 h (Lee MC et al., J Nucl Med 1988;29:1207), 70–80% ' +
            'blocked 48 h into 50 mg every second day (Swiss product information), and the PET peaks (Rabiner 2011). Its LDN ' +
            'blockade does not clear between doses (docs/model.md, "Two calibrations").',
        },
      ],
    },
    {
      name: 'hepatic', label: 'Liver function', default: 'none',
      options: [
        { name: 'none', label: 'Healthy liver', parameters: { hepatic_exposure_fold: 1 }, source: 'Healthy adults (Meyer 1984; Bertolotti 1997).' },
        {
          name: 'compensated-cirrhosis', label: 'Compensated cirrhosis', parameters: { hepatic_exposure_fold: 5 },
          source: 'Naltrexone AUC ≈ 5× healthy (naltrexone product information, hepatic impairment: ≈ 5- and 10-fold in compensated ' +
            'and decompensated cirrhosis), from reduced presystemic conversion; elimination half-lives unchanged (Bertolotti M et al., ' +
            'J Hepatol 1997;27:505).',
        },
        {
          name: 'decompensated-cirrhosis', label: 'Decompensated cirrhosis', parameters: { hepatic_exposure_fold: 10 },
          source: 'Naltrexone AUC ≈ 10× healthy (product information); half-lives unchanged (Bertolotti 1997).',
        },
      ],
    },
  ],
  /*
   * Between-subject variability (population runs only; log-normal, independent, median = the value above).
   * docs/model.md, "Between-subject variability", gives the derivations; test/models/ldn-variability.test.ts
   * checks them against the closed forms and the published spreads; scripts/figures/ldn-variability.run.ts
   * recomputes the derived numbers.
   */
  variability: [
    {
      parameter: 'cl_f_naltrexone_l_per_h', cvPercent: 48.5,
      source: 'Derived: naltrexone AUC0–24 200 ± 97 ng·h/mL after 100 mg in 7 healthy adults (Bertolotti M et al., J Hepatol ' +
        '1997;27:505), CV = 97/200 = 48.5%. In this model a healthy subject\'s naltrexone AUC0–∞ = 1000 · D · (341.41/377.86) / (CL/F) ' +
        'exactly (F_h cancels because V = F_h · V/F), so AUC has the CV of CL/F (a log-normal θ and 1/θ share ω). AUC0–24 is 98% of ' +
        'AUC0–∞ for the typical subject (t½ 4 h); with V/F fixed, slow clearers lose AUC after 24 h, and the model\'s AUC0–24 CV is ' +
        '≈ 39%, inside the 95% sampling interval of a 7-subject CV (31–107%). CL/F is bounded only by > 0, so no draw is redrawn and ' +
        'the realised CV of CL/F and of AUC0–∞ is the published 48.5% (1.2% of draws fall outside the slider range 150–1500 L/h; they are kept).',
    },
    {
      parameter: 'cl_app_naltrexol_l_per_h', cvPercent: 29.6,
      source: 'Derived: 6β-naltrexol AUC0–24 2467 ± 730 ng·h/mL after 100 mg, n = 7 (Bertolotti 1997), CV = 730/2467 = 29.6%, ' +
        'taken as the CV of AUC0–∞ = 1000 · D · (341.41/377.86) · (343.42/341.41) / (CL/fm), exact in this model (all naltrexone is ' +
        'metabolised, a fraction fm to 6β-naltrexol, and fm cancels). AUC0–24 is only 73% of AUC0–∞ at t½ 12.4 h, so this entry alone ' +
        'gives an AUC0–24 CV of 15%; v_app_naltrexol_l supplies the rest.',
    },
    {
      parameter: 'v_app_naltrexol_l', cvPercent: 50, assumption: true,
      source: 'Assumption: no spread of 6β-naltrexol\'s volume or half-life is published (Meyer 1984 gives the mean t½, 12–13 h). ' +
        '50% is chosen so that, with the two clearance CVs, the model reproduces the other two between-subject spreads of Bertolotti ' +
        '1997 (100 mg, n = 7): 6β-naltrexol AUC0–24 CV 30% (model 27%; 15% without this entry) and the 2-h 6β-naltrexol/naltrexone ' +
        'concentration ratio 10.9 ± 4.8, CV 44% (model 46%; 16% without). The ratio alone cannot tell V/fm from naltrexone\'s V/F ' +
        '(left fixed). It implies 6β-naltrexol half-lives of 5–31 h (5th–95th percentile), which no published figure checks.',
    },
    {
      parameter: 'kp_brain', cvPercent: 31,
      source: 'Derived: three subjects given 5 mg had 43%, 46% and 58% mu occupancy ([11C]carfentanil PET; Rabiner EA et al., Mol ' +
        'Psychiatry 2011;16:826), SD of ln(occupancy/(1 − occupancy)) = 0.320. The blockade odds are proportional to kp_brain ' +
        '(x = kp_brain · fu · C / Ki), so ln kp_brain adds its variance to that of the PK entries above (SD 0.096 at the 5 mg peak ' +
        'under the brief calibration, 0.101 under 1.x): ω = √(0.320² − 0.096²) = 0.305, CV 31%. It lumps individual brain penetration, unbound fraction and affinity, and also ' +
        'absorbs PET measurement error and the different scan times (within 8 h), so it errs high; 3 subjects bound the SD only ' +
        'to 0.17–2.0 (95%). The 50 mg pair (92%, 98%) is not used: near saturation a few points of PET error change the odds several-fold.',
    },
  ],
};
