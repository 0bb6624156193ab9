import { defineConfig } from 'vitest/config';

// KEHOACH_TEST_REPORT=<file> adds a JSON report that .ci/run turns into its closing "N passed, N failed" line.
const report = process.env.KEHOACH_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
