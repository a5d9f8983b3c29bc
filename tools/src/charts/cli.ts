/**
 * `npm run charts:generate` — rewrites what the charts generate from code: each chart's
 * values.schema.json (from the app's config schema) and the README sections between
 * `<!-- values|environment|aws-resources:start/end -->` markers (from values.yaml's `# --`
 * comments, the app's config and libs/shared/resources).
 *
 * `--check` writes nothing and exits 1 when a file is out of date (the tests run the same check).
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { allChartDefinitions } from './chart-definitions';
import { chartsDirectory, generatedChartFiles } from './generated-chart-files';

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const definition of allChartDefinitions) {
  for (const file of await generatedChartFiles(definition)) {
    if (file.current === file.wanted) continue;
    stale.push(relative(chartsDirectory, file.path));
    if (!check) await writeFile(file.path, file.wanted);
  }
}
if (check && stale.length > 0) {
  console.error(`out of date (run npm run charts:generate): ${stale.join(', ')}`);
  process.exit(1);
}
console.log(stale.length === 0 ? 'charts: generated files are up to date' : `charts: rewrote ${stale.join(', ')}`);
