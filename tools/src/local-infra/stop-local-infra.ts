import { listPidFiles, type PidFileEntry } from './launch-record';
import { componentNames, type ComponentName, type LocalInfraConfig } from './local-infra.config';
import { stopRecordedProcess, type StopOutcome } from './process-supervisor';

/** Options for {@link stopLocalInfra}. */
export interface StopLocalInfraOptions {
  /** Human-readable progress, one line per call. */
  readonly onProgress?: (message: string) => void;
}

/**
 * Stops what `startLocalInfra` started from this state dir, for the selected components, whatever
 * ports they were started on: every pid file is checked against its launch record and
 * /proc/<pid>/cmdline before anything is signalled, so a stale pid that now belongs to an unrelated
 * process is left alone (and its pid file removed).
 */
export async function stopLocalInfra(
  config: LocalInfraConfig,
  options: StopLocalInfraOptions = {},
): Promise<StopOutcome[]> {
  const report = options.onProgress ?? ignoreProgress;
  const entries = (await listPidFiles(config.stateDir)).filter((entry) => {
    const component = componentOf(entry);
    return component !== undefined && config.components.includes(component);
  });
  const outcomes = await Promise.all(entries.map((entry) => stopRecordedProcess(entry, config)));
  for (const outcome of outcomes) {
    if (outcome.result === 'stopped') report(`${outcome.name}: stopped (pid ${outcome.pid})`);
    else if (outcome.result === 'left-alone') report(`${outcome.name}: left alone, ${outcome.reason}`);
    else report(`${outcome.name}: was not running`);
  }
  if (outcomes.length === 0) report(`nothing to stop in ${config.stateDir}`);
  return outcomes;
}

/** The launch record says; without one, the file name does (`redis-cluster-7000` → `redis-cluster`). */
function componentOf(entry: PidFileEntry): ComponentName | undefined {
  if (entry.record !== undefined) return entry.record.component;
  return componentNames.find((name) => entry.name === name || new RegExp(`^${name}-\\d+$`).test(entry.name));
}

function ignoreProgress(): void {
  // Callers that pass no onProgress want a quiet API.
}
