import { registerTable } from './i18n/runtime';

/**
 * The strings the app's first screen shares with the embeddable widget: the charts (titles, series, axes, summaries,
 * accessibility texts), the dose and clock controls, the receptor phases, the scenario's description and the checks
 * of a scenario and its link (issue #18: a widget page downloads this table, not the app's whole `STRINGS`, which
 * gives these under the same names). English source; `registerTable` fills it in the page's language from the
 * `chartStrings` entry of ui/i18n/es.ts and the like.
 */
export const CHART_STRINGS = {
  doseLabel: 'Dose',
  doseUnit: 'mg',
  doseExact: 'Dose, exact value',
  doseHint: 'Fine steps from 0.5 to 5 mg (low dose), coarser up to the standard 50 and 100 mg.',
  clockLabel: 'Dosing clock time',
  bedtime: 'Bedtime 22:00',
  morning: 'Morning 08:00',
  widgetOutsideRange: (notes: readonly string[]) => `Outside the typical range, still valid, so it runs: ${notes.join('; ')}.`,
  baseline: 'baseline',
  pinned: 'pinned (hollow lines)',
  current: 'current',
  noData: 'No results yet.',
  phaseBaseline: 'Baseline: no drug on board; receptors at their usual number and level of activity.',
  phaseAbsorption: 'Absorption: the dose is being absorbed; plasma naltrexone is rising.',
  phaseBlockade: 'Blockade: naltrexone and 6β-naltrexol sit on mu receptors, so endorphins cannot act there.',
  phaseClearance: 'Clearance: the drug is being cleared and receptors are freed again.',
  phaseRebound: 'Rebound (the LDN hypothesis, as the model assumes it): the blocker is wearing off, and the extra endorphins and receptors made during the blockade now meet freed receptors.',
  phaseSustained: 'Sustained blockade: the dose keeps most mu receptors blocked around the clock.',
  clockDay: (clock: string, day: number) => `${clock} (day ${day})`,
  dayCount: (d: number) => `${d} ${d === 1 ? 'day' : 'days'}`,
  legend: 'Legend',
  dayTick: (day: number) => `day ${day}`,
  doseMarker: (mg: string, drug: string, at: string) => `Dose: ${mg} mg ${drug} at ${at}`,
  scenarioText: {
    daily: (mg: string) => `${mg} mg daily`,
    titration: (steps: string) => `titration ${steps}`,
    at: (dosing: string, clock: string, days: string) => `${dosing} at ${clock}, ${days}`,
    morphine: (mg: string, everyH: number) => `+ morphine ${mg} mg every ${everyH} h`,
    params: (n: number) => `${n} parameter(s) changed`,
    once: (mg: string) => `${mg} mg once`,
    every48: (mg: string) => `${mg} mg every 48 h`,
    agonist: (drug: string, mg: string, everyH: number) => `+ ${drug} ${mg} mg every ${everyH} h`,
    fromSteadyState: (text: string) => `${text}, from steady state`,
  },
  charts: {
    plasma: 'Plasma naltrexone and 6β-naltrexol',
    blockade: 'Opioid receptor blockade',
    adaptation: 'Endorphins, receptors and opioid tone (1 = baseline)',
    tlr4: 'TLR4 inhibition',
    conc: 'Plasma concentration',
    amounts: 'Amounts (mass balance)',
  },
  series: {
    naltrexone: 'Naltrexone',
    naltrexol: '6β-naltrexol',
    morphine: 'Morphine',
    muBlockade: 'Mu blockade',
    kappaBlockade: 'Kappa blockade',
    muMorphine: 'Mu occupied by morphine',
    tone: 'Opioid tone',
    endorphin: 'Endorphin level',
    density: 'Mu receptor density',
    tlr4: 'TLR4 inhibition',
    concentration: 'Concentration',
    gut: 'In the gut',
    body: 'In the body',
    eliminated: 'Eliminated',
  },
  presets: {
    'ldn-bedtime': 'LDN 4.5 mg at bedtime',
    'ldn-morning': 'LDN 4.5 mg in the morning',
    'standard-50': 'Standard 50 mg daily',
    titration: 'Titration 0.5 → 4.5 mg',
    opioid: 'LDN with morphine 10 mg every 6 h',
    liver: 'LDN 4.5 mg with liver disease',
  },
  /** Engine messages worded for the page (ui/i18n/messages.ts); in English exactly the engine's words. */
  problems: {
    limit: (field: string, value: string, limit: string, what: string) => `${field}: ${value} ${what}; at most ${limit} are allowed`,
    rangeNote: (name: string, value: number, unit: string, lo: number, hi: number, bounds: string) => `${name} = ${value} ${unit} is outside its typical range [${lo}, ${hi}] ${unit} (within its bounds, ${bounds}); it runs`,
  },
  /** Problems of a shared link (ui/scenario.ts decodeScenario), one line each, naming the field. */
  link: {
    number: (field: string, min: number, max: number, got: string) => `${field}: expected a number from ${min} to ${max}, got ${got}`,
    model: (got: string) => `model: no built-in model ${got}`,
    clock: (field: string, got: string) => `${field}: expected a clock time HH:MM (e.g. 22:00), got ${got}`,
    clockRange: (field: string, got: string) => `${field}: expected HH:MM with HH 00–23 and MM 00–59, got ${got}`,
    titrationSteps: (steps: number, max: number) => `titration: ${steps} steps; at most ${max} are allowed`,
    titrationStepDays: (step: number, days: number, max: number) => `titration: step ${step} lasts ${days} days; at most ${max} are allowed`,
    titration: (got: string) => `titration: expected steps like 0.5x7,1.5x7, got ${got}`,
    morphine: (got: string) => `morphine: expected DOSE@HOURS like 10@6, got ${got}`,
    every: (allowed: string, got: string) => `every: expected one of ${allowed} (hours between doses; 0 = one dose), got ${got}`,
    steadyState: (got: string) => `ss: expected 1 (start at steady state) or 0, got ${got}`,
    noParam: (field: string, model: string) => `${field}: model "${model}" has no such parameter`,
    paramBounds: (field: string, bounds: string, got: string) => `${field}: expected a number ${bounds}, got ${got}`,
    option: (field: string, options: string, got: string) => `${field}: expected one of ${options}, got ${got}`,
    more: (n: number) => `${n} more`,
    pinned: (problem: string) => `pinned ${problem}`,
  },
  summary: {
    peak: (label: string, value: string, at: string) => `Peak ${label} ${value} at ${at}`,
    firstPeak: (label: string, value: string, at: string) => `After the first dose, peak ${label} ${value} at ${at}`,
    staysBelow: (limit: string) => `; it stays below ${limit} throughout.`,
    below: (limit: string) => `, below ${limit}.`,
    clearedBy: (limit: string, at: string) => `; cleared below ${limit} by ${at}.`,
    notBelowEnd: (limit: string, lowest: string) => `; it does not fall below ${limit} before the end (lowest after the peak ${lowest}).`,
    notBelowNext: (limit: string, lowest: string) => `; it does not fall below ${limit} before the next dose (lowest ${lowest}).`,
    highestRun: (value: string, at: string) => ` Highest over the whole run ${value} at ${at}.`,
    peaksAtTime: (label: string, value: string, at: string) => `${label} peaks at ${value} at ${at}`,
    lowest: (label: string, value: string, at: string) => `${label} is lowest at ${value} at ${at}`,
    reboundPeak: (value: string, at: string) => `the rebound peaks at ${value} at ${at}`,
    noRebound: 'no rebound above baseline before the end',
    peaksAt: (label: string, value: string) => `${label} peaks at ${value}`,
  },
  // Issue #13: the two blockade calibrations and the human evidence (the bound between them: MODEL_PAGE_STRINGS.blockade;
  // the words of each marked figure: EVIDENCE_STRINGS)
  blockade: {
    switchLabel: 'Blockade duration',
    brief: 'LDN hypothesis (brief; mouse data)',
    long: 'Human PET (long)',
    briefNote: 'A hypothesis: the daily blockade clears within hours, as in mice (Zagon & McLaughlin 1983). To do so the model keeps 6β-naltrexol almost out of the brain, and a 50 mg blockade then fades within a day — much faster than human PET shows.',
    longNote: 'Fitted to human PET after 50 mg: the blockade halves only after 3–4 days (Lee 1988; product information). With this, a daily 4.5 mg dose never lets the blockade clear, and no rebound above baseline appears.',
    compare: 'LDN hypothesis vs human PET',
    compareNote: 'Pinned: the LDN hypothesis (brief). Shown: human PET (long). Same dose and times.',
    evidenceToggle: 'Evidence: mark published human figures on the blockade chart',
    evidenceNone: 'No published human figure matches this scenario (PET exists after single doses of 2, 5, 15 and 50 mg, and for 50 mg every second day).',
    evidenceHeading: 'Published human figures on this chart',
    evidenceSummary: (n: number) => `Evidence: ${n} published human figure${n === 1 ? '' : 's'} marked (diamonds: measured values; bars: published or derived ranges).`,
    petSeries: 'Mu occupancy a PET scan would read',
    blockadeTitle: 'Opioid receptor blockade (PET-read occupancy dotted)',
    tlr4Title: 'TLR4 inhibition (a hypothesis; mass action from in vitro IC50)',
    phaseWaning: 'Waning: the blockade is falling but will not clear before the next dose (the human-PET calibration keeps it up for days).',
    regimenOnce: '50 mg once, followed for a week (human PET)',
    regimenEvery48: '50 mg every 2nd day (product information)',
  },
  // Accessibility and compare (issue #17)
  a11y: {
    /** Accessible name of a chart's cursor (a slider, ARIA APG), e.g. "Opioid receptor blockade: cursor time". */
    chartCursor: (title: string) => `${title}: cursor time`,
    /** A chart's cursor value: the clock time and each line's value there. */
    chartCursorValue: (clock: string, values: string) => `${clock}: ${values}`,
    /** Summary of the current scenario when one is pinned. */
    summaryCurrent: (label: string, text: string) => `Current, ${label}: ${text}`,
    summaryPinned: (label: string, text: string) => `Pinned, ${label}: ${text}`,
    tooltipPinned: (label: string) => `pinned, ${label}`,
    tooltipCurrent: (label: string) => `current, ${label}`,
    logScale: 'Log scale',
    logScaleNote: 'Logarithmic axis: each gridline is ten times the one below; zero is not shown.',
    pinned: (text: string) => `Pinned: ${text}`,
    unpinned: 'Pinned scenario removed.',
    reducedMotionPlay: 'Reduced motion is on: Play steps the cursor once a second instead of animating.',
    doseAboveCharts: 'The dose slider is above the charts.',
  },
  /** Observed points from the Research tab on the Simulator's charts (ui/observed-marks.ts). */
  observed: {
    heading: (n: number) => `Observed points on this chart (${n}, from the Research tab)`,
    summary: (n: number, groups: string) => `Observed: ${n} point${n === 1 ? '' : 's'} from the Research tab's observations (group${groups.includes(',') ? 's' : ''} ${groups}), drawn as black-edged markers with error bars (± sd); hollow markers are below the quantification limit.`,
    item: (group: string, what: string, value: string, timeH: string, censored: boolean) =>
      `Group ${group}: ${what} ${value} at ${timeH} h${censored ? ' (below the quantification limit)' : ''}`,
  },
} as const;

registerTable('chartStrings', CHART_STRINGS);

/** Formats a dose in mg with the fewest digits that show it exactly (4.5 → "4.5", 0.25 → "0.25"). */
export function formatMg(mg: number): string {
  return `${Number(mg.toPrecision(6))}`;
}
