/** Lesson values for display, with `Intl` in the page's language (ui/i18n/runtime.ts). */
import type { ValueFormat } from '../../engine/lesson/types';
import { formatClockTime, formatHours, formatNumber, formatPercent } from '../i18n/runtime';

/** 0.52 → "52%", 3.4 → "3.4 h", 22.5 → "22:30", 1.23 → "1.23 ng/mL", 5 → "5×" (each in the page's language). */
export function formatLessonValue(value: number, format: ValueFormat): string {
  switch (format) {
    case 'percent': return formatPercent(value);
    case 'hours': return formatHours(value, 2);
    case 'clock': return formatClockTime(value);
    case 'mg': return `${formatNumber(value)} mg`;
    case 'ngml': return `${formatNumber(value)} ng/mL`;
    case 'fold': return `${formatNumber(value, 2)}×`;
    default: return formatNumber(value);
  }
}

/** A typed answer (in the typed unit: percent for `percent`) for display. */
export function formatTyped(typed: number, format: ValueFormat): string {
  return formatLessonValue(format === 'percent' ? typed / 100 : typed, format);
}
