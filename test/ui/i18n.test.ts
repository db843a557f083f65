import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STRINGS } from '../../ui/strings';
import { WIDGET_STRINGS } from '../../ui/widget/widget-strings';
import { RESEARCH_STRINGS } from '../../ui/research/research-strings';
import { clockAt, formatValue } from '../../ui/format';
import { formatLessonValue } from '../../ui/lessons/format';
import {
  LANGUAGES, catalogue, englishTable, formatClockTime, formatNumber, formatPercent, loadCatalogue, pickLanguage, setLanguage, tableNames,
} from '../../ui/i18n/runtime';

/** Every difference between an English table and a translation, one line each ("research.cvOf: missing"). */
function differences(en: unknown, tr: unknown, path: string, out: string[]): string[] {
  if (tr === undefined) { out.push(`${path}: missing`); return out; }
  if (typeof en !== typeof tr || Array.isArray(en) !== Array.isArray(tr)) {
    out.push(`${path}: English has a ${Array.isArray(en) ? 'list' : typeof en}, the translation a ${Array.isArray(tr) ? 'list' : typeof tr}`);
    return out;
  }
  if (typeof en === 'function' && (en as (...a: unknown[]) => unknown).length !== (tr as (...a: unknown[]) => unknown).length) {
    out.push(`${path}: English takes ${(en as () => void).length} placeholder argument(s), the translation ${(tr as () => void).length}`);
  } else if (Array.isArray(en)) {
    if (en.length !== (tr as unknown[]).length) out.push(`${path}: English has ${en.length} entries, the translation ${(tr as unknown[]).length}`);
  } else if (en && typeof en === 'object') {
    const e = en as Record<string, unknown>;
    const t = tr as Record<string, unknown>;
    for (const k of Object.keys(e)) differences(e[k], t[k], path ? `${path}.${k}` : k, out);
    for (const k of Object.keys(t)) if (!(k in e)) out.push(`${path ? `${path}.` : ''}${k}: extra (English has no such key)`);
  }
  return out;
}

// Every string table of the UI: ui/strings.ts and each `ui/**/*-strings.ts` beside the code that uses it (issue #18:
// a lazily loaded tab carries its own table). Importing them all registers every table, so none escapes the checks.
const TABLE_FILES = import.meta.glob(['../../ui/strings.ts', '../../ui/**/*-strings.ts'], { eager: true });

describe('message catalogues', () => {
  // Each translation is a chunk of its own, fetched when its language is chosen (issue #18).
  beforeAll(() => Promise.all(LANGUAGES.map(loadCatalogue)));
  afterEach(() => setLanguage('en'));

  it('registers one table per string file: the app, the widget and each lazily loaded tab', () => {
    expect(Object.keys(TABLE_FILES).length).toBeGreaterThanOrEqual(9);
    expect(tableNames()).toHaveLength(Object.keys(TABLE_FILES).length);
    expect(tableNames()).toEqual(expect.arrayContaining(['strings', 'chartStrings', 'widget', 'research', 'fit', 'modelPage', 'lessons', 'guide', 'embed', 'evidence']));
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`the ${lang} catalogue has one entry per registered table, and the models' texts`, () => {
      expect(Object.keys(catalogue(lang)).sort(), `${lang}: the tables of ui/i18n/${lang}.ts`).toEqual([...tableNames(), 'models'].sort());
    });

    for (const table of tableNames()) {
      it(`the ${lang} catalogue has exactly the keys of English table "${table}", with the same placeholders`, () => {
        const problems = differences(englishTable(table), catalogue(lang)[table], table, []);
        expect(problems, `${lang}: translate these in ui/i18n/${lang}.ts`).toEqual([]);
      });
    }
  }

  it('the check itself reports a missing key, an extra key and a changed placeholder count', () => {
    const en = { a: 'x', b: (n: number) => `${n}`, c: { d: 'y' } };
    const tr = { b: () => 'z', c: { d: 'w', e: 'v' } };
    expect(differences(en, tr, '', [])).toEqual([
      'a: missing', 'b: English takes 1 placeholder argument(s), the translation 0', 'c.e: extra (English has no such key)',
    ]);
  });

  it('setLanguage refills STRINGS, WIDGET_STRINGS and a lazy tab\'s table in place, and back to English', () => {
    const en = STRINGS.tabSimulator;
    setLanguage('es');
    expect(STRINGS.tabSimulator).toBe('Simulador');
    expect(RESEARCH_STRINGS.cancel).toBe('Cancelar');
    expect(WIDGET_STRINGS.play).toBe('Reproducir');
    expect(STRINGS.clockDay('07:30', 2)).toBe('07:30 (día 2)');
    setLanguage('en');
    expect(STRINGS.tabSimulator).toBe(en);
    expect(STRINGS.clockDay('07:30', 2)).toBe('07:30 (day 2)');
  });

  it('picks ?lang= first, then the browser languages by their base tag, else English', () => {
    expect(pickLanguage(['es', 'en-GB'])).toBe('es');
    expect(pickLanguage([null, 'es-MX', 'en'])).toBe('es');
    expect(pickLanguage(['fr', 'de-DE'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('chart values, clock times with the day, and lesson values follow the language (English unchanged)', () => {
    expect(formatValue(1.234, 'ng/mL')).toBe('1.23 ng/mL');
    expect(formatValue(52.4, '%')).toBe('52%');
    expect(formatLessonValue(3.44, 'hours')).toBe('3.4 h');
    setLanguage('es');
    expect(formatValue(1.234, 'ng/mL')).toBe('1,23 ng/mL');
    expect(formatValue(52.4, '%')).toMatch(/^52\s%$/);
    expect(formatValue(1.2345, '× baseline')).toBe('1,235×');
    expect(clockAt(9.5, 22)).toBe('07:30 (día 2)');
    expect(formatLessonValue(3.44, 'hours')).toBe('3,4 h');
    expect(formatLessonValue(5.04, 'fold')).toBe('5×');
  });

  it('formats numbers, percentages and clock times with Intl for the language (es: decimal comma)', () => {
    expect(formatNumber(1.234)).toBe('1.23');
    expect(formatPercent(0.523)).toBe('52%');
    expect(formatClockTime(22.5)).toBe('22:30');
    setLanguage('es');
    expect(formatNumber(1.234)).toBe('1,23');
    expect(formatPercent(0.523)).toMatch(/^52\s%$/);
    expect(formatClockTime(7.25)).toBe('07:15');
  });
});
