/**
 * A reusable time chart (Bostock's "towards reusable charts" / d3-shape style): a factory with chainable
 * accessors, called with an `<svg>` element and generic series. It knows nothing of model columns: the caller
 * passes arrays, colours and labels. All styling is done with SVG presentation attributes, so the drawn SVG
 * exports as it looks and no inline style is needed (strict CSP).
 *
 * @example
 * timeChart().width(640).height(240).yDomain([0, 1]).bands([[0, 9]])(svg, series)
 */
import { linearScale, type LinearScale } from './linear-scale';
import type { ClockTick } from './clock-ticks';
import { bottomAxis, leftAxis } from './axes';
import { SVG_NS, append, attrs, join, keyedJoin, put } from './svg-join';
import { CHART_STRINGS as STRINGS } from '../chart-strings';

/**
 * One line: its own x (hours) and y arrays, so series on different grids can share a chart. Arrays are read as
 * immutable: the text of an x array's coordinates is cached per array object.
 */
export interface ChartSeries {
  readonly key: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly color: string;
  /** SVG dash pattern; '' for solid. */
  readonly dash: string;
  readonly width?: number;
  readonly opacity?: number;
  /** A class for the path, so CSS can restyle it (e.g. `core`: the hollow centre of a pinned line). */
  readonly className?: string;
}

/** A marker on the time axis, e.g. a dose. */
export interface ChartMarker { readonly timeH: number; readonly label: string; readonly color: string }

export interface Margin { top: number; right: number; bottom: number; left: number }

export interface TimeChart {
  (svg: SVGSVGElement, series: readonly ChartSeries[]): void;
  width(): number; width(v: number): TimeChart;
  height(): number; height(v: number): TimeChart;
  margin(): Margin; margin(v: Margin): TimeChart;
  /** x domain in hours; default [0, largest x]. */
  xDomain(): [number, number] | null; xDomain(v: [number, number] | null): TimeChart;
  /** y domain; default [min(0, data), max(data)] padded. */
  yDomain(): [number, number] | null; yDomain(v: [number, number] | null): TimeChart;
  /** Multiplies y values for display (100 for %). */
  valueScale(): number; valueScale(v: number): TimeChart;
  yFormat(): (v: number) => string; yFormat(v: (v: number) => string): TimeChart;
  xTicks(): readonly ClockTick[]; xTicks(v: readonly ClockTick[]): TimeChart;
  bands(): readonly [number, number][]; bands(v: readonly [number, number][]): TimeChart;
  markers(): readonly ChartMarker[]; markers(v: readonly ChartMarker[]): TimeChart;
  baseline(): number | null; baseline(v: number | null): TimeChart;
  cursor(): number | null; cursor(v: number | null): TimeChart;
  fontSize(): number; fontSize(v: number): TimeChart;
  /** The x scale of the last draw (hours → px within the plot area). */
  xScale(): LinearScale;
  yScale(): LinearScale;
}

/**
 * How far (px) a drawn curve may pass from a point it leaves out: the path text's own resolution, 0.1 px, far
 * below what a 2.5 px antialiased stroke shows, even at 2× device pixels or in an SVG export enlarged a few times.
 */
export const CURVE_TOLERANCE_PX = 0.1;

/** Axes and text take the element's text colour (the theme's ink; `ldn-chart` sets it). */
const INK = 'currentColor';
// Grid, night bands, day labels and midnight lines carry the light theme's colours as attributes (so an exported
// SVG shows them); the element's CSS maps them to the current theme and to system colours under forced colours.
const GRID = '#d5d9e0';
const NIGHT = '#1e3a5f';

/** Largest finite |value| in the series, for the default y domain. */
function extent(series: readonly ChartSeries[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (let i = 0; i < s.y.length; i++) { const v = s.y[i]!; if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } }
  if (!(lo <= hi)) return [0, 1];
  // Round-off below zero (an amount of -1e-15 mg) must not stretch the axis to a negative tick.
  if (lo < 0 && -lo < 1e-6 * Math.abs(hi)) lo = 0;
  return [lo, hi];
}

let chartCount = 0;


export function timeChart(): TimeChart {
  const clipId = `ldn-plot-clip-${++chartCount}`;
  let width = 640;
  let height = 240;
  let margin: Margin = { top: 12, right: 16, bottom: 42, left: 56 };
  let xDomain: [number, number] | null = null;
  let yDomain: [number, number] | null = null;
  let k = 1;
  let yFormat: (v: number) => string = (v) => `${v}`;
  let ticks: readonly ClockTick[] = [];
  let bands: readonly [number, number][] = [];
  let markers: readonly ChartMarker[] = [];
  let baseline: number | null = null;
  let cursor: number | null = null;
  let fontSize = 13;
  let x = linearScale();
  let y = linearScale();

  const chart = ((svg: SVGSVGElement, series: readonly ChartSeries[]) => {
    const iw = Math.max(10, width - margin.left - margin.right);
    const ih = Math.max(10, height - margin.top - margin.bottom);
    let xMax = 0;
    for (const s of series) if (s.x.length) xMax = Math.max(xMax, s.x[s.x.length - 1]!);
    x = linearScale().domain(xDomain ?? [0, xMax || 1]).range([0, iw]);
    let yd = yDomain;
    if (!yd) {
      const [lo, hi] = extent(series);
      const withBase = baseline === null ? [Math.min(0, lo), hi] : [Math.min(lo, baseline), Math.max(hi, baseline)];
      const pad = (withBase[1]! - withBase[0]!) * 0.06 || Math.abs(withBase[1]!) * 0.1 || 1;
      yd = baseline === null ? [withBase[0]!, withBase[1]! + pad] : [withBase[0]! - pad, withBase[1]! + pad];
    }
    y = linearScale().domain([yd[0] * k, yd[1] * k]).range([ih, 0]).nice(5);

    // Each part of the frame is redrawn only when what it depends on changed: a new dose moves the curves and
    // renames the dose markers, but usually keeps the axes, grid and night bands. Writing even an unchanged
    // attribute on an SVG element makes Blink restyle and lay out its subtree again (every axis tick and label, for
    // a transform or font size on the root), so attributes are written only when their value changes.
    const svgNode = svg as SVGSVGElement & { __sigs?: Record<string, string> };
    const parts = (svgNode.__sigs ??= {});
    const changed = (part: string, sig: string) => (parts[part] === sig ? false : ((parts[part] = sig), true));
    if (changed('svg', `${width}|${height}|${fontSize}`)) {
      attrs(svg, { viewBox: `0 0 ${width} ${height}`, width, height, 'font-family': 'system-ui, sans-serif', 'font-size': fontSize });
    }
    let root = svg.querySelector<SVGGElement>('g.plot');
    if (!root) {
      root = append(svg, 'g', { class: 'plot' });
      for (const name of ['bands', 'grid', 'baseline', 'series', 'markers', 'x-axis', 'y-axis', 'cursor']) append(root, 'g', { class: name });
      // Curves are clipped to the plot area (a shifted pinned curve must not run over the axes).
      append(append(root, 'clipPath', { id: clipId }), 'rect');
      root.querySelector('g.series')!.setAttribute('clip-path', `url(#${clipId})`);
    }
    if (changed('plot', `${margin.left},${margin.top}|${iw}|${ih}`)) {
      root.setAttribute('transform', `translate(${margin.left},${margin.top})`);
      attrs(root.querySelector('clipPath rect')!, { x: 0, y: -4, width: iw, height: ih + 8 });
    }
    const plot = root;
    const layer = (name: string) => plot.querySelector<SVGGElement>(`g.${name}`)!;
    const gBands = layer('bands');
    const gGrid = layer('grid');
    const gBase = layer('baseline');
    const gSeries = layer('series');
    const gMarkers = layer('markers');
    const gX = layer('x-axis');
    const gY = layer('y-axis');
    const gCursor = layer('cursor');

    const curveSig = `${x.domain()}|${x.range()}|${y.domain()}|${y.range()}|${k}`;
    keyedJoin(gSeries, series.map((s) => s.key)).forEach((path, i) => {
      const s = series[i]!;
      put(path, 'fill', 'none');
      put(path, 'stroke', s.color);
      put(path, 'stroke-width', String(s.width ?? 2.5));
      put(path, 'stroke-opacity', String(s.opacity ?? 1));
      put(path, 'stroke-dasharray', s.dash || null);
      put(path, 'stroke-linejoin', 'round');
      put(path, 'data-key', s.key);
      put(path, 'class', s.className ?? null);
      // Regenerating the path text is the costly part of drawing: skip it when neither the data nor the scales
      // changed (e.g. only the cursor moved).
      const el = path as SVGPathElement & { __y?: ArrayLike<number>; __x?: ArrayLike<number>; __sig?: string };
      if (el.__y === s.y && el.__x === s.x && el.__sig === curveSig) return;
      el.__y = s.y;
      el.__x = s.x;
      el.__sig = curveSig;
      el.setAttribute('d', polyline(s.x, s.y, x, y, k, CURVE_TOLERANCE_PX));
    });

    const xSig = `${x.domain()}|${x.range()}`;
    const ySig = `${y.domain()}|${y.range()}|${k}`;
    if (changed('bands', `${xSig}|${ih}|${bands.join()}`)) {
      join(gBands, 'rect', bands.length).forEach((rect, i) => {
        const d = bands[i]!;
        attrs(rect, { x: x(d[0]), width: Math.max(0, x(d[1]) - x(d[0])), y: 0, height: ih, fill: NIGHT, 'fill-opacity': 0.09 });
      });
    }
    if (changed('grid', `${ySig}|${iw}`)) {
      // Lines reused by position and only changed attributes written: a new y domain moves them, no more.
      const values = y.ticks(5);
      join(gGrid, 'line', values.length).forEach((line, i) => {
        const py = String(y(values[i]!));
        put(line, 'x1', '0'); put(line, 'x2', String(iw)); put(line, 'y1', py); put(line, 'y2', py);
        put(line, 'stroke', GRID); put(line, 'stroke-width', '1');
      });
    }
    if (changed('baseline', `${ySig}|${iw}|${baseline}`)) {
      const b = baseline;
      join(gBase, 'line', b === null ? 0 : 1).forEach((line) => {
        attrs(line, { x1: 0, x2: iw, y1: y(b! * k), y2: y(b! * k), stroke: INK, 'stroke-width': 1.2, 'stroke-dasharray': '1 3' });
      });
    }
    const markerPaths = changed('markers', `${xSig}|${ih}|${markers.map((m) => `${m.timeH}${m.color}`).join()}`)
      ? join(gMarkers, 'path', markers.length).map((path, i) => attrs(path, { d: `M${x(markers[i]!.timeH)},${ih} l-5,8 h10 z`, fill: markers[i]!.color }))
      : [...gMarkers.querySelectorAll('path')];
    // A marker's label (its title) names the dose: only the text changes when the dose does.
    markers.forEach((m, i) => {
      const path = markerPaths[i];
      if (!path) return;
      const title = path.firstElementChild ?? path.appendChild(document.createElementNS(SVG_NS, 'title'));
      if (title.textContent !== m.label) title.textContent = m.label;
    });
    if (changed('x-axis', `${xSig}|${ih}|${fontSize}|${ticks.map((t) => `${t.timeH}${t.label}`).join()}`)) {
      const midnights = ticks.filter((t) => t.midnight && t.timeH > 0);
      // Ticks that already read "day N" (long spans) need no second row of day labels.
      const dayRow = ticks.some((t) => t.label === STRINGS.dayTick(t.day)) ? [] : midnights;
      gX.setAttribute('transform', `translate(0,${ih})`);
      bottomAxis(gX, x, ticks, fontSize);
      const days = gX.querySelector('g.days') ?? append(gX, 'g', { class: 'days' });
      join(days, 'text', dayRow.length).forEach((text, i) => {
        const d = dayRow[i]!;
        attrs(text, { x: x(d.timeH), y: 36, 'text-anchor': 'middle', fill: '#4b5563', 'font-size': fontSize - 2 }).textContent = STRINGS.dayTick(d.day);
      });
      const lines = gX.querySelector('g.midnight-lines') ?? append(gX, 'g', { class: 'midnight-lines' });
      join(lines, 'line', midnights.length).forEach((line, i) => {
        const px = x(midnights[i]!.timeH);
        attrs(line, { x1: px, x2: px, y1: -ih, y2: 0, stroke: '#9aa3ae', 'stroke-width': 1 });
      });
    }
    if (changed('y-axis', `${ySig}|${fontSize}|${yFormat(1)}`)) {
      leftAxis(gY, y, fontSize, yFormat);
    }
    const c = cursor;
    const dots = c === null ? [] : series.filter((s) => s.className !== 'core').map((s) => ({ s, v: interpolate(s.x, s.y, c) })).filter((d) => Number.isFinite(d.v));
    join(gCursor, 'line', c === null ? 0 : 1).forEach((line) => {
      const px = String(x(c!));
      put(line, 'x1', px); put(line, 'x2', px); put(line, 'y1', '0'); put(line, 'y2', String(ih));
      put(line, 'stroke', INK); put(line, 'stroke-width', '1.5');
    });
    join(gCursor, 'circle', dots.length).forEach((circle, i) => {
      const d = dots[i]!;
      put(circle, 'cx', String(x(c ?? 0))); put(circle, 'cy', String(y(d.v * k))); put(circle, 'r', '4.5');
      put(circle, 'fill', d.s.color); put(circle, 'stroke', '#fff'); put(circle, 'stroke-width', '1.5');
    });
  }) as TimeChart;

  const acc = <T>(get: () => T, set: (v: T) => void) => ((v?: T) => (v === undefined ? get() : (set(v), chart))) as never;
  chart.width = acc(() => width, (v: number) => { width = v; });
  chart.height = acc(() => height, (v: number) => { height = v; });
  chart.margin = acc(() => margin, (v: Margin) => { margin = v; });
  chart.yDomain = ((...a: [([number, number] | null)?]) => (a.length === 0 ? yDomain : ((yDomain = a[0] ?? null), chart))) as never;
  chart.xDomain = ((...a: [([number, number] | null)?]) => (a.length === 0 ? xDomain : ((xDomain = a[0] ?? null), chart))) as never;
  chart.valueScale = acc(() => k, (v: number) => { k = v; });
  chart.yFormat = acc(() => yFormat, (v: (v: number) => string) => { yFormat = v; });
  chart.xTicks = acc(() => ticks, (v: readonly ClockTick[]) => { ticks = v; });
  chart.bands = acc(() => bands, (v: readonly [number, number][]) => { bands = v; });
  chart.markers = acc(() => markers, (v: readonly ChartMarker[]) => { markers = v; });
  chart.baseline = ((...a: [(number | null)?]) => (a.length === 0 ? baseline : ((baseline = a[0] ?? null), chart))) as never;
  chart.cursor = ((...a: [(number | null)?]) => (a.length === 0 ? cursor : ((cursor = a[0] ?? null), chart))) as never;
  chart.fontSize = acc(() => fontSize, (v: number) => { fontSize = v; });
  chart.xScale = () => x;
  chart.yScale = () => y;
  return chart;
}

/**
 * A coordinate in px as SVG text, rounded to 0.1 px: the same text as `String(Math.round(v * 10) / 10)`, made from
 * integers (integer-to-string is several times cheaper than double-to-string, the bulk of building a path).
 */
export function tenthsText(v: number): string {
  const n = Math.round(v * 10);
  if (!(Math.abs(n) < 2 ** 31)) return String(n / 10); // beyond int32 (never on screen); also NaN
  const a = n < 0 ? -n : n;
  const q = (a / 10) | 0;
  const r = a - q * 10;
  const t = r === 0 ? `${q}` : `${q}.${r}`;
  return n < 0 ? `-${t}` : t;
}

/**
 * Path text is built as ASCII bytes in one reused buffer and decoded once: concatenating a string per number made
 * thousands of short-lived strings per curve (minor GCs in the frame after a dose step).
 */
let pathBuf = new Uint8Array(1 << 16);
const decoder = new TextDecoder();

/** Makes room for `n` more bytes after `pos`. */
function room(pos: number, n: number): void {
  if (pos + n <= pathBuf.length) return;
  const bigger = new Uint8Array(Math.max(pathBuf.length * 2, pos + n));
  bigger.set(pathBuf.subarray(0, pos));
  pathBuf = bigger;
}

/** Writes `tenthsText(v)` at `pos` (room for 24 bytes is made by the caller); returns the new end. */
function writeTenths(v: number, pos: number): number {
  const n = Math.round(v * 10);
  const b = pathBuf;
  if (!(Math.abs(n) < 2 ** 31)) {
    const t = String(n / 10);
    for (let i = 0; i < t.length; i++) b[pos++] = t.charCodeAt(i);
    return pos;
  }
  if (n < 0) b[pos++] = 45; // '-'
  const a = n < 0 ? -n : n;
  let q = (a / 10) | 0;
  const r = a - q * 10;
  // Integer digits, written backwards into place.
  let digits = 1;
  for (let m = q; m >= 10; m = (m / 10) | 0) digits++;
  for (let i = pos + digits - 1; i >= pos; i--) { const d = q % 10; b[i] = 48 + d; q = (q - d) / 10; }
  pos += digits;
  if (r !== 0) { b[pos++] = 46; b[pos++] = 48 + r; } // '.r'
  return pos;
}

/** The x coordinates of the last grid drawn, as ASCII bytes: every series of a result shares one time array. */
const xTextCache = new WeakMap<ArrayLike<number>, { ax: number; bx: number; bytes: Uint8Array; ends: Int32Array }>();

function xTexts(xs: ArrayLike<number>, ax: number, bx: number): { bytes: Uint8Array; ends: Int32Array } {
  const c = xTextCache.get(xs);
  if (c && c.ax === ax && c.bx === bx) return c;
  const ends = new Int32Array(xs.length);
  let pos = 0;
  for (let i = 0; i < xs.length; i++) { room(pos, 24); pos = writeTenths(ax + bx * xs[i]!, pos); ends[i] = pos; }
  const entry = { ax, bx, bytes: pathBuf.slice(0, pos), ends };
  xTextCache.set(xs, entry);
  return entry;
}

/** Whether point i is drawn: finite, and inside the x domain or the one point beyond either edge. */
function drawnAt(xs: ArrayLike<number>, ys: ArrayLike<number>, i: number, lo: number, hi: number): boolean {
  const t = xs[i]!;
  if ((t < lo && !(xs[i + 1]! >= lo)) || (t > hi && !(xs[i - 1]! <= hi))) return false;
  return Number.isFinite(ys[i]!);
}

/** Scratch space of {@link keepMask}, grown as needed (one redraw at a time runs on the main thread). */
let keepPx = new Float64Array(0);
let keepPy = new Float64Array(0);
let keepFlags = new Uint8Array(0);
let keepStack = new Int32Array(0);

/**
 * Which points a polyline keeps at `tolPx`: Douglas–Peucker over each unbroken run of drawn points, in pixels, so
 * every point left out lies within `tolPx` of the segment that replaces it (and so of the line drawn). The ends of
 * each run are kept. Smooth curves sampled at ~1 point per pixel keep a few dozen of ~700 points; every point
 * costs work in each frame (path parsing, stroking with round joins, software raster).
 */
function keepMask(xs: ArrayLike<number>, ys: ArrayLike<number>, lo: number, hi: number, ax: number, bx: number, ay: number, byk: number, tolPx: number): Uint8Array {
  const n = xs.length;
  if (keepFlags.length < n) {
    keepPx = new Float64Array(n);
    keepPy = new Float64Array(n);
    keepFlags = new Uint8Array(n);
    keepStack = new Int32Array(2 * n + 4);
  }
  const px = keepPx;
  const py = keepPy;
  const keep = keepFlags;
  const stack = keepStack;
  keep.fill(0, 0, n);
  const tol2 = tolPx * tolPx;
  let i = 0;
  while (i < n) {
    if (!drawnAt(xs, ys, i, lo, hi)) { i++; continue; }
    let j = i;
    while (j + 1 < n && drawnAt(xs, ys, j + 1, lo, hi)) j++;
    for (let m = i; m <= j; m++) { px[m] = ax + bx * xs[m]!; py[m] = ay + byk * ys[m]!; }
    keep[i] = 1;
    keep[j] = 1;
    let sp = 0;
    stack[sp++] = i;
    stack[sp++] = j;
    while (sp > 0) {
      const e = stack[--sp]!;
      const s = stack[--sp]!;
      if (e - s < 2) continue;
      const sx = px[s]!;
      const sy = py[s]!;
      const dx = px[e]! - sx;
      const dy = py[e]! - sy;
      const len2 = dx * dx + dy * dy;
      let worst = tol2;
      let at = -1;
      for (let m = s + 1; m < e; m++) {
        // Distance to the segment, not its line: a spike can reach back past the segment's end.
        let ex = px[m]! - sx;
        let ey = py[m]! - sy;
        if (len2 > 0) {
          const u = (ex * dx + ey * dy) / len2;
          if (u >= 1) { ex -= dx; ey -= dy; } else if (u > 0) { ex -= u * dx; ey -= u * dy; }
        }
        const d2 = ex * ex + ey * ey;
        if (d2 > worst) { worst = d2; at = m; }
      }
      if (at < 0) continue;
      keep[at] = 1;
      stack[sp++] = s;
      stack[sp++] = at;
      stack[sp++] = at;
      stack[sp++] = e;
    }
    i = j + 1;
  }
  return keep;
}

/**
 * SVG path data of a polyline through (x[i], y[i]·k), broken at non-finite values, with coordinates rounded to
 * 0.1 px. A hand loop rather than d3-shape's `line()`: this runs for every curve on every redraw. Numbers are
 * written from integer tenths as bytes, and the x text is shared by every series on the same time array.
 * With `tolerancePx` > 0, points are left out where the line stays within that distance of them ({@link keepMask}).
 */
export function polyline(xs: ArrayLike<number>, ys: ArrayLike<number>, x: PolylineScale, y: PolylineScale, k = 1, tolerancePx = 0): string {
  // Both scales are linear: px = a + b·v, computed once instead of two scale calls per point.
  const [x0, x1] = x.domain() as [number, number];
  const [y0, y1] = y.domain() as [number, number];
  const bx = x1 !== x0 ? (x(x1) - x(x0)) / (x1 - x0) : 0;
  const ax = x(x0) - bx * x0;
  const by = y1 !== y0 ? (y(y1) - y(y0)) / (y1 - y0) : 0;
  const ay = y(y0) - by * y0;
  const { bytes: xb, ends } = xTexts(xs, ax, bx);
  let pos = 0;
  let pen = false;
  // Points outside the x domain are left out (a pinned scenario shifted in clock time), keeping one point beyond
  // each edge so the line reaches the edge.
  const lo = Math.min(x0, x1);
  const hi = Math.max(x0, x1);
  const keep = tolerancePx > 0 ? keepMask(xs, ys, lo, hi, ax, bx, ay, by * k, tolerancePx) : null;
  for (let i = 0; i < xs.length; i++) {
    if (!drawnAt(xs, ys, i, lo, hi)) { pen = false; continue; }
    if (keep && !keep[i]) continue;
    const from = i === 0 ? 0 : ends[i - 1]!;
    const to = ends[i]!;
    room(pos, 2 + (to - from) + 24);
    const b = pathBuf;
    b[pos++] = pen ? 76 : 77; // 'L' : 'M'
    for (let j = from; j < to; j++) b[pos++] = xb[j]!;
    b[pos++] = 44; // ','
    pos = writeTenths(ay + by * ys[i]! * k, pos);
    pen = true;
  }
  return decoder.decode(pathBuf.subarray(0, pos));
}

/** What `polyline` needs of a linear scale (ours, or d3-scale's `scaleLinear`). */
export interface PolylineScale { (v: number): number; domain(): number[] }

/** Linear interpolation of y at x = t over an ascending x array. */
export function interpolate(xs: ArrayLike<number>, ys: ArrayLike<number>, t: number): number {
  const n = xs.length;
  if (n === 0 || t < xs[0]! - 1e-9 || t > xs[n - 1]! + 1e-9) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) { const m = (lo + hi) >> 1; if (xs[m]! <= t) lo = m; else hi = m; }
  const x0 = xs[lo]!;
  const x1 = xs[hi]!;
  const f = x1 > x0 ? Math.min(1, Math.max(0, (t - x0) / (x1 - x0))) : 0;
  return ys[lo]! + f * (ys[hi]! - ys[lo]!);
}
