import { basename, dirname } from 'node:path';
import { ConfigError, configReference, loadConfig } from '@ticketing/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChartDefinitions, localOnlyVariables, runtimeVariables, type ChartDefinition } from '../src/charts/chart-definitions';
import { ChartWorkspace, type Manifest, type RenderOptions } from '../src/charts/chart-rendering';
import { helmBinary } from '../src/charts/helm-binary';
import { appContainer, clusterIpService, containerPortNumber, environmentForApp, renderedEnvironment, single } from '../src/charts/rendered-workload';

/*
 * The charts against the apps' own configuration: the rendered pod must give each app exactly
 * the variables it reads, and its probes and ports must be the ones the app, reading that very
 * environment, listens on.
 */

/** Stands in for a token from the Secret (the apps require at least 16 characters). */
const secretPlaceholder = 'secret-placeholder-0123456789abcdef';

let workspace: ChartWorkspace;
beforeAll(async () => {
  const helm = await helmBinary({ log: (line) => console.error(`[charts] ${line}`) });
  workspace = await ChartWorkspace.prepare(helm, allChartDefinitions.map((definition) => definition.chart), {
    requiredValuesFile: 'ci/required-values.yaml',
  });
});
afterAll(() => workspace?.dispose());

const renders: readonly (readonly [string, RenderOptions])[] = [
  ['default values', {}],
  ['production-like values', { valuesFiles: ['ci/production-values.yaml'] }],
];

/** The ports and lifecycle settings of an app's configuration, read by the app's own pieces. */
function serverSettings(definition: ChartDefinition, env: Record<string, string>) {
  const { server, lifecycle } = loadConfig({ server: definition.configPieces['server']!, lifecycle: definition.configPieces['lifecycle']! }, env) as {
    server: { httpPort: number; grpcPort?: number; internalHttpPort?: number };
    lifecycle: { host: string; shutdownTimeoutMs: number };
  };
  return { ...server, ...lifecycle };
}

describe.each(allChartDefinitions)('$chart chart against its app configuration', (definition) => {
  const appVariables = configReference(definition.configPieces).map((row) => row.variable);

  describe.each(renders)('with %s', (_name, options) => {
    let manifests: Manifest[];
    let env: Record<string, string>;
    beforeAll(async () => {
      manifests = await workspace.template(definition.chart, options);
      env = environmentForApp(renderedEnvironment(manifests), secretPlaceholder);
    });

    it('gives the container exactly the variables the app reads, minus the local-only ones', () => {
      const rendered = Object.keys(env).filter((name) => !runtimeVariables.includes(name));
      const wanted = appVariables.filter((variable) => !(variable in localOnlyVariables));
      expect(rendered.sort()).toEqual(wanted.sort());
    });

    it('takes credentials only from the Secret, and nothing else from it', () => {
      const variables = [...renderedEnvironment(manifests).values()];
      const fromSecret = variables.filter((variable) => variable.source === 'secret').map((variable) => variable.name);
      expect(fromSecret.sort()).toEqual([...definition.secretVariables].sort());
      const configMapData = single(manifests, 'ConfigMap')['data'] as Record<string, string>;
      for (const variable of definition.secretVariables) expect(configMapData).not.toHaveProperty(variable);
    });

    it('probes the ports and paths the app listens on', () => {
      const settings = serverSettings(definition, env);
      const container = appContainer(manifests);
      const { readinessProbe, livenessProbe } = container;
      expect(livenessProbe.httpGet.path).toBe('/health');
      expect(containerPortNumber(container, livenessProbe.httpGet.port)).toBe(settings.httpPort);
      if (definition.chart === 'inventory') {
        // Native gRPC probe on the port serving grpc.health.v1, never the HTTP ops port.
        expect(readinessProbe.grpc).toEqual({ port: settings.grpcPort });
        expect(readinessProbe.httpGet).toBeUndefined();
      } else {
        expect(readinessProbe.httpGet.path).toBe('/ready');
        expect(containerPortNumber(container, readinessProbe.httpGet.port)).toBe(settings.httpPort);
      }
    });

    it('declares and serves the app\'s ports, and scrapes /metrics on its HTTP port', () => {
      const settings = serverSettings(definition, env);
      const container = appContainer(manifests);
      const declared = Object.fromEntries(container.ports.map((port: { name: string; containerPort: number }) => [port.name, port.containerPort]));
      const expected = {
        inventory: { grpc: settings.grpcPort, http: settings.httpPort },
        'reservation-api': { http: settings.httpPort, internal: settings.internalHttpPort },
        'reservation-worker': { http: settings.httpPort },
      }[definition.chart];
      expect(declared).toEqual(expected);
      const services = manifests.filter((manifest) => manifest.kind === 'Service' && manifest['spec'].clusterIP !== 'None');
      const targets = services.flatMap((service) =>
        service['spec'].ports.map((port: { targetPort: string }) => containerPortNumber(container, port.targetPort)),
      );
      expect(targets.sort()).toEqual(Object.values(declared).sort());
      const annotations = single(manifests, 'Deployment')['spec'].template.metadata.annotations as Record<string, string>;
      if (annotations['prometheus.io/scrape']) expect(annotations['prometheus.io/port']).toBe(String(settings.httpPort));
      const serviceMonitor = manifests.find((manifest) => manifest.kind === 'ServiceMonitor');
      if (serviceMonitor) {
        const httpServicePort = clusterIpService(manifests)['spec'].ports.find((port: { name: string }) => port.name === serviceMonitor['spec'].endpoints[0].port);
        expect(containerPortNumber(container, httpServicePort.targetPort)).toBe(settings.httpPort);
        expect(serviceMonitor['spec'].endpoints[0].path).toBe('/metrics');
      }
    });

    it('binds all interfaces and lets shutdown finish before the kubelet kills the pod', () => {
      const settings = serverSettings(definition, env);
      expect(settings.host).toBe('0.0.0.0');
      const gracePeriodMs = single(manifests, 'Deployment')['spec'].template.spec.terminationGracePeriodSeconds * 1_000;
      expect(gracePeriodMs).toBeGreaterThanOrEqual(settings.shutdownTimeoutMs + 5_000);
    });
  });

  it('boots on the environment rendered from production-like values', async () => {
    const manifests = await workspace.template(definition.chart, { valuesFiles: ['ci/production-values.yaml'] });
    expect(() => definition.loadConfig(environmentForApp(renderedEnvironment(manifests), secretPlaceholder))).not.toThrow();
  });

  it('boots on default values (with the cluster\'s issuer, which the render requires), except for the API\'s identity provider', async () => {
    const env = environmentForApp(renderedEnvironment(await workspace.template(definition.chart)), secretPlaceholder);
    const problems = (candidate: Record<string, string>) => {
      try {
        definition.loadConfig(candidate);
        return [];
      } catch (error) {
        if (error instanceof ConfigError) return error.issues.map((issue) => issue.variable);
        throw error;
      }
    };
    if (definition.chart === 'reservation-api') {
      expect(problems(env)).toEqual(['JWT_AUDIENCE']);
      expect(problems({ ...env, JWT_AUDIENCE: 'ticketing-api' })).toEqual(['JWT_ISSUER']);
      expect(problems({ ...env, JWT_AUDIENCE: 'ticketing-api', JWT_ISSUER: 'https://auth.example.com/' })).toEqual([]);
    } else {
      expect(problems(env)).toEqual([]);
    }
  });
});

describe.each(['reservation-api', 'reservation-worker'] as const)('%s chart: its token for the inventory', (chart) => {
  // Only the inventory client's piece: the API's default values lack its identity provider on purpose.
  it.each(renders)('mounts a projected service-account token for the inventory\'s audience at INVENTORY_TOKEN_FILE (%s)', async (_name, options) => {
    const definition = allChartDefinitions.find((candidate) => candidate.chart === chart)!;
    const manifests = await workspace.template(chart, options);
    const { inventory } = loadConfig(
      { inventory: definition.configPieces['inventory']! },
      environmentForApp(renderedEnvironment(manifests), secretPlaceholder),
    ) as { inventory: { credentials: { kind: string; path: string } } };
    expect(inventory.credentials.kind).toBe('token-file');
    const container = appContainer(manifests);
    const mount = container.volumeMounts.find((candidate: { mountPath: string }) => candidate.mountPath === dirname(inventory.credentials.path));
    expect(mount).toMatchObject({ name: 'inventory-token', readOnly: true });
    const volume = single(manifests, 'Deployment')['spec'].template.spec.volumes.find((candidate: { name: string }) => candidate.name === mount.name);
    expect(volume.projected.sources).toEqual([
      { serviceAccountToken: { audience: 'ticketing-inventory', expirationSeconds: 3600, path: basename(inventory.credentials.path) } },
    ]);
  });
});

describe('reservation-worker chart: its token for the API\'s internal endpoints', () => {
  const definition = allChartDefinitions.find((candidate) => candidate.chart === 'reservation-worker')!;
  const tokenFileOf = (manifests: Manifest[]) =>
    (definition.loadConfig(environmentForApp(renderedEnvironment(manifests), secretPlaceholder)) as { reservationApi: { tokenFile: string } })
      .reservationApi.tokenFile;
  /** The volume mounted (as a directory: a subPath mount would never see a rotated token) where the worker reads its token. */
  const tokenVolume = (manifests: Manifest[]) => {
    const tokenFile = tokenFileOf(manifests);
    const mount = appContainer(manifests).volumeMounts.find((candidate: { mountPath: string }) => candidate.mountPath === dirname(tokenFile));
    expect(mount).toMatchObject({ readOnly: true });
    expect(mount.subPath).toBeUndefined();
    return single(manifests, 'Deployment')['spec'].template.spec.volumes.find((candidate: { name: string }) => candidate.name === mount.name);
  };

  it.each(renders)('mounts a projected service-account token for the API\'s audience at RESERVATION_API_TOKEN_FILE (%s)', async (_name, options) => {
    const manifests = await workspace.template('reservation-worker', options);
    expect(tokenVolume(manifests).projected.sources).toEqual([
      { serviceAccountToken: { audience: 'ticketing-reservation-api', expirationSeconds: 3600, path: basename(tokenFileOf(manifests)) } },
    ]);
  });

  it("mounts the API's static token from a Secret instead, for the API's static-token fallback", async () => {
    const manifests = await workspace.template('reservation-worker', { set: { 'reservationApiToken.staticTokenSecretName': 'api-internal-token' } });
    const { secret } = tokenVolume(manifests);
    expect(secret).toMatchObject({ secretName: 'api-internal-token', items: [{ key: 'RESERVATION_API_INTERNAL_TOKEN', path: basename(tokenFileOf(manifests)) }] });
    expect(secret.optional).toBeUndefined(); // required: the pod does not start without it
  });
});
