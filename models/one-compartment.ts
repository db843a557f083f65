import type { ModelSpec } from '../engine/model/types';

/**
 * One-compartment model with first-order oral absorption and an absorption lag: the teaching baseline and the
 * analytic reference (its concentration is the Bateman function). Default values are naltrexone's apparent
 * oral parameters, so that the baseline speaks of the same drug as the rest of ldn-sim.
 */
export const oneCompartment: ModelSpec = {
  id: 'one-compartment',
  version: '1.0.0',
  title: 'One-compartment, first-order oral absorption',
  description:
    'Gut depot → central compartment → elimination. C(t) = F·D·ka / (V·(ka − k)) · (e^(−k(t−tlag)) − e^(−ka(t−tlag))), ' +
    'k = CL/V. Defaults are apparent oral values for naltrexone (F folded into CL and V).',
  parameters: [
    {
      name: 'f', value: 1, unit: 'fraction', label: 'Bioavailability F', range: [0.01, 1],
      // Bounds: F ≥ 0 with no upper limit. F here is a relative bioavailability (NONMEM's F1, CL and V being apparent
      // oral values): > 1 is valid, e.g. a formulation with more exposure than the reference.
      bounds: { minimum: 0 },
      source: 'Apparent oral parameters: F is folded into CL/F and V/F below, so F = 1 (derived; ' +
        'naltrexone systemic F is 5–40% and assay-dependent: Meyer MC et al., J Clin Psychiatry 1984;45(9 Pt 2):15).',
    },
    {
      name: 'ka_per_h', value: 2, unit: '1/h', label: 'Absorption rate constant ka', range: [0.1, 20], scale: 'log', bounds: { exclusiveMinimum: 0 },
      source: 'Derived from tmax ≈ 1 h of oral naltrexone (Meyer 1984; Swiss product information); ' +
        'Licko V, NIDA Res Monogr 1981;28:161 gives an absorption half-life of ~1 h.',
    },
    {
      name: 'cl_l_per_h', value: 475, unit: 'L/h', label: 'Apparent clearance CL/F', range: [10, 5000], scale: 'log', bounds: { exclusiveMinimum: 0 },
      source: 'Derived: CL/F ≈ 450–500 L/h reproduces the 50 mg Cmax of 13.3 ng/mL and t½ ≈ 4 h ' +
        '(Meyer 1984; Swiss product information; shared/science/naltrexone-data.md §1).',
    },
    {
      name: 'v_l', value: 3000, unit: 'L', label: 'Apparent volume V/F', range: [10, 30000], scale: 'log', bounds: { exclusiveMinimum: 0 },
      source: 'Derived: V/F ≈ 3000 L with CL/F 475 L/h gives t½ = 4.4 h, as published for naltrexone (Meyer 1984; Wall 1981).',
    },
    {
      name: 'tlag_h', value: 0, unit: 'h', label: 'Absorption lag time', range: [0, 4], bounds: { minimum: 0 },
      source: 'No lag reported for immediate-release naltrexone tablets (Meyer 1984); 0 by default.',
    },
  ],
  states: [
    { name: 'gut_mg', unit: 'mg', initial: 0, label: 'Amount in the gut depot' },
    { name: 'central_mg', unit: 'mg', initial: 0, label: 'Amount in the central compartment' },
    { name: 'eliminated_mg', unit: 'mg', initial: 0, label: 'Amount eliminated (cumulative)' },
  ],
  expressions: [
    { name: 'k_per_h', expr: 'cl_l_per_h / v_l', unit: '1/h', label: 'Elimination rate constant' },
  ],
  odes: {
    gut_mg: '-ka_per_h * gut_mg',
    central_mg: 'ka_per_h * gut_mg - k_per_h * central_mg',
    eliminated_mg: 'k_per_h * central_mg',
  },
  outputs: [
    { name: 'conc_mg_per_l', expr: 'central_mg / v_l', unit: 'mg/L', label: 'Plasma concentration' },
    { name: 'amount_gut_mg', expr: 'gut_mg', unit: 'mg', label: 'Amount in the gut' },
    { name: 'amount_central_mg', expr: 'central_mg', unit: 'mg', label: 'Amount in the body' },
    { name: 'amount_eliminated_mg', expr: 'eliminated_mg', unit: 'mg', label: 'Amount eliminated' },
  ],
  doses: [{ drug: 'drug', state: 'gut_mg', bioavailability: 'f', lag_h: 'tlag_h', label: 'Oral dose' }],
  dosedStates: [
    { state: 'gut_mg', bioavailability: 'f', lag_h: 'tlag_h', label: 'Oral (gut; F and lag apply)' },
    { state: 'central_mg', label: 'Intravenous (central; F 1, no lag)' },
  ],
  defaults: { doseMg: 50 },
  variability: [
    {
      parameter: 'cl_l_per_h', cvPercent: 48,
      source: 'Derived: naltrexone AUC0–24 200 ± 97 ng·h/mL after 100 mg in healthy adults (n = 7; Bertolotti M et al., ' +
        'J Hepatol 1997;27:505) gives CV 48% for AUC = D/(CL/F), hence for CL/F.',
    },
    {
      parameter: 'v_l', cvPercent: 30, assumption: true,
      source: 'Assumption: no published CV of V/F for oral naltrexone; 30% is a typical between-subject CV of an apparent volume.',
    },
    {
      parameter: 'ka_per_h', cvPercent: 50, assumption: true,
      source: 'Assumption: no published CV of ka for naltrexone; 50% reflects the usual spread of oral absorption (tmax ~1 h, Meyer 1984).',
    },
  ],
};
