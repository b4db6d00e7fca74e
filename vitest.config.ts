import { defineConfig } from 'vitest/config';

// Unit and query tests (Node). Browser tests live in vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    testTimeout: 120_000, // a guard against a hang, not a speed goal (speed lives in npm run bench): the CLI tests spawn several runs
    hookTimeout: 120_000,
  },
});
