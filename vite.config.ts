import { defineConfig } from 'vite';
import { firstScreenPlugin } from './scripts/first-screen-plugin.js';
import { firstScreenMarkupPlugin } from './scripts/first-screen-markup-plugin.js';
import { prebuiltPlugin } from './scripts/prebuilt-plugin.js';

// The teaching app: a static site in dist/ with relative asset paths, so it can be hosted under any path and
// keeps working offline once loaded (nothing is fetched from another origin). Workers are ES modules so that
// `new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })` is bundled as one chunk.
export default defineConfig({
  base: './',
  // The simulation worker gets the `ldn` model prepared at build time, as the widget's does (scripts/prebuilt-plugin.ts).
  worker: { format: 'es', plugins: () => [prebuiltPlugin(['models/ldn-prepared.ts'])] },
  // The default scenario's curves, computed by the engine at build time and drawn before the worker starts, and the
  // first screen itself as static markup in index.html, painted before any script arrives (issue #18).
  plugins: [firstScreenPlugin(), firstScreenMarkupPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    // Issue #18: the page's <link rel="modulepreload"> tags stay (the first screen's chunks load in parallel), but
    // without Vite's polyfill for browsers lacking modulepreload (they load the same chunks, one level later), and
    // without the list of every lazy chunk's dependencies in the entry (a chunk loaded later fetches its own static
    // imports when it arrives): 1.1 kB gzip less before the first curve.
    modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
    // The app, the printable lesson worksheets (worksheet.html?lesson=ID), generated from the lesson data, and the
    // teacher's guide (guide.html: docs/teaching.md with each lesson's links).
    rollupOptions: { input: { main: 'index.html', worksheet: 'worksheet.html', guide: 'guide.html' } },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
