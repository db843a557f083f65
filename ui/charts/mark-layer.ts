/**
 * A layer of labelled marks over a chart's plot (the Evidence marks, observed points): one `g.<layer>` shifted by
 * the plot margin, present only while there are marks, holding one `g.<item>` per mark, joined by `id` and marked
 * `data-<layer>="id"`. Each item is emptied and given its label as a `<title>`; `draw` adds its shapes.
 */
import { select, type Selection } from 'd3-selection';

/** A mark a layer can hold: its key, and the words of its tooltip. */
export interface LabelledMark { readonly id: string; readonly label: string }

export function drawMarkLayer<T extends LabelledMark>(svg: SVGSVGElement, layer: string, item: string, margin: { left: number; top: number },
  marks: readonly T[], draw: (node: Selection<SVGGElement, unknown, null, undefined>, d: T) => void): void {
  const g = select(svg).selectAll<SVGGElement, null>(`g.${layer}`).data(marks.length ? [null] : []).join('g')
    .attr('class', layer).attr('transform', `translate(${margin.left},${margin.top})`);
  g.selectAll<SVGGElement, T>(`g.${item}`).data(marks, (d) => d.id).join('g').attr('class', item)
    .attr(`data-${layer}`, (d) => d.id)
    .each((d, i, nodes) => {
      const node = select(nodes[i]!);
      node.selectAll('*').remove();
      node.append('title').text(d.label);
      draw(node, d);
    });
}
