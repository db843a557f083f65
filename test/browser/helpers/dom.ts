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
