import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dynamicImports, simulationWorker, sourcesOf } from './helpers/chunks';

// Issue #18: the simulation worker a first curve waits for holds only the default path (the ldn model, bolus
// doses, dop853, closures); the engine's optional features (engine/feature-loaders.ts) and the other built-in
// models (models/catalog.ts) are chunks it imports on first use. Reads the build's chunk graph and source maps (dist/, from `npm run build`), for
// the widget's worker (dist/embed) and the app's (dist/assets). test/workers/lazy-features.test.ts checks that the
// default requests need no feature and that each works once loaded.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Source files of the optional features (and the models other than the default), and a source each chunk of it must hold. */
const LAZY: Record<string, { sources: RegExp; marker: string }> = {
  odex: { sources: /^(engine\/odex\.ts|node_modules\/odex\/)/, marker: 'engine/odex.ts' },
  dopri5: { sources: /^engine\/dopri5(-coefficients)?\.ts$/, marker: 'engine/dopri5.ts' },
  records: { sources: /^engine\/(records|records-check|output-times|steady-state|linear-steady-state)\.ts$/, marker: 'engine/steady-state.ts' },
  generated: { sources: /^engine\/(dopri5-kernel|model\/generated|expr\/codegen)\.ts$/, marker: 'engine/model/generated.ts' },
  research: { sources: /^engine\/(population\/|sweep\.ts|sensitivity\.ts)/, marker: 'engine/sweep.ts' },
  'one-compartment': { sources: /^models\/one-compartment\.ts$/, marker: 'models/one-compartment.ts' },
  'two-compartment': { sources: /^models\/two-compartment\.ts$/, marker: 'models/two-compartment.ts' },
};

describe.each(['embed', 'assets'])('the simulation worker in dist/%s', (dir) => {
  const at = join(DIST, dir);
  const worker = () => {
    if (!existsSync(at)) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    return simulationWorker(at);
  };

  it('loads statically the default path (ldn, dop853, the simulation core) and none of the optional features', () => {
    const w = worker();
    const sources = w.files.flatMap((f) => sourcesOf(at, f));
    for (const need of ['models/ldn-prepared.ts', 'engine/dop853.ts', 'engine/simulate-core.ts', 'engine/model/compile.ts', 'workers/simulation-api.ts']) {
      expect(sources, need).toContain(need);
    }
    for (const [name, { sources: re }] of Object.entries(LAZY)) {
      expect(sources.filter((s) => re.test(s)), `${name} in the worker's static chunks ${w.files.join(', ')}`).toEqual([]);
    }
  });

  it('carries the ldn model as the build prepared it: its texts, the validator and the parser only in chunks loaded on first use', () => {
    const w = worker();
    const sources = w.files.flatMap((f) => sourcesOf(at, f));
    const lazy = w.files.flatMap((f) => dynamicImports(at, f)).flatMap((f) => sourcesOf(at, f));
    for (const later of ['models/ldn.ts', 'engine/model/load.ts', 'engine/expr/parse.ts']) {
      expect(sources, `${later} in the worker's static chunks`).not.toContain(later);
      expect(lazy, `${later} in a chunk the worker imports dynamically`).toContain(later);
    }
  });

  it('imports each optional feature dynamically, as a chunk of its own', () => {
    const w = worker();
    const lazy = w.files.flatMap((f) => dynamicImports(at, f));
    for (const [name, { marker }] of Object.entries(LAZY)) {
      const holders = lazy.filter((f) => sourcesOf(at, f).includes(marker));
      expect(holders, `${name} (${marker}) in a chunk the worker imports dynamically`).toHaveLength(1);
      expect(w.files, `${name}'s chunk loaded statically`).not.toContain(holders[0]);
    }
  });
});
