import { defineConfig } from 'vitest/config';

// Integration tests talk to the local Redis stand-ins (standalone and cluster). Tests never assert
// on timing; the generous timeouts only absorb a slow CI machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
