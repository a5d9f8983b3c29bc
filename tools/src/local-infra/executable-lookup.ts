import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ChildEnvironment } from './local-infra.config';
import { LocalInfraError } from './local-infra.errors';

/**
 * Absolute path of an executable, searched on the child environment's PATH (or checked as given
 * when already absolute).
 *
 * Resolved up front so a missing tool fails with install instructions instead of a bare ENOENT,
 * and so the recorded command line names the exact binary.
 */
export function requireExecutable(name: string, env: ChildEnvironment, installHint: string): string {
  const candidates = isAbsolute(name)
    ? [name]
    : (env['PATH'] ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, name));
  const found = candidates.find(isExecutable);
  if (found === undefined) {
    throw new LocalInfraError(`${name} not found${isAbsolute(name) ? '' : ' on PATH'}; ${installHint}`);
  }
  return found;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
