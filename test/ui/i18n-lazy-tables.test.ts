import { afterEach, describe, expect, it } from 'vitest';
import { catalogue, loadLanguage, setLanguage, tableNames } from '../../ui/i18n/runtime';

// Issue #18: a lazily loaded part's string table (ui/research/research-strings.ts, …) registers itself when the
// part's chunk is first imported, which on a Spanish page is after the language was applied. `registerTable` must
// then fill it in Spanish at once. This file imports no table statically: each import below is the table's first.
const TABLE_FILES = import.meta.glob<Record<string, unknown>>(['../../ui/strings.ts', '../../ui/**/*-strings.ts']);
// ui/chart-strings.ts first, then ui/strings.ts (which imports it; widget-strings.ts imports chart-strings.ts), so each
// later import registers exactly its own table.
const rank = (file: string) => (file.endsWith('/ui/chart-strings.ts') ? 0 : file.endsWith('/ui/strings.ts') ? 1 : 2);
const ORDERED = Object.entries(TABLE_FILES).sort(([a], [b]) => rank(a) - rank(b));

describe('a table first loaded on a Spanish page is Spanish at once (issue #18)', () => {
  afterEach(() => setLanguage('en'));

  it('every table (research, fit, Model tab, lessons, guide, Embed, evidence, …): each string is the es catalogue\'s right after its first import, and English again after switching back', async () => {
    await loadLanguage('es');
    expect(tableNames()).toEqual([]);
    for (const [file, load] of ORDERED) {
      const before = tableNames();
      const table = Object.values(await load()).find((v) => v && typeof v === 'object');
      const added = tableNames().filter((n) => !before.includes(n));
      expect(added, `${file} registers one table`).toHaveLength(1);
      // The catalogue is complete (test/ui/i18n.test.ts), so every string is the Spanish one; the functions are the
      // catalogue's own, compared by identity.
      expect(table, `${file} (${added[0]}) right after its first import on a Spanish page`).toEqual(catalogue('es')[added[0]!]);
    }
    expect(tableNames()).toEqual(expect.arrayContaining(['strings', 'chartStrings', 'widget', 'research', 'fit', 'modelPage', 'lessons', 'guide', 'embed', 'evidence']));
    const { RESEARCH_STRINGS } = await import('../../ui/research/research-strings');
    expect(RESEARCH_STRINGS.cancel).toBe('Cancelar');
    setLanguage('en');
    expect(RESEARCH_STRINGS.cancel).toBe('Cancel');
  });
});
