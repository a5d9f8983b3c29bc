import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceTokenFile } from './service-token-file';

describe('ServiceTokenFile', () => {
  let directory: string | undefined;
  afterEach(() => (directory ? rm(directory, { recursive: true, force: true }) : undefined));

  it('reads the token again once the file was replaced, as the kubelet rotates it', async () => {
    directory = await mkdtemp(join(tmpdir(), 'token-file-'));
    const path = join(directory, 'token');
    await writeFile(path, 'first-token\n');
    const file = new ServiceTokenFile(path);
    expect(await file.token()).toBe('first-token');
    await writeFile(`${path}.next`, 'second-token-which-is-longer\n');
    await rename(`${path}.next`, path);
    expect(await file.token()).toBe('second-token-which-is-longer');
  });

  it('with recheckMs, looks at the file at most that often', async () => {
    directory = await mkdtemp(join(tmpdir(), 'token-file-'));
    const path = join(directory, 'token');
    await writeFile(path, 'first-token\n');
    const file = new ServiceTokenFile(path, { recheckMs: 3_600_000 });
    expect(await file.token()).toBe('first-token');
    await writeFile(`${path}.next`, 'second-token\n');
    await rename(`${path}.next`, path);
    expect(await file.token()).toBe('first-token');
    expect(await new ServiceTokenFile(path, { recheckMs: 3_600_000 }).token()).toBe('second-token');
  });

  it('refuses an empty file and a missing one', async () => {
    directory = await mkdtemp(join(tmpdir(), 'token-file-'));
    await writeFile(join(directory, 'empty'), '\n');
    await expect(new ServiceTokenFile(join(directory, 'empty')).token()).rejects.toThrow(/is empty/);
    await expect(new ServiceTokenFile(join(directory, 'missing')).token()).rejects.toThrow(/ENOENT/);
  });
});
