import type { Manifest } from './chart-rendering';

/** Where a rendered container variable comes from. */
export type RenderedSource = 'configMap' | 'value' | 'secret';

/** One variable of a rendered container's environment. */
export interface RenderedVariable {
  readonly name: string;
  readonly source: RenderedSource;
  /** The value, for ConfigMap keys and plain values; undefined for Secret references. */
  readonly value: string | undefined;
  /** For Secret references: the Secret, the key and whether the reference is optional. */
  readonly secretKeyRef?: { readonly name: string; readonly key: string; readonly optional?: boolean };
}

/** The single object of a kind; throws when there is none or more than one. */
export function single(manifests: readonly Manifest[], kind: string): Manifest {
  const [found, ...others] = manifests.filter((manifest) => manifest.kind === kind);
  if (!found || others.length > 0) throw new Error(`expected one ${kind}, rendered ${others.length + (found ? 1 : 0)}`);
  return found;
}

/** The chart's main Service, named like its Deployment (the inventory also renders a headless one, the API an internal one). */
export function clusterIpService(manifests: readonly Manifest[]): Manifest {
  const name = single(manifests, 'Deployment').metadata.name;
  return single(
    manifests.filter((manifest) => manifest.kind !== 'Service' || manifest.metadata.name === name),
    'Service',
  );
}

/** The app container of the (single) Deployment. */
export function appContainer(manifests: readonly Manifest[]) {
  const [container, ...others] = single(manifests, 'Deployment')['spec'].template.spec.containers as Manifest[];
  if (!container || others.length > 0) throw new Error('expected the Deployment to run exactly one container');
  return container;
}

/**
 * The container's environment as the kubelet assembles it: every key of the ConfigMaps in
 * `envFrom`, then `env` entries (plain values and Secret references), later entries winning.
 * @throws Error when envFrom names a ConfigMap the chart did not render, or uses a Secret (whose keys a render cannot know).
 */
export function renderedEnvironment(manifests: readonly Manifest[]): Map<string, RenderedVariable> {
  const container = appContainer(manifests);
  const variables = new Map<string, RenderedVariable>();
  for (const source of container['envFrom'] ?? []) {
    if (!source.configMapRef) throw new Error(`envFrom ${JSON.stringify(source)}: only ConfigMaps are expected`);
    const configMap = manifests.find((manifest) => manifest.kind === 'ConfigMap' && manifest.metadata.name === source.configMapRef.name);
    if (!configMap) throw new Error(`envFrom names ConfigMap ${source.configMapRef.name}, which the chart does not render`);
    for (const [name, value] of Object.entries((configMap['data'] ?? {}) as Record<string, string>)) {
      variables.set(name, { name, source: 'configMap', value });
    }
  }
  for (const entry of container['env'] ?? []) {
    if (entry.valueFrom?.secretKeyRef) {
      variables.set(entry.name, { name: entry.name, source: 'secret', value: undefined, secretKeyRef: entry.valueFrom.secretKeyRef });
    } else {
      variables.set(entry.name, { name: entry.name, source: 'value', value: entry.value ?? '' });
    }
  }
  return variables;
}

/** The rendered environment as the app would read it, with `secretValue` standing in for each Secret reference. */
export function environmentForApp(variables: Map<string, RenderedVariable>, secretValue: string): Record<string, string> {
  return Object.fromEntries([...variables.values()].map((variable) => [variable.name, variable.value ?? secretValue]));
}

/** The number a probe or Service port means in the container: a number as is, a name through the container's ports. */
export function containerPortNumber(container: Manifest, port: number | string): number {
  if (typeof port === 'number') return port;
  const named = (container['ports'] as { name: string; containerPort: number }[]).find((candidate) => candidate.name === port);
  if (!named) throw new Error(`the container has no port named ${port}`);
  return named.containerPort;
}
