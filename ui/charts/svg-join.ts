/**
 * What the time charts need of d3-selection, on plain DOM (issue #18: d3-selection and d3-axis are not on a widget's
 * first path): attribute writes, and element joins by position or by key that give the elements d3's
 * `selectAll(…).data(…).join(…)` gave them.
 */

/** Sets an attribute only if its value changes (`null` removes it): an SVG attribute write restyles even when equal. */
export function put(el: Element, name: string, value: string | null): void {
  if (value === null) { if (el.hasAttribute(name)) el.removeAttribute(name); } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Sets attributes (numbers written as `String` writes them, as d3's `attr` does); returns the element. */
export function attrs<E extends Element>(el: E, values: Record<string, string | number>): E {
  for (const [name, v] of Object.entries(values)) el.setAttribute(name, String(v));
  return el;
}

/** Appends a new SVG element with these attributes. */
export function append<K extends keyof SVGElementTagNameMap>(parent: Element, tag: K, values: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  return attrs(parent.appendChild(document.createElementNS(SVG_NS, tag)), values);
}

/**
 * Exactly `n` `tag` elements under `parent`, reused by position (the first `n` of them), the rest removed, new ones
 * appended: d3-selection's `selectAll(tag).data(list).join(tag)` without a key, which this file used before.
 */
export function join<K extends keyof SVGElementTagNameMap>(parent: Element, tag: K, n: number): SVGElementTagNameMap[K][] {
  const found = [...parent.querySelectorAll(tag)] as SVGElementTagNameMap[K][];
  for (let i = found.length - 1; i >= n; i--) found[i]!.remove();
  const out = found.slice(0, n);
  while (out.length < n) out.push(append(parent, tag));
  return out;
}

/**
 * One path per key among `parent`'s children, reused by key (`data-key`), the others removed, in key order:
 * d3-selection's keyed `selectAll('path').data(list, key).join('path')`, which this file used before.
 */
export function keyedJoin(parent: Element, keys: readonly string[]): SVGPathElement[] {
  const old = new Map<string, SVGPathElement>();
  for (const p of parent.querySelectorAll<SVGPathElement>(':scope > path')) {
    const key = p.getAttribute('data-key');
    if (key !== null && !old.has(key) && keys.includes(key)) old.set(key, p); else p.remove();
  }
  const out = keys.map((key) => { const p = old.get(key); old.delete(key); return p ?? document.createElementNS(SVG_NS, 'path'); });
  let next: Element | null = null;
  for (let i = out.length - 1; i >= 0; i--) {
    const p = out[i]!;
    if (p.parentNode !== parent || p.nextElementSibling !== next) parent.insertBefore(p, next);
    next = p;
  }
  return out;
}
