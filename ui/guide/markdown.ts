/**
 * A small Markdown reader for the teacher's guide (docs/teaching.md shown in the built app, guide.html): headings,
 * paragraphs, bullet lists (with continuation lines), block quotes and inline `code`, **bold**, *italic* and
 * [links](url). It returns blocks as data; the page turns them into elements, so nothing from the file is ever
 * parsed as HTML. Not a general Markdown parser: the guide uses only these.
 */
import { inlineSpans } from '../markdown-tables';

/** A run of inline text. `link` runs carry their target. */
export interface Inline { readonly kind: 'text' | 'code' | 'strong' | 'em' | 'link'; readonly text: string; readonly href?: string }

/** One block of the document. */
export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly text: readonly Inline[]; readonly id: string }
  | { readonly kind: 'paragraph'; readonly text: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: 'quote'; readonly text: readonly Inline[] };

/** Splits inline Markdown into runs: links first, then code, bold and italic inside the rest. */
export function inlineRuns(s: string): Inline[] {
  const out: Inline[] = [];
  const link = /\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  // Links inside code spans are not links: split at code spans first.
  for (const span of inlineSpans(s)) {
    if (span.kind !== 'text') { out.push({ kind: span.kind, text: span.text }); continue; }
    last = 0;
    link.lastIndex = 0;
    for (let m = link.exec(span.text); m; m = link.exec(span.text)) {
      if (m.index > last) out.push({ kind: 'text', text: span.text.slice(last, m.index) });
      out.push({ kind: 'link', text: m[1]!, href: m[2]! });
      last = m.index + m[0].length;
    }
    if (last < span.text.length) out.push({ kind: 'text', text: span.text.slice(last) });
  }
  return out;
}

/** A heading's anchor: lower case, letters, digits and hyphens (`3. The LDN hypothesis` → `3-the-ldn-hypothesis`). */
export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The blocks of `markdown`. Code fences and tables are left out (the guide has none). */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split(/\r?\n/);
  let para: string[] = [];
  let quote: string[] = [];
  let items: string[] | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: inlineRuns(para.join(' ')) });
    if (quote.length) blocks.push({ kind: 'quote', text: inlineRuns(quote.join(' ')) });
    if (items) blocks.push({ kind: 'list', items: items.map(inlineRuns) });
    para = [];
    quote = [];
    items = null;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      const plain = inlineRuns(h[2]!).map((r) => r.text).join('');
      blocks.push({ kind: 'heading', level: h[1]!.length, text: inlineRuns(h[2]!), id: slug(plain) });
      continue;
    }
    if (!line.trim()) { flush(); continue; }
    const q = /^>\s?(.*)$/.exec(line);
    if (q) { if (!quote.length) flush(); quote.push(q[1]!); continue; }
    const li = /^\s*[-*]\s+(.*)$/.exec(line);
    if (li) { if (!items) flush(); items ??= []; items.push(li[1]!); continue; }
    if (items && /^\s+\S/.test(raw)) { items[items.length - 1] += ` ${line.trim()}`; continue; }
    if (quote.length) { quote.push(line.trim()); continue; }
    para.push(line.trim());
  }
  flush();
  return blocks;
}
