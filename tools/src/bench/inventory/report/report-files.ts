import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InventoryBenchReport } from './bench-report';

/**
 * Writes the report as `inventory-<timestamp>.json` and `inventory-latest.json` in `directory`
 * (quick runs as `inventory-quick-…`, so a smoke run never replaces the latest real one).
 * @returns the two paths.
 */
export async function writeReportFiles(report: InventoryBenchReport, directory: string): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const stem = report.mode === 'quick' ? 'inventory-quick' : 'inventory';
  const stamp = report.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const paths = [join(directory, `${stem}-${stamp}.json`), join(directory, `${stem}-latest.json`)];
  for (const path of paths) await writeFile(path, json);
  return paths;
}
