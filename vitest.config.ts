import { defineConfig } from 'vitest/config';

// Unit and query tests (Node). Browser tests live in vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
