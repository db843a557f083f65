/**
 * The static first screen (issue #18): the built page carries the app's first screen as markup inside `<ldn-app>`
 * (a declarative shadow root, written by scripts/first-screen-markup.ts), which the browser paints before any script
 * arrives. `<ldn-app>` keeps it on screen until it can draw the same screen itself, then replaces it in one frame.
 *
 * The markup shows the English default scenario. When the page will show something else (another language, a
 * scenario from its link), a script in the page's head has marked `<html>` with `data-ldn-first-screen="off"`, which
 * hides `<ldn-app>` (ui/page.css): the markup is then dropped at once, and the app draws as it would without it.
 */

/** Set on `<html>` by the page's gate when the static first screen is not this page's (scripts/first-screen-markup.ts; ui/page.css hides `<ldn-app>` then). */
export const FIRST_SCREEN_GATE = 'data-ldn-first-screen';

/**
 * Takes over `root`, the app's shadow root: true when it holds the static first screen, to be shown until the app's
 * first render; false when it holds nothing, or held a screen the gate turned off (then emptied here). Either way
 * the gate's mark is removed, so that the app is visible from its first render on.
 */
export function takeStaticFirstScreen(root: ShadowRoot): boolean {
  const html = root.ownerDocument.documentElement;
  const off = html.getAttribute(FIRST_SCREEN_GATE) === 'off';
  html.removeAttribute(FIRST_SCREEN_GATE);
  if (root.childNodes.length === 0) return false;
  if (off) { root.replaceChildren(); return false; }
  return true;
}
