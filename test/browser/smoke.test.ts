import { describe, expect, it } from 'vitest';
import { openPage } from './helpers/browser';
import { servedDist } from './helpers/dist';
import { waitForDrawnSvgPath } from './helpers/dom';

// The built app (npm run build → dist/), as a visitor gets it: served over HTTP, opened in real Chromium.

describe('the built app in Chromium', () => {
  const ctx = servedDist();

  it('index.html loads with an ldn-sim title, draws a curve within 10 s and logs no errors', async () => {
    const p = await openPage(ctx.browser);
    try {
      const response = await p.page.goto(ctx.server.url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(await p.page.title()).toMatch(/ldn-sim/i);
      const d = await p.explain(waitForDrawnSvgPath(p.page, 10_000));
      expect(d).toMatch(/\d/);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
