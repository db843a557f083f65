/**
 * The tables of a Markdown document (GitHub pipe tables), each with the heading of the section it sits in: how the
 * Model tab shows the evidence tables of docs/model.md without copying them (one source, kept true by its tests).
 * Inline Markdown in cells is kept as text; {@link inlineSpans} splits it into code, bold and italic runs.
 */

/** One table of the document. */
export interface MarkdownTable {
  /** The nearest heading above the table (without `#`s). */
  readonly heading: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Splits a table row at unescaped pipes, trimming the outer ones. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let code = false;
  const s = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '|') { cur += '|'; i++; continue; }
    if (c === '`') code = !code;
    if (c === '|' && !code) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

const isDelimiter = (line: string) => /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);

/** Every pipe table of `markdown`, in order, with its section heading. Code fences are skipped. */
export function markdownTables(markdown: string): MarkdownTable[] {
  const lines = markdown.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  let heading = '';
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) { fence = !fence; continue; }
    if (fence) continue;
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (h) { heading = h[1]!.trim(); continue; }
    if (line.trim().startsWith('|') && i + 1 < lines.length && isDelimiter(lines[i + 1]!)) {
      const header = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(cells(lines[i++]!));
      i--;
      tables.push({ heading, header, rows });
    }
  }
  return tables;
}

/** A run of inline text: plain, `code`, **bold** or *italic*. */
export interface InlineSpan { readonly kind: 'text' | 'code' | 'strong' | 'em'; readonly text: string }

/** Splits inline Markdown into spans (no nesting; unmatched markers stay as text). */
export function inlineSpans(s: string): InlineSpan[] {
  const out: InlineSpan[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m.index > last) out.push({ kind: 'text', text: s.slice(last, m.index) });
    out.push(m[1] !== undefined ? { kind: 'code', text: m[1] } : m[2] !== undefined ? { kind: 'strong', text: m[2] } : { kind: 'em', text: m[3]! });
    last = re.lastIndex;
  }
  if (last < s.length) out.push({ kind: 'text', text: s.slice(last) });
  return out;
}
