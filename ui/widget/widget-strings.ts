/**
 * The widget's own user-visible strings (the charts, controls and phases reuse the app's table, `ui/strings.ts`).
 */
import { registerTable } from '../i18n/runtime';
import { formatMg } from '../chart-strings';

export const WIDGET_STRINGS = {
  widgetLabel: 'Naltrexone simulation',
  controlsLabel: 'Scenario',
  daysLabel: 'Days simulated',
  daysUnit: 'days',
  compareNote: (mg: number) => `Hollow lines: ${formatMg(mg)} mg daily for comparison.`,
  computing: 'Computing…',
  receptorsHeading: (at: string) => `Mu receptors at ${at}`,
  timeLabel: 'Time shown',
  play: 'Play',
  pause: 'Pause',
  disclaimer: 'For education only — not medical advice.',
  problem: 'Check the widget’s attributes: ',
  failed: 'The simulation failed: ',
  unmatchedView: (names: readonly string[], model: string) => `view: model "${model}" has no ${names.join(', ')} chart`,
  unknownControls: (names: readonly string[]) => `controls: unknown ${names.join(', ')} (use dose, time, days, play or none)`,
  /** Attribute problems (checkScenario, widget-dosing.ts): each names the attribute, in every language. */
  problems: {
    time: (problem: string, fallback: string) => `${problem}; using ${fallback}`,
    days: (max: number, got: string, fallback: number) => `days: expected a whole number of days from 1 to ${max}, got ${got}; using ${fallback}`,
    modelName: (limit: string) => `${limit}; using the default model`,
    blockade: (got: string) => `blockade: expected brief or long, got ${got}; using brief`,
    dose: (name: string, min: number, max: number, got: string, fallbackMg: number | null) => `${name}: expected a dose in mg from ${min} to ${max}, got ${got}${fallbackMg === null ? '; not drawn' : `; using ${fallbackMg} mg`}`,
    pair: (attr: string, example: string, got: string) => `${attr}: expected NAME=VALUE items like ${example}, got ${got}`,
    titration: (maxMg: number, got: string) => `titration: expected steps MGxDAYS like 0.5x7,1.5x7 (0–${maxMg} mg, whole days), got ${got}; dosing daily`,
    titrationDays: (total: number, max: number) => `titration: the steps add up to ${total} days, at most ${max}; dosing daily`,
    comedication: (maxMg: number, everyMin: number, everyMax: number, got: string) => `comedication: expected DRUG:MG@HOURS like morphine:10@6 (0–${maxMg} mg every ${everyMin}–${everyMax} h), got ${got}; left out`,
    paramNumber: (name: string, got: string) => `params: ${name}: expected a number, got ${got}; left out`,
    noDrug: (model: string, drug: string, drugs: string) => `comedication: model "${model}" has no drug ${drug}; expected one of ${drugs}`,
    noComedication: (model: string) => `comedication: model "${model}" takes no co-medication`,
    noParam: (model: string, name: string) => `params: model "${model}" has no parameter ${name}`,
    paramBounds: (name: string, bounds: string, unit: string, got: number) => `params: ${name}: expected a number ${bounds} (${unit}), got ${got}; left out`,
    noGroup: (model: string, group: string, groups: string) => `presets: model "${model}" has no preset group ${group}${groups ? ` (groups: ${groups})` : ''}`,
    noOption: (group: string, options: string, got: string) => `presets: ${group}: expected one of ${options}, got ${got}`,
  },
} as const;

registerTable('widget', WIDGET_STRINGS);
