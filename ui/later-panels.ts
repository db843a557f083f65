/**
 * The parts of the app the first screen does not need: the Lessons tab, the Model tab, the Research tab (with its charts, the model
 * library and the engine pieces it runs in the page) and the Embed panel. `<ldn-app>` renders their elements as
 * usual; they upgrade when this chunk arrives (Lit keeps the properties set before). It is loaded once the first
 * result is drawn, or at once when a tab needs it, so a visitor's first curve waits only for what draws it.
 */
let loading: Promise<unknown> | null = null;

/** Starts loading the later panels (once); resolves when their elements are defined. */
export function loadLaterPanels(): Promise<unknown> {
  loading ??= Promise.all([
    import('./ldn-model-page'),
    import('./research/ldn-research-panel'),
    import('./widget/ldn-embed-panel'),
    import('./lessons/ldn-lessons'),
  ]);
  return loading;
}
