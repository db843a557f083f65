import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { serveStatic, type StaticServer, type StaticServerOptions } from './static-server';

/** The built app (`npm run build`; `npm test` builds it first). */
export const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

/** The strict Content-Security-Policy the app and the widget are served under in the browser tests. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; img-src 'self' data: blob:; connect-src 'self'";

/** A test file's browser and the static server of dist/, set up once for the file (beforeAll) and closed after it. */
export interface ServedDist {
  readonly browser: Browser;
  readonly server: StaticServer;
}

/**
 * Serves dist/ (with `options`: a base path, headers such as a CSP, inline files) and launches Chromium for the
 * calling test file, closing both after it. Call it inside a `describe`; read `browser` and `server` inside tests.
 * A missing build is an error, never a skip.
 */
export function servedDist(options: StaticServerOptions = {}): ServedDist {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    if (!existsSync(`${DIST}index.html`)) throw new Error(`${DIST}index.html is missing: run \`npm run build\` (npm test does it first)`);
    server = await serveStatic(DIST, options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() { if (!browser) throw new Error('servedDist: the browser is not launched yet (read it inside a test)'); return browser; },
    get server() { if (!server) throw new Error('servedDist: the server is not started yet (read it inside a test)'); return server; },
  };
}
