import { forbiddenVariables, type ChartDefinition } from './chart-definitions';
import { configValuesSchema, type JsonSchema } from './config-schema';

/*
 * values.schema.json of each chart, generated (npm run charts:generate) so the parts the three
 * charts share are written once and `config` follows the app's own schema. Objects refuse unknown
 * keys: a misspelt value fails `helm install` instead of being ignored.
 */

const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const positiveInteger = { type: 'integer', minimum: 1 } as const;
const nonNegativeInteger = { type: 'integer', minimum: 0 } as const;
const port = { type: 'integer', minimum: 1, maximum: 65535 } as const;
const anyObject = { type: 'object' } as const;
const objectList = { type: 'array', items: { type: 'object' } } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
/** An integer, or "" for "not set". */
const optionalPercentage = { anyOf: [{ type: 'integer', minimum: 1, maximum: 100 }, { type: 'string', maxLength: 0 }] } as const;
/** A Kubernetes quantity such as `250m` or `256Mi`. */
const quantity = { anyOf: [{ type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$' }, { type: 'number' }] } as const;
/** A count or a percentage, as PodDisruptionBudgets take them; "" for "not set". */
const countOrPercentage = {
  anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^([0-9]+%)?$' }],
} as const;

function object(properties: Record<string, JsonSchema>, required: readonly string[] = Object.keys(properties)): JsonSchema {
  return { type: 'object', additionalProperties: false, required: [...required], properties };
}

const probeTimings = object({
  initialDelaySeconds: nonNegativeInteger,
  periodSeconds: positiveInteger,
  timeoutSeconds: positiveInteger,
  failureThreshold: positiveInteger,
});

/** `extraEnv` may set anything but the development-only authentication switches. */
const extraEnv = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string', minLength: 1, not: { enum: [...forbiddenVariables] } } },
  },
} as const;

/** Who may reach each app besides the monitoring namespace (see the `networkPolicy` values). */
const networkPolicyPeers: Record<ChartDefinition['chart'], Record<string, JsonSchema>> = {
  inventory: { grpcClients: { type: 'array', minItems: 1, items: { ...stringMap, minProperties: 1 } }, metricsNamespaceSelector: stringMap },
  'reservation-api': { httpClients: objectList, internalClients: { type: 'array', minItems: 1, items: { ...stringMap, minProperties: 1 } } },
  'reservation-worker': { metricsNamespaceSelector: stringMap },
};

function commonProperties(definition: ChartDefinition): Record<string, JsonSchema> {
  return {
    global: { ...anyObject, description: 'Values shared with other charts when this chart is a subchart.' },
    'ticketing-common': { ...anyObject, description: 'Values Helm passes to the ticketing-common library chart (it reads none).' },
    nameOverride: string,
    fullnameOverride: string,
    image: object({
      registry: string,
      repository: { type: 'string', minLength: 1 },
      tag: string,
      digest: { type: 'string', pattern: '^(sha256:[a-f0-9]{64})?$' },
      pullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
    }),
    imagePullSecrets: objectList,
    replicaCount: nonNegativeInteger,
    serviceAccount: object({
      create: boolean,
      name: string,
      roleArn: {
        type: 'string',
        pattern: '^(arn:aws[a-zA-Z-]*:iam::[0-9]{12}:role/.+)?$',
        description: 'IAM role ARN for IRSA, or empty',
      },
      annotations: stringMap,
    }),
    config: configValuesSchema(definition),
    nodeOptions: string,
    credentials: object({
      secretName: string,
      optional: boolean,
      keys: object(Object.fromEntries(definition.secretVariables.map((variable) => [variable, string]))),
    }),
    extraEnv,
    extraVolumes: objectList,
    extraVolumeMounts: objectList,
    resources: object(
      {
        requests: object({ cpu: quantity, memory: quantity }, ['memory']),
        limits: object({ cpu: quantity, memory: quantity }, ['memory']),
      },
      ['requests', 'limits'],
    ),
    securityContext: object({
      runAsUser: positiveInteger,
      runAsGroup: positiveInteger,
      fsGroup: positiveInteger,
    }),
    tmpVolume: object({ sizeLimit: quantity }),
    probes: object({ liveness: probeTimings, readiness: probeTimings }),
    terminationGracePeriodSeconds: positiveInteger,
    topologySpread: object({
      enabled: boolean,
      maxSkew: positiveInteger,
      whenUnsatisfiable: { type: 'string', enum: ['ScheduleAnyway', 'DoNotSchedule'] },
      topologyKeys: { type: 'array', items: { type: 'string', minLength: 1 } },
    }),
    podAnnotations: stringMap,
    podLabels: stringMap,
    nodeSelector: stringMap,
    tolerations: objectList,
    affinity: anyObject,
    priorityClassName: string,
    pdb: object({
      enabled: boolean,
      maxUnavailable: countOrPercentage,
      minAvailable: countOrPercentage,
      unhealthyPodEvictionPolicy: { type: 'string', enum: ['AlwaysAllow', 'IfHealthyBudget'] },
    }),
    networkPolicy: object({ enabled: boolean, ...networkPolicyPeers[definition.chart] }),
    metrics: object({
      scrapeAnnotations: boolean,
      serviceMonitor: object({
        enabled: boolean,
        interval: { type: 'string', pattern: '^[0-9]+(ms|s|m|h)$' },
        scrapeTimeout: { type: 'string', pattern: '^[0-9]+(ms|s|m|h)$' },
        labels: stringMap,
      }),
    }),
  };
}

const serviceType = { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] } as const;

const horizontalPodAutoscaler = object({
  enabled: boolean,
  minReplicas: positiveInteger,
  maxReplicas: positiveInteger,
  targetCPUUtilizationPercentage: optionalPercentage,
  targetMemoryUtilizationPercentage: optionalPercentage,
  metrics: objectList,
  behavior: anyObject,
});

/** A caller's projected service-account token for one audience (see the `inventoryToken` values). */
const projectedTokenProperties = {
  audience: { type: 'string', minLength: 1 },
  // The kubelet refuses projected tokens shorter than 10 minutes.
  expirationSeconds: { type: 'integer', minimum: 600 },
} as const;
const inventoryToken = object(projectedTokenProperties);

/** The services other services call know them by `config`; local mode only by this name (see the `serviceIdentity` values). */
const serviceIdentity = object({ localMode: boolean });

/** What only one chart has: its Service ports, how it scales, and the tokens it presents. */
const chartProperties: Record<ChartDefinition['chart'], Record<string, JsonSchema>> = {
  inventory: {
    service: object({ type: serviceType, ports: object({ grpc: port, http: port }), annotations: stringMap }),
    headlessService: object({ enabled: boolean }),
    autoscaling: horizontalPodAutoscaler,
    serviceIdentity,
  },
  'reservation-api': {
    service: object({ type: serviceType, port, internalPort: port, annotations: stringMap }),
    autoscaling: horizontalPodAutoscaler,
    inventoryToken,
    serviceIdentity,
  },
  'reservation-worker': {
    service: object({ type: serviceType, port, annotations: stringMap }),
    inventoryToken,
    reservationApiToken: object({
      ...projectedTokenProperties,
      staticTokenSecretName: string,
      staticTokenSecretKey: { type: 'string', minLength: 1 },
    }),
    keda: object({
      enabled: boolean,
      minReplicaCount: { ...nonNegativeInteger, description: '0 lets the worker scale to zero' },
      maxReplicaCount: positiveInteger,
      pollingInterval: positiveInteger,
      cooldownPeriod: nonNegativeInteger,
      sqs: object({
        queueURL: { type: 'string', pattern: '^(https://[^\\s/]+/[0-9]{12}/[A-Za-z0-9_-]+)?$' },
        queueLength: positiveInteger,
        activationQueueLength: nonNegativeInteger,
        scaleOnInFlight: boolean,
        awsRegion: string,
      }),
    }),
  },
};

/** The complete values.schema.json of one chart, as the text written to disk. */
export function renderValuesSchema(definition: ChartDefinition): string {
  const properties = { ...commonProperties(definition), ...chartProperties[definition.chart] };
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${definition.chart} chart values`,
    description: 'Generated by `npm run charts:generate` (tools/src/charts); do not edit by hand.',
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((key) => key !== 'global' && key !== 'ticketing-common'),
    properties,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
