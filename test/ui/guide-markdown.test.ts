import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons/index';
import { inlineRuns, markdownBlocks, slug } from '../../ui/guide/markdown';

// The teacher's guide page (guide.html) shows docs/teaching.md through ui/guide/markdown.ts.
const TEACHING = readFileSync(new URL('../../docs/teaching.md', import.meta.url), 'utf8');

describe('the guide\'s Markdown reader', () => {
  it('reads headings, paragraphs, lists with continuation lines, quotes and inline runs; never HTML', () => {
    const blocks = markdownBlocks('# Title\n\nOne\nline.\n\n- **Goals**: a\n  b\n- c [d](x.md)\n\n> quote\n> more\n\n## 2. Two (`id-2`, ~5 min)\n<b>x</b>');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'quote', 'heading', 'paragraph']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', text: [{ kind: 'text', text: 'One line.' }] });
    expect(blocks[2]).toEqual({ kind: 'list', items: [
      [{ kind: 'strong', text: 'Goals' }, { kind: 'text', text: ': a b' }],
      [{ kind: 'text', text: 'c ' }, { kind: 'link', text: 'd', href: 'x.md' }],
    ] });
    expect(blocks[3]).toEqual({ kind: 'quote', text: [{ kind: 'text', text: 'quote more' }] });
    expect(blocks[4]).toMatchObject({ kind: 'heading', level: 2, id: '2-two-id-2-5-min' });
    expect(blocks[5]).toEqual({ kind: 'paragraph', text: [{ kind: 'text', text: '<b>x</b>' }] });
    expect(inlineRuns('see `[a](b)` and [c](https://e.org)')).toEqual([
      { kind: 'text', text: 'see ' }, { kind: 'code', text: '[a](b)' }, { kind: 'text', text: ' and ' }, { kind: 'link', text: 'c', href: 'https://e.org' },
    ]);
    expect(slug('3. The LDN hypothesis — évidence')).toBe('3-the-ldn-hypothesis-evidence');
  });

  it('docs/teaching.md has a section for every lesson of lessons/index.ts (its id as code in the heading), with goals, misconceptions and an embed snippet', () => {
    const blocks = markdownBlocks(TEACHING);
    for (const l of LESSONS) {
      const i = blocks.findIndex((b) => b.kind === 'heading' && b.text.some((r) => r.kind === 'code' && r.text === l.id));
      expect(i, `teaching.md: no section for lesson ${l.id}`).toBeGreaterThan(0);
      const list = blocks[i + 1];
      expect(list?.kind, l.id).toBe('list');
      const text = list?.kind === 'list' ? list.items.map((r) => r.map((x) => x.text).join('')).join('\n') : '';
      expect(text, l.id).toMatch(/Goals/);
      expect(text, l.id).toMatch(/Misconceptions/);
      expect(text, l.id).toContain(`<ldn-sim-widget lesson="${l.id}"></ldn-sim-widget>`);
    }
  });
});
