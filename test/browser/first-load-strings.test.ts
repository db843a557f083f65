import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withStaticImports } from './helpers/chunks';
import { RESEARCH_STRINGS } from '../../ui/research/research-strings';
import { FIT_STRINGS } from '../../ui/research/fit-strings';
import { MODEL_PAGE_STRINGS } from '../../ui/model-page-strings';
import { LESSON_STRINGS } from '../../ui/lessons/lesson-strings';
import { GUIDE_STRINGS } from '../../ui/guide/guide-strings';
import { EMBED_STRINGS } from '../../ui/widget/embed-strings';
import { STRINGS } from '../../ui/strings';
import { CHART_STRINGS } from '../../ui/chart-strings';

// Issue #18: the strings of the parts loaded later are tables of their own, so that the widget and the app's first
// screen do not download them. A stray import of such a table (or of a helper beside it) from a first-screen module
// would silently bring it back: this reads the built chunks (dist/, `npm run build`) for the tables' plain strings.
// (EVIDENCE_STRINGS holds only functions, whose text a minifier rewrites: not checked here.)
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const LAZY_TABLES = {
  research: RESEARCH_STRINGS, fit: FIT_STRINGS, modelPage: MODEL_PAGE_STRINGS, lessons: LESSON_STRINGS,
  guide: GUIDE_STRINGS, embed: EMBED_STRINGS,
} as const;

/** A table's plain strings long enough to be its own (no quotes or backslashes, which a minifier may escape). */
function plainStrings(t: unknown, out: string[] = []): string[] {
  if (typeof t === 'string') { if (t.length >= 24 && !/["'`\\]/.test(t)) out.push(t); }
  else if (t && typeof t === 'object') for (const v of Object.values(t)) plainStrings(v, out);
  return out;
}

/** The code of a built entry and of every chunk it imports statically. */
function firstLoad(dir: string, entry: string): string {
  return withStaticImports(dir, entry).files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

/** The code of every built JS file in `dir`. */
function allCode(dir: string): string {
  return readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

describe('the first load carries no strings of the parts loaded later (issue #18)', () => {
  it('the widget page (ldn-sim.js and its static chunks) and the app\'s first screen hold none of the Research, fit, Model tab, Lessons, guide or Embed strings, which the build does hold elsewhere; the shared strings are in both, the app\'s own only in the app', () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}index.html is missing: run \`npm run build\` (npm test does it first)`);
    const assets = join(DIST, 'assets');
    const appEntry = /<script type="module"[^>]*src="\.\/assets\/([^"]+\.js)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))![1]!;
    const pages = { widget: firstLoad(join(DIST, 'embed'), 'ldn-sim.js'), app: firstLoad(assets, appEntry) };
    const everything = allCode(assets);
    // The check can see a string: those the first screen shares with the widget are found in both, the app's own in
    // the app, and each lazy one somewhere in the app.
    expect(pages.widget).toContain(CHART_STRINGS.doseHint);
    expect(pages.app).toContain(CHART_STRINGS.doseHint);
    expect(pages.app).toContain(STRINGS.chartHint);
    // The widget page reads the shared table (ui/chart-strings.ts), not the app's own strings.
    const own = plainStrings(STRINGS);
    expect(own.length).toBeGreaterThan(5);
    expect(own.filter((s) => pages.widget.includes(s)), 'the app\'s own STRINGS in the widget page').toEqual([]);
    const found: string[] = [];
    for (const [name, table] of Object.entries(LAZY_TABLES)) {
      const strings = plainStrings(table);
      expect(strings.length, `${name}: strings to look for`).toBeGreaterThan(0);
      for (const s of strings) {
        expect(everything, `${name}: "${s}" is in no built chunk`).toContain(s);
        for (const [page, code] of Object.entries(pages)) if (code.includes(s)) found.push(`${page}: ${name}: ${s}`);
      }
    }
    expect(found).toEqual([]);
  });
});
