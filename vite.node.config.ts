import { defineConfig } from 'vite';

// Builds the Node entry points (command line, benchmark) into build/ as ES modules. Runtime dependencies stay
// external and are imported from node_modules, except odex (below). Run by `npm run build:node` and by
// `prepare` (so `npm ci` leaves a working `npx ldn-sim`).
export default defineConfig({
  // odex is CommonJS. Imported from an ES module at run time, Node scans its source with cjs-module-lexer in
  // every population worker, and V8 compiled that scanner (60–120 ms each, on the cores the workers need).
  // Bundled, it is plain code in our chunk.
  ssr: { noExternal: ['odex'] },
  build: {
    ssr: true,
    outDir: 'build',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { cli: 'cli/main.ts', bench: 'bench/bench.ts' },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  logLevel: 'warn',
});
