export { localStandIns, type LocalStandIns } from './stand-ins';
export {
  createIsolatedAwsResources,
  localAwsClients,
  type IsolatedAwsResources,
  type IsolatedAwsResourcesOptions,
} from './isolated-aws-resources';
// Tests that wrap a client of their own build its document client as the apps do.
export { documentClientFor } from '@ticketing/aws';
export { cleanupRedisKeys, isolatedRedisKeyPrefix } from './isolated-redis-keys';
export { waitFor, WaitForTimeoutError, type WaitForOptions } from './wait-for';
export { uniquePrefix } from './unique-prefix';
export { markedSection } from './marked-section';
export { startServiceProcess, type LogLine, type ProcessExit, type ServiceProcess } from './service-process';
export { checkGrpcHealth } from './grpc-health.client';
export { listServicesByReflection } from './grpc-reflection.client';
export { localModeCallerAuth, serviceEnvironment } from './service-environment';
export { createDemoEvent, demoEventRequest, type DemoSection } from './demo-event';
export { startRedisServer, type PrivateRedisServer } from './private-redis-server';
export { startRedisCluster, type PrivateRedisCluster } from './private-redis-cluster';
export { findFreePort, isPortFree, type FreePortOptions } from './free-port';
export {
  apiTrustingIssuer,
  encodeJwt,
  hmacSha256,
  startJwtIssuer,
  type IssuerAlgorithm,
  type IssuerKey,
  type MintOptions,
  type TestJwtIssuer,
} from './jwt-issuer';
export { createTestCertificates, type TestCertificates } from './test-certificates';
export { definedMetricFamilies, servedMetricFamilies } from './metric-families';
