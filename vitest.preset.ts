/**
 * The one vitest preset: every project's `vitest.config.ts` is `export default testProjectConfig()`
 * (with its own overrides, if any), so timeouts and reports are set here once.
 *
 * Timeouts are sized for what these tests do: start DynamoDB tables, Redis servers, gRPC servers
 * and whole apps as processes on a 2-core machine that CI may share. The slowest test and hook on
 * such a machine take about 20 s (the JSON timing reports in .local/test-results/timing say which);
 * the limits leave room for a machine several times slower and still fail a hung test within
 * minutes. No test asserts how long it took, so a higher limit never hides a wrong answer.
 */
import { join } from 'node:path';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';
import { TimingReporter } from './vitest.timing-reporter.ts';

/** How long one test may run. */
export const testTimeoutMs = 180_000;
/** How long one hook may run: a beforeAll may start a whole stack or run a benchmark. */
export const hookTimeoutMs = 300_000;

/**
 * The configuration of one project, `overrides` merged over the preset.
 *
 * Under `nx run <project>:test` the run also writes the workspace's reports: vitest's JSON report to
 * `.local/test-results/<project>.json` (the closing pass/fail line adds these up) and a timing
 * report to `.local/test-results/timing/<project>.json` (the ten slowest files, and every test or
 * hook past half of its limit). A plain `npx vitest` in a project prints to the terminal only.
 */
export function testProjectConfig(overrides: NonNullable<ViteUserConfig['test']> = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: testTimeoutMs,
        hookTimeout: hookTimeoutMs,
        // Stopping processes and stand-ins in afterAll can take as long as starting them.
        teardownTimeout: hookTimeoutMs,
        reporters: workspaceReporters(),
      },
    }),
    defineConfig({ test: overrides }),
  );
}

function workspaceReporters(): NonNullable<ViteUserConfig['test']>['reporters'] {
  const workspaceRoot = process.env['NX_WORKSPACE_ROOT'];
  const project = process.env['NX_TASK_TARGET_PROJECT'];
  if (!workspaceRoot || !project) return ['default'];
  const results = join(workspaceRoot, '.local', 'test-results');
  return [
    'default',
    ['json', { outputFile: join(results, `${project}.json`) }],
    new TimingReporter({ workspaceRoot, outputFile: join(results, 'timing', `${project}.json`) }),
  ];
}
