import { registerTable } from './i18n/runtime';
import { CHART_STRINGS } from './chart-strings';

export { formatMg } from './chart-strings';

/**
 * The user-visible strings of the app's first screen and of the widget's charts, in one table (PhET's strings
 * files), so that wording is reviewed in one place. Functions build strings that carry numbers. The parts loaded
 * later keep theirs in tables of their own beside their code (ui/research/research-strings.ts, ui/model-page-strings.ts,
 * ui/lessons/lesson-strings.ts, …; docs/translating.md lists them), so that the first screen and the widget do not
 * download them (issue #18). The strings the widget shares with the first screen (its charts, dose and clock controls,
 * summaries, phases and the scenario's checks) are `CHART_STRINGS` (ui/chart-strings.ts), so that a widget page does
 * not download the rest of this table; `STRINGS` gives them under the same names. This table is the English source;
 * `registerTable` (ui/i18n/runtime.ts) fills it in the page's language from ui/i18n/es.ts and the like.
 */
const OWN = {
  appTitle: 'ldn-sim',
  appSubtitle: 'Low-dose naltrexone: plasma levels, receptor blockade and the rebound',
  disclaimer: 'For education and research only — not medical advice. The model is a simplification with stated assumptions; do not use it to choose a dose.',
  skipToCharts: 'Skip to charts',

  // Tabs
  tabSimulator: 'Simulator',
  tabModel: 'Model',

  // Controls
  controlsHeading: 'Scenario',
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
  steadyStateLabel: 'Start at steady state',
  steadyStateHint: 'As if this dose had been taken every day for weeks: the first day already shows the settled daily pattern.',
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
  outsideRange: 'outside typical range',
  paramRange: (lo: string, hi: string, unit: string, log: boolean, def: string) => `${lo} – ${hi} ${unit}${log ? ' (log scale)' : ''}; default ${def}`,
  outsideRangeNote: (range: string, bounds: string) => `Outside the typical range ${range}; still valid (${bounds}), so it runs.`,
  expectedWithinBounds: (bounds: string, unit: string) => `Expected a number ${bounds} (${unit})`,
  presetGroupNone: 'none',

  // Charts
  chartsHeading: 'Results',
  timeAxis: 'Clock time',
  night: 'night',
  dose: 'dose',
  summaryPrefix: 'Summary: ',
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
  /** The count under the receptor picture; `change` is the signed change from baseline, e.g. '+12%', or ''. */
  receptorTotal: (base: number, change: string) => `mu receptors (${base} at baseline${change ? `, ${change}` : ''})`,

  // Phases
  phaseReboundAbove: 'Rebound (the LDN hypothesis, as the model assumes it): with the blocker gone, more endorphins and more receptors give a stronger opioid signal than before the dose.',
  phaseEliminationPk: 'Elimination: the body is clearing the drug from the plasma.',
  phaseBaselinePk: 'Before the dose or after it has cleared: almost no drug in the plasma.',

  // Compare / export
  compareHeading: 'Compare',
  pin: 'Pin this scenario',
  unpin: 'Remove pinned scenario',
  pinnedNote: (text: string) => `Pinned (hollow lines): ${text}`,
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

  // Issue #15: strings that were inline in templates and helpers (summaries, charts, presets, the app's page)
  tabLessons: 'Lessons',
  languageLabel: 'Language',
  dismiss: 'Dismiss',
  tabsLabel: 'Views',
  playDays: (days: number) => (days > 1 ? 'Play the days' : 'Play the day'),
  chartHint: 'Move the cursor by dragging over a chart, with the slider above, or with the arrow keys on a focused chart (Shift for bigger steps). Shaded bands are night (22:00–07:00); triangles mark doses.',
  footer: 'ldn-sim runs entirely in your browser; nothing you enter leaves this page.',
  footerModel: (id: string, version: string) => `Model ${id} ${version}.`,
  compareDose: '4.5 mg vs 50 mg',
  compareClock: 'Bedtime vs morning',
  modelLabel: 'Model',
  dayShort: (d: number) => `${d} d`,
  morphineName: 'morphine',
  morphineInterval: 'Morphine dosing interval',
  changedCount: (n: number) => ` (${n} changed)`,
  notAvailable: 'Not available for this model',
  speedDay: '1 day/s',
  modelDoses: 'Doses',

  // Research tab (issue #7): its label; the tab's strings are RESEARCH_STRINGS (ui/research/research-strings.ts)
  tabResearch: 'Research',
} as const;

/**
 * The app's table: its own strings (registered as `strings`) and, as read-only properties under the same names, those
 * it shares with the widget (`CHART_STRINGS`, registered and translated as `chartStrings`; not enumerable, so that
 * the `strings` table does not hold them twice).
 */
export const STRINGS = Object.defineProperties(OWN, Object.fromEntries(Object.keys(CHART_STRINGS).map((k) => [
  k, { get: () => CHART_STRINGS[k as keyof typeof CHART_STRINGS], enumerable: false },
]))) as typeof OWN & typeof CHART_STRINGS;

registerTable('strings', STRINGS);
