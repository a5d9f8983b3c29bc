import { testProjectConfig } from '../../../vitest.preset.ts';

export default testProjectConfig();
