import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { physicalName, reservationWorkerQueue, type ServiceName } from '@ticketing/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { allChartDefinitions } from '../src/charts/chart-definitions';
import { ChartWorkspace, HelmCommandError, type Manifest } from '../src/charts/chart-rendering';
import { chartsDirectory } from '../src/charts/generated-chart-files';
import { helmBinary } from '../src/charts/helm-binary';
import { appContainer, clusterIpService, containerPortNumber, single } from '../src/charts/rendered-workload';

const charts = allChartDefinitions.map((definition) => definition.chart);
const production = { valuesFiles: ['ci/production-values.yaml'] };

let workspace: ChartWorkspace;
beforeAll(async () => {
  const helm = await helmBinary({ log: (line) => console.error(`[charts] ${line}`) });
  workspace = await ChartWorkspace.prepare(helm, charts, { requiredValuesFile: 'ci/required-values.yaml' });
});
afterAll(() => workspace?.dispose());

const productionValues = async (chart: ServiceName) =>
  parse(await readFile(join(chartsDirectory, chart, 'ci/production-values.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;

const kinds = (manifests: readonly Manifest[]) => manifests.map((manifest) => manifest.kind).sort();
const podTemplate = (manifests: readonly Manifest[]) => single(manifests, 'Deployment')['spec'].template;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe.each(charts)('%s chart', (chart) => {
  let defaults: Manifest[];
  let productionLike: Manifest[];
  beforeAll(async () => {
    [defaults, productionLike] = await Promise.all([workspace.template(chart), workspace.template(chart, production)]);
  });

  it('passes helm lint --strict with its default values and with production-like values', async () => {
    await expect(workspace.lint(chart)).resolves.toContain('0 chart(s) failed');
    await expect(workspace.lint(chart, production.valuesFiles)).resolves.toContain('0 chart(s) failed');
  });

  it('renders one resource per template file', () => {
    for (const manifests of [defaults, productionLike]) {
      const sources = manifests.map((manifest) => manifest.source);
      expect(sources.filter((source, index) => sources.indexOf(source) !== index)).toEqual([]);
      expect(sources.every((source) => source.startsWith(`${chart}/templates/`))).toBe(true);
    }
  });

  it('renders the resources of its kind of workload, the optional ones only when enabled', () => {
    const scaling = chart === 'reservation-worker' ? ['ScaledObject', 'TriggerAuthentication'] : ['HorizontalPodAutoscaler'];
    const services = chart === 'reservation-worker' ? ['Service'] : ['Service', 'Service'];
    const always = ['ConfigMap', 'Deployment', 'NetworkPolicy', 'PodDisruptionBudget', ...services, 'ServiceAccount', ...scaling];
    expect(kinds(defaults)).toEqual([...always].sort());
    expect(kinds(productionLike)).toEqual([...always, 'ServiceMonitor'].sort());
  });

  it('runs a hardened pod: non-root, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp', () => {
    for (const manifests of [defaults, productionLike]) {
      const pod = podTemplate(manifests).spec;
      const container = appContainer(manifests);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        privileged: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      const tmp = container.volumeMounts.find((mount: { mountPath: string }) => mount.mountPath === '/tmp');
      expect(pod.volumes.find((volume: { name: string }) => volume.name === tmp?.name)).toMatchObject({ emptyDir: {} });
    }
  });

  it('sizes V8 for the memory limit the apps were benchmarked with', () => {
    const container = appContainer(defaults);
    expect(container.resources).toMatchObject({ requests: { memory: '256Mi' }, limits: { memory: '256Mi' } });
    expect(container.resources.requests.cpu).toBeDefined();
    expect(container.env).toContainEqual({ name: 'NODE_OPTIONS', value: '--max-old-space-size=128 --max-semi-space-size=4' });
  });

  it('runs as a ServiceAccount carrying the IRSA role from values', async () => {
    const roleArn = (await productionValues(chart))['serviceAccount']!['roleArn'];
    const account = single(productionLike, 'ServiceAccount');
    expect(account.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': roleArn });
    expect(podTemplate(productionLike).spec.serviceAccountName).toBe(account.metadata.name);
    expect(single(defaults, 'ServiceAccount').metadata.annotations).toBeUndefined();
  });

  it('selects its own pods from the Service, the PodDisruptionBudget and the topology spread', () => {
    for (const manifests of [defaults, productionLike]) {
      const labels = podTemplate(manifests).metadata.labels as Record<string, string>;
      expect(matches(single(manifests, 'Deployment')['spec'].selector.matchLabels, labels)).toBe(true);
      for (const service of manifests.filter((manifest) => manifest.kind === 'Service')) {
        expect(matches(service['spec'].selector, labels)).toBe(true);
      }
      expect(matches(single(manifests, 'PodDisruptionBudget')['spec'].selector.matchLabels, labels)).toBe(true);
      for (const constraint of podTemplate(manifests).spec.topologySpreadConstraints) {
        expect(matches(constraint.labelSelector.matchLabels, labels)).toBe(true);
      }
    }
    const topologyKeys = podTemplate(defaults).spec.topologySpreadConstraints.map((constraint: { topologyKey: string }) => constraint.topologyKey);
    expect(topologyKeys).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
  });

  it('points every Service port at a port the container declares', () => {
    for (const manifests of [defaults, productionLike]) {
      const container = appContainer(manifests);
      for (const service of manifests.filter((manifest) => manifest.kind === 'Service')) {
        for (const port of service['spec'].ports) expect(() => containerPortNumber(container, port.targetPort)).not.toThrow();
      }
    }
  });

  it('uses the ghcr.io/ticketing image of the app, tagged with the appVersion unless a tag or digest pins it', async () => {
    const { appVersion } = parse(await readFile(join(chartsDirectory, chart, 'Chart.yaml'), 'utf8')) as { appVersion: string };
    expect(appContainer(defaults).image).toBe(`ghcr.io/ticketing/${chart}:${appVersion}`);
    const image = (await productionValues(chart))['image']!;
    expect(appContainer(productionLike).image).toBe(
      image['digest'] ? `ghcr.io/ticketing/${chart}@${image['digest']}` : `ghcr.io/ticketing/${chart}:${image['tag']}`,
    );
  });

  it('keeps the PodDisruptionBudget from blocking drains of unready pods', () => {
    expect(single(defaults, 'PodDisruptionBudget')['spec']).toMatchObject({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });

  it('refuses the development-only authentication settings, in config and in extraEnv', async () => {
    await expect(workspace.template(chart, { set: { 'config.JWT_DEV_SECRET': 'a-development-secret-of-32-characters' } })).rejects.toThrow(
      /JWT_DEV_SECRET/,
    );
    await expect(workspace.template(chart, { set: { 'extraEnv[0].name': 'AUTH_MODE', 'extraEnv[0].value': 'dev-hs256' } })).rejects.toThrow(
      /extraEnv\/0\/name/,
    );
  });

  it('refuses a misspelt config variable and a port the kubelet could not probe', async () => {
    await expect(workspace.template(chart, { set: { 'config.HTTP_PROT': '3000' } })).rejects.toThrow(/HTTP_PROT/);
    await expect(workspace.template(chart, { set: { 'config.HTTP_PORT': '0' } })).rejects.toThrow(/HTTP_PORT/);
  });

  it('sets the credentials from the Secret named in values, required when not optional', async () => {
    const { secretName, optional } = (await productionValues(chart))['credentials'] as { secretName: string; optional: boolean };
    const references = appContainer(productionLike).env.filter((entry: { valueFrom?: unknown }) => entry.valueFrom);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      expect(reference.valueFrom.secretKeyRef).toEqual({ name: secretName, key: reference.name, optional });
    }
  });
});

describe.each(['inventory', 'reservation-api'] as const)('%s chart: HorizontalPodAutoscaler', (chart) => {
  it('scales the Deployment on CPU (and, in production, memory and a custom metric), leaving replicas to the HPA', async () => {
    const [defaults, productionLike] = await Promise.all([workspace.template(chart), workspace.template(chart, production)]);
    const hpa = single(defaults, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa['spec'].scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: single(defaults, 'Deployment').metadata.name });
    expect(hpa['spec'].metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    expect(single(defaults, 'Deployment')['spec'].replicas).toBeUndefined();

    const autoscaling = (await productionValues(chart))['autoscaling']!;
    const productionHpa = single(productionLike, 'HorizontalPodAutoscaler')['spec'];
    expect(productionHpa).toMatchObject({ minReplicas: autoscaling['minReplicas'], maxReplicas: autoscaling['maxReplicas'] });
    expect(productionHpa.metrics.length).toBeGreaterThan(1);
  });

  it('renders no HPA and a fixed replica count when autoscaling is disabled', async () => {
    const manifests = await workspace.template(chart, { set: { 'autoscaling.enabled': 'false', replicaCount: '4' } });
    expect(kinds(manifests)).not.toContain('HorizontalPodAutoscaler');
    expect(single(manifests, 'Deployment')['spec'].replicas).toBe(4);
  });
});

describe('reservation-worker chart: KEDA', () => {
  const chart = 'reservation-worker';

  it('scales on the backlog of the queue the worker consumes, with bounds and trigger settings from values', async () => {
    const manifests = await workspace.template(chart, { set: { 'config.RESOURCE_PREFIX': 'staging-', 'keda.minReplicaCount': '0' } });
    const scaledObject = single(manifests, 'ScaledObject');
    expect(scaledObject.apiVersion).toBe('keda.sh/v1alpha1');
    expect(scaledObject['spec']).toMatchObject({
      scaleTargetRef: { name: single(manifests, 'Deployment').metadata.name },
      minReplicaCount: 0,
      maxReplicaCount: 10,
      pollingInterval: 30,
      cooldownPeriod: 300,
    });
    expect(scaledObject['spec'].triggers).toEqual([
      {
        type: 'aws-sqs-queue',
        authenticationRef: { name: single(manifests, 'TriggerAuthentication').metadata.name },
        metadata: {
          queueURL: physicalName('staging-', reservationWorkerQueue.logicalName),
          queueLength: '20',
          activationQueueLength: '0',
          scaleOnInFlight: 'true',
          awsRegion: 'us-east-1',
        },
      },
    ]);
    expect(single(manifests, 'Deployment')['spec'].replicas).toBeUndefined();
  });

  it('authenticates KEDA as the worker itself, through AWS pod identity', async () => {
    const manifests = await workspace.template(chart);
    expect(single(manifests, 'TriggerAuthentication')['spec']).toEqual({ podIdentity: { provider: 'aws', identityOwner: 'workload' } });
  });

  it('takes the full queue URL and the bounds of production values', async () => {
    const keda = (await productionValues(chart))['keda'] as Record<string, unknown> & { sqs: Record<string, unknown> };
    const scaledObject = single(await workspace.template(chart, production), 'ScaledObject')['spec'];
    expect(scaledObject).toMatchObject({
      minReplicaCount: keda['minReplicaCount'],
      maxReplicaCount: keda['maxReplicaCount'],
      pollingInterval: keda['pollingInterval'],
      cooldownPeriod: keda['cooldownPeriod'],
    });
    expect(scaledObject.triggers[0].metadata).toMatchObject({
      queueURL: keda.sqs['queueURL'],
      queueLength: String(keda.sqs['queueLength']),
      activationQueueLength: String(keda.sqs['activationQueueLength']),
      awsRegion: 'eu-west-1',
    });
  });

  it('refuses a queue URL that is not the worker\'s queue', async () => {
    const render = workspace.template(chart, {
      valuesFiles: production.valuesFiles,
      set: { 'keda.sqs.queueURL': 'https://sqs.eu-west-1.amazonaws.com/123456789012/ticketing-prod-payments' },
    });
    await expect(render).rejects.toBeInstanceOf(HelmCommandError);
    await expect(render).rejects.toThrow(/must end in \/ticketing-prod-reservation-worker/);
  });

  it('falls back to a fixed replica count without KEDA', async () => {
    const manifests = await workspace.template(chart, { set: { 'keda.enabled': 'false', replicaCount: '3' } });
    expect(kinds(manifests)).not.toContain('ScaledObject');
    expect(kinds(manifests)).not.toContain('TriggerAuthentication');
    expect(single(manifests, 'Deployment')['spec'].replicas).toBe(3);
  });
});

describe('inventory chart: gRPC over TLS', () => {
  it('probes readiness with GET /ready instead of the gRPC probe, which speaks no TLS', async () => {
    const manifests = await workspace.template('inventory', {
      set: { 'config.INVENTORY_TLS_CERT_FILE': '/var/run/tls/tls.crt', 'config.INVENTORY_TLS_KEY_FILE': '/var/run/tls/tls.key' },
    });
    const { readinessProbe } = appContainer(manifests);
    expect(readinessProbe.grpc).toBeUndefined();
    expect(readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
  });
});

describe('reservation-api chart: the internal endpoints', () => {
  it('keeps them off the public Service, on a ClusterIP Service of their own', async () => {
    const manifests = await workspace.template('reservation-api', { set: { 'service.type': 'LoadBalancer' } });
    const publicService = clusterIpService(manifests);
    expect(publicService['spec'].ports.map((port: { targetPort: string }) => port.targetPort)).toEqual(['http']);
    const internal = manifests.filter((manifest) => manifest.kind === 'Service' && manifest !== publicService);
    expect(internal.map((service) => [service['spec'].type, service['spec'].ports.map((port: { targetPort: string }) => port.targetPort)])).toEqual([
      ['ClusterIP', ['internal']],
    ]);
  });
});

describe.each([
  ['inventory', 'INVENTORY_CLIENT_TOKEN'],
  ['reservation-api', 'RESERVATION_API_INTERNAL_TOKEN'],
] as const)('%s chart: caller authentication at render time', (chart, staticToken) => {
  const environmentOf = (manifests: readonly Manifest[]) => appContainer(manifests).env as { name: string; value?: string }[];

  it.each(['SERVICE_TOKEN_ISSUER', 'SERVICE_TOKEN_JWKS_URL'])('fails without the cluster issuer setting %s, naming it', async (variable) => {
    await expect(workspace.template(chart, { set: { [`config.${variable}`]: '' } })).rejects.toThrow(new RegExp(`config\\.${variable} is required`));
  });

  it('fails in static-token mode unless the token comes from a Secret the pods cannot start without', async () => {
    const staticMode = { 'config.SERVICE_AUTH_MODE': 'static-token' };
    await expect(workspace.template(chart, { set: staticMode })).rejects.toThrow(new RegExp(`static-token needs ${staticToken}`));
    await expect(workspace.template(chart, { set: { ...staticMode, 'credentials.optional': 'false', [`credentials.keys.${staticToken}`]: '' } })).rejects.toThrow(
      new RegExp(`static-token needs ${staticToken}`),
    );
    const manifests = await workspace.template(chart, { set: { ...staticMode, 'credentials.optional': 'false' } });
    expect(environmentOf(manifests)).toContainEqual(expect.objectContaining({ name: staticToken, valueFrom: expect.objectContaining({ secretKeyRef: expect.objectContaining({ optional: false }) }) }));
  });

  it('renders without an issuer only when local mode is asked for by name, and then tells the service', async () => {
    const defaults = await workspace.template(chart);
    expect(environmentOf(defaults).map((entry) => entry.name)).not.toContain('SERVICE_AUTH_LOCAL_MODE');
    const local = await workspace.template(chart, { set: { 'config.SERVICE_TOKEN_ISSUER': '', 'serviceIdentity.localMode': 'true' } });
    expect(environmentOf(local)).toContainEqual({ name: 'SERVICE_AUTH_LOCAL_MODE', value: 'true' });
    await expect(workspace.template(chart, { set: { 'config.SERVICE_AUTH_LOCAL_MODE': 'true' } })).rejects.toThrow(/SERVICE_AUTH_LOCAL_MODE/);
  });
});

describe('NetworkPolicies', () => {
  type Rule = { from?: { podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: { matchLabels: Record<string, string> } }[]; ports: { port: number }[] };
  const ingressOf = (manifests: readonly Manifest[]) => {
    const policy = single(manifests, 'NetworkPolicy');
    expect(policy['spec'].podSelector.matchLabels).toEqual(single(manifests, 'Deployment')['spec'].selector.matchLabels);
    expect(policy['spec'].policyTypes).toEqual(['Ingress']);
    return policy['spec'].ingress as Rule[];
  };
  const monitoringOnly = (rule: Rule | undefined, port: number) =>
    expect(rule).toEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port, protocol: 'TCP' }] });

  it("admit the inventory's gRPC port from the API's and the worker's pods only, and its HTTP port from the monitoring namespace", async () => {
    const [inventory, api, worker] = await Promise.all(['inventory', 'reservation-api', 'reservation-worker'].map((chart) => workspace.template(chart as ServiceName)));
    const [grpcRule, httpRule, ...others] = ingressOf(inventory!);
    expect(others).toEqual([]);
    expect(grpcRule?.ports).toEqual([{ port: 50051, protocol: 'TCP' }]);
    const admitted = (manifests: readonly Manifest[]) =>
      grpcRule!.from!.some((peer) => peer.podSelector && matches(peer.podSelector.matchLabels, podTemplate(manifests).metadata.labels));
    expect([admitted(api!), admitted(worker!), admitted(inventory!)]).toEqual([true, true, false]);
    monitoringOnly(httpRule, 8081);
  });

  it("admit only the monitoring namespace to the worker, anyone to the API's public port unless told otherwise, and only the worker to its internal port", async () => {
    const [worker, api] = await Promise.all([workspace.template('reservation-worker'), workspace.template('reservation-api')]);
    const workerRules = ingressOf(worker);
    expect(workerRules).toHaveLength(1);
    monitoringOnly(workerRules[0], 3001);
    const fromWorker = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'reservation-worker' } } };
    const internalRule = { from: [fromWorker], ports: [{ port: 3002, protocol: 'TCP' }] };
    expect(ingressOf(api)).toEqual([{ ports: [{ port: 3000, protocol: 'TCP' }] }, internalRule]);
    expect(matches(fromWorker.podSelector.matchLabels, podTemplate(worker).metadata.labels)).toBe(true);
    const fromIngressController = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } };
    const restricted = await workspace.template('reservation-api', {
      set: { 'networkPolicy.httpClients[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name': 'ingress-nginx' },
    });
    expect(ingressOf(restricted)).toEqual([{ ports: [{ port: 3000, protocol: 'TCP' }], from: [fromIngressController] }, internalRule]);
  });

  it.each(charts)('%s: none when disabled', async (chart) => {
    expect(kinds(await workspace.template(chart, { set: { 'networkPolicy.enabled': 'false' } }))).not.toContain('NetworkPolicy');
  });
});

describe('the charts together', () => {
  it('share a library chart that lints on its own', async () => {
    await expect(workspace.lint('ticketing-common')).resolves.toContain('0 chart(s) failed');
  });

  it("point the callers' default addresses at the inventory's headless Service and the reservation-api's internal Service", async () => {
    const [inventory, api, worker] = await Promise.all([
      workspace.template('inventory'),
      workspace.template('reservation-api'),
      workspace.template('reservation-worker'),
    ]);
    const headless = inventory.find((manifest) => manifest.kind === 'Service' && manifest['spec'].clusterIP === 'None');
    const grpcPort = headless?.['spec'].ports.find((port: { name: string }) => port.name === 'grpc').port;
    // No port mapping without a cluster IP: callers dial the pods, on the container's own port.
    expect(grpcPort).toBe(containerPortNumber(appContainer(inventory), 'grpc'));
    expect(headless?.['spec'].publishNotReadyAddresses).toBe(false);
    const inventoryAddress = `dns:///${headless?.metadata.name}:${grpcPort}`;
    const internalService = api.find((manifest) => manifest.kind === 'Service' && manifest.metadata.name.endsWith('-internal'))!;
    const configOf = (manifests: Manifest[]) => single(manifests, 'ConfigMap')['data'] as Record<string, string>;
    expect(configOf(api)['INVENTORY_GRPC_ADDRESS']).toBe(inventoryAddress);
    expect(configOf(worker)['INVENTORY_GRPC_ADDRESS']).toBe(inventoryAddress);
    expect(configOf(worker)['RESERVATION_API_URL']).toBe(`http://${internalService.metadata.name}:${internalService['spec'].ports[0].port}`);
    expect(containerPortNumber(appContainer(api), internalService['spec'].ports[0].targetPort)).toBe(Number(configOf(api)['INTERNAL_HTTP_PORT']));

    const withoutHeadless = await workspace.template('inventory', { set: { 'headlessService.enabled': 'false' } });
    expect(withoutHeadless.filter((manifest) => manifest.kind === 'Service')).toEqual([clusterIpService(inventory)]);
  });
});
