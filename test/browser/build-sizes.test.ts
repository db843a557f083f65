import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulationWorker, withStaticImports } from './helpers/chunks';

// Issue #18: the sizes the documentation quotes are those of the build. Reads the built files (dist/, written by
// `npm run build`, which npm test runs before the browser tests) and the sizes quoted in README.md and
// docs/embedding.md. Gzip at level 9, as the build's own size report.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const kB = (bytes: number) => bytes / 1024;

/** The built sizes the docs speak of, kB gzip. */
function built(): { widget: number; worker: number; app: number } {
  const embed = join(DIST, 'embed');
  const appEntry = /<script type="module"[^>]*src="\.\/assets\/([^"]+\.js)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))![1]!;
  return {
    widget: kB(withStaticImports(embed, 'ldn-sim.js').gzip),
    // The worker and the chunks it imports statically: what a default first curve loads (its optional engine
    // features are chunks loaded on first use; test/browser/worker-chunks.test.ts checks the default needs none).
    worker: kB(simulationWorker(embed).gzip),
    app: kB(withStaticImports(join(DIST, 'assets'), appEntry).gzip),
  };
}

/** The number (kB) that `re`'s first group captures in a doc, or a failure naming the doc and what is missing. */
function quoted(doc: string, re: RegExp): number {
  const m = re.exec(readFileSync(join(ROOT, doc), 'utf8'));
  if (!m) throw new Error(`${doc}: no size matching ${re}`);
  return Number(m[1]);
}

describe('sizes quoted in the docs are the build\'s (gzip, within 1 kB)', () => {
  it('README.md and docs/embedding.md quote the widget, its worker and the app\'s first screen as built', () => {
    if (!existsSync(join(DIST, 'embed', 'ldn-sim.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    const b = built();
    const checks: [string, RegExp, number][] = [
      ['README.md', /`ldn-sim\.js`\D{0,40}?([\d.]+) kB gzip/, b.widget],
      ['README.md', /worker \(`sim\.worker-\*\.js`\) ([\d.]+) kB gzip/, b.worker],
      ['README.md', /app's first screen loads ([\d.]+) kB gzip/, b.app],
      ['docs/embedding.md', /`ldn-sim\.js` \(([\d.]+) kB gzip/, b.widget],
      ['docs/embedding.md', /`sim\.worker-\*\.js`, ([\d.]+) kB gzip/, b.worker],
    ];
    for (const [doc, re, actual] of checks) expect(Math.abs(quoted(doc, re) - actual), `${doc} ${re}: built ${actual.toFixed(1)} kB`).toBeLessThanOrEqual(1);
  });
});
