import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { ServiceName } from '@ticketing/resources';
import { chartsDirectory } from './generated-chart-files';

const run = promisify(execFile);

/**
 * The Kubernetes version charts are checked against. A helm built with `go install` reports
 * v1.20 as the cluster version, below the charts' kubeVersion (>= 1.27: native gRPC probes,
 * matchLabelKeys), so it is always passed explicitly.
 */
export const kubeVersion = '1.31.0';

/** One rendered Kubernetes object, with the template it came from. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly source: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered objects are inspected field by field in tests
  readonly [field: string]: any;
}

/** How to render a chart. */
export interface RenderOptions {
  readonly release?: string;
  readonly namespace?: string;
  /** Values files, relative to the chart directory (e.g. `ci/production-values.yaml`). */
  readonly valuesFiles?: readonly string[];
  /** `--set` pairs. */
  readonly set?: Readonly<Record<string, string>>;
}

/** helm failed; `stderr` carries its message (a schema violation, a `fail` in a template, …). */
export class HelmCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`helm ${args.join(' ')} failed: ${stderr}`);
  }
}

/**
 * Lints and renders the charts from a private copy of charts/, with the library chart packaged
 * into each app chart by `helm dependency build`. The copy keeps concurrent test files (and the
 * developer's working tree) free of build output and of each other's half-written archives.
 */
export class ChartWorkspace {
  private constructor(
    private readonly helm: string,
    readonly directory: string,
    private readonly requiredValuesFile: string | undefined,
  ) {}

  /**
   * Copies charts/ (without built dependency archives) and builds each app chart's dependencies.
   * `requiredValuesFile` (relative to a chart, e.g. `ci/required-values.yaml`) is given first to
   * every lint and render of a chart that has it: the values an installation cannot do without.
   */
  static async prepare(helm: string, charts: readonly ServiceName[], options: { readonly requiredValuesFile?: string } = {}): Promise<ChartWorkspace> {
    const directory = await mkdtemp(join(tmpdir(), 'ticketing-charts-'));
    // Leave out `<chart>/charts/`, where `helm dependency build` puts the packaged library chart.
    const isBuiltDependency = (source: string) => /^[^/]+\/charts(\/|$)/.test(relative(chartsDirectory, source).split(sep).join('/'));
    await cp(chartsDirectory, directory, { recursive: true, filter: (source) => !isBuiltDependency(source) });
    const workspace = new ChartWorkspace(helm, directory, options.requiredValuesFile);
    for (const chart of charts) await workspace.helmCommand(['dependency', 'build', join(directory, chart)]);
    return workspace;
  }

  /** `helm lint --strict` of a chart (an app chart or the library) with the given values files; resolves with helm's output. */
  lint(chart: ServiceName | 'ticketing-common', valuesFiles: readonly string[] = []): Promise<string> {
    const path = join(this.directory, chart);
    return this.helmCommand(['lint', path, '--strict', '--kube-version', kubeVersion, ...this.valuesArguments(path, valuesFiles)]);
  }

  /** `helm template`, parsed into manifests. */
  async template(chart: ServiceName, options: RenderOptions = {}): Promise<Manifest[]> {
    const path = join(this.directory, chart);
    const output = await this.helmCommand([
      'template',
      options.release ?? chart,
      path,
      '--namespace',
      options.namespace ?? 'ticketing',
      '--kube-version',
      kubeVersion,
      ...this.valuesArguments(path, options.valuesFiles ?? []),
      ...Object.entries(options.set ?? {}).flatMap(([key, value]) => ['--set', `${key}=${value}`]),
    ]);
    return parseManifests(output);
  }

  /** Removes the copy. */
  dispose(): Promise<void> {
    return rm(this.directory, { recursive: true, force: true });
  }

  private valuesArguments(chartPath: string, valuesFiles: readonly string[]): string[] {
    const required = this.requiredValuesFile && existsSync(join(chartPath, this.requiredValuesFile)) ? [this.requiredValuesFile] : [];
    return [...required, ...valuesFiles].flatMap((file) => ['--values', join(chartPath, file)]);
  }

  private async helmCommand(args: readonly string[]): Promise<string> {
    try {
      const { stdout } = await run(this.helm, [...args], { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
      return stdout;
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new HelmCommandError(args, `${stderr ?? ''}${stdout ?? ''}`.trim() || String(error));
    }
  }
}

/** The documents of `helm template` output, each with the template (`# Source:`) it came from. */
export function parseManifests(output: string): Manifest[] {
  return parseAllDocuments(output).flatMap((document) => {
    const object = document.toJSON() as Record<string, unknown> | null;
    if (object === null) return [];
    // helm writes `# Source: <chart>/templates/<file>` above each document; the parser keeps it
    // on the document or on its top-level map.
    const comment = `${document.commentBefore ?? ''}\n${(document.contents as { commentBefore?: string } | null)?.commentBefore ?? ''}`;
    const source = /Source: (\S+)/.exec(comment)?.[1] ?? 'unknown';
    return [{ ...object, source } as Manifest];
  });
}
