// src/generated/ is committed and never edited by hand. Regenerating from proto/ with the pinned
// buf and ts-proto must reproduce it byte for byte; otherwise someone edited generated code or
// changed a .proto (or buf.gen.yaml) without running `npx nx run inventory-contract:generate`.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const committedDir = join(projectRoot, 'src/generated');
const generateScript = join(projectRoot, 'scripts/generate.sh');
const HOW_TO_FIX = 'regenerate with `npx nx run inventory-contract:generate` and commit the result';

/** Every file below `dir`, as sorted paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('committed generated code', () => {
  let scratchDir: string;
  let regeneratedDir: string;

  beforeAll(async () => {
    scratchDir = await mkdtemp(join(tmpdir(), 'inventory-contract-drift-'));
    regeneratedDir = join(scratchDir, 'generated');
    await promisify(execFile)(generateScript, ['--out', regeneratedDir], {
      // The ts-proto plugin is a `#!/usr/bin/env node` script: run it on this same Node.
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}` },
    });
  });

  afterAll(async () => {
    if (scratchDir !== undefined) {
      await rm(scratchDir, { recursive: true, force: true });
    }
  });

  it('has exactly the files generation produces, none missing, none extra', () => {
    expect(listFiles(committedDir), HOW_TO_FIX).toEqual(listFiles(regeneratedDir));
  });

  it.each(listFiles(committedDir))('%s is byte-identical to a fresh generation', async (file) => {
    const [committed, regenerated] = await Promise.all([
      readFile(join(committedDir, file)),
      readFile(join(regeneratedDir, file)).catch(() => undefined),
    ]);

    expect(regenerated, `${file} is not generated any more; ${HOW_TO_FIX}`).toBeDefined();
    if (regenerated !== undefined && !committed.equals(regenerated) && !file.endsWith('.binpb')) {
      // Same assertion as below, but as text, so the failure shows a readable diff.
      expect(committed.toString('utf8'), `${file} differs; ${HOW_TO_FIX}`).toBe(regenerated.toString('utf8'));
    }
    expect(regenerated !== undefined && committed.equals(regenerated), `${file} differs; ${HOW_TO_FIX}`).toBe(true);
  });
});
