/** Placeholders in lesson texts: `{name}` or `{name:format}`, filled with values computed from the run. */
import type { LessonText, ValueFormat } from './types';

export const VALUE_FORMATS: readonly ValueFormat[] = ['percent', 'hours', 'clock', 'number', 'mg', 'ngml', 'fold'];

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\}/g;

/** The placeholders of a text, in order: `{ name, format }` (format undefined when not given). */
export function placeholdersOf(text: string): { name: string; format: string | undefined }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, format: m[2] }));
}

/** Formats one value for a text (the UI passes `Intl`-based formatters in the page's language). */
export type ValueFormatter = (value: number, format: ValueFormat) => string;

/** A text in a language (falling back to English), with every placeholder replaced by its formatted value. */
export function fillText(text: LessonText, lang: string, values: Readonly<Record<string, number>>,
  formats: Readonly<Record<string, ValueFormat>>, format: ValueFormatter): string {
  const src = text[lang] ?? text['en'] ?? '';
  return src.replace(PLACEHOLDER, (whole, name: string, f: string | undefined) => {
    const v = values[name];
    if (v === undefined) return whole;
    return format(v, (f ?? formats[name] ?? 'number') as ValueFormat);
  });
}

/** A plain formatter without `Intl` (tests, Node tools): 52%, 3.4 h, 22:30, 1.23, 4.5 mg, 1.2 ng/mL, 5×. */
export function plainFormat(value: number, format: ValueFormat): string {
  const sig = (x: number, d = 3) => `${Number(x.toPrecision(d))}`;
  switch (format) {
    case 'percent': return `${Math.abs(value) < 0.1 && value !== 0 ? sig(value * 100, 2) : Math.round(value * 100)}%`;
    case 'hours': return `${sig(value, 2)} h`;
    case 'clock': {
      const m = Math.round((((value % 24) + 24) % 24) * 60) % 1440;
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    }
    case 'mg': return `${sig(value)} mg`;
    case 'ngml': return `${sig(value)} ng/mL`;
    case 'fold': return `${sig(value, 2)}×`;
    default: return sig(value);
  }
}
