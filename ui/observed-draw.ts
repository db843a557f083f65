/**
 * Draws the observed points of ui/observed-marks.ts over a chart (issue #14). Its own module so that d3-shape's
 * symbols load only once observations exist, not with every chart on the first screen.
 */
import { drawMarkLayer } from './charts/mark-layer';
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3-shape';
import type { LinearScale } from './charts/linear-scale';
import type { ObservedMark } from './observed-marks';

const SHAPES: readonly SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond];

/**
 * Draws the points over a chart's plot (`toAxis`: a model value to the y scale's units, e.g. × 100 for %, or
 * log10 of it on a log axis) (a `g.observed` layer, translated by the plot margin): a vertical error bar
 * and a marker per point, the marker's shape by group and its colour that of the column's line, hollow when
 * censored, ringed when focused in the list under the chart. Points outside the x domain are left out.
 */
export function drawObservedMarks(svg: SVGSVGElement, margin: { left: number; top: number }, x: LinearScale, yScale: LinearScale,
  toAxis: (v: number) => number, marks: readonly ObservedMark[], focus: string | null): void {
  const [x0, x1] = x.domain() as [number, number];
  const y = (v: number) => yScale(toAxis(v));
  const shown = marks.filter((m) => m.timeH >= x0 && m.timeH <= x1 && Number.isFinite(y(m.value)));
  // Redrawn only when the points, the scales or the focus changed (the chart redraws on every cursor move).
  const node = svg as SVGSVGElement & { __observedSig?: string };
  const sig = `${shown.map((m) => m.id + m.label).join('|')}#${x.domain()}${x.range()}${yScale.domain()}${yScale.range()}${toAxis(1)}${margin.left},${margin.top}#${focus}`;
  if (node.__observedSig === sig) return;
  node.__observedSig = sig;
  drawMarkLayer(svg, 'observed', 'point', margin, shown, (node, d) => {
    const cx = x(d.timeH);
    const cy = y(d.value);
    if (d.err > 0) {
      // On a log axis the lower end of a bar reaching 0 or below is drawn to the point's own level.
      const [lo, hi] = [y(d.value - d.err), y(d.value + d.err)].map((v) => (Number.isFinite(v) ? v : cy));
      node.append('line').attr('class', 'errorbar').attr('x1', cx).attr('x2', cx).attr('y1', lo!).attr('y2', hi!).attr('stroke', '#1b1f24').attr('stroke-width', 1.4);
      for (const yy of [lo!, hi!]) node.append('line').attr('x1', cx - 4).attr('x2', cx + 4).attr('y1', yy).attr('y2', yy).attr('stroke', '#1b1f24').attr('stroke-width', 1.4);
    }
    const on = focus === d.id;
    node.append('path').attr('class', 'marker').attr('transform', `translate(${cx},${cy})`)
      .attr('d', symbol(SHAPES[d.groupIndex % SHAPES.length]!, on ? 110 : 56)() ?? '')
      .attr('fill', d.censored ? '#ffffff' : d.color).attr('stroke', '#1b1f24').attr('stroke-width', on ? 2.5 : 1.5);
  });
}
