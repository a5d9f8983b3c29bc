/**
 * Local stand-ins for the platform's infrastructure (DynamoDB Local, Redis, a Redis Cluster, an
 * SQS + EventBridge emulator) as plain processes, without Docker. The CLI (`npm run infra:up`)
 * wraps this API; tests and scripts call it directly.
 */
export { localInfraEndpoints } from './components';
export { localInfraStatus, type ProcessStatus } from './local-infra-status';
export {
  appNames,
  componentNames,
  standInNames,
  loadLocalInfraConfig,
  type ComponentName,
  type LoadLocalInfraConfigOptions,
  type LocalInfraConfig,
} from './local-infra.config';
export { LocalInfraError } from './local-infra.errors';
export { provisionLocalResources } from './provision';
export type { StopOutcome, SupervisedProcess } from './process-supervisor';
export { startLocalInfra, type LocalInfraStartResult, type StartLocalInfraOptions } from './start-local-infra';
export { stopLocalInfra, type StopLocalInfraOptions } from './stop-local-infra';
