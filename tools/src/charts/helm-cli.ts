/**
 * `npm run -s charts:helm` — prints the path of the workspace's helm (`.local/bin/helm`), building
 * it with Go on first use. For running helm by hand: `$(npm run -s charts:helm) lint charts/inventory`.
 */
import { helmBinary } from './helm-binary';

console.log(await helmBinary({ log: (line) => console.error(line) }));
