import type { ModelSpec } from '../engine/model/types';

const REFERENCE = 'Assumption: reference values for tests (a generic drug with a distinct distribution and elimination phase, ' +
  'of the size found in textbook two-compartment examples); not the parameters of any particular drug.';

/**
 * Linear two-compartment model with first-order oral absorption and a lag, or IV input into the central
 * compartment (`cmt = central_mg`): the standard reference model of the dosing-record tests (docs/dosing.md).
 * Its concentration after any dose is a sum of exponentials (closed forms in test/dosing/closed-forms.ts).
 */
export const twoCompartment: ModelSpec = {
  id: 'two-compartment',
  version: '1.0.0',
  title: 'Two-compartment, first-order oral absorption or IV',
  description:
    'Depot → central ⇄ peripheral, elimination from central. dA1/dt = ka·Ad − (CL + Q)/V1·A1 + Q/V2·A2, ' +
    'dA2/dt = Q/V1·A1 − Q/V2·A2. Oral doses enter the depot (F, lag); IV doses name cmt central_mg.',
  parameters: [
    { name: 'cl_l_per_h', value: 5, unit: 'L/h', label: 'Clearance CL', range: [0.01, 1000], scale: 'log', bounds: { exclusiveMinimum: 0 }, source: REFERENCE, assumption: true },
    { name: 'v1_l', value: 20, unit: 'L', label: 'Central volume V1', range: [0.1, 10000], scale: 'log', bounds: { exclusiveMinimum: 0 }, source: REFERENCE, assumption: true },
    { name: 'q_l_per_h', value: 10, unit: 'L/h', label: 'Intercompartmental clearance Q', range: [0.01, 1000], scale: 'log', bounds: { exclusiveMinimum: 0 }, source: REFERENCE, assumption: true },
    { name: 'v2_l', value: 50, unit: 'L', label: 'Peripheral volume V2', range: [0.1, 10000], scale: 'log', bounds: { exclusiveMinimum: 0 }, source: REFERENCE, assumption: true },
    { name: 'ka_per_h', value: 1.5, unit: '1/h', label: 'Absorption rate constant ka', range: [0.01, 50], scale: 'log', bounds: { exclusiveMinimum: 0 }, source: REFERENCE, assumption: true },
    { name: 'f', value: 0.8, unit: 'fraction', label: 'Oral bioavailability F', range: [0, 1], bounds: { minimum: 0 }, source: REFERENCE, assumption: true },
    { name: 'tlag_h', value: 0.25, unit: 'h', label: 'Absorption lag time', range: [0, 24], bounds: { minimum: 0 }, source: REFERENCE, assumption: true },
  ],
  states: [
    { name: 'depot_mg', unit: 'mg', initial: 0, label: 'Amount in the gut depot' },
    { name: 'central_mg', unit: 'mg', initial: 0, label: 'Amount in the central compartment' },
    { name: 'peripheral_mg', unit: 'mg', initial: 0, label: 'Amount in the peripheral compartment' },
  ],
  expressions: [
    { name: 'k10_per_h', expr: 'cl_l_per_h / v1_l', unit: '1/h', label: 'Elimination rate constant' },
    { name: 'k12_per_h', expr: 'q_l_per_h / v1_l', unit: '1/h', label: 'Central → peripheral rate constant' },
    { name: 'k21_per_h', expr: 'q_l_per_h / v2_l', unit: '1/h', label: 'Peripheral → central rate constant' },
  ],
  odes: {
    depot_mg: '-ka_per_h * depot_mg',
    central_mg: 'ka_per_h * depot_mg - (k10_per_h + k12_per_h) * central_mg + k21_per_h * peripheral_mg',
    peripheral_mg: 'k12_per_h * central_mg - k21_per_h * peripheral_mg',
  },
  outputs: [
    { name: 'conc_mg_per_l', expr: 'central_mg / v1_l', unit: 'mg/L', label: 'Plasma concentration' },
    { name: 'amount_depot_mg', expr: 'depot_mg', unit: 'mg', label: 'Amount in the gut' },
    { name: 'amount_central_mg', expr: 'central_mg', unit: 'mg', label: 'Amount in the central compartment' },
    { name: 'amount_peripheral_mg', expr: 'peripheral_mg', unit: 'mg', label: 'Amount in the peripheral compartment' },
  ],
  doses: [{ drug: 'drug', state: 'depot_mg', bioavailability: 'f', lag_h: 'tlag_h', label: 'Oral dose' }],
  dosedStates: [
    { state: 'depot_mg', bioavailability: 'f', lag_h: 'tlag_h', label: 'Oral (depot; F and lag apply)' },
    { state: 'central_mg', label: 'Intravenous (central; F 1, no lag)' },
  ],
  defaults: { doseMg: 100 },
};
