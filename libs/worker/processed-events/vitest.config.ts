import { defineConfig } from 'vitest/config';

// Integration tests run against DynamoDB Local (a fresh processed-events table per file). Generous
// timeouts: table creation on a cold DynamoDB Local takes a while. No test asserts timing.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
