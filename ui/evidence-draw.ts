/**
 * The Evidence marks drawn over a chart's plot (issue #18: a chunk loaded when marks are first shown): diamonds for
 * measured values (a segment when measured "within" a window), bars for ranges, each with its label as title.
 */
import { drawMarkLayer } from './charts/mark-layer';
import type { LinearScale } from './charts/linear-scale';
import type { Margin } from './charts/time-chart';
import type { EvidenceMark } from './evidence-marks';

/** Draws `shown` (marks inside the x domain) into `svg`, the `focus` mark highlighted; `k` scales values for display. */
export function drawEvidenceMarks(svg: SVGSVGElement, shown: readonly EvidenceMark[], focus: string | null, m: Margin,
  x: LinearScale, y: LinearScale, k: number): void {
  drawMarkLayer(svg, 'evidence', 'mark', m, shown, (node, d) => {
    const on = focus === d.id;
    const stroke = on ? '#D55E00' : '#1b1f24';
    const cx = x((d.fromH + d.toH) / 2);
    if (d.range) {
      const [lo, hi] = [y(d.values[0]! * k), y(d.values[1]! * k)];
      node.append('line').attr('x1', cx).attr('x2', cx).attr('y1', lo).attr('y2', hi).attr('stroke', stroke).attr('stroke-width', on ? 4 : 3);
      for (const yy of [lo, hi]) node.append('line').attr('x1', cx - 6).attr('x2', cx + 6).attr('y1', yy).attr('y2', yy).attr('stroke', stroke).attr('stroke-width', 2);
    } else {
      for (const v of d.values) {
        const py = y(v * k);
        if (d.toH > d.fromH) node.append('line').attr('x1', x(d.fromH)).attr('x2', x(d.toH)).attr('y1', py).attr('y2', py).attr('stroke', stroke).attr('stroke-width', 1.5).attr('stroke-dasharray', '3 2');
        node.append('path').attr('d', `M${cx},${py - 6}L${cx + 6},${py}L${cx},${py + 6}L${cx - 6},${py}Z`)
          .attr('fill', on ? '#D55E00' : '#fff').attr('stroke', stroke).attr('stroke-width', 2);
      }
    }
  });
}
