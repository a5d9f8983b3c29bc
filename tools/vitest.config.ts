import { testProjectConfig } from '../vitest.preset.ts';

// The benchmarks' smoke tests and the image test bundle the apps into the same dist/ folders and
// load a 2-core machine on their own: one file at a time.
export default testProjectConfig({ fileParallelism: false });
