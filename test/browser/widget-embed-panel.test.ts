import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './helpers/browser';
import { serveStatic, type StaticServer } from './helpers/static-server';

// The app's Embed panel writes a snippet for the current scenario; pasted into another page of the same site,
// that snippet must load dist/embed/ldn-sim.js and draw the same scenario, under the strict CSP.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const CSP = "script-src 'self'; style-src 'self'; worker-src 'self'";

describe('the Embed panel of the app', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(`${DIST}embed/ldn-sim.js`)) throw new Error(`${DIST}embed/ldn-sim.js is missing: run \`npm run build\``);
    server = await serveStatic(DIST, { basePath: '/sim/' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('writes a snippet for the current scenario that, pasted into a page, draws it', async () => {
    const p = await openPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      await p.page.goto(`${server.url}#dose=3&at=08:00&days=2`, { waitUntil: 'load' });
      const panel = p.page.locator('ldn-embed-panel');
      const snippet = panel.locator('textarea#snippet');
      await snippet.waitFor({ timeout: 15_000 });
      let html = await snippet.inputValue();
      expect(html).toContain(`<script type="module" src="${server.url}embed/ldn-sim.js"></script>`);
      expect(html).toMatch(/<ldn-sim-widget[^>]* dose="3" time="08:00" days="2"/);
      // A choice in the panel changes the snippet: add the days control.
      await panel.getByLabel('Days', { exact: true }).check();
      html = await snippet.inputValue();
      expect(html).toContain('controls="dose,time,days"');
      // The iframe snippet points at frame.html beside ldn-sim.js.
      expect(await panel.locator('textarea#iframe').inputValue()).toContain(`<iframe src="${server.url}embed/frame.html?model=`);
      // The address is editable: a relative path for a copy of the folder next to the course page.
      await panel.getByLabel('Address of ldn-sim.js on your site').fill('./ldn/ldn-sim.js');
      await panel.getByLabel('Address of ldn-sim.js on your site').press('Enter');
      await expect.poll(() => snippet.inputValue()).toContain('<script type="module" src="./ldn/ldn-sim.js"></script>');
      expect(await panel.locator('textarea#iframe').inputValue()).toContain('<iframe src="./ldn/frame.html?');
      await panel.getByLabel('Address of ldn-sim.js on your site').fill('');
      await panel.getByLabel('Address of ldn-sim.js on your site').press('Enter');
      await expect.poll(() => snippet.inputValue()).toContain(`src="${server.url}embed/ldn-sim.js"`);
      html = await snippet.inputValue();
      await panel.locator('button[data-copy=snippet]').click();
      await expect.poll(() => panel.locator('[role=status]').textContent()).toContain('Copied');
      expect(await p.page.evaluate(() => navigator.clipboard.readText())).toBe(html);

      // Paste it into a page of the same site that has nothing else, under the strict CSP, and open it.
      const lesson = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lesson</title>
<meta http-equiv="Content-Security-Policy" content="${CSP}"><link rel="icon" href="data:,"></head><body>${html}</body></html>`;
      const q = await openPage(browser);
      await q.context.route(`${server.origin}/lesson.html`, (route) => route.fulfill({
        status: 200, contentType: 'text/html; charset=utf-8', body: lesson, headers: { 'Content-Security-Policy': CSP },
      }));
      try {
        await q.page.goto(`${server.origin}/lesson.html`, { waitUntil: 'load' });
        await q.page.waitForFunction(() => {
          const w = document.querySelector('ldn-sim-widget') as (HTMLElement & { resultCount?: number }) | null;
          return !!w && (w.resultCount ?? 0) > 0;
        }, undefined, { timeout: 15_000 });
        const s = await q.page.evaluate(() => {
          const w = document.querySelector('ldn-sim-widget') as HTMLElement & { scenario: unknown };
          return { scenario: w.scenario, controls: w.shadowRoot!.querySelectorAll('[part=controls] > *').length };
        });
        expect(s.scenario).toMatchObject({ dose: 3, time: '08:00', days: 2 });
        expect(s.controls).toBe(3);
        expect(q.errors()).toEqual([]);
      } finally {
        await q.close();
      }
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
