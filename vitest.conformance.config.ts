import { defineConfig } from 'vitest/config';

// Conformance compares our output with ../shared/reference (absent on a fresh clone), so it is a
// separate config that `npm run conformance` runs, not part of `vitest run`.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/conformance/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
