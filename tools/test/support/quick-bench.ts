import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createAwsClients, findExistingResources, type ProvisionedResources } from '@ticketing/aws';
import { localStandIns } from '@ticketing/testing';
import { expect } from 'vitest';
import { hookTimeoutMs } from '../../../vitest.preset';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What one `npm run bench:<name> -- --quick` left behind. */
export interface QuickBenchRun<Report> {
  /** The scratch directory the JSON reports went to; the caller removes it. */
  readonly outDir: string;
  readonly stdout: string;
  /** `<name>-quick-latest.json`, parsed. */
  readonly report: Report;
}

/** A hung benchmark is killed this long before vitest gives up on the hook, so the failure says why. */
const killMarginMs = 20_000;

/**
 * Runs a benchmark CLI in quick mode for real (with `extraArguments`, e.g. `--kill-redis`), as the
 * benchmarks' smoke tests do (from a beforeAll), into a fresh scratch directory, and reads its
 * latest report. Fails when the run exits non-zero or is still running shortly before the preset's
 * hook timeout.
 */
export async function runQuickBench<Report>(
  name: 'inventory' | 'api' | 'worker' | 'onsale',
  extraArguments: readonly string[] = [],
): Promise<QuickBenchRun<Report>> {
  const outDir = await mkdtemp(join(tmpdir(), `bench-${name}-test-`));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(workspaceRoot, `tools/src/bench/${name}/cli.ts`), '--quick', ...extraArguments, '--out-dir', outDir],
    { cwd: workspaceRoot, timeout: hookTimeoutMs - killMarginMs, maxBuffer: 10_000_000 },
  );
  const report = JSON.parse(await readFile(join(outDir, `${name}-quick-latest.json`), 'utf8')) as Report;
  return { outDir, stdout, report };
}

/** Asserts that processes a benchmark started are gone and that none of its tables, queues, buses or rules is left. */
export async function expectStoppedAndRemoved(pids: readonly number[], provisioned: readonly ProvisionedResources[]): Promise<void> {
  for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  const aws = createAwsClients(localStandIns.aws);
  try {
    for (const resources of provisioned) {
      expect(await findExistingResources(aws, resources)).toEqual({ tables: [], queues: [], eventBuses: [], rules: [] });
    }
  } finally {
    aws.destroy();
  }
}
