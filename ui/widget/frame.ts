/**
 * Script of `frame.html` (the `<iframe>` alternative, for sites that allow no scripts): copies the page's query
 * parameters that name widget attributes onto its `<ldn-sim-widget>`, e.g.
 * `frame.html?dose=4.5&time=08:00&view=blockade,receptors&autoplay`. It imports nothing: frame.html loads
 * `ldn-sim.js` itself, and the attribute names come from the defined element.
 */
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

void applyQuery();
