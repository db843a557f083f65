/**
 * A minimal SVG line chart for the documentation figures (no DOM, no dependencies): lines, markers with optional
 * error bars, linear or log x axis. Colours are paired with dash patterns so series differ without hue alone.
 */
export interface Series {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly color: string;
  readonly dash?: string;
}
export interface Marker {
  readonly name: string;
  readonly points: readonly { x: number; y: number; lo?: number; hi?: number }[];
  readonly color: string;
  readonly shape?: 'circle' | 'square';
}
export interface Chart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly markers?: readonly Marker[];
  readonly xLog?: boolean;
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
  /** Shaded x intervals, e.g. sleep windows. */
  readonly bands?: readonly { from: number; to: number; label?: string }[];
}

function niceTicks(lo: number, hi: number, n = 6): number[] {
  const span = hi - lo;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= n) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toPrecision(2) : String(Number(v.toPrecision(4))));

export function svgChart(c: Chart): string {
  const W = c.width ?? 820;
  const H = c.height ?? 400;
  const labels = [...c.series.map((s) => s.name), ...(c.markers ?? []).map((k) => k.name), ...(c.bands ?? []).map((b) => b.label ?? '')];
  const m = { l: 64, r: Math.max(170, 50 + 6.6 * Math.max(...labels.map((x) => x.length))), t: 36, b: 48 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const xs = c.series.flatMap((s) => Array.from(s.x)).concat((c.markers ?? []).flatMap((k) => k.points.map((p) => p.x)));
  const ys = c.series.flatMap((s) => Array.from(s.y)).concat((c.markers ?? []).flatMap((k) => k.points.map((p) => p.hi ?? p.y)));
  const [x0, x1] = c.xRange ?? [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = c.yRange ?? [Math.min(0, ...ys), Math.max(...ys) * 1.05];
  const tx = (x: number) => m.l + pw * (c.xLog ? (Math.log10(x) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) : (x - x0) / (x1 - x0));
  const ty = (y: number) => m.t + ph * (1 - (y - y0) / (y1 - y0));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push(`<title>${esc(c.title)}</title><rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${m.l}" y="20" font-size="14" font-weight="600">${esc(c.title)}</text>`);
  for (const b of c.bands ?? []) {
    const a = Math.max(x0, b.from);
    const z = Math.min(x1, b.to);
    if (z > a) out.push(`<rect x="${tx(a).toFixed(1)}" y="${m.t}" width="${(tx(z) - tx(a)).toFixed(1)}" height="${ph}" fill="#e8eaf6"/>`);
  }
  const xt = c.xLog ? [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500].filter((v) => v >= x0 && v <= x1) : niceTicks(x0, x1);
  for (const v of xt) {
    out.push(`<line x1="${tx(v).toFixed(1)}" x2="${tx(v).toFixed(1)}" y1="${m.t}" y2="${m.t + ph}" stroke="#ddd"/>`);
    out.push(`<text x="${tx(v).toFixed(1)}" y="${m.t + ph + 16}" text-anchor="middle">${fmt(v)}</text>`);
  }
  for (const v of niceTicks(y0, y1, 5)) {
    out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${ty(v).toFixed(1)}" y2="${ty(v).toFixed(1)}" stroke="#ddd"/>`);
    out.push(`<text x="${m.l - 6}" y="${(ty(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${m.l + pw / 2}" y="${H - 10}" text-anchor="middle">${esc(c.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`);
  out.push(`<clipPath id="plot"><rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}"/></clipPath>`);
  c.series.forEach((s) => {
    const pts: string[] = [];
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]!;
      if (x < x0 || x > x1 || !Number.isFinite(s.y[i]!)) continue;
      pts.push(`${tx(x).toFixed(1)},${ty(s.y[i]!).toFixed(1)}`);
    }
    out.push(`<polyline clip-path="url(#plot)" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${pts.join(' ')}"/>`);
  });
  for (const k of c.markers ?? []) {
    for (const p of k.points) {
      if (p.lo !== undefined && p.hi !== undefined) {
        out.push(`<line x1="${tx(p.x).toFixed(1)}" x2="${tx(p.x).toFixed(1)}" y1="${ty(p.lo).toFixed(1)}" y2="${ty(p.hi).toFixed(1)}" stroke="${k.color}" stroke-width="1.5"/>`);
      }
      out.push(k.shape === 'square'
        ? `<rect x="${(tx(p.x) - 4).toFixed(1)}" y="${(ty(p.y) - 4).toFixed(1)}" width="8" height="8" fill="${k.color}" stroke="black" stroke-width="0.5"/>`
        : `<circle cx="${tx(p.x).toFixed(1)}" cy="${ty(p.y).toFixed(1)}" r="4.5" fill="${k.color}" stroke="black" stroke-width="0.5"/>`);
    }
  }
  let ly = m.t + 8;
  const lx = m.l + pw + 12;
  for (const s of c.series) {
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${esc(s.name)}</text>`);
    ly += 18;
  }
  for (const k of c.markers ?? []) {
    out.push(k.shape === 'square' ? `<rect x="${lx + 8}" y="${ly - 4}" width="8" height="8" fill="${k.color}" stroke="black" stroke-width="0.5"/>`
      : `<circle cx="${lx + 12}" cy="${ly}" r="4.5" fill="${k.color}" stroke="black" stroke-width="0.5"/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${esc(k.name)}</text>`);
    ly += 18;
  }
  for (const b of c.bands ?? []) {
    if (!b.label) continue;
    out.push(`<rect x="${lx}" y="${ly - 6}" width="24" height="12" fill="#e8eaf6"/><text x="${lx + 30}" y="${ly + 4}">${esc(b.label)}</text>`);
    ly += 18;
    break;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
