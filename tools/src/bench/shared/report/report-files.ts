import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a benchmark report as `<stem>-<timestamp>.json` and `<stem>-latest.json` in `directory`
 * (`<stem>-quick-…` for quick runs, so a smoke run never replaces the latest real one). The
 * timestamp is the report's `startedAt` to the second, with `:` replaced for file systems that
 * refuse it.
 * @returns the two paths.
 */
export async function writeReportFiles(
  report: { readonly mode: 'full' | 'quick'; readonly startedAt: string },
  stem: string,
  directory: string,
): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const name = report.mode === 'quick' ? `${stem}-quick` : stem;
  const stamp = report.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const paths = [join(directory, `${name}-${stamp}.json`), join(directory, `${name}-latest.json`)];
  for (const path of paths) await writeFile(path, json);
  return paths;
}
