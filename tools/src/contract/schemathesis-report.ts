import { stripVTControlCharacters } from 'node:util';

/**
 * Schemathesis draws live progress bars (cursor movements, one frame per tick) even when its output
 * is not a terminal; in a CI log they run to thousands of lines and bury the test runner's own
 * output. The report proper starts at its first section banner (`==== FAILURES ====`,
 * `==== WARNINGS ====`, `==== SUMMARY ====` …): that part is what a reader needs.
 */
const sectionBanner = /^=+ [A-Z][A-Z ]* =+$/m;

/** The report sections of Schemathesis's output, or its last `fallbackLines` when it printed none. */
export function reportSections(output: string, fallbackLines = 40): string {
  const plain = stripVTControlCharacters(output);
  const start = plain.search(sectionBanner);
  if (start >= 0) return plain.slice(start).trimEnd();
  return plain.trimEnd().split('\n').slice(-fallbackLines).join('\n');
}
