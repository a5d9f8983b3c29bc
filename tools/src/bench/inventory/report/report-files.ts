import { writeReportFiles as writeBenchReportFiles } from '../../shared/report-files';
import type { InventoryBenchReport } from './bench-report';

/**
 * Writes the report as `inventory-<timestamp>.json` and `inventory-latest.json` in `directory`
 * (quick runs as `inventory-quick-…`, so a smoke run never replaces the latest real one).
 * @returns the two paths.
 */
export function writeReportFiles(report: InventoryBenchReport, directory: string): Promise<string[]> {
  return writeBenchReportFiles(report, 'inventory', directory);
}
