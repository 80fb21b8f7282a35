// End-to-end suite: builds the app, serves dist/ on loopback, drives Debian Chromium via playwright-core.
// Run with `npm run test:e2e` (or as part of `npm test`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    // one browser-driving file at a time: CI has 2 cores and the app itself uses a worker
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
});
