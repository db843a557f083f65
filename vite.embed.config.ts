import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { prebuiltPlugin } from './scripts/prebuilt-plugin.js';

/** Modules the widget's worker gets as their build-time value (issue #18: the `ldn` model prepared, without its texts). */
const PREBUILT = ['models/ldn-prepared.ts'];

// The embeddable widget (issue #6): `dist/embed/ldn-sim.js`, one ES module that defines <ldn-sim-widget>, with
// everything it loads (the simulation worker, chunks) beside it in dist/embed/ and found relative to the
// module's own URL (`base: './'`, `new URL('./x.js', import.meta.url)`), so the folder can be copied under any
// path of any static site and works offline. Also frame.html (+ frame.js, frame.css): the <iframe> alternative.
// Run after the app build by `npm run build` (the app build empties dist/ first).

/** The initial load's budget, gzip bytes (issue #6: under 80 kB). */
export const INITIAL_LOAD_BUDGET_GZIP = 80 * 1024;

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

/**
 * Prints what a page downloads for the widget: the entry plus the chunks it imports statically (its initial
 * load), and separately the worker, which starts after the widget connects. Fails the build over budget.
 */
function embedSizes(): Plugin {
  return {
    name: 'ldn-sim-embed-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((f) => f.type === 'chunk' && f.isEntry && f.fileName === 'ldn-sim.js');
      if (!entry || entry.type !== 'chunk') return;
      const initial = new Set<string>();
      const visit = (name: string) => {
        const f = bundle[name];
        if (!f || f.type !== 'chunk' || initial.has(name)) return;
        initial.add(name);
        f.imports.forEach(visit);
      };
      visit(entry.fileName);
      const size = (name: string) => {
        const f = bundle[name]!;
        const src = f.type === 'chunk' ? f.code : f.source;
        return { raw: Buffer.byteLength(src), gzip: gzipSync(src, { level: 9 }).length };
      };
      let total = 0;
      const lines = ['', 'ldn-sim embed (dist/embed/):', '  initial load (entry + static imports):'];
      for (const name of initial) {
        const s = size(name);
        total += s.gzip;
        lines.push(`    ${name.padEnd(34)} ${kB(s.raw).padStart(9)}   gzip ${kB(s.gzip).padStart(8)}`);
      }
      lines.push(`    ${'total'.padEnd(34)} ${''.padStart(9)}   gzip ${kB(total).padStart(8)}  (budget ${kB(INITIAL_LOAD_BUDGET_GZIP)})`);
      lines.push('  loaded later:');
      for (const name of Object.keys(bundle).sort()) {
        if (initial.has(name) || name.endsWith('.map') || name.endsWith('.html') || name.endsWith('.css')) continue;
        const s = size(name);
        lines.push(`    ${name.padEnd(34)} ${kB(s.raw).padStart(9)}   gzip ${kB(s.gzip).padStart(8)}${/worker/.test(name) ? '  (simulation worker)' : ''}`);
      }
      // eslint-disable-next-line no-console
      console.log(`${lines.join('\n')}\n`);
      if (total > INITIAL_LOAD_BUDGET_GZIP) this.error(`the widget's initial load is ${kB(total)} gzip, over the ${kB(INITIAL_LOAD_BUDGET_GZIP)} budget`);
    },
  };
}

/** Copies the iframe page and its stylesheet (plain static files) into the output. */
function framePage(): Plugin {
  return {
    name: 'ldn-sim-embed-frame',
    apply: 'build',
    generateBundle() {
      for (const file of ['frame.html', 'frame.css']) {
        this.emitFile({ type: 'asset', fileName: file, source: readFileSync(new URL(`./ui/widget/${file}`, import.meta.url), 'utf8') });
      }
    },
  };
}

export default defineConfig({
  base: './',
  publicDir: false,
  worker: {
    format: 'es',
    plugins: () => [prebuiltPlugin(PREBUILT)],
    rolldownOptions: { output: { entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' } },
  },
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsDir: '',
    assetsInlineLimit: 0,
    modulePreload: false,
    rolldownOptions: {
      input: { 'ldn-sim': 'ui/widget/embed.ts', frame: 'ui/widget/frame.ts', 'frame-host': 'ui/widget/frame-host.ts' },
      preserveEntrySignatures: 'strict',
      // Building the worker inside the worker plugin's transform is slow by design; its timing note is noise here.
      checks: { bundlerTimings: false },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', assetFileNames: '[name]-[hash][extname]' },
    },
  },
  plugins: [embedSizes(), framePage()],
  logLevel: 'warn',
});
