import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './helpers/browser';
import { waitForDrawnSvgPath } from './helpers/dom';
import { serveStatic, type StaticServer } from './helpers/static-server';

// The browser-test helpers are themselves tested, against a tiny site written here: a failing helper would
// otherwise make every app test fail (or pass) for the wrong reason.
describe('browser-test helpers', () => {
  let root: string;
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ldn-sim-static-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), `<!doctype html><title>fixture</title><div id="host"></div>
<script type="module" src="./assets/draw.mjs"></script>`);
    // Draws inside a shadow root after a delay, as a Lit element would after its first simulation.
    writeFileSync(join(root, 'assets', 'draw.mjs'), `
      const host = document.getElementById('host').attachShadow({ mode: 'open' });
      setTimeout(() => { host.innerHTML = '<svg width="100" height="100"><path d=""/><path d="M0,0"/><path d="M5,5L50,80"/></svg>'; }, 300);
      const { answer } = await import('./data.js');
      document.title = 'fixture ' + answer;`);
    writeFileSync(join(root, 'assets', 'data.js'), 'export const answer = 42;');
    writeFileSync(join(root, 'assets', 'shape.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'assets', 'x.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    writeFileSync(join(root, 'assets', 'a.json'), '{}');
    writeFileSync(join(root, 'assets', 'a.css'), 'body{}');
    server = await serveStatic(root, {
      basePath: '/course/sim/',
      files: { '/course/lesson.html': '<!doctype html><title>lesson</title><iframe src="sim/"></iframe>' },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the static server serves a directory under a sub-path with the content types browsers require', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/course\/sim\/$/);
    const types: Record<string, string> = {
      '': 'text/html', 'assets/draw.mjs': 'text/javascript', 'assets/data.js': 'text/javascript',
      'assets/x.wasm': 'application/wasm', 'assets/shape.svg': 'image/svg+xml', 'assets/a.json': 'application/json',
      'assets/a.css': 'text/css',
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
      await res.arrayBuffer();
    }
    expect((await fetch(`${server.origin}/index.html`)).status).toBe(404); // outside the sub-path
    expect((await fetch(`${server.url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(404); // nothing outside root
    expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
    const bare = await fetch(server.url.slice(0, -1), { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/course/sim/');
    expect(await (await fetch(`${server.origin}/course/lesson.html`)).text()).toContain('<iframe');
  });

  it('Chromium loads modules from the sub-path and waitForDrawnSvgPath finds a path inside a shadow root', async () => {
    const p = await openPage(browser);
    try {
      await p.page.goto(server.url);
      const d = await waitForDrawnSvgPath(p.page, 10_000);
      expect(d).toBe('M5,5L50,80'); // empty and zero-length paths are not "drawn"
      await expect.poll(() => p.page.title()).toBe('fixture 42'); // a module imported by a module, from the sub-path
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('openPage records console errors, uncaught exceptions and failed requests', async () => {
    const p = await openPage(browser);
    try {
      await p.page.goto(server.url);
      expect(p.errors()).toEqual([]);
      await p.page.evaluate(() => {
        console.error('deliberate');
        setTimeout(() => { throw new Error('deliberate throw'); });
        void fetch('./missing.json');
      });
      await expect.poll(() => p.errors().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
      expect(p.consoleErrors.join('\n')).toContain('deliberate');
      expect(p.pageErrors.join('\n')).toContain('deliberate throw');
      expect(p.failedRequests.join('\n')).toMatch(/404 .*missing\.json/);
    } finally {
      await p.close();
    }
  });
});
