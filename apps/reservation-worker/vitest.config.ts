import { defineConfig } from 'vitest/config';

// End-to-end tests run the whole platform as processes: generous timeouts (tests never assert on
// timing), and one file at a time so two full stacks do not fight over a 2-core machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
