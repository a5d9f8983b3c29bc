import { defineConfig } from 'vitest/config';

// Integration tests run against the SQS emulator (a fresh worker queue and DLQ per test). Generous
// timeouts because messages come back after visibility timeouts; tests poll, never assert timing.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
