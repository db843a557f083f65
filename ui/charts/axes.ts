/**
 * The time charts' axes, drawn as d3-axis drew them (`axisLeft(y).ticks(5).tickSize(4)`, `axisBottom(x)` with given
 * ticks and `tickSize(5)`): the same elements, attributes and text, updated in place (issue #18: without d3-axis).
 */
import type { ClockTick } from './clock-ticks';
import type { LinearScale } from './linear-scale';
import { SVG_NS, append, attrs, put } from './svg-join';

/** Axes and text take the element's text colour (the theme's ink; `ldn-chart` sets it). */
const INK = 'currentColor';

/** d3-axis's half-pixel offset, which puts 1-px lines on pixel centres at a device pixel ratio of 1. */
const AXIS_OFFSET = typeof window !== 'undefined' && window.devicePixelRatio > 1 ? 0 : 0.5;

/**
 * The y axis, drawn as `axisLeft(y).ticks(5).tickSize(4)` draws it (same elements, attributes and text), but
 * updated in place. d3-axis keys its ticks by pixel position, so a new y domain (a new dose rescales three of the
 * four charts) removes every tick and inserts new ones, and it replaces every label's text node; Blink then
 * restyles and lays out each of them again. Here the ticks are reused by position in the list, a label's text
 * node keeps its identity, and only attributes whose value changes are written.
 */
export function leftAxis(g: SVGGElement, y: LinearScale, fontSize: number, format: (v: number) => string): void {
  const values = y.ticks(5);
  const [r0, r1] = y.range() as [number, number];
  if (!g.hasAttribute('text-anchor')) { g.setAttribute('fill', 'none'); g.setAttribute('text-anchor', 'end'); }
  put(g, 'font-size', String(fontSize));
  put(g, 'font-family', null);
  let domain = g.querySelector<SVGPathElement>(':scope > path.domain');
  if (!domain) {
    domain = g.insertBefore(document.createElementNS(SVG_NS, 'path'), g.firstChild);
    domain.setAttribute('class', 'domain');
  }
  put(domain, 'stroke', INK);
  put(domain, 'd', `M-4,${r0 + AXIS_OFFSET}H${AXIS_OFFSET}V${r1 + AXIS_OFFSET}H-4`);
  const ticks = g.querySelectorAll<SVGGElement>(':scope > g.tick');
  for (let i = ticks.length - 1; i >= values.length; i--) ticks[i]!.remove();
  values.forEach((v, i) => {
    let tick = ticks[i];
    if (!tick) {
      tick = g.appendChild(document.createElementNS(SVG_NS, 'g'));
      tick.setAttribute('class', 'tick');
      tick.setAttribute('opacity', '1');
      const line = tick.appendChild(document.createElementNS(SVG_NS, 'line'));
      line.setAttribute('stroke', 'currentColor');
      line.setAttribute('x2', '-4');
      const text = tick.appendChild(document.createElementNS(SVG_NS, 'text'));
      text.setAttribute('fill', INK);
      text.setAttribute('x', '-7');
      text.setAttribute('dy', '0.32em');
      text.appendChild(document.createTextNode(''));
    }
    put(tick, 'transform', `translate(0,${+y(v) + AXIS_OFFSET})`);
    const label = tick.lastElementChild!.firstChild as Text;
    const s = format(v);
    if (label.data !== s) label.data = s;
  });
}

/**
 * The time axis, drawn as `axisBottom(x).tickValues(…).tickSize(5)` with the ticks' labels drew it before (same
 * elements, attributes and text; d3-axis's code is not needed for one axis with given ticks): a domain path, then per
 * tick `<g class="tick">` with a line and a label, reused by position, ahead of the day row and midnight lines.
 */
export function bottomAxis(g: SVGGElement, x: LinearScale, ticks: readonly ClockTick[], fontSize: number): void {
  const [r0, r1] = x.range() as [number, number];
  if (!g.hasAttribute('fill')) attrs(g, { fill: 'none', 'font-size': fontSize, 'text-anchor': 'middle' });
  put(g, 'font-size', String(fontSize));
  const domain = g.querySelector(':scope > path.domain') ?? g.insertBefore(attrs(document.createElementNS(SVG_NS, 'path'), { class: 'domain', stroke: INK }), g.firstChild);
  domain.setAttribute('d', `M${r0 + AXIS_OFFSET},5V${AXIS_OFFSET}H${r1 + AXIS_OFFSET}V5`);
  const old = g.querySelectorAll<SVGGElement>(':scope > g.tick');
  for (let i = old.length - 1; i >= ticks.length; i--) old[i]!.remove();
  const after = old[ticks.length - 1]?.nextSibling ?? g.querySelector(':scope > g.days');
  ticks.forEach((t, i) => {
    let tick = old[i];
    if (!tick) {
      tick = g.insertBefore(attrs(document.createElementNS(SVG_NS, 'g'), { class: 'tick' }), after);
      append(tick, 'line', { stroke: INK, y2: 5 });
      append(tick, 'text', { fill: INK, y: 8, dy: '1.2em' });
    }
    attrs(tick, { opacity: 1, transform: `translate(${+x(t.timeH) + AXIS_OFFSET},0)` });
    tick.lastElementChild!.textContent = t.label;
  });
}
