import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectProcess } from '../src/local-infra/process-table';

describe('inspectProcess', () => {
  it('reports the directory a process started in even after that directory was replaced (npm ci under DynamoDB Local)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'process-table-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { cwd: directory, stdio: 'ignore' });
    try {
      expect((await inspectProcess(child.pid ?? -1))?.cwd).toBe(directory);
      await rm(directory, { recursive: true });
      expect((await inspectProcess(child.pid ?? -1))?.cwd).toBe(directory);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
