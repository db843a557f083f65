import { afterEach, describe, expect, it } from 'vitest';
import { catalogue, loadLanguage, setLanguage, tableNames } from '../../ui/i18n/runtime';

// Issue #18: a lazily loaded tab's string table (ui/research/research-strings.ts, …) registers itself when the tab's
// chunk is first imported, which on a Spanish page is after the language was applied. `registerTable` must then fill
// it in Spanish at once. This file imports no table statically, so each import below is the table's first.
const LAZY = [
  { name: 'research', load: async () => (await import('../../ui/research/research-strings')).RESEARCH_STRINGS },
  { name: 'fit', load: async () => (await import('../../ui/research/fit-strings')).FIT_STRINGS },
  { name: 'modelPage', load: async () => (await import('../../ui/model-page-strings')).MODEL_PAGE_STRINGS },
  { name: 'lessons', load: async () => (await import('../../ui/lessons/lesson-strings')).LESSON_STRINGS },
  { name: 'guide', load: async () => (await import('../../ui/guide/guide-strings')).GUIDE_STRINGS },
  { name: 'embed', load: async () => (await import('../../ui/widget/embed-strings')).EMBED_STRINGS },
  { name: 'evidence', load: async () => (await import('../../ui/evidence-strings')).EVIDENCE_STRINGS },
] as const;

describe('a table first loaded on a Spanish page is Spanish at once (issue #18)', () => {
  afterEach(() => setLanguage('en'));

  it('research, fit, Model tab, lessons, guide, Embed and evidence tables: every string is the es catalogue\'s, and English again after switching back', async () => {
    await loadLanguage('es');
    expect(tableNames()).not.toContain('research');
    for (const { name, load } of LAZY) {
      const table = await load();
      expect(tableNames()).toContain(name);
      // The catalogue is complete (test/ui/i18n.test.ts), so every string and function is the Spanish one (the
      // functions are the catalogue's own, compared by identity).
      expect(table, `${name} right after its first import on a Spanish page`).toEqual(catalogue('es')[name]);
    }
    const { RESEARCH_STRINGS } = await import('../../ui/research/research-strings');
    expect(RESEARCH_STRINGS.cancel).toBe('Cancelar');
    setLanguage('en');
    expect(RESEARCH_STRINGS.cancel).toBe('Cancel');
  });
});
