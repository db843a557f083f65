import { defineConfig } from 'vitest/config';

// Real-browser tests: they run in Node and drive Chromium through playwright-core (test/browser/helpers/browser.ts)
// against the built app (dist/) on a local static server. Run by `npm test` (scripts/test.mjs), which finds
// Chromium and builds dist/ first. One file at a time: each launches its own Chromium, and 2-core CI machines
// make parallel browsers slow and their timings noisy.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
