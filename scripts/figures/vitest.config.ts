import { defineConfig } from 'vitest/config';

// Runs the documentation figure generator (not a test): `npx vitest run --config scripts/figures/vitest.config.ts`.
export default defineConfig({
  test: { include: ['scripts/figures/**/*.run.ts'], testTimeout: 120_000 },
});
