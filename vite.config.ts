import { defineConfig } from 'vite';
import { firstScreenPlugin } from './scripts/first-screen-plugin.js';

// The teaching app: a static site in dist/ with relative asset paths, so it can be hosted under any path and
// keeps working offline once loaded (nothing is fetched from another origin). Workers are ES modules so that
// `new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })` is bundled as one chunk.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  // The default scenario's curves, computed by the engine at build time and drawn before the worker starts (issue #18).
  plugins: [firstScreenPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    // The app, the printable lesson worksheets (worksheet.html?lesson=ID), generated from the lesson data, and the
    // teacher's guide (guide.html: docs/teaching.md with each lesson's links).
    rollupOptions: { input: { main: 'index.html', worksheet: 'worksheet.html', guide: 'guide.html' } },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
