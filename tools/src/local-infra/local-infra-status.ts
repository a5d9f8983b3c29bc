import { selectedComponents } from './components';
import { readPidFile } from './launch-record';
import type { ComponentName, LocalInfraConfig } from './local-infra.config';
import { isRunning } from './process-supervisor';

/** One stand-in process as `status` sees it. */
export interface ProcessStatus {
  readonly component: ComponentName;
  readonly name: string;
  /** Only set while the process this tool started is alive. */
  readonly pid: number | undefined;
  readonly port: number | undefined;
  /** `unresponsive`: our process is alive but does not answer (still starting, or wedged). */
  readonly state: 'up' | 'down' | 'unresponsive';
  /** Why it cannot run here, e.g. a missing binary. */
  readonly note?: string;
}

/**
 * Reports each selected stand-in: pid, port, and whether it answers right now. Read-only: it never
 * starts, stops or waits for anything.
 */
export async function localInfraStatus(config: LocalInfraConfig): Promise<ProcessStatus[]> {
  const rows = selectedComponents(config).map(async (component): Promise<ProcessStatus[]> => {
    let specs;
    try {
      specs = component.processes(config);
    } catch (error) {
      const note = error instanceof Error ? error.message : String(error);
      return [{ component: component.name, name: component.name, pid: undefined, port: undefined, state: 'down', note }];
    }
    return Promise.all(
      specs.map(async (spec): Promise<ProcessStatus> => {
        const entry = await readPidFile(config.stateDir, spec.name);
        const base = { component: spec.component, name: spec.name };
        if (entry.record === undefined || !(await isRunning(entry))) {
          return { ...base, pid: undefined, port: spec.port, state: 'down' };
        }
        const answers = entry.record.port === spec.port && (await spec.probe().catch(() => false));
        return { ...base, pid: entry.record.pid, port: entry.record.port, state: answers ? 'up' : 'unresponsive' };
      }),
    );
  });
  return (await Promise.all(rows)).flat();
}
