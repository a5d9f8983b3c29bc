/**
 * The local stand-in for a cluster's service-account token issuer: serves the public key of
 * {@link localIssuerKeys} as a JWKS at {@link localJwksPath} (where the Kubernetes API server serves
 * its own) and an OpenID discovery document, on loopback. `tools/dev up` runs it; tokens are minted
 * by the tool itself (local-service-tokens.ts), as the kubelet mints them in a cluster.
 *
 * Usage: tsx service-issuer.server.ts <state dir> <port>
 */
import { createServer } from 'node:http';
import { localJwksPath } from './local-issuer-address';
import { localIssuerKeys } from './local-issuer-keys';

const [stateDir, portArgument] = process.argv.slice(2);
const port = Number(portArgument);
if (!stateDir || !Number.isInteger(port) || port <= 0) {
  console.error('usage: service-issuer.server.ts <state dir> <port>');
  process.exit(2);
}
const { jwks } = localIssuerKeys(stateDir);
const issuer = `http://127.0.0.1:${port}`;
const documents: Record<string, unknown> = {
  [localJwksPath]: jwks,
  '/.well-known/openid-configuration': { issuer, jwks_uri: `${issuer}${localJwksPath}`, id_token_signing_alg_values_supported: ['RS256'] },
};

const server = createServer((request, response) => {
  const document = documents[request.url ?? ''];
  response.writeHead(document ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(document ?? { error: 'not found' }));
});
server.listen(port, '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)));
