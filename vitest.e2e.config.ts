import { defineConfig } from 'vitest/config';

// Browser tests against the built site (npm run test:e2e builds first): playwright-core + system
// Chromium, one file at a time (each starts its own server and browser).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 240_000, // a guard against a hang, not a speed goal: a 2-core machine under load starts the engine slowly
    hookTimeout: 240_000,
    fileParallelism: false,
    env: { TZ: 'Asia/Shanghai' },
  },
});
