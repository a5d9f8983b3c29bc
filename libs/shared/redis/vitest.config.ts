import { testProjectConfig } from '../../../vitest.preset';

export default testProjectConfig();
