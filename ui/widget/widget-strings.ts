/**
 * The widget's own user-visible strings (the charts, controls and phases reuse the app's table, `ui/strings.ts`).
 */
import { registerTable } from '../i18n/runtime';
import { formatMg } from '../strings';

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
} as const;

registerTable('widget', WIDGET_STRINGS);
