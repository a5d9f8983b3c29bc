import { join } from 'node:path';
import type { LocalInfraComponent } from '../component';
import { localIssuerPort, localIssuerUrl, localJwksUrl } from './local-issuer-address';
import { localIssuerKeys } from './local-issuer-keys';

/**
 * The local service-token issuer (service-issuer.server.ts), started by `tools/dev up` before the
 * apps: the inventory verifies the tokens of its callers against its JWKS exactly as it verifies a
 * cluster's projected service-account tokens, so a local run takes the production code path.
 */
export const serviceIssuerComponent: LocalInfraComponent = {
  name: 'service-issuer',
  processes(config) {
    // Created before the process starts, so the key the server publishes is the one tokens are signed with.
    localIssuerKeys(config.stateDir);
    return [
      {
        component: 'service-issuer',
        name: 'service-issuer',
        command: process.execPath,
        args: ['--import', 'tsx', join(config.workspaceRoot, 'tools/src/local-infra/service-issuer/service-issuer.server.ts'), config.stateDir, String(localIssuerPort)],
        cwd: config.workspaceRoot,
        env: config.childEnv,
        port: localIssuerPort,
        claims: [{ port: localIssuerPort, setting: "the local service-token issuer's fixed port" }],
        probe: async () => {
          const response = await fetch(localJwksUrl, { signal: AbortSignal.timeout(2_000) });
          await response.body?.cancel();
          return response.ok;
        },
      },
    ];
  },
  endpoints: () => ({ SERVICE_TOKEN_ISSUER: localIssuerUrl, SERVICE_TOKEN_JWKS_URL: localJwksUrl }),
};
