/**
 * Every user-visible string of the teaching app, in one table (PhET's strings files), so that wording is reviewed
 * in one place and a translation is one file. Functions build strings that carry numbers.
 */
export const STRINGS = {
  appTitle: 'ldn-sim',
  appSubtitle: 'Low-dose naltrexone: plasma levels, receptor blockade and the rebound',
  disclaimer: 'For education and research only — not medical advice. The model is a simplification with stated assumptions; do not use it to choose a dose.',
  skipToCharts: 'Skip to charts',

  // Tabs
  tabSimulator: 'Simulator',
  tabModel: 'Model',

  // Controls
  controlsHeading: 'Scenario',
  doseLabel: 'Dose',
  doseUnit: 'mg',
  doseExact: 'Dose, exact value',
  doseHint: 'Fine steps from 0.5 to 5 mg (low dose), coarser up to the standard 50 and 100 mg.',
  clockLabel: 'Dosing clock time',
  bedtime: 'Bedtime 22:00',
  morning: 'Morning 08:00',
  daysLabel: 'Days',
  daysUnit: 'days',
  regimenLabel: 'Regimen',
  regimenDaily: 'Same dose daily',
  regimenTitration: 'Titration',
  titrationHeading: 'Titration schedule',
  titrationStepDose: (i: number) => `Step ${i + 1} daily dose`,
  titrationStepDays: (i: number) => `Step ${i + 1} number of days`,
  titrationRemove: (i: number) => `Remove step ${i + 1}`,
  titrationAdd: 'Add step',
  titrationTotal: (days: number) => `Total ${days} ${days === 1 ? 'day' : 'days'}`,
  presetsHeading: 'Presets',
  comedicationLabel: 'Opioid co-medication',
  comedicationDose: 'Morphine dose',
  comedicationEvery: 'every',
  comedicationNone: 'none',
  parametersHeading: 'Model parameters',
  parametersHint: 'Generated from the model: each value with its unit, plausible range and source.',
  resetAll: 'Reset all parameters',
  resetOne: (label: string) => `Reset ${label}`,
  assumption: 'assumption',
  source: 'Source',
  modified: 'changed',
  fixed: 'fixed constant',
  presetGroupNone: 'none',

  // Charts
  chartsHeading: 'Results',
  timeAxis: 'Clock time',
  night: 'night',
  dose: 'dose',
  baseline: 'baseline',
  pinned: 'pinned (wide, faded)',
  current: 'current',
  summaryPrefix: 'Summary: ',
  noData: 'No results yet.',
  computing: 'Computing…',

  // Animation
  animationHeading: 'Receptors at the cursor time',
  play: 'Play',
  pause: 'Pause',
  cursorLabel: 'Time cursor',
  speedLabel: 'Speed',
  receptorFree: 'free',
  receptorNaltrexone: 'naltrexone',
  receptorNaltrexol: '6β-naltrexol',
  receptorEndorphin: 'endorphin',
  receptorAgonist: 'morphine',
  receptorBlocked: 'naltrexone + 6β-naltrexol',
  receptorDiagramLabel: (n: number, base: number) => `Diagram of ${n} mu opioid receptors (${base} at baseline)`,

  // Phases
  phaseBaseline: 'Baseline: no drug on board; receptors at their usual number and level of activity.',
  phaseAbsorption: 'Absorption: the dose is being absorbed; plasma naltrexone is rising.',
  phaseBlockade: 'Blockade: naltrexone and 6β-naltrexol sit on mu receptors, so endorphins cannot act there.',
  phaseClearance: 'Clearance: the drug is being cleared and receptors are freed again.',
  phaseRebound: 'Rebound: with the blocker gone, more endorphins and more receptors give a stronger opioid signal than before.',
  phaseSustained: 'Sustained blockade: the dose keeps most mu receptors blocked around the clock.',

  // Compare / export
  compareHeading: 'Compare',
  pin: 'Pin this scenario',
  unpin: 'Remove pinned scenario',
  pinnedNote: (text: string) => `Pinned (wide, faded lines): ${text}`,
  exportHeading: 'Export',
  downloadCsv: 'Download CSV',
  downloadSvg: 'Chart as SVG',
  downloadPng: 'Chart as PNG',
  copyLink: 'Copy shareable link',
  linkCopied: 'Link copied to the clipboard.',
  linkInAddressBar: 'The address bar now holds this scenario: copy it from there.',

  // Errors
  errorPrefix: 'The simulation failed: ',
  errorRecover: 'Change any input to try again.',
  workerCrashed: (detail: string) => `the simulation worker stopped unexpectedly (${detail}). It has been restarted.`,
  badLink: (detail: string) => `Part of the link could not be read (${detail}); the defaults were used for it.`,

  // Model page
  modelHeading: 'The model',
  modelEquations: 'Equations',
  modelStates: 'States (amounts)',
  modelDerived: 'Derived quantities',
  modelOutputs: 'Outputs',
  modelParameters: 'Parameters and sources',
  modelPresets: 'Preset groups',
  modelLimitations: 'Limitations',
  limitations: [
    'No human pharmacokinetic study of oral naltrexone below 50 mg was found: low-dose levels are a linear extrapolation from 50–200 mg data.',
    'Receptor occupancy is fitted to a handful of PET measurements after single doses (Rabiner 2011); its time course at low doses is indirect.',
    'The endorphin and receptor-density rebound has been measured in animals and cells, not in people; its size and time course in the model are labelled assumptions.',
    'One average adult: no variability between people, no sex, age, weight or genetic effects, and no drug interactions other than the opioid co-medication shown.',
    'The model describes mu and kappa receptors and TLR4 only in the simplest terms; clinical effects are not modelled.',
  ],
  table: { name: 'Name', value: 'Value', unit: 'Unit', range: 'Range', label: 'Meaning', source: 'Source' },
} as const;

/** Formats a dose in mg with the fewest digits that show it exactly (4.5 → "4.5", 0.25 → "0.25"). */
export function formatMg(mg: number): string {
  return `${Number(mg.toPrecision(6))}`;
}
