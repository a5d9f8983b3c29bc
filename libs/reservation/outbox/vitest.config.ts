import { defineConfig } from 'vitest/config';

// Integration tests run against DynamoDB Local and the SQS/EventBridge emulator (fresh tables and
// buses per file). Generous timeouts for table creation on a cold DynamoDB Local; no test asserts timing.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
