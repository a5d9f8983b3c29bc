import { defineConfig } from 'vitest/config';

// Integration tests talk to the local stand-ins; generous timeouts because real AWS (and a cold
// emulator) answer control-plane calls slowly. Tests never assert on timing.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
