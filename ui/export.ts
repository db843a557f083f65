/**
 * Export helpers: file downloads and composing the charts into one SVG (and a PNG of it).
 *
 * Exports are always light, whatever the page's theme: black ink on white, the light theme's colours. A figure
 * exported from a dark page is pasted into slides, documents and handouts, which are white in the great majority
 * of cases and get printed; a dark rectangle there (or a figure that differs by who exported it) is what a user does
 * not expect. Every chart line has ≥ 3:1 contrast on white (the palette is checked against the light surface).
 */
import { THEMES } from './theme';

/** The theme every export is drawn in (see above). */
export const EXPORT_THEME = THEMES.light;

/** Saves text or a blob as a file through a temporary link (no other origin involved). */
export function download(data: Blob | string, filename: string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One chart to compose: its drawn SVG, title and summary. */
export interface ChartSnapshot { readonly svg: SVGSVGElement; readonly title: string; readonly summary: string }

/**
 * Stacks chart snapshots into one standalone SVG document with a heading, titles, summaries and a footer. Every
 * style is a presentation attribute, so the file looks the same in any viewer.
 */
export function composeSvg(charts: readonly ChartSnapshot[], heading: string, footer: string): SVGSVGElement {
  const width = Math.max(320, ...charts.map((c) => Number(c.svg.getAttribute('width')) || 640));
  const doc = document.createElementNS(SVG_NS, 'svg');
  doc.setAttribute('xmlns', SVG_NS);
  doc.setAttribute('font-family', 'system-ui, sans-serif');
  // Axes, ticks and ink-coloured lines are drawn in `currentColor`: the light theme's ink, set here, not the page's
  // (an attribute: a `style` attribute would break a strict CSP's `style-src`).
  doc.setAttribute('color', EXPORT_THEME.ink);
  const text = (x: number, y: number, s: string, size: number, weight = 'normal', fill = EXPORT_THEME.ink) => {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y));
    t.setAttribute('font-size', String(size));
    t.setAttribute('font-weight', weight);
    t.setAttribute('fill', fill);
    t.textContent = s;
    return t;
  };
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', EXPORT_THEME.surface);
  doc.append(bg);
  let y = 28;
  doc.append(text(12, y, heading, 18, '700'));
  y += 14;
  for (const c of charts) {
    y += 22;
    doc.append(text(12, y, c.title, 15, '650'));
    y += 6;
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `translate(0,${y})`);
    const inner = c.svg.cloneNode(true) as SVGSVGElement;
    inner.removeAttribute('class');
    inner.removeAttribute('tabindex');
    inner.removeAttribute('role');
    g.append(inner);
    doc.append(g);
    y += Number(c.svg.getAttribute('height')) || 240;
    for (const line of wrap(c.summary, Math.floor(width / 6.6))) { y += 16; doc.append(text(12, y, line, 12, 'normal', '#374151')); }
  }
  y += 26;
  doc.append(text(12, y, footer, 11, 'normal', '#6b7280'));
  y += 12;
  doc.setAttribute('width', String(width));
  doc.setAttribute('height', String(y));
  doc.setAttribute('viewBox', `0 0 ${width} ${y}`);
  return doc;
}

function wrap(s: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/)) {
    if (line && line.length + word.length + 1 > max) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** Serialises an SVG element as a standalone file. */
export function svgText(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/** Renders an SVG to a PNG blob at `scale`× its size (2× for crisp slides). */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => { img.onload = () => resolve(); img.onerror = () => reject(new Error('the chart image could not be rendered')); img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas available');
    ctx.fillStyle = EXPORT_THEME.surface;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
