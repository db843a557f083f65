import { defineConfig } from 'vitest/config';

// Node tests only; real-browser tests live in test/browser and run through scripts/test.mjs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
  },
});
