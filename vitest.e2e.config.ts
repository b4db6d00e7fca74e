import { defineConfig } from 'vitest/config';

// Browser tests against the built site (npm run test:e2e builds first): playwright-core + system
// Chromium, one file at a time (each starts its own server and browser).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    env: { TZ: 'Asia/Shanghai' },
  },
});
