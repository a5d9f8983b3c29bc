import { readFileSync } from 'node:fs';

/**
 * The text between `<!-- name:start -->` and `<!-- name:end -->` in a document of the repository
 * (`relativePath` from the workspace root, e.g. `docs/reference/configuration.md`), or undefined
 * when the markers are missing: where generated reference tables live, for the tests that hold
 * them to the code.
 */
export function markedSection(relativePath: string, name: string): string | undefined {
  const document = readFileSync(new URL(`../../../../${relativePath}`, import.meta.url), 'utf8');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<!-- ${escaped}:start -->\\n([\\s\\S]*?)\\n<!-- ${escaped}:end -->`).exec(document)?.[1];
}
