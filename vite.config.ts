import { defineConfig } from 'vite';

// The teaching app: a static site in dist/ with relative asset paths, so it can be hosted under any path and
// keeps working offline once loaded (nothing is fetched from another origin). Workers are ES modules so that
// `new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })` is bundled as one chunk.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
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
