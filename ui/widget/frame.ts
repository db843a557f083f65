/**
 * Script of `frame.html` (the `<iframe>` alternative, for sites that allow no scripts): copies the page's query
 * parameters that name widget attributes onto its `<ldn-sim-widget>`, e.g.
 * `frame.html?dose=4.5&time=08:00&view=blockade,receptors&autoplay`. It imports nothing: frame.html loads
 * `ldn-sim.js` itself, and the attribute names come from the defined element.
 *
 * It also tells the embedding page its content height whenever it changes, so the iframe can fit its content:
 * `postMessage({ type: 'ldn-sim:frame-height', height })` to the parent (`frame-host.js` beside it applies it), and
 * the LTI convention `{ subject: 'lti.frameResize', height }` for learning platforms that listen for it.
 */
import { FRAME_HEIGHT_MESSAGE } from './frame-message';

async function applyQuery(): Promise<void> {
  const widget = document.querySelector('ldn-sim-widget');
  if (!widget) return;
  const ctor = (await customElements.whenDefined('ldn-sim-widget')) as unknown as { observedAttributes?: string[] };
  const allowed = new Set(ctor.observedAttributes ?? []);
  for (const [name, value] of new URLSearchParams(location.search)) {
    if (allowed.has(name)) widget.setAttribute(name, value);
  }
  widget.removeAttribute('hidden');
}

/** Posts the document's height to the parent each time it changes (a ResizeObserver: no polling). */
function reportHeight(): void {
  if (window.parent === window) return;
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The height is not private, and the embedding site is not known in advance: any origin may read it.
    window.parent.postMessage({ type: FRAME_HEIGHT_MESSAGE, height }, '*');
    window.parent.postMessage({ subject: 'lti.frameResize', height }, '*');
  };
  new ResizeObserver(post).observe(document.documentElement);
}

void applyQuery();
reportHeight();
