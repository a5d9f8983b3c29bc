import { readFile, writeFile } from 'node:fs/promises';

/**
 * A figure of /proc/<pid>/status in MB: VmRSS (resident now) or VmHWM ("high water mark", the peak
 * resident set size, tracked by the kernel, so no sampling can miss a spike). The kernel updates the
 * mark lazily, so a VmHWM read later can be a little below a VmRSS read earlier: the service child
 * reports the larger of them.
 */
export async function memoryFigureMb(pid: number, figure: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(new RegExp(`^${figure}:\\s+(\\d+)\\s+kB$`, 'm').exec(status)?.[1]);
  if (!Number.isFinite(kilobytes)) throw new Error(`no ${figure} in /proc/${pid}/status`);
  return Math.round((kilobytes / 1024) * 10) / 10;
}

/**
 * Restarts a process's peak (VmHWM := VmRSS, via /proc/<pid>/clear_refs), so a later VmHWM covers
 * only what happened since. False when the kernel refused.
 */
export function resetPeakRss(pid: number): Promise<boolean> {
  return writeFile(`/proc/${pid}/clear_refs`, '5').then(
    () => true,
    () => false,
  );
}
