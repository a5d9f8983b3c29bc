import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  isRecordedProcess,
  logPath,
  readPidFile,
  removeLaunchRecord,
  writeLaunchRecord,
  type PidFileEntry,
} from './launch-record';
import type { ChildEnvironment, ComponentName } from './local-infra.config';
import { LocalInfraError } from './local-infra.errors';
import { readLogTail } from './log-tail';
import { isPortFree } from './port-probe';
import { inspectProcess, processGroupExists, signalIfPresent } from './process-table';
import { waitUntilReady, type ReadinessProbe } from './readiness';

/** A port a process needs, and the setting that chose it (named in "port busy" errors). */
export interface PortClaim {
  readonly port: number;
  readonly setting: string;
}

/** How to run one long-lived stand-in process and how to tell it is ready. */
export interface ProcessSpec {
  readonly component: ComponentName;
  /** File stem of its pid file, launch record and log. */
  readonly name: string;
  /** Absolute path, so the recorded command line is unambiguous. */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: ChildEnvironment;
  /** The port clients use. */
  readonly port: number;
  /** Every port it will bind; all must be free before it starts. */
  readonly claims: readonly PortClaim[];
  /** See {@link LaunchRecord.retitledAs}. */
  readonly retitledAs?: string;
  /** See {@link LaunchRecord.scratchDir}. */
  readonly scratchDir?: string;
  readonly probe: ReadinessProbe;
}

/** A stand-in process that is running and answering. */
export interface SupervisedProcess {
  readonly component: ComponentName;
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** True when an earlier `up` had already started it. */
  readonly reused: boolean;
}

/** Where `up` and `down` keep their files, and how long they wait. */
export interface SupervisorSettings {
  readonly stateDir: string;
  readonly readinessTimeoutMs: number;
  readonly stopTimeoutMs: number;
}

/** What `down` did with one pid file. */
export type StopOutcome =
  | { readonly name: string; readonly pid: number; readonly result: 'stopped' }
  | { readonly name: string; readonly pid: number | undefined; readonly result: 'not-running' }
  | { readonly name: string; readonly pid: number; readonly result: 'left-alone'; readonly reason: string };

/**
 * Leaves a matching, answering process alone; otherwise starts it detached in its own process group,
 * output to `<stateDir>/<name>.log`, and waits (bounded) until it answers.
 *
 * Refuses to start when one of its ports is taken by anything else, rather than racing it.
 */
export async function ensureProcessRunning(
  spec: ProcessSpec,
  settings: SupervisorSettings,
): Promise<SupervisedProcess> {
  const entry = await readPidFile(settings.stateDir, spec.name);
  if (entry.record !== undefined && (await isRunning(entry))) {
    return adoptRunningProcess(spec, entry.record.pid, entry.record.port, settings);
  }
  if (entry.pid !== undefined) {
    // Our process died (or the file is not ours to trust); keep the scratch dir so a cluster node
    // restarted with its old nodes.conf rejoins its cluster under the same identity.
    await removeLaunchRecord(settings.stateDir, { ...entry, record: undefined });
  }
  for (const claim of spec.claims) {
    if (!(await isPortFree('127.0.0.1', claim.port))) {
      throw new LocalInfraError(
        `${spec.component}: port ${claim.port} is already in use by another process (not started by this tool); free it or choose another port with ${claim.setting}`,
      );
    }
  }
  const child = await spawnDetached(spec, settings.stateDir);
  const pid = child.pid;
  const outcome = await waitUntilReady({
    probe: spec.probe,
    timeoutMs: settings.readinessTimeoutMs,
    hasExited: async () => hasExited(child),
  });
  if (outcome === 'ready') return { component: spec.component, name: spec.name, pid, port: spec.port, reused: false };

  const failure =
    outcome === 'exited'
      ? `exited during startup`
      : `did not answer on port ${spec.port} within ${settings.readinessTimeoutMs / 1000} s`;
  const log = logPath(settings.stateDir, spec.name);
  // A stand-in that never became ready is useless and would hold its port against the next attempt.
  await terminateChild(child, settings.stopTimeoutMs);
  await removeLaunchRecord(settings.stateDir, { name: spec.name, pid, record: undefined });
  throw new LocalInfraError(`${spec.component}: ${spec.name} ${failure} (log: ${log})`, await readLogTail(log));
}

/** True when the pid file names a live process that is provably the one we recorded. */
export async function isRunning(entry: PidFileEntry): Promise<boolean> {
  if (entry.record === undefined) return false;
  const facts = await inspectProcess(entry.record.pid);
  return facts !== undefined && isRecordedProcess(facts, entry.record);
}

/**
 * Stops the process a pid file names, if and only if it is still the process we started: SIGTERM to
 * its process group, a bounded wait, then SIGKILL. A pid that now belongs to something else is left
 * alone. The pid file and launch record are removed either way; the log is kept.
 */
export async function stopRecordedProcess(entry: PidFileEntry, settings: SupervisorSettings): Promise<StopOutcome> {
  const { name, pid, record } = entry;
  const facts = pid === undefined ? undefined : await inspectProcess(pid);
  if (pid === undefined || facts === undefined) {
    await removeLaunchRecord(settings.stateDir, entry);
    return { name, pid, result: 'not-running' };
  }
  if (record === undefined || !isRecordedProcess(facts, record)) {
    await removeLaunchRecord(settings.stateDir, entry);
    return {
      name,
      pid,
      result: 'left-alone',
      reason: `pid ${pid} is now "${facts.argv.join(' ')}", not the process this tool started`,
    };
  }

  // We spawned it detached, so it leads its own group; signalling the group also reaches any
  // helpers it forked. Should that ever not hold, signal only the process itself.
  const target = facts.processGroup === pid ? -pid : pid;
  signalIfPresent(target, 'SIGTERM');
  if (!(await waitForExit(pid, settings.stopTimeoutMs)) && (await isRunning(entry))) {
    signalIfPresent(target, 'SIGKILL');
    if (!(await waitForExit(pid, 5000))) {
      throw new LocalInfraError(`${name}: pid ${pid} survived SIGKILL; check it with ps -o stat= -p ${pid}`);
    }
  }
  // Linux never hands out a pid still used as a group id, so any member left is one of ours. It
  // may hold the port: "stopped" means gone, so wait for the group to vanish too.
  if (target < 0 && processGroupExists(pid)) {
    signalIfPresent(target, 'SIGKILL');
    if (!(await waitForGroupExit(pid, 5000))) {
      throw new LocalInfraError(`${name}: process group ${pid} survived SIGKILL; check it with ps -o pid,stat,args -g ${pid}`);
    }
  }
  await removeLaunchRecord(settings.stateDir, entry);
  return { name, pid, result: 'stopped' };
}

async function adoptRunningProcess(
  spec: ProcessSpec,
  pid: number,
  recordedPort: number,
  settings: SupervisorSettings,
): Promise<SupervisedProcess> {
  if (recordedPort !== spec.port) {
    throw new LocalInfraError(
      `${spec.component}: ${spec.name} is already running on port ${recordedPort} (pid ${pid}), not ${spec.port}; run infra:down before changing its port`,
    );
  }
  // Give one that is still starting (a concurrent or interrupted `up`) the usual time to answer.
  const outcome = await waitUntilReady({ probe: spec.probe, timeoutMs: settings.readinessTimeoutMs });
  if (outcome !== 'ready') {
    const log = logPath(settings.stateDir, spec.name);
    throw new LocalInfraError(
      `${spec.component}: ${spec.name} (pid ${pid}) is running but does not answer on port ${spec.port}; run infra:down and retry (log: ${log})`,
      await readLogTail(log),
    );
  }
  return { component: spec.component, name: spec.name, pid, port: spec.port, reused: true };
}

/** A child we spawned, with its pid known. */
type SpawnedChild = ChildProcess & { readonly pid: number };

async function spawnDetached(spec: ProcessSpec, stateDir: string): Promise<SpawnedChild> {
  await mkdir(stateDir, { recursive: true });
  await mkdir(spec.cwd, { recursive: true });
  // Truncated per start so the tail shown on failure belongs to this attempt.
  const log = await open(logPath(stateDir, spec.name), 'w');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      // Own process group: `down` can signal it as a whole, and Ctrl-C in the shell that ran `up`
      // does not reach it.
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
    });
    await once(child, 'spawn');
    // Do not keep the CLI alive for it; `exit` events still arrive while we wait for readiness.
    child.unref();
    if (child.pid === undefined) throw new LocalInfraError(`${spec.component}: could not start ${spec.command}`);
    await writeLaunchRecord(stateDir, {
      component: spec.component,
      name: spec.name,
      pid: child.pid,
      port: spec.port,
      command: spec.command,
      args: spec.args,
      cwd: spec.cwd,
      retitledAs: spec.retitledAs,
      scratchDir: spec.scratchDir,
      startedAt: new Date().toISOString(),
    });
    return child as SpawnedChild;
  } catch (error) {
    if (error instanceof LocalInfraError) throw error;
    throw new LocalInfraError(`${spec.component}: could not start ${spec.command}: ${(error as Error).message}`, [], {
      cause: error,
    });
  } finally {
    await log.close();
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Stops a child this very run spawned. Needs no /proc check: until Node has seen it exit, the pid
 * cannot have been reused, whatever the process has exec'd into since.
 */
async function terminateChild(child: SpawnedChild, timeoutMs: number): Promise<void> {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    if (hasExited(child)) break;
    const exited = once(child, 'exit');
    signalIfPresent(-child.pid, signal);
    await Promise.race([exited, sleep(signal === 'SIGTERM' ? timeoutMs : 5000)]);
  }
  // Helpers it forked may outlive it; the group id stays ours while any of them lives.
  if (processGroupExists(child.pid)) signalIfPresent(-child.pid, 'SIGKILL');
}

async function waitForGroupExit(processGroup: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processGroupExists(processGroup)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while ((await inspectProcess(pid)) !== undefined) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}
