import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../ui/contrast';
import { THEMES } from '../../ui/theme';
import { openPage } from './helpers/browser';
import { STRICT_CSP, servedDist } from './helpers/dist';

// Issue #17, dark mode: the receptor picture follows the theme (its colours are the theme's tokens, whose contrast
// test/ui/contrast.test.ts checks), and exports from a dark page are deliberately light (ui/export.ts says why).
const CSP = STRICT_CSP;

/** `rgb(r, g, b)` → `#rrggbb`. */
const hex = (rgb: string) => `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;

/** Computed fill and stroke of the first element matching each selector inside the app's receptor picture. */
function receptorColours(page: Page): Promise<Record<string, { fill: string; stroke: string }>> {
  return page.evaluate(() => {
    const root = document.querySelector('ldn-app')!.shadowRoot!.querySelector('ldn-receptor-diagram')!.shadowRoot!;
    const out: Record<string, { fill: string; stroke: string }> = {};
    for (const sel of ['rect.membrane', 'rect.band', 'path.receptor', '.ligand']) {
      const el = root.querySelector(sel);
      if (el) { const cs = getComputedStyle(el); out[sel] = { fill: cs.fill, stroke: cs.stroke }; }
    }
    return out;
  });
}

describe('dark mode: the receptor picture and exports (issue #17), in Chromium', () => {
  const ctx = servedDist({ headers: { 'Content-Security-Policy': CSP } });

  for (const scheme of ['light', 'dark'] as const) {
    it(`the receptor picture is drawn in the ${scheme} theme's colours (membrane, band, receptors, ligand outlines)`, async () => {
      const p = await openPage(ctx.browser, { reducedMotion: 'reduce', colorScheme: scheme });
      try {
        await p.page.goto(`${ctx.server.url}#dose=4.5&days=1&t=3`);
        await p.page.waitForFunction(() => !!document.querySelector('ldn-app')?.shadowRoot?.querySelector('ldn-receptor-diagram')?.shadowRoot?.querySelector('.ligand'), undefined, { timeout: 30_000 });
        const c = await receptorColours(p.page);
        const t = THEMES[scheme];
        expect(hex(c['rect.membrane']!.fill)).toBe(t.membrane.toLowerCase());
        expect(hex(c['rect.band']!.fill)).toBe(t.membraneBand.toLowerCase());
        expect(hex(c['path.receptor']!.stroke)).toBe(t.receptor.toLowerCase());
        expect(hex(c['path.receptor']!.fill)).toBe(t.surface.toLowerCase());
        expect(hex(c['.ligand']!.stroke)).toBe(t.ink.toLowerCase());
        expect(p.errors()).toEqual([]);
      } finally {
        await p.close();
      }
    });
  }

  it('SVG and PNG exported from a dark page (a pinned scenario too) are light: white background, light ink, every line ≥ 3:1 on white', async () => {
    const p = await openPage(ctx.browser, { reducedMotion: 'reduce', colorScheme: 'dark', acceptDownloads: true });
    try {
      await p.page.goto(`${ctx.server.url}#dose=4.5&days=2&pin.dose=50&pin.days=2`);
      await p.page.waitForFunction(() => (document.querySelector('ldn-app')?.shadowRoot?.querySelector('ldn-chart')?.shadowRoot?.querySelector('path[data-key]')?.getAttribute('d')?.length ?? 0) > 20, undefined, { timeout: 30_000 });
      const [svgDl] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('button', { name: 'Chart as SVG' }).click()]);
      const text = readFileSync((await svgDl.path())!, 'utf8');
      // Read back in the page (as a standalone document, not in the app): background, ink and every line's colour.
      const seen = await p.page.evaluate((src) => {
        const doc = new DOMParser().parseFromString(src, 'image/svg+xml').documentElement;
        const ink = doc.getAttribute('color');
        const resolve = (c: string | null) => (c === 'currentColor' ? ink : c);
        return {
          background: doc.querySelector('rect')?.getAttribute('fill') ?? null,
          ink,
          texts: [...new Set([...doc.querySelectorAll(':scope > text')].map((t) => t.getAttribute('fill')))],
          lines: [...doc.querySelectorAll('path[data-key]:not(.core)')].map((e) => ({ key: e.getAttribute('data-key'), stroke: resolve(e.getAttribute('stroke')) })),
        };
      }, text);
      expect(text).not.toContain('var(');
      expect(seen.background).toBe(THEMES.light.surface);
      expect(seen.ink).toBe(THEMES.light.ink);
      expect(seen.lines.length).toBeGreaterThan(4);
      expect(seen.lines.some((l) => l.key?.startsWith('pin:'))).toBe(true);
      const bad = seen.lines.filter((l) => !(l.stroke && contrastRatio(l.stroke, '#ffffff') >= 3));
      expect(bad).toEqual([]);
      for (const fill of seen.texts) expect(contrastRatio(fill!, '#ffffff')).toBeGreaterThanOrEqual(4.5);

      const [pngDl] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('button', { name: 'Chart as PNG' }).click()]);
      const png = readFileSync((await pngDl.path())!).toString('base64');
      // The corner pixel of the PNG, decoded by the ctx.browser: white, not the dark page.
      const corner = await p.page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return [...ctx.getImageData(2, 2, 1, 1).data];
      }, png);
      expect(corner).toEqual([255, 255, 255, 255]);
      expect(p.errors()).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
