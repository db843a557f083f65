import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './helpers/browser';
import { waitForDrawnSvgPath } from './helpers/dom';
import { serveStatic, type StaticServer } from './helpers/static-server';

// The built app (npm run build → dist/), as a visitor gets it: served over HTTP, opened in real Chromium.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

describe('the built app in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(`${DIST}index.html`)) throw new Error(`${DIST}index.html is missing: run \`npm run build\` (npm test does it first)`);
    server = await serveStatic(DIST);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('index.html loads with an ldn-sim title, draws a curve within 10 s and logs no errors', async () => {
    const p = await openPage(browser);
    try {
      const response = await p.page.goto(server.url, { waitUntil: 'load' });
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
