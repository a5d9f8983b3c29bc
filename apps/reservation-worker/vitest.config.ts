import { testProjectConfig } from '../../vitest.preset.ts';

// End-to-end tests run the whole platform as processes: one file at a time, so two full stacks do
// not fight over a 2-core machine.
export default testProjectConfig({ fileParallelism: false });
