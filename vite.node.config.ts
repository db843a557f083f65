import { defineConfig } from 'vite';

// Builds the Node entry points (command line, benchmark) into build/ as ES modules. Runtime dependencies stay
// external and are imported from node_modules. Run by `npm run build:node` and by `prepare` (so `npm ci`
// leaves a working `npx ldn-sim`).
export default defineConfig({
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
