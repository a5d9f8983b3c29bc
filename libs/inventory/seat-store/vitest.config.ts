import { defineConfig } from 'vitest/config';

// Integration tests run against DynamoDB Local (fresh tables per file). Generous timeouts: the
// 50,000-seat event and table creation on a cold DynamoDB Local take a while. No test asserts timing.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
