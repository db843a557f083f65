import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineSpans, markdownTables } from '../../ui/markdown-tables';

describe('Markdown tables (the Model tab\'s evidence tables)', () => {
  it('reads pipe tables with their section heading, skipping code fences, with pipes inside code kept', () => {
    const md = '# T\n\n## Calibration\n\ntext\n\n| a | b |\n|---|:-:|\n| `x|y` | 2 |\n| 3 | *4* |\n\n```\n| not | a |\n|---|---|\n```\n### Other\n| c |\n|---|\n| 5 |\n';
    expect(markdownTables(md)).toEqual([
      { heading: 'Calibration', header: ['a', 'b'], rows: [['`x|y`', '2'], ['3', '*4*']] },
      { heading: 'Other', header: ['c'], rows: [['5']] },
    ]);
  });
  it('splits inline code, bold and italic', () => {
    expect(inlineSpans('a `b` **c** *d* e*')).toEqual([
      { kind: 'text', text: 'a ' }, { kind: 'code', text: 'b' }, { kind: 'text', text: ' ' }, { kind: 'strong', text: 'c' },
      { kind: 'text', text: ' ' }, { kind: 'em', text: 'd' }, { kind: 'text', text: ' e*' },
    ]);
  });
  it('finds the calibration and PET tables of docs/model.md, each row as wide as its header', () => {
    const tables = markdownTables(readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8'));
    const calibrated = tables.find((t) => t.heading === 'What calibrated what');
    expect(calibrated?.header).toEqual(['fitted', 'to', 'result']);
    expect(calibrated!.rows.length).toBeGreaterThanOrEqual(3);
    expect(tables.some((t) => t.header[0] === 'peak mu blockade within 8 h')).toBe(true);
    for (const t of tables) for (const r of t.rows) expect(r.length, `${t.heading}: ${r[0]}`).toBe(t.header.length);
  });
});
