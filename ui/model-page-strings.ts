import { registerTable } from './i18n/runtime';

/**
 * The strings of the Model tab (ui/ldn-model-page.ts): headings, limitations, table columns and, in `modelDoc`, the
 * tab as a document (issue #17). A table of their own, loaded with the tab, so that the widget and the app's first
 * screen do not download them (issue #18). The tab's label stays in `STRINGS.tabModel`.
 * English source; `registerTable` fills it in the page's language from the `modelPage` entry of ui/i18n/es.ts and the
 * like (also when the table is first loaded on a page whose language is already set).
 */
export const MODEL_PAGE_STRINGS = {
  modelHeading: 'The model',
  modelEquations: 'Equations',
  modelStates: 'States (amounts)',
  modelDerived: 'Derived quantities',
  modelOutputs: 'Outputs',
  modelParameters: 'Parameters and sources',
  modelPresets: 'Preset groups',
  modelVariability: 'Between-subject variability (population runs on the Research tab)',
  modelVariabilityHint: 'Log-normal and independent per parameter, with the value above as the median. Parameters not listed are the same in every subject unless a CV is set on the Research tab.',
  modelLimitations: 'Limitations',
  limitations: [
    'No human pharmacokinetic study of oral naltrexone below 50 mg was found: low-dose levels are a linear extrapolation from 50–200 mg data.',
    'Receptor occupancy is fitted to a handful of PET measurements after single doses (Rabiner 2011); its time course at low doses is indirect.',
    'The endorphin and receptor-density rebound has been measured in animals and cells, not in people; its size and time course in the model are labelled assumptions.',
    'The Simulator shows one typical adult. Population bands (Research tab) vary only the clearances of naltrexone and 6β-naltrexol, the volume of 6β-naltrexol (an assumption) and the brain factor, independently of each other; absorption, the other volumes and the rebound do not vary. No sex, age, weight or genetic effects, and no drug interactions other than the opioid co-medication shown.',
    'The model describes mu and kappa receptors and TLR4 only in the simplest terms; clinical effects are not modelled.',
  ],
  table: { name: 'Name', value: 'Value', unit: 'Unit', range: 'Range', label: 'Meaning', source: 'Source', cv: 'CV %' },
  modelDoc: {
    presetDefaults: 'defaults',
    contents: 'Contents',
    odes: 'Equations: how each amount changes',
    odesIntro: 'The model tracks amounts (states). Each changes at the rate on the right; t is time in hours. Symbols are the names in the tables below.',
    derivedIntro: 'Quantities computed from the parameters and states, in this order, at every moment.',
    noDescription: 'No description given in the model.',
    initial: (v: string) => `initial value ${v}`,
    onlyWhen: (drug: string) => `(only when ${drug} is dosed)`,
    doses: 'Doses',
    evidence: 'Evidence: what calibrated what, and how the model compares',
    evidenceIntro: 'From docs/model.md, which explains each table. The tests compare the model with these published figures.',
    version: 'version',
    enters: 'enters',
    fraction: 'fraction',
    lag: 'lag',
    presetDefault: 'default',
    or: 'or',
  },
  /** Issue #13: the bound between the two blockade calibrations (ui/ldn-blockade-bound.ts) and its limitation. */
  blockade: {
    boundHeading: 'The trade-off: the 50 mg blockade vs the LDN trough',
    boundIntro: 'Move along the line from the LDN hypothesis (brief) to the human PET calibration (long). The engine computes both numbers for every position: the longer the 50 mg blockade lasts, the less the daily LDN blockade can clear. No position satisfies both claims.',
    boundSlider: 'Position between the two calibrations',
    boundValue: (pos: number) => (pos <= 0 ? 'brief (LDN hypothesis)' : pos >= 1 ? 'long (human PET)' : `${Math.round(pos * 100)}% of the way to long`),
    boundReadout: (pet48: string, trough: string) => `48 h after one 50 mg dose, PET would read ${pet48}; 4.5 mg daily then leaves ${trough} of mu receptors blocked at its lowest point each day.`,
    boundAxisX: 'PET-read occupancy 48 h after 50 mg',
    boundAxisY: 'LDN 4.5 mg daily: lowest blockade of the day',
    boundTarget: 'human PET: 58–72% at 48 h',
    boundComputing: 'Computing the curve in the background…',
    boundFailed: (why: string) => `The curve could not be computed: ${why}`,
    limitation: 'Two calibrations, because one cannot hold both claims: the brief daily LDN blockade is a hypothesis from mouse studies, and the human PET data after 50 mg imply a blockade that lasts days. Switch between them with “Blockade duration”; the Model tab shows the trade-off.',
  },
} as const;

registerTable('modelPage', MODEL_PAGE_STRINGS);
