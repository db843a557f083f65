import type { Page } from 'playwright-core';

/**
 * Waits until an `<svg>` anywhere in the page, including inside open shadow roots (Lit elements), contains a
 * `<path>` with a non-empty drawn geometry (total length > 0), and returns that path's `d` attribute.
 * @throws Playwright's TimeoutError after `timeoutMs`.
 */
export async function waitForDrawnSvgPath(page: Page, timeoutMs = 10_000): Promise<string> {
  const handle = await page.waitForFunction(() => {
    const stack: (Document | ShadowRoot | Element)[] = [document];
    while (stack.length) {
      const root = stack.pop()!;
      for (const path of Array.from(root.querySelectorAll('svg path'))) {
        const d = path.getAttribute('d') ?? '';
        if (d.length > 0 && /\d/.test(d) && (path as SVGPathElement).getTotalLength() > 0) return d;
      }
      for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) stack.push(el.shadowRoot);
    }
    return false;
  }, undefined, { timeout: timeoutMs, polling: 100 });
  return (await handle.jsonValue()) as string;
}

/** The app's elements loaded after its first curve (ui/later-panels.ts, ui/app/deferred-elements.ts). */
export const LATER_ELEMENTS = [
  'ldn-param-panel', 'ldn-titration-editor', 'ldn-blockade-switch', 'ldn-clock-input', 'ldn-steady-state-switch', 'ldn-app-more',
  'ldn-model-page', 'ldn-research-panel', 'ldn-embed-panel', 'ldn-lessons',
] as const;

/**
 * Waits until `<ldn-app>` shows a live run (not the build's pre-rendered first screen, which the live run replaces
 * once the worker has started) and every element it loads after its first curve is defined: from then on a key
 * press gives the next `ldn-frame`, and a reload aborts no chunk still on its way.
 * @throws Playwright's TimeoutError after `timeoutMs`.
 */
export async function waitForLiveApp(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction((names) => {
    const app = document.querySelector('ldn-app') as (Element & { live?: boolean }) | null;
    return app?.live === true && names.every((n) => customElements.get(n) !== undefined);
  }, LATER_ELEMENTS, { timeout: timeoutMs, polling: 50 });
}

/**
 * Waits until `<ldn-app>`'s first chart has drawn a data path, then until the app is live with every later element
 * defined (`waitForLiveApp`): what a test of the app's interactions starts from.
 */
export async function waitForAppCurves(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const chart = document.querySelector('ldn-app')?.shadowRoot?.querySelector('ldn-chart');
    const d = chart?.shadowRoot?.querySelector('path[data-key]')?.getAttribute('d');
    return !!d && d.length > 20;
  }, undefined, { timeout: 30_000 });
  await waitForLiveApp(page);
}
