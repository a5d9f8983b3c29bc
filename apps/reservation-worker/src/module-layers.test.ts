import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The worker's folders, top to bottom: a folder imports only from folders below it, so the flow
 * of dependencies has one direction. `handling` is the leaf every other folder may use: the
 * handler contract and the failure kinds.
 */
const layers = ['processing', 'handlers', 'reservation-api', 'handling'] as const;

const sourceRoot = dirname(fileURLToPath(import.meta.url));

/** `[folder, imported folder]` for every relative import between two of the layers. */
function crossFolderImports(): [string, string][] {
  const found: [string, string][] = [];
  for (const folder of layers) {
    for (const file of readdirSync(join(sourceRoot, folder)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
      const source = readFileSync(join(sourceRoot, folder, file), 'utf8');
      for (const [, target] of source.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const imported = relative(sourceRoot, join(sourceRoot, folder, target ?? '')).split('/')[0] ?? '';
        if (imported !== folder && (layers as readonly string[]).includes(imported)) found.push([folder, imported]);
      }
    }
  }
  return found;
}

describe("the worker's module layers", () => {
  it('import only downwards, and the handling leaf imports none of them', () => {
    const upward = crossFolderImports().filter(([from, to]) => layers.indexOf(to as (typeof layers)[number]) <= layers.indexOf(from as (typeof layers)[number]));
    expect(upward).toEqual([]);
  });

  it('finds the imports it judges (the check is not vacuous)', () => {
    expect(crossFolderImports()).toContainEqual(['processing', 'handling']);
    expect(crossFolderImports()).toContainEqual(['handlers', 'reservation-api']);
  });
});
