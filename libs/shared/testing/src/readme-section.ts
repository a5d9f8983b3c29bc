import { readFileSync } from 'node:fs';

/**
 * The text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in the workspace README, for tests
 * that keep generated documentation (configuration tables, error codes) in step with the code.
 * Returns undefined when the markers are missing.
 */
export function readmeSection(name: string): string | undefined {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<!-- ${escaped}:start -->\\n([\\s\\S]*?)\\n<!-- ${escaped}:end -->`).exec(readme)?.[1];
}
