import Type from 'typebox';
import { defineConfigPiece } from './config-piece';
import { millisecondsVariable } from './schema-types';

/**
 * Network binding and shutdown behaviour shared by every app. `HOST` defaults to all interfaces
 * because in a pod the kubelet probes the pod IP; local scripts bind loopback explicitly.
 */
export const lifecycleConfig = defineConfigPiece(
  {
    HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'interface the servers bind' }),
    SHUTDOWN_TIMEOUT_MS: millisecondsVariable(
      10_000,
      120_000,
      'how long in-flight work may take after SIGTERM before the process exits anyway',
    ),
  },
  (env) => ({ host: env.HOST, shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS }),
);
