import { registerTable } from '../i18n/runtime';

/**
 * The strings of the Research tab's fit to observations (ui/research/ldn-fit-panel.ts, docs/fitting.md): a table of
 * their own, loaded with the tab, so that the widget and the app's first screen do not download them (issue #18).
 * English source; `registerTable` fills it in the page's language from the `fit` entry of ui/i18n/es.ts and the
 * like (also when the table is first loaded on a page whose language is already set).
 */
export const FIT_STRINGS = {
  heading: 'Fit to observations',
  hint: 'Paste or load an observations CSV (time_h,output,value, optionally sd or cv, lloq, group with dose_mg, at, days; see docs/fitting.md), pick the parameters to estimate and fit. A fit says which values make this model agree with these data; it does not make the model true.',
  file: 'Observations CSV file',
  paste: 'or paste the observations',
  load: 'Show the observations',
  loaded: (n: number, groups: number, outputs: number) => `${n} observation${n === 1 ? '' : 's'} in ${groups} group${groups === 1 ? '' : 's'}, ${outputs} chart${outputs === 1 ? '' : 's'}.`,
  scenarioColumn: (source: string, line: number) => `${source} line ${line}, column scenario: the app cannot open scenario files named in observations; give the group dose_mg, at and days columns, or use ldn-sim fit.`,
  paramsLegend: 'Parameters to estimate',
  paramsHint: 'Each is estimated within its declared range, on the log scale when the range is positive.',
  errorLabel: 'Error model',
  errorAdditive: 'Additive (weights from sd or cv)',
  errorProportional: 'Proportional (log residuals)',
  startsLabel: 'Starts',
  run: 'Fit',
  cancel: 'Cancel',
  cancelLabel: 'Cancel the fit',
  progressLabel: 'Fit progress',
  progress: (f: number) => `Fitting: ${Math.round(100 * f)}%`,
  cancelled: 'Fit cancelled; the previous result, if any, is kept.',
  pickParams: 'Pick at least one parameter to estimate.',
  noObservations: 'Load observations first.',
  tableCaption: 'Estimates with standard errors and 95% confidence intervals',
  colParameter: 'Parameter',
  colStart: 'Start',
  colEstimate: 'Estimate',
  colSe: 'SE',
  colCi: '95% CI',
  colUnit: 'Unit',
  notEstimable: 'n/a',
  summary: (objective: string, n: number, p: number, reason: string, evaluations: number) => `Objective (weighted sum of squares) ${objective} over ${n} observations and ${p} parameter${p === 1 ? '' : 's'}; stopped: ${reason}; ${evaluations} model runs.`,
  warningsHeading: 'Warnings',
  noWarnings: 'No identifiability warnings.',
  notesHeading: 'Outside the typical range (within the physical bounds)',
  apply: 'Apply to the scenario',
  applyHint: 'Sets the fitted values as parameters of the simulator\'s scenario, so the link and every export carry them.',
  applied: (n: number) => `Applied ${n} fitted value${n === 1 ? '' : 's'} to the scenario.`,
  residualsCsv: 'Residuals CSV',
  svg: 'SVG',
  png: 'PNG',
  chartAria: (label: string, n: number) => `${label}: model curve and ${n} observed point${n === 1 ? '' : 's'} with error bars`,
  chartSummary: (label: string, n: number, groups: number, fitted: boolean) => `${label}: ${n} observed point${n === 1 ? '' : 's'} in ${groups} group${groups === 1 ? '' : 's'}, drawn with the ${fitted ? 'fitted' : 'current'} model curve of each group.`,
  curveCurrent: 'current model',
  curveFitted: 'fitted model',
  exportHeading: 'ldn-sim: model fitted to observations',
  exportFooter: 'ldn-sim — for education and research, not medical advice.',
} as const;

registerTable('fit', FIT_STRINGS);
